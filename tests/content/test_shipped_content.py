"""The directory's shipped content (essmap/fixtures/content, built from the seed documents).

Checks the rules of the content issue on the files, then loads the national reference and
every content file once for the module (about 15 s, ``shipped_data`` in conftest) and checks
facts spot-checked against the documents.
"""

import glob
import json
import re
import unicodedata
from pathlib import Path

import pytest

from essmap import paths
from programmes.models import Programme, Structure
from territories.models import Territory

pytestmark = pytest.mark.national


def loaded(test):
    """For tests on the loaded content (the checks of the files themselves need no database)."""
    return pytest.mark.django_db(pytest.mark.usefixtures("shipped_data")(test))


CONTENT = sorted(glob.glob(str(paths.CONTENT_DIR / "*.json")))


def entries(kind):
    for path in CONTENT:
        yield from json.loads(Path(path).read_text(encoding="utf-8")).get(kind, [])


def normalized(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def test_content_files_follow_the_rules():
    programmes = list(entries("programmes"))
    structures = list(entries("structures"))
    assert len(structures) >= 130
    assert len(programmes) >= 75
    for programme in programmes:
        assert programme.get("stages"), programme["slug"]
        assert programme.get("structures"), programme["slug"]
        assert programme.get("sources"), programme["slug"]
    for structure in structures:
        assert structure.get("sources"), structure["slug"]
    # An alias points to one entry only, and never to another entry's name.
    owners = {}
    for entry in programmes + structures:
        for alias in entry.get("aliases", []):
            key = normalized(alias)
            assert owners.setdefault(key, entry["slug"]) == entry["slug"], alias
    names = {normalized(e["name"]): e["slug"] for e in programmes + structures}
    for alias, slug in owners.items():
        assert names.get(alias, slug) == slug, alias


def structure(slug):
    return Structure.objects.get(slug=slug)


def programme(slug):
    return Programme.objects.get(slug=slug)


@loaded
def test_every_territory_a_content_file_names_is_a_real_territory():
    keys = {
        key
        for e in [*entries("structures"), *entries("programmes")]
        for key in e.get("territories", []) + ([e["commune"]] if e.get("commune") else [])
    }
    assert keys
    assert set(Territory.objects.filter(key__in=keys).values_list("key", flat=True)) == keys


@loaded
def test_the_public_lists_show_all_of_it(client):
    structures = client.get("/structures/?format=json&par_page=500").json()
    assert structures["count"] == Structure.objects.published().count() >= 130
    programmes = client.get(
        "/programmes/?format=json&par_page=500&statut=actif&statut=experimental&statut=termine"
    ).json()
    assert programmes["count"] == Programme.objects.published().count() >= 75


@loaded
def test_002_baticreateurs_44_scop_2008_loire_atlantique_batiment():
    bati = structure("baticreateurs-44")
    assert "SCOP" in bati.legal_form
    assert bati.founded_year == 2008
    assert [t.key for t in bati.territories.all()] == ["dep-44"]
    assert [s.value for s in bati.sectors.all()] == ["batiment"]


@loaded
def test_002_coodem_scop_2003_and_ciap_scic_2012_agriculture():
    assert structure("coodem").founded_year == 2003
    assert "SCOP" in structure("coodem").legal_form
    ciap = structure("ciap-pays-de-la-loire")
    assert "SCIC" in ciap.legal_form
    assert ciap.founded_year == 2012
    assert "agriculture-alimentation" in ciap.sectors.values_list("value", flat=True)


@loaded
def test_000_003_may_idees_apess_53_idea_mayenne_then_a_test_at_coodem():
    may = programme("may-idees")
    assert may.operators == [structure("apess-53")]
    assert may.stages == ["idee"]
    assert "dep-53" in may.territories.values_list("key", flat=True)
    assert "test-activite-coodem" in may.next_steps.values_list("slug", flat=True)


@loaded
def test_001_migracoop_ephemeral_cooperatives_ran_2019_2020_in_paris_18e_and_ended():
    ephemeral = programme("cooperatives-ephemeres-migracoop")
    assert (ephemeral.status, ephemeral.start_year, ephemeral.end_year) == ("termine", 2019, 2020)
    assert "75118" in ephemeral.territories.values_list("key", flat=True)


@loaded
def test_004_valenciennes_metropole_ess_strategy_covers_its_epci():
    assert list(
        programme("strategie-ess-valenciennes-metropole").territories.values_list("key", flat=True)
    ) == ["245901160"]


@loaded
def test_003_ideateur_tag35_idea_then_the_tag35_incubator():
    ideateur = programme("ideateur-tag35")
    assert ideateur.stages == ["idee"]
    assert "incubateur-tag35" in ideateur.next_steps.values_list("slug", flat=True)


@loaded
def test_003_atis_runs_premiers_pas_across_nouvelle_aquitaine_since_2018():
    premiers_pas = programme("premiers-pas-atis")
    assert premiers_pas.start_year == 2018
    assert structure("atis") in premiers_pas.operators
    assert "reg-75" in premiers_pas.territories.values_list("key", flat=True)


@loaded
def test_003_villages_vivants_fonciere_solidaire_2018():
    villages = structure("villages-vivants")
    assert villages.kind.value == "fonciere-solidaire"
    assert villages.founded_year == 2018


@loaded
def test_003_someone_in_liguge_at_creation_finds_les_usines(client):
    body = client.get("/programmes/?territoire=86133&etape=creation&format=json").json()
    runners = {s["name"] for r in body["results"] for s in r["structures"]}
    assert "Les Usines" in runners


@loaded
def test_ended_experiments_are_hidden_by_default_but_reachable(client):
    default = client.get("/programmes/?format=json&par_page=500").json()["results"]
    assert "cooperatives-ephemeres-migracoop" not in {r["slug"] for r in default}
    assert client.get("/programmes/cooperatives-ephemeres-migracoop/").status_code == 200
