"""What each exported field holds, for the /donnees/ page (docs/open-data.md has the same table)."""

STRUCTURE_FIELDS = [
    ("id", "« essmap-- » suivi du slug de la structure"),
    ("source", "toujours « essmap »"),
    ("nom", "nom (3 à 150 caractères : coupé au mot avec « … » au-delà ; sans point final)"),
    (
        "description",
        "description, suivie de « Déclaré par la structure le … : … » pour ce que l’équipe de "
        "la structure a écrit elle-même",
    ),
    ("adresse, code_postal", "adresse et code postal"),
    ("commune, code_insee", "commune du siège : nom et code INSEE"),
    ("latitude, longitude", "coordonnées de la structure (pas celles du centre de la commune)"),
    ("telephone", "téléphone au format E.164 (+33…)"),
    ("courriel", "courriel de la structure (jamais celui d’une personne)"),
    ("site_web", "site web"),
    (
        "date_maj",
        "date de vérification (par un curateur, ou déclaration de la structure), sinon de "
        "dernière modification dans essmap",
    ),
    ("lien_source", "adresse de la fiche sur essmap"),
    ("reseaux_porteurs", "réseaux reconnus par le schéma (France Active, Initiative France…)"),
]

SERVICE_FIELDS = [
    ("id", "« essmap-- » suivi du slug du dispositif"),
    ("structure_id", "identifiant de la première structure opératrice publiée"),
    ("nom", "nom du dispositif"),
    ("description", "description ; à défaut, son type, sa structure, ses étapes, sa durée"),
    ("type", "type d’accompagnement (table de correspondance ci-dessous)"),
    (
        "thematiques",
        "étapes : idée, création, développement → les trois thématiques « créer une entreprise »",
    ),
    (
        "publics, publics_precisions",
        "publics ; « tous-publics » seul quand aucun n’a d’équivalent, les autres dits en clair",
    ),
    (
        "frais, frais_precisions",
        "gratuit ou payant (vide si la source ne le dit pas), précisions sur le coût",
    ),
    ("conditions_acces", "conditions d’accès"),
    (
        "zone_eligibilite",
        "territoires couverts (ou ceux des structures opératrices) en codes "
        "officiels : commune, département, EPCI, « france »",
    ),
    (
        "modes_accueil",
        "formats : sur place (individuel, collectif, formation, itinérant) ou à distance",
    ),
    (
        "telephone, courriel, lien_mobilisation",
        "comment joindre le dispositif : la structure opératrice joignable, le site du dispositif",
    ),
    (
        "modes_mobilisation, mobilisable_par",
        "téléphoner, envoyer un courriel, utiliser le "
        "lien ; par les personnes elles-mêmes (« usagers »)",
    ),
    (
        "mobilisation_precisions",
        "comment candidater ; le réseau à contacter quand la structure n’a pas de coordonnées",
    ),
    (
        "adresse, code_postal, commune, code_insee",
        "adresse de la structure quand le dispositif se suit sur place",
    ),
    (
        "date_maj, lien_source",
        "date de vérification (ou de déclaration par la structure) ; adresse de la fiche sur "
        "essmap",
    ),
]
