"""Suggestions from the public: the two forms, their protections, the moderators' email and
the moderation queue in the admin (accept, reject, regional editors' scope)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import cache
from django.test import Client

from curation.models import EditorScope
from curation.roles import ADMINISTRATOR, READER, REGIONAL_EDITOR, grant_new_models
from essmap import emails
from programmes.models import Programme, PublicationStatus, Structure
from suggestions.models import Suggestion, SuggestionKind, SuggestionStatus
from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "<script>alert('x')</script>"
MODERATOR = "moderation@essmap.example"


@pytest.fixture(autouse=True)
def fresh_rate_limit(settings):
    """Each test starts with no submission counted, five allowed, one moderator address."""
    settings.ESSMAP_SUGGESTION_RATE = "5/h"
    settings.ESSMAP_MODERATORS = [MODERATOR]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def entries(territories):
    t = territories
    coodem = make_structure("Coodem", territories=[t["dep53"]], commune=t["laval"])
    landes = make_structure("Incubateur des Landes", territories=[t["dep40"]], commune=t["herm"])
    mayidees = make_programme("May'Idées", operators=[coodem], territories=[t["dep53"]])
    draft = make_structure("Brouillon secret", territories=[t["dep53"]], published=False)
    return {"coodem": coodem, "landes": landes, "mayidees": mayidees, "draft": draft}


def proposal(**changes):
    data = {
        "kind": "structure",
        "name": "La Coopérative des Possibles",
        "message": "Une CAE qui accompagne les porteurs de projet en Mayenne.",
        "website": "https://possibles.example.fr",
        "territory": "53147",
        "contact_name": "Camille",
        "contact_email": "camille@example.fr",
        "commentaire": "",
    }
    data.update(changes)
    return data


def report_data(**changes):
    data = {"message": "Le site web a changé.", "website": "", "commentaire": ""}
    data.update(changes)
    return data


# -- the public forms -----------------------------------------------------------------------


def test_proposal_page_is_plain_french_with_limits_and_a_hidden_honeypot(client, territories):
    response = client.get("/proposer/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Proposer une structure ou un dispositif</h1>" in html
    assert "Vos coordonnées (facultatif)" in html
    assert "jamais publiés" in html
    for field, limit in [("name", 200), ("message", 3000), ("territory", 120)]:
        assert f'name="{field}"' in html
        assert f'maxlength="{limit}"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    honeypot = html.split('class="hp-field"')[1].split("</div>")[0]
    assert 'aria-hidden="true"' in honeypot
    assert 'tabindex="-1"' in honeypot
    assert "Ne remplissez pas ce champ" in honeypot


@pytest.mark.parametrize("kind", ["structure", "dispositif"])
def test_a_proposal_is_stored_pending_then_thanks(client, territories, kind):
    response = client.post("/proposer/", proposal(kind=kind), REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302
    assert response["Location"] == "/proposer/merci/"
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Merci pour votre proposition" in thanks.content.decode()
    suggestion = Suggestion.objects.get()
    assert suggestion.kind == kind
    assert suggestion.status == SuggestionStatus.PENDING
    assert suggestion.territory == territories["mayenne"]
    assert suggestion.contact_email == "camille@example.fr"
    # The address is kept only as a keyed hash.
    assert len(suggestion.submitter_ip_hash) == 64
    assert "192.0.2.7" not in str(Suggestion.objects.values().get())


def test_the_same_address_gives_the_same_hash(client, territories):
    for _ in range(2):
        client.post("/proposer/", proposal(), REMOTE_ADDR="192.0.2.7")
    client.post("/proposer/", proposal(), REMOTE_ADDR="198.51.100.1")
    hashes = list(Suggestion.objects.order_by("pk").values_list("submitter_ip_hash", flat=True))
    assert hashes[0] == hashes[1] != hashes[2]


@pytest.mark.parametrize(("kind", "key"), [("structure", "coodem"), ("dispositif", "mayidees")])
def test_an_error_report_is_stored_against_its_entry(client, entries, kind, key):
    entry = entries[key]
    url = f"/signaler/{kind}/{entry.slug}/"
    page = client.get(url).content.decode()
    assert "Signaler une erreur" in page
    assert entry.get_absolute_url() in page
    response = client.post(url, report_data())
    assert response.status_code == 302
    assert response["Location"] == f"{url}merci/"
    thanks = client.get(response["Location"]).content.decode()
    assert "Merci pour votre signalement" in thanks
    assert entry.get_absolute_url() in thanks
    suggestion = Suggestion.objects.get()
    assert suggestion.kind == SuggestionKind.ERROR
    assert suggestion.entry == entry
    assert suggestion.name == entry.name
    assert suggestion.status == SuggestionStatus.PENDING


def test_detail_pages_link_to_the_report_form_and_every_page_to_the_proposal(client, entries):
    structure = client.get(entries["coodem"].get_absolute_url()).content.decode()
    assert f'href="/signaler/structure/{entries["coodem"].slug}/"' in structure
    programme = client.get(entries["mayidees"].get_absolute_url()).content.decode()
    assert f'href="/signaler/dispositif/{entries["mayidees"].slug}/"' in programme
    assert 'href="/proposer/">Proposer une structure ou un dispositif</a>' in programme


@pytest.mark.parametrize("path", ["/signaler/structure/brouillon-secret/", "/signaler/x/coodem/"])
def test_drafts_and_unknown_kinds_cannot_be_reported(client, entries, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "n’est pas publiée" in response.content.decode()
    assert client.post(path, report_data()).status_code == 404
    assert not Suggestion.objects.exists()


def test_a_filled_honeypot_thanks_but_stores_nothing(client, territories, mailoutbox):
    response = client.post("/proposer/", proposal(commentaire="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == "/proposer/merci/"
    assert not Suggestion.objects.exists()
    assert not mailoutbox


def test_rate_limit_per_address_answers_a_french_429(client, territories, settings):
    settings.ESSMAP_SUGGESTION_RATE = "2/h"
    for _ in range(2):
        assert client.post("/proposer/", proposal(), REMOTE_ADDR="192.0.2.7").status_code == 302
    limited = client.post("/proposer/", proposal(), REMOTE_ADDR="192.0.2.7")
    assert limited.status_code == 429
    assert limited["Retry-After"] == "3600"
    html = limited.content.decode()
    assert "Trop d’envois depuis votre connexion" in html
    assert "dans une heure" in html
    assert Suggestion.objects.count() == 2
    # The report form shares the limit; another address is not affected; reading is.
    assert client.get("/proposer/", REMOTE_ADDR="192.0.2.7").status_code == 200
    other = client.post("/proposer/", proposal(), REMOTE_ADDR="198.51.100.1")
    assert other.status_code == 302
    assert Suggestion.objects.count() == 3


def test_a_spoofed_first_forwarded_address_does_not_escape_the_rate_limit(
    client, territories, settings
):
    """Behind nginx ($proxy_add_x_forwarded_for), the client writes the start of
    X-Forwarded-For itself: a new address there at each request is still one client."""
    settings.ESSMAP_SUGGESTION_RATE = "2/h"
    settings.ESSMAP_CLIENT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"
    settings.ESSMAP_TRUSTED_PROXY_COUNT = 1
    statuses = [
        client.post(
            "/proposer/",
            proposal(),
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 192.0.2.7",
            REMOTE_ADDR="10.0.0.2",
        ).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 429, 429]
    assert Suggestion.objects.count() == 2


def test_rate_limit_is_shared_by_both_forms(client, entries, settings):
    settings.ESSMAP_SUGGESTION_RATE = "1/m"
    assert client.post("/proposer/", proposal()).status_code == 302
    url = f"/signaler/structure/{entries['coodem'].slug}/"
    limited = client.post(url, report_data())
    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
    assert "dans une minute" in limited.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "n" * 201, "au plus 200 caractères (actuellement 201)"),
        ("message", "m" * 3001, "au plus 3000 caractères (actuellement 3001)"),
        ("contact_name", "c" * 121, "au plus 120 caractères"),
        ("contact_email", "camille", "adresse électronique valide"),
        ("website", "pas une adresse", "adresse web complète"),
        ("territory", "Atlantide", "Aucun territoire ne correspond"),
        ("kind", "autre", "Sélectionnez un choix valide"),
        ("message", "", "Décrivez en quelques mots"),
    ],
)
def test_invalid_fields_give_french_errors_and_store_nothing(
    client, territories, mailoutbox, field, value, message
):
    response = client.post("/proposer/", proposal(**{field: value}))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "<title>Erreur : " in html
    assert "Votre envoi n’est pas parti" in html
    assert not Suggestion.objects.exists()
    assert not mailoutbox


def test_an_oversized_body_is_refused_in_french(client, territories):
    response = client.post("/proposer/", proposal(padding="x" * 40_000))
    assert response.status_code == 413
    assert "Envoi trop long" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_csrf_is_enforced(territories):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post("/proposer/", proposal()).status_code == 403
    assert not Suggestion.objects.exists()
    browser.get("/proposer/")
    token = browser.cookies["csrftoken"].value
    response = browser.post("/proposer/", {**proposal(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Suggestion.objects.count() == 1


def test_an_oversized_multipart_post_with_its_token_is_refused_in_french(territories):
    """The CSRF check has read the multipart body as a stream: essmap.http.body_size reads its
    size from the header (shared with the alert form)."""
    browser = Client(enforce_csrf_checks=True)
    browser.get("/proposer/")
    token = browser.cookies["csrftoken"].value
    data = {**proposal(padding="x" * 40_000), "csrfmiddlewaretoken": token}
    response = browser.post("/proposer/", data)
    assert response.status_code == 413
    assert "Envoi trop long" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_submitted_markup_is_shown_escaped_on_the_form_again(client, territories):
    html = client.post("/proposer/", proposal(name=SCRIPT, contact_email="x")).content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html


# -- email ----------------------------------------------------------------------------------


@pytest.fixture
def editors(territories):
    """A regional editor of Pays de la Loire and one of Nouvelle-Aquitaine, with an email."""
    group = Group.objects.get(name=REGIONAL_EDITOR)
    found = {}
    for name, region in [("pdl", "pdl"), ("na", "na")]:
        user = User.objects.create_user(
            f"editeur-{name}", email=f"{name}@essmap.example", password="x-long-password-1"
        )
        user.is_staff = True
        user.save()
        user.groups.add(group)
        EditorScope.objects.create(user=user).territories.add(territories[region])
        found[name] = user
    return found


def test_moderators_and_the_regional_editor_in_scope_get_an_email(client, editors, mailoutbox):
    client.post("/proposer/", proposal(name="Tiers-lieu\r\nBcc: victime@example.com"))
    suggestion = Suggestion.objects.get()
    assert sorted(m.to[0] for m in mailoutbox) == [MODERATOR, "pdl@essmap.example"]
    mail = mailoutbox[0]
    assert mail.subject == "[essmap] Nouvelle structure : Tiers-lieu Bcc: victime@example.com"
    assert f"/admin/suggestions/suggestion/{suggestion.pk}/change/" in mail.body
    assert "Mayenne (53) — commune" in mail.body
    assert "Une CAE qui accompagne" in mail.body
    assert "camille@example.fr" not in mail.body  # contact details stay in the admin


def test_an_error_report_reaches_the_editor_of_the_entry(client, entries, editors, mailoutbox):
    client.post(f"/signaler/structure/{entries['landes'].slug}/", report_data())
    assert sorted(m.to[0] for m in mailoutbox) == [MODERATOR, "na@essmap.example"]
    assert entries["landes"].get_absolute_url() in mailoutbox[0].body


def test_the_email_comes_from_its_templates_by_name(client, entries, mailoutbox, settings):
    """essmap/templates/emails/suggestion_received-{subject,body}.txt, plain text (nothing
    escaped)."""
    client.post(
        f"/signaler/dispositif/{entries['mayidees'].slug}/",
        report_data(
            message="Tarif : 10 € & plus <à vérifier>", website="https://a.example/?x=1&y=2"
        ),
    )
    suggestion = Suggestion.objects.get()
    mail = mailoutbox[0]
    assert mail.subject == f"[essmap] {suggestion.get_kind_display()} : May'Idées"
    assert mail.body == (
        f"Une suggestion attend votre modération sur essmap ({suggestion.get_kind_display()}).\n"
        "\n"
        "Nom : May'Idées\n"
        f"Fiche concernée : http://testserver{entries['mayidees'].get_absolute_url()}\n"
        "Site web ou source : https://a.example/?x=1&y=2\n"
        "\n"
        "Message :\n"
        "Tarif : 10 € & plus <à vérifier>\n"
        "\n"
        "Pour l’accepter ou la refuser : "
        f"http://testserver/admin/suggestions/suggestion/{suggestion.pk}/change/"
    )
    # The same text from the helper, by name, for any context.
    subject, body = emails.render(
        "suggestion_received", {"suggestion": suggestion, "entry_url": "", "admin_url": "A"}
    )
    assert subject == mail.subject
    assert body.endswith("Pour l’accepter ou la refuser : A")
    assert "Fiche concernée" not in body


def test_a_long_name_is_cut_on_one_line_in_the_subject(client, territories, mailoutbox):
    client.post("/proposer/", proposal(name="Très  long\n" + "x" * 100))
    subject = mailoutbox[0].subject
    assert subject == "[essmap] Nouvelle structure : Très long " + "x" * 69 + "…"
    assert "Nom : Très  long\n" + "x" * 100 in mailoutbox[0].body


def test_a_failing_mail_server_loses_no_suggestion(client, territories, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("SMTP injoignable")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
    assert client.post("/proposer/", proposal()).status_code == 302
    assert Suggestion.objects.count() == 1


# -- moderation in the admin ----------------------------------------------------------------


def submit(client, **changes):
    client.post("/proposer/", proposal(**changes))
    return Suggestion.objects.latest("pk")


def change_url(suggestion):
    return f"/admin/suggestions/suggestion/{suggestion.pk}/change/"


def test_queue_lists_pending_first_with_filters(admin_client, client, territories):
    done = submit(client, name="Déjà vue")
    done.status = SuggestionStatus.REJECTED
    done.save()
    submit(client, name="À traiter")
    html = admin_client.get("/admin/suggestions/suggestion/").content.decode()
    assert html.index("À traiter") < html.index("Déjà vue")
    filtered = admin_client.get("/admin/suggestions/suggestion/?status__exact=refusee")
    assert "Déjà vue" in filtered.content.decode()
    assert "À traiter" not in filtered.content.decode()
    assert "?kind__exact=erreur" in html


def test_change_page_shows_content_read_only_and_the_two_decisions(
    admin_client, client, territories
):
    suggestion = submit(client)
    html = admin_client.get(change_url(suggestion)).content.decode()
    assert 'name="_accept" value="Accepter"' in html
    assert 'name="_reject" value="Refuser"' in html
    assert 'name="message"' not in html
    assert 'name="name"' not in html
    assert "camille@example.fr" in html
    assert 'name="rejection_reason"' in html
    assert admin_client.get("/admin/suggestions/suggestion/add/").status_code == 403


def test_script_payload_is_escaped_in_the_admin(admin_client, client, territories):
    suggestion = submit(client, name=SCRIPT, message=SCRIPT, contact_name=SCRIPT)
    for url in [change_url(suggestion), "/admin/suggestions/suggestion/"]:
        html = admin_client.get(url).content.decode()
        assert SCRIPT not in html
        assert "&lt;script&gt;alert(" in html


@pytest.fixture(params=[("structure", Structure), ("dispositif", Programme)], ids=lambda p: p[0])
def accepted(request, admin_client, client, territories):
    """A proposal (of a structure, then of a programme) accepted in the admin."""
    kind, model = request.param
    suggestion = submit(client, kind=kind)
    response = admin_client.post(change_url(suggestion), {"_accept": "Accepter"})
    entry = model.objects.get(name="La Coopérative des Possibles")
    suggestion.refresh_from_db()
    return suggestion, response, entry


def test_accepting_a_proposal_opens_the_new_entry(accepted):
    _, response, entry = accepted
    opts = entry._meta
    assert response.status_code == 302
    assert response["Location"] == f"/admin/{opts.app_label}/{opts.model_name}/{entry.pk}/change/"


def test_accepting_a_proposal_creates_a_draft_from_its_content(accepted, territories):
    _, _, entry = accepted
    assert entry.publication_status == PublicationStatus.DRAFT
    assert entry.description.startswith("Une CAE")
    assert entry.website.startswith("https://")
    assert list(entry.territories.all()) == [territories["mayenne"]]


def test_an_accepted_structure_proposal_gets_its_commune_and_kind_other(
    admin_client, client, territories
):
    suggestion = submit(client, kind="structure")
    admin_client.post(change_url(suggestion), {"_accept": "Accepter"})
    entry = Structure.objects.get(name="La Coopérative des Possibles")
    assert entry.commune == territories["mayenne"]
    assert entry.kind.value == "autre"


def test_accepting_a_proposal_records_the_creation_by_the_curator(accepted, admin_user):
    suggestion, _, entry = accepted
    creation = entry.history.earliest()
    assert creation.history_type == "+"
    assert creation.history_user == admin_user
    assert creation.history_change_reason == f"Créé depuis la suggestion n° {suggestion.pk}"


def test_an_accepted_proposal_is_marked_reviewed_and_linked(accepted, admin_user):
    suggestion, _, entry = accepted
    assert suggestion.status == SuggestionStatus.ACCEPTED
    assert suggestion.entry == entry
    assert suggestion.reviewed_by == admin_user
    assert suggestion.reviewed_at is not None
    assert suggestion.history.first().history_change_reason.startswith("Suggestion acceptée")


def test_the_draft_opens_with_a_message_saying_what_to_do(accepted, admin_client):
    _, response, _ = accepted
    page = admin_client.get(response["Location"]).content.decode()
    assert "est créée en brouillon" in page


def test_accepting_an_error_report_opens_the_entry(admin_client, client, entries):
    coodem = entries["coodem"]
    client.post(f"/signaler/structure/{coodem.slug}/", report_data())
    suggestion = Suggestion.objects.get()
    response = admin_client.post(change_url(suggestion), {"_accept": "Accepter"})
    assert response["Location"] == f"/admin/programmes/structure/{coodem.pk}/change/"
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
    assert suggestion.structure == coodem
    assert Structure.objects.count() == 3  # nothing created


def test_rejecting_requires_a_reason(admin_client, admin_user, client, territories):
    suggestion = submit(client)
    response = admin_client.post(change_url(suggestion), {"_reject": "Refuser"})
    assert response.status_code == 200
    assert "Indiquez le motif du refus" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.PENDING
    response = admin_client.post(
        change_url(suggestion), {"_reject": "Refuser", "rejection_reason": "Hors du champ de l’ESS"}
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.REJECTED
    assert suggestion.reviewed_by == admin_user
    assert suggestion.rejection_reason == "Hors du champ de l’ESS"
    assert not Structure.objects.exists()


def test_a_decided_suggestion_is_read_only(admin_client, client, territories):
    suggestion = submit(client)
    admin_client.post(change_url(suggestion), {"_reject": "Refuser", "rejection_reason": "Doublon"})
    html = admin_client.get(change_url(suggestion)).content.decode()
    assert 'name="_accept"' not in html
    assert "Doublon" in html
    again = admin_client.post(change_url(suggestion), {"_accept": "Accepter"})
    assert again.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.REJECTED
    assert not Structure.objects.exists()


def test_bulk_reject_asks_for_one_reason(admin_client, client, territories):
    first, second = submit(client, name="Spam 1"), submit(client, name="Spam 2")
    selection = {"action": "reject_selected", "_selected_action": [first.pk, second.pk]}
    page = admin_client.post("/admin/suggestions/suggestion/", selection)
    assert page.status_code == 200
    assert "Motif du refus" in page.content.decode()
    admin_client.post(
        "/admin/suggestions/suggestion/",
        {**selection, "confirm": "1", "rejection_reason": "Envoi automatique"},
    )
    assert set(Suggestion.objects.values_list("status", "rejection_reason")) == {
        (SuggestionStatus.REJECTED, "Envoi automatique")
    }


# -- regional editors -----------------------------------------------------------------------


def test_a_regional_editor_sees_only_their_queue(client, entries, editors, territories):
    submit(client, name="En Mayenne", territory="53147")
    outside = submit(client, name="Dans les Landes", territory="40123")
    submit(client, name="Sans territoire", territory="")
    client.post(f"/signaler/structure/{entries['coodem'].slug}/", report_data())
    client.post(f"/signaler/structure/{entries['landes'].slug}/", report_data())
    editor = Client()
    editor.force_login(editors["pdl"])
    html = editor.get("/admin/suggestions/suggestion/").content.decode()
    assert "En Mayenne" in html
    assert "Coodem" in html
    assert "Dans les Landes" not in html
    assert "Incubateur des Landes" not in html
    assert "Sans territoire" not in html
    hidden = editor.get(change_url(outside))
    assert hidden.status_code == 302  # "n’existe pas" for them
    editor.post(change_url(outside), {"_reject": "Refuser", "rejection_reason": "Non"})
    outside.refresh_from_db()
    assert outside.status == SuggestionStatus.PENDING


def test_a_regional_editor_accepts_within_scope_and_can_edit_the_draft(
    client, editors, territories
):
    suggestion = submit(client, territory="53147")
    editor = Client()
    editor.force_login(editors["pdl"])
    response = editor.post(change_url(suggestion), {"_accept": "Accepter"})
    assert response.status_code == 302
    assert editor.get(response["Location"]).status_code == 200


def test_groups_get_the_suggestion_permissions():
    def codes(name):
        group = Group.objects.get(name=name)
        return set(
            group.permissions.filter(content_type__model="suggestion").values_list(
                "codename", flat=True
            )
        )

    assert codes(REGIONAL_EDITOR) == {"view_suggestion", "change_suggestion"}
    assert codes(ADMINISTRATOR) == {
        "add_suggestion",
        "change_suggestion",
        "delete_suggestion",
        "view_suggestion",
    }
    assert codes(READER) == {"view_suggestion"}


def test_granting_new_models_keeps_the_permissions_administrators_set():
    from django.apps import apps

    editor = Group.objects.get(name=REGIONAL_EDITOR)
    extra = Permission.objects.get(codename="delete_person")
    editor.permissions.add(extra)
    editor.permissions.remove(Permission.objects.get(codename="change_suggestion"))
    grant_new_models(apps, "suggestions", "suggestion")
    codes = set(editor.permissions.values_list("codename", flat=True))
    assert {"delete_person", "change_suggestion"} <= codes


# -- settings -------------------------------------------------------------------------------


def check(env_changes, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "CACHE_URL"}}
    env.update({"ESSMAP_VAR_DIR": str(tmp_path), "SECRET_KEY": "x" * 50, **env_changes})
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_a_per_process_cache_is_refused_in_production(tmp_path):
    refused = check(
        {"DEBUG": "0", "ALLOWED_HOSTS": "essmap.fr", "CACHE_URL": "locmem://"}, tmp_path
    )
    assert refused.returncode != 0
    assert "django_ratelimit.E003" in refused.stderr
    assert check({"DEBUG": "1", "CACHE_URL": "locmem://"}, tmp_path).returncode == 0
    shared = check({"DEBUG": "0", "ALLOWED_HOSTS": "essmap.fr"}, tmp_path)
    assert shared.returncode == 0, shared.stderr


def test_likely_duplicates_are_shown_before_accepting_a_proposal(admin_client, client, territories):
    existing = make_structure(
        "La Coopérative des Possibles (SCOP)", territories=[territories["dep53"]]
    )
    suggestion = submit(client, kind="structure")
    html = admin_client.get(change_url(suggestion)).content.decode()
    assert "Fiches semblables (doublons possibles)" in html
    assert f'/admin/programmes/structure/{existing.pk}/change/">La Coopérative' in html
    other = submit(client, kind="structure", name="Tout autre nom")
    assert "Aucune fiche au nom semblable." in admin_client.get(change_url(other)).content.decode()
