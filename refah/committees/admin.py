from django.contrib import admin

from refah.committees.models import Committee, CommitteeMember


class MemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    fields = ("full_name", "user", "national_id", "person", "title", "role", "since", "until")
    raw_id_fields = ("user", "person")


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "office", "kind", "active")
    list_filter = ("kind", "active")
    inlines = [MemberInline]
