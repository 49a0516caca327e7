"""The audit tables' managers: ordinary rows by default, sealed rows apart."""

from django.db import models


class OrdinaryRows(models.Manager):
    """The default manager of the audit trail and the access log: rows of sealed records (women's shelters, ŞÖNİM
    cases: refah.shelters) are left out, so every reader — the household audit trail, the access-log review, the
    admin, dumpdata — sees only ordinary rows without having to remember to. Only the sealed services read the
    sealed rows, through `sealed_objects`, for the named unit supervisors (docs/shelters.md)."""

    def get_queryset(self):
        return super().get_queryset().filter(sealed=False)


class SealedRows(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(sealed=True)
