"""What a result card says (issue 24, item 11): how to reach the support in one line and how to
get in; the cost only when it is known; a distance only for a local, départementale or
régionale reach — « portée nationale · à 28 km » means nothing."""

import re

import pytest

from tests.conftest import make_programme, make_structure

pytestmark = pytest.mark.django_db

HOW_TO_APPLY = (
    "Déposer un dossier de candidature auprès de Coodem pour la session suivante : les "
    "promotions sont limitées à six ou sept projets, réunions d’information chaque mois."
)


@pytest.fixture
def cards(territories):
    t = territories
    for key, (latitude, longitude) in {
        "mayenne": (48.30737, -0.61474),
        "laval": (48.0706, -0.7734),
    }.items():
        t[key].latitude, t[key].longitude = latitude, longitude
        t[key].save()
    coodem = make_structure(
        "Coodem",
        territories=[t["dep53"]],
        commune=t["laval"],
        phone="+33243123456",
        general_stage_creation=True,
    )
    national = make_structure(
        "Réseau national",
        kind="reseau-ess",
        territories=[t["FR"]],
        commune=t["laval"],
        general_stage_creation=True,
    )
    make_programme(
        "Test local",
        stages=["creation"],
        territories=[t["dep53"]],
        operators=[coodem],
        is_free=False,
        cost_details="50 € par mois",
        how_to_apply=HOW_TO_APPLY,
    )
    make_programme(
        "Programme national",
        stages=["creation"],
        territories=[t["FR"]],
        operators=[national],
        eligibility="Être porteur d’un projet coopératif.",
    )


def card(html, name):
    """The card (programme or structure) whose title is ``name``, its text on one line (the
    « : » after each term is the style sheet's)."""
    for part in re.split(r'<article class="card', html)[1:]:
        if f">{name}</a></h" in part:
            return " ".join(re.sub(r"<[^>]+>", " ", part.split("</article>")[0]).split())
    raise AssertionError(f"no card for {name}")


def test_cards_give_contact_way_in_known_cost_and_a_distance_only_when_local(client, cards):
    html = client.get("/programmes/", {"territoire": "53147", "etape": "creation"}).content
    html = html.decode()
    local = card(html, "Test local")
    assert "(à 29 km)" in local  # Mayenne's centre to Laval's
    assert "Contact 02 43 12 34 56" in local
    assert "Coût Payant (50 € par mois)" in local
    assert "Pour y accéder Déposer un dossier de candidature" in local
    assert "projets, réunions…" in local  # 140 characters at most, cut after a whole word
    national = card(html, "Programme national")
    assert "Portée nationale" in national
    assert " km" not in national
    assert "Coût" not in national  # « Non précisé » is not repeated on every card
    assert "Conditions d’accès Être porteur d’un projet coopératif." in national
    assert "Non précisé" not in html
    # The structures' own accompaniment: the same rule for the distance.
    assert "(à 29 km)" in card(html, "Coodem")
    assert " km" not in card(html, "Réseau national")


@pytest.mark.parametrize("path", ["/territoires/53147/", "/territoires/53147/imprimer/"])
def test_the_sheet_and_its_print_give_no_distance_for_a_national_reach(client, cards, path):
    html = client.get(path + "?etape=creation").content.decode()
    local = html.split("Test local", 1)[1].split("Programme national", 1)[0]
    national = html.split("Programme national", 1)[1][:600]
    assert " km" in local
    assert " km" not in national
