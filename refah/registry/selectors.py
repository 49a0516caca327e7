"""Reads of the registry, always scoped by the user's jurisdiction and permissions."""

import datetime as dt
import functools
import uuid

from django.db import connection
from django.db.models import Count, F, Prefetch, Q, QuerySet, Value
from django.utils import timezone

from refah.accounts.models import Office
from refah.accounts.selectors import SCOPE_SQL, district_in_jurisdiction, jurisdiction_q, jurisdiction_scope
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.models import AuditEvent
from refah.audit.services_access import access_record
from refah.common import sql
from refah.common.db import WordSimilarity
from refah.common.errors import NotFoundError, PermissionDeniedError
from refah.common.text import fold
from refah.geo.models import District, Neighbourhood, Province
from refah.registry import errors
from refah.registry.identity import is_valid_identity_number
from refah.registry.models import Household, IncomeSource, Membership, Person

NAME_SIMILARITY_MIN = 0.45


def can_view_sensitive(user) -> bool:
    """Health and disability data (KVKK special category) need their own permission."""
    return user.has_perm("registry.view_sensitive_person")


def require_view(user, perm: str = "registry.view_household") -> None:
    """Raise PermissionDeniedError unless the user holds `perm` (viewing households by default)."""
    if not user.has_perm(perm):
        raise PermissionDeniedError(errors.ERR_NO_PERMISSION)


def uuid_or_404(value, message) -> uuid.UUID:
    """An id from a URL or payload; anything but a UUID is "not found" with `message`, like a wrong id."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFoundError(message) from None


def current_memberships() -> Prefetch:
    """Prefetch a person's current memberships, with household and district, as `current_memberships`."""
    return Prefetch(
        "memberships",
        Membership.objects.filter(left_on__isnull=True).select_related("household__district"),
        to_attr="current_memberships",
    )


def household_list(*, user, district_id: int | None = None, neighbourhood_id: int | None = None) -> QuerySet:
    """Households the user may see, newest first, with their current size."""
    require_view(user)
    qs = Household.objects.filter(jurisdiction_q(user)).select_related("province", "district", "neighbourhood")
    if district_id:
        qs = qs.filter(district_id=district_id)
    if neighbourhood_id:
        qs = qs.filter(neighbourhood_id=neighbourhood_id)
    return qs.annotate(size=Count("memberships", filter=Q(memberships__left_on__isnull=True))).order_by(
        "-created_at", "reference_code"
    )


def household_get(*, user, household_id) -> Household:
    """One household in the user's jurisdiction; outside it, the same "not found" as a wrong id.

    With its province, district, neighbourhood and registering office loaded (as select_related would), in one
    hand-written statement: nearly every request about a household starts here.
    """
    require_view(user)
    key = uuid_or_404(household_id, errors.ERR_HOUSEHOLD_NOT_FOUND)
    scope = jurisdiction_scope(user)
    if scope is None:
        raise NotFoundError(errors.ERR_HOUSEHOLD_NOT_FOUND)
    rows = sql.fetch(_household_statement(scope[0]), [Household._meta.pk.get_db_prep_value(key, connection), *scope[1]])
    if not rows:
        raise NotFoundError(errors.ERR_HOUSEHOLD_NOT_FOUND)
    return _household_from_row(rows[0])


def household_read(
    *, user, household_id, channel: str = AccessChannel.SCREEN, purpose: str = AccessPurpose.CASE_WORK
) -> Household:
    """household_get() for showing the household's data (its page, an answer with its members): the read is
    written to the access log. Writes and permission checks that show nothing use household_get()."""
    household = household_get(user=user, household_id=household_id)
    access_record(
        actor=user,
        purpose=purpose,
        channel=channel,
        kind=AccessKind.HOUSEHOLD,
        obj=household,
        household_id=household.pk,
        district_id=household.district_id,
        sensitive=can_view_sensitive(user),
    )
    return household


def households_recent(*, user, limit: int = 12, channel: str = AccessChannel.SCREEN) -> list[Household]:
    """The user's newest households (the search page before a search); the list read is logged once."""
    households = list(household_list(user=user)[:limit])
    household_list_logged(user=user, households=households, channel=channel)
    return households


def household_list_logged(*, user, households: list[Household], channel: str, purpose=AccessPurpose.CASE_WORK):
    """Log one read of a list of households (one access row, the households as its subjects)."""
    access_record(
        actor=user,
        purpose=purpose,
        channel=channel,
        kind=AccessKind.HOUSEHOLD_LIST,
        households=[h.pk for h in households],
    )


@functools.cache
def _household_loaders() -> tuple[sql.Loader, ...]:
    return (
        sql.Loader(Household, "h"),
        sql.Loader(Province, "pr"),
        sql.Loader(District, "d"),
        sql.Loader(Neighbourhood, "n"),
        sql.Loader(Office, "o"),
    )


@functools.cache
def _household_statement(scope: str) -> str:
    h, pr, d, n, o = _household_loaders()
    t = sql.table
    return (
        f"SELECT {h.sql}, {pr.sql}, {d.sql}, {n.sql}, {o.sql} FROM {t(Household)} h "
        f"JOIN {t(Province)} pr ON pr.id = h.province_id JOIN {t(District)} d ON d.id = h.district_id "
        f"JOIN {t(Neighbourhood)} n ON n.id = h.neighbourhood_id LEFT JOIN {t(Office)} o ON o.id = h.registered_by_id "
        f"WHERE h.id = %s{SCOPE_SQL[scope].format(alias='h')}"
    )


def _household_from_row(row) -> Household:
    h, pr, d, n, o = _household_loaders()
    household = h.build(row)
    at = h.width
    cache = household._state.fields_cache
    for name, loader in (("province", pr), ("district", d), ("neighbourhood", n)):
        cache[name] = loader.build(row, at)
        at += loader.width
    cache["registered_by"] = o.build(row, at) if row[at] is not None else None
    return household


def membership_history(*, household: Household) -> list[Membership]:
    """Every membership the household ever had, oldest first."""
    return list(household.memberships.select_related("person").order_by("joined_on", "person__birth_date"))


def members_on(*, household: Household, on: dt.date | None = None) -> list[Membership]:
    """Composition of the household on a date (today by default): joined on or before, not yet left."""
    on = on or timezone.localdate()
    return list(
        household.memberships.filter(joined_on__lte=on)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
        .select_related("person")
        .order_by("role", "person__birth_date")
    )


def household_incomes(*, household: Household, on: dt.date | None = None, members: list[Membership] | None = None):
    """Incomes of the household's members on a date (active: started, not ended).

    Pass `members` when the caller already has members_on() for the same date, to not read them twice.
    """
    on = on or timezone.localdate()
    if members is None:
        members = members_on(household=household, on=on)
    person_ids = [m.person_id for m in members]
    return (
        IncomeSource.objects.filter(person_id__in=person_ids, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("person")
    )


def household_monthly_income_kurus(*, household: Household, on: dt.date | None = None) -> int:
    """Sum of the members' monthly-equivalent incomes on a date, in kuruş."""
    return sum(i.monthly_kurus() for i in household_incomes(household=household, on=on))


def household_audit_trail(*, user, household: Household, limit: int = 200) -> QuerySet:
    """Audit events about this household and its members, newest first."""
    require_view(user)
    return AuditEvent.objects.filter(household_id=household.pk).order_by("-at", "-id")[:limit]


def membership_get(*, user, membership_id) -> Membership:
    """A membership (current or past) of a household in the user's jurisdiction."""
    require_view(user, "registry.view_membership")
    key = uuid_or_404(membership_id, errors.ERR_MEMBERSHIP_NOT_FOUND)
    membership = (
        Membership.objects.filter(jurisdiction_q(user, prefix="household__"), pk=key)
        .select_related("person", "household__district")
        .first()
    )
    if membership is None:
        raise NotFoundError(errors.ERR_MEMBERSHIP_NOT_FOUND)
    return membership


def person_get(*, user, person_id) -> Person:
    """A person whose current household is in the user's jurisdiction."""
    require_view(user, "registry.view_person")
    key = uuid_or_404(person_id, errors.ERR_PERSON_NOT_FOUND)
    person = _persons_visible(user).filter(pk=key).first()
    if person is None:
        raise NotFoundError(errors.ERR_PERSON_NOT_FOUND)
    return person


def person_in_reach(*, user, person: Person) -> bool:
    """May the user put this person into a household? Only when the person's current household or, without one,
    their last household is in the user's jurisdiction (or they never had one). The one rule the API, the screens,
    the registry services and the file import share: a person registered elsewhere stays out of reach."""
    latest = (
        person.memberships.order_by(F("left_on").desc(nulls_first=True), "-joined_on")
        .select_related("household__district")
        .first()
    )
    return latest is None or district_in_jurisdiction(user, latest.household.district)


def _persons_visible(user) -> QuerySet:
    visible = Membership.objects.filter(jurisdiction_q(user, prefix="household__"), left_on__isnull=True).values(
        "person_id"
    )
    return Person.objects.filter(pk__in=visible)


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


def person_current_household(*, person: Person) -> Household | None:
    membership = person.memberships.filter(left_on__isnull=True).select_related("household").first()
    return membership.household if membership else None
