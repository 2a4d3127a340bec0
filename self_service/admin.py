"""The curators' queue of changes written by structures' teams: each with its readable diff
(curation/history.py), and in one click « Vu », « Restaurer la version précédente », and for
what waits, « Approuver » or « Refuser » (self_service/services.py)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from curation import roles
from curation.history import readable_changes
from programmes.models import Programme, Structure
from self_service import services
from self_service.models import OPEN_STATUSES, ChangeReview, ReviewStatus
from territories.models import Territory

DECISIONS = {
    "vu": (services.mark_seen, "Modification marquée vue."),
    "restaurer": (services.restore_previous, "Version précédente restaurée."),
    "approuver": (services.approve, "Modification approuvée et publiée."),
    "refuser": (services.refuse, "Modification refusée : ce qui attendait n’est pas publié."),
}


# How many fields of a diff the queue shows; the change's own page shows them all.
SUMMARY_FIELDS = 4
SHORT = 60


def _short(value):
    text = str(value)
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def changes_of(review):
    entry = review.entry
    return readable_changes(type(entry), review.before, review.after)


@admin.register(ChangeReview)
class ChangeReviewAdmin(admin.ModelAdmin):
    # What to decide first, then who and when: the changelist scrolls sideways in the admin's
    # narrow content column, and the diff and its buttons must be seen without scrolling.
    list_display = ["entry_link", "diff_summary", "decide", "status", "author", "created_at"]
    list_filter = ["status"]
    list_select_related = ["structure", "programme", "author"]
    search_fields = ["structure__name", "programme__name", "author__email"]
    fields = ["entry_link", "author", "created_at", "status", "waiting", "diff", "decide"]
    readonly_fields = fields
    actions = None

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        scope = roles.scope_of(request.user)
        if scope is None:
            return queryset
        return queryset.filter(
            Q(structure__in=Structure.objects.in_scope(scope))
            | Q(programme__in=Programme.objects.in_scope(scope))
        )

    def changelist_view(self, request, extra_context=None):
        # Django's « Sélectionnez l’objet … à changer » says nothing of what to do here.
        extra_context = {
            "title": "Modifications par les structures, à relire",
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        decide = self.admin_site.admin_view(require_POST(self.decide_view))
        return [
            path("<int:object_id>/decider/", decide, name="self_service_changereview_decide"),
            *super().get_urls(),
        ]

    def decide_view(self, request, object_id):
        # Named as the admin's own routes name an object: the hostile-input fuzz probes it so.
        review = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, review):
            raise PermissionDenied
        decision = DECISIONS.get(request.POST.get("decision", ""))
        if decision is None or review.status not in OPEN_STATUSES:
            self.message_user(request, "Cette modification a déjà été traitée.", messages.WARNING)
        else:
            act, said = decision
            done = act(review, request.user)
            if done == services.UNPUBLISHED:
                self.message_user(
                    request,
                    "Nouveau dispositif retiré du site : sans version précédente, il redevient "
                    "un brouillon (publiez-le de nouveau depuis sa fiche dans l’administration).",
                    messages.SUCCESS,
                )
            elif done is False:
                self.message_user(
                    request,
                    "Pas de version précédente (un nouveau dispositif) : refusez-le plutôt.",
                    messages.WARNING,
                )
            else:
                self.message_user(request, said, messages.SUCCESS)
        return redirect("admin:self_service_changereview_changelist")

    @admin.display(description="fiche")
    def entry_link(self, review):
        entry = review.entry
        model = type(entry)._meta
        url = reverse(f"admin:{model.app_label}_{model.model_name}_change", args=[entry.pk])
        return format_html('{} <a href="{}">{}</a>', model.verbose_name, url, entry.name)

    @admin.display(description="en attente")
    def waiting(self, review):
        withheld = review.withheld or {}
        parts = []
        if withheld.get("publish"):
            parts.append("nouveau dispositif, non publié (région ou France entière)")
        if withheld.get("name"):
            parts.append(f"nouveau nom : « {withheld['name']} »")
        if withheld.get("territories"):
            names = Territory.objects.filter(pk__in=withheld["territories"])
            parts.append("territoires : " + ", ".join(t.label for t in names))
        return " ; ".join(parts) or "—"

    @admin.display(description="modifications")
    def diff(self, review):
        return render_to_string("admin/self_service/_diff.html", {"changes": changes_of(review)})

    @admin.display(description="ce qui change")
    def diff_summary(self, review):
        """The diff in short: « champ : avant → après » for a few fields; for a new entry
        (every field is new), only how many."""
        changes = changes_of(review)
        if review.before_version is None:
            if (review.withheld or {}).get("publish"):
                return self.waiting(review)
            return f"nouveau dispositif, publié ({len(changes)} champs renseignés)"
        if not changes:
            return self.waiting(review)
        shown = format_html_join(
            "",
            "<li>{} : {} → {}</li>",
            (
                (change["field"], _short(change["old"]), _short(change["new"]))
                for change in changes[:SUMMARY_FIELDS]
            ),
        )
        more = len(changes) - SUMMARY_FIELDS
        rest = format_html("<li>et {} autres</li>", more) if more > 0 else ""
        return format_html('<ul class="review-diff">{}{}</ul>', shown, rest)

    @admin.display(description="décision")
    def decide(self, review):
        if review.status not in OPEN_STATUSES:
            return review.get_status_display()
        url = reverse("admin:self_service_changereview_decide", args=[review.pk])
        choices = (
            [("approuver", "Approuver"), ("refuser", "Refuser")]
            if review.status == ReviewStatus.WAITING
            else []
        )
        if review.before_version is not None and review.before_version != review.after_version:
            choices.append(("restaurer", "Restaurer la version précédente"))
        elif review.before_version is None and review.status == ReviewStatus.TO_SEE:
            # A new programme published at once: its « previous version » is offline.
            choices.append(("restaurer", "Restaurer la version précédente (retirer du site)"))
        if review.status == ReviewStatus.TO_SEE:
            choices.insert(0, ("vu", "Vu"))
        return render_to_string(
            "admin/self_service/_decide.html",
            {"url": url, "choices": choices, "review": review},
        )
