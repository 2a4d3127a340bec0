from django.core.management.base import BaseCommand, CommandError

from opendata.importer import ImportRefused, import_file
from opendata.reading import FileError


def _count(n, singular, plural):
    return f"{n} {singular if n < 2 else plural}"


# What happened to the entries of each kind, agreed with its noun (« 2 structures créées »,
# « 1 dispositif mis à jour »).
OUTCOMES = {
    "structures": (
        ("create", "créée", "créées"),
        ("update", "mise à jour", "mises à jour"),
        ("unchanged", "sans changement", "sans changement"),
        ("kept", "laissée telle quelle", "laissées telles quelles"),
    ),
    "services": (
        ("create", "créé", "créés"),
        ("update", "mis à jour", "mis à jour"),
        ("unchanged", "sans changement", "sans changement"),
        ("kept", "laissé tel quel", "laissés tels quels"),
    ),
}


class Command(BaseCommand):
    help = (
        'Importe un fichier data·inclusion (JSON {"structures": […], "services": […]}, ou '
        "XLSX du valideur data·inclusion : feuilles Structures et Services) en brouillons. Tout "
        "ou rien : si un enregistrement est invalide, rien n’est écrit et chacun est signalé. "
        "Réimporter le même fichier ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier .json ou .xlsx au schéma data·inclusion")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="essai à blanc : dit ce qui serait créé ou modifié, sans rien écrire",
        )

    def handle(self, *args, file, dry_run=False, **options):
        try:
            report = import_file(file, dry_run=dry_run)
        except FileError as error:
            raise CommandError(f"{error}. Rien n’a été écrit.") from error
        except ImportRefused as refused:
            raise CommandError(
                f"Import refusé, rien n’a été écrit ; {len(refused.problems)} problème(s) :\n- "
                + "\n- ".join(map(str, refused.problems))
            ) from refused
        for kind, label in (("structures", "structures"), ("services", "dispositifs")):
            self.stdout.write(
                f"{label.capitalize()} : "
                + ", ".join(
                    _count(report.count(kind, outcome), singular, plural)
                    for outcome, singular, plural in OUTCOMES[kind]
                )
                + "."
            )
        duplicates = report.duplicates
        self.stdout.write(f"Doublons probables : {len(duplicates)}.")
        for plan in duplicates:
            names = ", ".join(f"« {d.name} »" for d in plan.duplicates)
            self.stdout.write(f"- « {plan.name} » : doublon probable de {names}")
        for plan in report.structures + report.services:
            for note in plan.notes:
                self.stdout.write(f"Note, {plan.record.place} (« {plan.name} ») : {note}")
        if dry_run:
            self.stdout.write("Essai à blanc : rien n’a été écrit.")
        else:
            self.stdout.write(
                "Les fiches importées sont des brouillons, à relire avant publication."
            )
