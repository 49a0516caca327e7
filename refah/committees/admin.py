from django.contrib import admin

from refah.committees.models import Committee, CommitteeMember


class _ReadOnly:
    """Committees and seats change through refah.committees.services (audited, one chair); the admin only shows them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class MemberInline(_ReadOnly, admin.TabularInline):
    model = CommitteeMember
    extra = 0
    fields = ("full_name", "user", "national_id", "person", "title", "role", "since", "until")
    raw_id_fields = ("user", "person")


@admin.register(Committee)
class CommitteeAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ("name", "office", "kind", "active")
    list_filter = ("kind", "active")
    inlines = [MemberInline]
