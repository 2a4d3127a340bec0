"""send_alerts: a weekly digest per confirmed subscription of the programmes published or
verified again in the week that match its search; nothing when nothing is new; never twice
in an ISO week; one-click unsubscribe headers; a bounded number of queries."""

import datetime

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alerts.digests import send_digests
from alerts.models import Subscription
from tests.alerts.conftest import MONDAY, SITE, WEEK_BEFORE, subscribe

pytestmark = pytest.mark.django_db


def test_the_digest_lists_what_is_new_for_the_search_in_text_and_html(week, mailoutbox):
    subscription = subscribe()
    report = send_digests(MONDAY)
    assert report.sent == 1
    (message,) = mailoutbox
    assert message.to == ["camille@example.fr"]
    assert message.subject == "[essmap] 2 dispositifs nouveaux ou vérifiés pour votre recherche"
    text = message.body
    assert "du 23 novembre 2026 au 29 novembre 2026" in text
    assert "pour Mayenne (53) — commune, à l’étape idée" in text
    assert "Nouveaux dans l’annuaire\n\n- Fabrique a projets (Coodem)" in text
    assert f"{SITE}/programmes/{week['new'].slug}/" in text
    assert "Vérifiés à nouveau\n\n- Couveuse mayennaise, vérifié le 26 novembre 2026" in text
    for absent in ("Ancien dispositif", "Incubation landaise", "Developpement", "ce lundi"):
        assert absent not in text
    assert f"{SITE}/programmes/?{subscription.query}" in text
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert f'<a href="{SITE}/programmes/{week["new"].slug}/">Fabrique a projets</a>' in html
    assert f'<a href="{SITE}/alertes/desabonnement/{subscription.token}/">' in html
    assert "Ancien dispositif" not in html


def test_every_digest_has_one_click_unsubscribe_headers(week, mailoutbox):
    subscription = subscribe()
    send_digests(MONDAY)
    headers = mailoutbox[0].extra_headers
    url = f"{SITE}/alertes/desabonnement/{subscription.token}/"
    assert headers["List-Unsubscribe"] == (
        f"<{url}>, <mailto:desabonnement@essmap.example.fr?subject=desabonnement%20"
        f"{subscription.token}>"
    )
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"{url}" in mailoutbox[0].body


def test_nothing_is_sent_when_nothing_is_new(week, mailoutbox):
    quiet = subscribe(query="etape=idee&territoire=07142")  # Lespéron (07): nothing there
    assert send_digests(MONDAY).nothing_new == 1
    assert not mailoutbox
    quiet.refresh_from_db()
    assert (quiet.last_week, quiet.covered_until) == ("2026-W49", MONDAY)


def test_never_twice_in_the_same_week_and_each_day_covered_once(week, mailoutbox):
    subscription = subscribe()
    send_digests(MONDAY)
    assert send_digests(MONDAY).already_done == 1
    assert send_digests(MONDAY + datetime.timedelta(days=3)).sent == 0
    assert len(mailoutbox) == 1
    # The next week: only what came after the last digest (the Monday programme).
    next_monday = MONDAY + datetime.timedelta(days=7)
    assert send_digests(next_monday).sent == 1
    assert "Publie ce lundi" in mailoutbox[1].body
    assert "Fabrique a projets" not in mailoutbox[1].body
    subscription.refresh_from_db()
    assert subscription.last_week == "2026-W50"


def test_a_failed_send_leaves_the_subscription_for_the_next_run(week, mailoutbox, monkeypatch):
    subscription = subscribe()

    def refuse(self, messages):
        raise ConnectionRefusedError("serveur de courriel injoignable")

    with monkeypatch.context() as patch:
        patch.setattr(EmailBackend, "send_messages", refuse)
        with pytest.raises(ConnectionRefusedError):
            send_digests(MONDAY)
    subscription.refresh_from_db()
    assert (subscription.last_week, subscription.covered_until) == ("", WEEK_BEFORE)
    assert send_digests(MONDAY).sent == 1
    assert len(mailoutbox) == 1


def test_an_ended_programme_is_not_announced(week, mailoutbox):
    week["new"].status = "termine"
    week["new"].save()
    subscribe()
    send_digests(MONDAY)
    assert "Fabrique a projets" not in mailoutbox[0].body


def test_keywords_are_replayed(week, mailoutbox):
    subscribe(query="q=couveuse&territoire=53147")
    send_digests(MONDAY)
    (message,) = mailoutbox
    assert "Couveuse mayennaise" in message.body
    assert "Fabrique a projets" not in message.body


def test_the_command_says_what_it_did(week, mailoutbox, capsys):
    subscribe()
    subscribe("b@example.fr", query="territoire=07142")
    call_command("send_alerts", "--date", MONDAY.isoformat())
    out = capsys.readouterr().out
    assert out.strip() == (
        "1 récapitulatif envoyé, 1 alerte sans nouveauté, aucune recherche invalide, "
        "aucune alerte déjà traitée cette semaine."
    )


def _queries(count):
    Subscription.objects.all().delete()
    for i in range(count):
        subscribe(f"personne{i}@example.fr")
    subscribe(f"autre{count}@example.fr", query="etape=idee&territoire=dep-53")
    with CaptureQueriesContext(connection) as captured:
        assert send_digests(MONDAY).sent == count + 1
    return len(captured)


def test_queries_are_bounded_whatever_the_number_of_subscriptions(week, mailoutbox):
    few, many = _queries(2), _queries(12)
    # Each search is evaluated once; each subscription adds only its claim (an UPDATE,
    # inside its savepoint).
    assert many - few <= 10 * 3, (few, many)
    assert few <= 25, few
