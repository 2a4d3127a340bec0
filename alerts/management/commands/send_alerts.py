"""manage.py send_alerts: this week's digests (see alerts/digests.py). Run it once a week, e.g.
Monday 7:00; running it again the same week sends nothing more."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from alerts.digests import send_digests
from essmap.templatetags.french import count_label


class Command(BaseCommand):
    help = "Envoie le récapitulatif hebdomadaire de chaque alerte confirmée (une fois par semaine)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Le jour du passage (AAAA-MM-JJ), aujourd’hui par défaut.",
        )

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError as error:
            raise CommandError(f"Date non reconnue : {date} (AAAA-MM-JJ)") from error
        report = send_digests(today)
        parts = [
            count_label(report.sent, "récapitulatif envoyé", "récapitulatifs envoyés"),
            count_label(
                report.nothing_new, "alerte sans nouveauté", "alertes sans nouveauté", True
            ),
            count_label(report.invalid, "recherche invalide", feminine=True),
            count_label(report.already_done, "alerte déjà traitée", feminine=True),
        ]
        self.stdout.write(", ".join(parts) + " cette semaine.")
