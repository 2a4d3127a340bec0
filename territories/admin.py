import csv
import io

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from essmap.cells import csv_text
from essmap.http import url_integer
from essmap.templatetags.french import count_label
from territories.models import MembershipChange, Territory, TerritoryKind
from territories.services.members import (
    MembersError,
    current_members,
    import_members,
    undo_membership_change,
)
from territories.services.reference import GROUPING_KINDS

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # a PNR has a few hundred communes: a few kilobytes

UNKNOWN_MEMBERSHIP = (
    "La liste des communes membres de ce regroupement est inconnue. "
    "Ne l’inventez pas : importez-la depuis une source officielle (charte du parc, "
    "syndicat mixte du Pays ou du PETR…) sous la forme d’un fichier CSV de codes INSEE."
)


class DepartementFilter(admin.SimpleListFilter):
    """Territories inside a given département (the curator's usual way in)."""

    title = "département"
    parameter_name = "departement"

    def lookups(self, request, model_admin):
        return [
            (t.pk, str(t))
            for t in Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT).order_by("code")
        ]

    def queryset(self, request, queryset):
        pk = url_integer(self.value(), max_digits=18)
        if pk is not None:
            return queryset.filter(containers__pk=pk)
        return queryset


class MembershipFilter(admin.SimpleListFilter):
    title = "liste des communes membres"
    parameter_name = "membres"

    def lookups(self, request, model_admin):
        return [("connue", "connue"), ("inconnue", "inconnue")]

    def queryset(self, request, queryset):
        if self.value() == "connue":
            return queryset.filter(membership_complete=True)
        if self.value() == "inconnue":
            return queryset.filter(membership_complete=False)
        return queryset


class MembersUploadForm(forms.Form):
    fichier = forms.FileField(
        label="Fichier CSV des codes INSEE",
        help_text="Un code INSEE de commune par ligne dans la première colonne (en-tête "
        "« code » facultatif ; séparateur virgule ou point-virgule ; les autres colonnes sont "
        "ignorées). Les anciens codes de communes fusionnées sont acceptés.",
    )
    remplacer = forms.BooleanField(
        label="Remplacer la liste",
        required=False,
        help_text="Cochée : le fichier est la liste complète, les communes membres absentes du "
        "fichier sont retirées. Décochée : les communes du fichier sont ajoutées, aucune "
        "n’est retirée.",
    )

    def clean_fichier(self):
        upload = self.cleaned_data["fichier"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Fichier trop gros (2 Mo au plus).")
        return upload


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "key",
        "population",
        "rural",
        "is_current",
        "membership_complete",
    ]
    list_filter = ["kind", "rural", "is_current", MembershipFilter, DepartementFilter]
    search_fields = ["name", "code", "key"]
    ordering = ["kind", "name"]
    readonly_fields = ["key", "slug", "membership_status", "density", "rural_set_by_curator"]
    autocomplete_fields = ["containers"]
    fieldsets = [
        (None, {"fields": ["kind", "code", "key", "name", "slug", "is_current"]}),
        ("Population et superficie", {"fields": ["population", "area_km2", "postcodes"]}),
        (
            "Ruralité",
            {
                "fields": ["density", "rural", "rural_set_by_curator"],
                "description": "Calculée d’après la densité (moins de 200 habitants/km² : "
                "rurale). Si vous corrigez cette valeur, elle ne sera plus recalculée lors "
                "des rechargements du référentiel.",
            },
        ),
        ("Centre", {"fields": ["latitude", "longitude"]}),
        ("Appartenance", {"fields": ["containers"]}),
        ("Communes membres", {"fields": ["membership_status", "membership_complete"]}),
    ]
    show_full_result_count = False

    @admin.display(description="densité (hab./km²)")
    def density(self, obj):
        if obj and obj.population is not None and obj.area_km2:
            return f"{obj.population / obj.area_km2:.0f}"
        return "inconnue"

    @admin.display(description="communes membres")
    def membership_status(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        if obj.kind == TerritoryKind.COMMUNE:
            return "— (une commune n’a pas de communes membres)"
        count = current_members(obj).count()
        text = count_label(count, "commune membre", "communes membres", feminine=True)
        if obj.kind not in GROUPING_KINDS:
            return f"{text} (d’après le référentiel national)."
        link = reverse("admin:territories_territory_members", args=[obj.pk])
        if not obj.membership_complete:
            return format_html(
                '<strong>{}</strong> {}.<br><span style="color: var(--error-fg, #ba2121)">'
                '⚠ {}</span><br><a href="{}">Importer la liste des communes membres (CSV)</a>',
                text,
                "enregistrée(s) pour l’instant",
                UNKNOWN_MEMBERSHIP,
                link,
            )
        return format_html(
            '<strong>{}</strong>. <a href="{}">Importer ou remplacer la liste (CSV)</a>', text, link
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/membres/",
                view(self.members_view),
                name="territories_territory_members",
            ),
            path(
                "<path:object_id>/membres/export/",
                view(self.members_export_view),
                name="territories_territory_members_export",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            if obj is not None and obj.kind in GROUPING_KINDS and not obj.membership_complete:
                messages.warning(request, UNKNOWN_MEMBERSHIP)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # A grouping created by hand has no member yet: its list is unknown until imported.
        if not change and obj.kind in GROUPING_KINDS:
            obj.membership_complete = False
        # A curator's rurality outlives reloads of the national reference.
        if "rural" in form.changed_data:
            obj.rural_set_by_curator = True
        super().save_model(request, obj, form, change)

    def _grouping(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None or obj.kind not in GROUPING_KINDS:
            raise Http404("Aucun PNR, Pays ou regroupement ne porte ce numéro.")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def members_view(self, request, object_id):
        grouping = self._grouping(request, object_id)
        form = MembersUploadForm()
        problems, report, content, file_name = [], None, "", ""
        step = request.POST.get("etape")
        if request.method == "POST" and step == "verifier":
            form = MembersUploadForm(request.POST, request.FILES)
            if form.is_valid():
                content = _decode(form.cleaned_data["fichier"], problems)
                file_name = form.cleaned_data["fichier"].name[:150]
                if content is not None:
                    try:
                        report = import_members(
                            grouping,
                            io.StringIO(content),
                            replace=form.cleaned_data["remplacer"],
                            dry_run=True,
                        )
                    except MembersError as error:
                        problems = error.problems
        elif request.method == "POST" and step == "confirmer":
            content = request.POST.get("contenu", "")
            try:
                report = import_members(
                    grouping,
                    io.StringIO(content),
                    replace=bool(request.POST.get("remplacer")),
                    user=request.user,
                    source=f"Fichier « {request.POST.get('nom_fichier', '')[:150]} »",
                )
            except MembersError as error:
                problems, report = error.problems, None
            else:
                for line in report.lines():
                    self.message_user(request, line, messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse("admin:territories_territory_change", args=[grouping.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": grouping,
            "title": f"Communes membres : {grouping.name}",
            "form": form,
            "problems": problems,
            "report": report,
            "content": content,
            "file_name": file_name,
            "member_count": current_members(grouping).count(),
            "unknown_text": UNKNOWN_MEMBERSHIP,
        }
        return TemplateResponse(request, "admin/territories/members.html", context)

    def members_export_view(self, request, object_id):
        grouping = self._grouping(request, object_id)
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["code", "nom"])
        for commune in current_members(grouping).order_by("code"):
            writer.writerow([csv_text(commune.code), csv_text(commune.name)])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{grouping.key}-membres.csv"'
        return response


def _decode(upload, problems):
    data = upload.read()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    problems.append("Le fichier n’est pas un texte lisible : enregistrez-le en CSV UTF-8.")
    return None


@admin.register(MembershipChange)
class MembershipChangeAdmin(admin.ModelAdmin):
    """Who changed which grouping's communes, and when; a change can be undone."""

    list_display = [
        "grouping",
        "changed_at",
        "changed_by",
        "added_count",
        "removed_count",
        "undone",
    ]
    list_filter = ["grouping__kind"]
    search_fields = ["grouping__name", "added", "removed"]
    list_select_related = ["grouping", "changed_by"]
    readonly_fields = [
        "grouping",
        "changed_at",
        "changed_by",
        "source",
        "added",
        "removed",
        "undone_by",
    ]
    actions = ["undo"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="ajoutées")
    def added_count(self, obj):
        return len(obj.added_codes)

    @admin.display(description="retirées")
    def removed_count(self, obj):
        return len(obj.removed_codes)

    @admin.display(description="annulé", boolean=True)
    def undone(self, obj):
        return bool(obj.undone_by_id)

    @admin.action(
        description="Annuler ces changements (rétablir les communes d’avant)",
        permissions=["change"],
    )
    def undo(self, request, queryset):
        for change in queryset.select_related("grouping"):
            try:
                undo = undo_membership_change(change, user=request.user)
            except MembersError as error:
                self.message_user(request, f"{change} : {error.problems[0]}", messages.WARNING)
            else:
                self.message_user(
                    request,
                    f"{change.grouping} : {len(undo.added_codes)} communes rétablies, "
                    f"{len(undo.removed_codes)} retirées.",
                    messages.SUCCESS,
                )
