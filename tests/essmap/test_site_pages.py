"""Who runs the site: À propos, mentions légales, données personnelles, accessibilité, contact,
the footer that links them from every page, and the favicon."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import override_settings

pytestmark = pytest.mark.django_db

PUBLISHER = {
    "ESSMAP_PUBLISHER_NAME": "Association Exemple",
    "ESSMAP_PUBLISHER_ADDRESS": "1 rue de l’Exemple, 53000 Laval",
    "ESSMAP_PUBLICATION_DIRECTOR": "Camille Exemple",
    "ESSMAP_HOST_NAME": "Hébergeur Exemple",
    "ESSMAP_HOST_ADDRESS": "2 avenue de l’Hébergement, 75000 Paris",
    "ESSMAP_CONTACT_EMAIL": "contact@exemple.fr",
}
UNSET = dict.fromkeys(PUBLISHER, "")

PAGES = {
    "/a-propos/": ["Qui publie essmap", "Chaque fiche cite ses sources", "/proposer/"],
    "/mentions-legales/": ["Éditeur", "Directeur ou directrice de la publication", "Hébergement"],
    "/donnees-personnelles/": [
        "Propositions et signalements",
        "Supprimés dès que vous vous désabonnez",
        "30 jours",
        "rectifier",
        "CNIL",
    ],
    "/accessibilite/": [
        "partiellement conforme",
        "axe-core",
        "1 280 et 375 pixels",
        "au clavier",
        "Défenseur des droits",
    ],
    "/contact/": ["Proposer une structure ou un dispositif", "Signaler une erreur"],
}


@pytest.mark.parametrize("path", PAGES)
def test_each_page_says_what_it_is_for(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    for text in PAGES[path]:
        assert text in html, text


@override_settings(**UNSET)
def test_unset_details_are_visible_placeholders_never_invented(client):
    html = client.get("/mentions-legales/").content.decode()
    for what in [
        "nom de l’éditeur",
        "adresse de l’éditeur",
        "nom du directeur ou de la directrice de la publication",
        "nom de l’hébergeur",
        "adresse de l’hébergeur",
        "adresse électronique de contact",
    ]:
        assert f'<span class="to-fill">[à renseigner : {what}]</span>' in html, what
    contact = client.get("/contact/").content.decode()
    assert "[à renseigner : adresse électronique de contact]" in contact


@override_settings(**PUBLISHER)
def test_the_details_set_are_shown(client):
    html = client.get("/mentions-legales/").content.decode()
    assert "à renseigner" not in html
    assert "Association Exemple" in html
    assert "1 rue de l’Exemple, 53000 Laval" in html
    assert "Camille Exemple" in html
    assert "Hébergeur Exemple" in html
    assert "2 avenue de l’Hébergement, 75000 Paris" in html
    assert '<a href="mailto:contact@exemple.fr">contact@exemple.fr</a>' in html
    for path in ["/contact/", "/donnees-personnelles/", "/accessibilite/"]:
        assert "mailto:contact@exemple.fr" in client.get(path).content.decode(), path


@pytest.mark.parametrize(
    "path", ["/", "/programmes/", "/carte/", "/a-propos/", "/proposer/", "/pas-de-page/"]
)
def test_the_footer_links_to_who_runs_the_site_on_every_page(client, territories, path):
    html = client.get(path).content.decode()
    footer = html.split('class="site-footer"')[1]
    for address in [
        "/a-propos/",
        "/mentions-legales/",
        "/donnees-personnelles/",
        "/accessibilite/",
        "/contact/",
        "/integrer/",
    ]:
        assert f'href="{address}"' in footer, address
    assert "Accessibilité : partiellement conforme" in footer
    # The links that were there stay.
    if path != "/pas-de-page/":
        assert 'href="/proposer/"' in footer
        assert 'href="/donnees/"' in footer
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html


def test_the_favicon_is_served_and_favicon_ico_leads_to_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
    # Served by whitenoise with the other static files (tests/browser/ fetches it over HTTP).
    icon = finders.find("favicon.svg")
    assert icon
    assert "<svg" in Path(icon).read_text()


def test_the_personal_data_page_names_every_cookie_the_site_sets(client):
    from selection.views import COOKIE

    html = client.get("/donnees-personnelles/").content.decode()
    assert f"<code>{COOKIE}</code>" in html
    assert "falsification de requêtes" in html  # the CSRF cookie of the forms
