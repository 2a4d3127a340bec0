"""``first_published_on``: set once, the day an entry is first saved as published, whatever the
write path (admin save, history restore, bulk import, content loader, accepted suggestion)."""

import datetime
import json

import pytest
from django.utils import timezone

from content.loader import load_content
from programmes.models import Programme, PublicationStatus, Structure
from suggestions import services as suggestion_service
from suggestions.models import Suggestion, SuggestionKind
from tests.bulk.samples import csv_file, run
from tests.conftest import admin_form_data, make_programme

pytestmark = pytest.mark.django_db

EARLIER = datetime.date(2024, 5, 2)


def test_a_draft_has_none_and_publishing_sets_today_once(territories):
    programme = make_programme("Atelier", published=False)
    assert programme.first_published_on is None
    programme.publication_status = PublicationStatus.PUBLISHED
    programme.save()
    assert programme.first_published_on == timezone.localdate()
    Programme.objects.filter(pk=programme.pk).update(first_published_on=EARLIER)
    for status in (PublicationStatus.ARCHIVED, PublicationStatus.PUBLISHED):
        entry = Programme.objects.get(pk=programme.pk)
        entry.publication_status = status
        entry.save(update_fields=["publication_status"])
    assert Programme.objects.get(pk=programme.pk).first_published_on == EARLIER


def test_admin_save_publishes_then_restoring_a_draft_version_keeps_the_date(
    admin_client, territories
):
    programme = make_programme("Atelier", published=False)
    url = f"/admin/programmes/programme/{programme.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    assert admin_client.post(url, data | {"publication_status": "publie"}).status_code == 302
    assert Programme.objects.get(pk=programme.pk).first_published_on == timezone.localdate()
    Programme.objects.filter(pk=programme.pk).update(first_published_on=EARLIER)

    draft = programme.history.order_by("history_date").first()
    revert = f"/admin/programmes/programme/{programme.pk}/history/{draft.history_id}/"
    assert admin_client.post(revert, admin_form_data(admin_client.get(revert))).status_code == 302
    restored = Programme.objects.get(pk=programme.pk)
    assert restored.publication_status == PublicationStatus.DRAFT
    assert restored.first_published_on == EARLIER


def test_bulk_import_sets_it_for_published_lines_only(territories, tmp_path):
    rows = [
        {"slug": "coodem", "name": "Coodem", "kind": "cae", "publication_status": "publie"},
        {"slug": "brouillon", "name": "Brouillon", "kind": "cae", "publication_status": ""},
    ]
    assert run("structures", csv_file(tmp_path, "structures.csv", rows)).accepted
    dates = dict(Structure.objects.values_list("slug", "first_published_on"))
    assert dates == {"coodem": timezone.localdate(), "brouillon": None}


def test_the_content_loader_sets_it_and_a_reload_keeps_it(territories, tmp_path):
    content = {"structures": [{"slug": "cress", "name": "CRESS", "kind": "reseau-ess"}]}
    path = tmp_path / "structures.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    load_content([path])
    assert Structure.objects.get(slug="cress").first_published_on == timezone.localdate()
    Structure.objects.filter(slug="cress").update(first_published_on=EARLIER)
    load_content([path], update=True)
    assert Structure.objects.get(slug="cress").first_published_on == EARLIER


def test_an_accepted_suggestion_is_a_draft_until_published(admin_user, territories):
    suggestion = Suggestion.objects.create(
        kind=SuggestionKind.PROGRAMME, name="Ressourcerie ambulante", message="Réemploi."
    )
    entry = suggestion_service.accept(suggestion, admin_user)
    assert Programme.objects.get(pk=entry.pk).first_published_on is None


def test_the_migration_dates_published_entries(territories):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("programmes.migrations.0015_first_published_on")
    verified_first = make_programme("Vérifié avant", verified_on=EARLIER)
    created = make_programme("Sans date", verified_on=None)
    draft = make_programme("Brouillon", published=False)
    Programme.objects.update(first_published_on=None)
    migration.set_first_published_on(apps, None)
    dates = dict(Programme.objects.values_list("pk", "first_published_on"))
    assert dates[verified_first.pk] == EARLIER
    assert dates[created.pk] == timezone.now().astimezone(datetime.UTC).date()
    assert dates[draft.pk] is None
