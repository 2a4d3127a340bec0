"""manage.py send_claims_digest: run it weekly. Each curator gets the claims waiting for
curators within their scope; running it again the same week sends nothing more."""

from django.core.management.base import BaseCommand

from essmap.templatetags.french import count_label
from members.reminders import curators_digest


class Command(BaseCommand):
    help = "Envoie aux curateurs le récapitulatif hebdomadaire des demandes de gestion à décider."

    def handle(self, *args, **options):
        sent = curators_digest()
        self.stdout.write(f"{count_label(sent, 'récapitulatif envoyé', 'récapitulatifs envoyés')}.")
