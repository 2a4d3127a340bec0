"""Import of a data·inclusion file (``manage.py import_data_inclusion``): drafts only, all or
nothing with every bad record reported, idempotent, duplicates flagged, history reason."""

import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from programmes.models import Programme, PublicationStatus, Structure, StructureRole
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db


def structure(**fields):
    return {
        "source": "dora",
        "id": "dora--s1",
        "nom": "Coopérative Élan",
        "date_maj": "2025-06-01",
        "description": "Une coopérative d’activité et d’emploi.",
        "site_web": "https://elan.example.org",
        "telephone": "02 43 00 00 00",
        "courriel": "contact@elan.example.org",
        "adresse": "3 rue du Pont",
        "code_postal": "53100",
        "code_insee": "53147",
        "latitude": 48.3,
        "longitude": -0.61,
        **fields,
    }


def service(**fields):
    return {
        "source": "dora",
        "id": "dora--p1",
        "structure_id": "dora--s1",
        "nom": "Test d’activité",
        "description": "Tester son activité dans un cadre coopératif.",
        "date_maj": "2025-06-01",
        "type": "formation",
        "thematiques": [
            "creer-une-entreprise--definir-son-projet-de-creation-dentreprise",
            "numerique--acquerir-un-equipement",
        ],
        "publics": ["femmes", "beneficiaires-des-minimas-sociaux"],
        "frais": "gratuit",
        "frais_precisions": "Adhésion de 20 €",
        "conditions_acces": "Habiter la Mayenne",
        "zone_eligibilite": ["53", "200055887", "44109"],
        "mobilisation_precisions": "Prendre rendez-vous",
        **fields,
    }


def json_file(tmp_path, structures=(), services=(), name="di.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"structures": list(structures), "services": list(services)}))
    return path


def run(path, capture=None):
    out = io.StringIO()
    if capture is None:
        call_command("import_data_inclusion", str(path), stdout=out)
    else:
        with capture(execute=True):
            call_command("import_data_inclusion", str(path), stdout=out)
    return out.getvalue()


def refused(path):
    with pytest.raises(CommandError) as error:
        call_command("import_data_inclusion", str(path), stdout=io.StringIO())
    return str(error.value)


def test_json_structures_and_services_become_drafts(territories, tmp_path):
    out = run(json_file(tmp_path, [structure()], [service()]))
    s = Structure.objects.get(external_id="dora--s1")
    assert s.publication_status == PublicationStatus.DRAFT
    assert (s.name, s.website, s.email, s.phone.as_e164) == (
        "Coopérative Élan",
        "https://elan.example.org",
        "contact@elan.example.org",
        "+33243000000",
    )
    assert (s.address, s.postcode, s.commune, s.latitude) == (
        "3 rue du Pont",
        "53100",
        territories["mayenne"],
        48.3,
    )
    assert s.kind.value == "autre"
    p = Programme.objects.get(external_id="dora--p1")
    assert p.publication_status == PublicationStatus.DRAFT
    assert p.stages == ["idee"]
    assert p.kind.value == "formation"
    assert {x.value for x in p.publics.all()} == {"femmes", "allocataires-rsa"}
    assert (p.is_free, p.cost_details, p.eligibility, p.how_to_apply) == (
        True,
        "Adhésion de 20 €",
        "Habiter la Mayenne",
        "Prendre rendez-vous",
    )
    assert set(p.territories.all()) == {
        territories["dep53"],
        territories["cc_mayenne"],
        territories["nantes"],
    }
    assert [link.structure for link in p.structure_links.all()] == [s]
    assert p.structure_links.get().role == StructureRole.OPERATOR
    assert "Structures : 1 créée" in out
    assert "Dispositifs : 1 créé" in out
    assert "thématiques hors création ignorées : numerique--acquerir-un-equipement" in out


def test_tous_publics_and_france(territories, tmp_path):
    run(
        json_file(
            tmp_path,
            [structure()],
            [service(publics=["tous-publics"], zone_eligibilite=["france"], frais="payant")],
        )
    )
    p = Programme.objects.get()
    assert [x.value for x in p.publics.all()] == ["tous-publics"]
    assert list(p.territories.all()) == [territories["FR"]]
    assert p.is_free is False


def test_xlsx_of_the_validator(territories, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Structures"
    fields = ["__ignore__", "source", "id", "nom", "date_maj", "code_insee"]
    sheet.append(fields)
    sheet.append(["exemple", "x", "x--1", "Exemple", "2025-01-01", "00000"])
    sheet.append([None, "dora", "dora--s1", "Coopérative Élan", "2025-06-01", "53147"])
    services = workbook.create_sheet("Services")
    services.append(
        ["source", "id", "structure_id", "nom", "description", "date_maj", "thematiques"]
        + ["publics", "zone_eligibilite"]
    )
    services.append(
        ["dora", "dora--p1", "dora--s1", "Test d’activité", "Tester son activité.", "2025-06-01"]
        + [
            "creer-une-entreprise--developper-son-entreprise, "
            "creer-une-entreprise--definir-son-projet-de-creation-dentreprise",
            "jeunes,femmes",
            "53147, 40",
        ]
    )
    path = tmp_path / "valideur.xlsx"
    workbook.save(path)
    run(path)
    assert Structure.objects.get().commune == territories["mayenne"]
    p = Programme.objects.get()
    assert p.stages == ["idee", "developpement"]
    assert {x.value for x in p.publics.all()} == {"jeunes", "femmes"}
    assert set(p.territories.all()) == {territories["mayenne"], territories["dep40"]}


def test_every_bad_record_reported_and_nothing_written(territories, tmp_path):
    path = json_file(
        tmp_path,
        [
            structure(),
            structure(id="dora--s2", nom="Ab"),
            structure(id="dora--s3", code_insee="99999"),
        ],
        [
            service(frais="gratuit-sous-conditions"),
            service(id="dora--p2", structure_id="dora--inconnue"),
            service(id="dora--p3", telephone="12", zone_eligibilite=["99"]),
        ],
    )
    message = refused(path)
    assert Structure.objects.count() == Programme.objects.count() == 0
    assert "rien n’a été écrit" in message
    # The schema's refusals and the codes essmap does not know, all in one run, in file order.
    expected = [
        "structures n° 2 — nom = « Ab » : trop court (au moins 3 caractères)",
        "structures n° 3 — code_insee = « 99999 » : commune inconnue",
        "services n° 1 — frais = « gratuit-sous-conditions » : valeur inconnue",
        "services n° 2 — structure_id = « dora--inconnue » : structure inconnue",
        "services n° 3 — telephone = « 12 » : numéro de téléphone invalide",
        "services n° 3 — zone_eligibilite = « 99 » : territoire inconnu",
    ]
    positions = [message.index(line) for line in expected]
    assert positions == sorted(positions)
    assert "6 problème(s)" in message


def test_reimport_changes_nothing_then_updates_a_changed_record(territories, tmp_path):
    path = json_file(tmp_path, [structure()], [service()])
    run(path)
    history = Structure.history.count(), Programme.history.count()
    out = run(path)
    assert "Structures : 0 créée, 0 mise à jour, 1 sans changement" in out
    assert "Dispositifs : 0 créé, 0 mis à jour, 1 sans changement" in out
    assert (Structure.history.count(), Programme.history.count()) == history
    out = run(json_file(tmp_path, [structure()], [service(nom="Test d’activité renouvelé")]))
    assert "Dispositifs : 0 créé, 1 mis à jour" in out
    assert Programme.objects.get().name == "Test d’activité renouvelé"
    assert Programme.objects.count() == 1


def test_reviewed_entries_are_left_alone(territories, tmp_path):
    path = json_file(tmp_path, [structure()])
    run(path)
    Structure.objects.update(publication_status=PublicationStatus.PUBLISHED, name="Élan")
    out = run(json_file(tmp_path, [structure(nom="Autre nom")]))
    assert "1 laissée telle quelle" in out
    assert Structure.objects.get().name == "Élan"


def test_our_own_export_matches_by_slug(territories, tmp_path):
    ours = make_structure("Coopérative Élan", slug="cooperative-elan")
    out = run(json_file(tmp_path, [structure(id="essmap--cooperative-elan", source="essmap")]))
    assert Structure.objects.get() == ours
    assert ours.external_id == ""
    assert "fiche d’essmap (son propre export)" in out


def test_duplicate_flagged_and_noted(territories, tmp_path):
    existing = make_structure("Coopérative ELAN", commune=territories["laval"])
    out = run(json_file(tmp_path, [structure()]))
    new = Structure.objects.get(external_id="dora--s1")
    assert "Doublons probables : 1." in out
    assert "« Coopérative Élan » : doublon probable de « Coopérative ELAN »" in out
    assert f"Doublon probable de « Coopérative ELAN » ({existing.slug})" in new.curator_notes
    assert new.publication_status == PublicationStatus.DRAFT


def test_history_reason_and_search_documents(
    territories, tmp_path, django_capture_on_commit_callbacks
):
    run(json_file(tmp_path, [structure()], [service()], name="lot.json"))
    programme = Programme.objects.get()
    record = programme.history.get()
    assert record.history_change_reason == "import data·inclusion (lot.json)"
    assert [t.territory for t in record.territories.all()] != []
    assert Structure.history.get().history_change_reason == "import data·inclusion (lot.json)"


def test_search_documents_and_content_version_after_commit(
    territories, tmp_path, django_capture_on_commit_callbacks
):
    from essmap.cache import content_version

    before = content_version()
    run(json_file(tmp_path, [structure()], [service()]), django_capture_on_commit_callbacks)
    assert "elan" in Structure.objects.get().search_title.lower()
    assert "activit" in Programme.objects.get().search_title
    assert content_version() != before


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("di.csv", b"a;b", "format inconnu (attendu .json ou .xlsx)"),
        ("di.json", b"", "fichier vide"),
        ("di.json", b"{not json", "JSON illisible"),
        ("di.json", b'{"autre": 1}', "attendu un objet JSON"),
        ("di.xlsx", b"not a zip", "classeur XLSX illisible"),
    ],
)
def test_unreadable_files(territories, tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    message = refused(path)
    assert expected in message
    assert "Rien n’a été écrit" in message


def test_missing_sheets(territories, tmp_path):
    path = tmp_path / "di.xlsx"
    openpyxl.Workbook().save(path)
    assert "feuille(s) absente(s) : Structures, Services" in refused(path)


def test_missing_file(territories, tmp_path):
    assert "fichier illisible" in refused(tmp_path / "absent.json")


# ---------------------------------------------------------------------------
# Round trip: essmap's own export imported into an empty directory


def significant(programme):
    operators = [
        link.structure
        for link in programme.structure_links.all()
        if link.role == StructureRole.OPERATOR
    ]
    return {
        "name": programme.name,
        "stages": programme.stages,
        "publics": sorted(p.value for p in programme.publics.all()),
        "territories": sorted(t.key for t in programme.territories.all()),
        "operators": [(s.slug, s.name) for s in operators],
        "is_free": programme.is_free,
        "website": programme.website,
        "how_to_apply": programme.how_to_apply,
        "eligibility": programme.eligibility,
    }


def structure_fields(structure):
    return {
        "slug": structure.slug,
        "name": structure.name,
        "commune": structure.commune,
        "address": structure.address,
        "postcode": structure.postcode,
        "phone": structure.phone.as_e164 if structure.phone else "",
        "email": structure.email,
        "website": structure.website,
        "networks": sorted(n.slug for n in structure.networks.all()),
    }


def test_round_trip_of_our_own_export(territories, tmp_path):
    from opendata.exports import service_records, structure_records

    cae = make_structure(
        "Coopérative Ouvre-Boîtes",
        slug="ouvre-boites",
        commune=territories["nantes"],
        address="8 rue Saint-Domingue",
        postcode="44200",
        phone="+33240000000",
        email="contact@ouvre-boites.coop",
        website="https://ouvre-boites.coop",
    )
    quiet = make_structure("Pépinière du bocage", slug="bocage", commune=territories["laval"])
    # A network head the import itself recreates: linked once written.
    cae.networks.add(make_structure("France Active", kind="financeur", slug="france-active"))
    make_programme(
        "Parcours entreprendre",
        stages=("idee", "creation"),
        territories=[territories["dep53"], territories["cc_mayenne"], territories["nantes"]],
        operators=[cae],
        publics=("femmes", "associations"),
        is_free=True,
        how_to_apply="Réunion d’information chaque mois",
        eligibility="Projet en Pays de la Loire",
    )
    make_programme(
        "Hébergement de projets",
        stages=("developpement",),
        territories=[territories["FR"]],
        operators=[quiet],
        publics=("tous-publics",),
        is_free=False,
        website="https://bocage.example.org/hebergement",
    )
    # No direct contact: the export adds the structure's page to « comment candidater », which
    # must not come back into it; « tous publics » and a public the schema has.
    make_programme(
        "Permanence du bocage",
        stages=("idee",),
        territories=[territories["dep53"]],
        operators=[quiet],
        publics=("tous-publics", "jeunes"),
        how_to_apply="Sans rendez-vous le mardi",
    )
    programmes = {p.slug: significant(p) for p in Programme.objects.all()}
    structures = {s.slug: structure_fields(s) for s in Structure.objects.all()}
    path = json_file(tmp_path, structure_records(), service_records())
    Programme.objects.all().delete()
    Structure.objects.all().delete()

    run(path)

    assert {p.slug: significant(p) for p in Programme.objects.all()} == programmes
    assert {s.slug: structure_fields(s) for s in Structure.objects.all()} == structures
    assert set(Programme.objects.values_list("publication_status", flat=True)) == {
        PublicationStatus.DRAFT
    }
    # And once more: the same file changes nothing.
    out = run(path)
    assert "Structures : 0 créée, 0 mise à jour, 3 sans changement" in out
    assert "Dispositifs : 0 créé, 0 mis à jour, 3 sans changement" in out


def test_our_export_over_our_directory_duplicates_nothing(territories, tmp_path):
    from opendata.exports import service_records, structure_records

    cae = make_structure("Coopérative Ouvre-Boîtes", commune=territories["nantes"])
    make_programme("Parcours entreprendre", operators=[cae], territories=[territories["dep44"]])
    out = run(json_file(tmp_path, structure_records(), service_records()))
    assert "Structures : 0 créée, 0 mise à jour, 0 sans changement, 1 laissée telle quelle" in out
    assert "Dispositifs : 0 créé, 0 mis à jour, 0 sans changement, 1 laissé tel quel" in out
    assert (Structure.objects.count(), Programme.objects.count()) == (1, 1)


def test_reseaux_porteurs_become_networks(territories, tmp_path):
    head = make_structure("France Active", kind="financeur", slug="france-active")
    out = run(json_file(tmp_path, [structure(reseaux_porteurs=["france-active", "adie"])]))
    assert list(Structure.objects.get(external_id="dora--s1").networks.all()) == [head]
    assert "réseaux porteurs sans fiche dans essmap : adie" in out


def test_programme_duplicate_flagged(territories, tmp_path):
    existing = make_structure("Coopérative ELAN", commune=territories["laval"])
    make_programme("Test d’activité", operators=[existing])
    out = run(json_file(tmp_path, [structure()], [service()]))
    assert "Doublons probables : 2." in out
    assert "« Test d’activité » : doublon probable de « Test d’activité »" in out
    assert "Doublon probable" in Programme.objects.get(external_id="dora--p1").curator_notes


def test_xlsx_problems_say_sheet_and_line(territories, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Structures"
    sheet.append(["source", "id", "nom", "date_maj"])
    sheet.append(["dora", "dora--s1", "Coopérative Élan", "2025-06-01"])
    sheet.append(["dora", "dora--s2", "Ab", "2025-06-01"])
    workbook.create_sheet("Services").append(["source", "id", "structure_id", "nom"])
    path = tmp_path / "valideur.xlsx"
    workbook.save(path)
    assert "Structures, ligne 3 — nom = « Ab » : trop court" in refused(path)
    assert Structure.objects.count() == 0


def test_overlong_ids_refused(territories, tmp_path):
    long_id = "dora--" + "x" * 300
    message = refused(json_file(tmp_path, [structure(id=long_id)], [service(structure_id=long_id)]))
    assert "structures n° 1 — id" in message
    assert "plus de 200 caractères" in message


def test_dry_run_writes_nothing(territories, tmp_path):
    out = io.StringIO()
    path = json_file(tmp_path, [structure()], [service()])
    call_command("import_data_inclusion", str(path), "--dry-run", stdout=out)
    assert "Structures : 1 créée" in out.getvalue()
    assert "rien n’a été écrit" in out.getvalue()
    assert Structure.objects.count() == Programme.objects.count() == 0
    assert Structure.history.count() == 0
