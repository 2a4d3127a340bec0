from django.core.management.base import BaseCommand, CommandError

from content.loader import ContentError, load_content
from essmap.paths import FIXTURES_DIR as FIXTURES
from territories.models import Territory
from territories.services.members import MembersError, import_members
from territories.services.national import load_national
from territories.services.reference import TerritoryFileError, load_territories


class Command(BaseCommand):
    help = (
        "Charge les territoires de France, les regroupements (PNR, Pays) et le contenu livré "
        "avec essmap (essmap/fixtures/). "
        "Sans --update, les fiches déjà présentes ne sont pas modifiées."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Remettre les fiches livrées dans l’état des fichiers (sans rien supprimer).",
        )

    def handle(self, *args, update=False, **options):
        try:
            national = FIXTURES / "territories" / "france"
            if (national / "communes.csv.gz").exists():
                load_national(national, log=self.stdout.write)
            for path in sorted((FIXTURES / "territories").glob("*.json")):
                created, updated = load_territories(path)
                self.stdout.write(
                    f"Territoires ({path.name}) : {created} créés, {updated} mis à jour"
                )
            # Member communes of PNR and Pays: essmap/fixtures/territories/members/<key>.csv,
            # added to what is known (never removing, so a curator's wider list survives).
            for path in sorted((FIXTURES / "territories" / "members").glob("*.csv")):
                grouping = Territory.objects.by_key(path.stem)
                if grouping is None:
                    raise CommandError(f"{path.name} : aucun regroupement « {path.stem} ».")
                with path.open("rb") as members_file:
                    report = import_members(grouping, members_file)
                self.stdout.write(" ".join(report.lines()))
            paths = sorted((FIXTURES / "content").glob("*.json"))
            if paths:
                report = load_content(paths, update=update)
                self.stdout.write(f"Contenu ({len(paths)} fichiers) : {report}")
            else:
                self.stdout.write("Aucun contenu livré dans essmap/fixtures/content/.")
        except (ContentError, TerritoryFileError, MembersError) as error:
            raise CommandError(
                "Chargement annulé, rien n’a été écrit :\n- " + "\n- ".join(error.problems)
            ) from error
