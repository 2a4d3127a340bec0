"""A directory loaded from content files, exported in bulk (CSV, XLSX) and imported into an
emptied directory, comes back the same — every field and link the bulk files cover — each
entry with one history record of the import."""

import pytest

from bulk.files import export_file
from bulk.results import problems_of
from programmes.models import Person, Programme, Structure
from tests.bulk.samples import run
from tests.bulk.test_export_and_admin import snapshot
from tests.content.directory import load_directory

pytestmark = pytest.mark.django_db

MODELS = ("structures", "programmes", "people")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_content_load_comes_back_through_a_bulk_export_and_import(
    territories, tmp_path, file_format
):
    load_directory(tmp_path)
    before = snapshot()
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

    assert snapshot() == before
    for entry in [*Structure.objects.all(), *Programme.objects.all(), *Person.objects.all()]:
        record = entry.history.get()
        assert record.history_type == "+"
        assert record.history_change_reason.startswith("import en masse")
