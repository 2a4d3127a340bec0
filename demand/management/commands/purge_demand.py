"""Erase the recent searches no longer needed, with their client hashes: those without keywords
once their day is over, the others (keywords) after 30 days. The counts stay.

Idempotent: run it every night, for example::

    17 3 * * * cd /srv/essmap && .venv/bin/python manage.py purge_demand
"""

from django.core.management.base import BaseCommand

from demand.counting import RETENTION_DAYS, purge


class Command(BaseCommand):
    help = (
        "Efface les empreintes des recherches des jours passés, et leurs mots-clés après "
        f"{RETENTION_DAYS} jours (les nombres restent)."
    )

    def handle(self, *args, **options):
        erased = purge()
        self.stdout.write(
            f"{erased} recherche{'s' if erased > 1 else ''} récente"
            f"{'s' if erased > 1 else ''} effacée{'s' if erased > 1 else ''} (empreintes et "
            f"mots-clés ; les nombres restent)."
        )
