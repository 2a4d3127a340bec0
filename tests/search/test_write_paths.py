"""Every write path rebuilds the search documents it affects, once the transaction commits
(search.indexing): admin save, history restore, suggestion acceptance, a renamed vocabulary."""

import pytest

from programmes.models import Programme, ProgrammeKind, Structure
from suggestions import services as suggestion_service
from suggestions.models import Suggestion, SuggestionKind
from tests.conftest import admin_form_data, make_programme, make_structure

pytestmark = pytest.mark.django_db


def found(client, words, kind="programmes"):
    response = client.get(f"/{kind}/", {"q": words, "format": "json", "termines": "oui"})
    return [row["slug"] for row in response.json()["results"]]


def test_restoring_an_old_version_rebuilds_its_search_document(
    admin_client, territories, django_capture_on_commit_callbacks
):
    structure = make_structure("Coodem", territories=[territories["dep53"]])
    url = f"/admin/programmes/structure/{structure.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data | {"name": "Zebulon"}).status_code == 302
    assert found(admin_client, "zebulon", "structures") == [structure.slug]
    assert found(admin_client, "coodem", "structures") == []

    first = structure.history.order_by("history_date").first()
    revert = f"/admin/programmes/structure/{structure.pk}/history/{first.history_id}/"
    form_page = admin_client.get(revert)
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(revert, admin_form_data(form_page)).status_code == 302

    assert Structure.objects.get(pk=structure.pk).name == "Coodem"
    assert found(admin_client, "coodem", "structures") == [structure.slug]
    assert found(admin_client, "zebulon", "structures") == []


def test_renaming_an_operator_rebuilds_the_documents_of_its_programmes(
    client, territories, django_capture_on_commit_callbacks
):
    operator = make_structure("Coodem", territories=[territories["dep53"]])
    programme = make_programme("Test d’activité", operators=[operator])
    with django_capture_on_commit_callbacks(execute=True):
        operator.name = "Zebulon"
        operator.save()
    assert found(client, "zebulon") == [programme.slug]


def test_nothing_is_rebuilt_before_the_transaction_commits(
    client, territories, django_capture_on_commit_callbacks
):
    programme = make_programme("Atelier couture")
    with django_capture_on_commit_callbacks(execute=False) as pending:
        programme.name = "Atelier menuiserie"
        programme.save()
        assert found(client, "menuiserie") == []
    assert pending, "a rebuild waits for the commit"


def test_an_accepted_proposal_is_searchable_as_a_draft_for_curators(
    admin_user, territories, django_capture_on_commit_callbacks
):
    suggestion = Suggestion.objects.create(
        kind=SuggestionKind.PROGRAMME, name="Ressourcerie ambulante", message="Réemploi."
    )
    with django_capture_on_commit_callbacks(execute=True):
        entry = suggestion_service.accept(suggestion, admin_user)
    assert "ressourcer" in Programme.objects.get(pk=entry.pk).search_title


def test_renaming_a_vocabulary_label_rebuilds_the_entries_that_use_it(
    client, territories, django_capture_on_commit_callbacks
):
    kind = ProgrammeKind.objects.first()
    programme = make_programme("Atelier", kind=kind)
    with django_capture_on_commit_callbacks(execute=True):
        kind.label = "Permanence itinérante"
        kind.save()
    assert found(client, "itinerante") == [programme.slug]
