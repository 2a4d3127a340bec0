"""The data·inclusion export of the shipped content, and of generated content at national
scale: every record passes the schema's models, warnings included."""

import io
import statistics

import pytest
from data_inclusion.schema import v1
from data_inclusion.schema.v1 import score_qualite
from django.core.management import call_command

from benchmarks import synthetic
from opendata import exports
from programmes.models import Programme, Structure
from tests.opendata.test_export import assert_valid

pytestmark = [pytest.mark.national, pytest.mark.django_db, pytest.mark.usefixtures("shipped_data")]


def test_the_shipped_content_exports_valid_records():
    structures, services = exports.structure_records(), exports.service_records()
    assert_valid(structures, services)
    assert len(structures) == Structure.objects.published().count()
    unexported = exports.unexported_programmes()
    published = Programme.objects.published().count()
    assert len(services) + unexported["ended"] + unexported["without_operator"] == published
    # The networks the schema knows, read from the shipped networks.
    by_id = {s["id"]: s for s in structures}
    assert by_id["essmap--bge-anjou-maine"]["reseaux_porteurs"] == ["reseau-bge"]
    assert "france-active" in by_id["essmap--france-active-normandie"]["reseaux_porteurs"]
    # Régions, PNR and Pays never reach the zones: only codes the schema accepts.
    zones = {code for s in services for code in s.get("zone_eligibilite", [])}
    assert zones
    assert all(code == "france" or code.isalnum() for code in zones)
    # data·inclusion's quality score (0 to 1), said in docs/open-data.md.
    scores = [score_qualite.score(v1.Service(**s)) for s in services]
    mean = statistics.mean(total for total, _ in scores)
    criteria = {
        name: statistics.mean(v for _, d in scores if (v := d[name]) is not None)
        for name in scores[0][1]
        if any(d[name] is not None for _, d in scores)
    }
    print(
        f"\n{len(structures)} structures, {len(services)} services, {unexported}; "
        f"score qualité moyen {mean:.2f} {criteria}"
    )


def test_generated_national_content_exports_valid_records():
    call_command(
        "generate_content", "--structures", "30", "--programmes", "90", stdout=io.StringIO()
    )
    structures, services = exports.structure_records(), exports.service_records()
    assert_valid(structures, services)
    generated = [s for s in services if s["id"].startswith("essmap--synth-")]
    assert len(generated) == synthetic.synthetic(Programme).published().current().count()
