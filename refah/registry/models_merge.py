"""A merge of two registry persons found to be one (registered twice): who, when, why, where it came from, and
an exact record of every value it changed, so that undoing it restores precisely what was there."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from refah.common.models import BaseModel
from refah.geo.models import District, Province


class PersonMerge(BaseModel):
    """`drop` was found to be `keep`: drop's rows moved to keep or ended as `changes` records, drop.merged_into
    set. Undone merges stay on file, with who undid them, why, and the changes later writes had overtaken."""

    keep = models.ForeignKey(
        "registry.Person", verbose_name=_("kept person"), on_delete=models.PROTECT, related_name="merges_kept"
    )
    drop = models.ForeignKey(
        "registry.Person", verbose_name=_("merged person"), on_delete=models.PROTECT, related_name="merges_dropped"
    )
    # Where the kept person lived when merged: whose jurisdiction the merge is in (lists, undo).
    district = models.ForeignKey(
        District, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(
        Province, verbose_name=_("province"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("merged by"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500)
    # The record linkage review item and link the merge came from (refah.linkage sits above the registry, so
    # these are ids, not foreign keys).
    review_id = models.UUIDField(_("link review"), null=True, blank=True)
    link_id = models.UUIDField(_("link"), null=True, blank=True)
    # [{"model": "registry.membership", "id": "…", "field": "person_id", "before": …, "after": …}], in the order
    # they were made; values as JSON (dates ISO, ids as text).
    changes = models.JSONField(_("changes"), default=list)
    # What higher apps did on the person_merged signal, by app label, handed back to them on person_unmerged.
    effects = models.JSONField(_("other apps' changes"), default=dict, blank=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    undone_reason = models.CharField(_("reason for undoing"), max_length=500, blank=True)
    # The changes undo left as they are because a later write had changed the value since (the later value wins).
    kept = models.JSONField(_("changes kept at undo"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("person merge")
        verbose_name_plural = _("person merges")
        constraints = [
            models.UniqueConstraint(
                fields=["drop"], condition=Q(undone_at__isnull=True), name="one_live_merge_per_dropped_person"
            ),
            models.CheckConstraint(condition=~Q(keep=models.F("drop")), name="merge_two_persons"),
        ]
        permissions = [("merge_person", "Can merge persons registered twice and undo merges")]

    def __str__(self) -> str:
        return f"{self.drop_id} → {self.keep_id}"

    @property
    def live(self) -> bool:
        return self.undone_at is None
