"""Import the member communes of a PNR, a Pays/PETR or another grouping from a CSV file.

Nobody ships the list of communes of a PNR or a Pays: a curator gets it from the grouping
itself (charter, syndicat mixte, website) and imports it here. Until then the grouping's
``membership_complete`` stays false and nothing may be invented.

File
----
A CSV file whose **first column** holds INSEE commune codes, one a line; other columns (a
name, a comment) are ignored. The first line may be a header (``code``, ``code_insee``,
``insee``, ``codgeo``…). UTF-8 with or without BOM (what spreadsheets write); a file that is not
UTF-8 is read as Windows-1252, which changes nothing for codes. The separator is a comma,
a semicolon or a tab (guessed from the first line). Blank lines are skipped.

Contract
--------
* **Everything is checked first.** Each bad line is reported with its number and reason:
  malformed code (a lost leading zero is pointed out, never fixed silently), unknown code,
  a code that is not a commune (EPCI, département…), a commune that no longer exists with no
  current commune known for it, a duplicate (the same code twice, or an old code and the
  current code of the same commune), and a commune outside the régions or départements the
  grouping lies in (fix the grouping's ``containers`` first). A file without any code is
  refused too. If anything is wrong, :class:`MembersError` lists every problem and **nothing
  is written**.
* An **old code** (commune merged into a commune nouvelle) resolves to the current commune
  through ``Territory.objects.by_key`` and ``FormerCode``. Arrondissements municipaux (Paris,
  Lyon, Marseille) are communes in their own right and are imported like any other.
* **One transaction.** The grouping is added to each listed commune's ``containers``
  (communes only: nothing else gains or loses the grouping), and the grouping's
  ``membership_complete`` becomes true.
* **Never removes without being asked.** With ``replace=False`` the file is added to the
  members already known. With ``replace=True`` the file is the complete list: member communes
  absent from it lose the grouping (they are counted in ``removed``).
* **Idempotent.** Importing the same file again adds and removes nothing.
* ``dry_run=True`` validates and computes the same report without writing anything (used by
  ``--dry-run`` and by the admin's preview).
"""

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from territories.models import FormerCode, MembershipChange, Territory, TerritoryKind
from territories.services.reference import GROUPING_KINDS

HEADER_NAMES = {
    "code",
    "code insee",
    "code_insee",
    "codeinsee",
    "insee",
    "codgeo",
    "code commune",
    "code_commune",
    "code_commune_insee",
    "com",
}
COMMUNE_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
MAX_PROBLEMS_SHOWN = 200


class MembersError(Exception):
    """The file cannot be imported; ``problems`` lists every reason (« ligne N : … »)."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class MembersReport:
    grouping: Territory
    replace: bool
    dry_run: bool
    added: list = field(default_factory=list)  # communes that gain the grouping
    already: list = field(default_factory=list)  # listed communes that were members already
    removed: list = field(default_factory=list)  # members absent from the file (replace)
    kept: list = field(default_factory=list)  # members absent from the file, kept (no replace)
    former_codes: list = field(default_factory=list)  # (line, old code, current commune)

    @property
    def counts(self):
        return {
            "added": len(self.added),
            "already": len(self.already),
            "removed": len(self.removed),
        }

    def lines(self):
        """The report in French, one sentence a line."""
        verb = "seraient" if self.dry_run else "ont été"
        lines = [
            f"{self.grouping.name} ({self.grouping.key}) : "
            f"{len(self.added) + len(self.already)} communes dans le fichier.",
            f"{len(self.added)} communes {verb} ajoutées, "
            f"{len(self.already)} étaient déjà membres.",
        ]
        if self.replace:
            lines.append(f"{len(self.removed)} communes absentes du fichier {verb} retirées.")
        elif self.kept:
            lines.append(
                f"{len(self.kept)} communes déjà membres sont absentes du fichier et restent "
                "membres (cochez « remplacer la liste » / utilisez --replace pour les retirer)."
            )
        for line, old, commune in self.former_codes:
            lines.append(f"Ligne {line} : ancien code {old} → {commune} ({commune.code}).")
        if self.dry_run:
            lines.append("Simulation : rien n’a été enregistré.")
        else:
            lines.append("Liste des communes membres marquée comme connue.")
        return lines


def _read_text(csv_file):
    if isinstance(csv_file, str | Path):
        data = Path(csv_file).read_bytes()
    else:
        if hasattr(csv_file, "seek"):
            csv_file.seek(0)
        data = csv_file.read()
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise MembersError(
                ["Le fichier n’est pas un texte lisible : enregistrez-le en CSV UTF-8."]
            ) from error


def _rows(text):
    """(line number, first cell) for every non-blank line."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if ";" in first else "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for row in reader:
        cell = (row[0] if row else "").strip().strip('"').strip()
        if cell or any(c.strip() for c in row):
            yield reader.line_num, cell


def _resolve(code):
    """(current commune or None, reason if not usable)."""
    territory = Territory.objects.by_key(code)
    if territory is None:
        return None, f"code « {code} » inconnu"
    if territory.kind != TerritoryKind.COMMUNE:
        return None, (
            f"« {code} » désigne {territory.label}, pas une commune "
            "(seules les communes peuvent être membres)"
        )
    if not territory.is_current:
        former = FormerCode.objects.filter(code=territory.code).select_related("territory")
        current = next((f.territory for f in former if f.territory.is_current), None)
        if current is None:
            return None, (
                f"la commune {territory} ({code}) n’existe plus et aucune commune actuelle "
                "ne la remplace"
            )
        territory = current
    return territory, None


def _enclosing(grouping):
    """Régions and départements the grouping lies in, by kind (a member must be in one)."""
    by_kind = {}
    for container in grouping.containers.filter(
        kind__in=(TerritoryKind.REGION, TerritoryKind.DEPARTEMENT)
    ):
        by_kind.setdefault(container.kind, set()).add(container.pk)
    return by_kind


def check_grouping(grouping):
    if grouping is None:
        raise MembersError(["Regroupement inconnu."])
    if grouping.kind not in GROUPING_KINDS:
        raise MembersError(
            [
                f"{grouping.label} n’est pas un PNR, un Pays/PETR ou un regroupement : "
                "ses communes viennent du référentiel national et ne s’importent pas."
            ]
        )


def read_members(grouping, csv_file):
    """Validate the file; returns ``(communes, former_codes)`` or raises MembersError."""
    check_grouping(grouping)
    text = _read_text(csv_file)
    problems, communes, seen_codes, seen_communes, former_codes = [], [], {}, {}, []
    enclosing = _enclosing(grouping)
    header_allowed = True
    for line, cell in _rows(text):
        if header_allowed and cell.lower().strip(" _-") in HEADER_NAMES:
            header_allowed = False
            continue
        header_allowed = False
        code = cell.upper()
        if not code:
            problems.append(f"ligne {line} : première colonne vide")
            continue
        if not COMMUNE_CODE.match(code):
            other = Territory.objects.by_key(cell)
            if other is not None:
                problems.append(
                    f"ligne {line} : « {cell} » désigne {other.label}, pas une commune "
                    "(seules les communes peuvent être membres)"
                )
                continue
            hint = ""
            if re.fullmatch(r"\d{4}", code):
                hint = (
                    f" ; un zéro initial a-t-il été perdu par le tableur (« 0{code} ») ?"
                    " Rien n’est corrigé automatiquement"
                )
            problems.append(
                f"ligne {line} : « {cell[:40]} » n’est pas un code INSEE de commune "
                f"(5 caractères, ex. 53147 ou 2A004){hint}"
            )
            continue
        if code in seen_codes:
            problems.append(f"ligne {line} : code {code} en double (déjà ligne {seen_codes[code]})")
            continue
        seen_codes[code] = line
        commune, reason = _resolve(code)
        if reason:
            problems.append(f"ligne {line} : {reason}")
            continue
        if commune.pk in seen_communes:
            problems.append(
                f"ligne {line} : {code} désigne {commune} ({commune.code}), "
                f"déjà listée ligne {seen_communes[commune.pk]} (doublon)"
            )
            continue
        seen_communes[commune.pk] = line
        if enclosing:
            inside = set(commune.containers.values_list("pk", flat=True))
            outside = [kind for kind, pks in enclosing.items() if not pks & inside]
            if outside:
                names = ", ".join(
                    str(t)
                    for t in grouping.containers.filter(
                        kind__in=outside, pk__in=set().union(*enclosing.values())
                    )
                )
                problems.append(
                    f"ligne {line} : {commune} ({commune.code}) n’est dans aucun des territoires "
                    f"où se trouve {grouping.name} ({names}) ; corrigez le code, ou ajoutez "
                    "d’abord la région ou le département aux territoires englobants du "
                    "regroupement"
                )
                continue
        if commune.code != code:
            former_codes.append((line, code, commune))
        communes.append(commune)
    if not problems and not communes:
        problems.append("Le fichier ne contient aucun code de commune.")
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            shown.append(f"… et {len(problems) - MAX_PROBLEMS_SHOWN} autres lignes en erreur.")
        raise MembersError(shown)
    return communes, former_codes


def current_members(grouping):
    return Territory.objects.filter(containers=grouping, kind=TerritoryKind.COMMUNE)


def import_members(grouping, csv_file, replace=False, dry_run=False, user=None, source=""):
    """Import the communes of ``csv_file`` as members of ``grouping``.

    ``csv_file`` is a path or an open file (text or bytes, e.g. an uploaded file). Returns a
    :class:`MembersReport` (``report.counts`` gives ``added``, ``already`` and ``removed``);
    raises :class:`MembersError` listing every bad line, in which case nothing is written.
    See the module docstring for the full contract.
    """
    communes, former_codes = read_members(grouping, csv_file)
    with transaction.atomic():
        members = {t.pk: t for t in current_members(grouping)}
        wanted = {t.pk: t for t in communes}
        report = MembersReport(grouping=grouping, replace=replace, dry_run=dry_run)
        report.former_codes = former_codes
        report.added = [t for pk, t in wanted.items() if pk not in members]
        report.already = [t for pk, t in wanted.items() if pk in members]
        absent = sorted((t for pk, t in members.items() if pk not in wanted), key=str)
        if replace:
            report.removed = absent
        else:
            report.kept = absent
        if dry_run:
            return report
        through = Territory.containers.through
        through.objects.bulk_create(
            [through(from_territory=t, to_territory=grouping) for t in report.added]
        )
        if report.removed:
            through.objects.filter(
                to_territory=grouping, from_territory__in=[t.pk for t in report.removed]
            ).delete()
        if not grouping.membership_complete:
            grouping.membership_complete = True
            grouping.save(update_fields=["membership_complete"])
        if report.added or report.removed:
            MembershipChange.objects.create(
                grouping=grouping,
                changed_by=user,
                source=source[:200],
                added=" ".join(t.code for t in report.added),
                removed=" ".join(t.code for t in report.removed),
            )
    return report


def undo_membership_change(change, user=None):
    """Undo ``change``: its added communes leave the grouping, its removed ones come back.

    Recorded as a new change (so it can be undone in turn); refused when already undone.
    Returns the new :class:`MembershipChange`."""
    if change.undone_by_id:
        raise MembersError(["Ce changement a déjà été annulé."])
    grouping = change.grouping
    through = Territory.containers.through
    with transaction.atomic():
        leaving = list(
            Territory.objects.filter(
                kind=TerritoryKind.COMMUNE, code__in=change.added_codes, containers=grouping
            )
        )
        returning = list(
            Territory.objects.filter(
                kind=TerritoryKind.COMMUNE, code__in=change.removed_codes
            ).exclude(containers=grouping)
        )
        through.objects.filter(
            to_territory=grouping, from_territory__in=[t.pk for t in leaving]
        ).delete()
        through.objects.bulk_create(
            [through(from_territory=t, to_territory=grouping) for t in returning]
        )
        undo = MembershipChange.objects.create(
            grouping=grouping,
            changed_by=user,
            source=f"Annulation du changement du {change.changed_at:%d/%m/%Y %H:%M}",
            added=" ".join(t.code for t in returning),
            removed=" ".join(t.code for t in leaving),
        )
        change.undone_by = undo
        change.save(update_fields=["undone_by"])
    return undo
