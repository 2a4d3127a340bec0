import time

from django.core.management.base import BaseCommand, CommandError

from benchmarks import synthetic


class Command(BaseCommand):
    help = (
        "Génère un contenu synthétique réaliste à l’échelle nationale (structures et "
        "dispositifs aux slugs « synth- ») pour mesurer les performances. Les territoires de "
        "France doivent être chargés (manage.py load_shipped_data). Même graine, même contenu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--structures", type=int, default=5000, help="défaut : 5000")
        parser.add_argument("--programmes", type=int, default=20000, help="défaut : 20000")
        parser.add_argument("--seed", type=int, default=1, help="graine (défaut : 1)")
        parser.add_argument(
            "--clear",
            action="store_true",
            help="Supprimer d’abord le contenu synthétique (slugs « synth- ») et lui seul.",
        )

    def handle(self, *args, structures, programmes, seed, clear, **options):
        if structures < 1 or programmes < 0:
            raise CommandError(
                "Il faut au moins une structure et un nombre positif de dispositifs."
            )
        started = time.perf_counter()
        if clear:
            synthetic.clear(log=self.stdout.write)
        elif any(synthetic.existing()):
            count_structures, count_programmes = synthetic.existing()
            raise CommandError(
                f"Du contenu synthétique existe déjà ({count_structures} structures, "
                f"{count_programmes} dispositifs) : relancez avec --clear pour le remplacer."
            )
        try:
            synthetic.generate(structures, programmes, seed=seed, log=self.stdout.write)
        except synthetic.NoTerritories as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Terminé en {time.perf_counter() - started:.1f} s : {structures} structures, "
            f"{programmes} dispositifs (graine {seed})."
        )
