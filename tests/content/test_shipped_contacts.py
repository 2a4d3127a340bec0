"""How to reach the support structures of the shipped content (issue 13, sections 2 and 5).

The contacts come from web pages (documents « web: », with the date each page was consulted):
``essmap/fixtures/content/contacts.json`` for structures defined in other files, and
``essmap/fixtures/content/reseaux-nationaux.json`` for the regional networks (CRESS, unions of the
Scop, France Active…). A structure no page gives a contact for points to a network to call
(its regional CRESS). The checks of the files need no database; the others load the shipped
content once for the module (``shipped_data``).
"""

import datetime
import glob
import json
import re
from pathlib import Path

import pytest
from django.db.models import Q

from essmap import paths
from programmes.models import SourceDocument, Structure

pytestmark = pytest.mark.national

CONTENT_DIR = paths.CONTENT_DIR
CONTENT = sorted(glob.glob(str(CONTENT_DIR / "*.json")))
WEB_FILES = ("contacts.json", "reseaux-nationaux.json")
CONTACT_FACTS = ("website", "email", "phone", "address", "postcode", "latitude", "longitude")

# Support structures: every kind but local authorities and "autre".
NOT_SUPPORT = {"collectivite", "autre"}

# Websites printed in the seed documents, which no stored web page confirms: the only contact
# facts without a web source (they are the other helper's entries; this list may only shrink).
SEED_WEBSITES = {"apess-53", "pole-ess-vendee", "courant-fort", "atis", "amesud"}

# Support structures for which no seed passage nor stored web page gives a commune. A new
# structure must come with its commune; this list may only shrink.
WITHOUT_A_SOURCED_COMMUNE = {
    "adar-civam", "adie", "afipar", "ag2r-la-mondiale", "anct",
    "apes-hauts-de-france", "apess-53", "avise", "baticreateurs-44",
    "bge", "bge-anjou-maine", "cdp-49", "ceas-72", "ciap-pays-de-la-loire", "cites-coop",
    "collectif-trois-tiers", "coopaname", "cooperer-pour-entreprendre", "cooproduction",
    "courant-fort", "cress-auvergne-rhone-alpes", "cress-bourgogne-franche-comte",
    "cress-bretagne", "cress-centre-val-de-loire", "cress-corse", "cress-grand-est",
    "cress-guadeloupe", "cress-guyane", "cress-hauts-de-france", "cress-ile-de-france",
    "cress-martinique", "cress-mayotte", "cress-normandie", "cress-nouvelle-aquitaine",
    "cress-occitanie", "cress-pays-de-la-loire", "dla", "ecooparc", "elan-creation",
    "elan-creuse", "fondation-de-france", "fondation-entreprendre",
    "fondation-handicap-malakoff-mederic", "france-active-normandie",
    "france-active-nouvelle-aquitaine", "france-active-pays-de-la-loire",
    "groupement-de-createurs", "initiative-loire-atlantique-sud", "innovales",
    "le-96-espace-partage", "ligue-enseignement-haute-marne", "makesense", "meltingcoop",
    "pole-ecosolidaires-pays-de-fougeres", "pole-ess-vendee",
    "relier", "reseau-entreprendre", "reseau-fabriques-a-initiatives", "reveil", "smart",
    "urscop-ile-de-france",
}  # fmt: skip
# The same for the support structures the seeds branch (seeds13) added.
WITHOUT_A_SOURCED_COMMUNE |= {
    "adear-landes", "aesio", "asp", "caf",
    "centre-ain-initiatives", "desmazieres", "ecofi", "etat", "fonds-social-europeen",
    "initiative-cote-d-opale", "innolab", "mirova", "plateformes-initiative",
    "poles-ess-ille-et-vilaine", "reseau-civam", "union-europeenne",
}  # fmt: skip

# Reached directly (website, phone or e-mail) by at least this many support structures: the
# count after the contacts of issue 13 (5 before). It may only grow — except when a contact
# proves wrong: a wrong contact is not a contact. 76 since Le Germoir lost afip.asso.fr, the
# site of the former AFIP federation (issue 24, item 9).
DIRECTLY_REACHABLE_AT_LEAST = 76

# Websites of organisations that no longer exist as such, which no structure may be given
# (issue 24, item 9): afip.asso.fr was the national AFIP federation's, which merged into the
# Civam network in 2017 (003 l. 3006-3009); a page of the CGET gave it for Le Germoir.
FORMER_SITES = ("afip.asso.fr",)

LINE_NUMBERS = re.compile(r"\(l\.\s*\d|\bl\.\s*\d+\s*-\s*\d+|\bL\d+-\d+\b")


def loaded(test):
    return pytest.mark.django_db(pytest.mark.usefixtures("shipped_data")(test))


def content_files():
    for path in CONTENT:
        yield Path(path).name, json.loads(Path(path).read_text(encoding="utf-8"))


def documents():
    return {d["file_name"]: d for _, data in content_files() for d in data.get("documents", [])}


def has_web_source(sources, docs):
    return any(
        s["document"].startswith("web:") and docs.get(s["document"], {}).get("consulted_on")
        for s in sources
    )


# ------------------------------------------------------------------ the files


def test_every_web_document_has_its_address_and_the_date_it_was_consulted():
    web = {k: d for k, d in documents().items() if k.startswith("web:")}
    assert len(web) >= 80
    for key, document in web.items():
        assert document.get("url", "").startswith(("http://", "https://")), key
        assert datetime.date.fromisoformat(document["consulted_on"]), key
        # The key names the page: web:<domain>/<path>, the domain of its address.
        domain = key.removeprefix("web:").split("/")[0]
        assert domain in document["url"], key


def test_every_contact_fact_cites_a_web_page_consulted_on_a_known_date():
    docs = documents()
    confirmations = {
        entry["structure"]: entry
        for _, data in content_files()
        for entry in data.get("contacts", [])
        if has_web_source(entry["sources"], docs)
    }
    checked = 0
    for name, data in content_files():
        for entry in data.get("contacts", []):
            if any(entry.get(f) for f in CONTACT_FACTS):
                assert has_web_source(entry["sources"], docs), (name, entry["structure"])
                checked += 1
        for entry in data.get("structures", []):
            facts = {f: entry[f] for f in CONTACT_FACTS if entry.get(f)}
            if not facts:
                continue
            if name in WEB_FILES or entry["slug"] not in SEED_WEBSITES:
                # Its own web source, or a contacts entry that gives the same facts from one.
                confirmed = confirmations.get(entry["slug"], {})
                assert has_web_source(entry["sources"], docs) or all(
                    confirmed.get(f) == value for f, value in facts.items()
                ), (name, entry["slug"])
                checked += 1
            else:
                # Only a website, as printed in the seed document the entry cites.
                assert set(f for f in CONTACT_FACTS if entry.get(f)) == {"website"}, entry["slug"]
    assert checked >= 50


def test_no_structure_is_given_a_former_federations_site():
    checked = 0
    for name, data in content_files():
        for entry in data.get("structures", []) + data.get("contacts", []):
            website = entry.get("website", "")
            checked += bool(website)
            assert not any(site in website for site in FORMER_SITES), (name, website)
    assert checked >= 50


def test_new_networks_are_sourced_entries_that_duplicate_no_other_file():
    by_file = {}
    for name, data in content_files():
        for kind in ("structures", "programmes"):
            for entry in data.get(kind, []):
                by_file.setdefault(entry["slug"], []).append(name)
    duplicates = {slug: files for slug, files in by_file.items() if len(files) > 1}
    assert not duplicates
    # One CRESS for each of the 18 régions, whichever file defines it.
    assert len([slug for slug in by_file if slug.startswith("cress-")]) == 18
    networks = json.loads((CONTENT_DIR / "reseaux-nationaux.json").read_text(encoding="utf-8"))
    for entry in networks["structures"] + networks["programmes"]:
        assert entry.get("territories"), entry["slug"]
        assert any(s["document"].startswith("web:") for s in entry["sources"]), entry["slug"]


# ------------------------------------------------------------------ the loaded directory


def support_structures():
    return Structure.objects.published().exclude(kind__value__in=NOT_SUPPORT)


def directly_reachable(structure):
    return bool(structure.website or structure.phone or structure.email)


def reachable(structure, depth=3, seen=frozenset()):
    """Reached directly, or through a network to call (its page says so), itself reachable."""
    if directly_reachable(structure):
        return True
    seen = seen | {structure.pk}
    return depth > 0 and any(
        reachable(network, depth - 1, seen)
        for network in structure.networks.all()
        if network.pk not in seen
    )


@loaded
def test_at_least_nine_support_structures_in_ten_can_be_reached():
    structures = list(support_structures().prefetch_related("networks"))
    assert len(structures) >= 100
    direct = [s.slug for s in structures if directly_reachable(s)]
    assert len(direct) >= DIRECTLY_REACHABLE_AT_LEAST
    unreachable = sorted(s.slug for s in structures if not reachable(s))
    assert len(unreachable) <= len(structures) // 10, unreachable
    # Every CRESS can be reached, directly or through ESS France.
    cress = support_structures().filter(slug__startswith="cress-")
    assert cress.count() == 18
    assert all(reachable(c) for c in cress)


@loaded
def test_no_network_to_call_is_a_dead_end(client):
    """Issue 24, item 9: the members of CRESS Nouvelle-Aquitaine (no website, phone or e-mail
    in the content) are sent up its chain, to ESS France; no structure is sent to a network
    that cannot be reached, and the printed sheet shows no dead end."""
    structures = list(Structure.objects.published().with_network_to_call())
    networks = {s.slug: s for s in Structure.objects.all()}
    called = [s for s in structures if s.network_to_call and not directly_reachable(s)]
    assert len(called) >= 40
    for structure in called:
        assert directly_reachable(networks[structure.network_to_call["slug"]]), structure.slug
    members = [s for s in called if s.network_to_call["via_slug"] == "cress-nouvelle-aquitaine"]
    assert len(members) >= 9
    assert {s.network_to_call["slug"] for s in members} == {"cncress"}
    assert not directly_reachable(networks["le-germoir"])
    germoir = next(s for s in structures if s.slug == "le-germoir")
    assert directly_reachable(networks[germoir.network_to_call["slug"]])
    # Guéret, création: Élan en Creuse, whose network is CRESS Nouvelle-Aquitaine.
    html = client.get("/territoires/23096/imprimer/?etape=creation").content.decode()
    assert "par son réseau CRESS Nouvelle-Aquitaine, via" in html
    assert "son réseau : " not in html


@loaded
def test_every_phone_and_email_shows_its_page_and_the_pages_own_date(client):
    """Issue 24, item 9: a number read on a 2014 page is not one checked today — each phone
    and e-mail names the page that gives it, with that page's date or « date de la page
    inconnue », never the day it was consulted."""
    facts = Structure.objects.published().filter(Q(phone__gt="") | Q(email__gt=""))
    assert facts.count() >= 8
    for structure in facts.prefetch_related("citations__document"):
        citations = structure.citations.all()
        if structure.phone:
            assert any(c.gives_phone for c in citations), structure.slug
        if structure.email:
            assert any(c.gives_email for c in citations), structure.slug
    html = client.get("/structures/adie/").content.decode()
    assert "Le microcrédit, un coup de pouce face à la crise</a> du 7 février 2014)" in html
    html = client.get("/structures/cncress/").content.decode()
    assert "date de la page inconnue" in html


@loaded
def test_every_support_structure_has_a_commune_unless_none_could_be_sourced():
    missing = set(support_structures().filter(commune=None).values_list("slug", flat=True))
    assert missing <= WITHOUT_A_SOURCED_COMMUNE, sorted(missing - WITHOUT_A_SOURCED_COMMUNE)


@loaded
def test_every_contact_in_the_database_has_a_web_source_with_its_date():
    facts = Q(website__gt="") | Q(phone__gt="") | Q(email__gt="") | Q(address__gt="")
    structures = Structure.objects.filter(facts).exclude(slug__in=SEED_WEBSITES)
    assert structures.count() >= 48
    for structure in structures.prefetch_related("citations__document"):
        web = [
            c.document for c in structure.citations.all() if c.document.file_name.startswith("web:")
        ]
        assert any(d.url and d.consulted_on for d in web), structure.slug
    assert not SourceDocument.objects.filter(file_name__startswith="web:", consulted_on=None)


@loaded
def test_public_pages_show_web_sources_with_their_date_and_no_line_numbers(client):
    pages = [
        Structure.objects.get(slug="cress-pays-de-la-loire"),  # seed passages with (l. …)
        Structure.objects.get(slug="france-active-guyane"),  # a web page
        Structure.objects.get(slug="le-germoir"),  # seed sections, a CRESS to call
        Structure.objects.get(slug="afipar"),
    ]
    for structure in pages:
        html = client.get(structure.get_absolute_url()).content.decode()
        assert not LINE_NUMBERS.search(html), structure.slug
    html = client.get(pages[1].get_absolute_url()).content.decode()
    assert "page consultée le 27 novembre 2026" in html
    assert 'href="https://www.franceactive.org/actualites/' in html
    html = client.get(pages[3].get_absolute_url()).content.decode()
    assert "adressez-vous à" in html
    assert "CRESS Nouvelle-Aquitaine" in html
