"""Pages that search engines and partners understand: the sitemap, robots.txt, schema.org
JSON-LD on entry pages, canonical addresses and Open Graph on every public page."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.http import QueryDict
from django.utils import timezone

from essmap.templatetags.sharing import canonical_query
from programmes.models import ProgrammeKind, Public, PublicationStatus
from tests.conftest import make_programme, make_structure, vocab

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def directory(territories):
    t = territories
    coodem = make_structure(
        "Coodem",
        territories=[t["dep53"], t["cc_mayenne"]],
        commune=t["mayenne"],
        address="12 rue de la Coopération",
        postcode="53100",
        latitude=48.3,
        longitude=-0.61,
        website="https://example.org/coodem",
        phone="+33243000000",
        email="contact@example.org",
        description="Coopérative d’activité et d’emploi de la Mayenne.",
    )
    national = make_structure("Réseau national", kind="reseau-ess", territories=[t["FR"]])
    draft_structure = make_structure("Structure en brouillon", published=False)
    mayidees = make_programme(
        "May'Idées",
        operators=[coodem],
        territories=[t["pays_vignoble"], t["dep53"]],
        publics=["jeunes"],
        description="Six ateliers pour préciser son idée.",
        is_free=True,
        verified_on=datetime.date(2021, 3, 1),
    )
    partout = make_programme("Partout en France", operators=[national], territories=[t["FR"]])
    draft = make_programme("Dispositif en brouillon", published=False, territories=[t["herm"]])
    return {
        "coodem": coodem,
        "national": national,
        "draft_structure": draft_structure,
        "mayidees": mayidees,
        "partout": partout,
        "draft": draft,
    }


def locations(response):
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return [element.text for element in root.findall(".//s:loc", NS)]


def path_of(url):
    parts = urlsplit(url)
    assert parts.scheme == "http", url
    assert parts.netloc == "testserver", url
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sitemap_urls(client):
    """Every address listed by every section of the index."""
    urls = []
    for section in locations(client.get("/sitemap.xml")):
        urls += locations(client.get(path_of(section)))
    return urls


# ---------------------------------------------------------------------------
# Sitemap


def test_the_index_lists_one_sitemap_per_section(client, directory):
    sections = [path_of(url) for url in locations(client.get("/sitemap.xml"))]
    assert sections == [
        "/sitemap-pages.xml",
        "/sitemap-dispositifs.xml",
        "/sitemap-structures.xml",
        "/sitemap-territoires.xml",
        "/sitemap-communes.xml",
    ]


def test_the_sitemap_lists_published_pages_only(client, directory):
    paths = [path_of(url) for url in sitemap_urls(client)]
    d = directory
    assert paths[:6] == ["/", "/programmes/", "/structures/", "/carte/", "/donnees/", "/api/"]
    for page in ["/integrer/", "/a-propos/", "/mentions-legales/", "/accessibilite/", "/contact/"]:
        assert page in paths
    for entry in ("mayidees", "partout", "coodem", "national"):
        assert d[entry].get_absolute_url() in paths
    for entry in ("draft", "draft_structure"):
        assert d[entry].get_absolute_url() not in paths
    # France, régions, départements, the groupings entries serve; every current commune.
    for key in ["FR", "reg-52", "reg-84", "dep-53", "dep-07", "200055887", "pays-vignoble-nantais"]:
        assert f"/territoires/{key}/" in paths
    for key in ["53147", "44109", "40123", "07142"]:
        assert f"/territoires/{key}/" in paths
    assert len(paths) == len(set(paths)), "an address listed twice"


def test_every_listed_page_answers(client, directory):
    paths = [path_of(url) for url in sitemap_urls(client)]
    assert len(paths) > 20
    for path in paths:
        assert client.get(path).status_code == 200, path


def test_entries_say_when_they_last_changed(client, directory):
    root = ET.fromstring(client.get("/sitemap-dispositifs.xml").content)
    lastmods = [element.text for element in root.findall(".//s:lastmod", NS)]
    assert len(lastmods) == 2
    directory["mayidees"].refresh_from_db()
    # The site's day (Europe/Paris), not UTC's: they differ after 23:00 UTC.
    assert timezone.localdate(directory["mayidees"].updated_at).isoformat() in lastmods[0]


def test_sections_read_a_bounded_number_of_queries(
    client, directory, territories, django_assert_num_queries
):
    for i in range(5):
        make_programme(f"Dispositif {i}", territories=[territories["laval"]])
    # The paginator's count and the page of addresses, however many there are.
    with django_assert_num_queries(2):
        client.get("/sitemap-dispositifs.xml")
    with django_assert_num_queries(2):
        client.get("/sitemap-communes.xml")
    # The index: the count of each section of the database, and for entries one aggregate for
    # their latest change, never the entries themselves.
    with django_assert_num_queries(4 + 2):
        client.get("/sitemap.xml")


def test_communes_are_split_into_pages(client, directory, settings, monkeypatch):
    from opendata.sitemaps import CommuneSitemap

    monkeypatch.setattr(CommuneSitemap, "limit", 3)
    sections = [path_of(url) for url in locations(client.get("/sitemap.xml"))]
    assert "/sitemap-communes.xml?p=2" in sections
    assert len(locations(client.get("/sitemap-communes.xml?p=2"))) == 3


def test_the_cached_sitemap_follows_the_content_and_the_host(
    client, settings, directory, django_capture_on_commit_callbacks
):
    settings.ESSMAP_PAGE_CACHE = True
    settings.ALLOWED_HOSTS = ["testserver", "essmap.example.fr"]
    assert "nouveau-dispositif" not in client.get("/sitemap-dispositifs.xml").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_programme("Nouveau dispositif")
    assert "nouveau-dispositif" in client.get("/sitemap-dispositifs.xml").content.decode()
    # Cached per host: each host's sitemap names its own addresses.
    other = client.get("/sitemap-dispositifs.xml", HTTP_HOST="essmap.example.fr")
    assert all(url.startswith("http://essmap.example.fr/") for url in locations(other))


# ---------------------------------------------------------------------------
# robots.txt


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_off_forms(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for path in ["/admin/", "/proposer/", "/signaler/", "/*?format="]:
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines


def test_robots_txt_names_the_host_asked_for(client, settings, db):
    settings.ALLOWED_HOSTS = ["essmap.example.fr"]
    response = client.get("/robots.txt", HTTP_HOST="essmap.example.fr", secure=True)
    assert "Sitemap: https://essmap.example.fr/sitemap.xml" in response.content.decode()


# ---------------------------------------------------------------------------
# JSON-LD


def json_ld(response):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_a_structure_is_an_organization(client, directory):
    data = json_ld(client.get(directory["coodem"].get_absolute_url()))
    page = "http://testserver/structures/coodem/"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["@id"] == page + "#organisation"
    assert data["name"] == "Coodem"
    assert data["url"] == "https://example.org/coodem"
    assert data["mainEntityOfPage"] == page
    assert data["description"] == "Coopérative d’activité et d’emploi de la Mayenne."
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "12 rue de la Coopération",
        "postalCode": "53100",
        "addressLocality": "Mayenne",
        "addressCountry": "FR",
    }
    assert data["telephone"] == "+33243000000"
    assert data["email"] == "contact@example.org"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 48.3, "longitude": -0.61}
    assert {"@type": "AdministrativeArea", "name": "Mayenne"} in data["areaServed"]
    assert {"@type": "AdministrativeArea", "name": "CC Mayenne Communauté"} in data["areaServed"]


def test_what_a_structure_does_not_say_is_left_out(client, directory):
    data = json_ld(client.get(directory["national"].get_absolute_url()))
    assert data["url"] == "http://testserver/structures/reseau-national/"
    assert data["areaServed"] == [{"@type": "Country", "name": "France"}]
    for absent in ("address", "telephone", "email", "geo", "description"):
        assert absent not in data


def test_a_programme_is_a_service_its_operator_provides(client, directory):
    data = json_ld(client.get(directory["mayidees"].get_absolute_url()))
    assert data["@type"] == "Service"
    assert data["name"] == "May'Idées"
    assert data["url"] == "http://testserver/programmes/may-idees/"
    assert data["description"] == "Six ateliers pour préciser son idée."
    assert data["provider"] == {
        "@type": "Organization",
        "@id": "http://testserver/structures/coodem/#organisation",
        "name": "Coodem",
        "url": "https://example.org/coodem",
    }
    assert sorted(area["name"] for area in data["areaServed"]) == [
        "Mayenne",
        "Pays du Vignoble Nantais",
    ]
    assert data["audience"] == {
        "@type": "Audience",
        "audienceType": Public.objects.get(value="jeunes").label,
    }
    assert data["isAccessibleForFree"] is True
    assert data["offers"] == {"@type": "Offer", "price": "0", "priceCurrency": "EUR"}


def test_a_national_programme_serves_france(client, directory):
    data = json_ld(client.get(directory["partout"].get_absolute_url()))
    assert data["areaServed"] == [{"@type": "Country", "name": "France"}]
    assert "isAccessibleForFree" not in data  # unknown, not "no"


def test_no_text_of_an_entry_can_close_the_block(client, directory):
    programme = directory["mayidees"]
    programme.description = "Avant </script><script>alert(1)</script> & <!-- après"
    programme.save()
    response = client.get(programme.get_absolute_url())
    html = response.content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<" not in block.group(1)
    assert ">" not in block.group(1)
    assert "<script>alert(1)" not in html
    assert json_ld(response)["description"] == programme.description


def test_drafts_and_archived_entries_carry_no_json_ld(admin_client, client, directory):
    html = admin_client.get(directory["draft"].get_absolute_url()).content.decode()
    assert "application/ld+json" not in html
    coodem = directory["coodem"]
    coodem.publication_status = PublicationStatus.ARCHIVED
    coodem.save()
    assert "application/ld+json" not in client.get(coodem.get_absolute_url()).content.decode()


def test_json_ld_costs_no_query(client, directory, django_assert_max_num_queries):
    """The entry pages' budget (tests/programmes/test_detail_pages.py) is unchanged."""
    with django_assert_max_num_queries(16):
        client.get(directory["mayidees"].get_absolute_url())
    with django_assert_max_num_queries(16):
        client.get(directory["coodem"].get_absolute_url())


# ---------------------------------------------------------------------------
# Canonical address, Open Graph, description


class HeadReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.canonical, self.scripts = {}, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "script":
            self.scripts.append(attrs)


def head(response):
    assert response.status_code == 200
    reader = HeadReader()
    reader.feed(response.content.decode())
    return reader


def public_pages(d):
    return [
        "/",
        "/programmes/",
        "/structures/",
        "/carte/",
        "/territoires/53147/",
        "/territoires/dep-53/imprimer/",
        "/proposer/",
        d["mayidees"].get_absolute_url(),
        d["coodem"].get_absolute_url(),
    ]


def test_every_public_page_has_a_canonical_address_and_open_graph(client, directory):
    for path in public_pages(directory):
        page = head(client.get(path))
        assert page.canonical == [f"http://testserver{path}"], path
        assert page.meta["og:url"] == page.canonical[0]
        assert page.meta["og:site_name"] == "essmap"
        assert page.meta["og:locale"] == "fr_FR"
        assert page.meta["og:type"] == "website"
        assert page.meta["og:title"].strip(), path
        assert page.meta["og:description"].strip(), path
        assert page.meta["description"].strip(), path


def test_public_pages_run_no_inline_script(client, directory):
    """The Content-Security-Policy refuses inline scripts; JSON-LD blocks are data, never
    run, and need no nonce: every script without ``src`` is one."""
    for path in public_pages(directory):
        for script in head(client.get(path)).scripts:
            assert "src" in script or script == {"type": "application/ld+json"}, path


def test_entry_pages_describe_the_entry(client, directory):
    page = head(client.get(directory["mayidees"].get_absolute_url()))
    assert page.meta["og:title"] == "May'Idées"
    assert page.meta["og:description"] == "Six ateliers pour préciser son idée."
    assert page.meta["description"] == "Six ateliers pour préciser son idée."
    # Without a description, what the entry is.
    page = head(client.get(directory["national"].get_absolute_url()))
    assert page.meta["description"].startswith("Réseau national : structure de l’annuaire")


def test_a_long_description_is_shortened(client, directory):
    programme = directory["mayidees"]
    programme.description = "Un atelier.\n\n" + "Très long texte " * 40
    programme.save()
    page = head(client.get(programme.get_absolute_url()))
    # At most 200 characters, cut after a whole word (« …texte… », never « …tex… »).
    assert 180 < len(page.meta["description"]) <= 200
    assert page.meta["description"].endswith((" long…", " texte…", " Très…"))
    assert "\n" not in page.meta["description"]


@pytest.mark.parametrize(
    ("asked", "canonical"),
    [
        # Filters kept, sorted by name then value; sorting, page size, format and tracking
        # tags dropped; the first page is the list itself.
        (
            "/programmes/?tri=nom&etape=creation&territoire=dep-53&etape=idee&utm_source=x"
            "&par_page=50&page=1",
            "/programmes/?etape=creation&etape=idee&territoire=dep-53",
        ),
        ("/programmes/?par_page=1&page=2", "/programmes/"),
        ("/programmes/?q=&etape=", "/programmes/"),
        (
            "/structures/?tri=distance&territoire=53147&type=cae",
            "/structures/?territoire=53147&type=cae",
        ),
        ("/carte/?national=non&etape=idee&fbclid=1", "/carte/?etape=idee&national=non"),
        # A stage of the sheet is a part of the whole sheet.
        ("/territoires/53147/?etape=creation", "/territoires/53147/"),
        ("/programmes/may-idees/?utm_campaign=x", "/programmes/may-idees/"),
    ],
)
def test_canonical_addresses_keep_only_what_makes_a_different_page(
    client, directory, asked, canonical
):
    page = head(client.get(asked))
    assert page.canonical == [f"http://testserver{canonical}"]
    assert page.meta["og:url"] == f"http://testserver{canonical}"


def test_later_pages_of_a_list_are_pages_of_their_own():
    assert canonical_query("orientation:programme_list", QueryDict("page=2&tri=nom")) == "page=2"
    assert canonical_query("orientation:structure_list", QueryDict("page=3")) == "page=3"
    assert canonical_query("orientation:home", QueryDict("page=3&q=cae")) == ""


def test_absolute_addresses_come_from_the_host_asked_for(client, settings, directory):
    settings.ALLOWED_HOSTS = ["essmap.example.fr"]
    response = client.get("/structures/coodem/", HTTP_HOST="essmap.example.fr", secure=True)
    page = head(response)
    assert page.canonical == ["https://essmap.example.fr/structures/coodem/"]
    assert json_ld(response)["mainEntityOfPage"] == "https://essmap.example.fr/structures/coodem/"


@pytest.mark.parametrize(("kind", "said"), [("formation", "Formation"), ("autre", None)])
def test_a_service_type_only_when_it_says_something(client, directory, kind, said):
    programme = directory["mayidees"]
    programme.kind = vocab(ProgrammeKind, kind)
    programme.save()
    data = json_ld(client.get(programme.get_absolute_url()))
    assert data.get("serviceType") == said
