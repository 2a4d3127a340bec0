"""Who may open « Ma structure »: a member of structure A never reads nor changes B's page or
programmes, whatever address is guessed (404, the same whether B exists or not); anonymous
people are sent to sign in; managers and editors both edit; CSRF is enforced."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from programmes.models import Programme, Structure
from self_service.models import ChangeReview
from tests.self_service.conftest import form_data

pytestmark = pytest.mark.django_db


def addresses(structure, programme):
    s = structure.slug
    return [
        f"/ma-structure/{s}/",
        f"/ma-structure/{s}/fiche/",
        f"/ma-structure/{s}/dispositifs/nouveau/",
        f"/ma-structure/{s}/dispositifs/{programme.slug}/",
    ]


def test_anonymous_people_are_sent_to_sign_in_then_back(client, teams):
    for url in ["/ma-structure/", *addresses(teams.alpha, teams.alpha_programme)]:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/connexion/?suite=/ma-structure/"), url


def test_the_footers_espace_structures_is_the_same_link_for_everyone(client, teams):
    """A static link (cached pages show every visitor the same footer): signed-in members
    reach their structure, anyone else is sent to sign in."""
    link = '<a href="/ma-structure/">Espace structures</a>'
    assert link in client.get("/").content.decode()
    assert client.get("/ma-structure/")["Location"] == "/connexion/?suite=/ma-structure/"
    client.force_login(teams.alice)
    assert link in client.get("/").content.decode()
    assert client.get("/ma-structure/")["Location"] == f"/ma-structure/{teams.alpha.slug}/"


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_member_of_alpha_cannot_read_nor_change_beta(client, teams, method):
    client.force_login(teams.alice)
    before = Structure.objects.values().get(pk=teams.beta.pk)
    programmes = Programme.objects.count()
    for url in addresses(teams.beta, teams.beta_programme):
        response = getattr(client, method)(url, {"name": "Piraté", "description": "Piraté"})
        assert response.status_code == 404, url
        assert "Incubation Beta" not in response.content.decode()
    assert Structure.objects.values().get(pk=teams.beta.pk) == before
    assert Programme.objects.count() == programmes
    assert not ChangeReview.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_betas_programme_cannot_be_reached_through_alphas_address(client, teams, method):
    client.force_login(teams.alice)
    url = f"/ma-structure/{teams.alpha.slug}/dispositifs/{teams.beta_programme.slug}/"
    response = getattr(client, method)(url, {"name": "Piraté", "stage_idee": "on"})
    assert response.status_code == 404
    teams.beta_programme.refresh_from_db()
    assert teams.beta_programme.name == "Incubation Beta"


def test_a_partner_does_not_edit_the_programme_it_only_supports(client, teams):
    from programmes import writes

    writes.set_role_structures(teams.beta_programme, "partenaire", [teams.alpha])
    client.force_login(teams.alice)
    url = f"/ma-structure/{teams.alpha.slug}/dispositifs/{teams.beta_programme.slug}/"
    assert client.get(url).status_code == 404


def test_an_unknown_slug_answers_as_a_structure_of_someone_else(client, teams):
    client.force_login(teams.alice)
    assert client.get("/ma-structure/nexiste-pas/").status_code == 404
    assert client.get("/ma-structure/nexiste-pas/fiche/").status_code == 404


def test_a_curator_without_membership_and_a_deactivated_member_are_refused(client, teams):
    curator = get_user_model().objects.create_superuser("cura", "cura@example.org", "x")
    client.force_login(curator)
    assert client.get(f"/ma-structure/{teams.alpha.slug}/fiche/").status_code == 404
    teams.bob.is_active = False
    teams.bob.save()
    client.force_login(teams.bob)
    assert client.get(f"/ma-structure/{teams.alpha.slug}/fiche/").status_code in (302, 404)


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_the_manager_and_the_editor_both_edit(client, teams, who):
    client.force_login(getattr(teams, who))
    url = f"/ma-structure/{teams.alpha.slug}/fiche/"
    data = form_data(client.get(url), description="Nouvelle présentation, écrite par l’équipe.")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    teams.alpha.refresh_from_db()
    assert teams.alpha.description == "Nouvelle présentation, écrite par l’équipe."
    assert teams.alpha.history.first().history_user == getattr(teams, who)


def test_the_list_shows_only_the_persons_structures(client, teams):
    client.force_login(teams.alice)
    response = client.get("/ma-structure/")
    assert response.status_code == 302  # one structure: straight to it
    assert response["Location"] == f"/ma-structure/{teams.alpha.slug}/"
    page = client.get("/ma-structure/?liste").content.decode()
    assert "Coopérative Alpha" in page
    assert "Incubateur Beta" not in page


def test_writes_without_the_csrf_token_are_refused(teams):
    client = Client(enforce_csrf_checks=True)
    client.force_login(teams.alice)
    url = f"/ma-structure/{teams.alpha.slug}/fiche/"
    data = form_data(client.get(url), description="Sans jeton.")
    assert client.post(url, data).status_code == 403
    new = f"/ma-structure/{teams.alpha.slug}/dispositifs/nouveau/"
    assert client.post(new, {"name": "Sans jeton", "stage_idee": "on"}).status_code == 403
    teams.alpha.refresh_from_db()
    assert teams.alpha.description != "Sans jeton."
    assert not Programme.objects.filter(name="Sans jeton").exists()
    # With the page's token, the same write goes through.
    data["csrfmiddlewaretoken"] = client.get(url).context["csrf_token"]
    assert client.post(url, data).status_code == 302


def test_a_person_keeping_no_structure_is_told_how_to_get_one(client, teams):
    nobody = get_user_model().objects.create_user("dominique", "d@example.org")
    client.force_login(nobody)
    response = client.get("/ma-structure/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vous ne tenez encore la fiche d’aucune structure" in page
    assert "Coopérative Alpha" not in page
