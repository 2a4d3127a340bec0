from django.contrib import admin

from update_requests.models import UpdateRequest


@admin.register(UpdateRequest)
class UpdateRequestAdmin(admin.ModelAdmin):
    """What curators follow of a campaign: who was asked, who answered, what failed. Read
    only: the command writes these rows."""

    list_display = ["structure", "masked_email", "sent_at", "reminded_at", "answer", "failure"]
    list_filter = ["answer", ("failed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["structure"]
    search_fields = ["structure__name"]
    readonly_fields = [f.name for f in UpdateRequest._meta.fields]

    @admin.display(description="adresse")
    def masked_email(self, obj):
        local, _, domain = obj.email.partition("@")
        return f"{local[:1]}…@{domain}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
