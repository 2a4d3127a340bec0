"""Signing in by link: the same answer for any address, the rate limits, the button page (a
mail scanner opening the link uses nothing up), expired and reused links, staff never."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from members.sign_in import sign_in_url
from tests.members.conftest import link_in, make_member

pytestmark = pytest.mark.django_db
SENT = "Si cette adresse correspond à un compte, un lien de connexion vient de lui être envoyé"


def ask(client, email, address="192.0.2.7", **extra):
    data = {"email": email, "commentaire": ""} | extra
    return client.post("/connexion/", data, REMOTE_ADDR=address, follow=True)


def test_the_form_is_in_french_and_posts_with_a_csrf_token():
    page = Client().get("/connexion/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Recevoir un lien de connexion" in html
    assert "csrfmiddlewaretoken" in html


def test_a_known_address_gets_a_link_and_an_unknown_one_the_same_answer(coop, mailoutbox):
    make_member("lea@coop-monts.fr", coop)
    known = ask(Client(), "LEA@coop-monts.fr")
    unknown = ask(Client(), "personne@ailleurs.fr")
    assert SENT in known.content.decode()
    assert SENT in unknown.content.decode()
    assert known.status_code == unknown.status_code == 200
    assert [m.to for m in mailoutbox] == [["lea@coop-monts.fr"]]
    assert "/connexion/lien/?jeton=" in mailoutbox[0].body


def test_staff_accounts_never_get_a_link(mailoutbox):
    User.objects.create_user("cur", "cur@essmap.example.fr", "mot-de-passe-long", is_staff=True)
    assert SENT in ask(Client(), "cur@essmap.example.fr").content.decode()
    assert mailoutbox == []
    with pytest.raises(ValueError, match="mot de passe"):
        sign_in_url(User.objects.get(username="cur"))


def test_a_token_of_an_account_become_staff_is_refused(coop):
    user = make_member("lea@coop-monts.fr", coop)
    url = sign_in_url(user)
    User.objects.filter(pk=user.pk).update(is_staff=True)
    assert Client().get(url.removeprefix("https://essmap.example.fr")).status_code == 410


def test_the_link_shows_a_button_and_only_the_post_signs_in(coop, mailoutbox):
    make_member("lea@coop-monts.fr", coop)
    ask(Client(), "lea@coop-monts.fr", suite="/ma-structure/coop-monts/")
    path = link_in(mailoutbox[0])
    client = Client(enforce_csrf_checks=True)
    for _ in range(2):  # a mail scanner opening the link twice uses nothing up
        page = client.get(path)
        assert page.status_code == 200
        assert "Se connecter" in page.content.decode()
        assert "_auth_user_id" not in client.session
    token = page.context["token"]
    csrf = client.cookies["csrftoken"].value
    done = client.post(
        "/connexion/lien/",
        {"jeton": token, "suite": "/ma-structure/coop-monts/", "csrfmiddlewaretoken": csrf},
    )
    assert done.status_code == 302
    assert done["Location"] == "/ma-structure/coop-monts/"
    assert client.session["_auth_user_id"]


def test_a_used_link_no_longer_works(coop):
    user = make_member("lea@coop-monts.fr", coop)
    path = sign_in_url(user).removeprefix("https://essmap.example.fr")
    token = Client().get(path).context["token"]
    assert Client().post("/connexion/lien/", {"jeton": token}).status_code == 302
    reused = Client().post("/connexion/lien/", {"jeton": token})
    assert reused.status_code == 410
    assert "Ce lien de connexion ne fonctionne plus" in reused.content.decode()
    assert "Recevoir un nouveau lien" in reused.content.decode()
    assert Client().get(path).status_code == 410


def test_an_expired_link_no_longer_works(coop, settings):
    user = make_member("lea@coop-monts.fr", coop)
    path = sign_in_url(user).removeprefix("https://essmap.example.fr")
    settings.SESAME_MAX_AGE = -1  # the link's minutes are over
    page = Client().get(path)
    assert page.status_code == 410
    assert "ne fonctionne plus" in page.content.decode()


@pytest.mark.parametrize("token", ["", "abc", "x" * 600, "\x00"])
def test_an_altered_link_is_a_french_410(token):
    assert Client().post("/connexion/lien/", {"jeton": token}).status_code == 410


def test_the_next_page_is_always_a_path_of_this_site(coop):
    user = make_member("lea@coop-monts.fr", coop)
    token = Client().get(sign_in_url(user)[len("https://essmap.example.fr") :]).context["token"]
    done = Client().post("/connexion/lien/", {"jeton": token, "suite": "//evil.example/"})
    assert done["Location"] == "/ma-structure/"


def test_the_sign_in_form_is_rate_limited_per_client(settings, mailoutbox):
    settings.ESSMAP_SIGN_IN_RATE = "2/h"
    client = Client()
    assert ask(client, "a@ailleurs.fr").status_code == 200
    assert ask(client, "b@ailleurs.fr").status_code == 200
    refused = client.post("/connexion/", {"email": "c@ailleurs.fr"}, REMOTE_ADDR="192.0.2.7")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert ask(client, "c@ailleurs.fr", address="192.0.2.8").status_code == 200


def test_the_sign_in_form_is_rate_limited_per_address(coop, settings, mailoutbox):
    settings.ESSMAP_SIGN_IN_RECIPIENT_RATE = "2/h"
    make_member("lea@coop-monts.fr", coop)
    for number in range(2):
        ask(Client(), "lea@coop-monts.fr", address=f"192.0.2.{number}")
    refused = Client().post("/connexion/", {"email": "Lea@coop-monts.fr"}, REMOTE_ADDR="192.0.2.9")
    assert refused.status_code == 429
    assert len(mailoutbox) == 2


def test_an_invalid_address_is_a_french_message():
    page = Client().post("/connexion/", {"email": "pas une adresse"})
    assert page.status_code == 400
    assert "Saisissez une adresse électronique valide" in page.content.decode()


def test_sign_out_needs_a_post(coop):
    user = make_member("lea@coop-monts.fr", coop)
    client = Client()
    client.force_login(user)
    assert client.get("/deconnexion/").status_code == 200
    assert "_auth_user_id" in client.session
    assert client.post("/deconnexion/").status_code == 200
    assert "_auth_user_id" not in client.session


def test_sign_out_refuses_a_post_without_csrf(coop):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_member("lea@coop-monts.fr", coop))
    assert client.post("/deconnexion/").status_code == 403
    assert "_auth_user_id" in client.session
