"""A NUL character (U+0000) in a text is refused with a French message on every write path —
forms, the two imports, programmes/writes.py — on SQLite as on PostgreSQL, which would refuse
it with an error (issue 23, low item; essmap/validators.py). Run on both databases."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from alerts.models import Subscription
from essmap.validators import NUL_MESSAGE
from programmes import writes
from programmes.models import Person, Structure, StructureKind
from suggestions.models import Suggestion
from tests.alerts.test_subscription import ask
from tests.bulk.samples import csv_file
from tests.opendata.test_import import service, structure
from tests.suggestions.test_suggestions import proposal

pytestmark = pytest.mark.django_db

NAME = "Coop\x00érative"


def test_the_write_module_refuses_it(territories):
    with pytest.raises(ValidationError) as error:
        writes.upsert(
            Structure,
            {"slug": "coop"},
            {"name": NAME, "kind": StructureKind.objects.get(value="cae")},
            "essai",
        )
    assert error.value.message_dict == {"name": [NUL_MESSAGE]}
    assert Structure.objects.count() == 0


def test_every_text_field_of_a_model_is_checked(territories):
    person = Person(name="Camille", role="Chargée\x00 de mission")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert error.value.message_dict["role"] == [NUL_MESSAGE]


@pytest.mark.parametrize("column", ["name", "slug", "description"])
def test_bulk_import_refuses_it(territories, tmp_path, column):
    row = {"slug": "coop", "name": "Coopérative", "kind": "cae", "description": ""}
    row[column] = "Co\x00op"
    path = csv_file(tmp_path, "structures.csv", [row])
    with pytest.raises(CommandError) as error:
        call_command("import_directory", str(path), "--model", "structures")
    assert "caractère nul (U+0000)" in str(error.value)
    assert "Rien n’a été écrit" in str(error.value) or "rien n’a été écrit" in str(error.value)
    assert Structure.objects.count() == 0


@pytest.mark.parametrize(
    "records",
    [
        {"structures": [structure(nom=NAME)], "services": []},
        {"structures": [structure(id="dora--\x00")], "services": []},
        {"structures": [structure()], "services": [service(publics=["femmes\x00"])]},
    ],
)
def test_data_inclusion_import_refuses_it(territories, tmp_path, records):
    path = tmp_path / "di.json"
    path.write_text(json.dumps(records))
    with pytest.raises(CommandError) as error:
        call_command("import_data_inclusion", str(path), stdout=io.StringIO())
    assert "caractère nul (U+0000)" in str(error.value)
    assert Structure.objects.count() == 0


def test_the_suggestion_form_refuses_it(client, territories):
    response = client.post("/proposer/", proposal(name=NAME), REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 200
    assert "Le caractère nul n’est pas autorisé" in response.content.decode()
    assert Suggestion.objects.count() == 0


def test_the_alert_form_refuses_it(client, territories):
    response = ask(client, query="territoire=53147&q=coop\x00")
    assert response.status_code in (200, 400)
    assert Subscription.objects.count() == 0
