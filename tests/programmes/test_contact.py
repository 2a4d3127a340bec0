"""How to reach an operator (issue 12, « contact on every card »): the rule of
``programmes.contact``, its wording on every card, sheet entry and entry page, and the
``contact`` field of the JSON and CSV exports — read in the lists' own queries."""

import csv
import io

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from programmes import contact
from programmes.models import Programme, ProgrammeStructure, Structure
from programmes.templatetags.directory import of_name
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db

NEVER = "Contactez la structure"

# Any public page, whatever its number of rows: the performance issue's bound (12), plus the
# one query of « aussi sur votre territoire » on a list or sheet with a place (issue 24 §8).
MAX_PAGE_QUERIES = 13


@pytest.fixture
def reachable(territories):
    """Operators reachable in each of the ways a card can say."""
    t = territories
    cress = make_structure(
        "CRESS Pays de la Loire",
        kind="reseau-ess",
        territories=[t["pdl"]],
        website="https://www.cress-pdl.org/",
        phone="+33240000000",
    )
    silent_network = make_structure("Réseau muet", kind="reseau-ess")
    draft_network = make_structure(
        "Réseau en brouillon", kind="reseau-ess", published=False, phone="+33240111111"
    )
    s = {
        "direct": make_structure(
            "Coodem",
            territories=[t["dep53"]],
            commune=t["laval"],
            website="https://www.coodem.fr/",
            email="contact@coodem.fr",
            phone="+33243123456",
        ),
        "address": make_structure(
            "Atelier du bourg",
            territories=[t["dep53"]],
            commune=t["mayenne"],
            address="3 rue du Pont",
            postcode="53100",
        ),
        "network": make_structure("APESS 53", territories=[t["dep53"]], commune=t["mayenne"]),
        "silent": make_structure("Élan", territories=[t["dep53"]], commune=t["laval"]),
        "nothing": make_structure("Coop muette", territories=[t["dep53"]]),
    }
    s["network"].networks.add(silent_network, cress, draft_network)
    s["silent"].networks.add(silent_network, draft_network)
    return s


def programme_of(structure, name=None, **fields):
    return make_programme(name or f"Offre de {structure.name}", operators=[structure], **fields)


def card(entry):
    return Template("{% load directory %}{% how_to_reach entry %}").render(
        Context({"entry": entry})
    )


def listed(programme):
    return Programme.objects.for_listing().get(pk=programme.pk)


def test_phone_email_and_website_of_the_operator_as_links(reachable):
    html = card(listed(programme_of(reachable["direct"])))
    assert '<a href="tel:+33243123456">02 43 12 34 56</a>' in html
    assert '<a href="mailto:contact@coodem.fr">contact@coodem.fr</a>' in html
    assert '<a href="https://www.coodem.fr/">coodem.fr</a>' in html


def test_the_programmes_own_site_stands_in_for_the_operators(reachable):
    html = card(listed(programme_of(reachable["nothing"], website="https://exemple.org/offre")))
    assert html == '<a href="https://exemple.org/offre">exemple.org/offre</a>'
    html = card(listed(make_programme("Sans opérateur", website="https://exemple.org/")))
    assert html == 'site du dispositif : <a href="https://exemple.org/">exemple.org</a>'


def test_else_the_address(reachable):
    html = card(listed(programme_of(reachable["address"])))
    assert html == "3 rue du Pont, 53100 Mayenne (ni site, ni courriel, ni téléphone recensés)"


def test_else_the_network_to_call_published_and_reachable_first(reachable):
    html = card(listed(programme_of(reachable["network"])))
    assert html == (
        'par son réseau, <a href="/structures/cress-pays-de-la-loire/">CRESS Pays de la Loire</a>'
        ' : <a href="tel:+33240000000">02 40 00 00 00</a> · '
        '<a href="https://www.cress-pdl.org/">cress-pdl.org</a>'
    )
    # A network that cannot be reached either is never named (issue 24, item 9), a draft one
    # never either: the card says plainly that nothing is known.
    html = card(listed(programme_of(reachable["silent"])))
    assert html == (
        'aucune coordonnée recensée (siège : Laval) : voir la <a href="/structures/elan/">'
        "fiche d’Élan</a>"
    )


def test_else_said_plainly_with_the_structures_page(reachable):
    html = card(listed(programme_of(reachable["nothing"])))
    assert html == (
        'aucune coordonnée recensée : voir la <a href="/structures/coop-muette/">'
        "fiche de Coop muette</a>"
    )
    assert card(listed(make_programme("Orphelin"))) == "aucune structure ni coordonnée recensée"


def test_the_reachable_operator_of_several_is_chosen(reachable):
    programme = make_programme(
        "À deux", operators=[reachable["nothing"], reachable["address"], reachable["direct"]]
    )
    found = contact.of_programme(listed(programme))
    assert found.structure.name == "Coodem"
    assert found.direct
    # Partners and funders are not whom to call.
    other = programme_of(reachable["nothing"], name="Financé")
    ProgrammeStructure.objects.create(
        programme=other, structure=reachable["direct"], role="financeur"
    )
    assert contact.of_programme(listed(other)).structure.name == "Coop muette"


def test_without_the_lists_column_the_same_answer_from_the_networks(reachable):
    """An entry page reads the networks it prefetched instead of the list's column."""
    programme = programme_of(reachable["network"])
    plain = Programme.objects.prefetch_related("structure_links__structure__networks").get(
        pk=programme.pk
    )
    assert contact.of_programme(plain) == contact.of_programme(listed(programme))


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Avise", "d’Avise"), ("Élan", "d’Élan"), ("ADEME", "d’ADEME"), ("Coodem", "de Coodem")],
)
def test_of_name_elides(name, expected):
    assert of_name(name) == expected


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+33243123456", "02 43 12 34 56"),
        ("+262262123456", "0262 12 34 56"),
        ("+3225551234", "+32 2 555 12 34"),
        ("", ""),
    ],
)
def test_phone_as_a_french_reader_dials_it(stored, shown):
    assert contact.display_phone(stored) == shown


@pytest.mark.parametrize(
    ("url", "short"),
    [
        ("https://www.coodem.fr/", "coodem.fr"),
        ("http://exemple.org/accompagnement/", "exemple.org/accompagnement"),
        ("https://exemple.org/?p=12", "exemple.org?p=12"),
    ],
)
def test_short_url(url, short):
    assert contact.short_url(url) == short


# -- Every card, sheet entry and entry page ---------------------------------------------------


def test_contact_on_every_programme_card_sheet_entry_and_page(client, reachable):
    for structure in reachable.values():
        programme_of(structure, stages=["idee"])
    pages = {
        "list": client.get("/programmes/?territoire=53147").content.decode(),
        "sheet": client.get("/territoires/53147/").content.decode(),
        "print": client.get("/territoires/53147/imprimer/?etape=idee").content.decode(),
    }
    for name, html in pages.items():
        assert NEVER not in html, name
        assert "02 43 12 34 56" in html, name
        assert "coodem.fr</a>" in html, name
        assert "3 rue du Pont, 53100 Mayenne" in html, name
        assert "par son réseau" in html, name
        assert "02 40 00 00 00" in html, name
        assert "fiche de Coop muette</a>" in html, name
    cards = pages["list"].split('<article class="card">')[1:]
    assert len(cards) == 5
    assert all("<dt>Contact</dt>" in c for c in cards)
    entries = pages["sheet"].split('<article class="card sheet-entry">')[1:]
    assert len(entries) == 5
    assert all("<dt>Contact</dt>" in e for e in entries)
    page = client.get("/programmes/offre-de-apess-53/").content.decode()
    assert "Pour joindre APESS 53 :</strong> par son réseau" in page
    page = client.get("/programmes/offre-de-coodem/").content.decode()
    assert 'Pour joindre Coodem :</strong> <a href="tel:+33243123456">' in page


def test_contact_on_every_structure_card(client, reachable):
    html = client.get("/structures/?territoire=53147").content.decode()
    cards = html.split('<article class="card">')[1:]
    assert len(cards) == 6
    assert all("<dt>Contact</dt>" in c for c in cards)
    assert '<a href="mailto:contact@coodem.fr">' in html
    assert "par son réseau" in html
    # The card's title is the structure's page: no second link to it.
    muette = next(c for c in cards if "Coop muette" in c)
    assert "<dd>aucune coordonnée recensée</dd>" in muette


# -- JSON and CSV ------------------------------------------------------------------------------


def test_contact_in_the_json_and_csv_of_programmes(client, reachable):
    programme_of(reachable["network"], stages=["idee"])
    programme_of(reachable["direct"], stages=["idee"])
    results = client.get("/programmes/?format=json").json()["results"]
    by_name = {r["name"]: r["contact"] for r in results}
    assert by_name["Offre de Coodem"] == {
        "name": "Coodem",
        "url": "http://testserver/structures/coodem/",
        "website": "https://www.coodem.fr/",
        "email": "contact@coodem.fr",
        "phone": "02 43 12 34 56",
        "address": "Laval",
        "network": None,
        "text": "Coodem : 02 43 12 34 56 · contact@coodem.fr · https://www.coodem.fr/ · Laval",
    }
    apess = by_name["Offre de APESS 53"]
    assert apess["network"]["name"] == "CRESS Pays de la Loire"
    assert apess["network"]["phone"] == "02 40 00 00 00"
    assert apess["text"] == (
        "APESS 53 : Mayenne ; ni site, ni courriel, ni téléphone recensés ; réseau à contacter"
        " : CRESS Pays de la Loire : 02 40 00 00 00 · https://www.cress-pdl.org/"
    )
    response = client.get("/programmes/?format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert {row["name"]: row["contact"] for row in rows} == {
        name: value["text"] for name, value in by_name.items()
    }
    # The same on a programme's own JSON and on a territory sheet's CSV.
    own = client.get("/programmes/offre-de-coodem/?format=json").json()
    assert own["contact"] == by_name["Offre de Coodem"]
    sheet = client.get("/territoires/53147/?format=csv").content.decode("utf-8-sig")
    assert "réseau à contacter : CRESS Pays de la Loire" in sheet


def test_contact_in_the_json_and_csv_of_structures(client, reachable):
    results = client.get("/structures/?format=json&territoire=53147").json()["results"]
    by_name = {r["name"]: r["contact"] for r in results}
    assert by_name["Atelier du bourg"]["address"] == "3 rue du Pont, 53100 Mayenne"
    assert by_name["APESS 53"]["network"]["name"] == "CRESS Pays de la Loire"
    assert by_name["Coop muette"]["text"] == (
        "Coop muette : aucune coordonnée recensée ; fiche : "
        "http://testserver/structures/coop-muette/"
    )
    response = client.get("/structures/?format=csv&territoire=53147")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert {row["name"]: row["contact"] for row in rows} == {
        name: value["text"] for name, value in by_name.items()
    }
    own = client.get("/structures/apess-53/?format=json").json()
    assert own["contact"] == by_name["APESS 53"]


# -- The network to call can itself be reached (issue 24, item 9) ----------------------------


@pytest.fixture
def chained(territories):
    """A CRESS without contact whose own network (ESS France) has a phone; a network without
    contact at the top of its chain; a chain that goes through a draft."""
    t = territories
    ess_france = make_structure("ESS France", kind="reseau-ess", phone="+33153313980")
    cress = make_structure("CRESS Nouvelle-Aquitaine", kind="reseau-ess")
    cress.networks.add(ess_france)
    draft = make_structure("Fédération en brouillon", kind="reseau-ess", published=False)
    draft.networks.add(ess_france)
    silent = make_structure("Réseau muet", kind="reseau-ess")
    silent_top = make_structure("Fédération muette", kind="reseau-ess")
    silent.networks.add(silent_top)
    s = {
        "climbs": make_structure("Coop Alpha", territories=[t["dep53"]], commune=t["laval"]),
        "dead_end": make_structure("Tiers-lieu isolé", territories=[t["dep53"]]),
        "through_draft": make_structure("Coop cachée", territories=[t["dep53"]]),
    }
    s["climbs"].networks.add(cress)
    s["dead_end"].networks.add(silent)
    s["through_draft"].networks.add(draft)
    return s


CHAINED_LINE = (
    "par son réseau CRESS Nouvelle-Aquitaine, via "
    '<a href="/structures/ess-france/">ESS France</a> : '
    '<a href="tel:+33153313980">01 53 31 39 80</a>'
)


def test_a_network_without_contact_gives_way_to_its_own_network(chained):
    html = card(listed(programme_of(chained["climbs"])))
    assert html == CHAINED_LINE
    found = contact.of_structure(
        Structure.objects.with_network_to_call().get(pk=chained["climbs"].pk)
    )
    assert found.network.name == "ESS France"
    assert found.network.via_name == "CRESS Nouvelle-Aquitaine"
    # Read without the list's column (an entry page), the same answer.
    assert contact.of_structure(Structure.objects.get(pk=chained["climbs"].pk)) == found


def test_a_dead_end_names_no_network(chained):
    for structure in (chained["dead_end"], chained["through_draft"]):
        html = card(listed(programme_of(structure)))
        assert "réseau" not in html, html
        assert html.startswith("aucune coordonnée recensée : voir la <a href=")
        found = contact.of_structure(Structure.objects.with_network_to_call().get(pk=structure.pk))
        assert found.network is None
        assert contact.of_structure(Structure.objects.get(pk=structure.pk)).network is None


def test_the_chain_is_climbed_a_bounded_number_of_levels(territories):
    from programmes.models.structures import NETWORK_CHAIN_DEPTH

    top = make_structure("Sommet joignable", kind="reseau-ess", website="https://sommet.example/")
    chain = [top]
    for level in range(NETWORK_CHAIN_DEPTH):
        network = make_structure(f"Réseau muet {level}", kind="reseau-ess")
        network.networks.add(chain[-1])
        chain.append(network)
    # chain[-1] is NETWORK_CHAIN_DEPTH levels below the reachable top: found from it, not from
    # one of its members, one level further.
    near = make_structure("Membre proche", territories=[territories["dep53"]])
    near.networks.add(chain[-2])
    far = make_structure("Membre lointain", territories=[territories["dep53"]])
    far.networks.add(chain[-1])
    column = dict(
        Structure.objects.with_network_to_call()
        .filter(pk__in=[near.pk, far.pk])
        .values_list("name", "network_to_call")
    )
    assert column["Membre proche"]["slug"] == "sommet-joignable"
    assert column["Membre proche"]["via_slug"] == chain[-2].slug
    assert column["Membre lointain"] is None


def test_no_page_sends_to_a_network_without_contact(client, chained):
    for structure in chained.values():
        programme_of(structure, stages=["idee"])
    dead = ("Réseau muet", "Fédération muette", "Fédération en brouillon", "son réseau :")
    pages = {
        "programmes": "/programmes/?territoire=53147",
        "structures": "/structures/?territoire=53147",
        "sheet": "/territoires/53147/",
        "print": "/territoires/53147/imprimer/?etape=idee",
        "selection": "/selection/?d=offre-de-coop-alpha,offre-de-tiers-lieu-isole"
        "&s=coop-alpha,tiers-lieu-isole,coop-cachee",
        "structure page": "/structures/tiers-lieu-isole/",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        if name == "structure page":  # « Membre de » still lists its networks: a fact
            html = html.split('id="contact-title"')[1].split("</section>")[0]
        for word in dead:
            assert word not in html, (name, word)
        if name != "structure page":
            assert "via <a" in html, name
            assert "01 53 31 39 80" in html, name
    html = client.get("/structures/tiers-lieu-isole/").content.decode()
    assert "adressez-vous" not in html
    assert "ni pour ses réseaux" in html
    html = client.get("/structures/coop-alpha/").content.decode()
    assert "adressez-vous à son réseau, CRESS Nouvelle-Aquitaine, par " in html
    assert '<a href="tel:+33153313980">01 53 31 39 80</a>' in html


def test_the_json_says_through_which_network(client, chained):
    programme_of(chained["climbs"], stages=["idee"])
    programme_of(chained["dead_end"], stages=["idee"])
    results = client.get("/programmes/?format=json").json()["results"]
    by_name = {r["name"]: r["contact"] for r in results}
    alpha = by_name["Offre de Coop Alpha"]
    assert alpha["network"] == {
        "name": "ESS France",
        "url": "http://testserver/structures/ess-france/",
        "website": "",
        "email": "",
        "phone": "01 53 31 39 80",
        "via": {
            "name": "CRESS Nouvelle-Aquitaine",
            "url": "http://testserver/structures/cress-nouvelle-aquitaine/",
        },
    }
    assert alpha["text"] == (
        "Coop Alpha : Laval ; ni site, ni courriel, ni téléphone recensés ; réseau à contacter"
        " : CRESS Nouvelle-Aquitaine, via ESS France : 01 53 31 39 80"
    )
    lone = by_name["Offre de Tiers-lieu isolé"]
    assert lone["network"] is None
    assert "réseau" not in lone["text"]
    own = client.get("/structures/coop-alpha/?format=json").json()
    assert own["contact"]["network"] == alpha["network"]
    csv_text = client.get("/programmes/?format=csv").content.decode("utf-8-sig")
    assert "CRESS Nouvelle-Aquitaine, via ESS France : 01 53 31 39 80" in csv_text


# -- Query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/programmes/?territoire=53147",
        "/programmes/?territoire=53147&format=json",
        "/programmes/?territoire=53147&format=csv",
        "/structures/?territoire=53147",
        "/structures/?territoire=53147&format=json",
        "/territoires/53147/",
        "/territoires/53147/imprimer/",
    ],
)
def test_contacts_cost_no_query_per_row(client, reachable, territories, url):
    cress = make_structure("CRESS muette", kind="reseau-ess")
    cress.networks.add(make_structure("Tête de réseau", kind="reseau-ess", phone="+33153313980"))

    def add(n, start):
        for i in range(start, start + n):
            structure = make_structure(f"Membre {i}", territories=[territories["dep53"]])
            structure.networks.add(reachable["network"], *reachable["network"].networks.all())
            # A network to call found two levels up: still a column of the same query.
            chained = make_structure(f"Affilié {i}", territories=[territories["dep53"]])
            chained.networks.add(cress)
            programme_of(chained, name=f"Offre {i} d’un affilié")
            for operator in (structure, reachable["direct"], reachable["nothing"]):
                programme_of(operator, name=f"Offre {i} de {operator.name}")

    add(1, 0)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(24, 1)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few) <= MAX_PAGE_QUERIES


def test_fast_export_rows_give_the_same_contacts(reachable, territories):
    """``programme_rows`` (plain values) and ``programme_as_dict`` agree on every kind."""
    from django.test import RequestFactory

    from programmes import exports

    for structure in reachable.values():
        programme_of(structure, stages=["idee"])
    make_programme("Sans opérateur", website="https://exemple.org/")
    make_programme("Orphelin")
    make_programme("À deux", operators=[reachable["nothing"], reachable["direct"]])
    request = RequestFactory().get("/programmes/?format=csv")
    for queryset in (
        Programme.objects.for_listing().order_by("name"),
        Programme.objects.orientation_sheet(territories["mayenne"]),
    ):
        expected = [exports.programme_as_dict(p, request) for p in queryset]
        assert len({e["contact"]["text"] for e in expected if e["contact"]}) >= 5
        assert list(exports.programme_rows(queryset, request)) == expected
    assert not exports.programme_as_dict(Programme.objects.get(name="Orphelin"), request)["contact"]
