"""History pages in French: every version of an entry with what changed, and restore
(django-simple-history's pages with our labels)."""

import dataclasses

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper


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
