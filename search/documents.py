"""Build the stored search documents of structures and programmes.

Contract: ``refresh(programmes=..., structures=...)`` rewrites the search fields
(``search_title``, ``search_body`` and, on PostgreSQL, ``search_vector``) of the given entries
— all of them when called without arguments — from what each entry shows at that moment. It
writes nothing else, deletes nothing, and running it twice gives the same result. Callers run
it after every change to an entry or to what its document holds (admin saves, content loads);
``manage.py refresh_search_index`` rebuilds everything, e.g. after renaming a vocabulary label.

What a document holds, by weight (PostgreSQL weights A > B > C > D):
    A: name and other names;
    B: operators' names (programmes), kind;
    C: description;
    D: publics, sectors, territories served, formats, the seat commune (structures).
"""

from django.db import connection, transaction
from django.db.models import Prefetch, Value

from programmes.models import (
    Programme,
    ProgrammeStructure,
    PublicationStatus,
    ServedArea,
    Structure,
    StructureRole,
    StructureServedArea,
)
from search.models import SearchSynonym
from search.query import SEARCH_CONFIG, stems_document, words_of

BATCH = 500


def _join(*parts):
    return " ".join(p for p in parts if p)


def _labels(items):
    return _join(*(str(i) for i in items))


def programme_document(programme):
    operators = [
        link.structure
        for link in programme.structure_links.all()
        if link.role == StructureRole.OPERATOR
    ]
    # Like ProgrammeQuerySet.serving: without territories of its own, its operators' count.
    territories = list(programme.territories.all()) or [
        t for s in operators for t in s.territories.all()
    ]
    return (
        _join(programme.name, programme.aliases),
        _join(*(_join(s.name, s.aliases) for s in operators), str(programme.kind or "")),
        programme.description,
        _join(
            _labels(programme.publics.all()),
            _labels(programme.sectors.all()),
            _labels(territories),
            _labels(programme.formats.all()),
        ),
    )


def structure_document(structure):
    return (
        _join(structure.name, structure.aliases),
        str(structure.kind),
        structure.description,
        _join(
            _labels(structure.publics.all()),
            _labels(structure.sectors.all()),
            _labels(structure.territories.all()),
            str(structure.commune or ""),
        ),
    )


def _vector(a, b, c, d):
    from django.contrib.postgres.search import SearchVector

    parts = [
        SearchVector(Value(text), weight=weight, config=SEARCH_CONFIG)
        for text, weight in ((a, "A"), (b, "B"), (c, "C"), (d, "D"))
    ]
    # Unstemmed words too, for the short ones search compares whole (see search.query).
    parts.append(SearchVector(Value(" ".join((a, b, c, d))), weight="D", config="simple"))
    vector = parts[0]
    for part in parts[1:]:
        vector = vector + part
    return vector


def _write(model, entries, document):
    postgres = connection.vendor == "postgresql"
    for entry in entries:
        a, b, c, d = document(entry)
        fields = {"search_title": stems_document(a), "search_body": stems_document(b, c, d)}
        if postgres:
            fields["search_vector"] = _vector(a, b, c, d)
        model.objects.filter(pk=entry.pk).update(**fields)


def _in_batches(queryset):
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


@transaction.atomic
def refresh(programmes=None, structures=None):
    """Rebuild the documents of the given querysets (``None``: every entry of that model),
    and where they are available — the programmes' served areas and those of the structures'
    general accompaniment — which depend on the same links.

    Returns the number of documents written."""
    written = 0
    if programmes is None:
        programmes = Programme.objects.all()
    if structures is None:
        structures = Structure.objects.all()
    operator_links = Prefetch(
        "structure_links",
        queryset=ProgrammeStructure.objects.select_related("structure").prefetch_related(
            "structure__territories"
        ),
    )
    for ids in _in_batches(programmes):
        batch = (
            Programme.objects.filter(pk__in=ids)
            .select_related("kind")
            .prefetch_related(operator_links, "publics", "sectors", "territories", "formats")
        )
        _write(Programme, batch, programme_document)
        ServedArea.objects.rebuild(ids)
        written += len(ids)
    for ids in _in_batches(structures):
        batch = Structure.objects.filter(pk__in=ids).select_related("kind", "commune")
        batch = batch.prefetch_related("publics", "sectors", "territories")
        _write(Structure, batch, structure_document)
        StructureServedArea.objects.rebuild(ids)
        written += len(ids)
    return written


def refresh_structure(structure):
    """After a structure changed: its own document and those of the programmes it runs."""
    refresh(
        programmes=Programme.objects.filter(structure_links__structure=structure).distinct(),
        structures=Structure.objects.filter(pk=structure.pk),
    )


def refresh_programme(programme):
    refresh(
        programmes=Programme.objects.filter(pk=programme.pk), structures=Structure.objects.none()
    )


def vocabulary():
    """The words of published names, other names and synonyms: what typos are corrected to."""
    words = set()
    for model in (Programme, Structure):
        rows = model.objects.filter(publication_status=PublicationStatus.PUBLISHED)
        for name, aliases in rows.values_list("name", "aliases"):
            words.update(words_of(name))
            words.update(words_of(aliases))
    for expressions in SearchSynonym.objects.values_list("expressions", flat=True):
        words.update(words_of(expressions))
    return {w for w in words if len(w) > 2}
