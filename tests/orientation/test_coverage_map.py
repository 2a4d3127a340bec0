"""The coverage map /carte/: counts per département and stage, the page, its exports."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orientation.coverage import departement_coverage, map_rows
from programmes.models import Programme, Stage
from tests.conftest import make_programme, make_structure


def counts(key, stage):
    return departement_coverage()[key][stage]


@pytest.fixture
def programmes(territories):
    t = territories
    regional = make_structure("Réseau régional", territories=[t["pdl"]])
    ardeche = make_structure("CAE Ardèche", territories=[t["dep07"]])
    return {
        # A région: every département of it, wholly.
        "region": make_programme("Régional", stages=["idee", "creation"], territories=[t["pdl"]]),
        # A département: that one only, wholly.
        "dep": make_programme("Landais", stages=["creation"], territories=[t["dep40"]]),
        # A commune and an EPCI: part of their département.
        "commune": make_programme("Lavallois", stages=["idee"], territories=[t["laval"]]),
        "epci": make_programme("Intercommunal", stages=["idee"], territories=[t["cc_mayenne"]]),
        # A Pays, known through its member communes (Nantes): part of Loire-Atlantique.
        "pays": make_programme("Vignoble", stages=["idee"], territories=[t["pays_vignoble"]]),
        # No territory of its own: its operator's (Ardèche).
        "inherited": make_programme("Hérité", stages=["developpement"], operators=[ardeche]),
        # Own territories win over the operator's: Herm (Landes) only, not Pays de la Loire.
        "own": make_programme(
            "Hermois", stages=["developpement"], territories=[t["herm"]], operators=[regional]
        ),
        # Both the région and a commune of Mayenne: counted once, wholly, in Mayenne.
        "both": make_programme(
            "Double", stages=["developpement"], territories=[t["pdl"], t["mayenne"]]
        ),
        # Experimental programmes are current.
        "experimental": make_programme(
            "Essai", stages=["creation"], territories=[t["dep53"]], status="experimental"
        ),
        # Not counted: a draft, an ended programme.
        "draft": make_programme(
            "Brouillon",
            stages=["idee", "creation", "developpement"],
            territories=[t["FR"]],
            published=False,
        ),
        "ended": make_programme(
            "Fini",
            stages=["idee", "creation", "developpement"],
            territories=[t["FR"]],
            status="termine",
        ),
    }


@pytest.mark.parametrize(
    ("key", "stage", "expected"),
    [
        # Mayenne, idée: the région (whole), Laval and the EPCI (part).
        ("dep-53", "idee", {"total": 3, "whole": 1}),
        # Mayenne, création: the région and the experimental one on the département.
        ("dep-53", "creation", {"total": 2, "whole": 2}),
        ("dep-53", "developpement", {"total": 1, "whole": 1}),
        # Loire-Atlantique: the région, and the Pays through Nantes (part).
        ("dep-44", "idee", {"total": 2, "whole": 1}),
        ("dep-44", "creation", {"total": 1, "whole": 1}),
        # The Hermois programme's operator covers Pays de la Loire, but it lists Herm itself.
        ("dep-44", "developpement", {"total": 1, "whole": 1}),
        # Landes: the département programme; Herm (part) at développement; nothing at idée.
        ("dep-40", "idee", {"total": 0, "whole": 0}),
        ("dep-40", "creation", {"total": 1, "whole": 1}),
        ("dep-40", "developpement", {"total": 1, "whole": 0}),
        # Ardèche: inherited from the operator.
        ("dep-07", "developpement", {"total": 1, "whole": 1}),
        ("dep-07", "idee", {"total": 0, "whole": 0}),
    ],
)
def test_counts_per_departement_and_stage(programmes, key, stage, expected):
    assert counts(key, stage) == expected


def test_drafts_and_ended_programmes_are_not_counted(territories):
    t = territories
    make_programme("Brouillon", territories=[t["FR"]], published=False)
    make_programme("Fini", territories=[t["FR"]], status="termine")
    assert all(c["idee"]["total"] == 0 for c in departement_coverage().values())
    make_programme("National", territories=[t["FR"]])
    coverage = departement_coverage()
    assert set(coverage) == {"dep-53", "dep-44", "dep-40", "dep-07"}
    assert all(c["idee"] == {"total": 1, "whole": 1} for c in coverage.values())


def test_whole_counts_agree_with_the_territory_pages(programmes, territories):
    coverage = departement_coverage()
    for name in ("dep53", "dep44", "dep40", "dep07"):
        dep = territories[name]
        for stage in Stage:
            served = Programme.objects.published().current().serving(dep).at_stage(stage)
            assert coverage[dep.key][stage.value]["whole"] == served.count(), (dep, stage)


def test_rows_follow_the_usual_code_order(territories):
    codes = [row["code"] for row in map_rows("idee")]
    assert len(codes) == 101
    assert codes[18:22] == ["19", "2A", "2B", "21"]
    assert codes[-5:] == ["971", "972", "973", "974", "976"]


@pytest.fixture
def page(client, programmes):
    response = client.get("/carte/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def svg(page):
    return page[page.index('<svg class="map-svg"') : page.index("</svg>", page.index("map-svg"))]


def test_page_has_its_title(page):
    assert "<h1>Carte des accompagnements par département</h1>" in page


def test_map_links_every_departement(svg):
    assert svg.count('<a href="/territoires/dep-') == 101
    assert 'role="group"' in svg
    assert 'viewBox="0 0 1379 1084"' in svg


def test_map_departement_tells_its_count_at_the_stage(svg):
    assert (
        '<a href="/territoires/dep-53/" class="dep niveau-2"><title>Mayenne : 3 dispositifs à '
        "l’étape idée, dont 1 sur tout le département</title>"
    ) in svg


def test_map_marks_zones_blanches(svg):
    assert (
        '<a href="/territoires/dep-40/" class="dep zone-blanche"><title>Landes : aucun dispositif '
        "à l’étape idée (zone blanche)</title>"
    ) in svg
    assert 'fill="url(#hatch)"' in svg


def test_map_shows_overseas_and_credits_its_source(page, svg):
    assert "Guadeloupe</text>" in svg
    assert "Natural Earth" in page


def test_page_lists_the_zones_blanches(page):
    gaps = page[page.index('id="gaps-title"') : page.index("</section>", page.index("gaps-title"))]
    assert "Zones blanches à l’étape idée" in gaps
    assert '<a href="/territoires/dep-40/">Landes (40)</a>' in gaps
    assert "Mayenne (53)" not in gaps


def test_page_gives_the_same_numbers_as_a_table(page):
    table = page[page.index("<table") : page.index("</table>")]
    assert table.count("<tr") == 102
    assert (
        '<th scope="row">Mayenne (53)</th><td class="num">3</td><td class="num">1</td>'
        '<td><a href="/territoires/dep-53/">Fiche'
    ) in table


def test_page_switches_stage_and_marks_itself_in_navigation(page):
    assert '<a href="?etape=idee" aria-current="page">Étape idée</a>' in page
    assert '<a href="?etape=creation">Étape création</a>' in page
    assert 'href="/carte/" aria-current="page">Carte</a>' in page
    assert "css/map.css" in page


def test_other_stage(client, programmes):
    html = client.get("/carte/?etape=developpement").content.decode()
    assert '<a href="?etape=developpement" aria-current="page">' in html
    assert "Ardèche : 1 dispositif à l’étape développement</title>" in html
    assert "Zones blanches à l’étape développement" in html


@pytest.mark.parametrize("value", ["inconnue", "IDEE", "<script>", "idee\x00"])
def test_unknown_stage_falls_back_with_a_notice(client, territories, value):
    response = client.get("/carte/", {"etape": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "n’existe pas" in html
    assert "La carte montre l’étape idée." in html
    assert "<script>" not in html.split("<main", 1)[1]
    assert '<a href="?etape=idee" aria-current="page">' in html


def test_unknown_stage_in_exports_is_a_400(client, territories):
    response = client.get("/carte/", {"etape": "inconnue", "format": "json"})
    assert response.status_code == 400
    assert "n’existe pas" in response.json()["errors"]["etape"][0]
    assert client.get("/carte/", {"etape": "inconnue", "format": "csv"}).status_code == 400
    assert client.get("/carte/", {"format": "xml"}).status_code == 400


def test_json(client, programmes):
    response = client.get("/carte/", {"etape": "idee", "format": "json"})
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["etape"] == "idee"
    assert len(body["departements"]) == 101
    mayenne = next(d for d in body["departements"] if d["code"] == "53")
    assert mayenne == {
        "code": "53",
        "name": "Mayenne",
        "key": "dep-53",
        "total": 3,
        "whole": 1,
        "url": "http://testserver/territoires/dep-53/",
    }


def test_csv(client, programmes):
    response = client.get("/carte/", {"etape": "creation", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="essmap-carte-creation.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0] == ["code", "name", "key", "total", "whole", "url"]
    assert len(rows) == 102
    assert ["40", "Landes", "dep-40", "1", "1", "http://testserver/territoires/dep-40/"] in rows


def add_programmes(territories, count):
    """``count`` programmes of every sort (région, département, communes, EPCI, Pays,
    inherited), so the number of rows grows but not the number of queries."""
    t = territories
    places = ["pdl", "dep53", "laval", "cc_mayenne", "pays_vignoble", "herm", "FR"]
    operator = make_structure("Opérateur", territories=[t["dep07"], t["nantes"]])
    for i in range(count):
        if i % 8 == 7:
            make_programme(f"Hérité {i}", stages=["idee", "creation"], operators=[operator])
        else:
            place = places[i % len(places)]
            make_programme(
                f"Dispositif {i}", stages=["idee"], territories=[t[place], t["lesperon07"]]
            )


def queries_of(callable_):
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


@pytest.mark.parametrize("fmt", ["html", "json", "csv"])
def test_fixed_number_of_queries(client, territories, django_assert_max_num_queries, fmt):
    add_programmes(territories, 1)
    one = queries_of(lambda: client.get("/carte/", {"format": fmt}))
    assert queries_of(departement_coverage) == 3
    add_programmes(territories, 30)
    with django_assert_max_num_queries(one):
        response = client.get("/carte/", {"format": fmt})
    assert response.status_code == 200
    with django_assert_max_num_queries(3):
        coverage = departement_coverage()
    # Every programme lists Lespéron (Ardèche) or inherits the Ardèche of its operator.
    assert coverage["dep-07"]["idee"]["total"] == 31


# -- Local coverage first, the national view a switch (issue 24, item 13) ------------------------


@pytest.fixture
def national_and_local(territories):
    make_programme("Partout en France", stages=["idee"], territories=[territories["FR"]])
    make_programme("En Mayenne", stages=["idee"], territories=[territories["dep53"]])
    make_programme("En Pays de la Loire", stages=["idee"], territories=[territories["pdl"]])


def totals(client, query=""):
    body = client.get(f"/carte/?format=json{query}").json()
    return body["national"], {d["code"]: d["total"] for d in body["departements"]}


def test_the_map_counts_local_programmes_by_default(client, national_and_local):
    national, local = totals(client)
    assert national is False
    # The région's and the département's programmes, not the national one.
    assert (local["53"], local["44"], local["40"]) == (2, 1, 0)
    # Old links asking for the local view get it still.
    assert totals(client, "&national=non") == (False, local)


def test_the_national_view_is_a_switch(client, national_and_local):
    national, every = totals(client, "&national=oui")
    assert national is True
    assert (every["53"], every["44"], every["40"]) == (3, 2, 1)
    # Anything else is the local view.
    assert totals(client, "&national=peut-etre")[0] is False


def summary(html):
    return " ".join(html.split('<p class="map-summary">')[1].split("</p>")[0].split())


def test_the_local_view_says_where_nothing_local_is_listed(client, national_and_local):
    html = client.get("/carte/").content.decode()
    assert summary(html) == (
        "À l’étape idée, <strong>2 départements sur 101</strong> ont au moins un dispositif "
        "local, départemental ou régional ; <strong>99 n’en ont aucun</strong>."
    )
    switch = html.split('aria-label="Portée des dispositifs comptés"')[1].split("</nav>")[0]
    assert '<a href="?etape=idee" aria-current="page">' in switch
    assert '<a href="?etape=idee&amp;national=oui">' in switch
    # The rest of the page says the same: the zones blanches, the map, the table, the exports.
    gaps = html[html.index('id="gaps-title"') : html.index("</section>", html.index("gaps-title"))]
    assert '<a href="/territoires/dep-40/">Landes (40)</a>' in gaps
    assert "sans aucun dispositif local, départemental ou régional" in gaps
    assert "hors dispositifs nationaux" in html.split('id="map-svg-title"')[1].split("</title>")[0]
    assert "hors dispositifs nationaux" in html.split('id="table-title"')[1].split("</h2>")[0]
    assert '<a href="?etape=idee&amp;format=csv">CSV</a>' in html
    # The stages keep the view.
    assert '<a href="?etape=creation">Étape création</a>' in html


def test_the_national_view_points_to_the_local_gaps(client, national_and_local):
    html = client.get("/carte/?national=oui").content.decode()
    # The test database has 4 départements: the 97 others count nothing.
    assert summary(html) == (
        "À l’étape idée, <strong>4 départements sur 101</strong> ont au moins un dispositif, "
        'nationaux compris ; <strong>97 n’en ont aucun</strong>. <a href="?etape=idee">Voir '
        "les départements sans dispositif local, départemental ou régional</a>."
    )
    switch = html.split('aria-label="Portée des dispositifs comptés"')[1].split("</nav>")[0]
    assert '<a href="?etape=idee&amp;national=oui" aria-current="page">' in switch
    assert "dispositifs nationaux compris" in html.split('id="table-title"')[1].split("</h2>")[0]
    assert '<a href="?etape=creation&amp;national=oui">Étape création</a>' in html
    assert '<a href="?etape=idee&amp;national=oui&amp;format=json">JSON</a>' in html


def every_departement_counts(monkeypatch, total):
    from orientation import coverage
    from territories.models import TerritoryKind, territory_key

    counts = {
        territory_key(TerritoryKind.DEPARTEMENT, code): {
            stage.value: {"total": total, "whole": total} for stage in Stage
        }
        for code in coverage.departement_map()["departements"]
    }
    monkeypatch.setattr(coverage, "departement_coverage", lambda include_national=True: counts)


def test_with_national_programmes_no_departement_lacks_one_and_the_page_says_why(
    client, territories, monkeypatch
):
    every_departement_counts(monkeypatch, 1)
    html = client.get("/carte/?national=oui").content.decode()
    assert summary(html) == (
        "À l’étape idée, <strong>101 départements sur 101</strong> ont au moins un dispositif, "
        "nationaux compris ; <strong>aucun n’en est dépourvu</strong> : les dispositifs "
        'nationaux, ouverts partout, comptent pour chacun. <a href="?etape=idee">Voir les '
        "départements sans dispositif local, départemental ou régional</a>."
    )
    local = client.get("/carte/").content.decode()
    assert summary(local) == (
        "À l’étape idée, <strong>101 départements sur 101</strong> ont au moins un dispositif "
        "local, départemental ou régional ; <strong>aucun n’en est dépourvu</strong>."
    )
    assert "Aucune : chaque département compte au moins un dispositif local" in local


def test_both_views_give_their_numbers_as_a_table(client, national_and_local):
    for query, landes in (("", "0"), ("?national=oui", "1")):
        html = client.get(f"/carte/{query}").content.decode()
        table = html[html.index("<table") : html.index("</table>")]
        assert table.count("<tr") == 102
        assert f'<th scope="row">Landes (40)</th><td class="num">{landes}' in table
        assert 'href="#tableau"' in html
