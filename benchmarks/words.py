"""The words synthetic content is written with: names, description templates, and the
sentences of the shipped descriptions (``essmap/fixtures/content``)."""

import json
import re

from essmap import paths

CONTENT_DIR = paths.CONTENT_DIR

THEMES = [
    "Cap ESS",
    "Tremplin",
    "Fabrique à projets",
    "Émergence",
    "Coopérer pour entreprendre",
    "Graines d’entrepreneurs",
    "Incubateur rural",
    "Créer en coopérative",
    "Café-projets",
    "Accélérateur solidaire",
    "Mon projet au village",
    "La Ruche",
    "Déclic ESS",
    "Villages vivants",
    "Terres d’initiatives",
    "Atelier des possibles",
    "Passerelle",
    "Boussole",
    "Essor",
    "Entreprendre autrement",
    "Ici on coopère",
    "Tiers-lieu en chantier",
    "Jeunes en coopérative",
    "Agri-ESS",
    "Parcours Cocon",
    "Relais création",
]
STRUCTURE_WORDS = [
    "Solidaire",
    "des Possibles",
    "en Commun",
    "Horizons",
    "Ensemble",
    "Initiatives",
    "Coop’Actions",
    "du Bocage",
    "des Vallées",
    "Terre d’ESS",
    "Alternatives",
    "Partage",
    "Ressources",
    "Les Communs",
    "Fil Rouge",
    "Bourgeons",
    "La Traverse",
    "Echo",
]
KIND_PREFIXES = {
    "cae": ["Coopérative", "CAE"],
    "incubateur": ["Incubateur", "Ruche"],
    "ptce": ["PTCE", "Pôle de coopération"],
    "tiers-lieu": ["Tiers-lieu", "La Fabrique", "Le Local"],
    "couveuse": ["Couveuse"],
    "pepiniere": ["Pépinière"],
    "reseau-ess": ["Réseau ESS", "Pôle ESS"],
    "dla": ["DLA"],
    "fabrique-a-initiatives": ["Fabrique à initiatives"],
    "fonciere-solidaire": ["Foncière"],
    "association-accompagnement": ["Association", "Boutique de gestion"],
    "financeur": ["Fonds", "Caisse solidaire"],
    "collectivite": ["Service ESS"],
}
LEGAL_FORMS = {
    "cae": ["SCOP SA", "SCIC SAS", "SCOP SARL"],
    "fonciere-solidaire": ["SCIC SAS", "SAS"],
    "collectivite": ["collectivité territoriale"],
}
ACTIVITIES = [
    "un café associatif",
    "une épicerie solidaire",
    "une ressourcerie",
    "un tiers-lieu",
    "une coopérative agricole",
    "un atelier de réparation de vélos",
    "une recyclerie",
    "un jardin partagé",
    "une cantine solidaire",
    "un garage solidaire",
    "une crèche associative",
    "un service de mobilité",
    "une librairie coopérative",
    "un habitat partagé",
    "une conserverie",
    "une boutique de créateurs",
]
TEMPLATES = [
    "{kind} porté par {operator} pour {public} qui veulent créer une activité "
    "({sector}) sur le territoire de {place}.",
    "L’accompagnement alterne rendez-vous individuels et ateliers collectifs pendant {months} "
    "mois : besoin social, étude de marché, modèle économique, forme juridique, financements.",
    "Vous voulez ouvrir {activity} dans votre village ou votre quartier ? Le parcours aide à "
    "tester l’idée, à réunir un collectif et à trouver des partenaires.",
    "Les projets accompagnés sont variés : coopératives, tiers-lieux, cafés associatifs, "
    "épiceries solidaires, circuits courts en agriculture, services de proximité.",
    "Ouvert aux jeunes, aux demandeurs d’emploi, aux femmes et aux collectifs citoyens, "
    "en particulier en milieu rural.",
    "Il s’appuie sur les acteurs locaux de l’économie sociale et solidaire : CAE, réseaux, "
    "collectivités, financeurs solidaires.",
    "À la sortie, chaque porteur de projet est orienté vers la suite de son parcours : "
    "incubation, test d’activité en coopérative, prêt d’honneur ou local d’activité.",
    "Depuis {year}, {count} projets ont été accompagnés, dont {activity_count} activités "
    "créées en milieu rural.",
]
STREETS = ["rue de la Mairie", "rue du Port", "place des Écoles", "rue Jean Jaurès"]
DURATIONS = ["3 mois", "6 mois", "6 à 9 mois", "1 an", "18 mois", "2 jours", "10 ateliers"]
COSTS = ["Participation de 50 € par mois", "Adhésion annuelle de 20 €", "Tarif selon projet"]


def sentence_pool():
    """Sentences of the shipped descriptions, sorted (the same on every machine)."""
    sentences = set()
    for path in sorted(CONTENT_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for entry in [*data.get("structures", []), *data.get("programmes", [])]:
            for sentence in re.split(r"(?<=[.!?])\s+", entry.get("description", "")):
                if 40 <= len(sentence) <= 260:
                    sentences.add(sentence.strip())
    return sorted(sentences)
