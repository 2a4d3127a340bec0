"""The reverse tables the importer reads, until the export's branch adds them to
:mod:`opendata.codes` (same names, same values: this module then goes)."""

from opendata.codes import ALL_PUBLICS, PUBLICS

# The one programme kind each ``type`` stands for where it is unambiguous.
TYPE_KINDS = {
    "formation": "formation",
    "aide-financiere": "financement",
    "aide-materielle": "foncier-locaux",
    "information": "mise-en-relation",
}
MODE_ACCUEIL_FORMATS = {"en-presentiel": "individuel", "a-distance": "en-ligne"}
# The network structure (its slug) a réseau porteur stands for.
RESEAU_NETWORKS = {
    "france-active": "france-active",
    "initiative-france": "initiative-france",
    "reseau-bge": "bge",
    "reseau-entreprendre": "reseau-entreprendre",
    "adie": "adie",
    "positive-planet": "positive-planet",
}
PUBLIC_VALUES = {public: value for value, public in PUBLICS.items()} | {ALL_PUBLICS: ALL_PUBLICS}
