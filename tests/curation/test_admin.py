import pytest
from django.urls import reverse

from programmes.models import Programme, ProgrammeStructure, Structure, StructureKind
from tests.conftest import admin_form_data, make_programme, make_structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(territories):
    cae = make_structure(
        "Coodem", territories=[territories["dep53"]], commune=territories["mayenne"]
    )
    programme = make_programme("May'Idées", operators=[cae], territories=[territories["dep53"]])
    return {"structure": cae, "programme": programme}


MODELS = [
    "programmes/structure",
    "programmes/programme",
    "programmes/person",
    "programmes/structurekind",
    "programmes/programmekind",
    "programmes/public",
    "programmes/sector",
    "programmes/format",
    "programmes/sourcedocument",
    "territories/territory",
]


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_add_pages_load(admin_client, filled, model):
    assert admin_client.get(f"/admin/{model}/").status_code == 200
    assert admin_client.get(f"/admin/{model}/add/").status_code == 200


def test_change_pages_load_and_are_french(admin_client, filled, territories):
    for url in [
        reverse("admin:programmes_structure_change", args=[filled["structure"].pk]),
        reverse("admin:programmes_programme_change", args=[filled["programme"].pk]),
        reverse("admin:territories_territory_change", args=[territories["mayenne"].pk]),
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200
        assert 'lang="fr"' in response.content.decode()
    html = admin_client.get(
        reverse("admin:programmes_programme_change", args=[filled["programme"].pk])
    ).content.decode()
    assert "Étapes du projet" in html
    assert "Structures impliquées" in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("etape=idee", "May&#x27;Idées", None),
        ("etape=creation", None, "May&#x27;Idées"),
        ("publication_status__exact=brouillon", None, "May&#x27;Idées"),
    ],
)
def test_programme_admin_filters(admin_client, filled, query, shown, hidden):
    html = admin_client.get(f"/admin/programmes/programme/?{query}").content.decode()
    if shown:
        assert shown in html
    if hidden:
        assert hidden not in html


def test_departement_filter(admin_client, filled, territories):
    make_structure("Ouvre-Boîtes 44", territories=[territories["dep44"]])
    url = f"/admin/programmes/structure/?departement={territories['dep53'].pk}"
    html = admin_client.get(url).content.decode()
    assert "Coodem" in html
    assert "Ouvre-Boîtes 44" not in html


def test_admin_search_and_territory_autocomplete(admin_client, filled):
    html = admin_client.get("/admin/programmes/structure/?q=coodem").content.decode()
    assert "Coodem" in html
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "mayenne",
            "app_label": "programmes",
            "model_name": "structure",
            "field_name": "commune",
        },
    )
    assert response.status_code == 200
    labels = [r["text"] for r in response.json()["results"]]
    # Only communes are offered as a seat: not the département nor the EPCI.
    assert labels == ["Mayenne (53)"]


def test_admin_validates_urls_emails_phones_and_years(admin_client, territories):
    kind = StructureKind.objects.get(value="cae")
    response = admin_client.post(
        "/admin/programmes/structure/add/",
        {
            "name": "Structure mal saisie",
            "slug": "structure-mal-saisie",
            "kind": kind.pk,
            "website": "pas une adresse",
            "email": "pas-un-courriel",
            "phone": "123",
            "founded_year": "1066",
            "postcode": "5300",
            "latitude": "48.3",
            "publication_status": "publie",
            "programme_links-TOTAL_FORMS": "0",
            "programme_links-INITIAL_FORMS": "0",
            "people-TOTAL_FORMS": "0",
            "people-INITIAL_FORMS": "0",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) >= {"website", "email", "phone", "founded_year", "postcode", "__all__"}
    assert not Structure.objects.filter(name="Structure mal saisie").exists()


def test_admin_creates_a_programme_with_its_operator(admin_client, filled):
    response = admin_client.post(
        "/admin/programmes/programme/add/",
        {
            "name": "Incubation rurale",
            "slug": "",
            "stage_creation": "on",
            "status": "actif",
            "publication_status": "publie",
            "structure_links-TOTAL_FORMS": "1",
            "structure_links-INITIAL_FORMS": "0",
            "structure_links-0-structure": filled["structure"].pk,
            "structure_links-0-role": "operateur",
            "person_links-TOTAL_FORMS": "0",
            "person_links-INITIAL_FORMS": "0",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    programme = Programme.objects.get(name="Incubation rurale")
    assert programme.slug == "incubation-rurale"
    assert programme.operators == [filled["structure"]]


def test_admin_rejects_an_ended_programme_without_end_year(admin_client):
    response = admin_client.post(
        "/admin/programmes/programme/add/",
        {
            "name": "Fini",
            "status": "termine",
            "publication_status": "publie",
            "structure_links-TOTAL_FORMS": "0",
            "structure_links-INITIAL_FORMS": "0",
            "person_links-TOTAL_FORMS": "0",
            "person_links-INITIAL_FORMS": "0",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "end_year" in response.context["adminform"].form.errors


def test_admin_rejects_a_malformed_territory_code(admin_client):
    response = admin_client.post(
        "/admin/territories/territory/add/",
        {"kind": "commune", "code": "5314", "name": "Commune fautive"},
    )
    assert response.status_code == 200
    assert "code" in response.context["adminform"].form.errors


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get("/admin/programmes/programme/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_link_changes_go_through_the_write_path_with_a_reason(admin_client, territories):
    """An operator removed in the programme's inline and a territory removed from its list:
    written by programmes.writes, the link's history says why."""
    coodem, other = make_structure("Coodem"), make_structure("Autre")
    programme = make_programme(
        "Couveuse", operators=[coodem, other], territories=[territories["dep53"]]
    )
    url = reverse("admin:programmes_programme_change", args=[programme.pk])
    data = admin_form_data(admin_client.get(url))
    removed = next(k for k, v in data.items() if k.endswith("-structure") and v == other.pk)
    data[removed.replace("-structure", "-DELETE")] = "on"
    data["territories"] = []
    assert admin_client.post(url, data).status_code == 302

    assert [s.slug for s in programme.operators] == ["coodem"]
    assert not programme.territories.exists()
    deletion = ProgrammeStructure.history.get(history_type="-")
    assert deletion.history_change_reason == "Modifiée dans l’administration"
