from django.contrib import admin

from refah.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "object_type", "object_id", "request_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "actor_label", "request_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
