"""Every suggestion's value names its territory in ``territoire`` (issue 24, item 4), and an
arrondissement's postal code gives the arrondissement (item 2), on the national reference
(``shipped_data``, about 15 s to load).

The check over every current commune calls the resolution function directly: through HTTP,
35,000 requests would take minutes. On SQLite a postal code is read by a scan of the
communes (PostgreSQL has a trigram index), so that one lookup is answered from memory, the
same rows as the database's; a sample goes through the real lookup and the HTTP API.
"""

from collections import defaultdict

import pytest

from territories import places
from territories.forms import resolve
from territories.models import Territory, TerritoryKind
from territories.places import by_key_for_links, query_key, with_parts
from territories.search import as_suggestion, autocomplete, suggestions

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.national,
    pytest.mark.usefixtures("shipped_data"),
]


@pytest.fixture
def communes():
    # Read as ``places._key_or_postcode`` reads them (``with_parts``): ``city_parts`` then asks
    # the database only when a city is among the communes of a postal code, as it does on a
    # page, rather than for every postal code several communes share (2,300 queries).
    return list(with_parts(Territory.objects.filter(kind=TerritoryKind.COMMUNE, is_current=True)))


def rows_in_memory(communes):
    """``places._key_or_postcode`` answered from memory: the territory with this key, and the
    current communes with this postal code (the same rows, ``has_parts`` included)."""
    by_key = {t.key: t for t in with_parts(Territory.objects.filter(key__regex=r"^[0-9]{5}$"))}
    by_postcode = defaultdict(list)
    for commune in communes:
        for code in commune.postcodes.split():
            by_postcode[code].append(commune)

    def key_or_postcode(code):
        rows = [by_key[code]] if code in by_key else []
        return rows + [t for t in by_postcode.get(code, []) if t.key != code]

    return key_or_postcode


def value_of(commune):
    """The autocomplete's value for ``commune``: its suggestion's ``code``, with what the
    suggestions work out for a batch (``attach_query_keys``) worked out for it alone."""
    territory = by_key_for_links(commune.key)
    query_key(territory)
    return as_suggestion(territory)["code"]


def test_every_current_commune_is_named_by_its_suggested_value(communes, monkeypatch):
    real = places._key_or_postcode
    in_memory = rows_in_memory(communes)
    for code in ("53100", "75018", "13001", "23500", "75056", "01001"):
        rows = {(t.pk, t.has_parts) for t in real(code)}
        assert {(t.pk, t.has_parts) for t in in_memory(code)} == rows
    monkeypatch.setattr(places, "_key_or_postcode", in_memory)
    aliased = 0
    wrong = []
    for commune in communes:
        value = value_of(commune)
        aliased += value != commune.key
        if resolve(value) != [commune]:
            wrong.append((commune.key, commune.name, value))
    assert wrong == []
    assert len(communes) >= 34_800 + 45
    # The communes whose INSEE code is another commune's postal code are written com-…
    assert 2_500 < aliased < 3_500


@pytest.mark.parametrize(
    "key",
    ["53100", "53147", "13001", "13201", "75056", "75118", "75116", "69123", "69381", "23079"],
)
def test_a_suggestion_through_the_api_names_its_commune(client, key):
    commune = Territory.objects.get(key=key)
    results = client.get("/territoires/autocomplete/", {"q": key}).json()["results"]
    suggestion = next(r for r in results if r["name"] == commune.name)
    assert suggestion["code"] == value_of(commune)
    assert resolve(suggestion["code"]) == [commune]
    response = client.get("/programmes/", {"territoire": suggestion["code"], "format": "json"})
    assert response.status_code == 200  # no redirect to another territory, no choice to make
    # The widget's address takes it too (com-53100 leads to the sheet's own /widget/53100/).
    widget = client.get(f"/widget/{suggestion['code']}/", follow=True)
    assert widget.status_code == 200
    assert commune.name in widget.content.decode()


def test_the_suggestions_agree_with_the_value_worked_out_one_by_one():
    for query in ("53100", "13001", "75018", "fougerolles du plessis", "marseille"):
        for suggestion in suggestions(query):
            territory = Territory.objects.by_key(suggestion["code"])
            assert resolve(suggestion["code"]) == [territory], (query, suggestion)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("75018", "75118"),
        ("75001", "75101"),
        ("75016", "75116"),
        ("75116", "75116"),
        ("69001", "69381"),
        ("69009", "69389"),
        ("13001", "13201"),
        ("13016", "13216"),
        ("75056", "75056"),
        ("Paris (75) — commune", "75056"),
    ],
)
def test_an_arrondissement_postal_code_gives_the_arrondissement(typed, key):
    assert [t.key for t in resolve(typed)] == [key]
    if typed.isdigit():
        assert autocomplete(typed)[0].key == key
