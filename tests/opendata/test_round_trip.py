"""A directory loaded from content files, exported to data·inclusion and imported into an
emptied directory, comes back the same where the two formats overlap (names, contacts, seat,
networks, stages, publics, territories, price, how to apply, operators), as drafts, each
entry with one history record of the import and its operator link with the same reason."""

import io
import json

import pytest
from django.core.management import call_command

from opendata.exports import exported_programmes, service_records, structure_records
from programmes.models import Programme, ProgrammeStructure, PublicationStatus, Structure
from programmes.models import StructureRole as Role
from tests.content.directory import load_directory

pytestmark = pytest.mark.django_db


def programme_overlap(programme):
    return {
        "name": programme.name,
        "description": programme.description,
        "stages": programme.stages,
        "publics": sorted(p.value for p in programme.publics.all()),
        "territories": sorted(t.key for t in programme.territories.all()),
        "operators": sorted(
            link.structure.slug
            for link in programme.structure_links.all()
            if link.role == Role.OPERATOR
        ),
        "is_free": programme.is_free,
        "website": programme.website,
        "how_to_apply": programme.how_to_apply,
        "eligibility": programme.eligibility,
    }


def structure_overlap(structure):
    return {
        "name": structure.name,
        "description": structure.description,
        "commune": structure.commune_id,
        "address": structure.address,
        "postcode": structure.postcode,
        "latitude": structure.latitude,
        "longitude": structure.longitude,
        "phone": structure.phone.as_e164 if structure.phone else "",
        "email": structure.email,
        "website": structure.website,
        "networks": sorted(n.slug for n in structure.networks.all()),
    }


def test_a_content_load_comes_back_through_the_data_inclusion_export_and_import(
    territories, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # served areas, after commit
        load_directory(tmp_path)
    # Ended programmes are not exported (opendata.exports.exported_programmes).
    programmes = {p.slug: programme_overlap(p) for p in exported_programmes()}
    assert len(programmes) == 1
    structures = {s.slug: structure_overlap(s) for s in Structure.objects.all()}
    path = tmp_path / "di.json"
    path.write_text(
        json.dumps({"structures": structure_records(), "services": service_records()}),
        encoding="utf-8",
    )
    Programme.objects.all().delete()
    Structure.objects.all().delete()

    call_command("import_data_inclusion", str(path), stdout=io.StringIO())

    for slug, fields in programmes.items():
        assert programme_overlap(Programme.objects.get(slug=slug)) == fields
    assert {s.slug: structure_overlap(s) for s in Structure.objects.all()} == structures
    reason = "import data·inclusion (di.json)"
    for entry in [*Structure.objects.all(), *Programme.objects.all()]:
        assert entry.publication_status == PublicationStatus.DRAFT
        record = entry.history.get()
        assert (record.history_type, record.history_change_reason) == ("+", reason)
    links = ProgrammeStructure.history.filter(history_type="+", history_change_reason=reason)
    assert links.count() == Programme.objects.count()
