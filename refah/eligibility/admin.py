"""Read-only admin views of stored eligibility data; changes go through the services (maker–checker)."""

from django.contrib import admin

from refah.eligibility.models import CustomProgram, Determination, ParameterValue


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Determination)
class DeterminationAdmin(ReadOnlyAdmin):
    list_display = ("household", "program", "period", "eligible", "amount_kurus", "frequency", "rulebook_version")
    list_filter = ("period", "program", "eligible")


@admin.register(ParameterValue)
class ParameterValueAdmin(ReadOnlyAdmin):
    list_display = ("parameter", "start", "value", "status", "proposed_by", "decided_by")
    list_filter = ("status",)


@admin.register(CustomProgram)
class CustomProgramAdmin(ReadOnlyAdmin):
    list_display = ("office", "code", "name", "status", "proposed_by", "decided_by")
    list_filter = ("status",)
