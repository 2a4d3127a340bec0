"""The place as a person types it (issue 12, section 4): a postal code first, groupings with
their département, and the stage of the search kept on the territory sheet."""

import pytest

from territories.forms import resolve
from territories.models import Territory, TerritoryKind
from tests.conftest import make_programme, make_territory

pytestmark = pytest.mark.django_db

K = TerritoryKind
URL = "/programmes/"


@pytest.fixture
def places(territories):
    """Postal codes as they are: 53100 is Mayenne's postal code (shared with smaller
    communes around it) and Fougerolles-du-Plessis' INSEE code; 23500 is shared by Felletin
    and villages that together outnumber it."""
    t = territories
    cc = t["cc_mayenne"]
    t["mayenne"].postcodes = "53100"
    t["mayenne"].save()
    t["moulay"] = make_territory(K.COMMUNE, "53161", "Moulay", [cc, t["dep53"], t["pdl"]], 1000)
    t["moulay"].postcodes = "53100"
    t["moulay"].save()
    t["fougerolles"] = make_territory(
        K.COMMUNE, "53100", "Fougerolles-du-Plessis", [t["dep53"], t["pdl"]], 1100
    )
    t["fougerolles"].postcodes = "53190"
    t["fougerolles"].save()
    t["dep23"] = make_territory(K.DEPARTEMENT, "23", "Creuse", [t["na"]])
    villages = [
        ("23079", "Felletin", 1700),
        ("23238", "Saint-Quentin-la-Chabanne", 420),
        ("23144", "La Nouaille", 260),
        ("23091", "Gioux", 200),
        ("23071", "Croze", 150),
        ("23063", "Clairavaux", 170),
        ("23158", "Poussanges", 100),
        ("23196", "Saint-Frion", 200),
        ("23198", "Saint-Georges-Nigremont", 190),
        ("23194", "Sainte-Feyre-la-Montagne", 100),
    ]
    for code, name, population in villages:
        commune = make_territory(K.COMMUNE, code, name, [t["dep23"], t["na"]], population)
        commune.postcodes = "23500"
        commune.save()
    t["felletin"] = Territory.objects.get(code="23079")
    t["dep85"] = make_territory(K.DEPARTEMENT, "85", "Vendée", [t["pdl"]], 690000)
    t["pouzauges_cc"] = make_territory(
        K.EPCI, "248500464", "CC du Pays de Pouzauges", [t["dep85"], t["pdl"]], 22000
    )
    t["pouzauges"] = make_territory(
        K.COMMUNE, "85182", "Pouzauges", [t["pouzauges_cc"], t["dep85"], t["pdl"]], 5500
    )
    return t


# ---------------------------------------------------------------------------
# A postal code first


def test_a_postal_code_gives_its_commune_not_the_commune_with_that_insee_code(client, places):
    """53100 is Mayenne's postal code, and the INSEE code of Fougerolles-du-Plessis: typed and
    submitted without a suggestion, it is Mayenne (which outnumbers the other communes of its
    postal code together), and the address becomes Mayenne's code."""
    response = client.get(URL, {"territoire": "53100", "etape": "idee"})
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?territoire=53147&etape=idee"
    assert [t.name for t in resolve("53100")] == ["Mayenne"]
    assert [t.name for t in resolve("53 100")] == ["Mayenne"]


def test_a_postal_code_of_several_communes_offers_them_all(client, places):
    """23500 is shared by Felletin and nine villages as populous together: the page asks which
    one, says why, and never says that nothing matches."""
    response = client.get(URL, {"territoire": "23500", "etape": "idee"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aucun territoire ne correspond" not in html
    assert "Plusieurs communes ont le code postal « 23500 »" in html
    choices = response.context["territory_choices"]
    assert len(choices) == 10
    felletin = next(query for territory, query in choices if territory.name == "Felletin")
    assert felletin == "territoire=23079&etape=idee"
    assert "Felletin (23) — commune" in html
    # Alphabetical: a person finds their village in a list of ten.
    names = [territory.name for territory, _ in choices]
    assert names[:3] == ["Clairavaux", "Croze", "Felletin"]
    body = client.get(URL, {"territoire": "23500", "format": "json"}).json()
    assert "Plusieurs communes ont le code postal « 23500 »" in body["errors"]["territoire"][0]


def test_a_postal_code_of_one_commune_gives_it(client, places):
    places["pouzauges"].postcodes = "85700"
    places["pouzauges"].save()
    response = client.get(URL, {"territoire": "85700"})
    assert response["Location"] == f"{URL}?territoire=85182"


def test_an_insee_code_that_is_no_postal_code_resolves_as_before(client, places):
    make_programme("En Mayenne", territories=[places["dep53"]])
    body = client.get(URL, {"territoire": "53147", "format": "json"}).json()
    assert body["count"] == 1
    assert "errors" not in body
    assert client.get(URL, {"territoire": "53161"}).status_code == 200  # Moulay


def test_the_commune_whose_insee_code_is_a_postal_code_stays_reachable(client, places):
    """Fougerolles-du-Plessis, picked from the suggestions, gets an address that is not read
    as Mayenne's postal code; its sheet keeps its plain code and leads to the same list."""
    response = client.get(URL, {"territoire": "Fougerolles-du-Plessis (53) — commune"})
    assert response["Location"] == f"{URL}?territoire=com-53100"
    response = client.get(URL, {"territoire": "com-53100"})
    assert response.status_code == 200
    assert "pour Fougerolles-du-Plessis (53) — commune" in response.content.decode()
    assert client.get(URL, {"territoire": "COM-53100"})["Location"] == (
        f"{URL}?territoire=com-53100"
    )
    # Its sheet: the address stays /territoires/53100/; its links to the lists do not say 53100.
    assert client.get("/territoires/com-53100/")["Location"] == "/territoires/53100/"
    html = client.get("/territoires/53100/").content.decode()
    assert "?territoire=com-53100" in html
    assert "?territoire=53100" not in html
    # Mayenne's sheet links with its own code, as before.
    assert "?territoire=53147" in client.get("/territoires/53147/").content.decode()


def test_a_choice_list_never_links_a_postal_code_for_a_commune(client, places):
    """Choosing a territory in the list lands on it, whatever its code reads as."""
    make_territory(K.COMMUNE, "40100", "Fougerolles-du-Plessis", [places["dep40"]], 10)
    response = client.get(URL, {"territoire": "Fougerolles-du-Plessis"})
    links = dict((t.code, query) for t, query in response.context["territory_choices"])
    assert links["53100"] == "territoire=com-53100"
    assert links["40100"] == "territoire=40100"


def test_suggestions_for_a_postal_code_put_its_communes_before_the_insee_code(client, places):
    labels = [
        r["label"]
        for r in client.get("/territoires/autocomplete/", {"q": "53100"}).json()["results"]
    ]
    assert labels == [
        "Mayenne (53) — commune",
        "Moulay (53) — commune",
        "Fougerolles-du-Plessis (53) — commune",
    ]


# ---------------------------------------------------------------------------
# Groupings say their département


def test_an_epci_shows_its_departement_in_suggestions_and_choices(client, places):
    results = client.get("/territoires/autocomplete/", {"q": "pouzauges"}).json()["results"]
    epci = next(r for r in results if r["kind"] == "epci")
    assert epci["label"] == "CC du Pays de Pouzauges (85) — EPCI"
    assert epci["departement"] == "85"
    # The label, typed back or sent by the suggestion list, names the EPCI.
    assert resolve("CC du Pays de Pouzauges (85) — EPCI") == [places["pouzauges_cc"]]
    assert resolve("CC du Pays de Pouzauges — EPCI") == [places["pouzauges_cc"]]
    assert resolve("CC du Pays de Pouzauges (53) — EPCI") == []
    response = client.get(URL, {"territoire": "CC du Pays de Pouzauges (85) — EPCI"})
    assert response["Location"] == f"{URL}?territoire=248500464"
    html = client.get(URL, {"territoire": "248500464"}).content.decode()
    assert "pour CC du Pays de Pouzauges (85) — EPCI" in html


def test_a_grouping_across_departements_shows_them_or_none(client, places):
    """An EPCI over two départements shows both (from its communes); a grouping whose
    département is not known shows none."""
    t = places
    across = make_territory(K.EPCI, "200067502", "CC Interrégionale", [t["pdl"]])
    t["mayenne"].containers.add(across)
    t["nantes"].containers.add(across)
    assert across.label == "CC Interrégionale (44, 53) — EPCI"
    assert resolve("CC Interrégionale (44, 53) — EPCI") == [across]
    assert Territory.objects.get(pk=t["pays_vignoble"].pk).label == (
        "Pays du Vignoble Nantais (44) — Pays / PETR"
    )
    unknown = make_territory(K.PNR, "vercors", "Parc naturel régional du Vercors", [t["ara"]])
    assert unknown.label == "Parc naturel régional du Vercors — PNR"


def test_homonym_choices_tell_groupings_apart(client, places):
    t = places
    other = make_territory(K.EPCI, "200000001", "CC du Pays de Pouzauges", [t["dep53"]])
    response = client.get(URL, {"territoire": "CC du Pays de Pouzauges"})
    labels = [territory.label for territory, _ in response.context["territory_choices"]]
    assert sorted(labels) == [
        "CC du Pays de Pouzauges (53) — EPCI",
        "CC du Pays de Pouzauges (85) — EPCI",
    ]
    assert resolve("CC du Pays de Pouzauges (53) — EPCI") == [other]


def test_groupings_labels_are_read_in_one_query(places, django_assert_num_queries):
    from territories.models import attach_departements

    groupings = list(Territory.objects.filter(kind__in=[K.EPCI, K.PAYS]))
    with django_assert_num_queries(1):
        attach_departements(groupings)
        labels = [g.label for g in groupings]
    assert "CC Mayenne Communauté (53) — EPCI" in labels


# ---------------------------------------------------------------------------
# The territory sheet keeps the stage of the search


def test_the_sheet_link_of_a_search_carries_its_stage(client, places):
    make_programme("Test en CAE", stages=["creation"], territories=[places["dep53"]])
    html = client.get(URL, {"territoire": "53147", "etape": "creation"}).content.decode()
    assert 'href="/territoires/53147/?etape=creation#etape-creation"' in html
    html = client.get(URL + "?territoire=53147&etape=idee&etape=developpement").content.decode()
    assert 'href="/territoires/53147/?etape=idee&amp;etape=developpement#etape-idee"' in html
    html = client.get(URL, {"territoire": "53147"}).content.decode()
    assert 'href="/territoires/53147/"' in html


def test_the_sheet_opens_on_the_stage_chosen(client, places):
    make_programme("Test en CAE", stages=["creation"], territories=[places["dep53"]])
    make_programme("Idée en Mayenne", stages=["idee"], territories=[places["dep53"]])
    html = client.get("/territoires/53147/", {"etape": "creation"}).content.decode()
    # That stage only, marked as the one shown among the links to each.
    assert 'id="etape-creation"' in html
    assert 'id="etape-idee"' not in html
    assert "Test en CAE" in html
    assert "Idée en Mayenne" not in html
    nav = html.split('aria-label="Étape du projet"')[1].split("</nav>")[0]
    assert '<a href="/territoires/53147/?etape=creation" aria-current="page">' in nav
    assert nav.count("aria-current") == 1
    # An unknown stage is ignored: the whole sheet.
    plain = client.get("/territoires/53147/", {"etape": "bientot"}).content.decode()
    assert 'id="etape-idee"' in plain
    assert '<a href="/territoires/53147/" aria-current="page">Toutes les étapes</a>' in plain


def test_a_choice_to_make_is_no_failure(client, places):
    """A shared postal code (or a homonym) asks a question; it does not say the search
    failed, as an unknown place or a wrong value does."""
    html = client.get(URL, {"territoire": "23500"}).content.decode()
    assert "Choisissez votre territoire" in html
    assert "n’a pas pu être appliquée" not in html
    assert 'role="alert"' not in html
    html = client.get(URL, {"territoire": "23500", "gratuit": "peut-etre"}).content.decode()
    assert "n’a pas pu être appliquée" in html
    assert "Felletin (23) — commune" in html
    html = client.get(URL, {"territoire": "Atlantis"}).content.decode()
    assert "n’a pas pu être appliquée" in html


# ---------------------------------------------------------------------------
# A name as phones type it, a typo (issue 24)


@pytest.fixture
def villeneuve(territories):
    nord = make_territory(K.DEPARTEMENT, "59", "Nord", [territories["FR"]])
    return make_territory(K.COMMUNE, "59009", "Villeneuve-d'Ascq", [nord], 62000)


@pytest.mark.parametrize(
    "typed",
    ["Villeneuve-d’Ascq", "Villeneuve‑dʼAscq", "villeneuve\u00a0d′ascq", "Villeneuve—d’Ascq"],
)
def test_a_typographic_apostrophe_dash_or_space_reads_as_the_name(client, villeneuve, typed):
    response = client.get(URL, {"territoire": typed, "etape": "idee"})
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?territoire=59009&etape=idee"
    body = client.get("/territoires/autocomplete/", {"q": typed}).json()
    assert body["results"][0]["code"] == "59009"


@pytest.mark.parametrize("path", ["/programmes/", "/structures/"])
def test_a_misspelt_place_suggests_close_names_keeping_the_other_filters(client, places, path):
    html = client.get(path, {"territoire": "Mayene", "etape": "idee"}).content.decode()
    assert "Aucun territoire ne correspond" in html
    assert "Vouliez-vous dire : " in html
    assert '<a href="?territoire=53147&amp;etape=idee">Mayenne (53) — commune</a>' in html
    assert '<a href="?territoire=dep-53&amp;etape=idee">Mayenne (53) — département</a>' in html
    response = client.get(path, {"territoire": "Mayene", "etape": "idee", "format": "json"})
    assert response.status_code == 400
    suggestions = response.json()["territory_suggestions"]
    assert {"code": "53147", "url": f"{path}?territoire=53147&etape=idee"}.items() <= next(
        s for s in suggestions if s["code"] == "53147"
    ).items()
    assert "territory_suggestions" not in client.get(path, {"format": "json"}).json()


def test_a_misspelt_place_is_suggested_by_the_autocomplete(client, places):
    body = client.get("/territoires/autocomplete/", {"q": "mayene"}).json()
    assert {r["code"] for r in body["results"]} >= {"53147", "dep-53"}
    assert client.get("/territoires/autocomplete/", {"q": "zzzzqx"}).json()["results"] == []
