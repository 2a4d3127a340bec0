"""The JSON schemas of the public API's answers (``components.schemas`` of the OpenAPI
document, ``opendata.openapi``): one per shape a client reads, field for field as
``programmes.exports``, ``orientation.views`` and ``territories.search`` write them.

Closed vocabularies (stages, statuses, reaches, territory kinds) are read from the models, so
the enums cannot go stale; open ones (publics, sectors…), edited by curators, are strings with
examples."""

from programmes.models import ProgrammeStatus, Stage, StructureRole
from territories.models import REACH_LABELS, TerritoryKind

STAGES = [stage.value for stage in Stage]
REACHES = [label for _, label in REACH_LABELS]


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema):
    return {"anyOf": [schema, {"type": "null"}]}


def record(properties, optional=()):
    """A JSON object whose properties, but ``optional``, are always present; others may be added
    later (the contract: fields are added, never renamed)."""
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
    }


STRING = {"type": "string"}
URI = {"type": "string", "format": "uri"}
DATE = {"type": "string", "format": "date"}
YEAR = nullable({"type": "integer"})
STRINGS = {"type": "array", "items": STRING}
STAGE_LIST = {"type": "array", "items": {"type": "string", "enum": STAGES}}
REACH = nullable({"type": "string", "enum": REACHES})

# A list's answer when the place typed named no territory, or several (programmes and
# structures alike).
TERRITORY_SUGGESTIONS = {
    "type": "array",
    "description": "Avec `errors.territoire` seulement : les territoires proches de ce qui a été "
    "saisi (homonymes, noms qui commencent ainsi, ou noms voisins d’une faute de frappe), chacun "
    "avec `url`, la même recherche sur ce territoire.",
    "items": {"allOf": [ref("TerritoireSuggere"), record({"url": STRING})]},
}

# What a structure answering a search says of itself, in ``structures`` (its general
# accompaniment) and in ``also_here`` (programmes.exports._structure_answer).
STRUCTURE_ANSWER = {
    "name": STRING,
    "slug": STRING,
    "url": URI,
    "kind": STRING,
    "kind_label": STRING,
    "general_stages": STAGE_LIST,
    "commune": nullable(ref("Territoire")),
    "distance_km": nullable({"type": "number", "minimum": 0}),
}

SCHEMAS = {
    "Erreur": record({"error": {"type": "string", "description": "Message en français."}}),
    "Territoire": record(
        {
            "code": {
                "type": "string",
                "description": "Code public, celui de `/territoires/<code>/` ; dans "
                "`territoire`, le `code` de la suggestion (`com-53100` pour une commune dont le "
                "code INSEE est aussi un code postal).",
                "examples": ["53147", "dep-53", "reg-52", "FR"],
            },
            "name": STRING,
            "kind": {"type": "string", "enum": TerritoryKind.values},
        }
    ),
    "Organisation": record(
        {
            "name": STRING,
            "url": {"type": "string", "description": "Fiche essmap (vide si aucune)."},
            "website": STRING,
            "email": STRING,
            "phone": {"type": "string", "description": "Tel qu’on le compose."},
        }
    ),
    "Contact": nullable(
        {
            "allOf": [ref("Organisation")],
            "type": "object",
            "description": "Comment joindre la structure opératrice (ou la structure).",
            "properties": {
                "address": STRING,
                "network": nullable(
                    {
                        "allOf": [ref("Organisation")],
                        "type": "object",
                        "description": "Le réseau à appeler quand la structure n’a ni site, ni "
                        "courriel, ni téléphone : toujours un réseau joignable, trouvé en "
                        "remontant ses réseaux si besoin.",
                        "properties": {
                            "via": nullable(
                                record(
                                    {
                                        "name": STRING,
                                        "url": {"type": "string", "description": "Fiche essmap."},
                                    }
                                )
                                | {
                                    "description": "Le réseau de la structure, sans coordonnées, "
                                    "par lequel on est remonté à celui-ci (null si c’est le sien)."
                                }
                            ),
                        },
                        "required": ["via"],
                    }
                ),
                "text": {"type": "string", "description": "Le tout en une ligne (CSV)."},
            },
            "required": ["address", "network", "text"],
        }
    ),
    "Dispositif": record(
        {
            "name": STRING,
            "slug": STRING,
            "url": URI,
            "kind": nullable({"type": "string", "examples": ["pre-incubation"]}),
            "stages": STAGE_LIST,
            "status": {"type": "string", "enum": ProgrammeStatus.values},
            "start_year": YEAR,
            "end_year": YEAR,
            "is_free": nullable({"type": "boolean"}),
            "cost_details": STRING,
            "formats": STRINGS,
            "publics": STRINGS,
            "sectors": STRINGS,
            "structures": {
                "type": "array",
                "items": record(
                    {
                        "name": STRING,
                        "url": URI,
                        "role": {"type": "string", "enum": StructureRole.values},
                    }
                ),
            },
            "territories": {"type": "array", "items": ref("Territoire")},
            "verified_on": nullable(DATE),
            "distance_km": nullable({"type": "number", "minimum": 0}),
            "reach": REACH,
            "reach_approximate": {"type": "boolean"},
            "how_to_apply": STRING,
            "contact": ref("Contact"),
        }
    ),
    "Structure": record(
        {
            "name": STRING,
            "slug": STRING,
            "url": URI,
            "kind": {"type": "string", "examples": ["cae"]},
            "legal_form": STRING,
            "founded_year": YEAR,
            "commune": nullable(ref("Territoire")),
            "latitude": nullable({"type": "number"}),
            "longitude": nullable({"type": "number"}),
            "website": STRING,
            "address": STRING,
            "postcode": STRING,
            "email": STRING,
            "phone": STRING,
            "publics": STRINGS,
            "sectors": STRINGS,
            "territories": {"type": "array", "items": ref("Territoire")},
            "general_stages": STAGE_LIST,
            "verified_on": nullable(DATE),
            "distance_km": nullable({"type": "number", "minimum": 0}),
            "contact": ref("Contact"),
        }
    ),
    "AccompagnementGeneral": record(
        {
            **STRUCTURE_ANSWER,
            "reach": REACH,
            "reach_approximate": {"type": "boolean"},
            "contact": ref("Contact"),
        }
    ),
    "AussiSurLeTerritoire": record(
        {
            **STRUCTURE_ANSWER,
            "national": {
                "type": "boolean",
                "description": "Réseau national : présente ici parce qu’elle sert la France "
                "entière.",
            },
            "contact": ref("Contact"),
        }
    ),
    "Source": record(
        {
            "document": STRING,
            "title": STRING,
            "publisher": STRING,
            "year": YEAR,
            "url": STRING,
            "consulted_on": nullable(DATE),
            "published_on": nullable(DATE),
            "section": STRING,
            "gives": {
                "type": "array",
                "items": {"type": "string", "enum": ["phone", "email"]},
                "description": "Pour une structure : les coordonnées que donne ce document.",
            },
        },
        optional=("gives",),
    ),
    "ErreursDeFiltres": {
        "type": "object",
        "description": "Pour chaque paramètre refusé, ses messages en français.",
        "additionalProperties": STRINGS,
    },
    "ListeDeDispositifs": record(
        {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "num_pages": {"type": "integer", "minimum": 1},
            "results": {"type": "array", "items": ref("Dispositif")},
            "text_match": nullable({"type": "string", "enum": ["all", "closest"]}),
            "structures": {
                "type": "array",
                "description": "Structures dont l’accompagnement général répond au lieu et aux "
                "étapes choisis (5 au plus), hors `count` et `results`.",
                "items": ref("AccompagnementGeneral"),
            },
            "also_here": {
                "type": "array",
                "description": "Avec un lieu, les structures d’accompagnement présentes dans ce "
                "lieu que rien d’autre de la réponse ne nomme (« Aussi sur votre territoire ») : "
                "15 locales au plus, puis 15 réseaux nationaux au plus ; hors `count` et "
                "`results`.",
                "items": ref("AussiSurLeTerritoire"),
            },
            "territory_suggestions": TERRITORY_SUGGESTIONS,
            "errors": ref("ErreursDeFiltres"),
        },
        optional=["errors", "territory_suggestions"],
    ),
    "ListeDeStructures": record(
        {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "num_pages": {"type": "integer", "minimum": 1},
            "results": {"type": "array", "items": ref("Structure")},
            "text_match": nullable({"type": "string", "enum": ["all", "closest"]}),
            "territory_suggestions": TERRITORY_SUGGESTIONS,
            "errors": ref("ErreursDeFiltres"),
        },
        optional=["errors", "territory_suggestions"],
    ),
    "Carte": record(
        {
            "etape": {"type": "string", "enum": STAGES},
            "national": {"type": "boolean"},
            "departements": {
                "type": "array",
                "items": record(
                    {
                        "code": {"type": "string", "examples": ["53", "2A", "971"]},
                        "name": STRING,
                        "key": {"type": "string", "examples": ["dep-53"]},
                        "total": {"type": "integer", "minimum": 0},
                        "whole": {"type": "integer", "minimum": 0},
                        "url": URI,
                    }
                ),
            },
        }
    ),
    "TerritoireSuggere": record(
        {
            "code": {
                "type": "string",
                "description": "La valeur qu’accepte `territoire`, qui y désigne "
                "exactement ce territoire.",
                "examples": ["53147", "com-53100", "dep-53"],
            },
            "name": STRING,
            "kind": {"type": "string", "enum": TerritoryKind.values},
            "departement": nullable(STRING),
            "label": {"type": "string", "examples": ["Lesperon (40) — commune"]},
        }
    ),
    "Suggestions": record(
        {
            "results": {
                "type": "array",
                "maxItems": 10,
                "items": ref("TerritoireSuggere"),
            }
        }
    ),
    "StructureDataInclusion": {
        "type": "object",
        "description": "Une structure au schéma national data·inclusion (voir /donnees/).",
        "properties": {"source": STRING, "id": STRING, "nom": STRING, "date_maj": STRING},
        "required": ["source", "id", "nom", "date_maj"],
    },
    "ServiceDataInclusion": {
        "type": "object",
        "description": "Un service (dispositif) au schéma national data·inclusion.",
        "properties": {
            "source": STRING,
            "id": STRING,
            "structure_id": STRING,
            "nom": STRING,
            "description": STRING,
            "date_maj": STRING,
        },
        "required": ["source", "id", "structure_id", "nom", "description", "date_maj"],
    },
}
