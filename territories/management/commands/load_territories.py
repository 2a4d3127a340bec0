from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from essmap import paths
from territories.services.national import load_national

DEFAULT_DIR = paths.TERRITORIES_DIR / "france"


class Command(BaseCommand):
    help = (
        "Charge toutes les communes, EPCI, départements et régions de France "
        "(idempotent, ne supprime rien : les territoires disparus sont marqués obsolètes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)

    def handle(self, *args, dir, **options):
        if not (dir / "communes.csv.gz").exists():
            raise CommandError(f"Fichiers de référence absents de {dir}.")
        load_national(dir, log=self.stdout.write)
