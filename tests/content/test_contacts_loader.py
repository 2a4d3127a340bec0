"""The ``contacts`` section of the content files (content/contacts.py): web pages as sources,
how to reach a structure defined in another file or only in the database."""

import json

import pytest

from content.loader import ContentError, load_content
from programmes.models import SourceDocument, Structure, StructureSource
from tests.conftest import make_structure

pytestmark = pytest.mark.django_db

PAGE = "web:example.org/coodem/contact"

STRUCTURES = {
    "documents": [{"file_name": "002_test.txt", "title": "Les CAE", "year": 2021}],
    "structures": [
        {
            "slug": "coodem",
            "name": "Coodem",
            "kind": "cae",
            "territories": ["dep-53"],
            "sources": [{"document": "002_test.txt", "section": "Coodem (l. 10-20)"}],
        },
        {"slug": "cress", "name": "CRESS", "kind": "reseau-ess", "territories": ["reg-52"]},
    ],
}

CONTACTS = {
    "documents": [
        {
            "file_name": PAGE,
            "title": "Coodem, contact",
            "url": "https://example.org/coodem/contact",
            "consulted_on": "2026-11-27",
        }
    ],
    "contacts": [
        {
            "structure": "coodem",
            "website": "https://example.org/",
            "email": "contact@example.org",
            "phone": "02 43 00 00 00",
            "address": "1 rue de l’Exemple",
            "postcode": "53000",
            "commune": "53130",
            "networks": ["cress"],
            "sources": [{"document": PAGE, "section": "pied de page", "gives": ["phone", "email"]}],
        }
    ],
}


def write(tmp_path, content, name):
    path = tmp_path / name
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


def files(tmp_path, structures=STRUCTURES, contacts=CONTACTS):
    return [write(tmp_path, structures, "a.json"), write(tmp_path, contacts, "b.json")]


def state():
    coodem = Structure.objects.get(slug="coodem")
    return (
        [
            (f, str(getattr(coodem, f)))
            for f in ("website", "email", "phone", "address", "postcode", "commune")
        ],
        sorted(coodem.networks.values_list("slug", flat=True)),
        sorted(coodem.citations.values_list("document__file_name", "section")),
        coodem.history.count(),
    )


def test_contacts_complete_a_structure_of_another_file_and_load_idempotently(territories, tmp_path):
    load_content(files(tmp_path))
    coodem = Structure.objects.get(slug="coodem")
    assert coodem.email == "contact@example.org"
    assert coodem.phone.as_e164 == "+33243000000"
    assert coodem.commune == territories["laval"]
    assert coodem.postcode == "53000"
    first = state()
    assert first[1] == ["cress"]
    assert first[2] == [("002_test.txt", "Coodem (l. 10-20)"), (PAGE, "pied de page")]
    page = SourceDocument.objects.get(file_name=PAGE)
    assert page.consulted_on.isoformat() == "2026-11-27"
    assert page.url.endswith("/contact")
    for _ in range(2):
        again = load_content(files(tmp_path), update=True)
        assert (
            again.created
            == again.updated
            == {
                "documents": 0,
                "structures": 0,
                "programmes": 0,
                "people": 0,
            }
        )
        assert state() == first


def test_contacts_of_a_structure_only_in_the_database_need_update(territories, tmp_path):
    make_structure("Coodem", slug="coodem", website="https://old.example.org/")
    make_structure("CRESS", kind="reseau-ess", slug="cress")
    path = write(tmp_path, CONTACTS, "contacts.json")
    load_content([path])
    assert Structure.objects.get(slug="coodem").website == "https://old.example.org/"
    load_content([path], update=True)
    first = state()
    assert first[0][0] == ("website", "https://example.org/")
    assert first[1] == ["cress"]
    assert load_content([path], update=True).updated["structures"] == 0
    assert state() == first


def test_every_problem_of_a_contacts_section_is_reported_and_nothing_is_written(
    territories, tmp_path
):
    structures = json.loads(json.dumps(STRUCTURES))
    structures["structures"][0]["website"] = "https://autre.example.org/"
    contacts = json.loads(json.dumps(CONTACTS))
    contacts["documents"].append({"file_name": "web:example.org/sans-date", "title": "Sans date"})
    contacts["contacts"][0]["networks"] = ["inconnu"]
    contacts["contacts"][0]["commune"] = "dep-53"
    contacts["contacts"] += [
        {"structure": "coodem", "sources": [{"document": PAGE}]},
        {"structure": "fantome", "website": "https://x.org/", "sources": [{"document": PAGE}]},
        {"structure": "cress", "fax": "01", "email": "a@b.org"},
        {
            "structure": "cress2",
            "phone": "0243000000",
            "sources": [{"document": "002_test.txt"}],
        },
    ]
    structures["structures"].append({"slug": "cress2", "name": "Autre", "kind": "reseau-ess"})
    with pytest.raises(ContentError) as error:
        load_content(files(tmp_path, structures, contacts))
    text = str(error.value)
    for expected in [
        "« website » diffère de la fiche de la structure",
        "réseau inconnu « inconnu »",
        "commune inconnue « dep-53 »",
        "coordonnées de « coodem » en double",
        "structure inconnue « fantome »",
        "champs inconnus ['fax']",
        "aucune source citée pour ces coordonnées",
        "b.json contacts « cress2 » : une coordonnée doit citer une page web",
        "web:example.org/sans-date » : une page web (« web:… ») demande son adresse",
    ]:
        assert expected in text, expected
    assert not Structure.objects.exists()
    assert not SourceDocument.objects.exists()


def test_the_same_website_with_or_without_its_final_slash_agrees(territories, tmp_path):
    structures = json.loads(json.dumps(STRUCTURES))
    structures["structures"][0]["website"] = "https://example.org"
    load_content(files(tmp_path, structures))
    assert Structure.objects.get(slug="coodem").website == "https://example.org/"


def test_an_invalid_contact_value_rolls_everything_back(territories, tmp_path):
    contacts = json.loads(json.dumps(CONTACTS))
    contacts["contacts"][0]["email"] = "pas un courriel"
    with pytest.raises(ContentError, match="b.json contacts « coodem »|a.json structures"):
        load_content(files(tmp_path, contacts=contacts))
    assert not Structure.objects.exists()
    assert not StructureSource.objects.exists()


def test_the_page_links_web_sources_and_hides_line_numbers_the_json_keeps(
    client, territories, tmp_path
):
    load_content(files(tmp_path))
    html = client.get("/structures/coodem/").content.decode()
    assert '<a href="https://example.org/coodem/contact" rel="noopener">Coodem, contact</a>' in html
    assert "page consultée le 27 novembre 2026" in html
    assert "Les CAE (2021) — Coodem</li>" in html
    assert "l. 10-20" not in html
    body = client.get("/structures/coodem/?format=json").json()
    assert body["email"] == "contact@example.org"
    assert body["phone"] == "02 43 00 00 00"
    assert {"document": PAGE, "consulted_on": "2026-11-27", "section": "pied de page"}.items() <= {
        k: v for s in body["sources"] for k, v in s.items() if s["document"] == PAGE
    }.items()
    assert any(s["section"] == "Coodem (l. 10-20)" for s in body["sources"])


def test_a_structure_without_contact_points_to_its_network(client, territories, tmp_path):
    structures = json.loads(json.dumps(STRUCTURES))
    structures["structures"][0]["networks"] = ["cress"]
    load_content([write(tmp_path, structures, "a.json")])
    # A network without contact is no one to call (issue 24, item 9).
    html = client.get("/structures/coodem/").content.decode()
    assert "Ni site, ni courriel, ni téléphone recensés pour cette structure ni pour ses" in html
    assert "adressez-vous" not in html
    Structure.objects.filter(slug="cress").update(website="https://cress.example.org/")
    html = client.get("/structures/coodem/").content.decode()
    assert (
        'adressez-vous à son réseau, <a href="/structures/cress/">CRESS</a> : '
        '<a href="https://cress.example.org/">cress.example.org</a>.'
    ) in html


# -- Each phone and e-mail with the page that gives it, and that page's date (issue 24) -----


def test_a_phone_or_email_names_the_page_that_gives_it(territories, tmp_path):
    contacts = json.loads(json.dumps(CONTACTS))
    contacts["contacts"][0]["sources"][0]["gives"] = ["phone"]  # the e-mail: no page
    structures = json.loads(json.dumps(STRUCTURES))
    structures["structures"][1]["sources"] = [{"document": "002_test.txt", "gives": ["email"]}]
    structures["programmes"] = [
        {
            "slug": "offre",
            "name": "Offre",
            "sources": [{"document": "002_test.txt", "gives": ["phone"]}],
        }
    ]
    with pytest.raises(ContentError) as error:
        load_content(files(tmp_path, structures, contacts))
    text = str(error.value)
    for expected in [
        "le courriel doit nommer la page qui le donne",
        "une source donne le courriel, que la fiche n’a pas",
        "« gives » ne vaut que pour les sources d’une structure",
    ]:
        assert expected in text, expected
    assert not Structure.objects.exists()


def test_each_phone_and_email_shows_its_page_and_the_pages_own_date(client, territories, tmp_path):
    load_content(files(tmp_path))
    citation = StructureSource.objects.get(document__file_name=PAGE)
    assert (citation.gives_phone, citation.gives_email) == (True, True)
    html = client.get("/structures/coodem/").content.decode()
    source = (
        '(d’après la page <a href="https://example.org/coodem/contact" rel="noopener">'
        "Coodem, contact</a>, date de la page inconnue)"
    )
    assert html.count(source) == 2  # the phone, the e-mail
    contacts = json.loads(json.dumps(CONTACTS))
    contacts["documents"][0]["published_on"] = "2015-03-12"
    load_content(files(tmp_path, contacts=contacts), update=True)
    html = client.get("/structures/coodem/").content.decode()
    assert html.count("Coodem, contact</a> du 12 mars 2015)") == 2
    body = client.get("/structures/coodem/?format=json").json()
    page = next(s for s in body["sources"] if s["document"] == PAGE)
    assert page["published_on"] == "2015-03-12"
    assert page["gives"] == ["phone", "email"]
    # The file stops saying the page gives the e-mail: the citation follows.
    contacts["contacts"][0]["sources"][0]["gives"] = ["phone"]
    contacts["contacts"][0]["email"] = ""
    Structure.objects.filter(slug="coodem").update(email="")
    load_content(files(tmp_path, contacts=contacts), update=True)
    citation.refresh_from_db()
    assert (citation.gives_phone, citation.gives_email) == (True, False)
