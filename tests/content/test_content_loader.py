import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from content.loader import ContentError, load_content
from programmes.models import Person, Programme, ProgrammeStructure, SourceDocument, Structure

pytestmark = pytest.mark.django_db

GOOD = {
    "documents": [
        {"file_name": "000_test.txt", "title": "Portrait", "published_on": "2021-06-01"},
        {"file_name": "003_test.txt", "title": "Guide", "year": 2022},
    ],
    "structures": [
        {
            "slug": "apess-53",
            "name": "APESS 53",
            "kind": "reseau-ess",
            "territories": ["dep-53"],
            "commune": "53147",
            "sources": [{"document": "000_test.txt", "section": "fin"}],
            "verified_on": "2021-06-01",
        },
        {
            "slug": "coodem",
            "name": "Coodem",
            "kind": "cae",
            "territories": ["dep-53"],
            "networks": ["apess-53"],
        },
    ],
    "programmes": [
        {
            "slug": "may-idees",
            "name": "May'Idées",
            "stages": ["idee"],
            "formats": ["collectif"],
            "structures": [
                {"slug": "apess-53", "role": "operateur"},
                {"slug": "coodem", "role": "partenaire"},
            ],
            "next_steps": ["test-coodem"],
            "is_free": True,
        },
        {
            "slug": "test-coodem",
            "name": "Test d'activité",
            "stages": ["creation"],
            "structures": [{"slug": "coodem"}],
        },
    ],
    "people": [
        {
            "name": "Valérie V.",
            "role": "porteuse",
            "public": True,
            "programmes": [{"slug": "may-idees", "relation": "temoignage"}],
        },
    ],
}


def write(tmp_path, content, name="content.json"):
    path = tmp_path / name
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


def snapshot():
    return (
        list(Structure.objects.values().order_by("slug")),
        list(Programme.objects.values().order_by("slug")),
        list(
            ProgrammeStructure.objects.values_list(
                "programme__slug", "structure__slug", "role"
            ).order_by("programme__slug", "structure__slug")
        ),
        list(Person.objects.values_list("name", "is_public")),
        list(SourceDocument.objects.values_list("file_name", flat=True)),
    )


def test_loads_and_is_idempotent(territories, tmp_path, django_capture_on_commit_callbacks):
    path = write(tmp_path, GOOD)
    # Where programmes serve is derived once the load commits (search.indexing).
    with django_capture_on_commit_callbacks(execute=True):
        report = load_content([path])
    assert report.created == {"documents": 2, "structures": 2, "programmes": 2, "people": 1}
    assert dict(SourceDocument.objects.values_list("file_name", "year")) == {
        "000_test.txt": 2021,
        "003_test.txt": 2022,
    }
    first = snapshot()
    again = load_content([path], update=True)
    assert again.created == {"documents": 0, "structures": 0, "programmes": 0, "people": 0}
    assert again.updated == {"documents": 0, "structures": 0, "programmes": 0, "people": 0}
    assert snapshot() == first
    mayidees = Programme.objects.get(slug="may-idees")
    assert mayidees.stages == ["idee"]
    assert mayidees.is_free is True
    assert [p.slug for p in mayidees.next_steps.all()] == ["test-coodem"]
    assert [p.name for p in Programme.objects.serving(territories["laval"])] == [
        "May'Idées",
        "Test d'activité",
    ]


def test_without_update_curator_edits_survive(territories, tmp_path):
    path = write(tmp_path, GOOD)
    load_content([path])
    Structure.objects.filter(slug="coodem").update(name="Coodem (corrigé)")
    load_content([path])
    assert Structure.objects.get(slug="coodem").name == "Coodem (corrigé)"
    load_content([path], update=True)
    assert Structure.objects.get(slug="coodem").name == "Coodem"


def test_entries_missing_from_the_file_are_never_deleted(territories, tmp_path):
    load_content([write(tmp_path, GOOD)])
    smaller = {**GOOD, "people": [], "programmes": GOOD["programmes"][1:]}
    load_content([write(tmp_path, smaller, "smaller.json")], update=True)
    assert Programme.objects.filter(slug="may-idees").exists()
    assert Person.objects.count() == 1


def test_update_makes_people_links_match_the_file(territories, tmp_path):
    load_content([write(tmp_path, GOOD)])
    moved = json.loads(json.dumps(GOOD))
    moved["people"][0]["programmes"] = [{"slug": "test-coodem", "relation": "contact"}]
    load_content([write(tmp_path, moved, "moved.json")], update=True)
    person = Person.objects.get()
    assert list(person.programme_links.values_list("programme__slug", "relation")) == [
        ("test-coodem", "contact")
    ]


def test_a_bad_file_writes_nothing_and_reports_every_problem(territories, tmp_path):
    bad = json.loads(json.dumps(GOOD))
    bad["structures"][0]["territories"] = ["dep-99"]
    bad["structures"][1]["kind"] = "licorne"
    bad["programmes"][0]["stages"] = ["bientot"]
    bad["programmes"][1]["structures"] = [{"slug": "inconnue"}]
    bad["programmes"].append({"slug": "may-idees", "name": "Doublon"})
    bad["people"].append({"role": "sans nom"})
    bad["people"][0]["programmes"][0]["relation"] = "cousin"
    with pytest.raises(ContentError) as error:
        load_content([write(tmp_path, bad)])
    text = str(error.value)
    for expected in [
        "territoire inconnu « dep-99 »",
        "valeur inconnue « licorne »",
        "étape inconnue « bientot »",
        "structure inconnue « inconnue »",
        "slug « may-idees » en double",
        "nom manquant",
    ]:
        assert expected in text, expected
    assert snapshot() == ([], [], [], [], [])


def test_an_invalid_field_value_rolls_everything_back(territories, tmp_path):
    bad = json.loads(json.dumps(GOOD))
    bad["programmes"][1]["website"] = "pas une adresse"
    with pytest.raises(ContentError, match="content.json programmes « test-coodem » : .*URL"):
        load_content([write(tmp_path, bad)])
    assert snapshot() == ([], [], [], [], [])


def test_unreadable_file_is_reported(territories, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{ pas du json", encoding="utf-8")
    with pytest.raises(ContentError, match="broken.json : fichier illisible"):
        load_content([path])


def test_command_reports_problems_in_french(territories, tmp_path, monkeypatch, settings):
    from content.management.commands import load_shipped_data

    (tmp_path / "content").mkdir()
    write(tmp_path / "content", {"structures": [{"slug": "x", "name": "X", "kind": "licorne"}]})
    monkeypatch.setattr(load_shipped_data, "FIXTURES", tmp_path)
    with pytest.raises(CommandError, match="Chargement annulé, rien n’a été écrit"):
        call_command("load_shipped_data")
