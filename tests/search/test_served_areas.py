"""Where a programme is available (programmes.ServedArea) follows every write to what it is
derived from, once the transaction commits: the programme's territories, its operators, and
its operators' territories when it lists none."""

import pytest

from programmes.models import (
    Programme,
    ProgrammeStructure,
    ServedArea,
    Structure,
    StructureRole,
    StructureServedArea,
)
from territories.models import TerritoryKind
from tests.conftest import make_programme, make_structure, make_territory

pytestmark = pytest.mark.django_db


def serving(territory):
    return sorted(Programme.objects.serving(territory).values_list("name", flat=True))


def test_a_programme_listing_territories_serves_them_not_its_operators(territories):
    operator = make_structure("Coodem", territories=[territories["dep53"]])
    make_programme("Atelier", territories=[territories["dep44"]], operators=[operator])
    assert serving(territories["nantes"]) == ["Atelier"]
    assert serving(territories["laval"]) == []


def test_changing_a_programmes_territories_moves_it(
    territories, django_capture_on_commit_callbacks
):
    programme = make_programme("Atelier", territories=[territories["dep53"]])
    with django_capture_on_commit_callbacks(execute=True):
        programme.territories.set([territories["dep44"]])
    assert serving(territories["laval"]) == []
    assert serving(territories["nantes"]) == ["Atelier"]


def test_a_programme_listing_none_follows_its_operators_territories(
    territories, django_capture_on_commit_callbacks
):
    operator = make_structure("Coodem", territories=[territories["dep53"]])
    make_programme("Test d’activité", operators=[operator])
    assert serving(territories["laval"]) == ["Test d’activité"]
    with django_capture_on_commit_callbacks(execute=True):
        operator.territories.set([territories["dep44"]])
    assert serving(territories["laval"]) == []
    assert serving(territories["nantes"]) == ["Test d’activité"]


def test_adding_and_removing_an_operator_changes_where_it_serves(
    territories, django_capture_on_commit_callbacks
):
    programme = make_programme("Test d’activité")
    assert serving(territories["laval"]) == []
    operator = make_structure("Coodem", territories=[territories["dep53"]])
    with django_capture_on_commit_callbacks(execute=True):
        link = ProgrammeStructure.objects.create(programme=programme, structure=operator)
    assert serving(territories["laval"]) == ["Test d’activité"]
    with django_capture_on_commit_callbacks(execute=True):
        link.role = StructureRole.FUNDER
        link.save()
    assert serving(territories["laval"]) == []
    with django_capture_on_commit_callbacks(execute=True):
        link.role = StructureRole.OPERATOR
        link.save()
    with django_capture_on_commit_callbacks(execute=True):
        link.delete()
    assert serving(territories["laval"]) == []


def test_a_rolled_back_change_leaves_the_areas_as_they_were(
    territories, django_capture_on_commit_callbacks
):
    programme = make_programme("Atelier", territories=[territories["dep53"]])
    with django_capture_on_commit_callbacks(execute=False):
        programme.territories.set([territories["dep44"]])
    assert serving(territories["laval"]) == ["Atelier"], "nothing rebuilt before the commit"
    assert ServedArea.objects.filter(programme=programme).count() == 1


def test_a_grouping_without_members_serves_its_departements_approximately(
    client, territories, django_capture_on_commit_callbacks
):
    t = territories
    park = make_territory(TerritoryKind.PNR, "test-parc", "Parc de test", [t["pdl"]])
    park.membership_complete = False
    park.save()
    programme = make_programme("Parc en transition", territories=[park])
    assert serving(t["mayenne"]) == []
    with django_capture_on_commit_callbacks(execute=True):
        park.lies_in.set([t["dep53"]])
    assert serving(t["mayenne"]) == ["Parc en transition"]
    assert serving(t["nantes"]) == []
    row = client.get("/programmes/?territoire=53147&format=json").json()["results"][0]
    assert row["reach"] == "departemental"
    assert row["reach_approximate"] is True
    assert "périmètre approché" in client.get("/programmes/?territoire=53147").content.decode()
    # Once its members are imported, the exact list wins.
    with django_capture_on_commit_callbacks(execute=True):
        t["laval"].containers.add(park)
        park.membership_complete = True
        park.save()
    assert serving(t["mayenne"]) == []
    assert serving(t["laval"]) == ["Parc en transition"]
    assert not ServedArea.objects.filter(programme=programme, approximate=True).exists()


def test_a_structures_general_accompaniment_follows_its_territories(
    territories, django_capture_on_commit_callbacks
):
    def answering(territory):
        return list(
            Structure.objects.general_accompaniment(territory).values_list("name", flat=True)
        )

    cae = make_structure("Coodem", territories=[territories["dep53"]], general_stage_creation=True)
    assert answering(territories["laval"]) == ["Coodem"]
    with django_capture_on_commit_callbacks(execute=True):
        cae.territories.set([territories["dep44"]])
    assert answering(territories["laval"]) == []
    assert answering(territories["nantes"]) == ["Coodem"]
    with django_capture_on_commit_callbacks(execute=True):
        cae.general_stage_creation = False
        cae.save()
    assert answering(territories["nantes"]) == []
    assert not StructureServedArea.objects.exists()
