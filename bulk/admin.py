"""The admin's « Importer » / « Exporter » buttons, mixed into the entry admins of
``curation/admin.py``."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from import_export.admin import ImportExportMixin

from bulk.files import CSV, XLSX, FileError, summary
from bulk.results import problems_of


class DirectoryImportExportMixin(ImportExportMixin):
    """« Importer » / « Exporter » on an entry list: CSV and XLSX; the import page shows the
    dry run (new, updated, unchanged lines) or every bad line with its reason, and offers to
    confirm only when every line is valid. Importing needs the add and change permissions and
    whatever ``may_bulk_import`` adds (curation limits it to accounts without a regional scope,
    which is not checked line by line)."""

    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]

    def has_import_permission(self, request):
        return (
            self.has_add_permission(request)
            and self.has_change_permission(request)
            and self.may_bulk_import(request)
        )

    def may_bulk_import(self, request):
        return True

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def add_data_read_fail_error_to_form(self, form, e):
        """A file past the import's limits (or otherwise refused by our formats) says why in
        French; import-export's own message names the exception, in English words."""
        if isinstance(e, FileError):
            form.add_error("import_file", f"Fichier refusé, rien n’a été écrit : {e}.")
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def process_result(self, result, request):
        if result.accepted:
            return super().process_result(result, request)
        problems = problems_of(result)
        shown = " ; ".join(problems[:20]) + (" ; …" if len(problems) > 20 else "")
        messages.error(request, f"Import refusé, rien n’a été écrit : {shown}.")
        opts = self.model._meta
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    def add_success_message(self, result, request):
        messages.success(
            request, f"Import terminé ({self.model._meta.verbose_name_plural}) : {summary(result)}."
        )
