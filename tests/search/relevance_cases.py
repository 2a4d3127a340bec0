"""Relevance cases: realistic questions drawn from the seed documents.

Each case is a question that a porteur de projet, or an agent of a collectivité, could ask the
directory after reading (or living) one of the situations described in the seed publications:
the TRESSONS guide on ESS in rural territories (Avise and RTES, seed 003), the Migracoop review
(seed 001), the booklet on the CAE of Pays de la Loire (seed 002), the portrait of a rural ESS
entrepreneur in Mayenne (seed 000) and the article on Valenciennes Métropole (seed 004). The
answer is a programme shipped in ``essmap/fixtures/content/*.json``; a search with the case's place,
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
* **Natural phrasing.** Cases marked ``natural=True`` type what a person would really type,
  not keywords chosen for the index: a whole sentence or question ("nous sommes quelques
  habitants et voulons rouvrir le café du village"), with its spelling slips and missing
  accents ("startter ess", "ateler de couture"). They were written from the seeds without
  looking at the ranking. A person also types a postal code as the place, and five digits are
  read as a postal code first: 53100 is Mayenne (its main commune); 23500, shared by ten
  communes, asks which one, so that case uses the commune chosen (Felletin, 23079). A commune
  whose INSEE code is also another commune's postal code is written ``com-<code>``.
* **Groupings.** One case (Saint-Julien-en-Genevois → Start-up de Territoire) expects a
  programme listed only for a grouping without members (the Genevois français): it fails
  until a grouping serves the départements it lies in.
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
    natural: bool = False  # q is phrased as a person would say it (see the module docstring)
    # Among the places a typed ``territoire`` may name (a homonym, a typo), the one the person
    # picks: a fragment of its label, e.g. "(23)".
    choose: str = ""
    # Written before the intent vocabulary and never used to tune it (see SENTENCES).
    held_out: bool = False


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
        natural=True,
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
        territoire="com-62610",  # Neuville-sous-Montreuil ("62610" alone: Ardres's postal code)
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
        natural=True,
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
        territoire="com-12300",  # Villefranche-de-Rouergue ("12300": Decazeville's postal code)
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
    # == Cases added for issue 12, written from the seeds without looking at the ranking ====
    # -- The cases named in issue 12 ------------------------------------------------------
    Case(
        id="herm-rouvrir-le-cafe",
        question=(
            "Nous sommes quelques habitants de Herm et voulons rouvrir le café du village : "
            "qui peut nous accompagner ?"
        ),
        territoire="40123",  # Herm (CA du Grand Dax, Landes)
        etape="idee",
        q="nous sommes quelques habitants et voulons rouvrir le café du village",
        expected="incubateur-ploucs",  # first with place and stage alone
        source="003_1d54022f4fac85d7.txt — PLOUCS en 6 projets : café associatif de Herm "
        "(l. 915-920)",
        natural=True,
    ),
    Case(
        id="felletin-epicerie-associative",
        question=(
            "À Felletin, le dernier commerce a fermé ; avec des voisins on pense à une épicerie "
            "associative. Qui peut nous aider à monter le projet ?"
        ),
        territoire="23079",  # Felletin (CC Creuse Grand Sud)
        etape="idee",
        q="épicerie associative",
        expected="fabrique-a-initiatives-creuse",  # Élan (the Creuse CAE) is for création
        source="003_1d54022f4fac85d7.txt — La Fabrique à initiatives en Creuse (l. 1877-2051)",
    ),
    Case(
        id="felletin-23500-activite-qui-manque",
        question=(
            "On habite Felletin (23500) et on voudrait créer l'activité qui manque au village : "
            "par où commencer ?"
        ),
        territoire="23079",  # typed "23500": ten communes share it, the list asks; Felletin
        etape="idee",
        q="on voudrait créer une activité qui manque dans notre village",
        expected="fabrique-a-initiatives-creuse",
        source="003_1d54022f4fac85d7.txt — La Fabrique à initiatives en Creuse : détecter les "
        "besoins (l. 1877-2051)",
        natural=True,
    ),
    Case(
        id="pouzauges-scop",
        question=(
            "Je veux créer mon activité à Pouzauges dans une Scop plutôt que seul : qui "
            "m'accueille en Vendée ?"
        ),
        territoire="85182",  # Pouzauges
        etape="creation",
        q="scop",
        expected="test-activite-ouvre-boites-44-85",  # the Vendée CAE, itself a SCOP SA
        source="002_e9ea1651168d5d90.txt — fiche Ouvre-Boîtes 44/85 (l. 524-628)",
    ),
    Case(
        id="saint-julien-start-up-de-territoire",
        question=(
            "Je suis élu à Saint-Julien-en-Genevois : comment faire émerger des projets "
            "collectifs avec les habitants et les entreprises du Genevois ?"
        ),
        territoire="74243",  # Saint-Julien-en-Genevois (grp-genevois-francais, no members)
        etape="idee",
        q="",
        expected="start-up-de-territoire-genevois-francais",  # fails until « périmètre approché »
        source="003_1d54022f4fac85d7.txt — InnoVales : la démarche Start-up de Territoire "
        "(l. 2644-2674)",
    ),
    Case(
        id="mayenne-53100-idee-phrase",
        question=(
            "J'habite Mayenne (53100) et j'ai une idée de projet solidaire, où trouver un "
            "accompagnement ?"
        ),
        territoire="53100",  # Mayenne's postal code (and Fougerolles-du-Plessis' INSEE code)
        etape="idee",
        q="j'ai une idée de projet ESS, où trouver un accompagnement ?",
        expected="may-idees",
        source="003_1d54022f4fac85d7.txt — May’Idées, Mayenne (l. 4009-4260)",
        natural=True,
    ),
    # -- Mayenne (seeds 000, 002, 003) ------------------------------------------------------
    Case(
        id="laval-epicerie-vrac-phrase",
        question=(
            "À Laval, je voudrais ouvrir une épicerie bio en vrac mais je n'ai qu'une idée : "
            "y a-t-il des ateliers pour la travailler ?"
        ),
        territoire="53130",  # Laval
        etape="idee",
        q="je voudrais ouvrir une épicerie bio en vrac, pour l'instant c'est juste une idée",
        expected="may-idees",
        source="003_1d54022f4fac85d7.txt — May’Idées : l’épicerie Les Cornichons (l. 4133-4150)",
        natural=True,
    ),
    Case(
        id="evron-tester-en-cooperative-phrase",
        question=(
            "Je vis à Évron et je voudrais tester mon activité de graphiste dans une "
            "coopérative avant de créer ma propre entreprise."
        ),
        territoire="53097",  # Évron
        etape="creation",
        q="tester mon activité dans une coopérative avant de créer ma boîte",
        expected="test-activite-coodem",
        source="002_e9ea1651168d5d90.txt — fiche Coodem (l. 218-318)",
        natural=True,
    ),
    Case(
        id="craon-financer-investissement-phrase",
        question=(
            "Entrepreneur salarié chez Coodem près de Craon, je dois acheter un véhicule "
            "utilitaire : la coopérative peut-elle m'aider à le financer ?"
        ),
        territoire="53084",  # Craon (Mayenne)
        etape="developpement",
        q="comment financer l'achat d'un camion pour mon activité ?",
        expected="financement-investissements-coodem",
        source="002_e9ea1651168d5d90.txt — Coodem : financement des investissements (l. 243-256)",
        natural=True,
    ),
    Case(
        id="laval-groupes-entrepreneurs-phrase",
        question=(
            "Je suis entrepreneuse chez Coodem à Laval : existe-t-il des groupes pour "
            "échanger avec les autres entrepreneurs de mon domaine ?"
        ),
        territoire="53130",  # Laval
        etape="developpement",
        q="je cherche d'autres entrepreneurs du même métier pour échanger",
        expected="groupes-entrepreneurs-coodem",
        source="002_e9ea1651168d5d90.txt — Coodem : groupes internes d’entrepreneurs (l. 258-273)",
        natural=True,
    ),
    Case(
        id="mayenne-parcours-entree",
        question=(
            "Comment se passe l'entrée dans la coopérative d'activité Coodem quand on habite "
            "Mayenne ?"
        ),
        territoire="53147",  # Mayenne
        etape="creation",
        q="parcours d'entrée coodem",
        expected="parcours-entree-coodem",
        source="002_e9ea1651168d5d90.txt — Coodem : chiffres 2020 (l. 301-318)",
    ),
    Case(
        id="laval-incubation-apres-mayidees",
        question=(
            "J'ai suivi May'Idées à Laval et mon projet est prêt à démarrer : quelle "
            "incubation ensuite ?"
        ),
        territoire="53130",  # Laval
        etape="creation",
        q="incubation",
        expected="incubation-bge-anjou-maine",
        source="003_1d54022f4fac85d7.txt — May’Idées, Mayenne : les suites (l. 4009-4260)",
    ),
    Case(
        id="chateau-gontier-handicap-phrase",
        question=(
            "Reconnu travailleur handicapé, je voudrais me mettre à mon compte à "
            "Château-Gontier sans perdre mes repères : qui peut m'aider ?"
        ),
        territoire="53062",  # Château-Gontier-sur-Mayenne
        etape="creation",
        q="je suis travailleur handicapé et je veux me mettre à mon compte",
        expected="geicoo",
        source="002_e9ea1651168d5d90.txt — Coodem : le projet Geicoo (l. 275-299)",
        natural=True,
    ),
    Case(
        id="laval-happyterr",
        question=(
            "Je suis technicienne installation agricole à Laval ; on m'a parlé d'un projet "
            "#HappyTerr# de la CIAP : de quoi s'agit-il ?"
        ),
        territoire="53130",  # Laval
        etape="developpement",
        q="happyterr",
        expected="happyterr",
        source="002_e9ea1651168d5d90.txt — CIAP Pays de la Loire : le projet #HappyTerr# "
        "(l. 130-146)",
    ),
    Case(
        id="laval-trajet-danse-phrase",
        question=(
            "Ma compagnie de danse tourne depuis trois ans à Laval ; je voudrais la "
            "professionnaliser. Quel accompagnement pour les artistes ?"
        ),
        territoire="53130",  # Laval
        etape="developpement",
        q="je suis artiste et je veux professionnaliser ma compagnie de danse",
        expected="trajet",
        source="002_e9ea1651168d5d90.txt — Oz : le dispositif Trajet (l. 669-708)",
        natural=True,
    ),
    # -- Maine-et-Loire, Sarthe (seed 002) ----------------------------------------------------
    Case(
        id="cholet-flashcoop",
        question=(
            "Conseillère à la mission locale de Cholet, je cherche une Flashcoop pour un groupe "
            "de demandeurs d'emploi."
        ),
        territoire="49099",  # Cholet
        etape="idee",
        q="flashcoop",
        expected="flashcoop-cdp-49",  # the national Flashcoop answers too
        source="002_e9ea1651168d5d90.txt — CDP 49 : les coopératives éphémères (l. 496-520)",
    ),
    Case(
        id="cholet-cooperative-jeunesse-sans-accents",
        question=(
            "Mon ado de 16 ans à Cholet voudrait monter une coopérative jeunesse cet été : "
            "qui l'organise ?"
        ),
        territoire="49099",  # Cholet
        etape="idee",
        q="cooperative jeunesse ete",
        expected="cjs-cdp-49",
        source="002_e9ea1651168d5d90.txt — CDP 49 : CJS dans le Choletais (l. 442-456)",
        natural=True,
    ),
    Case(
        id="cholet-tester-couture-phrase",
        question=(
            "Couturière à Cholet, je voudrais tester mon activité sans créer d'entreprise, en "
            "gardant un statut de salariée."
        ),
        territoire="49099",  # Cholet
        etape="creation",
        q="je veux tester mon activité de couturière sans créer d'entreprise",
        expected="test-activite-cdp-49",
        source="002_e9ea1651168d5d90.txt — fiche CDP 49 (l. 421-494)",
        natural=True,
    ),
    Case(
        id="saumur-loin-de-l-emploi-phrase",
        question=(
            "Au RSA depuis longtemps à Saumur, je voudrais retrouver une activité : existe-t-il "
            "un accompagnement plus accessible pour des gens comme moi ?"
        ),
        territoire="49328",  # Saumur
        etape="idee",
        q="je suis au RSA depuis longtemps et loin de l'emploi, je voudrais retrouver une activité",
        # CDP 49's Flashcoop: Locomotive (its PIC project for the same public) lists neither
        # territory nor operator, so it serves no place
        expected="flashcoop-cdp-49",
        source="002_e9ea1651168d5d90.txt — CDP 49 : les coopératives éphémères (l. 496-520)",
        natural=True,
    ),
    Case(
        id="angers-entreprendre-dans-les-territoires",
        question=(
            "À Angers, j'ai entendu parler d'« Entreprendre dans les territoires » avec les "
            "chambres consulaires : c'est pour qui ?"
        ),
        territoire="49007",  # Angers
        etape="creation",
        q="entreprendre dans les territoires",
        expected="entreprendre-dans-les-territoires-pays-de-la-loire",
        source="003_1d54022f4fac85d7.txt — May’Idées, Mayenne (l. 4035-4038)",
    ),
    Case(
        id="sable-portage-agricole",
        question=(
            "Sortie de la formation Paysan créatif, je voudrais lancer mon élevage près de "
            "Sablé sans m'installer tout de suite : le portage agricole existe-t-il ?"
        ),
        territoire="72264",  # Sablé-sur-Sarthe
        etape="creation",
        q="portage agricole",
        expected="portage-activite-ciap",
        source="002_e9ea1651168d5d90.txt — CIAP Pays de la Loire (l. 174-190)",
    ),
    # -- Loire-Atlantique, Vendée (seeds 002, 003) -------------------------------------------
    Case(
        id="challans-devenir-paysan-phrase",
        question=(
            "Je travaille dans la banque à Challans et je rêve de devenir maraîcher ; je ne "
            "suis pas du milieu agricole. Quelle formation ?"
        ),
        territoire="85047",  # Challans
        etape="creation",
        q="je veux devenir paysan mais je ne suis pas issu du milieu agricole",
        expected="paysan-creatif",
        source="002_e9ea1651168d5d90.txt — CIAP Pays de la Loire : Formation Paysan Créatif "
        "(l. 148-176)",
        natural=True,
    ),
    Case(
        id="les-herbiers-aide-a-domicile",
        question=(
            "Aide à domicile aux Herbiers, je veux travailler pour moi tout en restant "
            "salariée : une coopérative des services à la personne existe-t-elle en Vendée ?"
        ),
        territoire="85109",  # Les Herbiers
        etape="creation",
        q="services à la personne",
        expected="test-activite-coopchezvous",
        source="002_e9ea1651168d5d90.txt — fiche CoopChezVous (l. 322-417)",
    ),
    Case(
        id="reze-macon-phrase",
        question=(
            "Maçon à Rezé, je veux me lancer à mon compte mais sans créer d'entreprise tout "
            "de suite."
        ),
        territoire="44143",  # Rezé
        etape="creation",
        q="je suis maçon et je veux me lancer à mon compte sans créer mon entreprise",
        expected="test-activite-baticreateurs-44",
        source="002_e9ea1651168d5d90.txt — fiche Baticréateurs 44 (l. 16-118)",
        natural=True,
    ),
    Case(
        id="saint-nazaire-inter-habitat-phrase",
        question=(
            "Menuisier à Saint-Nazaire, je cherche à rencontrer d'autres professionnels de "
            "l'habitat pour travailler ensemble sur des chantiers."
        ),
        territoire="44184",  # Saint-Nazaire
        etape="developpement",
        q="je cherche à rencontrer d'autres professionnels de l'habitat",
        expected="rencontres-inter-habitat",
        source="002_e9ea1651168d5d90.txt — Baticréateurs 44 : les rencontres inter-habitat "
        "(l. 92-112)",
        natural=True,
    ),
    Case(
        id="saint-nazaire-comedien-phrase",
        question=(
            "Comédien à Saint-Nazaire, je voudrais tester mon activité dans une coopérative "
            "spécialisée dans la culture."
        ),
        territoire="44184",  # Saint-Nazaire
        etape="creation",
        q="comédien, je veux tester mon activité dans une coopérative culturelle",
        expected="test-activite-oz",  # Trajet (regional) may come too
        source="002_e9ea1651168d5d90.txt — fiche Oz (l. 632-722)",
        natural=True,
    ),
    Case(
        id="reze-rebond",
        question=(
            "Entrepreneuse de l'Ouvre-Boîtes à Rezé, mon activité a pris un coup : on m'a parlé "
            "d'un parcours Rebond, qu'est-ce que c'est ?"
        ),
        territoire="44143",  # Rezé
        etape="developpement",
        q="parcours rebond",
        expected="parcours-rebond-ouvre-boites-44-85",
        source="002_e9ea1651168d5d90.txt — Ouvre-Boîtes 44/85 : temps collectifs 2020 (l. 612-619)",
    ),
    Case(
        id="saint-herblain-ateliers-integration",
        question=(
            "Je viens d'entrer à l'Ouvre-Boîtes depuis Saint-Herblain : quels ateliers "
            "d'intégration puis-je suivre ?"
        ),
        territoire="44162",  # Saint-Herblain
        etape="creation",
        q="ateliers d'intégration",
        expected="ateliers-integration-ouvre-boites-44-85",
        source="002_e9ea1651168d5d90.txt — Ouvre-Boîtes 44/85 : temps collectifs 2020 (l. 614-619)",
    ),
    Case(
        id="la-roche-sur-yon-entreprise-sociale-phrase",
        question=(
            "À La Roche-sur-Yon, j'ai une idée d'entreprise sociale : y a-t-il un programme "
            "pour la faire mûrir en Vendée ?"
        ),
        territoire="85191",  # La Roche-sur-Yon
        etape="idee",
        q="j'ai une idée d'entreprise sociale, y a-t-il un programme pour la faire mûrir ?",
        expected="ressort-pole-ess-vendee",
        source="003_1d54022f4fac85d7.txt — Pôle ESS Vendée : programme de préincubation "
        "rESSort (l. 4425-4430)",
        natural=True,
    ),
    Case(
        id="pouzauges-consolider-association-phrase",
        question=(
            "Notre association de Pouzauges a quatre salariés et des difficultés financières : "
            "qui peut nous aider à consolider la structure ?"
        ),
        territoire="85182",  # Pouzauges
        etape="developpement",
        q="notre association a des salariés et voudrait se consolider",
        expected="dispositif-local-accompagnement",
        source="003_1d54022f4fac85d7.txt — Focus : le DLA (l. 427-449)",
        natural=True,
    ),
    Case(
        id="getigne-recyclerie-phrase",
        question=(
            "À Gétigné, je voudrais ouvrir une recyclerie ; il paraît qu'il y a eu un "
            "accompagnement à l'innovation sociale dans le Vignoble nantais."
        ),
        territoire="44063",  # Gétigné, member of the Pays du Vignoble Nantais
        etape="idee",
        q="je voudrais ouvrir une recyclerie dans le vignoble",
        expected="innovation-sociale-vignoble-nantais",
        source="003_1d54022f4fac85d7.txt — Vignoble Nantais : 14 porteurs appuyés, forte part "
        "de recycleries (l. 4496-4768)",
        natural=True,
    ),
    Case(
        id="vallet-leader",
        question=(
            "Notre association de Vallet cherche une subvention européenne LEADER pour "
            "équiper son atelier : à qui s'adresser ?"
        ),
        territoire="44212",  # Vallet, member of the Pays du Vignoble Nantais
        etape="creation",
        q="leader",
        expected="leader-vignoble-nantais",
        source="003_1d54022f4fac85d7.txt — Vignoble Nantais : la démarche LEADER (l. 4540-4563)",
    ),
    Case(
        id="le-loroux-rencontre-innovation",
        question=(
            "Conseillère municipale au Loroux-Bottereau, je voudrais assister à la rencontre de "
            "l'innovation sociétale du Vignoble."
        ),
        territoire="44084",  # Le Loroux-Bottereau, member of the Pays du Vignoble Nantais
        etape="idee",
        q="rencontre innovation sociétale",
        expected="rencontre-innovation-societale-vignoble-nantais",
        source="003_1d54022f4fac85d7.txt — Vignoble Nantais : une expérimentation renouvelée "
        "(l. 4669-4674)",
    ),
    Case(
        id="clisson-creer-entreprise-phrase",
        question=(
            "Où se renseigner pour créer mon entreprise près de Clisson ? Il y a un lieu "
            "d'accueil des créateurs dans l'agglo ?"
        ),
        territoire="44043",  # Clisson
        etape="creation",
        q="où se renseigner pour créer mon entreprise ?",
        expected="maison-de-l-economie-clisson-sevre-et-maine",
        source="003_1d54022f4fac85d7.txt — Vignoble Nantais : résultats et suites (l. 4645-4684)",
        natural=True,
    ),
    # -- Paris and Île-de-France (seed 001) ------------------------------------------------
    Case(
        id="paris-19-femmes-migrantes-phrase",
        question=(
            "Je suis arrivée du Mali il y a six ans, j'habite le 19e et je voudrais créer une "
            "activité avec d'autres femmes : qui peut nous accompagner ?"
        ),
        territoire="75119",  # Paris 19e arrondissement
        etape="idee",
        q="je suis une femme migrante et je veux créer une activité avec d'autres femmes",
        expected="migracoop",
        source="001_2baa4b8fecccbcf5.txt — présentation de Migracoop (l. 9-34)",
        natural=True,
    ),
    Case(
        id="paris-19-francais-phrase",
        question=(
            "Je parle encore mal français et je voudrais créer mon activité : existe-t-il des "
            "cours de français pour entreprendre dans le 19e ?"
        ),
        territoire="75119",  # Paris 19e arrondissement
        etape="idee",
        q="je parle mal français et je voudrais créer mon activité",
        expected="formation-linguistique-migracoop",
        source="001_2baa4b8fecccbcf5.txt — Impact de Migracoop entre 2019 et 2022 (l. 59-79)",
        natural=True,
    ),
    Case(
        id="paris-18-atelier-couture-faute",
        question="Où est l'atelier de couture partagé du 18e, pour produire mes créations ?",
        territoire="75118",  # Paris 18e arrondissement
        etape="creation",
        q="ateler de couture",  # slip: one missing letter
        expected="atelier-couture-partage-migracoop",
        source="001_2baa4b8fecccbcf5.txt — Les coopératives Migracoop en bref (l. 98, l. 114)",
        natural=True,
    ),
    Case(
        id="saint-denis-plats-dans-la-rue-phrase",
        question=(
            "Je vends des plats cuisinés dans la rue à Saint-Denis ; comment le faire de façon "
            "déclarée, avec un lieu pour cuisiner ?"
        ),
        territoire="93066",  # Saint-Denis (Seine-Saint-Denis)
        etape="creation",
        q="je vends des plats dans la rue, comment me déclarer ?",
        expected="cuisine-de-rue-appui",
        source="001_2baa4b8fecccbcf5.txt — Les lieux productifs (l. 268-277)",
        natural=True,
    ),
    # -- Hauts-de-France (seeds 003, 004) ---------------------------------------------------
    Case(
        id="arras-startter-ess-faute",
        question=(
            "Porteuse d'un projet de ressourcerie près d'Arras, je voudrais entrer dans Starter "
            "ESS de la Région."
        ),
        territoire="62041",  # Arras
        etape="creation",
        q="startter ess",  # slip: a doubled letter
        expected="starter-ess-le-germoir",
        source="003_1d54022f4fac85d7.txt — Le Germoir : l’accompagnement des porteurs de projet "
        "(l. 3065-3102)",
        natural=True,
    ),
    Case(
        id="fruges-tester-maraichage-phrase",
        question=(
            "Je veux tester mon projet de maraîchage sur de vraies terres avant de m'installer, "
            "près de Fruges : est-ce possible ?"
        ),
        territoire="62364",  # Fruges (CC du Haut Pays du Montreuillois)
        etape="creation",
        q="je voudrais tester mon projet de maraîchage avant de m'installer",
        expected="espace-test-agricole-le-germoir",
        source="003_1d54022f4fac85d7.txt — Le Germoir : espace test agricole (l. 3039-3050)",
        natural=True,
    ),
    Case(
        id="saint-pol-projet-rural-phrase",
        question=(
            "J'ai un projet d'agriculture paysanne et de lien social à Saint-Pol-sur-Ternoise : "
            "qui accompagne les porteurs de projet ruraux dans le Pas-de-Calais ?"
        ),
        territoire="62767",  # Saint-Pol-sur-Ternoise
        etape="idee",
        q="qui accompagne les porteurs de projet en milieu rural ?",
        expected="accompagnement-le-germoir",
        source="003_1d54022f4fac85d7.txt — Le Germoir, Ambricourt (l. 2977-3229)",
        natural=True,
    ),
    Case(
        id="ambricourt-animer-reunion-phrase",
        question=(
            "Bénévole d'une association près d'Ambricourt, je voudrais apprendre à animer nos "
            "réunions et à partager les décisions."
        ),
        territoire="62026",  # Ambricourt
        etape="developpement",
        q="je voudrais apprendre à animer une réunion de notre association",
        expected="piva-le-germoir",
        source="003_1d54022f4fac85d7.txt — Le Germoir : un Point d’information pour la vie "
        "associative (l. 3026-3037)",
        natural=True,
    ),
    Case(
        id="arras-alimentation-durable",
        question=(
            "Nous lançons un projet d'alimentation durable autour d'Arras : y a-t-il un réseau "
            "pour rencontrer d'autres porteurs ?"
        ),
        territoire="62041",  # Arras
        etape="idee",
        q="alimentation durable",
        expected="marmeet",
        source="003_1d54022f4fac85d7.txt — Le Germoir : MARmeet (l. 3104-3129)",
    ),
    Case(
        id="amiens-tremplin",
        question=(
            "La CRESS m'a parlé du réseau TREMPLIN pour les porteurs de projet en "
            "Hauts-de-France : comment le joindre depuis Amiens ?"
        ),
        territoire="80021",  # Amiens
        etape="creation",
        q="tremplin",
        expected="tremplin-cress-hauts-de-france",
        source="003_1d54022f4fac85d7.txt — Le Germoir : le réseau TREMPLIN (l. 3078-3080)",
    ),
    Case(
        id="montreuil-vieille-ferme-phrase",
        question=(
            "Notre commune près de Montreuil-sur-Mer possède une vieille ferme qu'on voudrait "
            "transformer en lieu de vie : qui forme à ce genre de projet ?"
        ),
        territoire="62588",  # Montreuil-sur-Mer
        etape="idee",
        q="on voudrait rénover un bâtiment ancien pour en faire un tiers-lieu",
        expected="formation-renaissance-patrimoniale-chartreuse",
        source="003_1d54022f4fac85d7.txt — La Chartreuse de Neuville : un incubateur, axe "
        "patrimoine (l. 1496-1507)",
        natural=True,
    ),
    Case(
        id="berck-jeunes-decrocheurs-phrase",
        question=(
            "Éducatrice à Berck, je suis des jeunes de 18 ans sortis de l'école sans diplôme : "
            "existe-t-il une formation pour qu'ils découvrent des métiers ?"
        ),
        territoire="62108",  # Berck
        etape="idee",
        q="je m'occupe de jeunes décrocheurs sans diplôme",
        expected="rampe-de-lancement",
        source="003_1d54022f4fac85d7.txt — La Chartreuse de Neuville en 5 projets : Rampe de "
        "lancement (l. 1630-1640)",
        natural=True,
    ),
    Case(
        id="anzin-agglo-ess-phrase",
        question=(
            "Adjoint au maire d'Anzin, je voudrais savoir ce que fait l'agglomération pour "
            "l'économie sociale et solidaire."
        ),
        territoire="59014",  # Anzin (CA Valenciennes Métropole)
        etape="developpement",
        q="que fait l'agglo pour l'économie sociale et solidaire ?",
        expected="strategie-ess-valenciennes-metropole",
        source="004_be14ffb46c02d637.txt — La stratégie ESS de Valenciennes Métropole (l. 1-44)",
        natural=True,
    ),
    # -- Bretagne, Normandie (seeds 002, 003) ------------------------------------------------
    Case(
        id="fougeres-commune-besoins-phrase",
        question=(
            "Notre commune près de Fougères voudrait identifier les besoins du territoire et "
            "faire naître une activité pour y répondre."
        ),
        territoire="35115",  # Fougères
        etape="idee",
        q="notre commune voudrait faire naître une activité qui réponde aux besoins du territoire",
        expected="revelateur-tag35",
        source="003_1d54022f4fac85d7.txt — Idéateur de TAg35 : le révélateur (l. 2152-2171)",
        natural=True,
    ),
    Case(
        id="fougeres-tester-idee-phrase",
        question=(
            "Je suis au chômage à Fougères et j'ai une idée d'activité : je voudrais la tester "
            "avec d'autres habitants avant de me lancer."
        ),
        territoire="35115",  # Fougères
        etape="idee",
        q="j'ai une idée et je voudrais la tester avec d'autres habitants",
        expected="ideateur-tag35",
        source="003_1d54022f4fac85d7.txt — Idéateur de TAg35 à Louvigné du Désert (l. 2112-2325)",
        natural=True,
    ),
    Case(
        id="rennes-incubateur-ess",
        question="Quel incubateur pour un projet collectif de l'ESS à Rennes ?",
        territoire="35238",  # Rennes
        etape="creation",
        q="incubateur ess",
        expected="incubateur-tag35",
        source="003_1d54022f4fac85d7.txt — Idéateur de TAg35 : l’incubateur (l. 2163-2165)",
    ),
    Case(
        id="lorient-menage-particuliers-phrase",
        question=(
            "À Lorient, je veux faire du ménage chez les particuliers en étant salariée d'une "
            "coopérative plutôt qu'auto-entrepreneuse."
        ),
        territoire="56121",  # Lorient (Bretagne: CoopChezVous covers reg-53)
        etape="creation",
        q="je veux faire du ménage chez les particuliers en étant salariée d'une coopérative",
        expected="test-activite-coopchezvous",
        source="002_e9ea1651168d5d90.txt — fiche CoopChezVous (l. 322-417)",
        natural=True,
    ),
    Case(
        id="caen-evenement-idees-phrase",
        question=(
            "À Caen, existe-t-il des événements ouverts à tous pour trouver ensemble des idées "
            "de projets à monter sur le territoire ?"
        ),
        territoire="14118",  # Caen (Normandie)
        etape="idee",
        q="un événement pour trouver des idées de projets collectifs",
        expected="territoire-de-solutions",
        source="003_1d54022f4fac85d7.txt — Une diversité de structuration : événements "
        "d’idéation collective (l. 554-556)",
        natural=True,
    ),
    # -- Auvergne-Rhône-Alpes (seed 003) ---------------------------------------------------
    Case(
        id="trevoux-librairie-cooperative-phrase",
        question=(
            "On veut ouvrir une librairie coopérative à Trévoux : y a-t-il un incubateur qui "
            "accompagne ce genre de projet ?"
        ),
        territoire="01427",  # Trévoux
        etape="creation",
        q="je cherche un incubateur pour ouvrir une librairie coopérative",
        expected="incubateur-domb-innov",
        source="003_1d54022f4fac85d7.txt — Domb’Innov en 3 projets : la librairie La folle "
        "aventure (l. 2523-2527)",
        natural=True,
    ),
    Case(
        id="reyrieux-mutualiser-compta-phrase",
        question=(
            "Notre petite association de Reyrieux voudrait mutualiser la comptabilité et la "
            "paie avec d'autres structures du coin."
        ),
        territoire="01322",  # Reyrieux (CC Dombes Saône Vallée)
        etape="developpement",
        q="notre association voudrait mutualiser la comptabilité avec d'autres",
        expected="services-mutualises-domb-innov",
        source="003_1d54022f4fac85d7.txt — Domb’Innov, PTCE à Trévoux (l. 2326-2538)",
        natural=True,
    ),
    Case(
        id="reyrieux-recruter-insertion-phrase",
        question=(
            "Chef d'entreprise à Reyrieux, j'ai du mal à recruter : existe-t-il un lien avec les "
            "structures d'insertion du territoire ?"
        ),
        territoire="01322",  # Reyrieux (CC Dombes Saône Vallée)
        etape="developpement",
        q="notre entreprise a du mal à recruter, comment travailler avec l'insertion ?",
        expected="lab-territorial-emploi-domb-innov",
        source="003_1d54022f4fac85d7.txt — Domb’Innov : le Lab’ territorial pour l’emploi "
        "(l. 2443-2454)",
        natural=True,
    ),
    Case(
        id="trevoux-festival",
        question="Quand a lieu le festival de l'économie du 3e type à Trévoux ?",
        territoire="01427",  # Trévoux
        etape="idee",
        q="festival économie",
        expected="festival-economie-du-3e-type",
        source="003_1d54022f4fac85d7.txt — Domb’Innov : la promotion de l’ESS (l. 2431-2441)",
    ),
    Case(
        id="reyrieux-cae",
        question=(
            "Quelle coopérative d'activité et d'emploi pour tester mon activité autour de "
            "Reyrieux ?"
        ),
        territoire="01322",  # Reyrieux (CC Dombes Saône Vallée)
        etape="creation",
        q="cae",
        expected="test-activite-elan-creation",
        source="003_1d54022f4fac85d7.txt — Domb’Innov, PTCE à Trévoux : Élan Création "
        "(l. 2326-2538)",
    ),
    Case(
        id="trevoux-cape",
        question=(
            "On m'a proposé un CAPE à Trévoux pour tester mon activité : qui le propose ici ?"
        ),
        territoire="01427",  # Trévoux
        etape="creation",
        q="cape",
        expected="contrat-appui-projet-entreprise",
        source="003_1d54022f4fac85d7.txt — Domb’Innov : l’incubation d’activités (l. 2403-2408)",
    ),
    Case(
        id="chambery-incubateur-savoie-phrase",
        question=(
            "J'ai un projet à impact social à Chambéry et je cherche un incubateur en Savoie "
            "pour le lancer."
        ),
        territoire="73065",  # Chambéry
        etape="creation",
        q="je cherche un incubateur pour mon projet à impact social en Savoie",
        expected="id-cube",
        source="003_1d54022f4fac85d7.txt — InnoVales : l’incubateur ID Cube (l. 2616-2642)",
        natural=True,
    ),
    Case(
        id="annemasse-innolab",
        question="Où est le tiers-lieu InnoLab d'InnoVales, près d'Annemasse ?",
        territoire="74012",  # Annemasse (Haute-Savoie)
        etape="developpement",
        q="innolab",
        expected="innolab-innovales",
        source="003_1d54022f4fac85d7.txt — InnoVales : appuyer l’innovation sociale (l. 2568-2598)",
    ),
    Case(
        id="die-incubation-drome-phrase",
        question=(
            "Je veux faire incuber mon entreprise sociale dans la Drôme, je suis à Die : qui "
            "propose un programme d'incubation ?"
        ),
        territoire="26113",  # Die
        etape="creation",
        q="je veux faire incuber mon entreprise sociale dans la Drôme",
        expected="incubation-ronalpia",
        source="003_1d54022f4fac85d7.txt — Cycle « Lance-toi ! », nord Ardèche : Ronalpia "
        "(l. 3418-3736)",
        natural=True,
    ),
    Case(
        id="valence-activite-qui-manque-phrase",
        question=(
            "Il manque un service de réparation de vélos dans notre quartier de Valence : qui "
            "peut faire émerger cette activité ?"
        ),
        territoire="26362",  # Valence (Drôme)
        etape="idee",
        q="il manque une activité dans notre quartier, qui peut la faire émerger ?",
        expected="fabrique-a-initiatives-drome-ardeche",
        source="003_1d54022f4fac85d7.txt — Cycle « Lance-toi ! » : Courant Fort, Fabrique à "
        "initiatives (l. 3418-3736)",
        natural=True,
    ),
    Case(
        id="davezieux-lance-toi-sans-accents",
        question="C'est quand le prochain cycle Lance-toi dans le nord Ardèche ?",
        territoire="07078",  # Davézieux (CA Annonay Rhône Agglo)
        etape="idee",
        q="lance toi",
        expected="lance-toi-nord-ardeche",
        source="003_1d54022f4fac85d7.txt — Cycle « Lance-toi ! », nord Ardèche (l. 3418-3736)",
        natural=True,
    ),
    Case(
        id="saint-cirgues-montagne-projet-phrase",
        question=(
            "Je m'installe à Saint-Cirgues-en-Montagne avec un projet d'entreprise sociale : "
            "qui accompagne en montagne ardéchoise ?"
        ),
        territoire="07224",  # Saint-Cirgues-en-Montagne (CC Montagne d'Ardèche)
        etape="idee",
        q="je m'installe en montagne ardéchoise avec un projet d'entreprise sociale",
        expected="accompagnement-amesud",
        source="003_1d54022f4fac85d7.txt — Montagne d’Ardèche : l’opérateur AMESUD (l. 4836-4869)",
        natural=True,
    ),
    Case(
        id="aubenas-methode-eveil",
        question=("Accompagnatrice à Aubenas, je voudrais me former à la méthode EVEIL d'AMESUD."),
        territoire="07019",  # Aubenas
        etape="idee",
        q="méthode eveil",
        expected="methodologie-eveil-amesud",
        source="003_1d54022f4fac85d7.txt — Montagne d’Ardèche : la formation des professionnels "
        "(l. 5004-5012)",
    ),
    Case(
        id="sainte-eulalie-coworking-phrase",
        question=(
            "Y a-t-il un espace de coworking vers Sainte-Eulalie, en Ardèche, pour travailler à "
            "côté d'autres indépendants ?"
        ),
        territoire="07235",  # Sainte-Eulalie (Ardèche)
        etape="creation",
        q="y a-t-il un espace de coworking près de chez moi ?",
        expected="coworking-la-source-sainte-eulalie",
        source="003_1d54022f4fac85d7.txt — Montagne d’Ardèche : une rencontre inspirante "
        "(l. 4920-4927)",
        natural=True,
    ),
    Case(
        id="aouste-revitaliser-centre-bourg-phrase",
        question=(
            "Maire d'Aouste-sur-Sye, je veux revitaliser le centre-bourg et faire revivre des "
            "locaux vides : qui accompagne les communes ?"
        ),
        territoire="26011",  # Aouste-sur-Sye
        etape="idee",
        q="notre mairie veut revitaliser le centre-bourg, qui peut nous accompagner ?",
        expected="strategie-territoire-villages-vivants",
        source="003_1d54022f4fac85d7.txt — Villages Vivants en 4 projets : Aouste-sur-Sye "
        "(l. 1150-1165)",
        natural=True,
    ),
    Case(
        id="florac-racheter-commerce-phrase",
        question=(
            "À Florac, le bar-restaurant du bourg est à vendre : une foncière peut-elle le "
            "racheter pour qu'il reste ouvert ?"
        ),
        territoire="48061",  # Florac Trois Rivières (Lozère)
        etape="creation",
        q="racheter un commerce fermé dans le village",
        expected="fonciere-villages-vivants",
        source="003_1d54022f4fac85d7.txt — Villages Vivants : foncière, montage, bénéficiaires "
        "(l. 992-1066)",
        natural=True,
    ),
    Case(
        id="ambert-association-gestion-phrase",
        question=(
            "Notre association d'Ambert a besoin d'aide pour ses statuts, sa gestion et ses "
            "demandes de subvention."
        ),
        territoire="63003",  # Ambert
        etape="developpement",
        q="notre association a besoin d'aide pour sa gestion et ses subventions",
        expected="point-appui-vie-associative-la-breche",
        source="003_1d54022f4fac85d7.txt — La Brèche : un appui aux associations (l. 1270-1284)",
        natural=True,
    ),
    Case(
        id="arlanc-projet-rural-phrase",
        question=(
            "J'habite Arlanc, dans le Livradois, et j'ai un projet d'activité : qui peut "
            "m'accompagner sur mesure ?"
        ),
        territoire="63010",  # Arlanc (CC Ambert Livradois Forez)
        etape="idee",
        q="j'ai un projet d'activité en milieu rural, qui peut m'accompagner ?",
        expected="accompagnement-projets-la-breche",
        source="003_1d54022f4fac85d7.txt — La Brèche : un accompagnement partenarial et sur "
        "mesure (l. 1215-1245)",
        natural=True,
    ),
    Case(
        id="craponne-isole-phrase",
        question=(
            "Je me sens isolé à Craponne-sur-Arzon avec mon idée de projet : y a-t-il quelqu'un "
            "qui passe dans les petites communes ?"
        ),
        territoire="43080",  # Craponne-sur-Arzon (Haute-Loire)
        etape="idee",
        q="je me sens isolé dans mon village avec mon idée de projet",
        expected="espace-vie-sociale-itinerant-la-breche",
        source="003_1d54022f4fac85d7.txt — La Brèche en 2 projets : espace de vie sociale "
        "itinérant (l. 1349-1365)",
        natural=True,
    ),
    Case(
        id="munster-projet-collectif-village-phrase",
        question=(
            "Dans la vallée de Munster, des habitants voudraient une épicerie tenue par le "
            "village : qui aide à faire émerger ce type de projet collectif ?"
        ),
        territoire="68226",  # Munster (CC de la Vallée de Munster)
        etape="idee",
        q="des habitants voudraient monter un projet collectif pour le village",
        expected="fabrique-a-projets-ecooparc",
        source="003_1d54022f4fac85d7.txt — Ecooparc, SCIC Fabrique et incubateur (l. 2772-2976)",
        natural=True,
    ),
    # -- Nouvelle-Aquitaine (seed 003) -----------------------------------------------------
    Case(
        id="luxey-recyclerie-decors-phrase",
        question=(
            "Avec une troupe de Luxey, on voudrait créer une recyclerie de décors de théâtre : "
            "qui accompagne les projets collectifs dans les Landes ?"
        ),
        territoire="40167",  # Luxey (CC Coeur Haute Lande)
        etape="idee",
        q="on voudrait créer une recyclerie de décors de théâtre",
        expected="incubateur-ploucs",
        source="003_1d54022f4fac85d7.txt — PLOUCS en 6 projets (l. 913-935)",
        natural=True,
    ),
    Case(
        id="vert-financer-travaux-cafe-phrase",
        question=(
            "Notre café associatif de Vert doit faire des travaux : le Département des Landes "
            "peut-il les financer ?"
        ),
        territoire="40323",  # Vert (Landes)
        etape="creation",
        q="on cherche un financement pour les travaux de notre café associatif",
        expected="budget-participatif-landes",
        source="003_1d54022f4fac85d7.txt — PLOUCS en 6 projets : café associatif de Herm "
        "(l. 915-920)",
        natural=True,
    ),
    Case(
        id="sabres-job-ete-jeunes-phrase",
        question=(
            "Mon fils de 16 ans habite Sabres et voudrait un job d'été : existe-t-il une "
            "coopérative de jeunes par ici ?"
        ),
        territoire="40246",  # Sabres (CC Coeur Haute Lande)
        etape="idee",
        q="mon fils de 16 ans voudrait travailler cet été dans une coopérative de jeunes",
        expected="cjs-ploucs",
        source="003_1d54022f4fac85d7.txt — Zoom sur la coopérative jeunesse de services "
        "(l. 937-954)",
        natural=True,
    ),
    Case(
        id="mont-de-marsan-jeu-ess-ecole",
        question=(
            "Professeure à Mont-de-Marsan, je cherche un jeu pour faire découvrir l'ESS à mes "
            "élèves."
        ),
        territoire="40192",  # Mont-de-Marsan
        etape="idee",
        q="jeu ess élèves",
        expected="k-ess-essa",
        source="003_1d54022f4fac85d7.txt — PLOUCS : la sensibilisation à l’ESS (l. 794-808)",
    ),
    Case(
        id="aubusson-cae-creuse",
        question="Je cherche une CAE en Creuse pour tester mon activité depuis Aubusson.",
        territoire="23008",  # Aubusson (Creuse)
        etape="creation",
        q="cae",
        expected="test-activite-elan-creuse",
        source="003_1d54022f4fac85d7.txt — La Fabrique à initiatives en 3 projets : Élan "
        "(l. 2087-2093)",
    ),
    Case(
        id="gueret-tester-activite-phrase",
        question=(
            "À Guéret, je voudrais tester mon activité de traiteur en étant salarié d'une "
            "coopérative : ça existe en Creuse ?"
        ),
        territoire="23096",  # Guéret
        etape="creation",
        q="je voudrais tester mon activité en étant salarié d'une coopérative",
        expected="test-activite-elan-creuse",
        source="003_1d54022f4fac85d7.txt — La Fabrique à initiatives en 3 projets : Élan "
        "(l. 2087-2093)",
        natural=True,
    ),
    Case(
        id="saint-christophe-projet-participatif-phrase",
        question=(
            "Notre petite commune de Saint-Christophe-des-Bardes voudrait imaginer avec les "
            "habitants la nouvelle vie d'un lieu abandonné."
        ),
        territoire="33384",  # Saint-Christophe-des-Bardes (CC du Grand Saint-Émilionnais)
        etape="idee",
        q="notre commune voudrait impliquer les habitants dans un projet pour un lieu abandonné",
        expected="residences-collectif-trois-tiers",
        source="003_1d54022f4fac85d7.txt — Collectif Trois-Tiers : accompagner les projets "
        "participatifs des communes (l. 1731-1757)",
        natural=True,
    ),
    Case(
        id="saint-christophe-vitirev",
        question=(
            "Saint-Christophe-des-Bardes est lauréate de VitiREV : comment la Région "
            "accompagne-t-elle la transition du village ?"
        ),
        territoire="33384",  # Saint-Christophe-des-Bardes
        etape="creation",
        q="vitirev",
        expected="vitirev",
        source="003_1d54022f4fac85d7.txt — Collectif Trois-Tiers en 2 accompagnements : "
        "Saint-Christophe-des-Bardes (l. 1836-1866)",
    ),
    Case(
        id="libourne-lieu-delaisse-phrase",
        question=(
            "Agent du Libournais, j'accompagne une commune qui veut redonner vie à son ancienne "
            "gare avec les habitants : qui peut venir s'installer sur place pour ça ?"
        ),
        territoire="33243",  # Libourne (CA du Libournais)
        etape="idee",
        # La Fabrik à Declic (for the young) lists neither territory nor operator: not expected
        q="une commune veut redonner vie à un lieu délaissé avec ses habitants",
        expected="residences-collectif-trois-tiers",
        source="003_1d54022f4fac85d7.txt — Collectif Trois-Tiers : accompagner les projets "
        "participatifs des communes (l. 1731-1757)",
        natural=True,
    ),
    Case(
        id="saint-emilion-festividees",
        question=(
            "Les Festiv'idées de la ruralité passent-elles près de Saint-Émilion cette année ?"
        ),
        territoire="33394",  # Saint-Émilion (CC du Grand Saint-Émilionnais)
        etape="idee",
        q="festividees ruralite",  # without the apostrophe and the accent
        expected="festiv-idees-de-la-ruralite",
        source="003_1d54022f4fac85d7.txt — Collectif Trois-Tiers : acculturer et sensibiliser "
        "(l. 1710-1730)",
        natural=True,
    ),
    Case(
        id="bordeaux-incubateur-innovation-sociale-phrase",
        question=(
            "Je cherche un incubateur pour mon entreprise sociale à Bordeaux, pour passer de "
            "la création au développement."
        ),
        territoire="33063",  # Bordeaux
        etape="creation",
        q="je cherche un incubateur pour mon entreprise d'innovation sociale",
        expected="incubation-atis",
        source="003_1d54022f4fac85d7.txt — Nouvelle-Aquitaine : l’opérateur ATIS (l. 5678-5698)",
        natural=True,
    ),
    Case(
        id="tulle-premiers-pas",
        question="Le parcours Premiers pas d'ATIS passe-t-il en Corrèze, près de Tulle ?",
        territoire="19272",  # Tulle (no local Premiers pas: the regional one answers)
        etape="idee",
        q="premiers pas",
        expected="premiers-pas-atis",  # the parcours socle (also regional) may come too
        source="003_1d54022f4fac85d7.txt — Nouvelle-Aquitaine : genèse du parcours Premiers pas "
        "(l. 5628-5667)",
    ),
    Case(
        id="agen-idee-village-phrase",
        question=(
            "J'habite près d'Agen et j'ai une idée de projet utile pour mon village : par où "
            "commencer ?"
        ),
        territoire="47001",  # Agen
        etape="idee",
        q="j'ai une idée de projet utile pour mon village, par où commencer ?",
        expected="premiers-pas-atis-lot-et-garonne",
        source="003_1d54022f4fac85d7.txt — Nouvelle-Aquitaine : échange de pratiques et Kit "
        "premiers pas (l. 5712-5741)",
        natural=True,
    ),
    Case(
        id="parthenay-afipar",
        question=(
            "Paysanne en Gâtine, près de Parthenay, j'ai une idée de projet : l'AFIPaR "
            "propose-t-elle un parcours ?"
        ),
        territoire="79202",  # Parthenay (Deux-Sèvres)
        etape="idee",
        q="afipar",
        expected="parcours-idee-afipar",  # POP Départ 79 serves the département too
        source="003_1d54022f4fac85d7.txt — Parcours Premiers pas : les acteurs intéressés "
        "(l. 5804-5820)",
    ),
    Case(
        id="bergerac-activite-utile-phrase",
        question=(
            "À Bergerac, je voudrais créer une activité utile aux gens du coin : qui "
            "accompagne les idées en Dordogne ?"
        ),
        territoire="24037",  # Bergerac
        etape="idee",
        q="je voudrais créer une activité utile en Dordogne",
        expected="emergence-perigord",
        source="003_1d54022f4fac85d7.txt — Nouvelle-Aquitaine : genèse du parcours Premiers pas "
        "(l. 5628-5667)",
        natural=True,
    ),
    Case(
        id="poitiers-bureau-pas-cher-phrase",
        question=(
            "Je lance mon activité près de Poitiers et je cherche un bureau pas cher, avec des "
            "machines à disposition."
        ),
        territoire="86194",  # Poitiers (CU du Grand Poitiers)
        etape="creation",
        q="je cherche un bureau pas cher pour démarrer mon activité",
        expected="locaux-les-usines",
        source="003_1d54022f4fac85d7.txt — Les Usines, Ligugé (l. 3230-3407)",
        natural=True,
    ),
    Case(
        id="liguge-cae-phrase",
        question="Je veux tester mon activité dans une CAE à Ligugé : laquelle ?",
        territoire="86133",  # Ligugé
        etape="creation",
        q="je veux tester mon activité en cae",
        expected="test-activite-consortium-cooperative",
        source="003_1d54022f4fac85d7.txt — Les Usines, Ligugé : Consortium coopérative "
        "(l. 3230-3407)",
        natural=True,
    ),
    Case(
        id="liguge-vendre-legumes-phrase",
        question=(
            "Maraîcher à côté de Ligugé, je cherche un marché où vendre mes légumes chaque semaine."
        ),
        territoire="86133",  # Ligugé
        etape="developpement",
        q="je suis producteur et je cherche un marché pour vendre mes légumes",
        expected="marche-producteurs-les-usines",
        source="003_1d54022f4fac85d7.txt — Les Usines en 3 projets : un marché de producteurs "
        "(l. 3395-3400)",
        natural=True,
    ),
    # -- Occitanie, Centre-Val de Loire (seed 003) ------------------------------------------
    Case(
        id="rodez-paie-salarie-phrase",
        question=(
            "Notre club associatif de Rodez vient d'embaucher : qui peut nous aider pour la "
            "paie et les obligations d'employeur ?"
        ),
        territoire="12202",  # Rodez
        etape="developpement",
        q="notre association a besoin d'aide pour la paie de son salarié",
        expected="pava-urqr",
        source="003_1d54022f4fac85d7.txt — Ouest Aveyron : opérateur URQR (l. 5056-5078)",
        natural=True,
    ),
    Case(
        id="cahors-former-benevoles",
        question=(
            "Nous créons une association à Cahors et voulons former nos futurs bénévoles : "
            "qui le fait dans le Lot ?"
        ),
        territoire="46042",  # Cahors
        etape="creation",
        q="formation bénévoles",
        expected="crib-urqr",  # the PAVA of the URQR serves the Lot too
        source="003_1d54022f4fac85d7.txt — Ouest Aveyron : opérateur URQR (l. 5056-5078)",
    ),
    Case(
        id="la-chatre-transition-phrase",
        question=(
            "Je veux créer une activité liée à la transition écologique dans le Berry, près de "
            "La Châtre : qui accompagne les créateurs ?"
        ),
        territoire="36046",  # La Châtre (Indre)
        etape="creation",
        q="je veux créer une activité dans la transition écologique",
        expected="accompagnement-createurs-adar-civam",
        source="003_1d54022f4fac85d7.txt — Boischaut Sud : initiation de plusieurs projets "
        "(l. 5592-5606)",
        natural=True,
    ),
    Case(
        id="bourges-adar-civam",
        question="L'ADAR-CIVAM accompagne-t-elle aussi les créateurs du Cher, à Bourges ?",
        territoire="18033",  # Bourges
        etape="creation",
        q="adar civam",
        expected="accompagnement-createurs-adar-civam",
        source="003_1d54022f4fac85d7.txt — Boischaut Sud : un besoin d’interconnaissance "
        "(l. 5313-5328)",
    ),
    # -- National programmes, asked from places without a local equivalent (seed 003) --------
    Case(
        id="lyon-flashcoop",
        question="Existe-t-il une Flashcoop à Lyon pour des habitants d'un quartier prioritaire ?",
        territoire="69123",  # Lyon: no local Flashcoop, the national model answers
        etape="idee",
        q="flashcoop",
        expected="flashcoop",
        source="001_2baa4b8fecccbcf5.txt — Ressources : le modèle Flashcoop (l. 161-170, l. 402)",
    ),
    Case(
        id="millau-reseau-accompagnateurs-phrase",
        question=(
            "Je suis accompagnatrice de projets en milieu rural près de Millau et je cherche "
            "un réseau pour échanger avec d'autres accompagnateurs."
        ),
        territoire="12145",  # Millau
        etape="idee",
        q="je cherche un réseau d'accompagnateurs de projets ruraux",
        expected="collectif-crea-rural",
        source="003_1d54022f4fac85d7.txt — Points clés : utilité du cycle TRESSONS (l. 6006-6035)",
        natural=True,
    ),
    Case(
        id="tulle-tiers-lieu-financement-phrase",
        question=(
            "Notre tiers-lieu de Tulle cherche un soutien de l'État pour durer : existe-t-il un "
            "label ou un appel pour les tiers-lieux ?"
        ),
        territoire="19272",  # Tulle
        etape="developpement",
        q="notre tiers-lieu cherche un financement de l'État",
        expected="fabriques-de-territoire",
        source="003_1d54022f4fac85d7.txt — Une diversité de structuration : les tiers-lieux "
        "(l. 548-552)",
        natural=True,
    ),
    Case(
        id="aurillac-entreprendre-la-ruralite",
        question=(
            "Nous accompagnons des porteurs dans le Cantal : comment rejoindre Entreprendre la "
            "Ruralité ?"
        ),
        territoire="15014",  # Aurillac
        etape="creation",
        q="entreprendre la ruralité",
        expected="entreprendre-la-ruralite",
        source="003_1d54022f4fac85d7.txt — De nouveaux programmes en cours de développement "
        "(l. 463-483)",
    ),
    Case(
        id="aurillac-prix-finansol",
        question=(
            "Notre coopérative d'Aurillac a levé de l'épargne solidaire : pouvons-nous "
            "candidater au prix Finansol ?"
        ),
        territoire="15014",  # Aurillac
        etape="developpement",
        q="prix finansol",
        expected="prix-finansol",
        source="003_1d54022f4fac85d7.txt — Villages Vivants : les partenaires (l. 1128-1135)",
    ),
    Case(
        id="tulle-pins",
        question="Comment candidater au programme P'INS de la Fondation Macif depuis Tulle ?",
        territoire="19272",  # Tulle
        etape="developpement",
        q="pins macif",  # typed without the apostrophe
        expected="pins-fondation-macif-avise",
        source="003_1d54022f4fac85d7.txt — Villages Vivants : les partenaires (l. 1128-1135)",
    ),
]


# -- Sentences written as people write them (issue 24) -----------------------------------------
# Each ``q`` is what a porteur de projet types in « Quoi ? » to describe the situation, in the
# first person, 200 to 400 characters: the village, the situation, then the need. The place is
# typed as a person types it (``territoire``: a name with the typographic apostrophe, a typo, a
# postal code, an arrondissement's postal code), and goes through the same door (the list's
# ``territoire`` value; a place that names several or none is picked among the suggestions,
# ``choose``). The expected support is the one a person would expect to be told about,
# chosen from what the programme says it does, not from the ranking.
SOURCE_ISSUE = "issue 24 — questions écrites comme les personnes les écrivent"

# Written first, before any change to the analysis or the ranking, and only checked at the end:
# the intent vocabulary was not tuned on them.
HELD_OUT = [
    Case(
        id="held-pouzauges-premier-salarie",
        question="Une association d’aide aux devoirs veut embaucher son premier salarié.",
        territoire="Pouzauges",
        etape="developpement",
        q="Bonjour, je suis présidente d’une petite association d’aide aux devoirs à Pouzauges, "
        "on tourne avec des bénévoles depuis six ans et on voudrait embaucher notre premier "
        "salarié l’an prochain, mais on ne sait pas comment financer le poste ni s’organiser.",
        expected="dispositif-local-accompagnement",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-marseille-emplois-aides",
        question="Une association marseillaise veut pérenniser deux emplois aidés.",
        territoire="13001",
        etape="developpement",
        q="Notre association de quartier à Marseille emploie déjà deux personnes en contrat "
        "aidé, les aides s’arrêtent en juin et on a peur de devoir licencier : qui peut nous "
        "aider à consolider notre modèle économique et pérenniser les emplois ?",
        expected="dispositif-local-accompagnement",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-ernee-epicerie-voisins",
        question="Des voisins veulent rouvrir l’épicerie d’un village de l’Ernée.",
        territoire="CC de l’Ernée",
        etape="idee",
        q="J’habite un petit village de la CC de l’Ernée, la dernière épicerie a fermé il y a "
        "deux ans et avec quelques voisins on aimerait en rouvrir une sous forme associative "
        "ou coopérative, mais on ne sait pas du tout par où commencer.",
        expected="may-idees",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-aubusson-ceramiste-typo",
        question="Une céramiste près d’Aubusson veut tester son activité en coopérative.",
        territoire="aubuson",
        choose="(23)",
        etape="creation",
        q="Je suis céramiste installée près d’Aubusson depuis peu, je voudrais tester mon "
        "activité de vente de poteries avant de créer ma propre entreprise, idéalement dans "
        "une coopérative qui m’héberge et me laisse garder mes allocations.",
        expected="test-activite-elan-creuse",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-valenciennes-scic-cafe",
        question="Cinq amis veulent reprendre un café-librairie en SCIC à Valenciennes.",
        territoire="59300",
        etape="creation",
        q="Nous sommes cinq amis à Valenciennes, on veut reprendre un café-librairie qui ferme "
        "et le transformer en SCIC avec les habitants et la mairie : qui peut nous accompagner "
        "pour monter la coopérative et trouver les premiers financements ?",
        expected="starter-ess-le-germoir",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-paris18-refugiee-traiteur",
        question="Une réfugiée du 18e veut créer une coopérative de cuisine avec d’autres femmes.",
        territoire="75018",
        etape="idee",
        q="Je suis réfugiée afghane, j’habite dans le 18e à Paris depuis un an, je cuisinais "
        "beaucoup chez moi et je voudrais créer avec d’autres femmes une petite coopérative de "
        "cuisine et de traiteur, mais je ne connais pas les démarches en France.",
        expected="migracoop",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-annemasse-vrac-incubateur",
        question="Une épicerie zéro déchet à Annemasse cherche un incubateur.",
        territoire="Annemasse",
        etape="creation",
        q="J’ai un projet d’épicerie zéro déchet et de vrac à Annemasse, j’ai fait mon étude de "
        "marché et mon prévisionnel, il me faudrait maintenant un incubateur pour structurer "
        "le projet, trouver un local et préparer le lancement.",
        expected="id-cube",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-nantes-tiers-lieu-employeur",
        question="Un tiers-lieu culturel nantais veut devenir employeur.",
        territoire="Nantes",
        etape="developpement",
        q="Notre tiers-lieu culturel à Nantes existe depuis trois ans, l’équipe bénévole "
        "s’épuise, nous voulons passer à une structure employeuse avec deux postes et trouver "
        "un modèle économique plus solide, quel accompagnement existe pour ça ?",
        expected="dispositif-local-accompagnement",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-mayenne-paysagiste-chomage",
        question="Un demandeur d’emploi près de Mayenne veut tester une activité de paysagiste.",
        territoire="53100",
        etape="creation",
        q="Je suis au chômage depuis huit mois, j’habite à côté de Mayenne et je voudrais me "
        "lancer comme paysagiste, mais sans prendre le risque de créer tout de suite une "
        "entreprise : est-ce que je peux tester mon activité en étant accompagné ?",
        expected="test-activite-coodem",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-cholet-ados-cooperative",
        question="Une animatrice de Cholet veut qu’un groupe d’ados monte une coopérative d’été.",
        territoire="Cholet",
        etape="idee",
        q="Je suis animatrice jeunesse à Cholet, je voudrais qu’un groupe d’ados de 16-17 ans "
        "monte une coopérative pour l’été et vende des services aux habitants, comme un vrai "
        "petit projet d’entreprise, est-ce que ça existe près de chez nous ?",
        expected="cjs-cdp-49",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-liguge-maraicher-marche",
        question="Un maraîcher près de Ligugé cherche un marché de producteurs.",
        territoire="Ligugé",
        etape="developpement",
        q="Je fais du maraîchage bio à côté de Ligugé et je vends sur les marchés, j’aimerais "
        "rejoindre un marché de producteurs local et rencontrer d’autres paysans du coin pour "
        "vendre en circuit court et développer mes débouchés.",
        expected="marche-producteurs-les-usines",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-ambert-mere-seule",
        question="Une mère seule à Ambert cherche un accompagnement pour les femmes.",
        territoire="Ambert",
        etape="idee",
        q="Je suis une femme seule avec deux enfants à Ambert, je n’ai pas beaucoup de temps "
        "pour moi, j’aimerais retrouver confiance et peut-être plus tard monter un petit "
        "projet, est-ce qu’il y a un accompagnement pour les femmes dans le coin ?",
        expected="un-temps-pour-soi-la-breche",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-rodez-association-tresorerie",
        question="Une association culturelle aveyronnaise veut consolider son projet.",
        territoire="Rodez",
        etape="developpement",
        q="Nous sommes une association culturelle en Aveyron avec trois salariés, on a des "
        "difficultés de trésorerie et on voudrait être accompagnés pour consolider notre "
        "projet et diversifier nos financements, à qui s’adresser dans le département ?",
        expected="dla-aveyron-lot",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-landes-jeunes-village",
        question="Des jeunes d’un village des Landes veulent créer une activité ensemble.",
        territoire="Mont-de-Marsan",
        etape="idee",
        q="J’ai 19 ans, j’habite dans un village des Landes près de Mont-de-Marsan et avec des "
        "copains on a envie de créer une activité ensemble plutôt que de partir en ville, "
        "est-ce qu’un incubateur rural peut nous aider à démarrer ?",
        expected="incubateur-ploucs",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-lyon-insertion-restauration",
        question="Trois associés montent une entreprise d’insertion à Lyon.",
        territoire="69001",
        etape="creation",
        q="Je monte avec deux associés une entreprise d’insertion dans la restauration à Lyon, "
        "nous cherchons un incubateur spécialisé en entrepreneuriat social pour nous "
        "accompagner pendant la création et nous mettre en lien avec des financeurs.",
        expected="incubation-ronalpia",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-fougeres-garde-enfants",
        question="Des habitants du pays de Fougères ont une idée de garde d’enfants.",
        territoire="Fougères",
        etape="idee",
        q="Nous sommes un petit groupe d’habitants du pays de Fougères, on a repéré un besoin "
        "de garde d’enfants aux horaires décalés et on voudrait transformer cette idée en vrai "
        "projet d’entreprise sociale, qui peut nous aider à l’étape de l’idée ?",
        expected="ideateur-tag35",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-saint-nazaire-menuisier",
        question="Un menuisier de Saint-Nazaire veut tester son activité dans le bâtiment.",
        territoire="Saint-Nazaire",
        etape="creation",
        q="Je suis menuisier à Saint-Nazaire, salarié depuis quinze ans, je voudrais me mettre "
        "à mon compte dans la rénovation mais tester d’abord mon activité dans une coopérative "
        "du bâtiment, avec un statut d’entrepreneur salarié.",
        expected="test-activite-baticreateurs-44",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-villeneuve-traiteur-solidaire",
        question="Une étudiante de Villeneuve-d’Ascq veut lancer un traiteur solidaire.",
        territoire="Villeneuve-d’Ascq",
        etape="creation",
        q="Je suis étudiante à Villeneuve-d’Ascq et je voudrais lancer une activité de traiteur "
        "solidaire avec des produits locaux, j’ai besoin d’un lieu pour tester ma cuisine et "
        "d’un accompagnement pour démarrer l’entreprise.",
        expected="foodlab-solidaire-le-germoir",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-les-herbiers-recyclerie",
        question="Une idée de recyclerie et d’atelier vélo aux Herbiers.",
        territoire="Les Herbiers",
        etape="idee",
        q="J’habite aux Herbiers, j’ai l’idée d’ouvrir une recyclerie avec un atelier de "
        "réparation de vélos et de petit électroménager, je ne sais pas si c’est viable ni "
        "quel statut choisir, j’aimerais être accompagné dès l’idée.",
        expected="ressort-pole-ess-vendee",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
    Case(
        id="held-gueret-maire-portage-repas",
        question="Un maire creusois cherche qui fera émerger un service de portage de repas.",
        territoire="Guéret",
        etape="idee",
        q="Je suis maire d’une petite commune de Creuse près de Guéret, il manque un service de "
        "portage de repas et de lien social pour les personnes âgées, on cherche quelqu’un "
        "pour faire émerger une entreprise de l’ESS qui réponde à ce besoin.",
        expected="fabrique-a-initiatives-creuse",
        source=SOURCE_ISSUE,
        natural=True,
        held_out=True,
    ),
]


def _said(id, territoire, etape, q, expected, question="", choose=""):
    """A question typed as a person types it (see SOURCE_ISSUE)."""
    return Case(
        id=id,
        question=question or q,
        territoire=territoire,
        etape=etape,
        q=q,
        expected=expected,
        source=SOURCE_ISSUE,
        natural=True,
        choose=choose,
    )


DLA = "dispositif-local-accompagnement"

# The six journeys of the issue, and the intent words it names.
JOURNEYS = [
    _said(
        "journey-ernee-epicerie",
        "Ernée",
        "idee",
        "ouvrir une épicerie dans mon village",
        "may-idees",
    ),
    _said(
        "journey-aubusson-ceramiste",
        "Aubusson",
        "creation",
        "céramiste, tester mon activité en coopérative",
        "test-activite-elan-creuse",
        choose="(23)",
    ),
    _said(
        "journey-59300-scic",
        "59300",
        "creation",
        "on est 5, on veut créer une SCIC",
        "starter-ess-le-germoir",
    ),
    _said(
        "journey-pouzauges-embaucher",
        "Pouzauges",
        "developpement",
        "notre association veut se développer et embaucher",
        DLA,
    ),
    _said(
        "journey-75018-refugiee",
        "75018",
        "idee",
        "je suis réfugiée, je veux créer une coopérative de cuisine",
        "migracoop",
    ),
    _said(
        "journey-annemasse-zero-dechet",
        "Annemasse",
        "creation",
        "incubateur pour mon projet zéro déchet",
        "id-cube",
    ),
    _said(
        "intent-laval-premier-salarie",
        "Laval",
        "developpement",
        "recruter notre premier salarié",
        DLA,
    ),
    _said(
        "intent-cholet-association-employeuse",
        "Cholet",
        "developpement",
        "association employeuse",
        DLA,
    ),
    _said(
        "intent-pouzauges-consolider",
        "Pouzauges",
        "developpement",
        "consolider notre association",
        DLA,
    ),
    _said(
        "intent-mayenne-financer",
        "53100",
        "creation",
        "comment financer mes investissements",
        "financement-investissements-coodem",
    ),
    _said(
        "intent-angers-tester", "Angers", "creation", "tester mon activité", "test-activite-cdp-49"
    ),
    _said(
        "intent-nantes-scic",
        "Nantes",
        "creation",
        "monter une SCIC",
        "accompagnement-scop-scic-ouest",
    ),
    _said(
        "intent-trevoux-local-vacant", "Trévoux", "creation", "local vacant", "local-lab-domb-innov"
    ),
    _said(
        "intent-nantes-racheter",
        "Nantes",
        "creation",
        "racheter l’entreprise de mon patron avec les collègues",
        "accompagnement-scop-scic-ouest",
    ),
    _said(
        "intent-lyon-transmettre",
        "69001",
        "developpement",
        "transmettre mon entreprise à mes salariés",
        "accompagnement-scop-scic-auvergne-rhone-alpes",
    ),
    # Places typed any way: the typographic apostrophe, typos.
    _said(
        "place-cotes-darmor-aide-domicile",
        "Côtes-d’Armor",
        "creation",
        "aide à domicile, tester mon activité",
        "test-activite-coopchezvous",
    ),
    _said(
        "place-ile-dyeu-epicerie",
        "L’Île-d’Yeu",
        "idee",
        "ouvrir une épicerie associative sur l’île",
        "ressort-pole-ess-vendee",
    ),
    _said(
        "place-mayene-typo",
        "Mayene",
        "idee",
        "une idée de projet solidaire",
        "may-idees",
        choose="(53)",
    ),
    _said(
        "place-valencienes-typo",
        "valencienes",
        "creation",
        "créer une entreprise de l’ESS",
        "starter-ess-le-germoir",
        choose="(59)",
    ),
    _said("place-annemase-typo", "annemase", "creation", "incubateur", "id-cube", choose="(74)"),
]

SENTENCES = [
    _said(
        "long-laval-education-populaire",
        "Laval",
        "developpement",
        "Je suis salariée d’une association d’éducation populaire à Laval, on est quatre "
        "salariés et le conseil d’administration voudrait qu’on soit accompagnés pour revoir "
        "notre projet associatif et notre modèle économique avant d’embaucher encore.",
        DLA,
    ),
    _said(
        "long-chateau-gontier-pret-camion",
        "Château-Gontier-sur-Mayenne",
        "developpement",
        "Avec mon associé on a créé il y a deux ans une petite entreprise de rénovation "
        "écologique à Château-Gontier, on a besoin d’un prêt pour acheter un camion et des "
        "outils, la banque hésite, est-ce qu’il existe des financements solidaires en "
        "Mayenne ?",
        "financement-investissements-coodem",
    ),
    _said(
        "long-evron-handicap-informatique",
        "Évron",
        "creation",
        "Mon fils a une reconnaissance de travailleur handicapé, il a 28 ans et il voudrait "
        "créer sa petite activité de réparation informatique près d’Évron, on cherche une "
        "structure qui l’accompagne et l’héberge le temps de voir si ça marche.",
        "geicoo",
    ),
    _said(
        "long-lassay-macon",
        "Lassay-les-Châteaux",
        "creation",
        "Je suis maçon en Mayenne, dans le nord du département vers Lassay-les-Châteaux, "
        "j’aimerais créer mon entreprise dans le bâtiment mais d’abord tester l’activité dans "
        "une coopérative où je serais entrepreneur salarié avec d’autres artisans.",
        "entrepreneurs-batiment-coodem-elan-batisseur",
    ),
    _said(
        "long-craon-cooperative-temporaire",
        "Craon",
        "idee",
        "Je suis demandeuse d’emploi à Craon, on est plusieurs dans mon atelier de recherche "
        "d’emploi à avoir envie de monter quelque chose ensemble pendant quelques mois pour "
        "voir ce que ça donne, une sorte de coopérative temporaire, ça existe ?",
        "flashcoop-coodem",
        choose="(53)",
    ),
    _said(
        "long-mayenne-chevres",
        "Mayenne",
        "creation",
        "J’ai grandi en ville, je ne suis pas fille d’agriculteur, et je voudrais m’installer "
        "en Mayenne pour élever des chèvres et faire du fromage, je cherche une formation et "
        "des paysans qui pourraient me parrainer avant de me lancer.",
        "paysan-creatif",
        choose="département",
    ),
    _said(
        "long-nantes-aide-domicile",
        "Nantes",
        "creation",
        "Je suis aide-soignante à Nantes et je veux créer mon activité d’aide à domicile pour "
        "les personnes âgées, mais je ne veux pas être seule en micro-entreprise, je cherche "
        "une coopérative pour tester mon activité et être salariée.",
        "test-activite-coopchezvous",
    ),
    _said(
        "long-reze-comedienne",
        "Rezé",
        "creation",
        "Je suis comédienne et metteuse en scène à Rezé, je donne des ateliers de théâtre et "
        "je voudrais facturer mes prestations sans créer d’association ni d’entreprise, "
        "est-ce qu’une coopérative d’artistes pourrait m’héberger ?",
        "test-activite-oz",
    ),
    _said(
        "long-saint-nazaire-paysagistes",
        "Saint-Nazaire",
        "developpement",
        "Je suis paysagiste entrepreneur salarié dans une CAE près de Saint-Nazaire depuis "
        "un an, mon activité se développe et j’aimerais échanger régulièrement avec d’autres "
        "paysagistes de la coopérative pour partager des chantiers.",
        "groupe-metier-paysagistes",
    ),
    _said(
        "long-challans-ateliers-gestion",
        "Challans",
        "creation",
        "J’habite à Challans, je viens d’entrer dans une coopérative d’activité pour lancer "
        "mon activité de couturière, j’aimerais suivre des ateliers collectifs pour apprendre "
        "la gestion, la fixation des prix et la communication.",
        "ateliers-integration-ouvre-boites-44-85",
    ),
    _said(
        "long-la-roche-cafe-jeux",
        "La Roche-sur-Yon",
        "idee",
        "Bonjour, j’habite La Roche-sur-Yon et j’ai une idée de café associatif avec des jeux "
        "de société pour créer du lien entre les générations dans mon quartier, j’aurais "
        "besoin d’un accompagnement pour vérifier si le projet tient la route.",
        "ressort-pole-ess-vendee",
    ),
    _said(
        "long-angers-meubles-recup",
        "Angers",
        "creation",
        "Je voudrais créer ma micro-entreprise de fabrication de meubles en bois de "
        "récupération à Angers, mais je préférerais d’abord tester mon activité dans une "
        "coopérative d’activité et d’emploi pour garder un statut de salarié.",
        "test-activite-cdp-49",
    ),
    _said(
        "long-saumur-demandeurs-ete",
        "Saumur",
        "idee",
        "Nous sommes un groupe de demandeurs d’emploi du Saumurois, on voudrait expérimenter "
        "ensemble pendant l’été une petite coopérative pour proposer des services aux "
        "habitants et apprendre à entreprendre collectivement.",
        "flashcoop-cdp-49",
    ),
    _said(
        "long-le-mans-reconversion-maraichage",
        "Le Mans",
        "creation",
        "Je travaille dans la banque au Mans et je veux me reconvertir dans le maraîchage, je "
        "n’ai aucune expérience agricole, j’aimerais tester la production sur une vraie "
        "ferme en étant accompagnée avant d’acheter des terres.",
        "portage-activite-ciap",
    ),
    _said(
        "long-nantes-locaux-cooperative",
        "Nantes",
        "developpement",
        "Notre coopérative nantaise grandit, on est maintenant huit entrepreneurs et on "
        "cherche des locaux partagés ou un tiers-lieu à Nantes pour installer nos bureaux et "
        "un atelier, quelqu’un peut nous aider à trouver un lieu ?",
        "le-grand-bain",
    ),
    _said(
        "long-nantes-musicien-production",
        "Nantes",
        "creation",
        "Je suis musicien et je veux monter une structure de production de concerts dans la "
        "région nantaise, je cherche un parcours d’accompagnement pour les entrepreneurs "
        "culturels afin de structurer mon projet et trouver un modèle économique.",
        "trajet",
    ),
    _said(
        "long-trevoux-food-truck",
        "Trévoux",
        "creation",
        "On veut ouvrir un food truck de cuisine locale et de saison dans la Dombes, autour de "
        "Trévoux, on a besoin d’un incubateur qui connaît le territoire et les acteurs de "
        "l’ESS pour nous accompagner dans la création.",
        "incubateur-domb-innov",
    ),
    _said(
        "long-reyrieux-velos-local",
        "Reyrieux",
        "creation",
        "Je lance une activité de réparation de vélos à Reyrieux et je cherche un local "
        "vacant ou un espace partagé pas trop cher dans un tiers-lieu du coin, avec d’autres "
        "entrepreneurs sociaux autour de moi, pour ne pas travailler seul dans mon garage.",
        "local-lab-domb-innov",
    ),
    _said(
        "long-trevoux-insertion-recrutement",
        "Trévoux",
        "developpement",
        "Notre entreprise d’insertion à Trévoux veut recruter des personnes éloignées de "
        "l’emploi du territoire, on cherche un lieu pour travailler avec les employeurs "
        "locaux et les acteurs de l’emploi sur les besoins de recrutement.",
        "lab-territorial-emploi-domb-innov",
    ),
    _said(
        "long-fougeres-elue-besoins",
        "Fougères",
        "idee",
        "Je suis élue d’une communauté de communes d’Ille-et-Vilaine près de Fougères, on "
        "voudrait repérer les besoins non couverts du territoire et faire émerger des projets "
        "d’entreprises sociales qui y répondent, comment s’y prendre ?",
        "revelateur-tag35",
    ),
    _said(
        "long-rennes-covoiturage",
        "Rennes",
        "creation",
        "Après six mois de réflexion, mon projet de plateforme de covoiturage solidaire pour "
        "les villages autour de Rennes est prêt à passer à la création, je cherche un "
        "incubateur d’entreprises sociales en Ille-et-Vilaine pour la suite.",
        "incubateur-tag35",
    ),
    _said(
        "long-liguge-brasserie",
        "Ligugé",
        "creation",
        "On est trois à vouloir créer une petite activité de brasserie artisanale près de "
        "Ligugé, dans la Vienne, et on aimerait tester l’activité dans une coopérative avant "
        "de créer notre propre société et d’investir dans le matériel.",
        "test-activite-consortium-cooperative",
    ),
    _said(
        "long-liguge-tapissiere-atelier",
        "Ligugé",
        "creation",
        "Je suis tapissière et je cherche un atelier à louer à Ligugé ou aux alentours, dans "
        "un lieu partagé avec d’autres artisans et des activités culturelles, pour lancer mon "
        "activité de réfection de fauteuils.",
        "locaux-les-usines",
    ),
    _said(
        "long-liguge-ado-fablab",
        "Ligugé",
        "idee",
        "Mon fils a 17 ans, il adore bricoler l’électronique et l’impression 3D, on habite à "
        "Ligugé, est-ce qu’il existe un fablab solidaire où les jeunes peuvent apprendre et "
        "monter des petits projets avec d’autres jeunes du coin ?",
        "fablab-solidaire-les-usines",
    ),
    _said(
        "long-ambert-friperie",
        "Ambert",
        "idee",
        "Avec deux amies on voudrait ouvrir un lieu culturel et une friperie solidaire à "
        "Ambert, dans le Livradois-Forez, on a plein d’idées mais on ne sait pas comment "
        "passer de l’envie au projet, qui accompagne ce genre de projets ici ?",
        "accompagnement-projets-la-breche",
    ),
    _said(
        "long-ambert-tresoriere",
        "Ambert",
        "developpement",
        "Je suis trésorière bénévole d’une association sportive à Ambert, on a du mal avec la "
        "comptabilité, les demandes de subventions et la fonction employeur, il existe un "
        "point d’appui pour les associations dans le secteur ?",
        "point-appui-vie-associative-la-breche",
    ),
    _said(
        "long-ambert-retouches-local",
        "Ambert",
        "creation",
        "Je suis couturière et je voudrais démarrer mon activité de retouches à Ambert, je "
        "n’ai pas les moyens de louer une boutique, y a-t-il des locaux partagés ou un espace "
        "de travail à bas prix pour lancer mon activité ?",
        "locaux-partages-la-breche",
    ),
    _said(
        "long-villefranche-rando",
        "Villefranche-de-Rouergue",
        "developpement",
        "Je suis bénévole dans une association de randonnée de l’Aveyron vers "
        "Villefranche-de-Rouergue, nous n’avons pas de salarié et nous cherchons de l’aide "
        "pour la gestion, l’assurance et la recherche de bénévoles.",
        "pava-urqr",
    ),
    _said(
        "long-cahors-aide-domicile",
        "Cahors",
        "developpement",
        "Notre association d’aide à domicile dans le Lot, à Cahors, compte douze salariés et "
        "traverse une période difficile avec des départs à la retraite, on aimerait un "
        "accompagnement pour réorganiser l’équipe et consolider nos emplois.",
        "dla-aveyron-lot",
    ),
    _said(
        "long-chaumont-ressourcerie",
        "Chaumont",
        "developpement",
        "Je dirige une petite ressourcerie associative à Chaumont en Haute-Marne, nous avons "
        "six salariés en insertion et nous voulons changer d’échelle en ouvrant une deuxième "
        "boutique, existe-t-il un accompagnement gratuit pour nous aider ?",
        "dla-haute-marne",
        choose="(52)",
    ),
    _said(
        "long-montreuil-plantes",
        "Montreuil-sur-Mer",
        "idee",
        "J’habite dans le Montreuillois, dans le Pas-de-Calais, j’ai envie de créer une "
        "activité de cueillette et de transformation de plantes sauvages, qui pourrait "
        "m’accompagner pour passer de l’envie au projet dans un réseau d’accompagnement "
        "rural ?",
        "accompagnement-le-germoir",
    ),
    _said(
        "long-fruges-paysanne-boulangere",
        "Fruges",
        "creation",
        "Je voudrais m’installer comme paysanne boulangère dans le Pas-de-Calais, je cherche "
        "des lieux pour tester mon activité agricole sans acheter de terres tout de suite, "
        "près de Fruges ou d’Hesdin, avec un accompagnement pendant le test.",
        "espace-test-agricole-le-germoir",
    ),
    _said(
        "long-arras-micro-creche",
        "Arras",
        "creation",
        "Je suis à Arras et je veux créer une micro-crèche associative avec des horaires "
        "adaptés aux parents qui travaillent en équipes, je cherche un dispositif régional "
        "qui accompagne la création de projets de l’ESS en Hauts-de-France.",
        "starter-ess-le-germoir",
    ),
    _said(
        "long-saint-pol-gouvernance",
        "Saint-Pol-sur-Ternoise",
        "developpement",
        "Je suis bénévole dans une association d’un village près de Saint-Pol-sur-Ternoise, "
        "nos réunions partent dans tous les sens, on voudrait être formés pour animer un "
        "groupe et prendre des décisions ensemble de façon plus partagée.",
        "piva-le-germoir",
    ),
    _said(
        "long-anzin-strategie-metropole",
        "Anzin",
        "developpement",
        "Je dirige une entreprise d’insertion à Anzin, dans l’agglomération de Valenciennes, "
        "et je voudrais savoir ce que fait la métropole pour soutenir l’économie sociale et "
        "solidaire et comment nos structures peuvent s’y associer.",
        "strategie-ess-valenciennes-metropole",
    ),
    _said(
        "long-annecy-reemploi-reseau",
        "Annecy",
        "developpement",
        "Nous sommes une jeune coopérative de réemploi à Annecy, nous voudrions rejoindre un "
        "réseau d’acteurs de la transition écologique en Haute-Savoie et trouver un "
        "tiers-lieu où rencontrer d’autres structures pour coopérer.",
        "innolab-innovales",
    ),
    _said(
        "long-chambery-vaisselle",
        "Chambéry",
        "creation",
        "Avec ma sœur on veut créer à Chambéry une entreprise de location de vaisselle "
        "réutilisable pour les événements, on cherche un incubateur de projets à impact en "
        "Savoie pour nous accompagner pendant un an.",
        "id-cube",
    ),
    _said(
        "long-75018-couturiere-atelier",
        "75018",
        "creation",
        "Je suis couturière, je viens du Mali et j’habite à la Goutte d’Or dans le 18e, je "
        "cherche un atelier de couture partagé avec des machines pour travailler et "
        "commencer à vendre mes créations, je n’ai pas de place chez moi.",
        "atelier-couture-partage-migracoop",
    ),
    _said(
        "long-75019-francais-pro",
        "75019",
        "idee",
        "Je suis arrivée en France il y a deux ans comme demandeuse d’asile, j’habite dans le "
        "19e arrondissement, je voudrais créer une activité mais je dois d’abord améliorer "
        "mon français professionnel, il existe des cours liés à un projet ?",
        "formation-linguistique-migracoop",
    ),
    _said(
        "long-grigny-mamans-cuisine",
        "Grigny",
        "idee",
        "Je suis une maman d’origine malienne à Grigny dans l’Essonne, avec d’autres femmes "
        "du quartier on cuisine pour les fêtes et on voudrait en faire une vraie activité, "
        "qui peut nous accompagner pour monter le projet ensemble ?",
        "les-mamas-de-grigny",
        choose="(91)",
    ),
    _said(
        "long-saint-denis-cuisine-rue",
        "93200",
        "creation",
        "Je vends des plats de mon pays sur les marchés de Saint-Denis sans statut, je "
        "voudrais me déclarer et développer une activité de cuisine de rue légale avec un "
        "vrai lieu de production, qui peut m’aider ?",
        "cuisine-de-rue-appui",
    ),
    _said(
        "long-lesperon-projet-citoyen",
        "Lesperon",
        "creation",
        "Notre collectif d’habitants de Lesperon veut installer une boîte à livres et un "
        "jardin partagé au centre du village, on cherche comment faire financer un petit "
        "projet citoyen par le Département des Landes.",
        "budget-participatif-landes",
    ),
    _said(
        "long-annonay-traiteur-vegetarien",
        "Annonay",
        "idee",
        "J’habite dans le nord de l’Ardèche, vers Annonay, je voudrais me lancer et créer mon "
        "activité de traiteur végétarien mais je ne sais pas par quel bout commencer, "
        "j’aimerais un accompagnement gratuit pour démarrer.",
        "lance-toi-nord-ardeche",
    ),
    _said(
        "long-bordeaux-conciergerie",
        "Bordeaux",
        "idee",
        "Je vis à Bordeaux, j’ai une idée de conciergerie solidaire pour les personnes âgées "
        "de mon quartier et je voudrais un premier accompagnement pour tester l’idée et "
        "rencontrer d’autres porteurs de projets sociaux.",
        "premiers-pas-atis",
    ),
    _said(
        "long-perigueux-accueil-ferme",
        "Périgueux",
        "idee",
        "Je suis agricultrice en Dordogne près de Périgueux, je voudrais créer un lieu "
        "d’accueil à la ferme pour des personnes en difficulté, j’ai besoin d’aide pour faire "
        "émerger le projet et trouver des partenaires.",
        "emergence-perigord",
    ),
    # The Parcours idée of the Afipar (Deux-Sèvres, rural) fairly answers too.
    _said(
        "long-niort-reparation-vetements",
        "Niort",
        "idee",
        "Je suis à Niort, je viens de perdre mon emploi et j’ai une idée d’entreprise de "
        "réparation de vêtements, je voudrais un accompagnement pour mûrir mon idée avant de "
        "me lancer dans les Deux-Sèvres, je ne sais pas encore si c’est viable.",
        "pop-depart-79",
    ),
    _said(
        "long-vallet-innovation-sociale",
        "Vallet",
        "idee",
        "On vit à Vallet dans le vignoble nantais, on aimerait rencontrer d’autres porteurs "
        "de projets et des élus du territoire pour parler d’innovation sociale et de nos "
        "idées de projets pour les villages, comme une épicerie ou un café associatif.",
        "rencontre-innovation-societale-vignoble-nantais",
    ),
]

CASES = CASES + JOURNEYS + SENTENCES + HELD_OUT
