"""History pages in French: every version of an entry with what changed, and restore
(django-simple-history's pages with our labels)."""

import dataclasses

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from programmes import writes

# The reason of every change a structure's team makes (its page, its members), with the role:
# when the person's account is deleted, simple-history's history_user becomes NULL, and the
# history still says who it was (« ancien gestionnaire ») without naming them.
TEAM_REASON_PREFIX = "Par l’équipe de la structure"
FORMER_MEMBER = {"manager": "ancien gestionnaire", "editor": "ancien éditeur"}


def team_reason(role, what=""):
    """The history reason of a change by a structure's member of ``role`` ("manager" or
    "editor"), e.g. « Par l’équipe de la structure (manager) : fiche modifiée ». History
    reasons hold 100 characters."""
    reason = f"{TEAM_REASON_PREFIX} ({role})"
    return (f"{reason} : {what}" if what else reason)[:100]


def author(record):
    """Who made a historical record, in words: the account; for a deleted account, « ancien
    gestionnaire » (or « ancien éditeur ») when the reason says a structure's team made it;
    else a dash."""
    if record.history_user_id is not None:
        return str(record.history_user)
    reason = record.history_change_reason or ""
    if reason.startswith(TEAM_REASON_PREFIX):
        role = reason[len(TEAM_REASON_PREFIX) :].strip().removeprefix("(").partition(")")[0]
        return FORMER_MEMBER.get(role, FORMER_MEMBER["manager"])
    return "—"


class FrenchDeltaHelper(HistoricalRecordContextHelper):
    """The library's readable changes, with the field's own (lower-case) label and a dash for
    an empty value."""

    def format_delta_change(self, change):
        formatted = super().format_delta_change(change)
        return dataclasses.replace(
            formatted,
            field=self.model._meta.get_field(change.field).verbose_name,
            old=formatted.old if change.old not in (None, "", []) else "—",
            new=formatted.new if change.new not in (None, "", []) else "—",
        )


class FrenchHistoryAdmin(SimpleHistoryAdmin):
    """History pages in French, each version with what changed (see admin/history_list.html)."""

    object_history_list_template = "admin/history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return FrenchDeltaHelper(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A version's page. The library looks both ids up as typed: a word where a number is
        expected raised ValueError, a 500 where the address names no version (a 404)."""
        keys = (
            (self.model._meta.pk, object_id),
            (self.model.history.model._meta.pk, version_id),
        )
        for field, raw in keys:
            try:
                field.to_python(unquote(raw))
            except ValidationError:
                raise Http404("Aucune version à cette adresse.") from None
        return super().history_form_view(request, object_id, version_id, extra_context)


def readable_changes(model, before, after):
    """[{"field", "old", "new"}] between two history records of ``model`` — what the history
    page shows for a version, the field's own label and a dash for an empty value; every
    field of ``after`` as new when there is no ``before`` (a new entry)."""
    if after is None:
        return []
    helper = FrenchDeltaHelper(model, after)
    if before is None:
        fields = [f.name for f in model._meta.concrete_fields if hasattr(after, f.attname)]
        blank = (None, "", [])
        return [
            {"field": model._meta.get_field(name).verbose_name, "old": "—", "new": value}
            for name in fields
            if name not in HIDDEN_FIELDS and (value := getattr(after, name)) not in blank
        ]
    delta = after.diff_against(before, excluded_fields=HIDDEN_FIELDS)
    return helper.context_for_delta_changes(delta)


# Bookkeeping a reader of a diff does not need.
HIDDEN_FIELDS = ["id", "created_at", "declared_fields", "confirmed_by_structure_on"]


def restore(record, reason, user=None):
    """Put the entry back as history ``record`` holds it — its fields and the lists of links
    its history records — through the one write path, as the history page's « Restaurer »
    does, with ``reason`` and ``user`` in the new version."""
    model = record.instance_type
    entry = record.instance
    entry._state.adding = False
    if user is not None:
        entry._history_user = user
    links = {
        field.name: [
            getattr(row, field.m2m_reverse_field_name() + "_id")
            for row in getattr(record, field.name).all()
        ]
        for field, _ in writes.recorded_links(model)
    }
    with writes.history_batch() as batch:
        writes.save(entry, reason, batch=batch)
        for name, keys in links.items():
            if writes.set_links(entry, name, keys):
                batch.written(entry, reason)
    return entry
