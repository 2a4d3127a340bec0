"""The page cache answers visitors from the shared cache, and every write path makes the next
visitor see the change (essmap/cache.py): admin save, history restore, "confirmer à jour",
bulk import, content load, member import."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bulk.files import import_dataset, read_file
from content.loader import load_content
from programmes.models import Programme
from search.models import SearchSynonym
from territories.services.members import import_members
from tests.conftest import admin_form_data, make_programme, make_structure

pytestmark = pytest.mark.django_db

LIST = "/programmes/?territoire=53147"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.ESSMAP_PAGE_CACHE = True


@pytest.fixture
def coodem(territories):
    structure = make_structure("Coodem", territories=[territories["dep53"]])
    make_programme("Test en CAE", stages=("creation",), operators=[structure])
    return structure


def page(url=LIST, client=None):
    return (client or Client()).get(url).content.decode()


def test_a_visitor_is_answered_from_the_cache(coodem):
    page()
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(LIST)
    assert response.status_code == 200
    assert "Test en CAE" in response.content.decode()
    assert len(queries.captured_queries) <= 2  # the content version and the page


def test_the_cache_keeps_one_page_per_address(coodem):
    assert "Test en CAE" in page(LIST + "&etape=creation")
    assert "Test en CAE" not in page(LIST + "&etape=idee")


def test_a_curator_with_a_session_is_never_answered_from_the_cache(admin_client, coodem):
    page()
    with CaptureQueriesContext(connection) as queries:
        admin_client.get(LIST)
    assert len(queries.captured_queries) > 2


def test_the_browser_revalidates_with_an_etag(coodem):
    client = Client()
    first = client.get(LIST)
    assert first["Cache-Control"] == "no-cache"
    assert first["ETag"]
    again = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_an_admin_save_shows_at_once(admin_client, coodem, django_capture_on_commit_callbacks):
    assert "Zebulon" not in page()
    url = f"/admin/programmes/structure/{coodem.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, admin_form_data(admin_client.get(url)) | {"name": "Zebulon"})
    assert "Zebulon" in page()


def test_a_restored_version_shows_at_once(admin_client, coodem, django_capture_on_commit_callbacks):
    url = f"/admin/programmes/structure/{coodem.pk}/change/"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, admin_form_data(admin_client.get(url)) | {"name": "Zebulon"})
    assert "Zebulon" in page()
    first = coodem.history.order_by("history_date").first()
    revert = f"/admin/programmes/structure/{coodem.pk}/history/{first.history_id}/"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(revert, admin_form_data(admin_client.get(revert)))
    assert "Zebulon" not in page()
    assert "Coodem" in page()


def test_confirming_an_entry_up_to_date_shows_at_once(
    admin_client, coodem, django_capture_on_commit_callbacks
):
    programme = Programme.objects.get(name="Test en CAE")
    before = page(programme.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/programmes/programme/",
            {"action": "confirm_up_to_date", "_selected_action": [programme.pk]},
        )
    assert page(programme.get_absolute_url()) != before


def test_a_bulk_import_shows_at_once(coodem, tmp_path, django_capture_on_commit_callbacks):
    assert "Incubateur importé" not in page("/structures/")
    path = tmp_path / "structures.csv"
    path.write_text(
        "slug;name;kind;territories;publication_status\n"
        "incubateur-importe;Incubateur importé;incubateur;dep-53;publie\n",
        encoding="utf-8",
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = import_dataset("structures", read_file(path), file_name=path.name)
    assert result.accepted
    assert "Incubateur importé" in page("/structures/")


def test_a_content_load_shows_at_once(coodem, tmp_path, django_capture_on_commit_callbacks):
    assert "Chargé depuis un fichier" not in page("/structures/")
    path = tmp_path / "content.json"
    structure = {"slug": "charge", "name": "Chargé depuis un fichier", "kind": "cae"}
    path.write_text(
        json.dumps({"structures": [structure | {"territories": ["dep-53"]}]}),
        encoding="utf-8",
    )
    with django_capture_on_commit_callbacks(execute=True):
        load_content([path])
    assert "Chargé depuis un fichier" in page("/structures/")


def test_a_member_import_shows_at_once(territories, django_capture_on_commit_callbacks):
    from territories.models import TerritoryKind
    from tests.conftest import make_territory

    parc = make_territory(TerritoryKind.PNR, "bocage", "PNR du Bocage")
    make_programme("Incubateur du parc", territories=[parc])
    assert "Incubateur du parc" not in page()
    import io

    with django_capture_on_commit_callbacks(execute=True):
        import_members(parc, io.BytesIO(b"code\n53147\n"))
    assert "Incubateur du parc" in page()


def test_the_maps_counts_follow_a_new_programme(territories, django_capture_on_commit_callbacks):
    """The map's counts are computed once per content version and shared by every map page,
    including the JSON one — and a write makes the next one count again."""

    def mayenne_count():
        rows = Client().get("/carte/?etape=creation&format=json").json()["departements"]
        return next(row["total"] for row in rows if row["key"] == "dep-53")

    assert mayenne_count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        make_programme("Test en CAE", stages=("creation",), territories=[territories["dep53"]])
    assert mayenne_count() == 1
    assert "Mayenne" in page("/carte/?etape=creation")


def test_facet_counts_are_shared_by_a_searchs_pages_and_follow_a_write(
    territories, django_capture_on_commit_callbacks
):
    for name in ("Atelier", "Couveuse"):
        make_programme(name, stages=("creation",), territories=[territories["dep53"]])
    url = "/programmes/?territoire=53147"
    assert "Création (2)" in page(url)
    with CaptureQueriesContext(connection) as sorted_by_name:
        assert "Création (2)" in page(url + "&tri=nom")
    assert not any('AS "facet"' in q["sql"] for q in sorted_by_name.captured_queries), (
        "the other order of the same search reuses its counts"
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_programme("Pépinière", stages=("creation",), territories=[territories["dep53"]])
    assert "Création (3)" in page(url + "&tri=nom")


def test_typo_correction_knows_a_name_added_after_it_was_cached(
    territories, django_capture_on_commit_callbacks
):
    make_programme("Atelier", territories=[territories["dep53"]])
    url = "/programmes/?q=zebulom&format=json"
    assert Client().get(url).json()["results"] == []
    with django_capture_on_commit_callbacks(execute=True):
        make_programme("Zebulon", territories=[territories["dep53"]])
    assert [r["name"] for r in Client().get(url).json()["results"]] == ["Zebulon"]


def test_a_synonym_added_after_a_search_is_used_at_once(
    territories, django_capture_on_commit_callbacks
):
    make_programme("Atelier couture", territories=[territories["dep53"]])
    url = "/programmes/?q=zebulom+couture&format=json"
    assert Client().get(url).json()["results"] != []  # groups read and kept for this version
    with django_capture_on_commit_callbacks(execute=True):
        SearchSynonym.objects.create(expressions="tricot, couture")
    results = Client().get("/programmes/?q=tricot&format=json").json()["results"]
    assert [r["name"] for r in results] == ["Atelier couture"]


def test_a_new_search_reads_the_version_once_and_no_vocabulary(territories):
    make_programme("Atelier couture", stages=("creation",), territories=[territories["dep53"]])
    page("/programmes/?territoire=53147&q=atelier")
    with CaptureQueriesContext(connection) as queries:
        html = page("/programmes/?territoire=53147&etape=creation&q=couture")
    assert "Atelier couture" in html
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum("content-version" in q for q in sql) == 1
    assert not any("search_searchsynonym" in q for q in sql)
    assert not any('AS "vocabulary"' in q for q in sql)  # the filters' labels


@pytest.mark.django_db(transaction=True)
def test_a_process_keeps_facet_counts_until_a_committed_write(territories):
    """Outside a transaction (as a visitor's request runs), the facet counts of a search stay
    in the process: its other pages read neither them nor the shared cache again, and the
    next committed write shows at once."""
    for name in ("Atelier", "Couveuse"):
        make_programme(name, stages=("creation",), territories=[territories["dep53"]])
    url = "/programmes/?territoire=53147"
    assert "Création (2)" in page(url)
    with CaptureQueriesContext(connection) as other_order:
        assert "Création (2)" in page(url + "&tri=nom")
    assert not any("essmap:facets" in q["sql"] for q in other_order.captured_queries)
    make_programme("Pépinière", stages=("creation",), territories=[territories["dep53"]])
    assert "Création (3)" in page(url + "&tri=nom")
