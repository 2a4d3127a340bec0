from django.core.management.base import BaseCommand

from search import documents as search_index


class Command(BaseCommand):
    help = (
        "Reconstruit les documents de recherche de toutes les structures et de tous les "
        "dispositifs (après un changement de libellé de vocabulaire, par exemple)."
    )

    def handle(self, *args, **options):
        written = search_index.refresh()
        self.stdout.write(f"{written} documents de recherche reconstruits.")
