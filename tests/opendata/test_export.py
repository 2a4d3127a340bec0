"""The data·inclusion export on built entries: every record valid against the schema's own
models (warnings included), each mapping rule on the case it is about, the downloads and the
page."""

import datetime
import io
import json

import openpyxl
import pydantic
import pytest
from data_inclusion.schema import v1
from django.utils import timezone

from opendata import codes, exports
from opendata.reading import LIST_FIELDS
from opendata.templatetags.identifiers import breakable
from programmes.models import (
    Person,
    PersonProgramme,
    ProgrammeKind,
    ProgrammeStatus,
    ProgrammeStructure,
    StructureRole,
)
from territories.models import Territory, TerritoryKind
from tests.conftest import make_programme, make_structure, make_territory, vocab


def assert_valid(structures, services):
    """Every record passes the schema, warnings included; services name exported structures."""
    errors = []
    for model, records in ((v1.Structure, structures), (v1.Service, services)):
        for record in records:
            try:
                model.model_validate(record, context={"ignore_warnings": False})
            except pydantic.ValidationError as error:
                errors.append((record["id"], error.errors()))
    assert errors == []
    ids = {s["id"] for s in structures}
    assert {s["structure_id"] for s in services} <= ids


def by_id(records):
    return {record["id"]: record for record in records}


def export():
    structures, services = exports.structure_records(), exports.service_records()
    assert_valid(structures, services)
    return by_id(structures), by_id(services)


@pytest.fixture
def operator(territories):
    return make_structure(
        "Coopérative Ouvre-Boîtes",
        slug="ouvre-boites",
        territories=[territories["dep44"]],
        commune=territories["nantes"],
        address="8 rue Saint-Domingue",
        postcode="44200",
        phone="+33240000000",
        email="contact@ouvre-boites.coop",
        website="https://ouvre-boites.coop",
    )


def test_structure_record(operator, territories):
    network = make_structure("France Active", kind="financeur", slug="france-active")
    operator.networks.add(network)
    structures, _ = export()
    record = structures["essmap--ouvre-boites"]
    assert record["source"] == "essmap"
    assert record["nom"] == "Coopérative Ouvre-Boîtes"
    assert (record["commune"], record["code_insee"], record["code_postal"]) == (
        "Nantes",
        "44109",
        "44200",
    )
    assert record["telephone"] == "+33240000000"
    assert record["date_maj"] == "2021-06-01"
    assert record["lien_source"] == "http://localhost/structures/ouvre-boites/"
    assert record["reseaux_porteurs"] == ["france-active"]
    assert structures["essmap--france-active"]["reseaux_porteurs"] == ["france-active"]


def test_a_programme_becomes_a_service(operator, territories):
    make_programme(
        "Pépinière d’idées.",
        slug="pepiniere",
        stages=("idee", "creation"),
        operators=[operator],
        territories=[territories["dep44"]],
        publics=["jeunes", "associations"],
        formats=["collectif", "en-ligne"],
        kind=vocab(ProgrammeKind, "incubation"),
        is_free=True,
        cost_details="Adhésion de 10 €",
        eligibility="Avoir un projet collectif.",
        how_to_apply="Dossier en ligne.",
        website="https://ouvre-boites.coop/pepiniere",
    )
    _, services = export()
    service = services["essmap--pepiniere"]
    assert service["structure_id"] == "essmap--ouvre-boites"
    assert service["nom"] == "Pépinière d’idées"  # no final period (a schema warning)
    assert service["type"] == "accompagnement"
    assert service["thematiques"] == [
        codes.STAGE_THEMATIQUES["idee"],
        codes.STAGE_THEMATIQUES["creation"],
    ]
    assert service["publics"] == ["jeunes"]
    assert service["publics_precisions"] == "Publics visés : Associations."
    assert (service["frais"], service["frais_precisions"]) == ("gratuit", "Adhésion de 10 €")
    assert service["conditions_acces"] == "Avoir un projet collectif."
    assert service["zone_eligibilite"] == ["44"]
    assert service["modes_accueil"] == ["a-distance", "en-presentiel"]
    # In person: the operator's address.
    assert (service["adresse"], service["code_insee"]) == ("8 rue Saint-Domingue", "44109")
    assert service["modes_mobilisation"] == [codes.EMAIL, codes.PHONE, codes.LINK]
    assert service["mobilisable_par"] == ["usagers"]
    assert service["lien_mobilisation"] == "https://ouvre-boites.coop/pepiniere"
    assert (service["telephone"], service["courriel"]) == (
        "+33240000000",
        "contact@ouvre-boites.coop",
    )
    assert service["mobilisation_precisions"] == "Dossier en ligne."
    assert service["lien_source"] == "http://localhost/programmes/pepiniere/"


def test_no_publics_mapped_is_tous_publics_alone(operator):
    make_programme("Sans public", slug="sans-public", operators=[operator])
    make_programme("Pour les ESS", slug="ess", operators=[operator], publics=["entreprises-ess"])
    make_programme(
        "Tous et jeunes", slug="tous", operators=[operator], publics=["tous-publics", "jeunes"]
    )
    _, services = export()
    assert services["essmap--sans-public"]["publics"] == ["tous-publics"]
    assert "publics_precisions" not in services["essmap--sans-public"]
    assert services["essmap--ess"]["publics"] == ["tous-publics"]
    assert services["essmap--ess"]["publics_precisions"] == "Publics visés : Entreprises de l’ESS."
    assert services["essmap--tous"]["publics"] == ["tous-publics"]
    assert services["essmap--tous"]["publics_precisions"] == "Publics visés : Jeunes."


def test_zones_are_official_codes(operator, territories):
    t = territories
    pnr = make_territory(TerritoryKind.PNR, "landes-de-gascogne", "PNR des Landes de Gascogne")
    for commune in (t["herm"], t["lesperon40"]):
        commune.containers.add(pnr)
    unknown = make_territory(TerritoryKind.PNR, "inconnu", "PNR aux communes inconnues")
    Territory.objects.filter(pk=unknown.pk).update(membership_complete=False)
    unknown.lies_in.add(t["dep40"])
    cases = {
        "region": [t["pdl"]],
        "pnr": [pnr],
        "pays": [t["pays_vignoble"]],
        "approche": [unknown],
        "national": [t["FR"], t["dep53"]],
        "mixte": [t["mayenne"], t["cc_mayenne"], t["dep07"]],
    }
    for slug, where in cases.items():
        make_programme(slug, slug=slug, operators=[operator], territories=where)
    # No territory of its own: its operator's.
    make_programme("Hérité", slug="herite", operators=[operator])
    _, services = export()
    zones = {slug: services[f"essmap--{slug}"]["zone_eligibilite"] for slug in [*cases, "herite"]}
    assert zones == {
        "region": ["44", "53"],
        "pnr": ["40123", "40152"],
        "pays": ["44109"],
        "approche": ["40"],
        "national": ["france"],
        "mixte": ["07", "200055887", "53147"],
        "herite": ["44"],
    }


def test_invalid_stored_values_are_left_out(territories):
    bad = make_structure(
        "Mal renseignée",
        slug="mal-renseignee",
        email="contact@exemple",
        website="htp:/exemple",
    )
    make_programme("Dispositif", slug="dispositif", operators=[bad], website="pas une adresse")
    structures, services = export()
    assert not {"courriel", "site_web"} & set(structures["essmap--mal-renseignee"])
    service = services["essmap--dispositif"]
    assert not {"courriel", "lien_mobilisation", "modes_mobilisation"} & set(service)


def test_names_and_descriptions_fit_the_schema(territories):
    long_name = "Accompagnement " + "très " * 34 + "long"  # 189 characters
    tiny = make_structure("Ô", slug="o", kind="incubateur", description="Bref")
    make_programme(long_name, slug="long", operators=[tiny], description="")
    structures, services = export()
    assert structures["essmap--o"]["nom"] == "Ô — Incubateur"
    assert "description" not in structures["essmap--o"]  # under 5 characters
    service = services["essmap--long"]
    assert len(service["nom"]) <= 150
    assert service["nom"].endswith("très…")
    # Said from its fields, not invented.
    assert service["description"] == "Dispositif porté par Ô. Étapes du projet : idée."


def test_dates_stay_within_what_the_schema_accepts(territories):
    today = timezone.localdate()
    make_structure("Vérifiée demain", slug="futur", verified_on=today + datetime.timedelta(1))
    make_structure("Source ancienne", slug="ancienne", verified_on=datetime.date(1995, 1, 1))
    structures, _ = export()
    assert structures["essmap--futur"]["date_maj"] == today.isoformat()
    assert structures["essmap--ancienne"]["date_maj"] == today.isoformat()


def test_only_published_current_operated_entries(operator, territories):
    draft = make_structure("Brouillon", slug="brouillon", published=False)
    make_programme("Brouillon", slug="prog-brouillon", operators=[operator], published=False)
    make_programme("Par un brouillon", slug="par-brouillon", operators=[draft])
    funded = make_programme("Financé seulement", slug="finance")
    ProgrammeStructure.objects.create(
        programme=funded, structure=operator, role=StructureRole.FUNDER
    )
    make_programme(
        "Terminé",
        slug="termine",
        operators=[operator],
        status=ProgrammeStatus.ENDED,
        end_year=2020,
    )
    make_programme("Ouvert", slug="ouvert", operators=[operator])
    structures, services = export()
    assert "essmap--brouillon" not in structures
    assert set(services) == {"essmap--ouvert"}
    assert exports.unexported_programmes() == {"ended": 1, "without_operator": 2}


def test_no_contact_of_its_own_says_the_network_in_words(territories):
    network = make_structure(
        "CRESS Pays de la Loire", kind="reseau-ess", slug="cress-pdl", phone="+33240000001"
    )
    silent = make_structure("Sans coordonnées", slug="silencieuse")
    silent.networks.add(network)
    make_programme("Dispositif", slug="dispositif", operators=[silent])
    _, services = export()
    service = services["essmap--dispositif"]
    assert "modes_mobilisation" not in service
    assert "telephone" not in service
    assert "réseau à contacter : CRESS Pays de la Loire" in service["mobilisation_precisions"]


def test_people_are_never_exported(client, territories):
    silent = make_structure("Sans coordonnées", slug="silencieuse")
    programme = make_programme("Dispositif", slug="dispositif", operators=[silent])
    person = Person.objects.create(
        name="Camille Martin",
        structure=silent,
        is_public=True,
        contact_is_public=True,
        email="camille.martin@exemple.fr",
        phone="+33611223344",
    )
    PersonProgramme.objects.create(person=person, programme=programme)
    for address in ("/donnees/structures.json", "/donnees/services.json"):
        body = client.get(address).content.decode()
        assert "Camille" not in body
        assert "camille" not in body
        assert "611223344" not in body


def build(territories, count):
    for i in range(count):
        structure = make_structure(f"Structure {i}", slug=f"s{i}", commune=territories["laval"])
        structure.networks.add(structure)
        make_programme(
            f"Dispositif {i}",
            slug=f"p{i}",
            operators=[structure],
            territories=[territories["pdl"], territories["pays_vignoble"]],
            publics=["jeunes"],
            formats=["collectif"],
            kind=vocab(ProgrammeKind, "formation"),
        )


@pytest.mark.parametrize("count", [2, 12])
def test_a_fixed_number_of_queries(territories, django_assert_num_queries, count):
    build(territories, count)
    # Once outside the count: SQLite checks its JSON support on first use (three queries).
    exports.service_records()
    with django_assert_num_queries(2):
        assert len(exports.structure_records()) == count
    # Programmes, their structures, publics, formats; served areas; régions' and Pays' members.
    with django_assert_num_queries(6):
        assert len(exports.service_records()) == count


@pytest.mark.parametrize("count", [2, 12])
def test_the_page_counts_without_building_the_records(
    client, territories, django_assert_max_num_queries, count
):
    build(territories, count)
    records = exports.structure_records(), exports.service_records()
    # Two counts, two dates, the unexported programmes' three counts, whatever the size.
    with django_assert_max_num_queries(12):
        html = client.get("/donnees/").content.decode()
    assert f"<strong>{count} structures</strong>" in html
    assert f"<strong>{count} services</strong>" in html
    latest = max(record["date_maj"] for records_of in records for record in records_of)
    assert f'<time datetime="{latest}">' in html


def test_xlsx_has_the_validators_layout(client, operator, territories):
    make_programme(
        "Dispositif",
        slug="dispositif",
        operators=[operator],
        stages=("idee", "developpement"),
        territories=[territories["pdl"]],
    )
    response = client.get("/donnees/data-inclusion.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Structures", "Services"]
    structures = list(book["Structures"].iter_rows(values_only=True))
    services = list(book["Services"].iter_rows(values_only=True))
    assert structures[0] == tuple(v1.Structure.model_fields)
    assert services[0] == tuple(v1.Service.model_fields)
    row = dict(zip(services[0], services[1], strict=True))
    assert row["thematiques"] == ",".join(
        [codes.STAGE_THEMATIQUES["idee"], codes.STAGE_THEMATIQUES["developpement"]]
    )
    assert row["zone_eligibilite"] == "44,53"
    assert row["structure_id"] == "essmap--ouvre-boites"
    # Every cell is text: the validator splits list fields and validates the rest.
    record = {k: v.split(",") if k in LIST_FIELDS and v else v for k, v in row.items() if v}
    v1.Service.model_validate(record, context={"ignore_warnings": False})


def test_json_downloads(client, operator):
    make_programme("Dispositif", slug="dispositif", operators=[operator])
    make_programme("Brouillon", slug="brouillon", operators=[operator], published=False)
    response = client.get("/donnees/services.json")
    assert response["Content-Type"] == "application/json"
    assert "inline" in response["Content-Disposition"]
    services = json.loads(response.content.decode("utf-8"))
    assert [s["id"] for s in services] == ["essmap--dispositif"]
    assert services[0]["lien_source"] == "http://testserver/programmes/dispositif/"
    structures = client.get("/donnees/structures.json").json()
    assert [s["id"] for s in structures] == ["essmap--ouvre-boites"]
    assert "Boîtes" in client.get("/donnees/structures.json").content.decode("utf-8")


def test_the_page_says_licence_counts_and_links(client, operator):
    make_programme(
        "Dispositif",
        slug="dispositif",
        operators=[operator],
        verified_on=datetime.date(2022, 3, 4),
    )
    make_programme("Sans opérateur", slug="orphelin", verified_on=datetime.date(2023, 1, 1))
    make_programme("Sans opérateur non plus", slug="orphelin-2")
    response = client.get("/donnees/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Licence Ouverte 2.0 / Etalab" in html
    assert 'href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/"' in html
    assert "<strong>1 structure</strong>" in html
    assert "<strong>1 service</strong>" in html
    assert "2 dispositifs publiés ne sont pas exportés" in html
    # The latest date among exported records (not the unexported programme's).
    assert '<time datetime="2022-03-04">4 mars 2022</time>' in html
    for link in ("structures.json", "services.json", "data-inclusion.xlsx"):
        assert f'href="/donnees/{link}"' in html
    assert 'href="/donnees/"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_schema_identifiers_wrap_at_their_separators_only(client):
    html = client.get("/donnees/").content.decode()
    assert "<code>adresse, code_<wbr>postal</code>" in html
    assert "creer-<wbr>une-<wbr>entreprise-<wbr>-<wbr>" in html
    assert breakable("<b>_x") == "&lt;b&gt;_<wbr>x"


def test_what_a_structure_declared_is_marked_and_dates_the_record(operator, territories):
    """The schema has no field for provenance: the description says what the structure's team
    wrote itself, and when; ``date_maj`` is that day when it is the latest check."""
    operator.description = "Une coopérative d’activité et d’emploi nantaise."
    operator.verified_on = datetime.date(2024, 1, 10)
    operator.declared_fields = {"description": "2026-03-02", "phone": "2026-03-02"}
    operator.save()
    programme = make_programme(
        "Entreprendre en coopérative",
        stages=["creation"],
        operators=[operator],
        verified_on=datetime.date(2024, 1, 10),
        declared_fields={"how_to_apply": "2025-11-20"},
    )
    structures, services = export()
    record = structures["essmap--ouvre-boites"]
    assert record["description"] == (
        "Une coopérative d’activité et d’emploi nantaise.\n\n"
        "Déclaré par la structure le 2 mars 2026 : description, téléphone."
    )
    assert record["date_maj"] == "2026-03-02"
    service = services[codes.record_id(programme.slug)]
    assert service["description"].endswith(
        "Déclaré par la structure le 20 novembre 2025 : comment candidater."
    )
    assert service["date_maj"] == "2025-11-20"


def test_a_record_without_declaration_is_as_before(operator, territories):
    operator.description = "Une coopérative d’activité et d’emploi nantaise."
    operator.save()
    structures, _ = export()
    record = structures["essmap--ouvre-boites"]
    assert record["description"] == "Une coopérative d’activité et d’emploi nantaise."
    assert record["date_maj"] == "2021-06-01"
