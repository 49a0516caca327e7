"""What else an objection may be filed against: an app above cases registers a kind of subject (the employment
app's sanction for refusing work) and is called back, inside the deciding transaction, when an objection against
one of its subjects is decided. The objection itself takes the existing path: the case's objection, its period
(deadlines.py) counted from the subject's decision, the citizen's message, the objection permission.
"""

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from refah.cases import errors
from refah.common.errors import RefahError

# on_decide(subject_id, upheld, actor): raise to refuse the decision (nothing is stored then)
OnDecide = Callable[[UUID, bool, object], None]


@dataclass(frozen=True)
class SubjectKind:
    kind: str
    label: object  # a lazy translation
    on_decide: OnDecide


_KINDS: dict[str, SubjectKind] = {}


def objection_subject_register(kind: str, *, label, on_decide: OnDecide) -> None:
    """Register `kind` (from the owning app's AppConfig.ready(); registering again replaces it)."""
    _KINDS[kind] = SubjectKind(kind=kind, label=label, on_decide=on_decide)


def subject_kind(kind: str) -> SubjectKind:
    try:
        return _KINDS[kind]
    except KeyError:
        raise RefahError(errors.ERR_OBJECTION_SUBJECT % {"kind": kind}, field="subject_kind") from None


def subject_label(kind: str) -> str:
    found = _KINDS.get(kind)
    return str(found.label) if found else kind
