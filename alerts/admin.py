"""Subscriptions in the administration, for moderators only (the permission « Peut voir et
supprimer les abonnements aux alertes », which no group has by default): read-only, the list
masking each address, deletion to honour a request made by other means."""

from django.contrib import admin

from alerts.models import Subscription

PERMISSION = "alerts.moderate_subscription"


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "masked_email", "query", "confirmed_at", "last_week"]
    list_display_links = ["__str__"]
    fields = ["email", "query", "confirmed_at", "covered_until", "last_week"]
    readonly_fields = fields
    # The search matches the full address: a moderator answering « supprimez mon adresse »
    # finds it without the list showing every address.
    search_fields = ["=email"]
    date_hierarchy = None

    @admin.display(description="adresse")
    def masked_email(self, subscription):
        return subscription.masked_email

    def has_module_permission(self, request):
        return request.user.has_perm(PERMISSION)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(PERMISSION)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(PERMISSION)

    def has_add_permission(self, request):
        return False  # only the owner of an address subscribes it, by confirming

    def has_change_permission(self, request, obj=None):
        return False
