"""The moderation queue of the public's suggestions."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Case, Value, When
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from curation import roles
from curation.duplicates import likely_duplicates
from curation.history import FrenchHistoryAdmin
from essmap.templatetags.french import count_label, french_date
from suggestions import services as suggestion_service
from suggestions.models import Suggestion, SuggestionKind, SuggestionStatus


class SuggestionModerationForm(forms.ModelForm):
    """Only the rejection reason is editable; "Refuser" requires it."""

    class Meta:
        model = Suggestion
        fields = ["rejection_reason"]
        widgets = {"rejection_reason": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        deciding = "_accept" in self.data or "_reject" in self.data
        if deciding and not self.instance.is_pending:
            raise forms.ValidationError("Cette suggestion a déjà été traitée.")
        if "_reject" in self.data and not (cleaned.get("rejection_reason") or "").strip():
            self.add_error("rejection_reason", "Indiquez le motif du refus.")
        return cleaned


class RejectSelectedForm(forms.Form):
    rejection_reason = forms.CharField(
        label="Motif du refus",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Indiquez le motif du refus."},
    )


def _admin_change_url(entry):
    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])


@admin.register(Suggestion)
class SuggestionAdmin(FrenchHistoryAdmin):
    """The queue: pending suggestions first. Submitted content is read-only; "Accepter" creates
    a draft entry (a proposal) or opens the entry concerned (an error report); "Refuser" needs a
    reason. A regional editor sees only the suggestions within their scope."""

    form = SuggestionModerationForm
    change_form_template = "admin/suggestions/suggestion/change_form.html"
    # Name and state first: on a phone the table scrolls sideways after them.
    list_display = ["name", "status", "kind", "territory", "received"]
    list_display_links = ["name"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "message"]
    list_select_related = ["territory"]
    actions = ["reject_selected"]
    submitted = [
        "kind",
        "entry_link",
        "name",
        "possible_duplicates",
        "message",
        "website",
        "territory",
    ]
    contact = ["contact_name", "contact_email"]
    review = ["status", "created_at", "reviewed_by", "reviewed_at", "submitter_ip_hash"]
    readonly_fields = [*submitted, *contact, *review]
    fieldsets = [
        ("Ce qui a été envoyé", {"fields": submitted}),
        (
            "Coordonnées de la personne",
            {
                "fields": contact,
                "description": "Facultatives, jamais publiées : seulement pour lui poser une "
                "question.",
            },
        ),
        (
            "Modération",
            {
                "fields": [*review, "rejection_reason"],
                "description": "« Accepter » une proposition crée la fiche en brouillon et "
                "l’ouvre pour la compléter puis la publier ; « Accepter » un signalement ouvre "
                "la fiche concernée pour la corriger (l’historique garde chaque modification). "
                "« Refuser » demande un motif.",
            },
        ),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        scope = roles.scope_of(request.user)
        return queryset if scope is None else queryset.for_scope(scope)

    def get_ordering(self, request):
        pending_first = Case(When(status=SuggestionStatus.PENDING, then=Value(0)), default=Value(1))
        return [pending_first.asc(), "-created_at"]

    def has_add_permission(self, request):
        return False  # suggestions come from the public forms

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.is_pending)

    def revert_disabled(self, request, obj=None):
        return True  # a decision is not undone by restoring an old version

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": "Suggestions du public à modérer", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    @admin.display(description="reçue le", ordering="created_at")
    def received(self, obj):
        return french_date(obj.created_at, "court")

    @admin.display(description="fiches semblables (doublons possibles)")
    def possible_duplicates(self, obj):
        """Shown before a proposal is accepted, so a curator does not create a duplicate."""
        if obj.kind != SuggestionKind.STRUCTURE or not obj.is_pending:
            return "—"
        commune = obj.territory if obj.territory and obj.territory.kind == "commune" else None
        similar = likely_duplicates(obj.name, commune)
        if not similar:
            return "Aucune fiche au nom semblable."
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>{}',
            (
                (_admin_change_url(s), s.name, f" ({s.commune})" if s.commune else "")
                for s in similar
            ),
        )

    @admin.display(description="fiche concernée ou créée")
    def entry_link(self, obj):
        entry = obj.entry
        if entry is None and obj.kind == SuggestionKind.ERROR:
            return "La fiche signalée a été supprimée."
        if entry is None:
            return "Créée en brouillon à l’acceptation" if obj.is_pending else "Aucune"
        return format_html(
            '<a href="{}">{}</a> ({}) — <a href="{}">page publique</a>',
            _admin_change_url(entry),
            entry,
            entry.get_publication_status_display().lower(),
            entry.get_absolute_url(),
        )

    def save_model(self, request, obj, form, change):
        if "_accept" in request.POST:
            obj._next_entry = suggestion_service.accept(obj, request.user)
        elif "_reject" in request.POST:
            reason = form.cleaned_data["rejection_reason"].strip()
            suggestion_service.reject(obj, request.user, reason)
        else:
            super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if "_reject" in request.POST:
            self.message_user(request, f"Suggestion « {obj.name} » refusée.", messages.SUCCESS)
            return redirect("admin:suggestions_suggestion_changelist")
        if "_accept" not in request.POST:
            return super().response_change(request, obj)
        entry = getattr(obj, "_next_entry", None)
        if entry is None:
            self.message_user(
                request, "Signalement accepté ; la fiche concernée n’existe plus.", messages.WARNING
            )
            return redirect("admin:suggestions_suggestion_changelist")
        if obj.kind == SuggestionKind.ERROR:
            text = (
                f"Signalement accepté : corrigez ci-dessous la fiche « {entry} » "
                "(l’historique gardera la modification)."
            )
        else:
            text = (
                f"Suggestion acceptée : la fiche « {entry} » est créée en brouillon. "
                "Complétez-la (type, structures, étapes, territoires…), puis publiez-la."
            )
        self.message_user(request, text, messages.SUCCESS)
        return redirect(_admin_change_url(entry))

    @admin.action(description="Refuser les suggestions sélectionnées…", permissions=["change"])
    def reject_selected(self, request, queryset):
        pending = queryset.filter(status=SuggestionStatus.PENDING)
        form = RejectSelectedForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            count = 0
            for suggestion in pending:
                suggestion_service.reject(
                    suggestion, request.user, form.cleaned_data["rejection_reason"].strip()
                )
                count += 1
            self.message_user(
                request,
                count_label(count, "suggestion refusée", "suggestions refusées", feminine=True)
                + ".",
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/suggestions/suggestion/reject_selected.html",
            {
                **self.admin_site.each_context(request),
                "title": "Refuser les suggestions sélectionnées",
                "opts": self.model._meta,
                "suggestions": pending,
                "selected": queryset.values_list("pk", flat=True),
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )
