"""Every published support structure of the shipped content can be found in an answer of
``/programmes/`` for a place it serves (issue 24 §8), as ``manage.py unreached_structures``
measures it (``orientation.findability``) — or it is named below, with why no answer can name
it. The list is exact: a structure found again must leave it."""

import pytest

from orientation.findability import NO_PLACE, unreached_structures

# slug → why no answer names it. None of these sources gives a place: adding one takes a
# source that says where the structure works (content JSON, with its citation).
ALLOWED = {
    "cooperative-des-tiers-lieux": "named by the TRESSONS guide (Les Usines, Ligugé) for the "
    "HomeMade consortium only; no seat or served territory in any source",
    "cooproduction": "a society of means of CAEs (TRESSONS guide: co-founder of Ecooparc), not "
    "an accompaniment of people; no seat or served territory in the seed",
    "ipamac": "federation of the Massif central's regional parks; its area is the parks', "
    "which the guide does not list",
    "la-folle-aventure": "a cooperative bookshop of the south-west of the Ain, not a support "
    "structure; the guide gives no commune",
    "le-buffet-engage": "a restaurant d'insertion, not a support structure; the Valenciennes "
    "article gives no commune",
    "le-debut-des-haricots": "a food SCIC, external member of Ouvre-Boîtes 44/85, not a "
    "support structure; no place in the seed",
    "plateau-urbain": "a SCIC associated with Villages Vivants' foncière; no place in the sources",
    "reseau-crefad": "network of popular-education associations La Brèche belongs to; no "
    "place in the seed",
}


@pytest.mark.national
@pytest.mark.django_db
@pytest.mark.usefixtures("shipped_data")
def test_every_support_structure_is_found_where_it_serves():
    unreached = {item.structure.slug: item for item in unreached_structures()}
    assert set(unreached) == set(ALLOWED), {
        slug: item.reason for slug, item in unreached.items() if slug not in ALLOWED
    }
    # Each is unreachable for the reason the list gives: it has no place at all.
    assert {item.reason for item in unreached.values()} == {NO_PLACE}
