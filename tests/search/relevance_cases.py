"""Relevance cases: realistic questions drawn from the seed documents.

Each case is a question that a porteur de projet, or an agent of a collectivité, could ask the
directory after reading (or living) one of the situations described in the seed publications:
the TRESSONS guide on ESS in rural territories (Avise and RTES, seed 003), the Migracoop review
(seed 001), the booklet on the CAE of Pays de la Loire (seed 002), the portrait of a rural ESS
entrepreneur in Mayenne (seed 000) and the article on Valenciennes Métropole (seed 004). The
answer is a programme shipped in ``fixtures/content/*.json``; a search with the case's place,
stage and keywords must list it among the first five results.

How the cases were chosen:

* **Place.** ``territoire`` is the commune named in the source (Ambert, Lesperon, Trévoux,
  Ligugé, Louvigné-du-Désert, Grigny…) or, when the source only names a département or a
  pays, a commune of it (Annonay for the "nord de l'Ardèche", Vallet for the Vignoble
  Nantais). A few cases use an EPCI SIREN or a ``dep-NN`` key, as an agent would. Each place
  is really served by the expected programme: listed in its territories, or in those of its
  operators when it lists none, and contained through the commune → EPCI → département →
  région membership of the national reference (or the member list of the Pays du Vignoble
  Nantais). Groupings shipped without members (PNR, other Pays, Genevois français) are
  avoided, since no commune belongs to them yet.
* **Stage.** ``etape`` is one of the stages the programme is flagged for, or empty (no stage
  chosen). Ended programmes (``"status": "termine"``) are never expected: they are hidden by
  default.
* **Keywords.** ``q`` is what the person would type. Cases with an empty ``q`` (place and stage
  only) expect one of the most local programmes of that place (commune, EPCI or département
  scale), ahead of the national ones. The others exercise the French full-text search: words
  typed without accents ("baticreateurs", "legumerie"), spacing and punctuation variants ("coop
  chez vous", "tiers lieu", "fab lab", "ouvre boite", "starter ess", "fabrique a initiative"),
  plural or singular forms ("paysagiste", "tiers-lieux", "coopératives éphémères"), synonyms
  ("CAE" ↔ "coopérative d'activité et d'emploi", "préincubation" ↔ "pré-incubation",
  "incubation" ↔ "incubateur"), small typos ("incubateru", "migracop"), the name of an operator
  rather than of the programme ("Meltingcoop") and publics or sectors ("exilées", "handicap",
  "jeunes", "bâtiment", "agriculture").
* **No ambiguity.** The expected programme is specific to the place or the topic; when another
  programme may fairly answer too (a national one, a sibling programme of the same operator),
  it is listed in the comment of the case and the expected one still belongs in the top five.
"""

from typing import NamedTuple


class Case(NamedTuple):
    id: str  # short slug-like id
    question: str  # the question in plain French, as the person would say it
    territoire: str  # territory key: INSEE code of a commune served by the expected programme;
    # a few cases use an EPCI SIREN or "dep-NN"
    etape: str  # "idee", "creation", "developpement" or "" (no stage chosen)
    q: str  # the keywords the person types (may be empty)
    expected: str  # slug of the programme that must appear in the top 5
    source: str  # seed file name + a short pointer


CASES = [
    # -- Mayenne (seed 000, seed 002: Coodem; seed 003: May'Idées) -----------------------------
    Case(
        id="mayenne-preincubation",
        question=(
            "J'habite à Mayenne et je veux ouvrir un lieu d'accueil associatif avec des "
            "demandeurs d'asile : existe-t-il une préincubation ESS près de chez moi ?"
        ),
        territoire="53147",  # Mayenne
        etape="idee",
        q="préincubation",  # the fixture writes "pré-incubation"
        expected="may-idees",
        source="000_e8707b2d89dc38b8.txt — portrait de Valérie Vigouroux (Chez Mia Mia, May’Idess)",
    ),
    Case(
        id="lassay-idee",
        question=(
            "J'habite à Lassay-les-Châteaux et j'ai une idée de projet dans l'ESS, "
            "par où commencer ?"
        ),
        territoire="53127",  # Lassay-les-Châteaux
        etape="idee",
        q="",
        expected="may-idees",  # Flashcoop Coodem is also local (dep-53)
        source="003_1d54022f4fac85d7.txt — « Les premiers pas des entrepreneurs (Mayenne) »",
    ),
    Case(
        id="lassay-batiment",
        question=(
            "J'habite à Lassay-les-Châteaux, j'ai une idée d'activité dans le bâtiment, "
            "qui peut m'aider ?"
        ),
        territoire="53127",  # Lassay-les-Châteaux
        etape="creation",
        q="bâtiment",
        expected="entrepreneurs-batiment-coodem-elan-batisseur",
        source="002_e9ea1651168d5d90.txt — fiche Coodem (orientation vers Elan Bâtisseur)",
    ),
    Case(
        id="chateau-gontier-cooperatives-ephemeres",
        question=(
            "Je suis conseillère en insertion à Château-Gontier : y a-t-il des coopératives "
            "éphémères pour que des demandeurs d'emploi reprennent confiance ?"
        ),
        territoire="53062",  # Château-Gontier-sur-Mayenne
        etape="idee",
        q="coopératives éphémères",  # the fixture writes "Coopérative éphémère"
        expected="flashcoop-coodem",
        source="002_e9ea1651168d5d90.txt — fiche Coodem (créateurs accompagnés en Flashcoop)",
    ),
    Case(
        id="laval-handicap",
        question=(
            "Je suis en situation de handicap à Laval et j'aimerais créer mon activité comme "
            "entrepreneur salarié, à mon rythme. Qui accompagne ça ?"
        ),
        territoire="53130",  # Laval
        etape="creation",
        q="handicap",
        expected="geicoo",
        source="002_e9ea1651168d5d90.txt — « Le projet Geicoo » (Coodem et Geist Mayenne)",
    ),
    # -- Loire-Atlantique and Vendée (seed 002) --------------------------------------------
    Case(
        id="saint-nazaire-baticreateurs",
        question=(
            "Je suis plaquiste à Saint-Nazaire et je voudrais me mettre à mon compte dans la "
            "coopérative du bâtiment dont on m'a parlé, Bâticréateurs : comment y entrer ?"
        ),
        territoire="44184",  # Saint-Nazaire
        etape="creation",
        q="baticreateurs",
        expected="test-activite-baticreateurs-44",
        source="002_e9ea1651168d5d90.txt — fiche Baticréateurs 44 (bassin : Loire-Atlantique)",
    ),
    Case(
        id="montaigu-coop-chez-vous",
        question=(
            "Je veux proposer l'entretien de jardins chez les particuliers autour de Montaigu, "
            "avec l'agrément services à la personne : c'est quoi, Coop chez vous ?"
        ),
        territoire="85146",  # Montaigu-Vendée
        etape="creation",
        q="coop chez vous",
        expected="test-activite-coopchezvous",
        source="002_e9ea1651168d5d90.txt — fiche CoopChezVous et témoignage d'un jardinier",
    ),
    Case(
        id="nantes-paysagiste",
        question=(
            "Je suis paysagiste entrepreneur dans une coopérative à Nantes ; je cherche à "
            "rencontrer d'autres paysagistes pour travailler ensemble."
        ),
        territoire="44109",  # Nantes
        etape="developpement",
        q="paysagiste",  # the fixture writes "paysagistes"
        expected="groupe-metier-paysagistes",  # the Ouvre-Boîtes CAE also mentions it
        source="002_e9ea1651168d5d90.txt — témoignage : le Groupe métier des paysagistes",
    ),
    Case(
        id="la-roche-ouvre-boite",
        question=(
            "J'ai juste une idée d'activité à La Roche-sur-Yon : est-ce que l'Ouvre-Boîtes peut "
            "m'accompagner dès maintenant ?"
        ),
        territoire="85191",  # La Roche-sur-Yon
        etape="idee",
        q="ouvre boite",
        expected="test-activite-ouvre-boites-44-85",
        source="002_e9ea1651168d5d90.txt — fiche Ouvre-Boîtes 44/85 (« depuis l'idée initiale »)",
    ),
    Case(
        id="nantes-tiers-lieu",
        question=(
            "Entrepreneur de l'Ouvre-Boîtes à Nantes, je cherche un tiers lieu en centre-ville "
            "avec une boutique pour vendre mes créations."
        ),
        territoire="44109",  # Nantes
        etape="developpement",
        q="tiers lieu",  # the fixture writes "Tiers-lieu"
        expected="le-grand-bain",
        source="002_e9ea1651168d5d90.txt — « Le tiers-lieu Le Grand Bain (Nantes) »",
    ),
    Case(
        id="vallet-idee",
        question=(
            "Je vis à Vallet, dans le Vignoble nantais, et j'ai un projet d'utilité sociale ; "
            "il n'y a pas de permanence ESS près de chez moi, qui peut m'aider ?"
        ),
        territoire="44212",  # Vallet, member of the Pays du Vignoble Nantais
        etape="idee",
        q="",
        expected="innovation-sociale-vignoble-nantais",
        source="003_1d54022f4fac85d7.txt — expérimentation du Pays du Vignoble Nantais",
    ),
    Case(
        id="pouzauges-pre-incubation",
        question=(
            "Je suis à Pouzauges et je veux passer de l'idée au projet dans l'ESS : existe-t-il "
            "un parcours de pré-incubation en Vendée ?"
        ),
        territoire="85182",  # Pouzauges
        etape="idee",
        q="pré-incubation",  # the fixture writes "préincubation"
        expected="ressort-pole-ess-vendee",
        source="003_1d54022f4fac85d7.txt — expérimentation du Pôle ESS Vendée (Pouzauges)",
    ),
    # -- Maine-et-Loire and Sarthe (seed 002) ----------------------------------------------
    Case(
        id="chemille-jeunes",
        question=(
            "Je suis animatrice jeunesse à Chemillé : je cherche un dispositif pour que des "
            "jeunes créent leur propre coopérative cet été."
        ),
        territoire="49092",  # Chemillé-en-Anjou
        etape="idee",
        q="jeunes",
        expected="cjs-cdp-49",
        source="002_e9ea1651168d5d90.txt — fiche CDP 49 (CJS à Chemillé et dans le Choletais)",
    ),
    Case(
        id="angers-artiste",
        question=(
            "Je suis musicienne à Angers et je voudrais tester mon activité d'artiste dans une "
            "coopérative avant de me lancer."
        ),
        territoire="49007",  # Angers
        etape="creation",
        q="artiste",
        expected="test-activite-oz",  # Trajet (regional, culture) may come too
        source="002_e9ea1651168d5d90.txt — fiche Oz et témoignage (« une Coopérative spécialisée "
        "Culture » à Angers)",
    ),
    Case(
        id="le-mans-trajet",
        question=(
            "Je monte une compagnie de théâtre au Mans : y a-t-il un accompagnement de plusieurs "
            "mois pour se professionnaliser quand on est artiste ?"
        ),
        territoire="72181",  # Le Mans
        etape="developpement",
        q="professionnaliser artistes",
        expected="trajet",
        source="002_e9ea1651168d5d90.txt — « Le dispositif Trajet » (pôles régionaux des filières "
        "culturelles)",
    ),
    Case(
        id="la-fleche-reconversion-agricole",
        question=(
            "Demandeur d'emploi près de La Flèche, je ne viens pas du milieu agricole mais je "
            "veux me reconvertir dans l'agriculture : quelle formation ?"
        ),
        territoire="72154",  # La Flèche
        etape="creation",
        q="agriculture reconversion",
        expected="paysan-creatif",
        source="002_e9ea1651168d5d90.txt — fiche CIAP Pays de la Loire (Formation Paysan Créatif)",
    ),
    # -- Migracoop (seed 001) --------------------------------------------------------------
    Case(
        id="paris-18-migracop",
        question=(
            "On m'a parlé d'un programme « Migracoop » pour les femmes du 18e qui veulent "
            "entreprendre ensemble : comment y participer ?"
        ),
        territoire="75118",  # Paris 18e arrondissement
        etape="idee",
        q="migracop",  # typo: one missing letter
        expected="migracoop",
        source="001_2baa4b8fecccbcf5.txt — présentation du programme Migracoop",
    ),
    Case(
        id="paris-19-meltingcoop",
        question=(
            "J'ai un projet de traiteur dans le 19e et une amie m'a conseillé l'association "
            "Meltingcoop : que proposent-ils ?"
        ),
        territoire="75119",  # Paris 19e arrondissement
        etape="creation",
        q="Meltingcoop",  # an operator's name, absent from the programme's own text
        expected="migracoop",
        source="001_2baa4b8fecccbcf5.txt — « mis en œuvre par les associations Reveil et "
        "Meltingcoop »",
    ),
    Case(
        id="paris-18-exilees",
        question=(
            "Je suis une femme exilée installée dans le 18e ; je cuisine très bien et je "
            "voudrais en faire mon métier. Qui accompagne les personnes exilées ?"
        ),
        territoire="75118",  # Paris 18e arrondissement
        etape="",
        q="exilées",  # only the programme's public says it
        expected="migracoop",
        source="001_2baa4b8fecccbcf5.txt — femmes ayant vécu un parcours migratoire (Sunucoop)",
    ),
    Case(
        id="paris-18-couture",
        question=(
            "Je couds depuis toujours et j'habite le 18e : existe-t-il un atelier de couture "
            "partagé où produire et être accompagnée ?"
        ),
        territoire="75118",  # Paris 18e arrondissement
        etape="idee",
        q="atelier couture",
        expected="atelier-couture-partage-migracoop",
        source="001_2baa4b8fecccbcf5.txt — « Atelier de couture partagé pérennisé »",
    ),
    Case(
        id="grigny-sans-mots",
        question=(
            "Je travaille à la mairie de Grigny : un groupe de femmes vend des plats devant la "
            "gare, qui peut les accompagner vers une activité déclarée ?"
        ),
        territoire="91286",  # Grigny (Essonne)
        etape="",
        q="",
        expected="les-mamas-de-grigny",
        source="001_2baa4b8fecccbcf5.txt — « Les mamas de Grigny » (recherche-action du GRDR)",
    ),
    # -- Hauts-de-France (seed 003: Le Germoir, Chartreuse de Neuville; seed 004) ----------
    Case(
        id="ambricourt-starter-ess",
        question=(
            "Je lance un café associatif près d'Ambricourt ; la Région parle de Starter ESS, "
            "qui le propose ici ?"
        ),
        territoire="62026",  # Ambricourt
        etape="creation",
        q="starter ess",  # the fixture writes "Starter’ESS"
        expected="starter-ess-le-germoir",
        source="003_1d54022f4fac85d7.txt — portrait du Germoir (dispositif Starter’ESS)",
    ),
    Case(
        id="fruges-legumerie",
        question=(
            "Maraîcher à Fruges, je cherche une légumerie aux normes pour transformer mes "
            "invendus : il paraît qu'il y en a une en projet pas loin ?"
        ),
        territoire="62364",  # Fruges, same EPCI as Ambricourt
        etape="developpement",
        q="legumerie",  # without the accent
        expected="foodlab-solidaire-le-germoir",
        source="003_1d54022f4fac85d7.txt — portrait du Germoir (laboratoire de transformation)",
    ),
    Case(
        id="neuville-incubation",
        question=(
            "J'ai une idée de lieu de vie inclusif pour personnes âgées près de Montreuil-sur-Mer "
            "et je cherche une incubation pour mûrir le projet."
        ),
        territoire="62610",  # Neuville-sous-Montreuil
        etape="idee",
        q="incubation",  # the programme says "incubateur"
        expected="incubateur-chartreuse-de-neuville",
        source="003_1d54022f4fac85d7.txt — portrait de la Chartreuse de Neuville",
    ),
    Case(
        id="valenciennes-sans-mots",
        question=(
            "Je dirige une entreprise d'insertion à Valenciennes et nous voulons grandir : "
            "que fait l'agglomération pour l'ESS ?"
        ),
        territoire="59606",  # Valenciennes
        etape="developpement",
        q="",
        expected="strategie-ess-valenciennes-metropole",
        source="004_be14ffb46c02d637.txt — article sur la stratégie ESS de Valenciennes Métropole",
    ),
    # -- Auvergne-Rhône-Alpes (seed 003) ---------------------------------------------------
    Case(
        id="ambert-femmes-isolees",
        question=(
            "Je suis assistante sociale à Ambert : je cherche un accompagnement pour des "
            "femmes isolées qui voudraient reprendre confiance et monter un projet."
        ),
        territoire="63003",  # Ambert
        etape="idee",
        q="femmes isolées",
        expected="un-temps-pour-soi-la-breche",
        source="003_1d54022f4fac85d7.txt — portrait de La Brèche (« Un temps pour soi »)",
    ),
    Case(
        id="la-chaise-dieu-coworking",
        question=(
            "Je m'installe à La Chaise-Dieu pour lancer mon activité : y a-t-il un coworking "
            "où poser mon ordinateur et rencontrer d'autres porteurs de projet ?"
        ),
        territoire="43048",  # La Chaise-Dieu
        etape="creation",
        q="coworking",
        expected="locaux-partages-la-breche",
        source="003_1d54022f4fac85d7.txt — portrait de La Brèche (antennes d'Ambert et de La "
        "Chaise-Dieu)",
    ),
    Case(
        id="annonay-idee",
        question=(
            "J'habite Annonay, dans le nord de l'Ardèche, et j'ai une idée de projet dans "
            "l'ESS : existe-t-il un accompagnement pas trop loin ?"
        ),
        territoire="07010",  # Annonay
        etape="idee",
        q="",
        expected="lance-toi-nord-ardeche",  # Courant Fort's Fabrique à initiatives also serves
        source="003_1d54022f4fac85d7.txt — « Le cycle « Lance-toi ! » (nord Ardèche) »",
    ),
    Case(
        id="boffres-local-vacant",
        question=(
            "Secrétaire de mairie à Boffres, nous avons un local vacant en centre-bourg : qui "
            "pourrait l'acheter, le rénover et y installer une activité ?"
        ),
        territoire="07035",  # Boffres
        etape="creation",
        q="local vacant",
        expected="fonciere-villages-vivants",
        source="003_1d54022f4fac85d7.txt — portrait de Villages Vivants (auberge de Boffres)",
    ),
    Case(
        id="trevoux-tiers-lieux",
        question=(
            "À Trévoux, je veux créer une activité à impact social ; quels tiers-lieux "
            "accueillent les entrepreneurs du coin ?"
        ),
        territoire="01427",  # Trévoux
        etape="creation",
        q="tiers-lieux",  # the fixture writes "Tiers-lieu"
        expected="local-lab-domb-innov",
        source="003_1d54022f4fac85d7.txt — portrait de Domb’Innov (Trévoux et alentours)",
    ),
    Case(
        id="annecy-zero-dechet",
        question=(
            "J'ai un projet d'épicerie zéro déchet à Annecy, déjà bien avancé : quel "
            "incubateur en Haute-Savoie ?"
        ),
        territoire="74010",  # Annecy
        etape="creation",
        q="zero dechet",  # without accents
        expected="id-cube",
        source="003_1d54022f4fac85d7.txt — portrait d'InnoVales (« L'incubateur ID Cube »)",
    ),
    # -- Nouvelle-Aquitaine (seed 003) -----------------------------------------------------
    Case(
        id="lesperon-incubateur-typo",
        question=(
            "Avec des habitants de Lesperon, on veut ouvrir un tiers-lieu artisanal : il y a "
            "un incubateur ESS dans les Landes ?"
        ),
        territoire="40152",  # Lesperon
        etape="idee",
        q="incubateru",  # typo: two letters swapped
        expected="incubateur-ploucs",
        source="003_1d54022f4fac85d7.txt — portrait de PLOUCS (tiers-lieu artisanal à Lesperon)",
    ),
    Case(
        id="morcenx-idee",
        question=(
            "Je suis élu à Morcenx-la-Nouvelle ; qu'est-ce qui existe ici pour faire émerger "
            "des projets, notamment avec les jeunes ?"
        ),
        territoire="40197",  # Morcenx-la-Nouvelle (Pays morcenais)
        etape="idee",
        q="",
        expected="cjs-ploucs",
        source="003_1d54022f4fac85d7.txt — portrait de PLOUCS (CJS en Pays morcenais)",
    ),
    Case(
        id="gueret-fabrique-a-initiative",
        question=(
            "Je suis agent de l'agglomération de Guéret : nous avons repéré un besoin de garde "
            "d'enfants non couvert ; qui peut faire naître une activité pour y répondre ?"
        ),
        territoire="23096",  # Guéret
        etape="idee",
        q="fabrique a initiative",
        expected="fabrique-a-initiatives-creuse",
        source="003_1d54022f4fac85d7.txt — portrait de la Fabrique à initiatives (Creuse)",
    ),
    Case(
        id="creuse-consolider-emplois",
        question=(
            "Notre association emploie trois salariés en Creuse et veut consolider ses "
            "emplois : quel accompagnement gratuit existe ?"
        ),
        territoire="dep-23",
        etape="developpement",
        q="consolider emplois",
        expected="dispositif-local-accompagnement",
        source="003_1d54022f4fac85d7.txt — encadré « Le DLA, Dispositif local d'accompagnement »",
    ),
    Case(
        id="melle-idee",
        question=(
            "Avec des amies de Melle, on a l'idée d'une association contre le gaspillage ; "
            "qui peut nous aider à formaliser le projet ?"
        ),
        territoire="79174",  # Melle
        etape="idee",
        q="",
        expected="pop-depart-79",
        source="003_1d54022f4fac85d7.txt — expérimentation ATIS (témoignage POP Départ 79, Melle)",
    ),
    Case(
        id="perigueux-cae",
        question=(
            "À Périgueux, j'ai une idée d'activité d'utilité sociale : une coopérative "
            "d'activité et d'emploi propose-t-elle un accompagnement dès le stade de l'idée ?"
        ),
        territoire="24322",  # Périgueux
        etape="idee",
        q="coopérative d'activité et d'emploi",  # the programme only says "CAE"
        expected="emergence-perigord",  # ATIS's regional Premiers pas comes next
        source="003_1d54022f4fac85d7.txt — expérimentation ATIS (Émergence Périgord, CAE Coop "
        "Alpha)",
    ),
    Case(
        id="liguge-fab-lab",
        question=(
            "J'ai une idée de petits objets en bois à fabriquer près de Poitiers ; existe-t-il "
            "un fab lab qui forme les porteurs de projet aux machines ?"
        ),
        territoire="86133",  # Ligugé
        etape="idee",
        q="fab lab",  # the fixture writes "Fablab"
        expected="fablab-solidaire-les-usines",
        source="003_1d54022f4fac85d7.txt — portrait des Usines (« Un Fablab solidaire »)",
    ),
    # -- Bretagne, Occitanie, Bourgogne-Franche-Comté (seed 003) ---------------------------
    Case(
        id="louvigne-idee",
        question=(
            "J'habite Louvigné-du-Désert et j'ai une idée de projet, mais je ne sais pas si "
            "elle tient la route : qui peut m'aider à la tester ?"
        ),
        territoire="35162",  # Louvigné-du-Désert
        etape="idee",
        q="",
        expected="ideateur-tag35",  # TAg35's Révélateur also serves Ille-et-Vilaine
        source="003_1d54022f4fac85d7.txt — portrait de TAg35 (idéateur de Louvigné du Désert)",
    ),
    Case(
        id="fougeres-agglo-incubateur",
        question=(
            "Chargée de développement économique à Fougères Agglomération, je voudrais orienter "
            "une habitante sortie de l'idéateur vers un incubateur ESS."
        ),
        territoire="200072452",  # EPCI Fougères Agglomération
        etape="creation",
        q="incubateur",
        expected="incubateur-tag35",
        source="003_1d54022f4fac85d7.txt — portrait de TAg35 (une porteuse rejoint l'incubateur)",
    ),
    Case(
        id="villefranche-benevoles",
        question=(
            "Présidente d'une association à Villefranche-de-Rouergue, je cherche de l'aide pour "
            "mobiliser et former nos bénévoles."
        ),
        territoire="12300",  # Villefranche-de-Rouergue
        etape="developpement",
        q="bénévoles",
        expected="crib-urqr",  # the URQR's PAVA mentions the CRIB too
        source="003_1d54022f4fac85d7.txt — expérimentation de l'URQR (Ouest Aveyron Communauté)",
    ),
    Case(
        id="figeac-fabriques-a-initiatives",
        question=(
            "Élu d'une commune près de Figeac, je voudrais qu'on fasse émerger une activité qui "
            "manque au territoire : comment marchent les fabriques à initiatives ?"
        ),
        territoire="46102",  # Figeac (Lot): no local Fabrique, the national programme answers
        etape="idee",
        q="fabriques à initiatives",
        expected="fabrique-a-initiatives",
        source="003_1d54022f4fac85d7.txt — encadré « Le dispositif Fabrique à initiatives »",
    ),
    Case(
        id="ronchamp-magasin-producteurs",
        question=(
            "Nous sommes des producteurs autour de Ronchamp et voulons ouvrir un magasin de "
            "producteurs ensemble : qui peut nous aider à faire émerger le projet ?"
        ),
        territoire="70451",  # Ronchamp (CC Rahin et Chérimont)
        etape="idee",
        q="magasin de producteurs",  # the fixture writes "magasins de producteurs"
        expected="fabrique-a-projets-ecooparc",
        source="003_1d54022f4fac85d7.txt — portrait d'Ecooparc (« Comme à la ferme », Rahin et "
        "Chérimont)",
    ),
]
