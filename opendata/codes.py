"""The codes of the data·inclusion schema (v1, package ``data-inclusion-schema``) that
essmap's own vocabularies correspond to, in one place so that the export and the import read
the same tables (docs/open-data.md).

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

# essmap programme kind (``ProgrammeKind`` value) → the schema's single ``type``. « Autre » and
# kinds curators add later have none: the field is left out.
KIND_TYPES = {
    "ideation": "accompagnement",
    "pre-incubation": "accompagnement",
    "incubation": "accompagnement",
    "test-activite": "accompagnement",
    "consolidation": "accompagnement",
    "formation": "formation",
    "financement": "aide-financiere",
    # Premises and land: access to material means, the schema's « aide matérielle ».
    "foncier-locaux": "aide-materielle",
    # A group running a real activity together for a season: the schema's « atelier ».
    "cooperative-ephemere": "atelier",
    "cjs": "atelier",
    "mise-en-relation": "information",
}
# For the importer: the one kind each type stands for where it is unambiguous («
# accompagnement » covers five kinds and « atelier » two: no kind is guessed for them).
TYPE_KINDS = {
    "formation": "formation",
    "aide-financiere": "financement",
    "aide-materielle": "foncier-locaux",
    "information": "mise-en-relation",
}

# essmap format (``Format`` value) → ``modes_accueil``. Portage (« hébergement juridique »)
# says nothing of where the person is received: no mode.
FORMAT_MODES_ACCUEIL = {
    "individuel": "en-presentiel",
    "collectif": "en-presentiel",
    "formation": "en-presentiel",
    "itinerant": "en-presentiel",
    "en-ligne": "a-distance",
}
MODE_ACCUEIL_FORMATS = {"en-presentiel": "individuel", "a-distance": "en-ligne"}

# Slug of a network structure (the structure itself, or one of its ``networks``) →
# ``reseaux_porteurs``. The schema has no value for the ESS networks (CRESS, ESS France,
# Scop, CAE, DLA, Fabriques à initiatives — not the « Fabrique de Territoire » label):
# those structures carry none.
NETWORK_RESEAUX = {
    "france-active": "france-active",
    "initiative-france": "initiative-france",
    "plateformes-initiative": "initiative-france",
    "bge": "reseau-bge",
    "reseau-entreprendre": "reseau-entreprendre",
    "adie": "adie",
    "positive-planet": "positive-planet",
}
# For the importer: the network structure a réseau porteur stands for (the national head).
RESEAU_NETWORKS = {
    "france-active": "france-active",
    "initiative-france": "initiative-france",
    "reseau-bge": "bge",
    "reseau-entreprendre": "reseau-entreprendre",
    "adie": "adie",
    "positive-planet": "positive-planet",
}

# How a person reaches a programme (``programmes.contact``) → ``modes_mobilisation``.
PHONE, EMAIL, LINK = "telephoner", "envoyer-un-courriel", "utiliser-lien-mobilisation"
# People contact the operators themselves: no programme is mobilised only by professionals.
MOBILISABLE_PAR = "usagers"

# data·inclusion publics back to essmap values, for the importer (« tous-publics » is an
# essmap value too).
PUBLIC_VALUES = {public: value for value, public in PUBLICS.items()} | {ALL_PUBLICS: ALL_PUBLICS}
