"""A small directory as a content file, for the round trips through each importer
(tests/<app>/test_round_trip.py): every kind of link, contact details, people."""

import json

from content.loader import load_content

DIRECTORY = {
    "documents": [
        {"file_name": "000_test.txt", "title": "Portrait", "published_on": "2021-06-01"},
        {
            "file_name": "web:ouvre-boites.coop/contact",
            "title": "Contact",
            "url": "https://ouvre-boites.coop/contact",
            "consulted_on": "2026-11-27",
        },
    ],
    "structures": [
        {
            "slug": "ouvre-boites",
            "name": "Coopérative Ouvre-Boîtes",
            "aliases": ["OB44"],
            "kind": "cae",
            "legal_form": "SCOP SA",
            "founded_year": 2004,
            "description": "Une coopérative d’activité et d’emploi.",
            "address": "8 rue Saint-Domingue",
            "postcode": "44200",
            "commune": "44109",
            "latitude": 47.2,
            "longitude": -1.55,
            "website": "https://ouvre-boites.coop/",
            "email": "contact@ouvre-boites.coop",
            "phone": "+33240000000",
            "territories": ["dep-44", "dep-53"],
            "publics": ["jeunes"],
            "sectors": ["batiment"],
            "partners": ["bocage"],
            "networks": ["france-active"],
            "general_accompaniment": {
                "stages": ["creation"],
                "sources": [{"document": "000_test.txt", "section": "l. 1-4"}],
            },
            "verified_on": "2025-06-01",
            "sources": [
                {
                    "document": "web:ouvre-boites.coop/contact",
                    "section": "pied",
                    "gives": ["phone", "email"],
                }
            ],
        },
        {
            "slug": "bocage",
            "name": "Pépinière du bocage",
            "kind": "cae",
            "commune": "53130",
            "territories": ["dep-53"],
            "partners": ["ouvre-boites"],
            "sources": [{"document": "000_test.txt"}],
        },
        {"slug": "france-active", "name": "France Active", "kind": "financeur"},
    ],
    "programmes": [
        {
            "slug": "parcours-entreprendre",
            "name": "Parcours entreprendre",
            "description": "Un parcours pour créer son activité.",
            "stages": ["idee", "creation"],
            "formats": ["collectif"],
            "is_free": True,
            "eligibility": "Projet en Pays de la Loire",
            "how_to_apply": "Réunion d’information chaque mois",
            "territories": ["dep-53", "200055887", "44109"],
            "publics": ["femmes", "associations"],
            "structures": [
                {"slug": "ouvre-boites", "role": "operateur"},
                {"slug": "bocage", "role": "partenaire"},
                {"slug": "france-active", "role": "financeur"},
            ],
            "next_steps": ["hebergement"],
            "sources": [{"document": "000_test.txt", "section": "l. 5-9"}],
        },
        {
            "slug": "hebergement",
            "name": "Hébergement de projets",
            "stages": ["developpement"],
            "is_free": False,
            "website": "https://bocage.example.org/hebergement",
            "territories": ["FR"],
            "publics": ["tous-publics"],
            "status": "termine",
            "start_year": 2015,
            "end_year": 2024,
            "structures": [{"slug": "bocage"}],
        },
    ],
    "people": [
        {
            "name": "Camille Martin",
            "role": "Chargée d’accompagnement",
            "structure": "ouvre-boites",
            "public": True,
            "programmes": [
                {"slug": "parcours-entreprendre"},
                {"slug": "hebergement", "relation": "temoignage"},
            ],
        }
    ],
}


def load_directory(tmp_path, update=False):
    path = tmp_path / "directory.json"
    path.write_text(json.dumps(DIRECTORY), encoding="utf-8")
    return load_content([path], update=update)
