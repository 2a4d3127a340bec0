"""Erase the audience counters older than ESSMAP_AUDIENCE_RETENTION_DAYS (400 by default).
Idempotent: run it every night, for example::

    27 3 * * * cd /srv/essmap && .venv/bin/python manage.py purge_audience
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from audience.counts import purge
from essmap.templatetags.french import count_label


class Command(BaseCommand):
    help = "Efface les compteurs d’audience plus anciens que ESSMAP_AUDIENCE_RETENTION_DAYS jours."

    def handle(self, *args, **options):
        erased = purge()
        days = settings.ESSMAP_AUDIENCE_RETENTION_DAYS
        self.stdout.write(
            f"{count_label(erased, 'compteur effacé', 'compteurs effacés')} (plus de {days} jours)."
        )
