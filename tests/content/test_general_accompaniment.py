"""A structure's general accompaniment in content files (``general_accompaniment``): loaded with
its sources, refused without one or for a funder (issue 12 §2). The shipped content's are in
``test_general_accompaniment_shipped.py``: a module that loads the shipped content cannot also
build the small test territories."""

import copy
import glob
import json
from pathlib import Path

import pytest

from content.loader import ContentError, load_content
from essmap import paths
from programmes.models import NOT_ACCOMPANYING_KINDS, Structure
from tests.content.test_content_loader import GOOD, write

CONTENT = sorted(glob.glob(str(paths.CONTENT_DIR / "*.json")))


def with_general(kind="cae", **general):
    content = copy.deepcopy(GOOD)
    coodem = content["structures"][1]
    coodem["kind"] = kind
    coodem["general_accompaniment"] = {
        "stages": ["creation", "developpement"],
        "sources": [{"document": "003_test.txt", "section": "CAE (l. 1-6)"}],
    } | general
    return content


@pytest.mark.django_db
def test_the_stages_are_loaded_with_their_sources(territories, tmp_path):
    load_content([write(tmp_path, with_general())])
    coodem = Structure.objects.get(slug="coodem")
    assert coodem.general_stages == ["creation", "developpement"]
    cited = set(coodem.citations.values_list("document__file_name", "section"))
    assert ("003_test.txt", "CAE (l. 1-6)") in cited


@pytest.mark.django_db
def test_the_file_is_the_truth_on_update(territories, tmp_path):
    load_content([write(tmp_path, with_general())])
    load_content([write(tmp_path, GOOD)], update=True)
    assert Structure.objects.get(slug="coodem").general_stages == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("general", "problem"),
    [
        ({"sources": []}, "aucune source citée pour l’accompagnement général"),
        ({"stages": ["lancement"]}, "étape inconnue « lancement »"),
        ({"stages": []}, "accompagnement général sans étape"),
    ],
)
def test_a_general_accompaniment_needs_known_stages_and_a_source(
    territories, tmp_path, general, problem
):
    with pytest.raises(ContentError) as error:
        load_content([write(tmp_path, with_general(**general))])
    assert any(problem in p for p in error.value.problems), error.value.problems
    assert not Structure.objects.exists()


@pytest.mark.django_db
def test_a_funder_cannot_have_one(territories, tmp_path):
    with pytest.raises(ContentError) as error:
        load_content([write(tmp_path, with_general(kind="financeur"))])
    assert any("financeur ou une collectivité" in p for p in error.value.problems)


# ---------------------------------------------------------------------------
# The shipped content


def shipped_structures():
    for path in CONTENT:
        yield from json.loads(Path(path).read_text(encoding="utf-8")).get("structures", [])


def test_every_shipped_general_accompaniment_cites_the_lines_that_say_so():
    declared = [e for e in shipped_structures() if "general_accompaniment" in e]
    assert len(declared) >= 15
    for entry in declared:
        assert entry["kind"] not in NOT_ACCOMPANYING_KINDS, entry["slug"]
        for source in entry["general_accompaniment"]["sources"]:
            assert "(l. " in source["section"], (entry["slug"], source)
