"""The curators' queue of structures' changes (/admin/self_service/changereview/): each with
its readable diff, decided in one click — « Vu », « Restaurer la version précédente » (the
curators' restore, attributed; a new programme published at once goes offline), « Approuver »
what waited (a new name, a new programme wider than its structure)."""

import pytest
from django.contrib.auth import get_user_model

from programmes.models import Programme, PublicationStatus, Structure
from self_service import services
from self_service.models import ChangeReview, ReviewStatus
from tests.conftest import make_structure

pytestmark = pytest.mark.django_db
QUEUE = "/admin/self_service/changereview/"


@pytest.fixture
def curator(client):
    user = get_user_model().objects.create_superuser("curatrice", "c@example.org", "x")
    client.force_login(user)
    return user


def change(teams, **values):
    entry = Structure.objects.get(pk=teams.alpha.pk)
    return services.publish_changes(entry, teams.alice, values, {})


def decide(client, review, decision):
    return client.post(f"{QUEUE}{review.pk}/decider/", {"decision": decision})


def test_the_queue_shows_each_change_with_its_diff(client, curator, teams):
    review = change(teams, description="Nouvelle présentation")
    page = client.get(QUEUE).content.decode()
    assert "Coopérative Alpha" in page
    assert "description" in page
    # The list shows the diff in short, before → after.
    assert "Une coopérative d’activité et d’emploi en Mayenne. → Nouvelle présentation" in page
    assert 'name="decision" value="vu"' in page
    assert 'value="restaurer"' in page
    detail = client.get(f"{QUEUE}{review.pk}/change/").content.decode()
    assert "Une coopérative d’activité et d’emploi en Mayenne." in detail  # before
    assert "Nouvelle présentation" in detail  # after
    assert 'name="decision" value="vu"' in detail  # decided from the change's own page too


def test_seen_in_one_click(client, curator, teams):
    review = change(teams, description="Nouvelle présentation")
    response = decide(client, review, "vu")
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.decided_by) == (ReviewStatus.SEEN, curator)
    # Decided once: a second click changes nothing.
    decide(client, review, "restaurer")
    assert Structure.objects.get(pk=teams.alpha.pk).description == "Nouvelle présentation"


def test_restore_the_previous_version_in_one_click(client, curator, teams):
    review = change(teams, description="Texte douteux", website="https://douteux.example")
    assert decide(client, review, "restaurer").status_code == 302
    alpha = Structure.objects.get(pk=teams.alpha.pk)
    assert alpha.description == "Une coopérative d’activité et d’emploi en Mayenne."
    assert alpha.website == ""
    assert alpha.declared_fields == {}  # the previous version had no declared fact
    record = alpha.history.first()
    assert record.history_user == curator
    assert record.history_change_reason == services.RESTORED
    review.refresh_from_db()
    assert review.status == ReviewStatus.RESTORED


def test_a_new_name_is_published_on_approval_still_declared(client, curator, teams):
    review = change(teams, name="Alpha, coopérative de Mayenne")
    assert Structure.objects.get(pk=teams.alpha.pk).name == "Coopérative Alpha"
    decide(client, review, "approuver")
    alpha = Structure.objects.get(pk=teams.alpha.pk)
    assert alpha.name == "Alpha, coopérative de Mayenne"
    assert "name" in alpha.declared_fields
    assert alpha.history.first().history_user == curator


def test_a_new_programme_is_published_on_approval_or_stays_unpublished(client, curator, teams):
    values = {"name": "Nouveau parcours", "stage_idee": True}
    wide = {"territories": [teams.t["pdl"]]}
    programme = services.create_programme(teams.alpha, teams.alice, values, wide)
    review = ChangeReview.objects.get(programme=programme)
    page = client.get(QUEUE).content.decode()
    assert 'value="approuver"' in page
    assert 'value="refuser"' in page
    assert 'value="restaurer"' not in page
    decide(client, review, "approuver")
    programme = Programme.objects.get(pk=programme.pk)
    assert programme.publication_status == PublicationStatus.PUBLISHED
    assert programme.first_published_on is not None
    other = services.create_programme(teams.alpha, teams.alice, {"name": "Refusé"}, wide)
    decide(client, ChangeReview.objects.get(programme=other), "refuser")
    assert Programme.objects.get(pk=other.pk).publication_status == PublicationStatus.DRAFT


def test_restoring_a_new_programme_published_at_once_takes_it_offline(client, curator, teams):
    values = {"name": "Parcours publié", "stage_idee": True}
    local = {"territories": [teams.t["dep53"]]}
    programme = services.create_programme(teams.alpha, teams.alice, values, local)
    assert programme.publication_status == PublicationStatus.PUBLISHED
    assert client.get(programme.get_absolute_url()).status_code == 200
    review = ChangeReview.objects.get(programme=programme)
    page = client.get(QUEUE).content.decode()
    assert "Restaurer la version précédente (retirer du site)" in page
    assert 'value="approuver"' not in page
    response = client.post(f"{QUEUE}{review.pk}/decider/", {"decision": "restaurer"}, follow=True)
    assert "Nouveau dispositif retiré du site" in response.content.decode()
    programme = Programme.objects.get(pk=programme.pk)
    assert programme.publication_status == PublicationStatus.DRAFT
    record = programme.history.first()
    assert (record.history_user, record.history_change_reason) == (curator, services.UNPUBLISHED)
    review.refresh_from_db()
    assert (review.status, review.decided_by) == (ReviewStatus.RESTORED, curator)
    client.logout()
    assert client.get(programme.get_absolute_url()).status_code == 404


def test_only_curators_decide(client, teams):
    review = change(teams, description="Nouvelle présentation")
    client.force_login(teams.alice)
    response = decide(client, review, "restaurer")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert client.get(QUEUE).status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.TO_SEE
    assert Structure.objects.get(pk=teams.alpha.pk).description == "Nouvelle présentation"


def test_a_decision_is_a_post(client, curator, teams):
    review = change(teams, description="Nouvelle présentation")
    assert client.get(f"{QUEUE}{review.pk}/decider/").status_code == 405


def test_a_regional_editor_reviews_only_the_changes_of_their_region(client, teams):
    from django.contrib.auth.models import Group

    from curation.models import EditorScope
    from curation.roles import REGIONAL_EDITOR

    editor = get_user_model().objects.create_user("editrice", "e@example.org", is_staff=True)
    editor.groups.add(Group.objects.get(name=REGIONAL_EDITOR))
    EditorScope.objects.create(user=editor).territories.add(teams.t["na"])
    mayenne = change(teams, description="Nouvelle présentation")
    landes = make_structure("Incubateur des Landes", territories=[teams.t["dep40"]])
    landes_review = services.publish_changes(landes, teams.carol, {"description": "Landes"}, {})
    client.force_login(editor)
    page = client.get(QUEUE).content.decode()
    assert "Incubateur des Landes" in page
    assert "Coopérative Alpha" not in page
    assert decide(client, mayenne, "restaurer").status_code == 404
    assert Structure.objects.get(pk=teams.alpha.pk).description == "Nouvelle présentation"
    decide(client, landes_review, "vu")
    landes_review.refresh_from_db()
    assert landes_review.status == ReviewStatus.SEEN
