"""What a structure's team is told after a write: published, waiting, or nothing changed."""

from self_service.models import ReviewStatus

NOTHING = "Aucune modification : la fiche est inchangée."
PUBLISHED = "Vos modifications sont publiées. Un curateur les relira."
WAITING = {
    "name": "le nouveau nom",
    "territories": "les territoires régionaux ou nationaux ajoutés",
    "publish": "le nouveau dispositif",
}


def said(review):
    if review is None:
        return NOTHING
    if review.status != ReviewStatus.WAITING:
        return PUBLISHED
    parts = [WAITING[key] for key in WAITING if review.withheld.get(key)]
    waiting = " et ".join(parts)
    if review.before_version == review.after_version:
        return f"Enregistré, en attente de la relecture d’un curateur : {waiting}."
    return (
        f"Vos modifications sont publiées, sauf {waiting}, en attente de la relecture d’un "
        "curateur."
    )
