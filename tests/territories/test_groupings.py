"""PNR, Pays and other groupings: the shipped list, member import (service, command, admin)."""

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from essmap import paths
from programmes.models import Programme
from territories.models import FormerCode, Territory, TerritoryKind, territory_key
from territories.services.members import MembersError, import_members
from territories.services.reference import load_territories
from tests.conftest import make_programme, make_territory

pytestmark = pytest.mark.django_db

K = TerritoryKind
GROUPINGS = paths.TERRITORIES_DIR / "groupings.json"
MEMBERS_DIR = paths.TERRITORIES_DIR / "members"


@pytest.fixture
def parc(territories):
    """A PNR in Pays de la Loire whose communes are not known yet."""
    parc = make_territory(
        K.PNR, "bocage-test", "Parc naturel régional du Bocage", [territories["pdl"]]
    )
    parc.membership_complete = False
    parc.save()
    return parc


def csv_file(text, encoding="utf-8"):
    return io.BytesIO(text.encode(encoding))


def member_keys(grouping):
    return set(
        Territory.objects.filter(containers=grouping, kind=K.COMMUNE).values_list("key", flat=True)
    )


def test_import_adds_members_and_programmes_serving_the_grouping_reach_them(territories, parc):
    programme = make_programme("Incubateur du parc", territories=[parc])
    serving = Programme.objects.published().serving
    assert not serving(territories["mayenne"]).filter(pk=programme.pk).exists()

    report = import_members(parc, csv_file("code\n53147\n53130\n"))

    assert report.counts == {"added": 2, "already": 0, "removed": 0}
    assert member_keys(parc) == {"53147", "53130"}
    parc.refresh_from_db()
    assert parc.membership_complete is True
    # As a new request sees them (a territory instance reads its containers once).
    commune = {key: Territory.objects.get(key=key) for key in ("53147", "53130", "44109")}
    assert serving(commune["53147"]).filter(pk=programme.pk).exists()
    assert serving(commune["53130"]).filter(pk=programme.pk).exists()
    assert not serving(commune["44109"]).filter(pk=programme.pk).exists()
    # The commune keeps its other containers.
    assert {"dep-53", "reg-52", "FR", "pnr-bocage-test"} <= {
        t.key for t in territories["mayenne"].containers.all()
    }


def test_bad_file_writes_nothing_and_reports_every_bad_line(territories, parc):
    text = "\n".join(
        [
            "code;nom",  # 1 header
            "53147;Mayenne",  # 2 fine
            "5314;zéro perdu",  # 3 malformed, lost leading zero?
            "99999;inconnue",  # 4 unknown
            "53147;encore Mayenne",  # 5 duplicate
            "dep-53;Mayenne (département)",  # 6 not a commune
            "200055887;CC",  # 7 EPCI, not a commune
            "40123;Herm",  # 8 outside the parc's région
            "",  # blank: skipped
            "bonjour",  # 10 malformed
            ";sans code",  # 11 empty first column
        ]
    )
    with pytest.raises(MembersError) as caught:
        import_members(parc, csv_file(text), replace=True)
    problems = caught.value.problems
    by_line = {int(re.match(r"ligne (\d+)", p).group(1)): p for p in problems}
    assert sorted(by_line) == [3, 4, 5, 6, 7, 8, 10, 11]
    assert "zéro initial" in by_line[3]
    assert "05314" in by_line[3]
    assert "inconnu" in by_line[4]
    assert "double" in by_line[5]
    assert "ligne 2" in by_line[5]
    assert "pas une commune" in by_line[6]
    assert "Mayenne" in by_line[6]
    assert "pas une commune" in by_line[7]
    assert "EPCI" in by_line[7]
    assert "Herm" in by_line[8]
    assert "Pays de la Loire" in by_line[8]
    assert "n’est pas un code INSEE" in by_line[10]
    assert "vide" in by_line[11]

    assert member_keys(parc) == set()
    parc.refresh_from_db()
    assert parc.membership_complete is False


def test_empty_file_is_refused(territories, parc):
    with pytest.raises(MembersError, match="aucun code"):
        import_members(parc, csv_file("code\n\n"), replace=True)


def test_only_groupings_take_members(territories):
    with pytest.raises(MembersError, match="pas un PNR"):
        import_members(territories["dep53"], csv_file("53147\n"))


def test_reimport_is_idempotent(territories, parc):
    import_members(parc, csv_file("53147\n53130\n"))
    links = Territory.containers.through.objects.count()
    report = import_members(parc, csv_file("53147\n53130\n"))
    assert report.counts == {"added": 0, "already": 2, "removed": 0}
    assert Territory.containers.through.objects.count() == links


def test_replace_removes_absent_members_and_only_when_asked(territories, parc):
    import_members(parc, csv_file("53147\n53130\n"))
    territories["cc_mayenne"].containers.add(parc)  # a non-commune link: never touched

    report = import_members(parc, csv_file("53147\n"))
    assert report.counts == {"added": 0, "already": 1, "removed": 0}
    assert [t.key for t in report.kept] == ["53130"]
    assert member_keys(parc) == {"53147", "53130"}

    report = import_members(parc, csv_file("53147\n"), replace=True)
    assert report.counts == {"added": 0, "already": 1, "removed": 1}
    assert member_keys(parc) == {"53147"}
    assert parc in territories["cc_mayenne"].containers.all()
    assert parc not in territories["laval"].containers.all()
    assert parc in territories["mayenne"].containers.all()


def test_former_codes_resolve_to_the_current_commune(territories, parc):
    FormerCode.objects.create(code="53062", name="Ancienne commune", territory=territories["laval"])
    old = make_territory(K.COMMUNE, "53001", "Commune fusionnée", [territories["dep53"]])
    old.is_current = False
    old.save()
    FormerCode.objects.create(
        code="53001", name="Commune fusionnée", territory=territories["mayenne"]
    )

    report = import_members(parc, csv_file("53062\n53001\n"))
    assert member_keys(parc) == {"53130", "53147"}
    assert [(line, code) for line, code, _ in report.former_codes] == [(1, "53062"), (2, "53001")]
    assert parc not in old.containers.all()

    # An old code and the current code of the same commune are a duplicate.
    with pytest.raises(MembersError, match="ligne 2 .*doublon"):
        import_members(parc, csv_file("53130\n53062\n"))


def test_bom_semicolons_and_windows_encoding_are_accepted(territories, parc):
    report = import_members(parc, csv_file("\ufeffCode INSEE;Nom\r\n53147;Mayenne\r\n"))
    assert report.counts["added"] == 1
    report = import_members(parc, csv_file("code;nom\n53130;Laval (cité)\n", "cp1252"))
    assert report.counts["added"] == 1


def test_dry_run_writes_nothing(territories, parc):
    report = import_members(parc, csv_file("53147\n"), dry_run=True)
    assert [t.key for t in report.added] == ["53147"]
    assert member_keys(parc) == set()
    parc.refresh_from_db()
    assert parc.membership_complete is False


def test_management_command(territories, parc, tmp_path, capsys):
    path = tmp_path / "membres.csv"
    path.write_text("code\n53147\n53130\n", encoding="utf-8")

    call_command("import_members", "pnr-bocage-test", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "2 communes seraient ajoutées" in out
    assert "Simulation" in out
    assert member_keys(parc) == set()

    call_command("import_members", "pnr-bocage-test", str(path))
    assert "2 communes ont été ajoutées" in capsys.readouterr().out
    assert member_keys(parc) == {"53147", "53130"}

    path.write_text("code\n53147\n", encoding="utf-8")
    call_command("import_members", "pnr-bocage-test", str(path), "--replace")
    assert "1 communes absentes du fichier ont été retirées" in capsys.readouterr().out
    assert member_keys(parc) == {"53147"}

    path.write_text("code\n53147\n12345\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import_members", "pnr-bocage-test", str(path), "--replace")
    assert "rien n’a été écrit" in str(caught.value)
    assert "ligne 3" in str(caught.value)
    assert member_keys(parc) == {"53147"}

    with pytest.raises(CommandError, match="inconnu"):
        call_command("import_members", "pnr-nulle-part", str(path))


def test_admin_warns_when_membership_is_unknown(admin_client, territories, parc):
    url = reverse("admin:territories_territory_change", args=[parc.pk])
    html = admin_client.get(url).content.decode()
    assert "La liste des communes membres de ce regroupement est inconnue" in html
    assert "Ne l’inventez pas" in html
    assert "aucune commune membre" in html
    assert reverse("admin:territories_territory_members", args=[parc.pk]) in html

    # A commune's page has no such warning.
    html = admin_client.get(
        reverse("admin:territories_territory_change", args=[territories["mayenne"].pk])
    ).content.decode()
    assert "est inconnue" not in html

    # The list shows and filters the flag.
    html = admin_client.get(
        reverse("admin:territories_territory_changelist"), {"membres": "inconnue"}
    ).content.decode()
    assert "Parc naturel régional du Bocage" in html
    assert "Laval" not in html


@pytest.fixture
def members_url(parc):
    return reverse("admin:territories_territory_members", args=[parc.pk])


def check_upload(admin_client, url, content, **data):
    """The first step of the members page: the file is checked, nothing is written yet."""
    upload = SimpleUploadedFile("membres.csv", content, "text/csv")
    return admin_client.post(url, {"etape": "verifier", "fichier": upload, **data})


@pytest.fixture
def checked(admin_client, members_url):
    """A good file checked: the page to confirm, with the content it sends back."""
    html = check_upload(admin_client, members_url, b"code;nom\n53147;Mayenne\n").content.decode()
    content = re.search(r'<textarea name="contenu" hidden>\n(.*?)</textarea>', html, re.S).group(1)
    return html, content


@pytest.fixture
def confirmed(admin_client, members_url, checked):
    return admin_client.post(members_url, {"etape": "confirmer", "contenu": checked[1]})


def test_admin_members_page_offers_the_upload(admin_client, members_url):
    page = admin_client.get(members_url)
    assert page.status_code == 200
    assert "Remplacer la liste" in page.content.decode()


def test_admin_upload_of_a_bad_file_lists_every_bad_line_and_writes_nothing(
    admin_client, members_url, parc
):
    html = check_upload(admin_client, members_url, b"code\n53147\n99999\n").content.decode()
    assert "rien n’a été enregistré" in html
    assert "ligne 3" in html
    assert member_keys(parc) == set()


def test_admin_upload_first_tells_what_would_change_and_writes_nothing(checked, parc):
    html, _ = checked
    assert "ce qui changerait" in html
    assert "Mayenne (53) – 53147" in html
    assert "Confirmer l’import" in html
    assert member_keys(parc) == set()


def test_admin_upload_confirmed_imports_and_completes_the_membership(confirmed, parc):
    assert confirmed.status_code == 302
    assert member_keys(parc) == {"53147"}
    parc.refresh_from_db()
    assert parc.membership_complete is True


def test_admin_upload_confirmed_tells_what_changed(admin_client, confirmed):
    html = admin_client.get(confirmed.url).content.decode()
    assert "1 communes ont été ajoutées" in html
    assert "1 commune membre" in html
    assert "est inconnue" not in html


def test_admin_upload_replaces_the_list_after_confirmation_only(
    admin_client, members_url, confirmed, parc
):
    html = check_upload(admin_client, members_url, b"53130\n", remplacer="on").content.decode()
    assert "Communes retirées (1)" in html
    assert "Mayenne (53) – 53147" in html
    assert member_keys(parc) == {"53147"}
    admin_client.post(members_url, {"etape": "confirmer", "contenu": "53130\n", "remplacer": "1"})
    assert member_keys(parc) == {"53130"}


def test_admin_exports_the_members(admin_client, members_url, confirmed, parc):
    admin_client.post(members_url, {"etape": "confirmer", "contenu": "53130\n", "remplacer": "1"})
    export = admin_client.get(reverse("admin:territories_territory_members_export", args=[parc.pk]))
    assert export.content.decode("utf-8-sig").splitlines() == ["code;nom", "53130;Laval"]


def test_only_groupings_have_a_members_page(admin_client, territories):
    other = reverse("admin:territories_territory_members", args=[territories["mayenne"].pk])
    assert admin_client.get(other).status_code == 404


def test_grouping_added_in_admin_starts_with_unknown_membership(admin_client, territories):
    response = admin_client.post(
        reverse("admin:territories_territory_add"),
        {"kind": "pnr", "code": "nouveau", "name": "PNR nouveau", "membership_complete": "on"},
    )
    assert response.status_code == 302
    assert Territory.objects.get(key="pnr-nouveau").membership_complete is False


def make_regions(territories):
    for code, name in [
        ("11", "Île-de-France"),
        ("24", "Centre-Val de Loire"),
        ("27", "Bourgogne-Franche-Comté"),
        ("44", "Grand Est"),
        ("53", "Bretagne"),
    ]:
        make_territory(K.REGION, code, name)
    # The départements the groupings lie in (their approximate perimeter).
    entries = json.loads(GROUPINGS.read_text(encoding="utf-8"))
    named = {key for entry in entries for key in entry.get("departements", [])}
    known = set(Territory.objects.filter(key__in=named).values_list("key", flat=True))
    for key in sorted(named - known):
        make_territory(K.DEPARTEMENT, key.removeprefix("dep-"), f"Département {key[4:]}")


@pytest.fixture
def shipped_groupings(territories):
    """The shipped groupings file, and what loading it once said (created, updated)."""
    make_regions(territories)
    entries = json.loads(GROUPINGS.read_text(encoding="utf-8"))
    return entries, load_territories(GROUPINGS)


def test_shipped_groupings_load_once(shipped_groupings):
    entries, loaded = shipped_groupings
    # Pays du Vignoble Nantais exists in the test data already, with the same name.
    assert loaded == (len(entries) - 1, 0)
    assert load_territories(GROUPINGS) == (0, 0)


def test_shipped_groupings_file_follows_the_rules():
    for entry in json.loads(GROUPINGS.read_text(encoding="utf-8")):
        assert entry["kind"] in ("pnr", "pays_petr", "groupement")
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry["code"])
        assert entry["source"].startswith("003_1d54022f4fac85d7.txt L")
        assert "membership_complete" not in entry
        assert "population" not in entry
        assert all(key.startswith("reg-") for key in entry["containers"])
        # Départements (an approximate perimeter until members are imported) say their source.
        assert all(key.startswith("dep-") for key in entry.get("departements", []))
        assert bool(entry.get("departements")) == bool(entry.get("departements_source"))


def test_each_shipped_grouping_is_inside_france_and_its_regions(shipped_groupings):
    entries, _ = shipped_groupings
    for entry in entries:
        territory = Territory.objects.get(kind=entry["kind"], code=entry["code"])
        assert {t.key for t in territory.containers.all()} == {"FR", *entry["containers"]}


@pytest.fixture
def grouping_keys(shipped_groupings):
    return {t.key: t for t in Territory.objects.of_kind(K.PNR, K.PAYS, K.GROUPING)}


@pytest.mark.parametrize(
    "key",
    [
        "pnr-vercors",
        "pnr-haute-vallee-de-chevreuse",
        "pnr-ballons-des-vosges",
        "pays-perigord-vert",
        "pays-terres-de-lorraine",
        "pays-vignoble-nantais",
    ],
)
def test_well_known_groupings_are_shipped(grouping_keys, key):
    assert key in grouping_keys


def test_a_shipped_park_has_its_name_and_every_region_it_spans(grouping_keys):
    assert grouping_keys["pnr-vercors"].name == "Parc naturel régional du Vercors"
    assert {t.key for t in grouping_keys["pnr-ballons-des-vosges"].containers.all()} == {
        "FR",
        "reg-44",
        "reg-27",
    }


def test_shipped_groupings_start_with_unknown_membership(grouping_keys):
    assert grouping_keys["pnr-vercors"].membership_complete is False
    assert grouping_keys["pays-perigord-vert"].membership_complete is False


@pytest.fixture
def vercors_with_a_member(territories):
    """The shipped Vercors park (membership unknown), then one commune imported as member."""
    make_regions(territories)
    load_territories(GROUPINGS)
    vercors = Territory.objects.get(key="pnr-vercors")
    assert vercors.membership_complete is False
    commune = make_territory(K.COMMUNE, "26300", "Commune du Vercors", [territories["ara"]])
    import_members(vercors, csv_file(commune.code))
    return vercors, commune


def test_reload_keeps_imported_membership(vercors_with_a_member):
    vercors, commune = vercors_with_a_member
    assert load_territories(GROUPINGS) == (0, 0)
    vercors.refresh_from_db()
    assert vercors.membership_complete is True
    assert vercors in commune.containers.all()


def test_reload_sets_membership_completeness_when_the_file_says_so(vercors_with_a_member, tmp_path):
    vercors, commune = vercors_with_a_member
    explicit = tmp_path / "explicit.json"
    explicit.write_text(
        json.dumps(
            [
                {
                    "kind": "pnr",
                    "code": "vercors",
                    "name": vercors.name,
                    "membership_complete": False,
                },
                {"kind": "pnr", "code": "connu", "name": "PNR connu", "membership_complete": True},
                {"kind": "commune", "code": "26301", "name": "Autre commune"},
            ]
        ),
        encoding="utf-8",
    )
    assert load_territories(explicit) == (2, 1)
    vercors.refresh_from_db()
    assert vercors.membership_complete is False
    assert vercors in commune.containers.all()  # the loader never removes members
    assert Territory.objects.get(key="pnr-connu").membership_complete is True
    assert Territory.objects.get(key="26301").membership_complete is True


def test_shipped_member_lists_are_well_formed():
    """Member lists shipped in essmap/fixtures/territories/members/ name a shipped grouping."""
    keys = {
        territory_key(e["kind"], e["code"])
        for e in json.loads(GROUPINGS.read_text(encoding="utf-8"))
    }
    paths = sorted(MEMBERS_DIR.glob("*.csv"))
    for path in paths:
        assert path.stem in keys
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "code,nom"
        codes = [line.split(",")[0] for line in lines[1:]]
        assert len(codes) == len(set(codes))
        assert all(re.fullmatch(r"\d{5}|2[AB]\d{3}", code) for code in codes)
    vignoble = MEMBERS_DIR / "pays-vignoble-nantais.csv"
    # The source names 27 communes in two intercommunalités.
    assert len(vignoble.read_text(encoding="utf-8").splitlines()) == 1 + 27


def test_curator_rurality_survives_a_national_reload(admin_client, territories, tmp_path):
    """A curator corrects a commune's rurality in the admin; reloading keeps the correction."""
    import gzip

    from territories.services.national import load_national

    herm = territories["herm"]
    herm.rural = True
    herm.save()
    response = admin_client.post(
        f"/admin/territories/territory/{herm.pk}/change/",
        {
            "kind": "commune",
            "code": "40123",
            "name": "Herm",
            "is_current": "on",
            "population": "1185",
            "area_km2": "52.29",
            "postcodes": "40990",
            "rural": "false",
            "latitude": "",
            "longitude": "",
            "containers": [c.pk for c in herm.containers.all()],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    herm.refresh_from_db()
    assert herm.rural is False
    assert herm.rural_set_by_curator

    files = {
        "regions": "code,name,population\n75,Nouvelle-Aquitaine,1\n",
        "departements": "code,name,region,population\n40,Landes,75,1\n",
        "epci": "code,name,departements,regions,population\n",
        "communes": "code,name,departement,region,epci,parent,population,postcodes,latitude,"
        "longitude,area_km2\n40123,Herm,40,75,,,1185,40990,43.8,-1.1,52.29\n",
        "former_codes": "code,name,current\n",
    }
    for name, text in files.items():
        with gzip.open(tmp_path / f"{name}.csv.gz", "wt", encoding="utf-8") as f:
            f.write(text)
    load_national(tmp_path, log=lambda *_: None)
    herm.refresh_from_db()
    assert herm.rural is False  # density 23/km² would say rural; the curator said no
    assert herm.latitude == 43.8


@pytest.fixture
def membership_changes(admin_client, parc):
    """Two imports in the admin: Mayenne and Laval from a file, then Laval alone replacing."""
    url = reverse("admin:territories_territory_members", args=[parc.pk])
    admin_client.post(
        url, {"etape": "confirmer", "contenu": "53147\n53130\n", "nom_fichier": "parc.csv"}
    )
    admin_client.post(url, {"etape": "confirmer", "contenu": "53130\n", "remplacer": "1"})
    return list(parc.membership_changes.order_by("pk"))


def undo(admin_client, change):
    return admin_client.post(
        reverse("admin:territories_membershipchange_changelist"),
        {"action": "undo", "_selected_action": [change.pk]},
    )


def test_membership_changes_are_recorded_with_author_and_source(membership_changes, parc):
    assert member_keys(parc) == {"53130"}
    assert [(c.added_codes, c.removed_codes) for c in membership_changes] == [
        (["53147", "53130"], []),
        ([], ["53147"]),
    ]
    assert membership_changes[0].changed_by.username == "admin"
    assert membership_changes[0].source == "Fichier « parc.csv »"


def test_membership_changes_are_listed_in_the_admin(admin_client, membership_changes):
    listing = admin_client.get(reverse("admin:territories_membershipchange_changelist"))
    assert "Parc naturel régional du Bocage" in listing.content.decode()


def test_undoing_a_replacement_puts_members_back_and_is_recorded(
    admin_client, membership_changes, parc
):
    response = undo(admin_client, membership_changes[1])
    assert response.status_code == 302
    assert member_keys(parc) == {"53130", "53147"}
    last = parc.membership_changes.order_by("pk").last()
    assert last.added_codes == ["53147"]
    assert last.changed_by.username == "admin"


def test_a_second_undo_of_the_same_change_is_refused(admin_client, membership_changes, parc):
    undo(admin_client, membership_changes[1])
    undo(admin_client, membership_changes[1])
    assert parc.membership_changes.count() == 3
