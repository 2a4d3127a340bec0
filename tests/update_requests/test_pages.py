"""The pages of an update request's links: « Rien n’a changé » confirms only by POST with its
CSRF token; a link altered or too old changes nothing; « Mettre à jour » sends a fresh sign-in
link to the manager's own address, never signs anyone in itself."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import Client
from django.utils import timezone

from members.models import Membership, Role
from tests.conftest import make_structure
from update_requests.models import UpdateRequest
from update_requests.tokens import request_token

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2020, 3, 1)


@pytest.fixture
def asked():
    structure = make_structure("Coop des Landes", verified_on=LONG_AGO, email="info@coop.example")
    user = get_user_model().objects.create_user(username="g", email="gerante@coop.example")
    Membership.objects.create(user=user, structure=structure, role=Role.MANAGER)
    update_request = UpdateRequest.objects.create(
        structure=structure, email=user.email, user=user, sent_at=timezone.now()
    )
    return update_request


def confirm_url(update_request):
    return f"/mise-a-jour/{request_token(update_request)}/"


def test_opening_the_link_changes_nothing_the_button_confirms(client, asked):
    url = confirm_url(asked)
    page = client.get(url)
    assert page.status_code == 200
    assert "Rien n’a changé" in page.text
    assert 'method="post"' in page.text
    asked.structure.refresh_from_db()
    assert asked.structure.confirmed_by_structure_on is None
    done = client.post(url)
    assert done.status_code == 200
    today = timezone.localdate()
    structure = asked.structure
    structure.refresh_from_db()
    assert (structure.verified_on, structure.confirmed_by_structure_on) == (today, today)
    # Written through programmes/writes.py: a history record says who and why.
    record = structure.history.latest()
    assert "Rien n’a changé" in record.history_change_reason
    asked.refresh_from_db()
    assert asked.answer == "confirmee"
    assert asked.answered_at is not None
    # The public page says it, apart from the curators' check.
    public = client.get(structure.get_absolute_url())
    assert "Informations confirmées par la structure le" in public.text


def test_confirming_needs_the_csrf_token(asked):
    browser = Client(enforce_csrf_checks=True)
    url = confirm_url(asked)
    assert browser.post(url).status_code == 403
    asked.structure.refresh_from_db()
    assert asked.structure.confirmed_by_structure_on is None
    page = browser.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    assert browser.post(url, {"csrfmiddlewaretoken": token}).status_code == 200
    asked.structure.refresh_from_db()
    assert asked.structure.confirmed_by_structure_on == timezone.localdate()


def test_an_altered_link_is_refused_in_french(client, asked):
    token = request_token(asked)
    other = UpdateRequest.objects.create(structure=asked.structure, email="x@x.example")
    # The same signature on another request's id, a cut token, a made-up one.
    _, signed = token.split(":", 1)
    forged = signing.b64_encode(f'{{"r":{other.pk}}}'.encode()).decode() + ":" + signed
    for bad in (forged, token[:-3], "n-importe-quoi", token + "x"):
        for method in (client.get, client.post):
            response = method(f"/mise-a-jour/{bad}/")
            assert response.status_code == 404, bad
            assert "Ce lien n’est pas valide" in response.text
    asked.structure.refresh_from_db()
    assert asked.structure.confirmed_by_structure_on is None


def test_an_expired_link_changes_nothing(client, asked, monkeypatch, settings):
    settings.ESSMAP_UPDATE_REQUEST_LINK_DAYS = 60
    real = signing.TimestampSigner.timestamp
    past = int(timezone.now().timestamp()) - 61 * 86400
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(past))
    url = confirm_url(asked)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", real)
    response = client.post(url)
    assert response.status_code == 410
    assert "Ce lien a expiré" in response.text
    asked.structure.refresh_from_db()
    assert asked.structure.confirmed_by_structure_on is None


def test_a_request_erased_or_a_page_unpublished_confirms_nothing(client, asked):
    url = confirm_url(asked)
    asked.structure.publication_status = "archive"
    asked.structure.save()
    assert client.post(url).status_code == 404
    asked.delete()
    assert client.post(url).status_code == 404


def test_update_sends_a_fresh_sign_in_link_to_the_manager_only(client, asked, mailoutbox):
    url = f"/mise-a-jour/{request_token(asked)}/modifier/"
    assert client.get(url).status_code == 200
    assert not mailoutbox  # a mail scanner opening the link sends nothing
    response = client.post(url)
    assert response.status_code == 200
    assert "Vérifiez votre boîte" in response.text
    (message,) = mailoutbox
    assert message.to == ["gerante@coop.example"]
    assert "/connexion/lien/?jeton=" in message.body
    assert "suite=%2Fma-structure%2Fcoop-des-landes%2F" in message.body
    # Holding the request's link signs nobody in.
    assert "_auth_user_id" not in client.session
    # At most one sign-in message every few minutes for a request.
    client.post(url)
    assert len(mailoutbox) == 1
    asked.refresh_from_db()
    assert asked.answer == "mise-a-jour"


def test_update_for_someone_no_longer_a_member_goes_to_the_claim_page(client, asked, mailoutbox):
    Membership.objects.filter(user=asked.user).delete()
    url = f"/mise-a-jour/{request_token(asked)}/modifier/"
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302
        assert response["Location"] == f"/structures/{asked.structure.slug}/gerer/"
    assert not mailoutbox
