"""The widget a collectivity frames in its own site (/widget/<code>/) and the page that gives
its code (/integrer/)."""

import re

import pytest

from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db

# Words decided, results and their prefetches, the count: as many for 12 results as for 1000.
QUERIES = 12


@pytest.fixture
def mayenne(territories):
    t = territories
    coop = make_structure("Coodem", territories=[t["dep53"]], commune=t["laval"])
    make_programme("May'Idées", stages=["idee"], territories=[t["dep53"]], operators=[coop])
    make_programme(
        "Tiers-lieu de création",
        stages=["creation"],
        territories=[t["dep53"]],
        description="Un tiers-lieu pour tester son activité.",
    )
    make_programme("Landes seulement", stages=["creation"], territories=[t["dep40"]])
    return t


def test_the_widget_lists_what_serves_the_territory(client, mayenne):
    response = client.get("/widget/53147/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Qui accompagne les projets de l’ESS à Mayenne ?" in html
    assert "May&#x27;Idées" in html
    assert "Tiers-lieu de création" in html
    assert "Landes seulement" not in html
    assert "porté par Coodem" in html
    # No site header or footer, only the discreet link back.
    assert "site-header" not in html
    assert "propulsé par essmap" in html


def test_the_widget_filters_by_stage_and_words_as_the_list_does(client, mayenne):
    html = client.get("/widget/53147/?etape=creation").content.decode()
    assert "Tiers-lieu de création" in html
    assert "May&#x27;Idées" not in html
    assert 'href="/widget/53147/?etape=creation" aria-current="page"' in html
    assert '<input type="hidden" name="etape" value="creation">' in html
    html = client.get("/widget/53147/?q=tiers+lieu").content.decode()
    listed = re.findall(r'<li>\s*<a href="/programmes/[^"]+/" target="_blank"', html)
    assert len(listed) >= 1
    assert html.index("Tiers-lieu de création") < html.index("</ol>")


def test_every_link_of_the_widget_opens_essmap_in_a_new_window(client, mayenne):
    html = client.get("/widget/53147/").content.decode()
    links = re.findall(r"<a [^>]*>.*?</a>", html, flags=re.S)
    outward = [link for link in links if "/widget/" not in link]
    assert outward
    for link in outward:
        assert 'target="_blank" rel="noopener"' in link, link
        assert "(nouvelle fenêtre)" in link, link
    assert (
        'href="/programmes/?territoire=53147" target="_blank" rel="noopener">Voir tous les '
        "résultats sur essmap" in html
    )


def test_the_widget_shows_ten_results_at_most(client, territories):
    for i in range(12):
        make_programme(f"Dispositif {i:02}", territories=[territories["dep53"]])
    html = client.get("/widget/dep-53/").content.decode()
    assert html.count('target="_blank" rel="noopener">Dispositif') == 10
    assert "12 dispositifs, dont les 10 premiers" in html


def test_only_the_widget_may_be_framed(client, mayenne):
    widget = client.get("/widget/53147/")
    assert "X-Frame-Options" not in widget
    assert "frame-ancestors *;" in widget["Content-Security-Policy"] + ";"
    for address in ["/", "/integrer/", "/programmes/", "/territoires/53147/", "/a-propos/"]:
        response = client.get(address)
        assert response["X-Frame-Options"] == "DENY", address
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], address


def test_the_widget_stays_framable_from_the_page_cache(client, mayenne, settings):
    settings.ESSMAP_PAGE_CACHE = True
    client.get("/widget/53147/")
    cached = client.get("/widget/53147/")
    assert "X-Frame-Options" not in cached
    assert "frame-ancestors *" in cached["Content-Security-Policy"]


def test_an_unknown_code_is_a_small_404_inside_the_widget(client, territories):
    response = client.get("/widget/99999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Territoire introuvable" in html
    assert "site-header" not in html
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]


def test_an_old_spelling_of_a_code_leads_to_the_current_one(client, territories):
    response = client.get("/widget/DEP-53/?etape=idee")
    assert response.status_code == 301
    assert response["Location"] == "/widget/dep-53/?etape=idee"


def test_long_words_are_read_not_refused(client, mayenne):
    response = client.get("/widget/53147/?q=" + "a" * 3000, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "La recherche n’a pas pu être appliquée" not in html
    assert 'value="' + "a" * 1000 + '"' in html  # its start, as read


def test_the_embed_page_gives_a_titled_frame_to_copy(client, mayenne):
    response = client.get("/integrer/?territoire=Mayenne+%2853%29+%E2%80%94+commune&etape=idee")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "&lt;iframe src=&quot;http://testserver/widget/53147/?etape=idee&quot; "
        "title=&quot;Accompagnements de l’ESS à Mayenne, avec essmap&quot; width=&quot;100%&quot; "
        "height=&quot;640&quot;" in html
    )
    assert '<iframe class="embed-preview" src="/widget/53147/?etape=idee"' in html


def test_the_embed_page_without_a_territory_shows_the_form(client, territories):
    html = client.get("/integrer/").content.decode()
    assert 'data-autocomplete-url="/territoires/autocomplete/"' in html
    assert "&lt;iframe" not in html


def test_an_ambiguous_name_on_the_embed_page_offers_choices(client, territories):
    html = client.get("/integrer/?territoire=Lesperon").content.decode()
    assert "Choisissez votre territoire" in html
    assert 'href="?territoire=40152"' in html
    assert 'href="?territoire=07142"' in html


def test_the_widget_takes_a_fixed_number_of_queries(
    client, territories, django_assert_max_num_queries
):
    for i in range(12):
        make_programme(f"Dispositif {i:02}", territories=[territories["dep53"]])
    client.get("/widget/53147/")  # vocabularies and synonyms, read once per content version
    with django_assert_max_num_queries(QUERIES):
        client.get("/widget/53147/?q=dispositif&etape=idee")
