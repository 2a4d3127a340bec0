"""``manage.py unreached_structures``: the support structures a person cannot find in the
programme list where they serve, with why (see ``orientation.findability``)."""

from collections import Counter

from django.core.management.base import BaseCommand

from orientation.findability import support_structures, unreached_structures


class Command(BaseCommand):
    help = (
        "Liste les structures d’accompagnement publiées qui n’apparaissent dans aucune réponse "
        "de /programmes/ pour les territoires qu’elles servent, à aucune étape, avec la raison."
    )

    def handle(self, *args, **options):
        structures = list(support_structures())
        unreached = unreached_structures(structures)
        for item in unreached:
            places = ", ".join(str(t) for t in item.places) or "—"
            self.stdout.write(
                f"{item.structure.slug}\t{item.structure.name}\t{item.structure.kind}\t"
                f"{places}\t{item.reason}"
            )
        self.stdout.write(
            f"{len(unreached)} structures introuvables sur {len(structures)} structures "
            "d’accompagnement publiées."
        )
        for reason, count in Counter(item.reason for item in unreached).most_common():
            self.stdout.write(f"  {count} : {reason}")
