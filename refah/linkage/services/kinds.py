"""Record kinds: an app above linkage registers the kind of record it links (aid records, registry persons)
and is called back, inside the deciding transaction, whenever a record of its kind is linked or unlinked."""

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from refah.common.errors import RefahError
from refah.linkage import errors

OnDecide = Callable[[str, UUID | None, object], None]


@dataclass(frozen=True)
class LinkKind:
    kind: str
    label: object  # a lazy translation
    on_decide: OnDecide


_KINDS: dict[str, LinkKind] = {}


def link_kind_register(kind: str, *, label, on_decide: OnDecide) -> None:
    """Register `kind` (called from the owning app's AppConfig.ready(); registering again replaces it).

    `on_decide(record_id, person_id, actor)` runs inside the transaction when a record of the kind is linked
    (person_id set: exact, probable or accepted on review) or unlinked (None: review rejected, link undone).
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
