"""Load reference territories from a JSON file.

Contract: idempotent (territories are matched by kind + official code; loading twice
changes nothing), all-or-nothing (one transaction, every entry validated first), and it never
deletes: territories absent from the file are left as they are. Containment is *added*:
a territory's ``containers`` gains those the file names, and always includes France.

File format: a JSON list of ``{"kind", "code", "name", "population", "latitude",
"longitude", "containers": ["<key>", ...], "membership_complete", "source"}``; containers must
appear earlier in the file or already exist, and are given transitively (a commune names its
EPCI, département and région). ``source`` (free text: which document names the territory) is
kept in the file for reviewers and ignored by the loader.

``membership_complete`` (is the list of member communes known?) is *curator data*, like an
imported list of members:

* when a territory is **created**, it takes the value of the entry, or by default ``false``
  for a PNR, a Pays/PETR or another grouping (nobody has imported its communes yet) and
  ``true`` for every other kind;
* when a territory **already exists**, it is changed only if the entry states it explicitly.
  An entry without the key never flips it back to ``false`` after a curator imported the
  members (``manage.py import_members`` or the admin), so re-loading the shipped groupings
  keeps what was imported. Shipped groupings therefore omit the key.
"""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from territories.models import Territory, TerritoryKind, territory_key


class TerritoryFileError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


FIELDS = ("name", "population", "latitude", "longitude")

# Kinds whose members are not derived from the official geography: their list of communes
# is unknown until a curator imports it.
GROUPING_KINDS = (TerritoryKind.PNR, TerritoryKind.PAYS, TerritoryKind.GROUPING)


def default_membership_complete(kind):
    return kind not in GROUPING_KINDS


def load_territories(path):
    """Returns ``(created, updated)`` counts."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    problems = []
    if not isinstance(entries, list):
        raise TerritoryFileError(
            [f"{Path(path).name} : une liste JSON de territoires est attendue"]
        )
    keys = set(Territory.objects.values_list("key", flat=True))
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems.append(f"{Path(path).name} [{index}] : un objet JSON est attendu")
            continue
        where = f"{Path(path).name} [{index}] {entry.get('name', '?')}"
        if entry.get("kind") not in TerritoryKind.values or not entry.get("code"):
            problems.append(f"{where} : type ou code manquant ou inconnu")
            continue
        candidate = Territory(**{k: entry.get(k) for k in ("kind", "code", *FIELDS)})
        try:
            candidate.clean_fields()
            candidate.clean()
        except ValidationError as error:
            problems.append(f"{where} : {'; '.join(error.messages)}")
        if "membership_complete" in entry and not isinstance(entry["membership_complete"], bool):
            problems.append(f"{where} : « membership_complete » doit valoir true ou false")
        for key in entry.get("containers", []):
            if key not in keys:
                problems.append(f"{where} : territoire englobant inconnu « {key} »")
        for key in entry.get("departements", []):
            if key not in keys or not key.startswith("dep-"):
                problems.append(f"{where} : département inconnu « {key} »")
        keys.add(territory_key(entry["kind"], entry["code"]))
    if problems:
        raise TerritoryFileError(problems)

    created = updated = 0
    france = Territory.objects.get(kind=TerritoryKind.COUNTRY, code="FR")
    with transaction.atomic():
        for entry in entries:
            values = {k: entry.get(k) for k in FIELDS}
            territory = Territory.objects.filter(kind=entry["kind"], code=entry["code"]).first()
            if territory is None:
                territory = Territory.objects.create(
                    kind=entry["kind"],
                    code=entry["code"],
                    membership_complete=entry.get(
                        "membership_complete", default_membership_complete(entry["kind"])
                    ),
                    **values,
                )
                created += 1
            else:
                if "membership_complete" in entry:  # only when the file says so explicitly
                    values["membership_complete"] = entry["membership_complete"]
                if any(getattr(territory, k) != v for k, v in values.items()):
                    for k, v in values.items():
                        setattr(territory, k, v)
                    territory.save()
                    updated += 1
            if territory.kind != TerritoryKind.COUNTRY:
                containers = list(Territory.objects.filter(key__in=entry.get("containers", [])))
                territory.containers.add(france, *containers)
            if "departements" in entry:
                lies_in = Territory.objects.filter(key__in=entry["departements"])
                if set(territory.lies_in.values_list("pk", flat=True)) != {t.pk for t in lies_in}:
                    territory.lies_in.set(lies_in)
    return created, updated
