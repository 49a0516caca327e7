"""Record kinds: an app above linkage registers the kind of record it links (aid records, registry persons)
and is called back, inside the deciding transaction, whenever a record of its kind is linked or unlinked."""

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from refah.common.errors import RefahError
from refah.linkage import errors


@dataclass(frozen=True)
class Decision:
    """What else a kind's owner may need of a decision: the link made or undone, the review item decided, the
    clerk's reason, and the clerk's choice of which registry person is kept (kind "registry_person")."""

    link_id: UUID | None = None
    review_id: UUID | None = None
    reason: str = ""
    keep_id: UUID | None = None


OnDecide = Callable[..., None]  # (record_id: str, person_id: UUID | None, actor, decision: Decision)


@dataclass(frozen=True)
class LinkKind:
    kind: str
    label: object  # a lazy translation
    on_decide: OnDecide


_KINDS: dict[str, LinkKind] = {}


def link_kind_register(kind: str, *, label, on_decide: OnDecide) -> None:
    """Register `kind` (called from the owning app's AppConfig.ready(); registering again replaces it).

    `on_decide(record_id, person_id, actor, decision)` runs inside the transaction when a record of the kind is
    linked (person_id set: exact, probable or accepted on review) or unlinked (None: review rejected, link
    undone); `decision` is a Decision. An exception it raises undoes the decision.
    """
    _KINDS[kind] = LinkKind(kind=kind, label=label, on_decide=on_decide)


def link_kind(kind: str) -> LinkKind:
    try:
        return _KINDS[kind]
    except KeyError:
        raise RefahError(errors.ERR_KIND_UNKNOWN % {"kind": kind}, field="kind") from None


def link_kind_label(kind: str) -> str:
    found = _KINDS.get(kind)
    return str(found.label) if found else kind
