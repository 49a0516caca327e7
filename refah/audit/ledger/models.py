"""The public ledger's tables: entries (public), their private details (never published), signed tree heads.

Rows are only ever inserted, by refah.audit.ledger; no code updates or deletes them.
"""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["LedgerEntry", "LedgerPrivate", "LedgerState", "TreeHead"]


class LedgerEntry(models.Model):
    """One leaf of the Merkle tree: its public fields, the commitment to its private details, its leaf hash."""

    seq = models.BigIntegerField(_("sequence number"), primary_key=True)
    kind = models.CharField(_("kind"), max_length=32)
    ref = models.CharField(_("reference"), max_length=64)
    program = models.CharField(_("program"), max_length=64, blank=True)
    period = models.CharField(_("period"), max_length=16, blank=True)
    amount_kurus = models.BigIntegerField(_("amount (kuruş)"), null=True, blank=True)
    office_code = models.CharField(_("office code"), max_length=32, blank=True)
    model = models.CharField(_("model"), max_length=160, blank=True, default="")
    time = models.DateTimeField(_("time"))
    commitment = models.CharField(_("commitment"), max_length=64)
    leaf_hash = models.CharField(_("leaf hash"), max_length=64)

    class Meta:
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["kind", "ref"], name="ledger_entry_kind_ref_unique")]
        indexes = [models.Index(fields=["program", "period"])]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")

    def __str__(self) -> str:
        return f"#{self.seq} {self.kind} {self.program} {self.period}"


class LedgerPrivate(models.Model):
    """The salt and the canonical JSON of an entry's private details; the commitment is SHA-256(salt || details)."""

    entry = models.OneToOneField(LedgerEntry, primary_key=True, on_delete=models.PROTECT, related_name="private")
    salt = models.CharField(_("salt"), max_length=64)
    details = models.TextField(_("details"))

    class Meta:
        verbose_name = _("ledger private details")
        verbose_name_plural = _("ledger private details")

    def __str__(self) -> str:
        return f"#{self.entry_id}"


class TreeHead(models.Model):
    """A signed tree head: Ed25519 over (tree_size, root_hash, timestamp), see ledger.tree_head_message()."""

    id = models.BigAutoField(primary_key=True)
    tree_size = models.BigIntegerField(_("tree size"), db_index=True)
    root_hash = models.CharField(_("root hash"), max_length=64)
    timestamp_ms = models.BigIntegerField(_("timestamp (ms since 1970)"))
    key_id = models.CharField(_("key id"), max_length=64)
    signature = models.CharField(_("signature"), max_length=128)

    class Meta:
        ordering = ["-tree_size", "-id"]
        verbose_name = _("signed tree head")
        verbose_name_plural = _("signed tree heads")

    def __str__(self) -> str:
        return f"{self.tree_size} {self.root_hash[:12]}…"

    @property
    def signed_at(self) -> dt.datetime:
        """The signing time as an aware datetime (the signed value is timestamp_ms, whole milliseconds, UTC)."""
        return dt.datetime.fromtimestamp(self.timestamp_ms / 1000, tz=dt.UTC)


class LedgerState(models.Model):
    """The single row every append locks: next sequence number, the tree's frontier, the last head made."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    size = models.BigIntegerField(default=0)
    frontier = models.JSONField(default=list)
    last_head_size = models.BigIntegerField(default=0)
    last_head_ms = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("ledger state")

    def __str__(self) -> str:
        return f"{self.size}"
