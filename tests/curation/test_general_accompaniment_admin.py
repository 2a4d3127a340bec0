"""A structure's general accompaniment edited in the admin: saved, recorded in its readable
history, and answering searches once the save commits (issue 12 §2)."""

import pytest

from tests.conftest import admin_form_data, make_structure

pytestmark = pytest.mark.django_db


def test_ticking_a_stage_in_the_admin_makes_the_structure_an_answer(
    admin_client, territories, django_capture_on_commit_callbacks
):
    structure = make_structure("Coodem", territories=[territories["dep53"]])
    url = f"/admin/programmes/structure/{structure.pk}/change/"
    page = admin_client.get(url)
    assert "Accompagnement général" in page.content.decode()
    data = admin_form_data(page) | {"general_stage_creation": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    structure.refresh_from_db()
    assert structure.general_stages == ["creation"]
    body = admin_client.get("/programmes/?territoire=53147&etape=creation&format=json").json()
    assert [s["slug"] for s in body["structures"]] == [structure.slug]


def test_the_history_says_which_stage_changed(admin_client, territories):
    structure = make_structure("Coodem", territories=[territories["dep53"]])
    url = f"/admin/programmes/structure/{structure.pk}/change/"
    data = admin_form_data(admin_client.get(url)) | {"general_stage_idee": "on"}
    assert admin_client.post(url, data).status_code == 302
    history = admin_client.get(f"/admin/programmes/structure/{structure.pk}/history/")
    assert "accompagnement général : idée" in history.content.decode()


def test_the_admin_refuses_it_for_a_collectivity(admin_client, territories):
    town = make_structure("Ville de Laval", kind="collectivite")
    url = f"/admin/programmes/structure/{town.pk}/change/"
    data = admin_form_data(admin_client.get(url)) | {"general_stage_creation": "on"}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "general_stage_idee" in response.context["adminform"].form.errors
    town.refresh_from_db()
    assert town.general_stages == []
