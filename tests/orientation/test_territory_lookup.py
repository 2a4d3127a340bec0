"""The territory of ``?territoire=`` is looked up once per request, however many filter sets
(facets, ways out) the page derives from the search."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db

LOOKUP_BY_KEY = re.compile(r'"territories_territory"\."key" = ')


def key_lookups(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries if LOOKUP_BY_KEY.search(q["sql"])]


@pytest.mark.parametrize(
    "query",
    [
        "territoire=53147&etape=creation",
        "territoire=53147&etape=creation&q=couture",  # no result: the ways out too
        "territoire=53147&etape=idee&etape=creation&public=jeunes",
    ],
)
def test_the_territory_is_looked_up_once(client, territories, query):
    operator = make_structure("Coodem", territories=[territories["dep53"]])
    make_programme("Test en CAE", stages=("creation",), operators=[operator])
    assert len(key_lookups(client, f"/programmes/?{query}")) == 1


def test_what_a_form_resolved_does_not_outlive_it(territories):
    """Two requests never share a lookup (the territory may have changed in between)."""
    from orientation.filters import ProgrammeFilterSet
    from programmes.models import Programme

    first = ProgrammeFilterSet({"territoire": "53147"}, queryset=Programme.objects.all())
    assert first.is_valid()
    second = ProgrammeFilterSet({"territoire": "53147"}, queryset=Programme.objects.all())
    assert second.form.fields["territoire"].resolved == {}
    assert first.form.fields["territoire"].resolved is not second.form.fields["territoire"].resolved
