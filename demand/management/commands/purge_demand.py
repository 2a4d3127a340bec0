"""Empty the keywords of the searches counted more than 30 days ago (their counts stay).

Idempotent: run it every night, for example::

    17 3 * * * cd /srv/essmap && .venv/bin/python manage.py purge_demand
"""

from django.core.management.base import BaseCommand

from demand.counting import RETENTION_DAYS, purge


class Command(BaseCommand):
    help = f"Efface les mots-clés des recherches comptées il y a plus de {RETENTION_DAYS} jours."

    def handle(self, *args, **options):
        folded = purge()
        self.stdout.write(
            f"Mots-clés de plus de {RETENTION_DAYS} jours effacés ({folded} compteur"
            f"{'s' if folded > 1 else ''} du jour mis à jour)."
        )
