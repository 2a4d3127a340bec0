"""« Aussi sur votre territoire » (issue 24 §8): a support structure present in the place a
person searches, that nothing else of the answer names, is listed apart — never nowhere; never
a funder or a collectivity; the same answer in JSON; a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orientation import also_here
from programmes.models import ProgrammeStructure
from search import documents
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db

URL = "/programmes/"
SECTION = 'id="aussi-sur-votre-territoire"'


def section(html):
    return html.split(SECTION)[1].split("</section>")[0] if SECTION in html else ""


def get(client, query):
    return client.get(f"{URL}?{query}").content.decode()


def test_a_structure_without_programme_is_also_on_its_territory(client, territories):
    make_structure("Tiers-lieu mayennais", kind="tiers-lieu", territories=[territories["dep53"]])
    dep53 = f"territoire={territories['dep53'].key}"
    for query in ("territoire=53147", "territoire=53147&etape=idee", dep53):
        listed = section(get(client, query))
        assert "Aussi sur votre territoire" in listed
        assert "Tiers-lieu mayennais" in listed
        assert "Tiers-lieu" in listed
        assert 'href="/structures/tiers-lieu-mayennais/"' in listed


def test_the_json_answer_lists_them_too(client, territories):
    make_structure("Tiers-lieu mayennais", kind="tiers-lieu", territories=[territories["dep53"]])
    body = client.get(f"{URL}?territoire=53147&format=json").json()
    assert [s["slug"] for s in body["also_here"]] == ["tiers-lieu-mayennais"]
    assert body["also_here"][0]["national"] is False
    assert {"name", "url", "kind_label", "contact", "general_stages"} <= set(body["also_here"][0])


def test_not_outside_its_territory(client, territories):
    make_structure("Tiers-lieu landais", kind="tiers-lieu", territories=[territories["dep40"]])
    assert "Tiers-lieu landais" not in get(client, "territoire=53147")


def test_a_structure_whose_programme_answers_is_on_its_card_not_here(client, territories):
    cae = make_structure("CAE de la Mayenne", territories=[territories["dep53"]])
    make_programme("Test en CAE", stages=["creation"], operators=[cae])
    html = get(client, "territoire=53147&etape=creation")
    assert "CAE de la Mayenne" in html
    assert "CAE de la Mayenne" not in section(html)
    # At another stage its programme does not answer: it is still on its territory.
    assert "CAE de la Mayenne" in section(get(client, "territoire=53147&etape=idee"))


def test_a_structure_whose_programmes_ended_is_here(client, territories):
    cae = make_structure("CAE de la Mayenne", territories=[territories["dep53"]])
    make_programme(
        "Ancien test", stages=["creation"], operators=[cae], status="termine", end_year=2019
    )
    assert "CAE de la Mayenne" in section(get(client, "territoire=53147&etape=creation"))


def test_a_structure_whose_general_accompaniment_answers_is_not_repeated(client, territories):
    cae = make_structure(
        "CAE de la Mayenne", territories=[territories["dep53"]], general_stage_creation=True
    )
    documents.refresh_structure(cae)
    html = get(client, "territoire=53147&etape=creation")
    assert "CAE de la Mayenne" in html.split('id="structures-answers"')[1]
    assert "CAE de la Mayenne" not in section(html)


def test_never_a_funder_or_a_collectivity(client, territories):
    make_structure("Fondation", kind="financeur", territories=[territories["dep53"]])
    make_structure("Conseil départemental", kind="collectivite", territories=[territories["dep53"]])
    html = get(client, "territoire=53147")
    assert "Fondation" not in section(html)
    assert "Conseil départemental" not in section(html)


def test_without_territories_a_structure_is_found_at_its_seat(client, territories):
    make_structure("Association lavalloise", kind="autre", commune=territories["laval"])
    assert "Association lavalloise" in section(get(client, "territoire=53130"))
    assert "Association lavalloise" in section(
        get(client, f"territoire={territories['dep53'].key}")
    )
    assert "Association lavalloise" not in get(client, "territoire=53147")


def test_national_networks_on_a_line_of_their_own(client, territories):
    make_structure("Réseau national", kind="reseau-ess", territories=[territories["FR"]])
    make_structure("Tiers-lieu mayennais", kind="tiers-lieu", territories=[territories["dep53"]])
    listed = section(get(client, "territoire=53147"))
    national = listed.split('class="also-here-national"')[1]
    assert "Réseau national" in national
    assert "Tiers-lieu mayennais" not in national
    # For the whole of France, only the national networks.
    listed = section(get(client, "territoire=FR"))
    assert "Réseau national" in listed
    assert "Tiers-lieu mayennais" not in listed


def test_most_local_first_and_a_link_to_them_all(client, territories):
    for i in range(also_here.LOCAL_LIMIT):
        make_structure(f"Régional {i:02d}", kind="autre", territories=[territories["pdl"]])
    make_structure("Local", kind="autre", territories=[territories["cc_mayenne"]])
    listed = section(get(client, "territoire=53147"))
    assert listed.index("Local") < listed.index("Régional 00")
    assert f"Régional {also_here.LOCAL_LIMIT - 2:02d}" in listed
    assert f"Régional {also_here.LOCAL_LIMIT - 1:02d}" not in listed
    assert "Voir toutes les structures qui interviennent à Mayenne" in listed


def test_the_structure_kind_filter_narrows_it(client, territories):
    make_structure("Tiers-lieu mayennais", kind="tiers-lieu", territories=[territories["dep53"]])
    make_structure("CAE de la Mayenne", territories=[territories["dep53"]])
    listed = section(get(client, "territoire=53147&type_structure=cae"))
    assert "CAE de la Mayenne" in listed
    assert "Tiers-lieu mayennais" not in listed


def test_nothing_without_a_place(client, territories):
    make_structure("Tiers-lieu mayennais", kind="tiers-lieu", territories=[territories["dep53"]])
    assert SECTION not in get(client, "etape=idee")
    assert client.get(f"{URL}?etape=idee&format=json").json()["also_here"] == []


def test_one_query_whatever_their_number(territories):
    territories["mayenne"].covering_ids()  # read once with the place, as the list does

    def count():
        with CaptureQueriesContext(connection) as queries:
            found = also_here.structures(territories["mayenne"], ["idee"])
        return len(queries.captured_queries), found

    make_structure("Réseau national", kind="reseau-ess", territories=[territories["FR"]])
    few, found = count()
    assert few == 1
    assert [s.name for s in found.national] == ["Réseau national"]
    for i in range(25):
        make_structure(f"Structure {i:02d}", kind="autre", territories=[territories["dep53"]])
    many, found = count()
    assert many == few
    assert len(found.local) == also_here.LOCAL_LIMIT
    assert found.more


def test_without_place_a_structure_is_where_its_current_programmes_serve(client, territories):
    partner = make_structure("Partenaire sans adresse", kind="autre")
    programme = make_programme("Programme mayennais", territories=[territories["dep53"]])
    ProgrammeStructure.objects.create(programme=programme, structure=partner, role="partenaire")
    assert "Partenaire sans adresse" in section(get(client, "territoire=53147&etape=creation"))
    assert "Partenaire sans adresse" not in get(client, "territoire=40123")
    programme.status = "termine"
    programme.end_year = 2020
    programme.save()
    assert "Partenaire sans adresse" not in get(client, "territoire=53147&etape=creation")


def test_the_territory_sheet_has_it_too(client, territories):
    make_structure("Tiers-lieu mayennais", kind="tiers-lieu", territories=[territories["dep53"]])
    cae = make_structure("CAE de la Mayenne", territories=[territories["dep53"]])
    make_programme("Test en CAE", stages=["creation"], operators=[cae])
    listed = section(client.get("/territoires/53147/").content.decode())
    assert "Tiers-lieu mayennais" in listed
    assert "CAE de la Mayenne" not in listed
    listed = section(client.get("/territoires/53147/?etape=idee").content.decode())
    assert "CAE de la Mayenne" in listed
    assert "aucun de leurs dispositifs recensés ne répond à cette étape" in " ".join(listed.split())
