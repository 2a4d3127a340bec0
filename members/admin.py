"""The curators' queue of claims (« Demandes de gestion des fiches »): those sent to them, and
those accepted d'office that a curator should look at. Whoever may change structures decides
them, a regional editor only within their scope; the claims sent to a structure's managers are
shown, never decided here."""

from django.contrib import admin, messages
from django.db.models import Case, Value, When

from curation import roles
from essmap.templatetags.french import french_date
from members import claims, notify
from members.accounts import AccountUnavailable
from members.models import Claim, ClaimRoute, ClaimStatus, Membership
from programmes.models import Structure

CURATING = "programmes.change_structure"


def _curates(request):
    user = request.user
    return user.is_active and user.is_staff and user.has_perm(CURATING)


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["name", "structure", "status", "route", "needs_curator_look", "received"]
    list_filter = ["status", "route", "needs_curator_look"]
    search_fields = ["name", "email", "structure__name"]
    list_select_related = ["structure"]
    readonly_fields = [
        "structure",
        "name",
        "email",
        "consented_at",
        "created_at",
        "route",
        "status",
        "needs_curator_look",
        "decided_by",
        "decided_at",
        "reminders_sent",
        "in_digest_on",
    ]
    actions = ["accept_selected", "refuse_selected", "mark_looked"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).for_curators()
        scope = roles.scope_of(request.user)
        return queryset if scope is None else queryset.for_scope(scope)

    def get_ordering(self, request):
        first = Case(
            When(status=ClaimStatus.PENDING, then=Value(0)),
            When(needs_curator_look=True, then=Value(1)),
            default=Value(2),
        )
        return [first.asc(), "-created_at"]

    def has_module_permission(self, request):
        return _curates(request)

    def has_view_permission(self, request, obj=None):
        return _curates(request)

    def has_change_permission(self, request, obj=None):
        return _curates(request)

    def has_add_permission(self, request):
        return False  # claims come from the structures' pages

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": "Demandes de gestion des fiches", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    @admin.display(description="reçue le", ordering="created_at")
    def received(self, obj):
        return french_date(obj.created_at, "court")

    def _decidable(self, request, queryset):
        decidable = queryset.filter(status=ClaimStatus.PENDING, route=ClaimRoute.CURATORS)
        skipped = queryset.count() - decidable.count()
        if skipped:
            self.message_user(
                request,
                f"{skipped} demande(s) laissée(s) : déjà traitée(s), ou décidée(s) par les "
                "gestionnaires de leur structure.",
                messages.WARNING,
            )
        return decidable

    @admin.action(description="Accepter : la personne devient gestionnaire de la fiche")
    def accept_selected(self, request, queryset):
        for claim in self._decidable(request, queryset):
            try:
                user = claims.accept(claim, request.user)
            except claims.ClaimError as error:
                notify.claim_to_managers(claim)
                self.message_user(request, f"{claim} : {error}", messages.WARNING)
            except AccountUnavailable as error:
                self.message_user(request, f"{claim} : {error.message}", messages.ERROR)
            else:
                notify.claim_accepted(claim, user)
                self.message_user(request, f"{claim} : acceptée.", messages.SUCCESS)

    @admin.action(description="Refuser")
    def refuse_selected(self, request, queryset):
        for claim in self._decidable(request, queryset):
            claims.refuse(claim, request.user)
            notify.claim_refused(claim)
            self.message_user(request, f"{claim} : refusée.", messages.SUCCESS)

    @admin.action(description="Marquer comme vue (demande acceptée d’office plausible)")
    def mark_looked(self, request, queryset):
        done = queryset.filter(needs_curator_look=True).update(needs_curator_look=False)
        self.message_user(request, f"{done} demande(s) marquée(s) comme vue(s).", messages.SUCCESS)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Who keeps which page, for curators to read; an account (and with it its memberships)
    is deleted from the accounts' admin."""

    list_display = ["user", "structure", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "structure__name"]
    list_select_related = ["user", "structure"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        scope = roles.scope_of(request.user)
        if scope is None:
            return queryset
        return queryset.filter(structure__in=Structure.objects.in_scope(scope))

    def has_module_permission(self, request):
        return _curates(request)

    def has_view_permission(self, request, obj=None):
        return _curates(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Whoever may delete accounts deletes their memberships with them (the admin asks for
        # the permission of every object a deletion takes).
        return _curates(request) and request.user.has_perm("auth.delete_user")
