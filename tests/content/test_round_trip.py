"""Content files and the bulk import write the same entries (one write path, one rule per
link): a content load exported and imported in bulk into an emptied directory, then loaded
again, finds nothing to change; the load records one history record per entry."""

import pytest

from bulk.files import export_file
from bulk.results import problems_of
from programmes.models import Person, Programme, Structure
from tests.bulk.samples import run
from tests.content.directory import load_directory

pytestmark = pytest.mark.django_db

MODELS = ("structures", "programmes", "people")


def entries():
    return list(Structure.objects.all()) + list(Programme.objects.all())


def test_a_load_records_one_history_record_per_entry_with_its_links(territories, tmp_path):
    load_directory(tmp_path)
    for entry in entries():
        record = entry.history.get()
        assert record.history_type == "+", entry
        assert record.history_change_reason.startswith("Chargement du contenu livré")
        territories_held = {link.territory_id for link in record.territories.all()}
        assert territories_held == set(entry.territories.values_list("pk", flat=True))
    coodem = Structure.objects.get(slug="ouvre-boites").history.get()
    assert [link.to_structure.slug for link in coodem.partners.all()] == ["bocage"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_bulk_round_trip_of_a_content_load_leaves_the_content_nothing_to_change(
    territories, tmp_path, file_format
):
    load_directory(tmp_path)
    paths = {}
    for model in MODELS:
        paths[model] = tmp_path / f"{model}.{file_format}"
        paths[model].write_bytes(export_file(model, file_format))
    Person.objects.all().delete()
    Programme.objects.all().delete()
    Structure.objects.all().delete()
    for model in MODELS:
        result = run(model, paths[model])
        assert result.accepted, problems_of(result)

    history = {entry.slug: entry.history.count() for entry in entries()}
    report = load_directory(tmp_path, update=True)

    nothing = {"documents": 0, "structures": 0, "programmes": 0, "people": 0}
    assert report.created == nothing, str(report)
    assert report.updated == nothing, str(report)
    # Not even a link: the entries have no new history record.
    assert {entry.slug: entry.history.count() for entry in entries()} == history
