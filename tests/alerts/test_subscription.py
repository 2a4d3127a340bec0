"""Subscribing to a search: the page, double opt-in by a signed link that expires, the same
answer whatever the address, and the form's protections (rate limit, honeypot)."""

import re
import time

import pytest
from django.core import signing
from django.test import Client

from alerts.models import Subscription
from tests.alerts.conftest import MAYENNE_IDEA, SITE, subscribe

pytestmark = pytest.mark.django_db


def ask(client, email="camille@example.fr", query=MAYENNE_IDEA, **extra):
    data = {"email": email, "recherche": query, "commentaire": ""} | extra
    return client.post("/alertes/", data, REMOTE_ADDR="192.0.2.7")


def confirm_link(message):
    return re.search(rf"{SITE}(/alertes/confirmer/\S+/)", message.body).group(1)


def test_the_results_page_offers_the_alert_for_its_search(client, territories):
    page = client.get("/programmes/", {"territoire": "53147", "etape": "idee", "page": "1"})
    html = page.content.decode()
    assert "Recevoir les nouveaux dispositifs par courriel" in html
    assert 'href="/alertes/?territoire=53147&amp;etape=idee"' in html


def test_the_page_says_the_search_in_words(client, territories):
    page = client.get("/alertes/", {"territoire": "53147", "etape": "idee", "q": "tiers lieu"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "pour Mayenne (53) — commune, à l’étape idée, avec les mots « tiers lieu »" in html
    assert 'name="recherche" value="etape=idee&amp;q=tiers+lieu&amp;territoire=53147"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_an_invalid_search_is_said_and_offers_no_form(client, territories):
    page = client.get("/alertes/", {"territoire": "Atlantis"})
    assert page.status_code == 400
    assert "Cette recherche n’est pas valide" in page.content.decode()


def test_double_opt_in_nothing_stored_before_the_link_is_followed(client, territories, mailoutbox):
    response = ask(client)
    assert response.status_code == 302
    assert response["Location"] == "/alertes/verifiez/"
    assert Subscription.objects.count() == 0
    (message,) = mailoutbox
    assert message.to == ["camille@example.fr"]
    assert message.subject == "[essmap] Confirmez votre alerte sur les nouveaux dispositifs"
    assert "pour Mayenne (53) — commune, à l’étape idée" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert "Confirmer mon adresse" in html

    link = confirm_link(message)
    page = client.get(link)
    assert page.status_code == 200
    assert "Confirmer mon adresse" in page.content.decode()
    assert Subscription.objects.count() == 0, "opening the link (a link checker) is not enough"
    assert client.post(link).status_code == 200
    assert client.post(link).status_code == 200  # twice: still one subscription
    (subscription,) = Subscription.objects.all()
    assert (subscription.email, subscription.query) == ("camille@example.fr", MAYENNE_IDEA)


def test_the_confirmation_link_expires_and_offers_to_subscribe_again(
    client, territories, mailoutbox, monkeypatch, settings
):
    ask(client)
    link = confirm_link(mailoutbox[0])
    later = time.time() + (settings.ESSMAP_ALERT_CONFIRM_DAYS + 1) * 86400
    monkeypatch.setattr(signing.time, "time", lambda: later)
    for response in (client.get(link), client.post(link)):
        html = response.content.decode()
        assert response.status_code == 410
        assert "Ce lien de confirmation a expiré" in html
        assert 'href="/alertes/?etape=idee&amp;territoire=53147"' in html
    assert Subscription.objects.count() == 0


def test_an_altered_link_is_a_french_404(client, territories, mailoutbox):
    ask(client)
    link = confirm_link(mailoutbox[0])
    response = client.get(link.replace("/confirmer/", "/confirmer/x"))
    assert response.status_code == 404
    assert "Ce lien de confirmation n’est pas valide" in response.content.decode()


def test_the_answer_never_tells_whether_an_address_is_subscribed(client, territories, mailoutbox):
    subscribe("deja@example.fr")
    known, unknown = ask(client, "deja@example.fr"), ask(client, "nouveau@example.fr")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [m.subject for m in mailoutbox] == [mailoutbox[0].subject] * 2


def test_an_invalid_address_is_said_in_french_and_nothing_is_sent(client, territories, mailoutbox):
    response = ask(client, "pas-une-adresse")
    assert response.status_code == 200
    assert "Saisissez une adresse électronique valide" in response.content.decode()
    assert not mailoutbox


def test_the_honeypot_shows_the_usual_page_and_sends_nothing(client, territories, mailoutbox):
    response = ask(client, commentaire="https://spam.example")
    assert response.status_code == 302
    assert response["Location"] == "/alertes/verifiez/"
    assert not mailoutbox


def test_rate_limit_per_client_address_answers_a_french_429(
    client, territories, mailoutbox, settings
):
    settings.ESSMAP_ALERT_RATE = "2/h"
    assert ask(client).status_code == 302
    assert ask(client, commentaire="robot").status_code == 302  # every POST counts
    limited = ask(client)
    assert limited.status_code == 429
    assert limited["Retry-After"] == "3600"
    assert "Trop de demandes depuis votre connexion" in limited.content.decode()
    assert "une heure" in limited.content.decode()
    assert len(mailoutbox) == 1
    other = client.post(
        "/alertes/",
        {"email": "b@example.fr", "recherche": MAYENNE_IDEA},
        REMOTE_ADDR="198.51.100.1",
    )
    assert other.status_code == 302


def test_the_form_needs_its_csrf_token(territories):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/alertes/", {"email": "a@example.fr", "recherche": MAYENNE_IDEA})
    assert response.status_code == 403


def test_unsubscribe_get_asks_post_deletes_without_question(territories):
    subscription = subscribe()
    url = f"/alertes/desabonnement/{subscription.token}/"
    # A mail client's one-click POST (RFC 8058) carries no CSRF token.
    strict = Client(enforce_csrf_checks=True)
    page = strict.get(url)
    assert page.status_code == 200
    assert "Me désabonner" in page.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists()
    done = strict.post(url, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert "Vous êtes désabonné·e" in done.content.decode()
    assert not Subscription.objects.filter(email="camille@example.fr").exists()
    again = strict.get(url)
    assert again.status_code == 200
    assert "Cette alerte n’existe plus" in again.content.decode()
    assert strict.post(url).status_code == 200


def test_the_admin_shows_subscriptions_only_with_the_permission_and_masked(client, territories):
    from django.contrib.auth.models import Permission, User

    subscribe("camille.dupont@example.fr")
    staff = User.objects.create_user("lea", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/alerts/subscription/").status_code == 403
    assert "Abonnements aux alertes" not in client.get("/admin/").content.decode()

    staff.user_permissions.add(Permission.objects.get(codename="moderate_subscription"))
    listing = client.get("/admin/alerts/subscription/").content.decode()
    assert "c…@example.fr" in listing
    assert "camille.dupont" not in listing
    found = client.get("/admin/alerts/subscription/", {"q": "camille.dupont@example.fr"})
    assert "c…@example.fr" in found.content.decode()
    assert client.get("/admin/alerts/subscription/add/").status_code == 403


def test_a_mail_server_failure_is_said_and_nothing_is_stored(
    client, territories, monkeypatch, mailoutbox
):
    from django.core.mail.backends.locmem import EmailBackend

    def refuse(self, messages):
        raise ConnectionRefusedError("serveur injoignable")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    response = ask(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le courriel de confirmation n’a pas pu partir" in html
    # The server failed, not the person: nothing for them to correct.
    assert "corrigez" not in html
    assert Subscription.objects.count() == 0
