from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from territories.models import Territory
from territories.services.members import MembersError, import_members


class Command(BaseCommand):
    help = (
        "Importe les communes membres d’un PNR, d’un Pays/PETR ou d’un regroupement depuis un "
        "fichier CSV de codes INSEE (première colonne). Tout le fichier est vérifié d’abord : "
        "s’il contient une ligne fautive, rien n’est écrit. Sans --replace, aucun membre "
        "n’est retiré."
    )

    def add_arguments(self, parser):
        parser.add_argument("grouping", help="Code public du regroupement, ex. pnr-vercors.")
        parser.add_argument("csv_path", type=Path, help="Fichier CSV des codes INSEE.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Le fichier est la liste complète : les communes absentes perdent le "
            "regroupement.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Vérifier et afficher ce qui changerait, sans rien enregistrer.",
        )

    def handle(self, *args, grouping, csv_path, replace=False, dry_run=False, **options):
        territory = Territory.objects.by_key(grouping)
        if territory is None:
            raise CommandError(f"Regroupement « {grouping} » inconnu.")
        if not csv_path.is_file():
            raise CommandError(f"Fichier introuvable : {csv_path}")
        try:
            report = import_members(territory, csv_path, replace=replace, dry_run=dry_run)
        except MembersError as error:
            raise CommandError(
                "Import annulé, rien n’a été écrit :\n- " + "\n- ".join(error.problems)
            ) from error
        for line in report.lines():
            self.stdout.write(line)
