"""Finding persons by identity number or by name (Turkish folding, typo tolerant); a search is logged."""

from django.db import connection
from django.db.models import Q, Value

from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common.db import WordSimilarity
from refah.common.text import fold
from refah.registry.identity import is_valid_identity_number
from refah.registry.models import Person
from refah.registry.selectors.members import current_memberships
from refah.registry.selectors.permissions import require_view
from refah.registry.selectors.persons import _persons_visible

NAME_SIMILARITY_MIN = 0.45


def person_search(
    *,
    user,
    query: str,
    limit: int = 25,
    channel: str = AccessChannel.SCREEN,
    purpose: str = AccessPurpose.CASE_WORK,
) -> list[Person]:
    """Find persons by identity number or by name (Turkish folding, typo tolerant).

    An 11-digit query matches the identity number exactly; anything else is a name. Names are
    matched on the folded form, first by substring, then by trigram similarity (pg_trgm on
    PostgreSQL, the same arithmetic on SQLite) so "Sukru Yilmz" finds "Şükrü Yılmaz".
    A search that shows anyone is one access-log row, the persons shown (and their households) its subjects.
    """
    require_view(user, "registry.view_person")
    found = _person_search(user=user, query=query, limit=limit)
    if found:
        households = [_current_household_id(p) for p in found]
        persons = [p.pk for p in found]
        access_record(
            actor=user, purpose=purpose, channel=channel, kind=AccessKind.SEARCH, households=households, persons=persons
        )
    return found


def _current_household_id(person: Person):
    current = getattr(person, "current_memberships", None)
    return current[0].household_id if current else None


def _person_search(*, user, query: str, limit: int) -> list[Person]:
    text = (query or "").strip()
    base = _persons_visible(user).prefetch_related(current_memberships())
    if text.isdigit():
        if len(text) == 11 and is_valid_identity_number(text):
            return list(base.filter(national_id=text)[:limit])
        return list(base.filter(Q(national_id__startswith=text) | Q(internal_id__endswith=text))[:limit])
    key = fold(text)
    if len(key) < 2:
        return []
    exact = list(base.filter(name_folded__contains=key).order_by("name_folded")[:limit])
    if len(exact) >= limit:
        return exact
    fuzzy_qs = base.exclude(pk__in=[p.pk for p in exact])
    if connection.vendor == "postgresql":
        fuzzy_qs = fuzzy_qs.filter(name_folded__trigram_word_similar=key)
    fuzzy = (
        fuzzy_qs.annotate(score=WordSimilarity(Value(key), "name_folded"))
        .filter(score__gte=NAME_SIMILARITY_MIN)
        .order_by("-score", "name_folded")[: limit - len(exact)]
    )
    return exact + list(fuzzy)
