"""« Ma sélection » (/selection/, issue 16): a one-page sheet of entries chosen for one caller,
kept in its address; the « Ajouter à ma sélection » links of cards and entry pages."""

import csv
import io
from urllib.parse import unquote, unquote_plus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from selection.address import MAX_ENTRIES, MAX_NOTE
from selection.views import COOKIE
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(territories):
    t = territories
    apess = make_structure(
        "APESS 53", kind="reseau-ess", territories=[t["dep53"]], commune=t["mayenne"]
    )
    coodem = make_structure(
        "Coodem",
        territories=[t["dep53"]],
        commune=t["laval"],
        phone="+33243123456",
        website="https://www.coodem.fr/",
        general_stage_creation=True,
    )
    apess.networks.add(coodem)
    mayidees = make_programme(
        "May'Idées",
        stages=["idee"],
        territories=[t["dep53"]],
        operators=[apess],
        how_to_apply="Écrire à l’APESS pour la prochaine session.",
    )
    test = make_programme(
        "Test d'activité", stages=["creation"], territories=[t["dep53"]], operators=[coodem]
    )
    mayidees.next_steps.add(test)
    return {"apess": apess, "coodem": coodem, "mayidees": mayidees, "test": test}


def sheet_url(e, **extra):
    query = f"d={e['mayidees'].slug},{e['test'].slug}&s={e['coodem'].slug}"
    return "/selection/?" + "&".join([query, *(f"{k}={v}" for k, v in extra.items())])


def test_each_entry_says_what_it_is_for_which_stage_how_to_reach_and_what_next(client, entries):
    response = client.get(sheet_url(entries))
    assert response.status_code == 200
    html = response.content.decode()
    first, second, third = (html.index(name) for name in ("May", "Test d", "Coodem</a></h2>"))
    assert first < second < third  # the address's order
    assert "Dispositif, porté par APESS 53" in html
    assert "Pour quelle étape" in html
    assert "idée" in html
    assert "accompagnement général : création" in html
    # The one contact rule: APESS has no phone, its network Coodem does.
    assert "par son réseau" in html
    assert "tel:+33243123456" in html
    assert "Et après ?" in html
    assert entries["test"].get_absolute_url() in html
    assert "Écrire à l’APESS" in html


def test_personal_page_not_indexed(client, entries):
    response = client.get(sheet_url(entries))
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"


def test_unknown_and_unpublished_slugs_are_ignored_politely(client, entries):
    make_programme("Brouillon", published=False)
    response = client.get(sheet_url(entries) + ",brouillon,nulle-part&s=coodem,bad<slug")
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 fiches de cette sélection n’ont pas été trouvées" in html
    assert "Brouillon" not in html
    # The page's own address only carries what it shows.
    assert "nulle-part" not in html.split("Adresse de cette fiche")[1].split("</a>")[0]
    one = client.get("/selection/?d=nulle-part").content.decode()
    assert "1 fiche de cette sélection n’a pas été trouvée" in one
    assert "Votre sélection est vide" in one


def test_bounded_number_of_entries(client, territories):
    slugs = [make_programme(f"Dispositif {i}").slug for i in range(MAX_ENTRIES + 2)]
    html = client.get("/selection/?d=" + ",".join(slugs)).content.decode()
    assert html.count('class="print-entry selection-entry"') == MAX_ENTRIES
    assert f"Une sélection tient en {MAX_ENTRIES} fiches au plus : 2 fiches de plus" in html


def test_note_is_escaped_kept_in_the_address_and_bounded(client, entries):
    note = "<script>alert(1)</script> Rappeler lundi & apporter le Kbis"
    html = client.get(sheet_url(entries, note=note.replace("&", "%26"))).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Rappeler lundi &amp; apporter le Kbis" in html
    share = html.split('class="selection-url" href="')[1].split('"')[0]
    assert unquote_plus(share.replace("&amp;", "&")).endswith(f"note={note}")
    long = client.get(sheet_url(entries, note="x" * (MAX_NOTE + 1))).content.decode()
    assert f"La note compte {MAX_NOTE + 1} caractères ; elle en tient {MAX_NOTE}" in long
    assert f">{'x' * MAX_NOTE}</textarea>" in long


def test_remove_links_and_empty_link(client, entries):
    html = client.get(sheet_url(entries, retour="/programmes/")).content.decode()
    assert f'href="/selection/?d={entries["test"].slug}&amp;s=coodem&amp;retour=/programmes/"' in (
        html
    )
    assert 'Retirer de la sélection<span class="visually-hidden"> : May' in html
    assert 'href="/selection/?vider=oui&amp;retour=/programmes/">Vider la sélection' in html
    assert 'href="/programmes/">← Revenir' in html


def test_buttons_print_copy_mail_csv(client, entries):
    html = client.get(sheet_url(entries, note="lundi")).content.decode()
    assert "data-print" in html
    assert "data-copy-url=" in html
    mailto = html.split('href="mailto:')[1].split('"')[0]
    assert "subject=Accompagnements%20ESS" in mailto
    body = unquote(mailto.split("body=")[1].replace("&amp;", "&"))
    assert "- May'Idées" in body
    assert "lundi" in body
    assert f"http://testserver/selection/?d={entries['mayidees'].slug}" in body
    assert "format=csv" in html


def test_csv(client, entries):
    response = client.get(sheet_url(entries, format="csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [(r["type"], r["name"]) for r in rows] == [
        ("dispositif", "May'Idées"),
        ("dispositif", "Test d'activité"),
        ("structure", "Coodem"),
    ]
    assert "réseau à contacter : Coodem" in rows[0]["contact"]
    assert rows[0]["next_steps"] == "Test d'activité"
    assert rows[0]["stages"] == "idée"
    assert client.get(sheet_url(entries, format="json")).status_code == 400


def test_query_count_does_not_grow_with_entries(client, territories):
    structure = make_structure("Réseau", kind="reseau-ess")
    programmes = [make_programme(f"D {i}", operators=[structure]) for i in range(MAX_ENTRIES)]
    for p in programmes[1:]:
        programmes[0].next_steps.add(p)

    def queries(path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    # What a connection asks once (SQLite: whether it has JSON, for the network to call).
    client.get(f"/selection/?d={programmes[0].slug}")
    few = queries("/selection/?d=" + ",".join(p.slug for p in programmes[:2]) + "&s=reseau")
    many = queries("/selection/?d=" + ",".join(p.slug for p in programmes[:19]) + "&s=reseau")
    # Programmes, their operators (with networks to call), next steps; structures.
    assert few == many == 4
    assert queries("/selection/?vider=oui") == 0


def test_adding_goes_to_the_remembered_selection_then_back(client, entries):
    """Without JavaScript: the card's link is the same for everybody, the browser remembers
    the last selection shown (cookie), and the add link extends it."""
    first = client.get("/selection/ajouter/?d=may-idees&retour=/programmes/%3Fq%3Dcae")
    assert first.status_code == 302
    assert first["Location"] == "/selection/?d=may-idees&retour=/programmes/%3Fq%3Dcae"
    client.get(first["Location"])  # the sheet remembers itself
    assert client.cookies[COOKIE].value == "d=may-idees"
    second = client.get("/selection/ajouter/?s=coodem")
    assert second["Location"] == "/selection/?d=may-idees&s=coodem"
    client.get(second["Location"] + "&note=lundi")
    test = entries["test"].slug
    third = client.get(f"/selection/ajouter/?d={test}")
    assert third["Location"] == f"/selection/?d=may-idees,{test}&s=coodem&note=lundi"
    client.get("/selection/?vider=oui")  # « Vider la sélection »
    assert client.get("/selection/ajouter/?s=coodem")["Location"] == "/selection/?s=coodem"


def test_return_path_is_only_a_path_of_this_site(client, entries):
    for bad in ("//evil.example/", "/\\evil.example/", "https://evil.example/", "javascript:x"):
        location = client.get("/selection/ajouter/", {"d": "may-idees", "retour": bad})["Location"]
        assert location == "/selection/?d=may-idees", bad


def add_link(entry, kind):
    return f'href="/selection/ajouter/?{kind}={entry.slug}&amp;retour='


@pytest.mark.parametrize(
    ("path", "entry", "kind"),
    [
        ("/programmes/?territoire=53147", "mayidees", "d"),
        ("/programmes/?territoire=53147&etape=creation", "coodem", "s"),  # general accompaniment
        ("/structures/", "apess", "s"),
        ("/territoires/53147/", "mayidees", "d"),
        ("/territoires/53147/", "coodem", "s"),
        ("/programmes/may-idees/", "mayidees", "d"),
        ("/structures/coodem/", "coodem", "s"),
    ],
)
def test_cards_and_entry_pages_offer_to_add(client, entries, path, entry, kind):
    html = client.get(path).content.decode()
    assert add_link(entries[entry], kind) in html, path
    assert f'Ajouter à ma sélection<span class="visually-hidden"> : {entries[entry].name}' in (
        html.replace("&#x27;", "'")
    )


def test_a_draft_seen_by_a_curator_is_not_offered(admin_client, territories):
    draft = make_programme("Brouillon", published=False)
    html = admin_client.get(draft.get_absolute_url()).content.decode()
    assert "Ajouter à ma sélection" not in html


def test_an_address_too_long_for_the_site_is_never_built(client, territories):
    """The site answers 414 beyond ESSMAP_MAX_QUERY_STRING: adding drops the way back, then
    refuses the entry and says why, rather than sending the visitor to an error."""
    slugs = [make_programme(f"{'Dispositif au nom très long ' * 6} {i}").slug for i in range(9)]
    client.get("/selection/?d=" + ",".join(slugs[:8]) + "&note=" + "%C3%A9" * 380)
    location = client.get(f"/selection/ajouter/?d={slugs[8]}&retour=/programmes/")["Location"]
    assert "plein=oui" in location
    assert slugs[8] not in location
    html = client.get(location).content.decode()
    assert "L’adresse de cette sélection a atteint sa longueur maximale" in html


def test_the_header_link_opens_the_selection_in_progress(client, entries):
    assert 'href="/selection/">Ma sélection</a>' in client.get("/").content.decode()
    assert "Votre sélection est vide" in client.get("/selection/").content.decode()
    client.get("/selection/?d=may-idees&note=lundi")
    assert client.get("/selection/")["Location"] == "/selection/?d=may-idees&note=lundi"
    assert "Votre sélection est vide" in client.get("/selection/?vider=oui").content.decode()
    assert client.get("/selection/").status_code == 200  # forgotten


def test_crawlers_are_kept_off_the_add_links(client, db):
    assert "Disallow: /selection/ajouter/" in client.get("/robots.txt").content.decode()


def test_removing_the_last_entry_empties_the_selection(client, entries):
    html = client.get("/selection/?s=coodem").content.decode()
    assert 'href="/selection/?vider=oui">Retirer de la sélection' in html
    client.get("/selection/?vider=oui")
    assert client.get("/selection/").status_code == 200  # nothing remembered any more


def test_a_structure_says_the_stages_it_serves_through_its_programmes(client, entries):
    """APESS 53 has no general accompaniment: its sheet says the stage of May'Idées, the
    programme it runs, never « voir ses dispositifs sur sa fiche » (issue 24, item 12)."""
    make_programme("Développer", stages=["developpement"], operators=[entries["apess"]])
    ended = make_programme("Ancien", stages=["creation"], operators=[entries["apess"]])
    ended.status = "termine"
    ended.save()
    html = client.get(f"/selection/?s={entries['apess'].slug},{entries['coodem'].slug}").content
    html = html.decode()
    assert "voir ses dispositifs" not in html
    apess = html[html.index("APESS 53</a></h2>") : html.index("Coodem</a></h2>")]
    assert "par ses dispositifs : idée, développement" in " ".join(apess.split())
    coodem = html[html.index("Coodem</a></h2>") :]
    assert "accompagnement général : création ; par ses dispositifs : création" in " ".join(
        coodem.split()
    )
    rows = client.get(f"/selection/?s={entries['apess'].slug}&format=csv").content.decode()
    assert ";idée | développement;" in rows


def test_a_long_way_in_is_cut_after_a_whole_word(client, entries):
    """Le Germoir's « how to apply » of the shipped content, 324 characters: the sheet showed
    « …ni calendrier ni coût : l… »."""
    entries["mayidees"].how_to_apply = (
        "Déposer un dossier de candidature auprès de l’APESS 53 (apess53.org) pour la session "
        "suivante : les promotions sont limitées à six ou sept projets. L’APESS 53 organise des "
        "réunions d’information avec les acteurs publics locaux du développement économique. "
        "Le guide ne donne ni calendrier ni coût : les demander à l’APESS 53."
    )
    entries["mayidees"].save()
    html = client.get(f"/selection/?d={entries['mayidees'].slug}").content.decode()
    assert "ni calendrier ni coût…" in html
    assert "coût : l…" not in html
