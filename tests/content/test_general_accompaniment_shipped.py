"""In the shipped content, Élan, the Creuse CAE, answers Guéret and Felletin at the création
stage through its general accompaniment (issue 12 §2)."""

import pytest

from programmes.models import NOT_ACCOMPANYING_KINDS

GUERET, FELLETIN = "23096", "23079"

loaded = pytest.mark.usefixtures("shipped_data")


@pytest.mark.national
@pytest.mark.django_db
@loaded
@pytest.mark.parametrize("commune", [GUERET, FELLETIN])
def test_elan_answers_a_search_at_the_creation_stage(client, commune):
    body = client.get(f"/programmes/?territoire={commune}&etape=creation&format=json").json()
    assert "elan-creuse" in [s["slug"] for s in body["structures"]]
    assert not {s["kind"] for s in body["structures"]} & set(NOT_ACCOMPANYING_KINDS)


@pytest.mark.national
@pytest.mark.django_db
@loaded
@pytest.mark.parametrize("commune", [GUERET, FELLETIN])
def test_elan_is_on_the_sheet_at_the_creation_stage(client, commune):
    html = client.get(f"/territoires/{commune}/").content.decode()
    creation = html.split('id="stage-creation"')[1].split('id="stage-developpement"')[0]
    # Its own card (its programme's card also names it, as its operator).
    assert '<h4 class="card-title"><a href="/structures/elan-creuse/">Élan</a></h4>' in creation
    idee = html.split('id="stage-idee"')[1].split('id="stage-creation"')[0]
    assert "/structures/elan-creuse/" not in idee
