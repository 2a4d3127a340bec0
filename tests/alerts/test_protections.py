"""The subscription form is no mail relay (issue 23): a confirmation message carries no text of
the request but the search's safe words, the messages to one address and from the whole site
are limited, and what a browser or a mail backend does unexpectedly is a French answer, not a
500."""

import re

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client

from alerts.models import Subscription
from alerts.searches import normal_query, safe_words
from alerts.views import normal_recipient, recipient_key
from tests.alerts.conftest import MAYENNE_IDEA, SITE, subscribe

pytestmark = pytest.mark.django_db

SPAM = "GAGNEZ 5000 EUR … https://evil.example/claim\r\nCliquez ici\nwww.evil.example"
SPAM_QUERY = normal_query(f"{MAYENNE_IDEA}&q={SPAM}".replace("\n", "%0A").replace("\r", "%0D"))


def ask(client, email="camille@example.fr", query=MAYENNE_IDEA, address="192.0.2.7", **extra):
    data = {"email": email, "recherche": query, "commentaire": ""} | extra
    return client.post("/alertes/", data, REMOTE_ADDR=address)


# -- what a confirmation message says ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (SPAM, "GAGNEZ 5000 EUR Cliquez ici"),
        ("écrivez à gain@evil.example ou evil[.]example", "écrivez à ou"),
        ("tiers-lieu, l’ESS. coopérative", "tiers-lieu l’ESS coopérative"),
        ("ｅｖｉｌ．ｅｘａｍｐｌｅ mots", "mots"),  # full-width letters and dot: a domain still
        (
            "un deux trois quatre cinq six sept huit neuf dix",
            "un deux trois quatre cinq six sept huit",
        ),
        ("a" * 70 + " " + "b" * 20, "a" * 70),
        ("https://evil.example", ""),
    ],
)
def test_safe_words_keep_words_only(typed, kept):
    assert safe_words(typed) == kept


def test_a_stored_search_keeps_the_lists_filters_and_safe_words_only():
    query = normal_query("etape=idee&q=tiers+lieu%0Ahttps://evil.example&pub=evil.example&page=2")
    assert query == "etape=idee&q=tiers+lieu"


def test_no_text_of_the_request_goes_into_the_confirmation_message(client, territories, mailoutbox):
    raw = f"{MAYENNE_IDEA}&q=" + SPAM.replace("\n", "%0A").replace("\r", "%0D")
    page = client.get(f"/alertes/?{raw}&lien=https://evil.example/claim").content.decode()
    # The page says what will be watched, and its form carries that.
    assert "avec les mots « GAGNEZ 5000 EUR Cliquez ici »" in page
    assert 'name="recherche" value="etape=idee&amp;q=GAGNEZ+5000+EUR+Cliquez+ici&amp;' in page
    # A forged form: the search as typed, not as the page wrote it.
    assert ask(client, query=f"{raw}&lien=https://evil.example/claim").status_code == 302
    (message,) = mailoutbox
    html, _ = message.alternatives[0]
    for text in (message.subject, message.body, html):
        assert "evil" not in text
        assert "claim" not in text
        assert "www." not in text
    assert "\n" not in message.subject
    words = "avec les mots « GAGNEZ 5000 EUR Cliquez ici »"
    (line,) = [line for line in message.body.splitlines() if "Cliquez" in line and " " in line]
    assert line.startswith("Les dispositifs pour Mayenne")
    assert line.endswith(f"{words}.")
    assert f"{SITE}/programmes/?{SPAM_QUERY}" in message.body
    assert words in html
    # What is confirmed is what the message said.
    link = re.search(rf"{SITE}(/alertes/confirmer/\S+/)", message.body).group(1)
    assert client.post(link).status_code == 200
    assert Subscription.objects.get().query == SPAM_QUERY
    assert SPAM_QUERY == "etape=idee&q=GAGNEZ+5000+EUR+Cliquez+ici&territoire=53147"


def test_a_search_stored_before_is_said_with_safe_words(territories):
    from alerts.digests import describe
    from alerts.searches import Searches

    old = subscribe(query="q=GAGNEZ+5000+EUR%0Ahttps%3A%2F%2Fevil.example%2Fclaim")
    criteria = describe(Searches().valid(old.query))
    assert criteria == ["avec les mots « GAGNEZ 5000 EUR »"]


# -- limits on confirmation messages ----------------------------------------------------------


def test_one_address_gets_a_few_messages_a_day_whatever_the_client(client, territories, mailoutbox):
    spellings = ["victime@example.fr", " Victime@Example.FR", "victime+1@example.fr"]
    for i, email in enumerate(spellings):
        assert ask(client, email, address=f"198.51.100.{i + 1}").status_code == 302
    refused = ask(client, "VICTIME+2@example.fr", address="203.0.113.9")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "86400"
    html = refused.content.decode()
    assert "Trop de courriels de confirmation sont partis" in html
    assert "Réessayez dans une journée" in html
    assert 'value="VICTIME+2@example.fr"' in html, "what the person typed stays in the form"
    assert len(mailoutbox) == 3
    assert ask(client, "autre@example.fr", address="203.0.113.9").status_code == 302


def test_the_refusal_says_nothing_about_the_address(client, territories, settings):
    settings.ESSMAP_ALERT_RECIPIENT_RATE = "1/d"
    subscribe("abonnee@example.fr")
    pages = []
    for email in ("abonnee@example.fr", "inconnue@example.fr"):
        ask(client, email, address="198.51.100.1")
        refused = ask(client, email, address="198.51.100.2")
        assert refused.status_code == 429
        html = refused.content.decode().replace(email, "ADRESSE")
        pages.append(re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", html))
    assert pages[0] == pages[1]


def test_the_whole_site_sends_a_limited_number_per_hour(client, territories, settings, mailoutbox):
    settings.ESSMAP_ALERT_GLOBAL_RATE = "2/h"
    assert ask(client, "a@example.fr", address="198.51.100.1").status_code == 302
    assert ask(client, "b@example.fr", address="198.51.100.2").status_code == 302
    refused = ask(client, "c@example.fr", address="198.51.100.3")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert "Réessayez dans une heure" in refused.content.decode()
    assert len(mailoutbox) == 2


def test_the_recipient_limit_counts_a_keyed_hash_not_the_address(settings):
    assert normal_recipient(" Jean.Dupont+alertes@GMail.com") == "jeandupont@gmail.com"
    assert normal_recipient("jean.dupont+x@example.fr") == "jean.dupont@example.fr"
    key = recipient_key("victime@example.fr")
    assert key == recipient_key("Victime+spam@example.fr ")
    assert "victime" not in key
    settings.SECRET_KEY = "une autre clé, assez longue pour un test" * 2
    assert recipient_key("victime@example.fr") != key


# -- what a browser or a backend does unexpectedly --------------------------------------------


def browser_with_token():
    browser = Client(enforce_csrf_checks=True)
    browser.get("/alertes/", {"territoire": "53147", "etape": "idee"})
    return browser, browser.cookies["csrftoken"].value


def test_a_multipart_post_with_its_token_is_answered(territories, mailoutbox):
    """The CSRF check reads a multipart body as a stream: the size is read from its header."""
    browser, token = browser_with_token()
    data = {"email": "a@example.fr", "recherche": MAYENNE_IDEA, "csrfmiddlewaretoken": token}
    response = browser.post("/alertes/", data)  # the test client's default: multipart
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    large = browser.post("/alertes/", data | {"remplissage": "x" * 20_000})
    assert large.status_code == 413
    assert "Envoi trop long" in large.content.decode()
    assert len(mailoutbox) == 1


def test_multipart_posts_are_rate_limited(territories, settings, mailoutbox):
    settings.ESSMAP_ALERT_RATE = "2/h"
    browser, token = browser_with_token()
    data = {"recherche": MAYENNE_IDEA, "csrfmiddlewaretoken": token}
    assert browser.post("/alertes/", data | {"email": "a@example.fr"}).status_code == 302
    assert browser.post("/alertes/", data | {"email": "b@example.fr"}).status_code == 302
    limited = browser.post("/alertes/", data | {"email": "c@example.fr"})
    assert limited.status_code == 429
    assert limited["Retry-After"] == "3600"
    assert len(mailoutbox) == 2


class BrokenBackend(BaseEmailBackend):
    """A provider's API backend that fails its own way (no ``OSError``)."""

    def send_messages(self, email_messages):
        raise RuntimeError("quota du fournisseur dépassé")


@pytest.mark.parametrize("backend", ["api", "filebased"])
def test_any_mail_backend_failure_is_said_in_french(
    client, territories, settings, tmp_path, caplog, backend
):
    if backend == "api":
        settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    else:
        # A file where the directory should be: the backend refuses (ImproperlyConfigured).
        (tmp_path / "courriels").write_text("")
        settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
        settings.EMAIL_FILE_PATH = str(tmp_path / "courriels")
    response = ask(client, "camille@example.fr")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le courriel de confirmation n’a pas pu partir" in html
    assert 'value="camille@example.fr"' in html
    assert "alerte : courriel de confirmation non envoyé" in caplog.text
    assert Subscription.objects.count() == 0
