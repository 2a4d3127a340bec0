import datetime

import pytest

from programmes.models import (
    Person,
    PersonProgramme,
    ProgrammeSource,
    ProgrammeStructure,
    SourceDocument,
)
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def parcours(territories):
    t = territories
    apess = make_structure(
        "APESS 53",
        kind="reseau-ess",
        territories=[t["dep53"]],
        commune=t["mayenne"],
        latitude=48.3,
        longitude=-0.61,
        website="https://example.org/apess53",
        phone="+33243000000",
        email="contact@example.org",
    )
    coodem = make_structure("Coodem", territories=[t["dep53"]])
    bge = make_structure("BGE Anjou Maine", kind="association-accompagnement")
    hidden = make_structure("Partenaire en brouillon", published=False)
    apess.partners.add(coodem, hidden)
    coodem.networks.add(apess)
    mayidees = make_programme(
        "May'Idées",
        operators=[apess],
        description="Six ateliers pour préciser son idée.",
        eligibility="Avoir une idée de projet d’utilité sociale.",
        verified_on=datetime.date(2021, 3, 1),
    )
    ProgrammeStructure.objects.create(programme=mayidees, structure=bge, role="partenaire")
    test = make_programme("Test d'activité chez Coodem", stages=["creation"], operators=[coodem])
    old = make_programme("Ancien dispositif", status="termine", start_year=2015, end_year=2017)
    mayidees.next_steps.add(test, old)
    draft = make_programme("Suite en brouillon", published=False)
    mayidees.next_steps.add(draft)
    doc = SourceDocument.objects.create(
        title="Portrait d’une porteuse de projet",
        file_name="000_e8707b2d89dc38b8.txt",
        publisher="CRESS Pays de la Loire",
        published_on=datetime.date(2021, 6, 1),
    )
    ProgrammeSource.objects.create(programme=mayidees, document=doc, section="Parcours")
    visible = Person.objects.create(
        name="Valérie V.", role="porteuse de projet", is_public=True, email="v@example.org"
    )
    secret = Person.objects.create(
        name="Personne discrète", structure=apess, is_public=False, email="secret@example.org"
    )
    coordinator = Person.objects.create(
        name="Coordinatrice",
        structure=apess,
        is_public=True,
        email="coord@example.org",
        contact_is_public=True,
    )
    PersonProgramme.objects.create(person=visible, programme=mayidees, relation="temoignage")
    PersonProgramme.objects.create(person=secret, programme=mayidees)
    return {
        "apess": apess,
        "mayidees": mayidees,
        "test": test,
        "old": old,
        "draft": draft,
        "coordinator": coordinator,
    }


def test_programme_detail_shows_everything_a_visitor_needs(client, parcours):
    response = client.get("/programmes/may-idees/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "<h1>May&#x27;Idées</h1>",
        "Idée",
        "APESS 53",
        "opérateur",
        "BGE Anjou Maine",
        "partenaire",
        "Six ateliers",
        "Avoir une idée",
        "Test d&#x27;activité chez Coodem",
        "Ancien dispositif",
        "Portrait d’une porteuse de projet",
        "Parcours",
        "vérifiées le 1 mars 2021",
        "Valérie V.",
        "témoignage",
    ]:
        assert text in html, text
    assert "Suite en brouillon" not in html
    assert "Personne discrète" not in html
    # A public person's contact stays hidden unless entered as public.
    assert "v@example.org" not in html


def test_programme_detail_shows_what_leads_to_it(client, parcours):
    html = client.get("/programmes/test-d-activite-chez-coodem/").content.decode()
    assert "Avant" in html
    assert "May&#x27;Idées" in html


def test_ended_programme_is_reachable_with_a_clear_notice(client, parcours):
    html = client.get("/programmes/ancien-dispositif/").content.decode()
    assert "Ce dispositif est terminé depuis 2017" in html


def test_structure_detail(client, parcours):
    response = client.get("/structures/apess-53/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "APESS 53",
        "Réseau de l’ESS",
        "May&#x27;Idées",
        "Mayenne",
        "Coodem",
        "Membres du réseau",
        "https://example.org/apess53",
        "02 43 00 00 00",
        "contact@example.org",
        "48.30000",
        "Coordinatrice",
        "coord@example.org",
    ]:
        assert text in html, text
    assert "Partenaire en brouillon" not in html
    assert "Personne discrète" not in html
    assert "secret@example.org" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/programmes/inconnu/",
        "/programmes/suite-en-brouillon/",
        "/structures/inconnue/",
        "/structures/partenaire-en-brouillon/",
        "/territoires/99999/",
        "/territoires/dep-99/",
        "/territoires/%3Cscript%3E/",
        "/nimporte-quoi/",
    ],
)
def test_missing_objects_get_a_french_404(client, parcours, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert '<html lang="fr">' in html
    assert "<script>" not in html


def test_detail_pages_use_a_bounded_number_of_queries(
    client, parcours, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        client.get("/programmes/may-idees/")
    with django_assert_max_num_queries(16):
        client.get("/structures/apess-53/")


def test_unverified_entry_says_how_old_its_source_is(client, territories):
    doc = SourceDocument.objects.create(
        title="Guide TRESSONS", file_name="003_x.txt", publisher="Avise", year=2022
    )
    programme = make_programme("Sans date", territories=[territories["FR"]])
    ProgrammeSource.objects.create(programme=programme, document=doc, section="p. 4")
    html = client.get("/programmes/sans-date/").content.decode()
    assert "Informations non revérifiées depuis leur publication (2022)" in html
    assert "Guide TRESSONS (Avise, 2022) — p. 4" in html
