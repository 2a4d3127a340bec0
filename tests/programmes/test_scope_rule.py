"""Where an entry is: one rule (EntryQuerySet.in_scope) for regional editors' scopes, the
admin's région and département filters, the suggestion queue and the freshness dashboard."""

import pytest

from curation.dashboard import stale_counts_by_region
from programmes.models import Programme, ProgrammeStructure, Structure, StructureRole
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def national_run_from_laval(territories):
    operator = make_structure(
        "Coodem", territories=[territories["FR"]], commune=territories["laval"]
    )
    return make_programme(
        "Programme national", territories=[territories["FR"]], operators=[operator]
    )


def test_a_programme_is_located_where_its_operator_is_seated(territories, national_run_from_laval):
    t = territories
    for territory in (t["laval"], t["dep53"], t["pdl"]):
        assert list(Programme.objects.in_scope([territory])) == [national_run_from_laval]
    assert not Programme.objects.in_scope([t["dep44"]]).exists()


def test_a_partner_seat_does_not_locate_a_programme(territories):
    partner = make_structure("Partenaire nantais", commune=territories["nantes"])
    programme = make_programme("Dispositif landais", territories=[territories["dep40"]])
    ProgrammeStructure.objects.create(
        programme=programme, structure=partner, role=StructureRole.PARTNER
    )
    assert not Programme.objects.in_scope([territories["dep44"]]).exists()


def test_the_departement_and_region_filters_agree(
    admin_client, territories, national_run_from_laval
):
    """A national programme run from Laval shows under Mayenne as under Pays de la Loire."""
    t = territories
    url = "/admin/programmes/programme/"
    by_region = admin_client.get(url, {"region": t["pdl"].pk}).content.decode()
    by_departement = admin_client.get(url, {"departement": t["dep53"].pk}).content.decode()
    assert "Programme national" in by_region
    assert "Programme national" in by_departement
    elsewhere = admin_client.get(url, {"departement": t["dep40"].pk}).content.decode()
    assert "Programme national" not in elsewhere


def test_a_structure_is_located_at_its_seat_and_where_it_serves(territories):
    t = territories
    seated = make_structure("Siège à Nantes", commune=t["nantes"])
    serving = make_structure("Sert la Mayenne", territories=[t["dep53"]])
    assert list(Structure.objects.in_scope([t["dep44"]])) == [seated]
    assert list(Structure.objects.in_scope([t["mayenne"], t["dep53"]])) == [serving]


def test_the_dashboard_counts_by_the_same_rule(territories, national_run_from_laval):
    """Stale entries per région are those in_scope of that région."""
    structures, programmes = Structure.objects.all(), Programme.objects.all()
    rows = stale_counts_by_region(structures, programmes)
    assert [row[0] for row in rows] == [territories["pdl"]]
    for region, stale_structures, stale_programmes in rows:
        assert stale_structures == structures.stale().in_scope([region]).count()
        assert stale_programmes == programmes.stale().in_scope([region]).count()
