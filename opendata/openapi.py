"""The OpenAPI 3.1 document of essmap's public JSON API, served at ``/api/openapi.json``.

Written as data rather than generated from the views: the views answer HTML, JSON and CSV on
the same addresses, and what a client may rely on (field names, error bodies) is a contract
to state on purpose. ``tests/opendata/test_api.py`` fuzzes the running app against it
(schemathesis), so a view that drifts from the document fails the suite.

The response schemas are in ``opendata.api_schemas``.
"""

from opendata.api_schemas import DATE, SCHEMAS, STAGES, STRING, record, ref
from orientation.parameters import Param
from programmes.models import ProgrammeStatus
from search import ranking

LICENCE = {
    "name": "Licence Ouverte 2.0 (Etalab)",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}


def _json(schema):
    return {"application/json": {"schema": schema}}


ERROR_JSON = _json(ref("Erreur"))
TEXT = {"schema": {"type": "string"}}
PLAIN = {"text/plain": TEXT}
# The same addresses without ``format`` are the site's pages, and its error pages.
HTML = {"text/html": TEXT}


def _responses(ok, *, described, **others):
    """200 with ``ok`` (a content map), then the other statuses, 404 and 414 always: a page
    or slug that does not exist, an address of more than 2,048 characters."""
    responses = {"200": {"description": described, "content": ok}}
    responses.update(others)
    responses.setdefault(
        "404",
        {"description": "Page de résultats ou adresse inexistante.", "content": ERROR_JSON | HTML},
    )
    responses["414"] = {
        "description": "Adresse de plus de 2 048 caractères (page HTML).",
        "content": {"text/html": TEXT},
    }
    return responses


def _query(name, description, schema, *, required=False, example=None):
    parameter = {
        "name": name,
        "in": "query",
        "description": description,
        "required": required,
        "schema": schema,
    }
    if isinstance(schema, dict) and schema.get("type") == "array":
        parameter |= {"style": "form", "explode": True}
    if example is not None:
        parameter["example"] = example
    return parameter


def _repeatable(values=None, examples=()):
    items = {"type": "string", "enum": values} if values else {"type": "string"}
    if examples:
        items["examples"] = list(examples)
    return {"type": "array", "items": items}


# A checkbox: ``oui`` when ticked; any other value but ``false`` and ``0`` reads as ticked too
# (django's CheckboxInput), which the document says rather than forbids.
YES = {"type": "string", "examples": ["oui"]}
LIST_FORMAT = _query(
    Param.OUTPUT,
    "`json` : la page de résultats affichée ; `csv` : tous les résultats, même ordre, 5 000 "
    "au plus (séparateur `;`, UTF-8 avec BOM). Sans ce paramètre, la page HTML.",
    {"type": "string", "enum": ["json", "csv"]},
    example="json",
)
DETAIL_FORMAT = _query(
    Param.OUTPUT,
    "`json` ; sans ce paramètre, la page HTML ; un autre format donne 400.",
    {"type": "string", "enum": ["json"]},
    example="json",
)

COMMON_FILTERS = [
    _query(
        Param.TERRITORY,
        "Code public du territoire (commune = code INSEE, EPCI = SIREN, `dep-53`, `reg-52`, "
        "`pnr-…`, `pays-…`, `FR`) ; `com-53100` : la commune de code INSEE 53100, que ces cinq "
        "chiffres seuls désignent moins que le code postal 53100 (Mayenne). Cinq chiffres se "
        "lisent d’abord comme un code postal (celui d’un arrondissement donne "
        "l’arrondissement). Un code postal ou un nom exact renvoie (302) vers l’adresse avec le "
        "code ; un territoire inconnu ou ambigu donne 400.",
        {"type": "string", "maxLength": 100, "examples": ["dep-53", "53147", "reg-52", "FR"]},
        example="dep-53",
    ),
    _query(
        Param.WORDS,
        "Mots-clés ou phrase, recherche plein texte en français : les 1 000 premiers caractères "
        "sont lus (au-delà, le texte n’est pas refusé), et parmi eux les 8 premiers mots qui "
        "comptent.",
        {"type": "string", "examples": ["tiers-lieu", "coopérative"]},
        example="coopérative",
    ),
    _query(
        Param.PUBLIC,
        "Public visé, valeur du vocabulaire (répétable).",
        _repeatable(examples=["jeunes", "femmes"]),
    ),
    _query(
        Param.SECTOR,
        "Secteur d’activité, valeur du vocabulaire (répétable).",
        _repeatable(examples=["batiment", "agriculture-alimentation"]),
    ),
    _query(
        Param.RURAL,
        "`oui` : seulement ce que portent des structures installées dans une commune rurale.",
        YES,
    ),
    _query(
        Param.PARTLY,
        "`oui` : avec un territoire, inclure aussi ce qui n’en couvre qu’une partie.",
        YES,
    ),
    _query(
        Param.ORDER,
        "Ordre : `pertinence`, `distance` (au territoire choisi), `nom`, `verifie` (récemment "
        "vérifié).",
        {"type": "string", "enum": [value for value, _label in ranking.ORDER_CHOICES]},
    ),
    _query(
        Param.PAGE,
        "Numéro de page (1 par défaut) ; une page hors limites donne 404.",
        {"type": "integer", "minimum": 1},
    ),
    _query(
        Param.PAGE_SIZE,
        "Taille de page, de 1 à 500 (20 par défaut ; 100 au plus avec `q`) ; ramenée dans ces "
        "limites.",
        {"type": "integer", "minimum": 1, "maximum": 500},
    ),
]
PROGRAMME_FILTERS = [
    _query(Param.STAGE, "Étape du projet (répétable).", _repeatable(STAGES), example=["idee"]),
    _query(
        Param.KIND,
        "Type d’accompagnement, valeur du vocabulaire (répétable).",
        _repeatable(examples=["pre-incubation", "incubation"]),
    ),
    _query(
        Param.STRUCTURE_KIND,
        "Type de la structure opératrice (répétable).",
        _repeatable(examples=["cae", "incubateur"]),
    ),
    _query(
        Param.DELIVERY,
        "Format de l’accompagnement (répétable).",
        _repeatable(examples=["collectif", "individuel"]),
    ),
    _query(Param.FREE, "`oui` ou `non`.", {"type": "string", "enum": ["oui", "non"]}),
    _query(
        Param.STATUS,
        "Statut (répétable) ; sans ce paramètre, les dispositifs terminés sont masqués.",
        _repeatable(ProgrammeStatus.values),
    ),
    _query(Param.ENDED, "`oui` : inclure les dispositifs terminés.", YES),
]


def _list_operation(operation_id, summary, description, listing, filters):
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "description": description,
            "tags": ["Annuaire"],
            "parameters": [LIST_FORMAT, *COMMON_FILTERS, *filters],
            "responses": _responses(
                _json(ref(listing)) | {"text/csv": TEXT} | HTML,
                described="Une page de résultats (JSON), tous les résultats (CSV) ou la page.",
                **{
                    "302": {
                        "description": "Territoire donné par son nom ou son code postal : la "
                        "même adresse avec son code (`Location`).",
                        "headers": {"Location": {"schema": STRING}},
                    },
                    "400": {
                        "description": "Paramètre refusé : la liste vide, avec `errors` "
                        "(JSON) ; format inconnu (texte).",
                        "content": _json(
                            {
                                "anyOf": [
                                    {"allOf": [ref(listing)], "required": ["errors"]},
                                    ref("Erreur"),
                                ]
                            }
                        )
                        | {"text/plain": TEXT},
                    },
                    "429": {
                        "description": "Trop de recherches nouvelles depuis cette adresse "
                        "(`ESSMAP_SEARCH_RATE` ; les pages déjà en cache restent servies) : "
                        "réessayer après `Retry-After` secondes.",
                        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                        "content": ERROR_JSON | HTML,
                    },
                    "503": {
                        "description": "Recherche interrompue, trop longue (PostgreSQL, "
                        "`ESSMAP_STATEMENT_TIMEOUT_MS`) : la préciser ; ou base injoignable.",
                        "content": ERROR_JSON | HTML,
                    },
                },
            ),
        }
    }


def _detail_operation(summary, entry, operation_id, slug_example):
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "description": "La fiche, avec les mêmes champs que dans la liste, `sources` : "
            "les documents qu’elle cite, et `declared_by_structure` : ce que sa structure a "
            "déclaré elle-même.",
            "tags": ["Annuaire"],
            "parameters": [
                {
                    "name": "slug",
                    "in": "path",
                    "description": "Identifiant de la fiche, celui de son adresse.",
                    "required": True,
                    "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
                    "example": slug_example,
                },
                DETAIL_FORMAT,
            ],
            "responses": _responses(
                _json(
                    {
                        "allOf": [ref(entry)],
                        "properties": {
                            "sources": {"type": "array", "items": ref("Source")},
                            "declared_by_structure": {
                                "type": "object",
                                "additionalProperties": DATE,
                                "description": "Les champs que l’équipe de la structure a "
                                "écrits elle-même (« Ma structure »), chacun avec sa date : "
                                "déclarés, non tirés d’une source publiée.",
                                "examples": [{"description": "2026-05-04"}],
                            },
                        },
                        "required": ["sources", "declared_by_structure"],
                    }
                )
                | HTML,
                described="La fiche publiée (JSON), ou sa page.",
                **{
                    "400": {"description": "Format inconnu (texte).", "content": PLAIN},
                    "404": {
                        "description": "Fiche inconnue ou non publiée.",
                        "content": ERROR_JSON | HTML,
                    },
                    "410": {"description": "Fiche archivée.", "content": ERROR_JSON},
                },
            ),
        }
    }


def _open_data_operation(summary, item, operation_id):
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "description": "Export complet au schéma national data·inclusion (voir /donnees/).",
            "tags": ["Données ouvertes"],
            "responses": _responses(
                _json({"type": "array", "items": ref(item)}), described="Tous les enregistrements."
            ),
        }
    }


def document(base_url, programme_slug="incubateur", structure_slug="cress"):
    """The OpenAPI document for a server at ``base_url`` (the request's own, so that a copy of
    essmap describes itself); the slugs are examples of real entries when there are any."""
    paths = {
        "/programmes/": _list_operation(
            "liste_dispositifs",
            "Dispositifs d’accompagnement",
            "Les dispositifs publiés, filtrés et paginés. Avec un lieu ou une étape, "
            "`structures` donne aussi les structures qui y accompagnent elles-mêmes.",
            "ListeDeDispositifs",
            PROGRAMME_FILTERS,
        ),
        "/structures/": _list_operation(
            "liste_structures",
            "Structures",
            "Les structures publiées, filtrées et paginées (les plus proches du territoire "
            "choisi d’abord).",
            "ListeDeStructures",
            [
                _query(
                    Param.KIND,
                    "Type de structure, valeur du vocabulaire (répétable).",
                    _repeatable(examples=["cae", "incubateur"]),
                )
            ],
        ),
        "/programmes/{slug}/": _detail_operation(
            "Fiche d’un dispositif", "Dispositif", "fiche_dispositif", programme_slug
        ),
        "/structures/{slug}/": _detail_operation(
            "Fiche d’une structure", "Structure", "fiche_structure", structure_slug
        ),
        "/carte/": {
            "get": {
                "operationId": "carte",
                "summary": "Couverture des départements",
                "description": "Pour chaque département, combien de dispositifs en cours le "
                "servent à une étape : `total` (y compris ceux qui n’en couvrent qu’une partie) "
                "et `whole` (ceux qui le couvrent tout entier).",
                "tags": ["Annuaire"],
                "parameters": [
                    _query(
                        Param.OUTPUT,
                        "`json` ou `csv` ; sans ce paramètre, la carte en HTML.",
                        {"type": "string", "enum": ["json", "csv"]},
                        example="json",
                    ),
                    _query(
                        Param.STAGE,
                        "Étape (`idee` par défaut) ; une étape inconnue donne 400.",
                        {"type": "string", "enum": STAGES},
                    ),
                    _query(
                        Param.NATIONAL,
                        "`oui` : compter aussi les dispositifs nationaux, qui couvrent tout ; sans "
                        "ce paramètre ou avec toute autre valeur (`non`), seuls comptent les "
                        "dispositifs dont la portée est plus petite que la France (locaux à "
                        "régionaux).",
                        {"type": "string", "examples": ["oui"]},
                    ),
                ],
                "responses": _responses(
                    _json(ref("Carte")) | {"text/csv": TEXT} | HTML,
                    described="Un enregistrement par département, dans l’ordre des codes.",
                    **{
                        "400": {
                            "description": "Étape inconnue : `errors` (JSON), ou le message "
                            "(texte, pour le CSV et un format inconnu).",
                            "content": _json(record({"errors": ref("ErreursDeFiltres")}))
                            | {"text/plain": TEXT},
                        }
                    },
                ),
            }
        },
        "/territoires/autocomplete/": {
            "get": {
                "operationId": "territoires_autocompletion",
                "summary": "Territoires pendant la frappe",
                "description": "Jusqu’à 10 territoires pour un nom (sans accents ni casse), un "
                "code postal, un code INSEE ou un SIREN ; rien sous 2 caractères. `code` est la "
                "valeur qu’accepte `territoire` et il y désigne exactement ce territoire : "
                "`com-53100` pour Fougerolles-du-Plessis, dont le code INSEE 53100 seul se lit "
                "comme le code postal de Mayenne.",
                "tags": ["Territoires"],
                "parameters": [
                    _query(
                        "q",
                        "Ce qui a été tapé.",
                        {"type": "string", "examples": ["Lesperon", "53100"]},
                        example="Mayenne",
                    )
                ],
                "responses": _responses(_json(ref("Suggestions")), described="Les suggestions."),
            }
        },
        "/donnees/structures.json": _open_data_operation(
            "Structures au schéma data·inclusion",
            "StructureDataInclusion",
            "donnees_structures",
        ),
        "/donnees/services.json": _open_data_operation(
            "Services au schéma data·inclusion", "ServiceDataInclusion", "donnees_services"
        ),
        "/api/openapi.json": {
            "get": {
                "operationId": "document_openapi",
                "summary": "Ce document",
                "tags": ["API"],
                "responses": _responses(
                    _json({"type": "object", "required": ["openapi", "info", "paths"]}),
                    described="Le document OpenAPI 3.1 de l’API.",
                ),
            }
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "essmap — API publique de l’annuaire des accompagnements ESS",
            "version": "1.0.0",
            "summary": "Dispositifs et structures qui accompagnent les projets de l’économie "
            "sociale et solidaire en France, par territoire et par étape.",
            "description": "Lecture seule, sans authentification ni cookie, ouverte à toute "
            "origine (CORS). Les noms de champs sont un contrat : on en ajoute, on n’en renomme "
            "pas. Les messages d’erreur sont en français. Présentation : /api/.",
            "license": LICENCE,
        },
        "servers": [{"url": base_url, "description": "Ce serveur"}],
        "tags": [
            {"name": "Annuaire", "description": "Dispositifs, structures et couverture."},
            {"name": "Territoires", "description": "Trouver le code d’un territoire."},
            {"name": "Données ouvertes", "description": "Exports au schéma data·inclusion."},
            {"name": "API", "description": "Le contrat lui-même."},
        ],
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }
