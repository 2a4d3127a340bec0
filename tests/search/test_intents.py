"""Words of intent ("embaucher", "tester mon activité", "SCIC"…) rank the kind of support that
answers them first, wherever they come in a sentence, and never narrow the list."""

import json

import pytest

from programmes.models import ProgrammeKind, Public, Sector, StructureKind
from search import intents, matching
from tests.conftest import make_programme, make_structure, vocab

URL = "/programmes/"


def labels(text):
    return [intent.label for intent in intents.found_in(text)]


def test_intents_are_found_anywhere_in_a_long_sentence():
    text = (
        "Bonjour, je suis présidente d’une petite association de quartier, nous faisons de "
        "l’aide aux devoirs et des sorties avec les familles depuis six ans grâce à une "
        "vingtaine de bénévoles très investis, et nous voudrions maintenant embaucher"
    )
    found = labels(text)
    assert "devenir ou rester employeur, consolider" in found
    assert "une association" in found


def test_a_reflexive_verb_is_read_with_its_pronoun():
    """« se structurer » is to consolidate; « structurer mon projet » is what any creation
    support does, and « former des bénévoles » is not « me former »."""
    consolidate = "devenir ou rester employeur, consolider"
    assert consolidate not in labels("il me faut un incubateur pour structurer mon projet")
    assert consolidate in labels("notre association doit se structurer")
    assert consolidate in labels("nous voulons nous structurer")
    assert "se former" in labels("je voudrais me former à la gestion")
    assert "se former" not in labels("former des bénévoles")


def test_a_cooperative_d_activite_names_a_cae_not_a_test():
    """« coopérative d’activité » is the name of a kind of structure (a CAE), where the person
    may already be: it does not read as « tester mon activité »."""
    found = labels("je viens d’entrer dans une coopérative d’activité pour lancer mon activité")
    assert found == ["une coopérative d’activité et d’emploi"]
    assert "tester son activité" in labels("tester mon activité dans une CAE")


def test_a_cae_named_brings_what_cae_run_not_only_their_tests(client, territories):
    """In a CAE already, a person asks for its workshops: every support a CAE runs answers
    « coopérative d’activité », a test of activity run by another structure does not."""
    dep53 = [territories["dep53"]]
    cae = make_structure("Coopérative d’activité de la Mayenne", territories=dep53)
    incubator = make_structure("Incubateur de la Mayenne", kind="incubateur", territories=dep53)
    elsewhere = make_programme(
        "Couveuse de projets",
        stages=("creation",),
        territories=dep53,
        operators=[incubator],
        kind=vocab(ProgrammeKind, "test-activite"),
    )
    workshops = make_programme(
        "Ateliers de gestion",
        stages=("creation",),
        territories=[territories["FR"]],
        operators=[cae],
        kind=vocab(ProgrammeKind, "formation"),
    )
    sentence = (
        "je viens d’entrer dans une coopérative d’activité et voudrais des ateliers de gestion"
    )
    found = slugs(client, sentence, "creation")
    assert found.index(workshops.slug) < found.index(elsewhere.slug)


def test_an_expression_is_matched_whole_and_in_order():
    assert "tester son activité" in labels("Tester mon activité de potier")
    assert "tester son activité" not in labels("mon activité, je voudrais la tester")
    # Whole words: "nos structures" is not "se structurer", "s'y associer" not "association".
    assert labels("comment nos structures peuvent s’y associer") == []
    # Only the expressions: "locaux" alone is too common to ask for premises.
    assert "un lieu, des locaux" not in labels("avec les employeurs locaux")
    assert "un lieu, des locaux" in labels("nous cherchons des locaux partagés")


def test_every_value_the_vocabulary_names_exists(db):
    data = json.loads(intents.DATA.read_text(encoding="utf-8"))
    vocabularies = (
        (ProgrammeKind, "kinds"),
        (Public, "publics"),
        (Sector, "sectors"),
        (StructureKind, "operators"),
    )
    for model, key in vocabularies:
        named = {value for item in data["intents"] for value in item.get(key, ())}
        known = set(model.objects.filter(value__in=named).values_list("value", flat=True))
        assert named == known, f"{key}: {named - known}"
    for item in data["intents"]:
        assert item["expressions"], item["label"]
        assert {"kinds", "names", "operators", "publics", "sectors"} & set(item), item["label"]
        # A trade is one of the sector's expressions, read the same way.
        assert set(item.get("trades", ())) <= set(item["expressions"]), item["label"]
        assert not item.get("trades") or item.get("sectors"), item["label"]


@pytest.fixture
def pouzauges(territories):
    """Local supports of the département, and one national support of the kind that answers
    "embaucher" (consolidation), made for associations."""
    local = [
        make_programme(
            f"Tester son activité {i}",
            stages=("developpement",),
            territories=[territories["dep53"]],
            description="Se développer dans une coopérative, pour tous les projets.",
            publics=("tous-publics",),
        )
        for i in range(6)
    ]
    national = make_programme(
        "Dispositif local d’accompagnement",
        stages=("developpement",),
        territories=[territories["FR"]],
        description="Accompagne les structures employeuses de l’ESS.",
        kind=vocab(ProgrammeKind, "consolidation"),
        publics=("associations",),
    )
    return local, national


def slugs(client, q, stage="developpement"):
    params = {"territoire": "53147", "etape": stage, "q": q, "format": "json"}
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return [r["slug"] for r in response.json()["results"]]


def test_an_intent_word_brings_the_kind_that_answers_it_first(client, pouzauges):
    local, national = pouzauges
    found = slugs(client, "notre association veut se développer et embaucher")
    assert found[0] == national.slug
    # Nothing is left out: the words rank, they do not narrow.
    assert set(found) == {p.slug for p in [*local, national]}


def test_without_intent_the_most_local_come_first(client, pouzauges):
    local, national = pouzauges
    assert slugs(client, "notre projet veut se développer au village")[-1] == national.slug


def test_an_intent_said_at_the_end_of_a_long_sentence_still_counts(client, pouzauges):
    local, national = pouzauges
    sentence = (
        "Nous sommes une petite équipe de bénévoles dans un village, nous organisons des "
        "fêtes, un marché de Noël, des ateliers pour les enfants, des sorties pour les "
        "anciens, un club de lecture, et après dix ans nous aimerions embaucher"
    )
    assert slugs(client, sentence)[0] == national.slug


def test_a_support_for_another_public_comes_after_the_one_that_fits(client, territories):
    """ "réfugiée": among supports of the same reach, the one made for exiles first, those open
    to all next, one made for job seekers only last; a more local one stays ahead."""
    dep53 = [territories["dep53"]]
    for_others = make_programme(
        "Coopérative des chercheurs d’emploi", territories=dep53, publics=("demandeurs-emploi",)
    )
    for_all = make_programme("Coopérative de quartier", territories=dep53)
    made_for = make_programme(
        "Coopérative des exilées", territories=dep53, publics=("personnes-exilees",)
    )
    nearer = make_programme(
        "Coopérative de Mayenne", territories=[territories["mayenne"]], publics=("jeunes",)
    )
    found = slugs(client, "je suis réfugiée, je veux créer une coopérative de cuisine", "idee")
    assert found == [nearer.slug, made_for.slug, for_all.slug, for_others.slug]


def test_a_verb_after_qui_or_ne_names_no_need(db):
    """« un café qui ferme » is no farm, « ne vend plus » no sale: the word after « qui » or
    « ne » is a verb, read neither as an intent nor as a search word; « une ferme » still is
    agriculture, and « qui se développe » still consolidation."""
    farm = "agriculture, alimentation"
    assert farm not in labels("reprendre un café-librairie qui ferme")
    assert farm in labels("reprendre une ferme en bio")
    assert "devenir ou rester employeur, consolider" in labels(
        "notre association qui se développe voudrait embaucher"
    )
    words = [
        alt for group in matching.parse("un café qui ferme ne vend plus").groups for alt in group
    ]
    assert ("ferme",) not in words
    assert ("vend",) not in words
    assert ("cafe",) in words


def test_a_support_made_for_the_trade_named_counts_one_reach_nearer(client, territories):
    """A regional course made for cultural entrepreneurs ranks with the département's general
    supports, first of them; never before the commune's. A national one made for the trade
    ranks with the regional ones, after the département's."""
    dep53 = [territories["dep53"]]
    commune = make_programme("Accompagnement de Mayenne", territories=[territories["mayenne"]])
    general = [make_programme(f"Création d’entreprise {i}", territories=dep53) for i in range(3)]
    regional = make_programme(
        "Parcours régional", territories=[territories["pdl"]], sectors=("culture",)
    )
    national = make_programme(
        "Parcours national", territories=[territories["FR"]], sectors=("culture",)
    )
    found = slugs(client, "je suis musicien et je veux monter ma structure de concerts", "idee")
    assert found[:2] == [commune.slug, regional.slug]
    assert set(found[2:5]) == {p.slug for p in general}
    assert found[5] == national.slug
    # Without the trade named, the regional course comes after the département's supports;
    # a sector named by a thing ("des concerts"), not by the person's trade, neither.
    for words in ("je veux monter ma structure", "je veux monter une structure de concerts"):
        found = slugs(client, words, "idee")
        assert found.index(regional.slug) > max(found.index(p.slug) for p in general), words
