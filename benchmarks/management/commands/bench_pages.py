import json
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.utils import timezone

from benchmarks import pages


def commit():
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 (git from PATH, fixed args)
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


class Command(BaseCommand):
    help = (
        "Mesure une liste fixe de pages à travers toute la pile Django (statut HTTP, nombre "
        "de requêtes SQL, temps serveur p50/p95/p99, temps SQL) et affiche un tableau Markdown. "
        "Une mesure, pas un test : à comparer sur la même base avant et après un changement."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=30, help="mesures par page (défaut : 30)")
        parser.add_argument(
            "--warmup", type=int, default=3, help="requêtes non mesurées avant (défaut : 3)"
        )
        parser.add_argument(
            "--mode",
            choices=pages.MODES,
            default="calcul",
            help="calcul : caches coupés ; nouvelle : caches actifs, chaque requête une adresse "
            "jamais demandée ; cache : la même adresse (défaut : calcul)",
        )
        parser.add_argument("--json", metavar="FICHIER", help="écrire les mesures brutes en JSON")
        parser.add_argument(
            "--urls",
            action="store_true",
            help="afficher seulement la liste des pages (nom, tabulation, adresse), sans mesurer",
        )

    def handle(self, *args, runs, warmup, mode, **options):
        output = options.get("json")
        if runs < 1 or warmup < 0:
            raise CommandError("--runs doit valoir au moins 1 et --warmup au moins 0.")
        if options["urls"]:
            for name, url in pages.page_list():
                self.stdout.write(f"{name}\t{url}")
            return
        info = pages.context()
        info.update(
            date=timezone.localtime().isoformat(timespec="seconds"),
            commit=commit(),
            runs=runs,
            warmup=warmup,
            debug=settings.DEBUG,
            mode=mode,
        )
        self.stderr.write(
            f"Base {info['vendor']} : {info['programmes']} dispositifs "
            f"({info['programmes_published']} publiés), {info['structures']} structures ; "
            f"{runs} mesures par page après {warmup} de chauffe."
        )
        with override_settings(ESSMAP_PAGE_CACHE=mode != "calcul"):
            results = pages.measure(
                pages.page_list(), runs=runs, warmup=warmup, log=self.stderr.write, mode=mode
            )
        self.stdout.write(
            f"\nMesures du {info['date'][:10]} (commit {info['commit'] or 'inconnu'}), "
            f"base {info['vendor']}, {info['programmes']} dispositifs, "
            f"{info['structures']} structures, {runs} mesures par page, mode {mode}, "
            f"DEBUG={'1' if settings.DEBUG else '0'} :\n"
        )
        self.stdout.write(pages.table(results))
        if output:
            Path(output).write_text(
                _dumps({**info, "pages": [r.summary() for r in results]}), encoding="utf-8"
            )
            self.stderr.write(f"Mesures brutes écrites dans {output}")


def _dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2)
