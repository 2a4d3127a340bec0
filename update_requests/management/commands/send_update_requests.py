"""manage.py send_update_requests: ask the structures whose page is getting old whether it is
still true, remind once, erase old requests (update_requests/campaign.py). Run it every day,
e.g. 8:00; running it again sends nothing more::

    0 8 * * * cd /srv/essmap && .venv/bin/python manage.py send_update_requests
"""

from django.core.management.base import BaseCommand, CommandError

from essmap.templatetags.french import count_label
from update_requests.campaign import send_requests


class Command(BaseCommand):
    help = (
        "Envoie une demande de mise à jour aux structures ni vérifiées ni confirmées depuis "
        "des mois, relance une fois, efface les anciennes demandes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            help="Ni vérifiée ni confirmée depuis ce nombre de mois "
            "(ESSMAP_UPDATE_REQUEST_MONTHS, 12 par défaut).",
        )

    def handle(self, *args, months=None, **options):
        if months is not None and months < 1:
            raise CommandError("--months : un nombre de mois, au moins 1.")
        report = send_requests(months=months)
        parts = [
            count_label(report.sent, "demande envoyée", "demandes envoyées", True),
            count_label(report.reminded, "relance envoyée", "relances envoyées", True),
            count_label(report.failed, "envoi refusé", "envois refusés"),
            count_label(report.erased, "demande effacée", "demandes effacées", True),
        ]
        self.stdout.write(", ".join(parts) + ".")
