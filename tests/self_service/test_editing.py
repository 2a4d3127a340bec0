"""A structure's team edits its page and programmes: published at once through the one write
path (history with its author and reason, search documents, « déclaré par la structure le … »
on the public pages), a new programme within the structure's own territories too; but a new
name, a regional or national territory and a new programme wider than the structure, which wait
for a curator; bad input is said in French, never a 500."""

import datetime

import pytest
from django.utils import timezone

from curation.history import team_reason
from programmes.models import Programme, ProgrammeStatus, PublicationStatus
from self_service.models import ChangeReview, ReviewStatus
from self_service.services import CHANGED_BY_STRUCTURE, PUBLISHED_BY_STRUCTURE
from tests.self_service.conftest import form_data

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def french_today():
    from essmap.templatetags.french import french_date

    return french_date(TODAY)


@pytest.fixture
def alice(client, teams):
    client.force_login(teams.alice)
    return client


def edit_page(client, teams, **changes):
    url = f"/ma-structure/{teams.alpha.slug}/fiche/"
    return client.post(url, form_data(client.get(url), **changes))


def test_a_change_is_published_at_once_marked_declared_and_attributed(
    alice, teams, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = edit_page(
            alice,
            teams,
            description="Nous accompagnons les entrepreneurs salariés en Mayenne.",
            phone="02 43 12 34 56",
        )
    assert response.status_code == 302
    alpha = teams.alpha
    alpha.refresh_from_db()
    assert alpha.description.startswith("Nous accompagnons")
    assert str(alpha.phone.as_e164) == "+33243123456"
    assert alpha.declared_fields == {"description": TODAY.isoformat(), "phone": TODAY.isoformat()}
    record = alpha.history.first()
    assert record.history_user == teams.alice
    # Her role stays in the history (« ancien gestionnaire » once her account is deleted).
    assert record.history_change_reason == team_reason("manager", CHANGED_BY_STRUCTURE)
    assert "accompagnon" in alpha.search_body  # the search document followed (stems)
    review = ChangeReview.objects.get()
    assert (review.structure, review.author, review.status) == (
        alpha,
        teams.alice,
        ReviewStatus.TO_SEE,
    )
    assert review.before.description == "Une coopérative d’activité et d’emploi en Mayenne."
    assert review.after.description.startswith("Nous accompagnons")
    page = alice.get(alpha.get_absolute_url()).content.decode()
    assert f"(déclaré par la structure le {french_today()})" in page
    assert (
        f"écrites par l’équipe de la structure elle-même (dernière fois le {french_today()})"
        in (page)
    )
    dashboard = alice.get(f"/ma-structure/{alpha.slug}/").content.decode()
    assert "Vos modifications sont publiées" in dashboard
    answer = alice.get(alpha.get_absolute_url(), {"format": "json"}).json()
    assert answer["declared_by_structure"] == {
        "description": TODAY.isoformat(),
        "phone": TODAY.isoformat(),
    }


def test_nothing_changed_writes_nothing(alice, teams):
    versions = teams.alpha.history.count()
    response = edit_page(alice, teams)
    assert response.status_code == 302
    assert teams.alpha.history.count() == versions
    assert not ChangeReview.objects.exists()
    assert "la fiche est inchangée" in alice.get(response["Location"]).content.decode()


def test_a_new_name_waits_for_a_curator_while_the_rest_is_published(alice, teams):
    edit_page(alice, teams, name="Alpha Coopérative", website="https://alpha.example.org/")
    teams.alpha.refresh_from_db()
    assert teams.alpha.name == "Coopérative Alpha"
    assert teams.alpha.website == "https://alpha.example.org/"
    review = ChangeReview.objects.get()
    assert review.status == ReviewStatus.WAITING
    assert review.withheld == {"name": "Alpha Coopérative"}
    dashboard = alice.get(f"/ma-structure/{teams.alpha.slug}/").content.decode()
    assert "nouveau nom « Alpha Coopérative »" in dashboard
    edit_page(alice, teams, name="Alpha Coopérative")  # sent again: still one request
    assert ChangeReview.objects.count() == 1


def test_a_departement_is_added_at_once_a_region_waits(alice, teams):
    t = teams.t
    edit_page(alice, teams, add_territory=t["dep44"].key)
    assert set(teams.alpha.territories.all()) == {t["dep53"], t["dep44"]}
    assert "territories" in teams.alpha.__class__.objects.get(pk=teams.alpha.pk).declared_fields
    edit_page(alice, teams, add_territory=t["pdl"].key)
    assert t["pdl"] not in teams.alpha.territories.all()
    waiting = ChangeReview.objects.get(status=ReviewStatus.WAITING)
    assert waiting.withheld == {"territories": [t["pdl"].pk]}
    # Unticked: removed.
    edit_page(alice, teams, keep_territories=[t["dep44"].pk])
    assert list(teams.alpha.territories.all()) == [t["dep44"]]


def test_the_commune_is_typed_as_the_autocomplete_offers_it(alice, teams):
    t = teams.t
    response = edit_page(alice, teams, commune=t["mayenne"].label)
    assert response.status_code == 302
    teams.alpha.refresh_from_db()
    assert teams.alpha.commune == t["mayenne"]
    response = edit_page(alice, teams, commune=t["dep53"].key)
    assert response.status_code == 400
    assert "n’est pas une commune" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "pas-une-adresse", "adresse de courriel valide"),
        ("website", "pas un site", "URL valide"),
        ("postcode", "5310", "Un code postal compte 5 chiffres."),
        ("phone", "12", "numéro de téléphone valide"),
        ("commune", "Ville-qui-n-existe-pas", "Aucun territoire ne correspond"),
        ("publics", ["999999"], "Sélectionnez un choix valide"),
        ("description", "nul\x00caractère", "caractère nul"),
    ],
)
def test_bad_input_is_said_in_french_and_writes_nothing(alice, teams, field, value, message):
    versions = teams.alpha.history.count()
    response = edit_page(alice, teams, **{field: value})
    assert response.status_code == 400
    page = response.content.decode()
    assert "La fiche n’a pas été enregistrée" in page
    assert message in page, response.context["form"].errors
    assert teams.alpha.history.count() == versions


def test_a_funder_has_no_general_accompaniment(client, teams):
    from members.models import Membership
    from tests.conftest import make_structure

    funder = make_structure("Fondation Gamma", kind="financeur")
    Membership.objects.create(user=teams.alice, structure=funder)
    client.force_login(teams.alice)
    url = f"/ma-structure/{funder.slug}/fiche/"
    response = client.post(url, form_data(client.get(url), general_stage_idee="on"))
    assert response.status_code == 400
    assert "n’a pas d’accompagnement général" in response.content.decode()


def programme_url(teams, programme=None):
    programme = programme or teams.alpha_programme
    return f"/ma-structure/{teams.alpha.slug}/dispositifs/{programme.slug}/"


def test_a_programme_is_ended_with_its_end_year(alice, teams):
    url = programme_url(teams)
    response = alice.post(url, form_data(alice.get(url), status=ProgrammeStatus.ENDED))
    assert response.status_code == 400
    assert "Indiquez l’année de fin" in response.content.decode()
    response = alice.post(
        url, form_data(alice.get(url), status=ProgrammeStatus.ENDED, end_year="2025")
    )
    assert response.status_code == 302
    programme = Programme.objects.get(pk=teams.alpha_programme.pk)
    assert (programme.status, programme.end_year) == (ProgrammeStatus.ENDED, 2025)
    assert set(programme.declared_fields) == {"status", "end_year"}
    page = alice.get(programme.get_absolute_url()).content.decode()
    assert "Ce dispositif est terminé depuis 2025" in page
    assert "déclaré par la structure le" in page


def test_a_programmes_cost_stages_and_next_step(alice, teams):
    later = Programme.objects.get(pk=teams.beta_programme.pk)
    url = programme_url(teams)
    data = form_data(
        alice.get(url),
        is_free="false",
        cost_details="50 € par mois",
        stage_idee="on",
        how_to_apply="Une réunion d’information chaque mois.",
        add_next_step=f"https://essmap.example.org{later.get_absolute_url()}",
    )
    assert alice.post(url, data).status_code == 302
    programme = Programme.objects.get(pk=teams.alpha_programme.pk)
    assert programme.is_free is False
    assert programme.stages == ["idee", "creation"]
    assert list(programme.next_steps.all()) == [later]
    page = alice.get(programme.get_absolute_url()).content.decode()
    assert "Payant" in page
    assert "50 € par mois" in page


def test_a_programme_needs_a_stage_and_a_known_next_step(alice, teams):
    url = programme_url(teams)
    data = form_data(alice.get(url), stage_creation=None, add_next_step="Rien de tel")
    response = alice.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Cochez au moins une étape du projet." in page
    assert "Aucun dispositif publié ne correspond à « Rien de tel »" in page


def new_programme(client, teams, territory, name="Parcours entrepreneur rural"):
    url = f"/ma-structure/{teams.alpha.slug}/dispositifs/nouveau/"
    data = {"name": name, "stage_creation": "on", "status": ProgrammeStatus.ACTIVE}
    if territory is not None:
        data["add_territory"] = territory.key
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return Programme.objects.get(name=name), client.get(response["Location"]).content.decode()


def test_a_new_programme_within_the_structures_territories_is_published_at_once(alice, teams):
    programme, dashboard = new_programme(alice, teams, teams.t["dep53"])
    assert "Le dispositif est publié. Un curateur le relira." in dashboard
    assert programme.publication_status == PublicationStatus.PUBLISHED
    assert programme.first_published_on == TODAY
    assert programme.operators == [teams.alpha]
    assert list(programme.territories.all()) == [teams.t["dep53"]]
    assert set(programme.declared_fields) >= {"name", "stage_creation", "territories"}
    record = programme.history.first()
    assert record.history_user == teams.alice
    assert record.history_change_reason == team_reason("manager", PUBLISHED_BY_STRUCTURE)
    review = ChangeReview.objects.get()
    assert (review.programme, review.status, review.withheld, review.before_version) == (
        programme,
        ReviewStatus.TO_SEE,
        {},
        None,
    )
    page = alice.get(programme.get_absolute_url())
    assert page.status_code == 200
    assert f"(déclaré par la structure le {french_today()})" in page.content.decode()


def test_a_region_the_structure_serves_itself_is_no_wider_than_its_own(alice, teams):
    from programmes import writes

    writes.add_links(teams.alpha, "territories", [teams.t["pdl"]])
    programme, _ = new_programme(alice, teams, teams.t["pdl"])
    assert programme.publication_status == PublicationStatus.PUBLISHED


@pytest.mark.parametrize("wide", ["pdl", "FR"])
def test_a_new_programme_wider_than_the_structure_waits_unpublished(alice, teams, wide):
    programme, dashboard = new_programme(alice, teams, teams.t[wide])
    assert "il sera publié après la relecture d’un curateur" in dashboard
    assert "nouveau dispositif couvrant une région ou la France entière" in dashboard
    assert programme.publication_status == PublicationStatus.DRAFT
    assert programme.operators == [teams.alpha]
    assert list(programme.territories.all()) == [teams.t[wide]]
    assert programme.history.first().history_user == teams.alice
    review = ChangeReview.objects.get()
    assert (review.programme, review.status, review.withheld) == (
        programme,
        ReviewStatus.WAITING,
        {"publish": True},
    )
    assert alice.get(programme.get_absolute_url()).status_code == 404
    # Its team may still edit it before it is published.
    assert alice.get(programme_url(teams, programme)).status_code == 200


def test_forms_work_without_any_value_sent(alice, teams):
    for url in (
        f"/ma-structure/{teams.alpha.slug}/fiche/",
        f"/ma-structure/{teams.alpha.slug}/dispositifs/nouveau/",
        programme_url(teams),
    ):
        response = alice.post(url, {})
        assert response.status_code == 400, url
        assert "La fiche n’a pas été enregistrée" in response.content.decode()


def test_a_declared_date_is_the_day_of_the_write(alice, teams, monkeypatch):
    day = datetime.date(2026, 3, 2)
    monkeypatch.setattr(timezone, "localdate", lambda *args: day)
    edit_page(alice, teams, email="contact@alpha.example.org")
    teams.alpha.refresh_from_db()
    assert teams.alpha.declared_fields == {"email": "2026-03-02"}
    assert (
        "(déclaré par la structure le 2 mars 2026)"
        in alice.get(teams.alpha.get_absolute_url()).content.decode()
    )


def test_a_programme_waiting_for_its_publication_takes_a_new_name_at_once(alice, teams):
    programme, _ = new_programme(alice, teams, teams.t["pdl"], name="Parcours rural")
    edit = programme_url(teams, programme)
    data = form_data(alice.get(edit), name="Parcours rural en Mayenne")
    data["add_territory"] = teams.t["FR"].key
    assert alice.post(edit, data).status_code == 302
    programme = Programme.objects.get(pk=programme.pk)
    assert programme.name == "Parcours rural en Mayenne"
    assert set(programme.territories.all()) == {teams.t["pdl"], teams.t["FR"]}
    assert programme.publication_status == PublicationStatus.DRAFT
    assert ChangeReview.objects.filter(status=ReviewStatus.WAITING).count() == 1


def test_what_waits_is_said_to_the_team(alice, teams):
    response = edit_page(alice, teams, name="Alpha", website="https://alpha.example.org/")
    page = alice.get(response["Location"]).content.decode()
    assert (
        "Vos modifications sont publiées, sauf le nouveau nom, en attente de la relecture "
        "d’un curateur." in page
    )
    response = edit_page(alice, teams, add_territory=teams.t["FR"].key)
    page = alice.get(response["Location"]).content.decode()
    assert (
        "Enregistré, en attente de la relecture d’un curateur : les territoires régionaux "
        "ou nationaux ajoutés." in page
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("start_year", "deux mille", "Saisissez un nombre entier."),
        ("end_year", "3000", "inférieure ou égale à 2100"),
        ("name", "x" * 201, "au plus 200 caractères"),
        ("status", "inconnu", "Sélectionnez un choix valide"),
        ("is_free", "peut-être", "Sélectionnez un choix valide"),
        ("formats", ["abc"], "n’est pas une valeur correcte"),
        ("keep_territories", ["999999"], "Sélectionnez un choix valide"),
        ("add_territory", "z" * 500, "au plus 120 caractères"),
    ],
)
def test_a_programmes_bad_input_is_said_in_french(alice, teams, field, value, message):
    url = programme_url(teams)
    versions = teams.alpha_programme.history.count()
    response = alice.post(url, form_data(alice.get(url), **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode(), response.context["form"].errors
    assert teams.alpha_programme.history.count() == versions


def test_a_general_stage_ticked_makes_the_structure_found_at_that_stage(
    alice, teams, django_capture_on_commit_callbacks
):
    from programmes.models import Structure

    def found():
        found = Structure.objects.general_accompaniment(teams.t["laval"], ["idee"])
        return teams.alpha in found

    assert not found()
    with django_capture_on_commit_callbacks(execute=True):
        edit_page(alice, teams, general_stage_idee="on")
    assert found()
