"""The benchmark tools on a tiny slice: the generator says what it writes, writes the same
thing for the same seed, and --clear removes only its own entries; bench_pages runs."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from benchmarks import synthetic
from programmes.models import Programme, ProgrammeStructure, StructureRole
from territories.models import Territory
from tests.conftest import make_programme, make_structure


def generate(*extra):
    out = io.StringIO()
    call_command("generate_content", "--structures", "20", "--programmes", "60", *extra, stdout=out)
    return out.getvalue()


def snapshot():
    """What was generated, independent of primary keys."""
    programmes = synthetic.synthetic(Programme).order_by("slug")
    return [
        (
            p.slug,
            p.name,
            p.description,
            p.stages,
            p.is_free,
            p.status,
            sorted(t.key for t in p.territories.all()),
            sorted((link.structure.slug, link.role) for link in p.structure_links.all()),
            sorted(n.slug for n in p.next_steps.all()),
            sorted(v.value for v in p.publics.all()),
        )
        for p in programmes.prefetch_related(
            "territories", "structure_links__structure", "next_steps", "publics"
        )
    ]


def test_generator_writes_what_it_says_on_a_small_slice(territories):
    output = generate()
    assert "20 structures" in output
    assert "60 dispositifs" in output
    structures = synthetic.synthetic(synthetic.Structure)
    programmes = synthetic.synthetic(Programme)
    assert structures.count() == 20
    assert programmes.count() == 60
    assert set(structures.values_list("commune__kind", flat=True)) == {"commune"}
    # The slice's communes have no centre: the structures have no coordinates either.
    assert not structures.exclude(latitude=None).exists()
    for programme in programmes.prefetch_related("structure_links"):
        operators = [link for link in programme.structure_links.all() if link.role == "operateur"]
        assert 1 <= len(operators) <= 2
        assert 1 <= len(programme.stages) <= 3
        assert 300 <= len(programme.description) <= 800
    # Published, and found by the application's own search.
    assert programmes.published().count() == 60
    assert not programmes.filter(search_title="").exists()
    assert not structures.filter(search_title="").exists()


def test_same_seed_same_content_another_seed_another(territories):
    generate()
    first = snapshot()
    generate("--clear")
    assert snapshot() == first
    generate("--clear", "--seed", "2")
    assert snapshot() != first


def test_clear_removes_only_synthetic_entries(territories):
    shipped_structure = make_structure("Coodem", territories=[territories["dep53"]])
    shipped = make_programme("May’Idées", operators=[shipped_structure])
    generate()
    synthetic_one = synthetic.synthetic(Programme).first()
    shipped.next_steps.add(synthetic_one)
    synthetic.clear(log=lambda message: None)
    assert synthetic.existing() == (0, 0)
    assert Programme.objects.get() == shipped
    assert shipped.next_steps.count() == 0
    link = ProgrammeStructure.objects.get()
    assert (link.programme, link.structure, link.role) == (
        shipped,
        shipped_structure,
        StructureRole.OPERATOR,
    )


def test_generator_refuses_to_run_twice_without_clear(territories):
    generate()
    with pytest.raises(CommandError, match="--clear"):
        generate()


def test_generator_refuses_without_territories(db):
    Territory.objects.filter(kind="commune").delete()
    with pytest.raises(CommandError, match="load_shipped_data"):
        generate()


def test_bench_pages_prints_a_table(territories, tmp_path):
    generate()
    out, err = io.StringIO(), io.StringIO()
    raw = tmp_path / "bench.json"
    call_command(
        "bench_pages", "--runs", "1", "--warmup", "0", "--json", str(raw), stdout=out, stderr=err
    )
    table = out.getvalue()
    assert "| Page | Adresse | HTTP |" in table
    assert "| plancher (santé) | `/sante/` | 200 | 1 | 1 |" in table
    data = json.loads(raw.read_text())
    assert data["programmes"] == 60
    statuses = {page["url"]: page["status"] for page in data["pages"]}
    assert all(status == [200] for status in statuses.values()), statuses


@pytest.mark.parametrize(("mode", "cached"), [("nouvelle", False), ("cache", True)])
def test_bench_pages_modes_meet_the_page_cache_as_said(territories, tmp_path, mode, cached):
    """« nouvelle » asks a never-asked address each time (the page is computed), « cache »
    the same address (answered by the page cache: the content version and the page)."""
    generate()
    raw = tmp_path / "bench.json"
    call_command(
        "bench_pages", "--runs", "2", "--warmup", "1", "--mode", mode, "--json", str(raw),
        stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip
    data = json.loads(raw.read_text())
    assert data["mode"] == mode
    listing = next(page for page in data["pages"] if page["url"] == "/programmes/")
    assert (max(listing["queries"]) <= 2) is cached, listing["queries"]
