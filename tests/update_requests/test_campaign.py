"""send_update_requests: who is asked, with which links; run twice, send once; one reminder at
14 days; failures recorded and the run goes on; old requests erased."""

import datetime
import smtplib

import pytest
from django.contrib.auth import get_user_model
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone

from members.models import Membership, Role
from tests.conftest import make_structure
from update_requests.campaign import MAX_FAILURES, months_before, send_requests
from update_requests.models import UpdateRequest

pytestmark = pytest.mark.django_db

SITE = "https://essmap.example.fr"
LONG_AGO = datetime.date(2020, 3, 1)


class RefusingBackend(EmailBackend):
    """The locmem backend, whose server refuses any address at refuse.example."""

    def send_messages(self, messages):
        for message in messages:
            if any(address.endswith("@refuse.example") for address in message.to):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
        return super().send_messages(messages)


@pytest.fixture(autouse=True)
def campaign_settings(settings):
    settings.ESSMAP_SITE_URL = SITE
    settings.ESSMAP_UPDATE_REQUEST_MONTHS = 12
    settings.ESSMAP_UPDATE_REQUEST_REMINDER_DAYS = 14
    settings.EMAIL_BACKEND = "tests.update_requests.test_campaign.RefusingBackend"


def manager_of(structure, email="gerante@coop.example", role=Role.MANAGER, active=True):
    user = get_user_model().objects.create_user(username=email, email=email, is_active=active)
    Membership.objects.create(user=user, structure=structure, role=role)
    return user


def test_months_before_keeps_the_day_or_the_last_of_a_shorter_month():
    assert months_before(datetime.date(2026, 12, 7), 12) == datetime.date(2025, 12, 7)
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 3) == datetime.date(2025, 10, 15)


def test_a_manager_gets_both_links_a_recorded_address_the_claim_page(mailoutbox):
    managed = make_structure("Coop managee", verified_on=LONG_AGO, email="contact@managee.example")
    manager_of(managed)
    recorded = make_structure("Coop sans compte", verified_on=LONG_AGO, email="info@libre.example")
    report = send_requests()
    assert report.sent == 2
    by_address = {m.to[0]: m for m in mailoutbox}
    # The manager, not the structure's public address, when there is a manager.
    assert set(by_address) == {"gerante@coop.example", "info@libre.example"}
    to_manager = by_address["gerante@coop.example"].body
    assert "Coop managee" in by_address["gerante@coop.example"].subject
    assert f"{SITE}/mise-a-jour/" in to_manager
    assert "/modifier/" in to_manager
    assert f"{SITE}/structures/{managed.slug}/" in to_manager
    to_address = by_address["info@libre.example"].body
    assert f"{SITE}/structures/{recorded.slug}/gerer/?courriel=info%40libre.example" in to_address
    assert "/modifier/" not in to_address
    rows = UpdateRequest.objects.order_by("email")
    assert [(r.email, r.user is not None, r.sent_at is not None) for r in rows] == [
        ("gerante@coop.example", True, True),
        ("info@libre.example", False, True),
    ]


def test_only_published_structures_unchecked_for_months_that_someone_can_answer(mailoutbox):
    today = timezone.localdate()
    make_structure(
        "Verifiee", verified_on=today - datetime.timedelta(days=200), email="a@a.example"
    )
    make_structure(
        "Confirmee",
        verified_on=LONG_AGO,
        confirmed_by_structure_on=today - datetime.timedelta(days=30),
        email="b@b.example",
    )
    make_structure("Brouillon", verified_on=LONG_AGO, published=False, email="c@c.example")
    make_structure("Sans adresse", verified_on=LONG_AGO)
    editor_only = make_structure("Editeurs seulement", verified_on=LONG_AGO)
    manager_of(editor_only, "editeur@coop.example", role=Role.EDITOR)
    gone = make_structure("Gerant parti", verified_on=LONG_AGO)
    manager_of(gone, "parti@coop.example", active=False)
    never = make_structure("Jamais verifiee", verified_on=None, email="d@d.example")
    assert send_requests().sent == 1
    assert [m.to for m in mailoutbox] == [["d@d.example"]]
    assert UpdateRequest.objects.get().structure == never


def test_months_is_a_setting_and_an_option(mailoutbox, settings):
    today = timezone.localdate()
    make_structure(
        "Six mois", verified_on=today - datetime.timedelta(days=200), email="s@s.example"
    )
    assert send_requests().sent == 0
    call_command("send_update_requests", "--months", "6")
    assert [m.to for m in mailoutbox] == [["s@s.example"]]


def test_running_twice_sends_once(mailoutbox, capsys):
    make_structure("Coop", verified_on=LONG_AGO, email="info@coop.example")
    call_command("send_update_requests")
    assert "1 demande envoyée" in capsys.readouterr().out
    call_command("send_update_requests")
    assert "aucune demande envoyée, aucune relance envoyée" in capsys.readouterr().out
    assert len(mailoutbox) == 1
    assert UpdateRequest.objects.count() == 1


def test_one_reminder_fourteen_days_later_and_only_one(mailoutbox):
    make_structure("Coop", verified_on=LONG_AGO, email="info@coop.example")
    start = timezone.now()
    send_requests(now=start)
    assert send_requests(now=start + datetime.timedelta(days=13, hours=23)).reminded == 0
    report = send_requests(now=start + datetime.timedelta(days=14, minutes=1))
    assert (report.sent, report.reminded) == (0, 1)
    assert mailoutbox[-1].subject.startswith("[essmap] Rappel : ")
    assert "il y a deux semaines" in mailoutbox[-1].body
    assert send_requests(now=start + datetime.timedelta(days=30)).reminded == 0
    assert len(mailoutbox) == 2
    assert UpdateRequest.objects.get().reminded_at is not None


def test_no_reminder_once_answered_or_checked_by_a_curator(mailoutbox):
    answered = make_structure("Repondu", verified_on=LONG_AGO, email="r@r.example")
    checked = make_structure("Verifiee depuis", verified_on=LONG_AGO, email="v@v.example")
    start = timezone.now()
    send_requests(now=start)
    UpdateRequest.objects.filter(structure=answered).update(answered_at=start, answer="confirmee")
    checked.verified_on = timezone.localdate(start) + datetime.timedelta(days=2)
    checked.save()
    assert send_requests(now=start + datetime.timedelta(days=15)).reminded == 0
    assert len(mailoutbox) == 2


def test_a_refused_message_is_recorded_and_the_run_goes_on(mailoutbox, caplog):
    refused = make_structure("Adresse morte", verified_on=LONG_AGO, email="x@refuse.example")
    fine = make_structure("Adresse vivante", verified_on=LONG_AGO, email="ok@coop.example")
    report = send_requests()
    assert (report.sent, report.failed) == (1, 1)
    assert [m.to for m in mailoutbox] == [["ok@coop.example"]]
    failed = UpdateRequest.objects.get(structure=refused)
    assert failed.sent_at is None
    assert failed.failed_at is not None
    assert "No such user" in failed.failure
    assert failed.failures == 1
    assert UpdateRequest.objects.get(structure=fine).failure == ""
    # Tried again by the next runs, a bounded number of times, and never a new request.
    for _ in range(MAX_FAILURES + 2):
        send_requests()
    failed.refresh_from_db()
    assert failed.failures == MAX_FAILURES
    assert UpdateRequest.objects.filter(structure=refused).count() == 1


def test_a_failed_request_succeeds_on_a_later_run(mailoutbox, settings):
    make_structure("Serveur en panne", verified_on=LONG_AGO, email="x@refuse.example")
    send_requests()
    UpdateRequest.objects.update(email="x@repare.example")  # the server accepts it now
    assert send_requests().sent == 1
    assert UpdateRequest.objects.get().sent_at is not None


def test_old_requests_and_their_addresses_are_erased(mailoutbox, settings):
    settings.ESSMAP_UPDATE_REQUEST_RETENTION_DAYS = 400
    structure = make_structure("Coop", verified_on=LONG_AGO, email="info@coop.example")
    old = UpdateRequest.objects.create(
        structure=structure,
        email="ancienne@coop.example",
        created_at=timezone.now() - datetime.timedelta(days=401),
    )
    report = send_requests()
    assert report.erased == 1
    assert not UpdateRequest.objects.filter(pk=old.pk).exists()
    assert UpdateRequest.objects.get().email == "info@coop.example"


def test_the_personal_data_page_says_how_long_addresses_and_counts_are_kept(client, settings):
    settings.ESSMAP_UPDATE_REQUEST_RETENTION_DAYS = 365
    settings.ESSMAP_AUDIENCE_RETENTION_DAYS = 730
    page = client.get("/donnees-personnelles/").text
    assert "Demandes de mise à jour" in page
    assert "Effacé\n  365 jours après l’envoi" in page
    assert "effacés après\n  730 jours" in page


def test_a_request_another_run_sent_meanwhile_is_not_sent_again(mailoutbox):
    from django.core.mail import get_connection

    from update_requests.campaign import Report, _deliver

    structure = make_structure("Coop", verified_on=LONG_AGO, email="info@coop.example")
    update_request = UpdateRequest.objects.create(structure=structure, email="info@coop.example")
    # Another run claims it after this one read it.
    UpdateRequest.objects.filter(pk=update_request.pk).update(sent_at=timezone.now())
    report = Report()
    _deliver(get_connection(), update_request, report, timezone.now())
    assert report.sent == 0
    assert not mailoutbox
