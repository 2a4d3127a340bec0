"""The codes of the data·inclusion schema (v1, package ``data-inclusion-schema``) that
essmap's own vocabularies correspond to, in one place so that the export and the import read
the same tables (README, « Données ouvertes »).

essmap's vocabularies are curated in the admin; a value absent from these tables has no
data·inclusion equivalent and is said in words instead (``publics_precisions``…).
"""

from programmes.models import Stage

SOURCE = "essmap"
ID_SEPARATOR = "--"


def record_id(slug):
    """``essmap--<slug>``: the schema's ``<source>--<local id>`` convention."""
    return f"{SOURCE}{ID_SEPARATOR}{slug}"


# The schema's only business-creation thématiques, one per essmap stage.
STAGE_THEMATIQUES = {
    Stage.IDEE: "creer-une-entreprise--definir-son-projet-de-creation-dentreprise",
    Stage.CREATION: "creer-une-entreprise--structurer-son-projet-de-creation-dentreprise",
    Stage.DEVELOPPEMENT: "creer-une-entreprise--developper-son-entreprise",
}
THEMATIQUE_STAGES = {thematique: stage for stage, thematique in STAGE_THEMATIQUES.items()}

# essmap public → data·inclusion public. Collectifs citoyens, associations, entreprises de
# l'ESS, collectivités and agriculteurs NIMA have none: they go to ``publics_precisions``.
PUBLICS = {
    "femmes": "femmes",
    "personnes-exilees": "personnes-exilees",
    "jeunes": "jeunes",
    "demandeurs-emploi": "demandeurs-emploi",
    "allocataires-rsa": "beneficiaires-des-minimas-sociaux",
    "personnes-handicap": "personnes-en-situation-de-handicap",
}
ALL_PUBLICS = "tous-publics"
