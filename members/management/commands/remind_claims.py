"""manage.py remind_claims: run it daily. Reminds the managers of claims pending for 3 and 7
days (once each) and deletes decided claims past their retention (members/reminders.py)."""

from django.core.management.base import BaseCommand

from essmap.templatetags.french import count_label
from members.reminders import remind_managers


class Command(BaseCommand):
    help = "Relance les gestionnaires des demandes de gestion en attente (à 3 et 7 jours)."

    def handle(self, *args, **options):
        sent, deleted = remind_managers()
        reminders = count_label(sent, "relance envoyée", "relances envoyées", True)
        old = count_label(deleted, "demande ancienne effacée", "demandes anciennes effacées", True)
        self.stdout.write(f"{reminders}, {old}.")
