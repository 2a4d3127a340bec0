"""Reading a selection from its address (selection/address.py): lenient, bounded, in order."""

from django.http import QueryDict

from selection.address import MAX_ENTRIES, MAX_NOTE, Selection, read


def test_slugs_are_read_from_commas_and_repeats_once_each_in_order():
    chosen = read(QueryDict("d=may-idees,test-activite&d=may-idees&s=coodem,,apess-53"))
    assert chosen.programmes == ("may-idees", "test-activite")
    assert chosen.structures == ("coodem", "apess-53")
    assert len(chosen) == 4
    assert chosen.malformed == 0


def test_what_cannot_be_a_slug_is_dropped_and_counted():
    chosen = read(QueryDict("d=ok,<script>,a%20b&s=x/y"))
    assert chosen.programmes == ("ok",)
    assert chosen.structures == ()
    assert chosen.malformed == 3


def test_at_most_max_entries_programmes_first():
    slugs = ",".join(f"p{i}" for i in range(15))
    others = ",".join(f"s{i}" for i in range(10))
    chosen = read(QueryDict(f"d={slugs}&s={others}"))
    assert len(chosen) == MAX_ENTRIES
    assert len(chosen.programmes) == 15
    assert chosen.structures == tuple(f"s{i}" for i in range(5))
    assert chosen.beyond_limit == 5


def test_a_long_note_is_cut_and_flagged_line_ends_counted_once():
    chosen = read(QueryDict(f"note={'é' * (MAX_NOTE + 20)}"))
    assert chosen.note == "é" * MAX_NOTE
    assert chosen.note_cut == MAX_NOTE + 20
    chosen = read(QueryDict("note=un%0D%0Adeux"))
    assert chosen.note == "un\ndeux"
    assert not chosen.note_cut


def test_the_address_keeps_commas_readable_and_quotes_the_note():
    chosen = Selection(("a", "b"), ("c",), note="Rappeler lundi & mardi")
    assert chosen.query() == "d=a,b&s=c&note=Rappeler+lundi+%26+mardi"
    assert chosen.query(retour="/programmes/?q=x") == (
        "d=a,b&s=c&note=Rappeler+lundi+%26+mardi&retour=/programmes/%3Fq%3Dx"
    )
    assert Selection().query() == ""


def test_adding_removing_and_merging():
    chosen = Selection(("a",), ())
    assert chosen.with_entry("d", "a") == chosen  # already in
    assert chosen.with_entry("s", "x").structures == ("x",)
    assert chosen.with_entry("d", "b").without("d", "a").programmes == ("b",)
    merged = Selection(("a",), note="gardée").merged(Selection(("b", "a"), ("x",), note="autre"))
    assert merged == Selection(("a", "b"), ("x",), note="gardée")
