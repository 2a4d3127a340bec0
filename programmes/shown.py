"""Which structures a page showed, said on its response for whoever counts audiences (the
``audience`` app's middleware), without programmes importing it.

As ``orientation.extensions.note_search`` does for searches: a header, because the page cache
keeps headers with the page, so that a page served from the cache says what it shows without
its view running; :func:`take_shown` removes it, so that it is never sent."""

_HEADER = "X-Essmap-Shown"
# What a page is to the structures it names: their own page (a structure's, or a programme's
# page for its operators), or an answer to a search.
PAGE = "page"
ANSWER = "reponse"


def note_shown(response, what, structure_ids):
    """Mark ``response`` as a ``what`` (:data:`PAGE` or :data:`ANSWER`) showing these
    structures (ids; none: nothing noted)."""
    ids = list(dict.fromkeys(int(pk) for pk in structure_ids))
    if ids:
        response[_HEADER] = f"{what} {','.join(map(str, ids))}"
    return response


def take_shown(response):
    """``(what, [structure ids])`` noted on ``response`` (None when nothing), removed from it."""
    if _HEADER not in response:
        return None
    what, _, ids = response[_HEADER].partition(" ")
    del response[_HEADER]
    return what, [int(pk) for pk in ids.split(",") if pk.isdigit()]
