"""Curation: what the public sees of drafts and archives, history and restore, freshness,
regional editors' scope, login protection and duplicate checks."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from curation.models import EditorScope
from curation.roles import ADMINISTRATOR, READER, REGIONAL_EDITOR
from programmes.models import (
    Person,
    Programme,
    PublicationStatus,
    Structure,
    StructureKind,
)
from tests.conftest import admin_form_data, make_programme, make_structure

pytestmark = pytest.mark.django_db

OLD = datetime.date(2020, 1, 1)


@pytest.fixture
def entries(territories):
    t = territories
    published = make_structure("Coodem", territories=[t["dep53"]], commune=t["laval"])
    draft = make_structure("Brouillon 53", territories=[t["dep53"]], published=False)
    archived = make_structure("Ancienne CAE", territories=[t["dep53"]])
    archived.publication_status = PublicationStatus.ARCHIVED
    archived.save()
    landes = make_structure("Incubateur des Landes", territories=[t["dep40"]], commune=t["herm"])
    programmes = {
        "published": make_programme("Test en CAE", operators=[published], verified_on=OLD),
        "draft": make_programme("Projet non publié", operators=[published], published=False),
        "archived": make_programme("Dispositif archivé", operators=[published]),
        "landes": make_programme("Incubation landaise", operators=[landes]),
    }
    programmes["archived"].publication_status = PublicationStatus.ARCHIVED
    programmes["archived"].save()
    return {"published": published, "draft": draft, "archived": archived, "landes": landes} | {
        f"p_{k}": v for k, v in programmes.items()
    }


def new_structure(name, commune):
    """What the admin's "add structure" form sends for a draft CAE with no inline rows."""
    data = {
        "name": name,
        "kind": StructureKind.objects.get(value="cae").pk,
        "commune": commune.pk,
        "publication_status": "brouillon",
    }
    for inline in ("programme_links", "people", "citations"):
        data |= {f"{inline}-TOTAL_FORMS": "0", f"{inline}-INITIAL_FORMS": "0"}
    return data


# -- publication workflow on every public output -------------------------------------------


def test_only_published_entries_appear_in_lists_exports_and_sheets(client, entries):
    hidden = ["Brouillon 53", "Ancienne CAE", "Projet non publié", "Dispositif archivé"]
    outputs = [
        client.get("/programmes/?territoire=53147").content.decode(),
        client.get("/programmes/?territoire=53147&format=json&termines=oui").content.decode(),
        client.get("/programmes/?format=csv&termines=oui").content.decode("utf-8-sig"),
        client.get("/structures/?territoire=53147").content.decode(),
        client.get("/structures/?format=json").content.decode(),
        client.get("/structures/?format=csv").content.decode("utf-8-sig"),
        client.get("/territoires/53147/").content.decode(),
        client.get("/territoires/53147/?format=csv").content.decode("utf-8-sig"),
        client.get(f"/structures/{entries['published'].slug}/").content.decode(),
        client.get("/carte/?format=json").content.decode(),
    ]
    assert "Test en CAE" in outputs[0]
    assert "Coodem" in outputs[3]
    for output in outputs:
        for name in hidden:
            assert name not in output


def test_archived_pages_stay_reachable_with_a_notice(client, entries):
    response = client.get(f"/programmes/{entries['p_archived'].slug}/")
    assert response.status_code == 200
    assert "Ce dispositif n’est plus proposé." in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    response = client.get(f"/structures/{entries['archived'].slug}/")
    assert "Cette structure n’est plus proposée." in response.content.decode()
    gone = client.get(f"/programmes/{entries['p_archived'].slug}/?format=json")
    assert gone.status_code == 410
    assert "archivée" in gone.json()["error"]
    ok = client.get(f"/programmes/{entries['p_published'].slug}/?format=json")
    assert ok.status_code == 200
    assert ok.json()["name"] == "Test en CAE"


def test_drafts_are_previewed_by_curators_only(client, admin_client, entries):
    url = f"/programmes/{entries['p_draft'].slug}/"
    assert client.get(url).status_code == 404
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Brouillon, non publié." in response.content.decode()
    assert admin_client.get(url + "?format=json").status_code == 404


# -- history --------------------------------------------------------------------------------


def test_every_admin_change_is_recorded_with_who_and_a_readable_diff(admin_client, entries):
    structure = entries["published"]
    url = f"/admin/programmes/structure/{structure.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data["name"] = "Coodem Mayenne"
    response = admin_client.post(url, data)
    assert response.status_code == 302, [
        (f.formset.prefix, f.formset.errors, f.formset.non_form_errors())
        for f in response.context["inline_admin_formsets"]
    ] + [response.context["adminform"].form.errors]
    last = structure.history.first()
    assert last.history_user.username == "admin"
    assert last.name == "Coodem Mayenne"
    assert last.verified_on == structure.verified_on  # editing does not mark it verified
    history = admin_client.get(f"/admin/programmes/structure/{structure.pk}/history/")
    html = history.content.decode()
    assert "<strong>nom</strong> : Coodem → Coodem Mayenne" in html


def test_a_previous_version_can_be_restored(admin_client, territories):
    person = Person.objects.create(name="Valérie", role="coordinatrice")
    person.role = "directrice"
    person.save()
    first = person.history.order_by("history_date").first()
    url = f"/admin/programmes/person/{person.pk}/history/{first.history_id}/"
    form_page = admin_client.get(url)
    assert form_page.status_code == 200
    response = admin_client.post(url, admin_form_data(form_page))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.role == "coordinatrice"
    assert person.history.count() == 3


# -- freshness ------------------------------------------------------------------------------


def test_stale_queue_and_confirm_action(admin_client, entries):
    Programme.objects.filter(pk=entries["p_landes"].pk).update(
        verified_on=timezone.localdate() - datetime.timedelta(days=30)
    )
    queue = admin_client.get("/admin/programmes/programme/?fraicheur=a-reverifier")
    names = re.findall(r'<th class="field-name"><a [^>]*>([^<]*)</a>', queue.content.decode())
    assert "Test en CAE" in names
    assert "Incubation landaise" not in names
    response = admin_client.post(
        "/admin/programmes/programme/",
        {"action": "confirm_up_to_date", "_selected_action": [entries["p_published"].pk]},
    )
    assert response.status_code == 302
    entries["p_published"].refresh_from_db()
    assert entries["p_published"].verified_on == timezone.localdate()
    assert entries["p_published"].history.first().history_change_reason == "Confirmé à jour"


def test_dashboard_counts_stale_entries_per_region(admin_client, entries):
    html = admin_client.get("/admin/").content.decode()
    table = html.split("Fiches à revérifier")[1].split("</table>")[0]
    rows = dict(re.findall(r'<th scope="row">([^<]*)</th>\s*<td><a [^>]*>(\d+)</a></td>', table))
    # Structures: Coodem and the archived one serve Mayenne, the draft too; Landes is apart.
    assert rows["Pays de la Loire"] == "3"
    assert rows["Nouvelle-Aquitaine"] == "1"


def test_each_dead_end_is_a_task_on_the_dashboard(admin_client, editor_client, entries):
    """Issue 24, item 9: a published structure nobody can reach, directly or up its chain of
    networks, is listed with a link to edit it; a reachable one, a draft, or one whose
    network's network has a phone is not."""
    t = entries["published"].territories.first()
    silent = make_structure("CRESS muette", kind="reseau-ess", territories=[t])
    silent.networks.add(make_structure("Fédération muette", kind="reseau-ess"))
    climbs = make_structure("Coop affiliée", territories=[t])
    climbs.networks.add(make_structure("CRESS relais", kind="reseau-ess"))
    climbs.networks.first().networks.add(
        make_structure("ESS France", kind="reseau-ess", phone="+33153313980")
    )
    dead = make_structure("Coop sans issue", territories=[t])
    dead.networks.add(silent)
    make_structure("Coop joignable", territories=[t], website="https://joignable.example/")
    # Coodem and the Landes incubator of ``entries`` have no contact nor network either; the
    # archived and draft structures are not published.
    expected = {
        "Coodem",
        "Incubateur des Landes",
        "CRESS muette",
        "Fédération muette",
        "Coop sans issue",
    }
    assert set(Structure.objects.dead_ends().values_list("name", flat=True)) == expected
    html = admin_client.get("/admin/").content.decode()
    tasks = html.split('class="module dead-ends-dashboard"')[1].split("</ul>")[0]
    listed = {name: href for href, name in re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', tasks)}
    assert set(listed) == expected
    assert listed["Coop sans issue"] == f"/admin/programmes/structure/{dead.pk}/change/"
    assert "5 fiches à compléter" in html
    queue = admin_client.get("/admin/programmes/structure/?joignable=non").content.decode()
    names = set(re.findall(r'<th class="field-name"><a [^>]*>([^<]*)</a>', queue))
    assert names == expected
    # A regional editor sees the tasks of their scope only.
    html = editor_client.get("/admin/").content.decode()
    tasks = html.split('class="module dead-ends-dashboard"')[1].split("</ul>")[0]
    assert "Coop sans issue" in tasks
    assert "Incubateur des Landes" not in tasks


# -- roles ----------------------------------------------------------------------------------


def test_groups_exist_with_their_permissions():
    editor = Group.objects.get(name=REGIONAL_EDITOR)
    codes = set(editor.permissions.values_list("codename", flat=True))
    assert {"change_structure", "add_programme", "view_territory"} <= codes
    assert "delete_structure" not in codes
    assert "change_territory" not in codes
    reader = Group.objects.get(name=READER).permissions.values_list("codename", flat=True)
    assert all(code.startswith("view_") for code in reader)
    assert (
        Group.objects.get(name=ADMINISTRATOR)
        .permissions.filter(codename="delete_programme")
        .exists()
    )


@pytest.fixture
def editor_client(client, territories):
    user = User.objects.create_user("editrice", password="x-long-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name=REGIONAL_EDITOR))
    EditorScope.objects.create(user=user).territories.add(territories["pdl"])
    client.force_login(user)
    return client


def test_regional_editor_sees_and_edits_only_their_region(editor_client, entries):
    listing = editor_client.get("/admin/programmes/structure/").content.decode()
    assert "Coodem" in listing
    assert "Incubateur des Landes" not in listing
    landes = entries["landes"]
    hidden = editor_client.get(f"/admin/programmes/structure/{landes.pk}/change/")
    assert hidden.status_code == 302  # "n'existe pas" for them
    refused = editor_client.post(
        f"/admin/programmes/structure/{landes.pk}/change/", {"name": "Piraté"}
    )
    assert refused.status_code in (302, 403)
    landes.refresh_from_db()
    assert landes.name == "Incubateur des Landes"
    own = editor_client.get(f"/admin/programmes/structure/{entries['published'].pk}/change/")
    assert own.status_code == 200


def test_regional_editor_cannot_create_outside_their_region(editor_client, territories):
    response = editor_client.post(
        "/admin/programmes/structure/add/",
        new_structure("Nouvelle structure landaise", territories["herm"]),
    )
    assert response.status_code == 200
    assert "Hors de votre périmètre" in response.content.decode()
    assert not Structure.objects.filter(name="Nouvelle structure landaise").exists()


def test_admin_login_locks_after_repeated_failures(client, territories):
    User.objects.create_user("curatrice", password="le-bon-mot-de-passe", is_staff=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "curatrice", "password": "mauvais"})
    locked = client.post(
        "/admin/login/", {"username": "curatrice", "password": "le-bon-mot-de-passe"}
    )
    assert locked.status_code == 429
    assert "Trop de tentatives" in locked.content.decode()


def test_staff_accounts_only(client, territories):
    User.objects.create_user("visiteur", password="un-mot-de-passe-long")
    response = client.post(
        "/admin/login/", {"username": "visiteur", "password": "un-mot-de-passe-long"}
    )
    assert response.status_code == 200  # the login form again: not a staff account
    assert client.get("/admin/").status_code == 302


# -- duplicates -----------------------------------------------------------------------------


def test_likely_duplicates_are_shown_before_saving_a_new_structure(admin_client, entries):
    data = new_structure("COODEM (SCOP)", entries["published"].commune)
    response = admin_client.post("/admin/programmes/structure/add/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fiches semblables déjà présentes" in html
    assert f'../{entries["published"].pk}/change/">Coodem</a>' in html
    assert not Structure.objects.filter(name="COODEM (SCOP)").exists()
    response = admin_client.post(
        "/admin/programmes/structure/add/", data | {"not_a_duplicate": "on"}
    )
    assert response.status_code == 302
    assert Structure.objects.filter(name="COODEM (SCOP)").exists()
