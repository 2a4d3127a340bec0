from django.core.management.base import BaseCommand, CommandError

from bulk.files import RESOURCES, FileError, import_dataset, read_file, summary
from bulk.results import problems_of

MODEL_LABELS = {"structures": "structures", "programmes": "dispositifs", "people": "personnes"}


class Command(BaseCommand):
    help = (
        "Importe un fichier CSV ou XLSX de structures, de dispositifs ou de personnes (colonnes "
        "décrites dans bulk/__init__.py). Tout ou rien : si une ligne est invalide, "
        "rien n’est écrit et chaque ligne fautive est signalée. Réimporter le même fichier ne "
        "change rien ; rien n’est jamais supprimé."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier .csv (UTF-8, « ; » ou « , ») ou .xlsx")
        parser.add_argument(
            "--model",
            required=True,
            choices=sorted(RESOURCES),
            help="ce que contient le fichier : structures, programmes (dispositifs) ou people "
            "(personnes)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="essai à blanc : dit ce qui serait créé ou modifié, sans rien écrire",
        )

    def handle(self, *args, file, model, dry_run=False, **options):
        try:
            dataset = read_file(file)
        except FileError as error:
            raise CommandError(f"{error}. Rien n’a été écrit.") from error
        result = import_dataset(model, dataset, dry_run=dry_run, file_name=file)
        label = MODEL_LABELS[model]
        if not result.accepted:
            problems = problems_of(result)
            raise CommandError(
                f"Import refusé ({label}, {len(dataset)} lignes), rien n’a été écrit ; "
                f"{len(problems)} problème(s) :\n- " + "\n- ".join(problems)
            )
        if dry_run:
            self.stdout.write(
                f"Essai à blanc ({label}, {len(dataset)} lignes) : {summary(result)}. "
                "Rien n’a été écrit."
            )
        else:
            self.stdout.write(
                f"Import terminé ({label}, {len(dataset)} lignes) : {summary(result)}."
            )
