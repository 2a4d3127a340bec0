"""The URL contract of the public lists, the map, the sheet and the widget: every parameter's
name, once.

The names are French and public (bookmarks, shared links, alerts' stored searches, the API
document): they never change. Python code names them through :class:`Param` (a ``StrEnum``, so
``Param.WORDS == "q"`` and a member is a key of ``request.GET`` as the string is); the filter
sets of ``orientation.filters`` declare one filter per name of :data:`FILTERS` and
``tests/orientation/test_parameters.py`` checks they stay the same. ``format`` is reserved for
the output format (``json``/``csv``), which is why the delivery-format filter is called
``modalite``. Templates and ``essmap/templatetags/sharing.py`` (the foundation, which imports no
app) spell the names as text.
"""

from enum import StrEnum

from programmes.models import Stage


class Param(StrEnum):
    # What the lists filter on (ProgrammeFilterSet, StructureFilterSet).
    WORDS = "q"
    TERRITORY = "territoire"
    STAGE = "etape"
    ORDER = "tri"
    PARTLY = "partiel"
    RURAL = "rural"
    PUBLIC = "public"
    SECTOR = "secteur"
    KIND = "type"
    STRUCTURE_KIND = "type_structure"
    DELIVERY = "modalite"
    FREE = "gratuit"
    STATUS = "statut"
    ENDED = "termines"
    # How the answer is shown, not what it contains.
    PAGE = "page"
    PAGE_SIZE = "par_page"
    OUTPUT = "format"
    # The coverage map (/carte/): ``national=oui`` counts national programmes too (the map
    # shows local to régional coverage by default, issue 24).
    NATIONAL = "national"
    LAYER = "couche"


# The filters of each list, in the form's order (where, when and what first).
PROGRAMME_FILTERS = (
    Param.WORDS,
    Param.TERRITORY,
    Param.STAGE,
    Param.ORDER,
    Param.PARTLY,
    Param.RURAL,
    Param.PUBLIC,
    Param.SECTOR,
    Param.KIND,
    Param.STRUCTURE_KIND,
    Param.DELIVERY,
    Param.FREE,
    Param.STATUS,
    Param.ENDED,
)
STRUCTURE_FILTERS = (
    Param.WORDS,
    Param.TERRITORY,
    Param.ORDER,
    Param.PARTLY,
    Param.RURAL,
    Param.PUBLIC,
    Param.SECTOR,
    Param.KIND,
)
# Shown first on the form; the rest folds away under « Plus de critères ».
MAIN_FILTERS = (Param.TERRITORY, Param.STAGE, Param.WORDS)

# What changes the page shown, not the entries it is chosen from (a stored search, the facet
# counts and the canonical address leave them out).
PRESENTATION = frozenset({Param.PAGE, Param.PAGE_SIZE, Param.ORDER, Param.OUTPUT})
# Filters that do not choose entries by themselves: the order, which statuses are shown, how a
# place is read, the words.
NOT_CHOOSING = frozenset({Param.WORDS, Param.ORDER, Param.STATUS, Param.ENDED, Param.PARTLY})

# The words of the form (labels) and their help, in French.
LABELS = {
    Param.WORDS: "Mots-clés",
    Param.TERRITORY: "Où ?",
    Param.STAGE: "Étape du projet",
    Param.ORDER: "Trier par",
    Param.PARTLY: "Aussi ce qui ne couvre qu’une partie du territoire",
    Param.RURAL: "Territoires ruraux",
    Param.PUBLIC: "Public",
    Param.SECTOR: "Secteur",
    Param.KIND: "Type d’accompagnement",
    Param.STRUCTURE_KIND: "Type de structure",
    Param.DELIVERY: "Format",
    Param.FREE: "Coût",
    Param.STATUS: "Statut",
    Param.ENDED: "Inclure les dispositifs terminés",
}
HELP = {
    Param.WORDS: "Par exemple : tiers-lieu, coopérative, bâtiment, agriculture, réfugiés.",
    Param.TERRITORY: (
        "Commune, intercommunalité, département ou région : nom, code postal ou code."
    ),
    Param.PARTLY: "Par exemple, pour un département : les dispositifs réservés à certaines de "
    "ses communes ou intercommunalités.",
    Param.RURAL: "Seulement les structures installées dans une commune rurale.",
    Param.STATUS: "Par défaut, les dispositifs terminés sont masqués.",
}
# A ticked box says "oui" in the address (``?partiel=oui``), as does ``?gratuit=oui``.
YES = "oui"
NO = "non"


def chosen_stages(values):
    """The stages of ``?etape=`` that exist, once each, in the order given."""
    return list(dict.fromkeys(Stage(v) for v in values or () if v in Stage.values))
