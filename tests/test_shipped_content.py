"""The directory's shipped content (fixtures/content, built from the seed documents).

Loads the national reference and every content file once (about 15 s), then checks the
rules of the content issue and facts spot-checked against the documents.
"""

import glob
import json
import re
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from programmes.models import Programme, Structure
from territories.models import Territory
from tests.conftest import ensure_migration_rows

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.national,
]

CONTENT = sorted(glob.glob(str(Path(settings.BASE_DIR) / "fixtures" / "content" / "*.json")))


def entries(kind):
    for path in CONTENT:
        yield from json.loads(Path(path).read_text(encoding="utf-8")).get(kind, [])


def normalized(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def test_content_files_follow_the_rules():
    programmes = list(entries("programmes"))
    structures = list(entries("structures"))
    assert len(structures) >= 130 and len(programmes) >= 75
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


def test_shipped_content_is_loaded_and_answers_real_questions(client):
    ensure_migration_rows()
    call_command("load_shipped_data")

    # Every territory a content file names is a real territory.
    keys = {
        key
        for e in [*entries("structures"), *entries("programmes")]
        for key in e.get("territories", []) + ([e["commune"]] if e.get("commune") else [])
    }
    assert (
        keys and set(Territory.objects.filter(key__in=keys).values_list("key", flat=True)) == keys
    )

    # The public lists show all of it.
    structures = client.get("/structures/?format=json&par_page=500").json()
    assert structures["count"] == Structure.objects.published().count() >= 130
    programmes = client.get(
        "/programmes/?format=json&par_page=500&statut=actif&statut=experimental&statut=termine"
    ).json()
    assert programmes["count"] == Programme.objects.published().count() >= 75

    def structure(slug):
        return Structure.objects.get(slug=slug)

    def programme(slug):
        return Programme.objects.get(slug=slug)

    # 002 — Baticréateurs 44: SCOP, 2008, Loire-Atlantique, bâtiment.
    bati = structure("baticreateurs-44")
    assert "SCOP" in bati.legal_form and bati.founded_year == 2008
    assert [t.key for t in bati.territories.all()] == ["dep-44"]
    assert [s.value for s in bati.sectors.all()] == ["batiment"]
    # 002 — Coodem: SCOP created in 2003; CIAP: SCIC created in 2012, agriculture.
    assert structure("coodem").founded_year == 2003 and "SCOP" in structure("coodem").legal_form
    ciap = structure("ciap-pays-de-la-loire")
    assert "SCIC" in ciap.legal_form and ciap.founded_year == 2012
    assert "agriculture-alimentation" in ciap.sectors.values_list("value", flat=True)
    # 000/003 — May'Idées: APESS 53, idée, Mayenne, next step a test in the CAE Coodem.
    may = programme("may-idees")
    assert may.operators == [structure("apess-53")] and may.stages == ["idee"]
    assert "dep-53" in may.territories.values_list("key", flat=True)
    assert "test-activite-coodem" in may.next_steps.values_list("slug", flat=True)
    # 001 — Migracoop's ephemeral cooperatives ran in 2019–2020 in Paris 18e and have ended.
    ephemeral = programme("cooperatives-ephemeres-migracoop")
    assert (ephemeral.status, ephemeral.start_year, ephemeral.end_year) == ("termine", 2019, 2020)
    assert "75118" in ephemeral.territories.values_list("key", flat=True)
    # 004 — Valenciennes Métropole's ESS strategy covers its EPCI.
    assert list(
        programme("strategie-ess-valenciennes-metropole").territories.values_list("key", flat=True)
    ) == ["245901160"]
    # 003 — Idéateur de TAg35: idée, Ille-et-Vilaine, then the TAg35 incubator.
    ideateur = programme("ideateur-tag35")
    assert ideateur.stages == ["idee"]
    assert "incubateur-tag35" in ideateur.next_steps.values_list("slug", flat=True)
    # 003 — ATIS has run « Premiers pas » across Nouvelle-Aquitaine since 2018.
    premiers_pas = programme("premiers-pas-atis")
    assert premiers_pas.start_year == 2018 and structure("atis") in premiers_pas.operators
    assert "reg-75" in premiers_pas.territories.values_list("key", flat=True)
    # 003 — Villages Vivants, a foncière solidaire created in 2018.
    villages = structure("villages-vivants")
    assert villages.kind.value == "fonciere-solidaire" and villages.founded_year == 2018
    # 003 — someone in Ligugé (Vienne) at the creation stage finds Les Usines.
    body = client.get("/programmes/?territoire=86133&etape=creation&format=json").json()
    runners = {s["name"] for r in body["results"] for s in r["structures"]}
    assert "Les Usines" in runners
    # Ended experiments are hidden by default but reachable.
    default = client.get("/programmes/?format=json&par_page=500").json()["results"]
    assert "cooperatives-ephemeres-migracoop" not in {r["slug"] for r in default}
    assert client.get("/programmes/cooperatives-ephemeres-migracoop/").status_code == 200
