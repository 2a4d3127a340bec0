"""Issue 13: the shipped content covers the seeds and a caller can act on every entry.

Checks on the files of ``essmap/fixtures/content`` (no database, except the last test):

* every support structure and every support offer the seed inventory names is an entry,
  findable by the inventory's name as its name or one of its aliases (the exclusions are listed
  below, each with its reason);
* every programme says how to start (``how_to_apply``);
* no public text carries the source line numbers (they belong to ``sources.section``, which the
  public pages show without them);
* every idea-stage programme run by a local operator leads somewhere (``next_steps``), and
  next steps go forward;
* a running programme dates its claim (« d’après <document>, <année> »);
* only the people a seed gives as contacts are shown as a programme's contact.
"""

import glob
import json
import re
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings

from essmap import paths
from programmes.models import ProgrammeSource, SourceDocument
from tests.conftest import make_programme
from tests.content import seed_inventory

CONTENT = sorted(glob.glob(str(paths.CONTENT_DIR / "*.json")))
INVENTORY = Path(settings.BASE_DIR).parent / "shared" / "reference" / "seed_inventory.json"


def entries(kind):
    for path in CONTENT:
        yield from json.loads(Path(path).read_text(encoding="utf-8")).get(kind, [])


def documents():
    return {d["file_name"]: d for d in entries("documents")}


# -- Names ---------------------------------------------------------------------------------

# Words that do not make a name different: « Incubateur de TAg35 » is the « Incubateur TAg35 ».
STOPWORDS = {"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les"}


def key(text):
    text = text.replace("’", "'")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(w for w in re.split(r"[^a-z0-9]+", text) if w and w not in STOPWORDS)


def keys(name):
    """A name as it may be written: whole, or without its bracketed qualifier (« DLA
    (Dispositif local d’accompagnement) » is the « DLA »)."""
    found = {key(name)}
    bare = re.sub(r"\([^)]*\)", " ", name)
    if key(bare):
        found.add(key(bare))
    return found


def names(entry):
    return [entry["name"], *entry.get("aliases", [])]


def index(items):
    table = {}
    for entry in items:
        for name in names(entry):
            table.setdefault(key(name), entry["slug"])
    return table


# The inventory's programmes that are no support offer: plans and policies that support nobody
# directly (issue 13 lets them stay mentions), and publications, studies or events that the
# seeds only mention.
EXCLUDED_OFFERS = {
    "Contrat de relance et de transition écologique (CRTE)": "contrat État-territoire (plan)",
    "SRDEII": "schéma régional (plan)",
    "Plan Climat Air Énergie (PCAET) Ouest Aveyron": "plan climat d’une intercommunalité",
    "PLUi Ouest Aveyron": "plan d’urbanisme",
    "Projet alimentaire territorial (PAT)": "politique alimentaire d’une intercommunalité",
    "Stratégie 36": "étude départementale de 2020 (données d’un état des lieux)",
    "PLDE (Valenciennes Métropole)": "plan local de développement économique (plan)",
    "Petites villes de demain": (
        "programme de l’État contractualisé avec les communes, comme le CRTE ; la source ne "
        "décrit aucun appui direct à un porteur"
    ),
    "AMI revitalisation des centres-bourgs": (
        "appel à manifestation d’intérêt de l’État réservé aux communes, seulement cité"
    ),
    "Interreg Support Network for Social Entrepreneurs (SuNSE)": (
        "projet européen de coopération d’une commune ; l’appui aux porteurs qu’il finance est "
        "l’idéateur de TAg35 (fiche ideateur-tag35)"
    ),
    "Portraits de femmes entrepreneuses dans l'ESS (Pays de la Loire)": (
        "série de portraits publiée par la CRESS et les réseaux départementaux (une publication)"
    ),
    "Étude filière d'économie circulaire culturelle créative (E3C)": (
        "étude commandée par l’agglomération angevine"
    ),
    "Le Pari des campagnes": "film documentaire",
    "Kit Municipal'ESS": "fiches ressources du RTES pour les communes (une publication)",
    "Mois de l'ESS": "événement national seulement cité, sans organisateur ni contenu",
    "Convention des entreprises pour le climat": (
        "démarche d’entreprises à laquelle Domb’Innov participe, seulement citée"
    ),
    "HomeMade": (
        "consortium de la crise sanitaire pour des structures médicales et des fablabs, pas un "
        "appui aux porteurs de projet"
    ),
    "Journées européennes des métiers d'art (Les Usines)": (
        "événement grand public de visibilité du lieu"
    ),
}

# The inventory's descriptive labels for offers that the seeds do not name that way: the entry
# that covers each one.
LABELS = {
    "Sensibilisation élus/techniciens et réunions d'information (Pôle ESS Vendée, TRESSONS)": (
        "sensibilisation-ess-pays-pouzauges-mortagne"
    ),
    "Expérimentation innovation sociale Vignoble Nantais (TRESSONS)": (
        "innovation-sociale-vignoble-nantais"
    ),
}


def test_the_copy_of_the_inventory_matches_the_shared_file():
    if not INVENTORY.exists():
        pytest.skip("seed inventory not at hand (../shared/reference)")
    inventory = json.loads(INVENTORY.read_text(encoding="utf-8"))
    kinds = set(seed_inventory.SUPPORT_KINDS)
    assert seed_inventory.SUPPORT_STRUCTURES == [
        (s["name"], s["kind"]) for s in inventory["structures"] if s["kind"] in kinds
    ]
    assert seed_inventory.PROGRAMMES == [p["name"] for p in inventory["programmes"]]


def test_every_support_structure_of_the_inventory_is_an_entry():
    # An entry of either kind: « ID Cube » or the « Fabrique à initiatives en Creuse » are the
    # offers of the structures that run them, and are shipped as such.
    found = index([*entries("structures"), *entries("programmes")])
    missing = [
        name for name, _kind in seed_inventory.SUPPORT_STRUCTURES if not keys(name) & set(found)
    ]
    assert not missing, missing
    assert len(seed_inventory.SUPPORT_STRUCTURES) > 100


def test_every_support_offer_of_the_inventory_is_an_entry():
    programmes = list(entries("programmes"))
    found = index(programmes)
    # An offer that is a place (a tiers-lieu) is found through the structure that runs it.
    operators = {
        link["slug"]
        for p in programmes
        for link in p["structures"]
        if link.get("role", "operateur") == "operateur"
    }
    found.update(index(s for s in entries("structures") if s["slug"] in operators))
    missing = [
        name
        for name in seed_inventory.PROGRAMMES
        if name not in EXCLUDED_OFFERS and name not in LABELS and not keys(name) & set(found)
    ]
    assert not missing, missing


def test_the_exclusions_and_labels_are_still_needed_and_right():
    programmes = {p["slug"]: p for p in entries("programmes")}
    found = index(programmes.values())
    for name in [*EXCLUDED_OFFERS, *LABELS]:
        assert name in seed_inventory.PROGRAMMES, name
        assert not keys(name) & set(found), f"{name} is now an entry: drop the exception"
    assert set(LABELS.values()) <= set(programmes)
    assert len(EXCLUDED_OFFERS) + len(LABELS) < len(seed_inventory.PROGRAMMES) / 5


# -- How to start ----------------------------------------------------------------------------


def test_every_programme_says_how_to_start():
    silent = [p["slug"] for p in entries("programmes") if not p.get("how_to_apply", "").strip()]
    assert not silent, silent


# -- Public texts ----------------------------------------------------------------------------

LINE_NUMBERS = re.compile(r"\((?:l\.|lignes?)\s*\d|\bl\.\s*\d+\s*[-–]\s*\d|\bL\d{2,}\b")
PUBLIC = {
    "structures": ("name", "aliases", "legal_form", "description", "address"),
    "programmes": (
        "name",
        "aliases",
        "description",
        "duration",
        "cost_details",
        "eligibility",
        "how_to_apply",
        "key_figures",
    ),
    "people": ("name", "role"),
    "documents": ("title", "publisher"),
}


def test_no_public_text_contains_source_line_numbers():
    found = []
    for kind, fields in PUBLIC.items():
        for entry in entries(kind):
            for field in fields:
                value = entry.get(field) or ""
                for text in value if isinstance(value, list) else [value]:
                    if LINE_NUMBERS.search(text):
                        found.append((kind, entry.get("slug") or entry.get("name"), field))
    assert not found, found
    # The check itself catches what it is meant to catch.
    assert LINE_NUMBERS.search("Voir le portrait (l. 239-249).")
    assert LINE_NUMBERS.search("Coodem, l. 301-318")
    assert not LINE_NUMBERS.search("Un atelier de 3 h (l’après-midi), 12 places.")


# -- Parcours --------------------------------------------------------------------------------

# Idea-stage programmes run by a local operator that lead nowhere shipped, and why.
NO_NEXT_STEP = {
    "les-mamas-de-grigny": (
        "le bilan de Migracoop ne décrit aucune suite à Grigny ; les coopératives parisiennes de "
        "Migracoop ne sont pas dans la même ville"
    ),
    "territoire-de-solutions": (
        "aucune offre de création en Normandie dans les sources, hors une CAE réservée aux "
        "services à la personne"
    ),
    "methodologie-eveil-amesud": "méthode destinée aux accompagnateurs, pas un parcours de porteur",
}


def local(programme, structures):
    """Run by a local operator: the programme, or one of its operators, serves less than the
    whole country."""
    own = set(programme.get("territories", []))
    if own and own != {"FR"}:
        return True
    for link in programme["structures"]:
        if link.get("role", "operateur") != "operateur":
            continue
        served = set(structures.get(link["slug"], {}).get("territories", []))
        if served and served != {"FR"}:
            return True
    return False


def test_every_idea_stage_programme_with_a_local_operator_leads_somewhere():
    structures = {s["slug"]: s for s in entries("structures")}
    stranded = [
        p["slug"]
        for p in entries("programmes")
        if "idee" in p["stages"]
        and local(p, structures)
        and not p.get("next_steps")
        and p["slug"] not in NO_NEXT_STEP
    ]
    assert not stranded, stranded
    needed = {p["slug"] for p in entries("programmes") if not p.get("next_steps")}
    assert set(NO_NEXT_STEP) <= needed, set(NO_NEXT_STEP) - needed


def test_next_steps_go_forward():
    programmes = {p["slug"]: p for p in entries("programmes")}
    for slug, programme in programmes.items():
        for step in programme.get("next_steps", []):
            assert step != slug, (slug, step)
            assert step in programmes, (slug, step)
            if programme.get("status", "actif") != "termine":
                assert programmes[step].get("status", "actif") != "termine", (slug, step)


# -- Claims dated ----------------------------------------------------------------------------

DATED = re.compile(r"d[’']après\b[^.;]*?\b(?:19|20)\d\d\b", re.IGNORECASE)


def test_a_programme_said_running_dates_the_claim():
    """A status is a claim: where no one has checked it since the source, the description says
    which document and which year it comes from."""
    undated = [
        p["slug"]
        for p in entries("programmes")
        if p.get("status", "actif") != "termine"
        and not p.get("verified_on")
        and not DATED.search(p.get("description", ""))
    ]
    assert not undated, undated


def test_the_seed_documents_give_their_year():
    docs = documents()
    assert docs["002_e9ea1651168d5d90.txt"]["year"] == 2021
    assert docs["004_be14ffb46c02d637.txt"]["year"] == 2016
    for name in ("001_2baa4b8fecccbcf5.txt", "003_1d54022f4fac85d7.txt"):
        assert docs[name]["year"] == 2022


# -- People ----------------------------------------------------------------------------------

# The people a seed gives as someone to contact (« Contact : … » in the guide's presentation
# of an operator; the founders who sign the Migracoop review). Anyone else a seed quotes is a
# testimony, never a programme's contact.
SEED_CONTACTS = {
    "Josepha Poret",
    "Claire Vergnes-Soulié",
    "Basile Michadière",
    "Gianina Perca",
    "Ninon Claude",
    "Marianne Caudal",
    "Lauriane Barthelemy",
    "Mariette Aubert",
    "Anne Falgueyrettes",
    "Olivier Benelle",
    "Élise Depecker",
    "Guillaume Pulyk",
    "Martine Ndiaye",
    "Anna Mourlaque",
}


def test_only_people_a_seed_gives_as_contacts_are_contacts():
    contacts = {
        person["name"]
        for person in entries("people")
        for link in person.get("programmes", [])
        if link.get("relation", "contact") == "contact"
    }
    assert contacts <= SEED_CONTACTS, contacts - SEED_CONTACTS


# -- Public pages ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sources_of_a_page_show_no_line_numbers(client):
    programme = make_programme("Un parcours")
    doc = SourceDocument.objects.create(title="Guide", file_name="guide.txt", year=2022)
    ProgrammeSource.objects.create(
        programme=programme, document=doc, section="Le parcours (l. 224-241, 318)"
    )
    ProgrammeSource.objects.create(programme=programme, document=doc, section="(l. 12-40)")
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Guide (2022) — Le parcours</li>" in page
    assert "(l. " not in page
    assert "224" not in page
