"""The one way to write an entry (structure, programme, person, source document) and its links.

Every path that writes the directory calls these functions: the JSON content loader
(``content/loader.py``), the bulk import (``bulk/``), the data·inclusion import
(``opendata/importer.py``), suggestions accepted (``suggestions/services.py``) and the
curators' admin (``curation/admin.py``). A new write path (structures editing their own page,
referrals…) calls them too, never ``Model.save``, ``objects.create`` or a related manager
directly: see ``docs/writes.md``.

* :func:`save` saves an entry prepared by its caller (a form, an import line) with its
  history reason; :func:`upsert` finds an entry by a lookup, creates it or sets the fields
  that differ, validated with ``full_clean``, and says ``created``, ``updated`` or
  ``unchanged``.
* The link rules, each written once: :func:`set_links` (a list of links is exactly these
  entries), :func:`add_links` (these are among them), :func:`set_role_structures` (a
  programme's structures with one role are exactly these), :func:`set_person_programmes`
  (a person's programmes are exactly these, each with its relation), :func:`sync_citations`
  (an entry cites exactly — or at least — these sections of documents). Each returns whether
  it wrote anything, and writes nothing when the database already says so.
* :class:`HistoryBatch` (``with history_batch() as batch``): one django-simple-history record
  per entry written, holding its links as they are at the end, written in a few queries —
  instead of one record per save and per list of links, as the library's signals write them.

Side effects
------------
Nothing here calls them: they follow from the ordinary saves, deletes and ``m2m_changed``
signals these functions send.

* **Search documents** (``search/indexing.py``): the documents of the entries written — and,
  for a structure, of its programmes — are rebuilt once, **after the transaction commits**
  (never when it rolls back).
* **Content version** (``essmap/cache.py``): bumped once per transaction, **after commit**, so
  that no cached public page is older than the write.
* **History**: at the save (signals), or at the end of a :class:`HistoryBatch`; the links of a
  programme with its structures (``ProgrammeStructure``) have their own history, with the same
  reason. Nothing is recorded in a transaction that rolls back.
* ``Entry.save`` sets ``first_published_on`` the first time an entry is saved as published,
  and a slug from its name when it has none.

Provenance
----------
:func:`declare` records the fields a structure's own team wrote (« Ma structure »,
``self_service/``) in ``declared_fields``, with the day. Any other write of such a field — the
curators' admin, an import, a restored version — drops its mark (:func:`save`,
:func:`set_links`): the fact is then the curator's or the source's, no longer the structure's
word alone.
"""

from contextlib import contextmanager

from django.conf import settings
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model, get_m2m_field_name

from essmap.cache import bump_content_version
from programmes.models import PersonProgramme, ProgrammeStructure, SourceDocument, StructureRole

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
# django-simple-history's ``history_change_reason`` column.
REASON_LENGTH = 100
CHUNK = 500


def _chunks(values, size=CHUNK):
    """Lists of at most ``size`` values: SQLite limits the parameters of one query."""
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _pk(obj):
    return getattr(obj, "pk", obj)


def _forget_prefetched(entry, name):
    """The links just written are not those a prefetch loaded."""
    getattr(entry, "_prefetched_objects_cache", {}).pop(name, None)


# -- entries ---------------------------------------------------------------------------


def save(entry, reason, *, batch=None, update_fields=None, force_insert=False):
    """Save ``entry`` as its caller prepared it (a form, an import line), with the history
    ``reason`` (its record now, or at the end of ``batch``). Returns ``created`` or
    ``updated``. Any model with a history may be saved so (a link, a suggestion). A field the
    structure had declared and that this write changes loses its mark (unless it is the
    structure's own write, :func:`declare`)."""
    created = entry._state.adding
    entry._change_reason = reason[:REASON_LENGTH]
    if _forget_overwritten_marks(entry) and update_fields is not None:
        update_fields = {*update_fields, "declared_fields"}
    if batch is not None:
        batch.hold(entry)
    kwargs = {"force_insert": True} if force_insert else {}
    if update_fields is not None:
        kwargs["update_fields"] = update_fields
    entry.save(**kwargs)
    if batch is not None:
        batch.written(entry, reason, created=created)
    return CREATED if created else UPDATED


# -- provenance ------------------------------------------------------------------------


def declare(entry, fields, on=None):
    """The structure's own team writes ``fields`` of ``entry`` (field names, links included)
    on ``on`` (today by default): each is marked « déclaré par la structure le … » in
    ``declared_fields``. Call it before :func:`save` and :func:`set_links` of that same write;
    the marks of the fields it does not name stay as they are."""
    day = (on or timezone.localdate()).isoformat()
    entry.declared_fields = {**(entry.declared_fields or {}), **dict.fromkeys(fields, day)}
    entry._declaring = True


def declaring(entry):
    """Whether the current write of ``entry`` is its structure's own (:func:`declare`)."""
    return getattr(entry, "_declaring", False)


def _forget_overwritten_marks(entry):
    """Drop the marks of the declared (non-link) fields whose stored value this write changes;
    whether any was dropped. Nothing to read for an entry without marks."""
    marks = getattr(entry, "declared_fields", None)
    if not marks or declaring(entry) or entry._state.adding or entry.pk is None:
        return False
    concrete = {f.name: f.attname for f in entry._meta.concrete_fields}
    names = [name for name in marks if name in concrete]
    if not names:
        return False
    stored = type(entry).objects.filter(pk=entry.pk).values(*(concrete[n] for n in names)).first()
    if stored is None:
        return False
    changed = [n for n in names if stored[concrete[n]] != getattr(entry, concrete[n])]
    if not changed:
        return False
    entry.declared_fields = {k: v for k, v in marks.items() if k not in changed}
    return True


def _forget_link_mark(entry, name):
    """A list of links the structure had declared, written by someone else: its mark goes,
    stored at once (no history record: the links' own change has one)."""
    marks = getattr(entry, "declared_fields", None)
    if not marks or name not in marks or declaring(entry):
        return
    entry.declared_fields = {k: v for k, v in marks.items() if k != name}
    type(entry).objects.filter(pk=entry.pk).update(declared_fields=entry.declared_fields)
    bump_content_version()


def delete(record, reason):
    """Delete ``record`` (an entry, or a link with its own history) with the history
    ``reason``."""
    record._change_reason = reason[:REASON_LENGTH]
    record.delete()


def reason_of(record):
    """The history reason ``record`` was last saved with here (empty if none)."""
    return getattr(record, "_change_reason", None) or ""


def upsert(model, lookup, values, reason, *, update=True, batch=None):
    """The entry of ``model`` found by ``lookup`` (a dict of fields), created with ``values``
    or — with ``update`` — its fields that differ set to them; validated by ``full_clean``
    (``ValidationError`` otherwise, nothing written). Returns (entry, ``created`` |
    ``updated`` | ``unchanged``): an entry identical to ``values`` is not saved, and so gets
    no history record; with ``update=False`` an existing entry is left as it is."""
    entry = model.objects.filter(**lookup).first()
    if entry is None:
        entry = model(**lookup, **values)
        entry.full_clean(validate_unique=False)
        return entry, save(entry, reason, batch=batch)
    if not update:
        return entry, UNCHANGED
    changed = [name for name, value in values.items() if getattr(entry, name) != value]
    if not changed:
        return entry, UNCHANGED
    for name in changed:
        setattr(entry, name, values[name])
    entry.full_clean(validate_unique=False)
    return entry, save(entry, reason, batch=batch)


# -- links -----------------------------------------------------------------------------


def set_links(entry, name, objects, *, new=False):
    """The many-to-many list ``name`` of ``entry`` is exactly ``objects`` (instances or
    keys); ``new``: the entry was just created and has none yet (no query to find them)."""
    manager = getattr(entry, name)
    wanted = {_pk(obj) for obj in objects}
    current = set() if new else set(manager.values_list("pk", flat=True))
    removed, added = current - wanted, wanted - current
    if removed:
        manager.remove(*removed)
    if added:
        manager.add(*added)
    _forget_prefetched(entry, name)
    if removed or added:
        _forget_link_mark(entry, name)
    return bool(removed or added)


def add_links(entry, name, objects):
    """``objects`` are among the many-to-many list ``name`` of ``entry``; the others stay.
    Nothing written (not even an empty history record) when they already are."""
    manager = getattr(entry, name)
    missing = {_pk(obj) for obj in objects} - set(manager.values_list("pk", flat=True))
    if missing:
        manager.add(*missing)
        _forget_prefetched(entry, name)
        _forget_link_mark(entry, name)
    return bool(missing)


def set_role_structures(programme, role, structures, reason="", *, new=False):
    """The structures of ``programme`` with ``role`` (operators, partners, funders) are
    exactly ``structures`` (instances or keys), in that order for the new ones; its links with
    other roles stay. The links' own history records ``reason``. ``new``: the programme was
    just created. Reads ``programme.structure_links.all()``, prefetched or not."""
    links = [] if new else [link for link in programme.structure_links.all() if link.role == role]
    wanted = [_pk(s) for s in structures]
    changed = False
    for link in links:
        if link.structure_id not in wanted:
            link._change_reason = reason[:REASON_LENGTH]
            link.delete()
            changed = True
    present = {link.structure_id for link in links}
    for pk in dict.fromkeys(wanted):
        if pk not in present:
            link = ProgrammeStructure(programme=programme, structure_id=pk, role=role)
            link._change_reason = reason[:REASON_LENGTH]
            link.save()
            changed = True
    _forget_prefetched(programme, "structure_links")
    return changed


def set_all_role_structures(programme, links, reason="", *, new=False):
    """Every structure of ``programme``: ``links`` is [(structure, role)]; a role absent from
    it has no structure left."""
    changed = False
    for role in StructureRole.values:
        wanted = [structure for structure, of in links if of == role]
        changed |= set_role_structures(programme, role, wanted, reason, new=new)
    return changed


def set_person_programmes(person, relations, *, new=False):
    """The programmes of ``person`` are exactly the keys of ``relations`` (programme
    instances or keys → ``PersonRelation`` value): links added, removed, or their relation
    changed. Reads ``person.programme_links.all()``, prefetched or not."""
    wanted = {_pk(programme): relation for programme, relation in relations.items()}
    existing = [] if new else list(person.programme_links.all())
    changed = False
    for link in existing:
        if link.programme_id not in wanted:
            link.delete()
            changed = True
        elif link.relation != wanted[link.programme_id]:
            link.relation = wanted[link.programme_id]
            link.save(update_fields=["relation"])
            changed = True
    present = {link.programme_id for link in existing}
    for pk, relation in wanted.items():
        if pk not in present:
            PersonProgramme.objects.create(person=person, programme_id=pk, relation=relation)
            changed = True
    _forget_prefetched(person, "programme_links")
    return changed


def sync_citations(entry, sources, *, remove=True):
    """``entry`` (a structure or a programme) cites exactly ``sources``: [(document, section)]
    or [(document, section, fields)] where a document is a ``SourceDocument`` or its
    ``file_name`` and ``fields`` the citation's other values (a structure's ``gives_phone``,
    ``gives_email``), set on an existing citation too. With ``remove=False`` its other
    citations stay (the sources are added)."""
    citations = entry.citations
    wanted = {}
    names = {source[0] for source in sources if isinstance(source[0], str)}
    documents = {d.file_name: d for d in SourceDocument.objects.filter(file_name__in=names)}
    for doc, section, *more in sources:
        document = documents[doc] if isinstance(doc, str) else doc
        fields = more[0] if more else {}
        found = wanted.setdefault((document.file_name, section or ""), (document, {}))
        found[1].update({name: value for name, value in fields.items() if value})
    existing = {(c.document.file_name, c.section): c for c in citations.select_related("document")}
    changed = False
    for key, (document, fields) in wanted.items():
        citation = existing.get(key)
        if citation is None:
            citations.model.objects.create(
                **{citations.field.name: entry}, document=document, section=key[1], **fields
            )
            changed = True
            continue
        stale = {
            name: fields.get(name, False)
            for name in GIVES_FIELDS
            if hasattr(citation, name) and getattr(citation, name) != fields.get(name, False)
        }
        if stale:
            for name, value in stale.items():
                setattr(citation, name, value)
            citation.save(update_fields=list(stale))
            changed = True
    if remove:
        for key, citation in existing.items():
            if key not in wanted:
                citation.delete()
                changed = True
    return changed


# The contact facts a structure's citation may say it gives (``StructureSource``).
GIVES_FIELDS = ("gives_phone", "gives_email")


# -- history ---------------------------------------------------------------------------


def history_of(model):
    """The history manager of ``model`` (``Model.history``), or None when it has none."""
    try:
        return get_history_manager_for_model(model)
    except NotHistoricalModelError:
        return None


def recorded_links(model):
    """(many-to-many field, its historical model) for each list of links the history of
    ``model`` records (``HistoricalRecords(m2m_fields=…)``)."""
    history_model = history_of(model).model
    links = []
    for field in model._meta.many_to_many:
        records = getattr(history_model, field.name, None)
        if records is not None:
            links.append((field, records.model))
    return links


class HistoryBatch:
    """Entries written now, each recorded once at the end with its links.

    :meth:`hold` an entry before writing it or its links (the library's signals then record
    nothing for it); :meth:`written` says it changed (:func:`save` does both);
    :meth:`record` writes one record per entry written (« + » for the new ones, « ~ » for the
    others), with the reason given and the links it holds then."""

    def __init__(self):
        self.held = {}  # id(entry) → entry
        self.changed = {}  # id(entry) → (entry, created)

    @staticmethod
    def _enabled(entry):
        return settings.SIMPLE_HISTORY_ENABLED and history_of(type(entry))

    def hold(self, entry):
        if self._enabled(entry):
            entry.skip_history_when_saving = True
            self.held[id(entry)] = entry

    def written(self, entry, reason, created=False):
        self.hold(entry)
        entry._change_reason = reason[:REASON_LENGTH]
        previous = self.changed.get(id(entry))
        self.changed[id(entry)] = (entry, created or bool(previous and previous[1]))

    def release(self):
        """Let the signals record again (after a failure: nothing to record)."""
        for entry in self.held.values():
            entry.__dict__.pop("skip_history_when_saving", None)
        self.held = {}

    def record(self):
        self.release()
        by_model = {}
        for entry, created in self.changed.values():
            by_model.setdefault(type(entry), {})[entry.pk] = (entry, created)
        self.changed = {}
        for model, entries in by_model.items():
            record_history(model, entries.values())


@contextmanager
def history_batch():
    """A :class:`HistoryBatch` recorded when the block ends without an exception."""
    batch = HistoryBatch()
    try:
        yield batch
    except BaseException:
        batch.release()
        raise
    batch.record()


def record_history(model, entries):
    """One history record per (entry, created) with the links it holds now, as
    django-simple-history writes on a save — but in a few queries for all of them, where the
    library's own snapshot of the links takes a dozen per record. Only the library's public
    API: ``bulk_history_create`` and the historical records' links (``record.<field>``)."""
    manager = history_of(model)
    entries = list(entries)
    if manager is None or not entries or not settings.SIMPLE_HISTORY_ENABLED:
        return
    key = model._meta.pk.attname
    now = timezone.now()
    records = {}
    for update in (False, True):
        group = [entry for entry, created in entries if created != update]
        made = manager.bulk_history_create(group, update=update, default_date=now, batch_size=CHUNK)
        records.update((getattr(r, key), r) for r in made or [] if r.pk is not None)
    # A database that does not return the keys of the rows it bulk inserts: these records are
    # the ones dated ``now``.
    missing = [entry.pk for entry, _ in entries if entry.pk not in records]
    for chunk in _chunks(missing):
        for record in manager.filter(history_date=now, **{f"{key}__in": chunk}):
            records[getattr(record, key)] = record
    for field, m2m_history in recorded_links(model):
        through = field.remote_field.through
        owner = f"{get_m2m_field_name(field)}_id"
        names = [f.attname for f in through._meta.fields]
        rows = [
            m2m_history(history=records[link[owner]], **link)
            for chunk in _chunks(records)
            for link in through.objects.filter(**{f"{owner}__in": chunk}).values(*names)
        ]
        m2m_history.objects.bulk_create(rows, batch_size=CHUNK)
