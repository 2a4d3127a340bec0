"""History of an import: one django-simple-history record per imported line, holding the
line's links, written in bulk once the whole file is — rather than one record per save and
per list of links, as the library's signals would write them (the resources save with
``skip_history_when_saving``). Only the library's public API: the model's history manager
(``Model.history``, found by ``get_history_manager_for_model``), its
``bulk_history_create``, and the historical records' links (``record.<m2m field>``)."""

from django.conf import settings
from django.utils import timezone
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model, get_m2m_field_name

from bulk.widgets import chunks


def history_of(model):
    """The history manager of ``model`` (``Model.history``), or None when it has no history:
    then imports let the library's signals record as usual."""
    try:
        return get_history_manager_for_model(model)
    except NotHistoricalModelError:
        return None


def recorded_links(model):
    """(many-to-many field, its historical model) for each list of links the history of
    ``model`` records (``HistoricalRecords(m2m_fields=…)``): a historical record lists them
    as ``record.<field>``, a manager of that historical model."""
    history_model = history_of(model).model
    links = []
    for field in model._meta.many_to_many:
        records = getattr(history_model, field.name, None)
        if records is not None:
            links.append((field, records.model))
    return links


def record_history(model, instances):
    """One history record per instance (« + » for the new ones, « ~ » for the others) with
    the links it holds now, as django-simple-history writes on a save — but in a few queries
    for the whole file, where the library's own snapshot of the links takes a dozen per
    record (half of an import's time)."""
    manager = history_of(model)
    if manager is None or not instances or not settings.SIMPLE_HISTORY_ENABLED:
        return
    key = model._meta.pk.attname
    now = timezone.now()
    records = {}
    for update in (False, True):
        group = [instance for instance in instances if instance._import_new != update]
        created = manager.bulk_history_create(
            group, update=update, default_date=now, batch_size=500
        )
        records.update((getattr(r, key), r) for r in created or [] if r.pk is not None)
    # A database that does not return the keys of the rows it bulk inserts: this import's
    # records are the ones dated ``now``.
    missing = [instance.pk for instance in instances if instance.pk not in records]
    for chunk in chunks(missing):
        for record in manager.filter(history_date=now, **{f"{key}__in": chunk}):
            records[getattr(record, key)] = record
    for field, m2m_history in recorded_links(model):
        through = field.remote_field.through
        owner = f"{get_m2m_field_name(field)}_id"
        names = [f.attname for f in through._meta.fields]
        rows = [
            m2m_history(history=records[link[owner]], **link)
            for chunk in chunks(records)
            for link in through.objects.filter(**{f"{owner}__in": chunk}).values(*names)
        ]
        m2m_history.objects.bulk_create(rows, batch_size=500)
