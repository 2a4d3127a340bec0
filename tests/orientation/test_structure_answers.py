"""Structures as answers (issue 12 §2): a structure's general accompaniment is shown beside the
programmes of a search and of a territory's sheet, where and at the stages it declares —
never a funder's or a collectivity's."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.models import Structure, StructureServedArea
from search import documents
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db

URL = "/programmes/"
BLOCK = 'id="structures-answers"'


def accompanying(name, stages=("creation",), **fields):
    """A structure whose general accompaniment covers ``stages``, served areas rebuilt."""
    structure = make_structure(
        name, **fields, **{f"general_stage_{stage}": True for stage in stages}
    )
    documents.refresh_structure(structure)
    return structure


def block(html):
    return html.split(BLOCK)[1].split("</section>")[0] if BLOCK in html else ""


def test_a_cae_appears_on_a_search_of_its_place_and_stage(client, territories):
    accompanying("CAE de la Mayenne", territories=[territories["dep53"]])
    html = client.get(f"{URL}?territoire=53147&etape=creation").content.decode()
    answers = block(html)
    assert "CAE de la Mayenne" in answers
    assert "Accompagnement général de la structure" in answers
    assert "Structures qui accompagnent à cette étape" in answers


def test_a_structure_is_not_shown_at_a_stage_it_does_not_declare(client, territories):
    accompanying("CAE de la Mayenne", territories=[territories["dep53"]])
    html = client.get(f"{URL}?territoire=53147&etape=idee").content.decode()
    assert "CAE de la Mayenne" not in block(html)
    # Only « aussi sur votre territoire », with the stage it does declare (issue 24 §8).
    also_here = html.split('id="aussi-sur-votre-territoire"')[1].split("</section>")[0]
    assert "CAE de la Mayenne" in also_here
    assert "Accompagne à l’étape création" in also_here


def test_a_structure_is_not_shown_outside_its_territories(client, territories):
    accompanying("CAE des Landes", territories=[territories["dep40"]])
    html = client.get(f"{URL}?territoire=53147&etape=creation").content.decode()
    assert "CAE des Landes" not in html


def test_without_territories_a_structure_serves_its_seat_departement(client, territories):
    accompanying("CAE lavalloise", commune=territories["laval"])
    area = StructureServedArea.objects.get()
    assert area.territory == territories["dep53"]
    assert area.scale == 40
    html = client.get(f"{URL}?territoire=53147&etape=creation").content.decode()
    assert "CAE lavalloise" in block(html)


def test_no_block_without_place_nor_stage(client, territories):
    accompanying("CAE de la Mayenne", territories=[territories["dep53"]])
    html = client.get(URL).content.decode()
    assert BLOCK not in html
    assert client.get(f"{URL}?format=json").json()["structures"] == []


def test_a_funder_never_appears_even_with_stages_set_behind_the_form(client, territories):
    funder = make_structure("Banque solidaire", kind="financeur", territories=[territories["FR"]])
    # Set without the model's check, as a raw database write would.
    Structure.objects.filter(pk=funder.pk).update(general_stage_creation=True)
    documents.refresh_structure(funder)
    html = client.get(f"{URL}?territoire=53147&etape=creation").content.decode()
    assert "Banque solidaire" not in html
    sheet = client.get("/territoires/53147/").content.decode()
    # Not at any stage (the list of every structure at work here, further down, names it).
    stages = sheet.split('id="stage-idee"')[1].split('id="structures-title"')[0]
    assert "Banque solidaire" not in stages


def test_a_collectivity_cannot_declare_a_general_accompaniment(territories):
    town = make_structure("Ville de Laval", kind="collectivite")
    town.general_stage_idee = True
    with pytest.raises(ValidationError) as error:
        town.full_clean()
    assert "general_stage_idee" in error.value.message_dict


def test_json_carries_structures_apart_from_the_programmes(client, territories):
    cae = accompanying(
        "CAE de la Mayenne", territories=[territories["dep53"]], website="https://cae.example/"
    )
    make_programme("Test en CAE", stages=["creation"], operators=[cae])
    body = client.get(f"{URL}?territoire=53147&etape=creation&format=json").json()
    assert body["count"] == 1
    assert [r["name"] for r in body["results"]] == ["Test en CAE"]
    [answer] = body["structures"]
    assert answer["name"] == "CAE de la Mayenne"
    assert answer["kind"] == "cae"
    assert answer["general_stages"] == ["creation"]
    assert answer["reach"] == "departemental"
    assert answer["url"] == f"http://testserver/structures/{cae.slug}/"
    assert answer["contact"]["website"] == "https://cae.example/"


def test_most_local_first_then_at_most_five(client, territories):
    accompanying("Réseau national", territories=[territories["FR"]])
    accompanying("Coopérative régionale", territories=[territories["pdl"]])
    accompanying("CAE de la commune", territories=[territories["mayenne"]])
    for i in range(4):
        accompanying(f"CAE départementale {i}", territories=[territories["dep53"]])
    body = client.get(f"{URL}?territoire=53147&etape=creation&format=json").json()
    names = [s["name"] for s in body["structures"]]
    assert len(names) == 5
    assert names[0] == "CAE de la commune"
    assert "Réseau national" not in names
    assert [s["reach"] for s in body["structures"]] == ["local"] + ["departemental"] * 4


def test_the_block_is_one_query_whatever_its_size(client, territories):
    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    url = f"{URL}?territoire=53147&etape=creation"
    accompanying("CAE 0", territories=[territories["dep53"]])
    one = count(url)
    for i in range(1, 5):
        accompanying(f"CAE {i}", territories=[territories["dep53"]], commune=territories["laval"])
    assert count(url) == one
    # Without a place or a stage, not even that one.
    assert count(URL) < one


def test_the_territory_sheet_lists_them_under_their_stage(client, territories):
    accompanying("CAE de la Mayenne", territories=[territories["dep53"]])
    html = client.get("/territoires/53147/").content.decode()
    creation = html.split('id="stage-creation"')[1].split('id="stage-developpement"')[0]
    assert "CAE de la Mayenne" in creation
    assert "Accompagnement général de la structure" in creation
    # Answered, so not a gap; the other stages still are.
    assert "Aucun accompagnement recensé à l’étape création" not in html
    assert "Aucun accompagnement recensé à l’étape idée pour ce territoire." in html
    idee = html.split('id="stage-idee"')[1].split('id="stage-creation"')[0]
    assert "CAE de la Mayenne" not in idee


def test_headings_follow_each_other_on_the_sheet(client, territories):
    accompanying("CAE de la Mayenne", territories=[territories["dep53"]])
    html = client.get("/territoires/53147/").content.decode()
    creation = html.split('id="stage-creation"')[1].split('id="stage-developpement"')[0]
    assert '<h3 class="stage-structures-title">' in creation
    assert '<h4 class="card-title"><a href="/structures/' in creation


def test_the_one_page_print_gives_them_a_place_without_growing(client, territories):
    accompanying("CAE de la Mayenne", territories=[territories["dep53"]])
    for i in range(5):
        make_programme(f"Création {i}", stages=["creation"], territories=[territories["dep53"]])
    html = client.get("/territoires/53147/imprimer/?etape=creation").content.decode()
    assert "CAE de la Mayenne" in html
    assert "accompagnement général" in html
    # Six places in all for one stage: five programmes would leave none, so one gives way.
    assert html.count('class="print-entry"') == 6


def test_the_print_does_not_repeat_an_operator_already_printed(client, territories):
    cae = accompanying("CAE de la Mayenne", territories=[territories["dep53"]])
    make_programme("Test en CAE", stages=["creation"], operators=[cae])
    html = client.get("/territoires/53147/imprimer/?etape=creation").content.decode()
    assert "Test en CAE" in html
    assert "accompagnement général" not in html
