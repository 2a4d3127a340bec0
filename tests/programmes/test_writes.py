"""programmes.writes, the one write path: each link rule sets exactly what it is given, writes
nothing the second time, records its reason; upsert; one history record per entry written."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from programmes import writes
from programmes.models import (
    Person,
    PersonProgramme,
    Programme,
    ProgrammeStructure,
    Public,
    SourceDocument,
    Structure,
    StructureKind,
    StructureRole,
)
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
OPERATOR, PARTNER = StructureRole.OPERATOR, StructureRole.PARTNER


def roles(programme):
    return sorted(programme.structure_links.values_list("structure__slug", "role"))


@pytest.fixture
def three(territories):
    return [make_structure(name) for name in ("Alpha", "Beta", "Gamma")]


# -- provenance: what a structure's team declared -------------------------------------------


def test_declared_fields_keep_their_mark_until_someone_else_writes_them(territories):
    alpha = make_structure("Alpha", description="Sourcée")
    alpha.description, alpha.email = "Par l’équipe", "equipe@alpha.example.org"
    writes.declare(alpha, ["description", "email"], on=datetime.date(2026, 5, 4))
    writes.save(alpha, "Modifiée par la structure")
    assert Structure.objects.get(pk=alpha.pk).declared_fields == {
        "description": "2026-05-04",
        "email": "2026-05-04",
    }
    # A curator corrects the e-mail: its mark goes; the description's stays.
    alpha = Structure.objects.get(pk=alpha.pk)
    alpha.email = "contact@alpha.example.org"
    alpha.website = "https://alpha.example.org/"
    writes.save(alpha, "Modifiée dans l’administration")
    assert Structure.objects.get(pk=alpha.pk).declared_fields == {"description": "2026-05-04"}
    # A write that leaves the description as it is keeps its mark, with update_fields too.
    alpha.verified_on = datetime.date(2026, 6, 1)
    writes.save(alpha, "Confirmé à jour", update_fields=["verified_on"])
    assert Structure.objects.get(pk=alpha.pk).declared_fields == {"description": "2026-05-04"}
    alpha.description = "Réécrite par une curatrice"
    writes.save(alpha, "Confirmé à jour", update_fields=["description"])
    assert Structure.objects.get(pk=alpha.pk).declared_fields == {}


def test_a_declared_list_of_links_loses_its_mark_when_an_import_sets_it(three):
    alpha, beta, _ = three
    writes.declare(alpha, ["partners"], on=datetime.date(2026, 5, 4))
    writes.set_links(alpha, "partners", [beta])
    writes.save(alpha, "Modifiée par la structure")
    alpha = Structure.objects.get(pk=alpha.pk)
    assert alpha.declared_fields == {"partners": "2026-05-04"}
    assert writes.set_links(alpha, "partners", [beta]) is False  # the same: mark kept
    assert Structure.objects.get(pk=alpha.pk).declared_fields == {"partners": "2026-05-04"}
    writes.set_links(alpha, "partners", [])
    assert Structure.objects.get(pk=alpha.pk).declared_fields == {}


# -- a programme's structures with one role ----------------------------------------------


def test_the_structures_of_a_role_are_set_exactly_and_other_roles_stay(three):
    alpha, beta, gamma = three
    programme = make_programme("Couveuse", operators=[alpha, beta])
    ProgrammeStructure.objects.create(programme=programme, structure=gamma, role=PARTNER)

    assert writes.set_role_structures(programme, OPERATOR, [beta, gamma], "essai")

    assert roles(programme) == [
        ("beta", OPERATOR),
        ("gamma", OPERATOR),
        ("gamma", PARTNER),
    ]


def test_setting_the_same_structures_again_writes_nothing(three, django_assert_num_queries):
    alpha, beta, _ = three
    programme = make_programme("Couveuse", operators=[alpha, beta])
    records = ProgrammeStructure.history.count()
    programme = Programme.objects.prefetch_related("structure_links").get(pk=programme.pk)
    with django_assert_num_queries(0):  # the prefetched links say it already
        assert not writes.set_role_structures(programme, OPERATOR, [alpha, beta], "essai")
    assert ProgrammeStructure.history.count() == records


def test_the_links_history_records_the_reason_of_each_change(three):
    alpha, beta, _ = three
    programme = make_programme("Couveuse", operators=[alpha])
    writes.set_role_structures(programme, OPERATOR, [beta], "import de test")
    changes = ProgrammeStructure.history.filter(history_change_reason="import de test")
    assert sorted(changes.values_list("history_type", "structure__slug")) == [
        ("+", "beta"),
        ("-", "alpha"),
    ]


def test_every_role_at_once_removes_the_roles_not_given(three):
    alpha, beta, gamma = three
    programme = make_programme("Couveuse", operators=[alpha])
    ProgrammeStructure.objects.create(programme=programme, structure=gamma, role=PARTNER)
    writes.set_all_role_structures(programme, [(beta, StructureRole.FUNDER)], "essai")
    assert roles(programme) == [("beta", StructureRole.FUNDER)]


# -- a person's programmes -------------------------------------------------------------


def test_a_persons_programmes_are_set_exactly_with_their_relation(territories):
    first, second, third = (make_programme(n) for n in ("Un", "Deux", "Trois"))
    person = Person.objects.create(name="Camille")
    PersonProgramme.objects.create(person=person, programme=first)
    PersonProgramme.objects.create(person=person, programme=second)

    assert writes.set_person_programmes(person, {second: "temoignage", third.pk: "contact"})

    assert sorted(person.programme_links.values_list("programme__slug", "relation")) == [
        ("deux", "temoignage"),
        ("trois", "contact"),
    ]
    assert not writes.set_person_programmes(person, {second: "temoignage", third: "contact"})


# -- lists of links and citations --------------------------------------------------------


def test_a_list_of_links_is_set_exactly_then_left_alone(three):
    alpha, beta, gamma = three
    jeunes, femmes = Public.objects.get(value="jeunes"), Public.objects.get(value="femmes")
    assert writes.set_links(alpha, "publics", [jeunes, femmes])
    assert writes.set_links(alpha, "partners", [beta])
    assert not writes.set_links(alpha, "publics", [femmes, jeunes])
    assert writes.set_links(alpha, "publics", [femmes.pk])
    assert list(alpha.publics.all()) == [femmes]
    assert list(beta.partners.all()) == [alpha]  # partnership is mutual


def test_adding_links_keeps_the_others_and_records_nothing_when_present(three):
    alpha, beta, gamma = three
    alpha.networks.add(beta)
    records = alpha.history.count()
    assert not writes.add_links(alpha, "networks", [beta])
    assert alpha.history.count() == records  # an empty add would write a history record
    assert writes.add_links(alpha, "networks", [gamma])
    assert sorted(alpha.networks.values_list("slug", flat=True)) == ["beta", "gamma"]


def test_citations_are_synced_exactly_or_only_added(three):
    alpha = three[0]
    one = SourceDocument.objects.create(file_name="001.txt", title="Un")
    two = SourceDocument.objects.create(file_name="002.txt", title="Deux")
    assert writes.sync_citations(alpha, [(one, "l. 1-2"), ("002.txt", "")])
    assert not writes.sync_citations(alpha, [("001.txt", "l. 1-2"), (two, None)])
    assert writes.sync_citations(alpha, [(two, "fin")])
    assert list(alpha.citations.values_list("document__file_name", "section")) == [
        ("002.txt", "fin")
    ]
    assert writes.sync_citations(alpha, [(one, "")], remove=False)
    assert alpha.citations.count() == 2


# -- entries -----------------------------------------------------------------------------


def test_upsert_creates_updates_or_leaves_unchanged_with_its_reason(territories):
    kind = StructureKind.objects.get(value="cae")
    values = {"name": "Coodem", "kind": kind}
    entry, outcome = writes.upsert(Structure, {"slug": "coodem"}, values, "premier")
    assert outcome == writes.CREATED
    assert writes.upsert(Structure, {"slug": "coodem"}, values, "second")[1] == writes.UNCHANGED
    renamed = values | {"name": "Coodem 53"}
    assert writes.upsert(Structure, {"slug": "coodem"}, renamed, "x", update=False)[1] == (
        writes.UNCHANGED
    )
    assert writes.upsert(Structure, {"slug": "coodem"}, renamed, "renommée")[1] == writes.UPDATED
    assert list(entry.history.values_list("history_change_reason", flat=True)) == [
        "renommée",
        "premier",
    ]


def test_upsert_validates_before_writing(territories):
    values = {"name": "Coodem", "kind": StructureKind.objects.get(value="cae"), "website": "x"}
    with pytest.raises(ValidationError):
        writes.upsert(Structure, {"slug": "coodem"}, values, "essai")
    assert not Structure.objects.exists()


# -- history -----------------------------------------------------------------------------


def test_a_batch_records_one_history_record_per_entry_with_its_links(territories):
    kind = StructureKind.objects.get(value="cae")
    with writes.history_batch() as batch:
        entry = Structure(name="Coodem", kind=kind)
        writes.save(entry, "lot de test", batch=batch)
        writes.set_links(entry, "territories", [territories["dep53"]], new=True)
        writes.set_links(entry, "publics", Public.objects.filter(value="jeunes"), new=True)
        writes.save(entry, "lot de test", batch=batch)  # saved twice: still one creation
    record = entry.history.get()
    assert (record.history_type, record.history_change_reason) == ("+", "lot de test")
    assert [link.territory.key for link in record.territories.all()] == ["dep-53"]
    assert [link.public.value for link in record.publics.all()] == ["jeunes"]


def test_an_entry_whose_links_alone_changed_gets_one_update_record(three):
    alpha = three[0]
    records = alpha.history.count()
    with writes.history_batch() as batch:
        batch.hold(alpha)
        if writes.set_links(alpha, "partners", three[1:]):
            batch.written(alpha, "liens seuls")
    assert alpha.history.count() == records + 1
    assert alpha.history.first().history_change_reason == "liens seuls"


def test_a_failed_batch_records_nothing_and_lets_later_saves_record(territories):
    kind = StructureKind.objects.get(value="cae")
    entry = Structure(name="Coodem", kind=kind)

    def failing_batch():
        with writes.history_batch() as batch:
            writes.save(entry, "lot", batch=batch)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        failing_batch()
    assert entry.history.count() == 0
    writes.save(entry, "après")
    assert entry.history.get().history_change_reason == "après"


# -- the rule itself -------------------------------------------------------------------

WRITE_PATHS = [
    "content",
    "bulk",
    "opendata",
    "suggestions",
    "curation",
    "programmes",
    "self_service",
]
LINK_WRITES = re.compile(
    r"ProgrammeStructure(\.objects\.create|\(programme=)|PersonProgramme\.objects\.(create|update_or_create)"
    r"|(structure_links|programme_links|citations)[^\n]*\.delete\(\)|_change_reason\s*="
    r"|\.(territories|publics|sectors|formats|partners|networks|next_steps)\.(set|add|remove)\("
)


def test_entries_and_links_are_written_only_by_the_writes_module():
    """The link rules are written once (issue 22): no other module of the write paths writes
    a programme's structures, a person's programmes, citations, lists of links or history
    reasons itself."""
    found = []
    for app in WRITE_PATHS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts or path == ROOT / "programmes" / "writes.py":
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if LINK_WRITES.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []
