from django.contrib import admin

# LedgerPrivate (salts and private details, household ids) is deliberately not in the admin: it is
# read only through ledger_receipt() by those entitled to a household's receipt.
from refah.audit.ledger.models import LedgerEntry, LedgerState, TreeHead
from refah.audit.models import AccessEvent, AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Audit rows and the ledger are written only by their services: the admin may look, never touch."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "action", "object_type", "object_id", "request_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "actor_label", "request_id"]


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "kind", "purpose", "channel", "object_type", "object_id", "request_id"]
    list_filter = ["kind", "purpose", "channel", "sensitive"]
    search_fields = ["object_id", "actor_label", "request_id"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["seq", "kind", "program", "period", "amount_kurus", "office_code", "time"]
    list_filter = ["kind", "program"]
    search_fields = ["ref", "program", "period", "office_code"]


@admin.register(TreeHead)
class TreeHeadAdmin(ReadOnlyAdmin):
    list_display = ["tree_size", "root_hash", "signed_at", "timestamp_ms", "key_id"]


@admin.register(LedgerState)
class LedgerStateAdmin(ReadOnlyAdmin):
    list_display = ["id", "size", "last_head_size", "last_head_ms"]
