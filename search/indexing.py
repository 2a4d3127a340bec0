"""When search documents are rebuilt: the one place every write path goes through.

Any write to an entry or to what its document holds — admin save, history restore, bulk import,
content load, suggestion acceptance, a vocabulary renamed — reaches the signal receivers below
(connected in ``SearchConfig.ready``), which call :func:`refresh_after_commit`. The documents
are rebuilt once the transaction commits, in one batch whatever the number of writes, and not
at all when it rolls back. Writes that send no signal (``QuerySet.update``, ``bulk_create``)
call :func:`refresh_after_commit` themselves.
"""

import threading

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from essmap.cache import bump_content_version
from programmes.models import (
    Format,
    Programme,
    ProgrammeKind,
    ProgrammeStructure,
    Public,
    Sector,
    ServedArea,
    Structure,
    StructureKind,
    StructureServedArea,
)
from search import documents
from territories.models import Territory, TerritoryKind

# Fields whose change leaves every search document as it was (saving only them refreshes
# nothing): freshness stamps and curators' notes.
NOT_IN_DOCUMENTS = {"verified_on", "updated_at", "curator_notes", "publication_status"}

_pending = threading.local()


def _ids(entries):
    return {getattr(entry, "pk", entry) for entry in entries}


def refresh_after_commit(structures=(), programmes=()):
    """Rebuild the documents of these entries (instances or ids) after the current transaction
    commits — at once outside a transaction. A structure's programmes are rebuilt too: their
    documents hold its name."""
    if not hasattr(_pending, "structures"):
        _pending.structures, _pending.programmes = set(), set()
    _pending.structures |= _ids(structures)
    _pending.programmes |= _ids(programmes)
    # Every call registers the flush; the first to run takes everything pending, the others
    # find nothing left. Ids left by a rolled-back transaction are rebuilt at the next commit,
    # which changes nothing (a rebuild is idempotent).
    transaction.on_commit(_flush)


def _batches(ids):
    for start in range(0, len(ids), documents.BATCH):
        yield ids[start : start + documents.BATCH]


def _flush():
    structures = getattr(_pending, "structures", set())
    programmes = getattr(_pending, "programmes", set())
    if not structures and not programmes:
        return
    _pending.structures, _pending.programmes = set(), set()
    # Ids in batches: a bulk import leaves thousands, past SQLite's limit on the parameters
    # of one query (« too many SQL variables »).
    structures = sorted(structures)
    programmes = set(programmes)
    for ids in _batches(structures):
        links = ProgrammeStructure.objects.filter(structure__in=ids)
        programmes.update(links.values_list("programme_id", flat=True))
    with transaction.atomic():
        for ids in _batches(sorted(programmes)):
            documents.refresh(
                programmes=Programme.objects.filter(pk__in=ids), structures=Structure.objects.none()
            )
        for ids in _batches(structures):
            documents.refresh(
                programmes=Programme.objects.none(), structures=Structure.objects.filter(pk__in=ids)
            )
    # The write itself changed the content version when it committed, possibly before this
    # rebuild: a page cached in between would hold the old search results. Change it again.
    bump_content_version()


# ---------------------------------------------------------------------------
# Receivers


def entry_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields and set(update_fields) <= NOT_IN_DOCUMENTS):
        return
    if sender is Structure:
        refresh_after_commit(structures=[instance])
    else:
        refresh_after_commit(programmes=[instance])


def link_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_after_commit(programmes=[instance.programme_id])


def entry_links_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """A list of an entry's territories, publics, sectors or formats changed (from either
    side of the relation)."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        entries, owner = [instance], type(instance)
    else:
        entries, owner = (pk_set or ()), model
    if owner is Structure:
        refresh_after_commit(structures=entries)
    elif owner is Programme:
        refresh_after_commit(programmes=entries)


def vocabulary_saved(sender, instance, created=False, raw=False, **kwargs):
    """A renamed label is in the documents of every entry that uses it."""
    if created or raw:
        return
    users = {
        name: getattr(instance, f"{name[:-1]}_set", None) for name in ("structures", "programmes")
    }
    refresh_after_commit(
        **{
            name: related.values_list("pk", flat=True)
            for name, related in users.items()
            if related is not None
        }
    )


GROUPINGS = {TerritoryKind.PNR, TerritoryKind.PAYS, TerritoryKind.GROUPING}


def grouping_changed(sender, instance=None, raw=False, **kwargs):
    """A territory's départements (``lies_in``) or whether its members are known changed: the
    programmes and general accompaniments it reaches are served elsewhere (an approximate
    perimeter, or its members)."""
    if raw or not isinstance(instance, Territory) or instance.kind not in GROUPINGS:
        return
    if kwargs.get("action", "post_add") not in ("post_add", "post_remove", "post_clear"):
        return
    programmes = ServedArea.objects.filter(territory=instance, approximate=False).values_list(
        "programme_id", flat=True
    )
    structures = StructureServedArea.objects.filter(
        territory=instance, approximate=False
    ).values_list("structure_id", flat=True)
    if programmes or structures:
        refresh_after_commit(programmes=list(programmes), structures=list(structures))


def connect():
    for model in (Structure, Programme):
        post_save.connect(entry_saved, sender=model, dispatch_uid=f"search-{model.__name__}")
    post_save.connect(link_changed, sender=ProgrammeStructure, dispatch_uid="search-link-saved")
    post_delete.connect(link_changed, sender=ProgrammeStructure, dispatch_uid="search-link-deleted")
    relations = [
        Structure.territories,
        Structure.publics,
        Structure.sectors,
        Programme.territories,
        Programme.publics,
        Programme.sectors,
        Programme.formats,
    ]
    for relation in relations:
        m2m_changed.connect(
            entry_links_changed,
            sender=relation.through,
            dispatch_uid=f"search-{relation.through.__name__}",
        )
    post_save.connect(grouping_changed, sender=Territory, dispatch_uid="search-territory")
    m2m_changed.connect(
        grouping_changed, sender=Territory.lies_in.through, dispatch_uid="search-lies-in"
    )
    for vocabulary in (StructureKind, ProgrammeKind, Public, Sector, Format):
        post_save.connect(
            vocabulary_saved, sender=vocabulary, dispatch_uid=f"search-{vocabulary.__name__}"
        )
