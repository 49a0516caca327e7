"""Households: the ones the user may see (lists, pages, one by id or number) and a household with its members,
incomes and assets on a date. Always scoped by the user's jurisdiction and permissions: outside it a household is
"not found", exactly like a wrong id."""

import datetime as dt
import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from refah.accounts.models import Office
from refah.accounts.selectors import SCOPE_SQL, jurisdiction_q, jurisdiction_scope
from refah.audit.enums import AccessChannel, AccessKind, AccessPurpose
from refah.audit.services_access import access_record
from refah.common import sql
from refah.common.errors import NotFoundError
from refah.common.text import fold
from refah.geo.models import District, Neighbourhood, Province
from refah.registry import errors
from refah.registry.models import Asset, Household, Membership, membership_current_q
from refah.registry.selectors.finance import household_incomes
from refah.registry.selectors.members import members_on, membership_history
from refah.registry.selectors.permissions import can_view_sensitive, require_view, uuid_or_404


@dataclass
class Page:
    count: int
    page: int
    page_size: int
    items: list
    has_next: bool


def household_list(*, user, district_id: int | None = None, neighbourhood_id: int | None = None) -> QuerySet:
    """Households the user may see, newest first, with their current size."""
    require_view(user)
    qs = Household.objects.filter(jurisdiction_q(user)).select_related("province", "district", "neighbourhood")
    if district_id:
        qs = qs.filter(district_id=district_id)
    if neighbourhood_id:
        qs = qs.filter(neighbourhood_id=neighbourhood_id)
    return qs.annotate(size=Count("memberships", filter=membership_current_q("memberships__"))).order_by(
        "-created_at", "reference_code"
    )


def access_household_by_id(*, user, household_id) -> Household:
    """One household in the user's jurisdiction; outside it, the same "not found" as a wrong id.

    With its province, district, neighbourhood and registering office loaded (as select_related would), in one
    hand-written statement: nearly every request about a household starts here.
    """
    require_view(user)
    key = uuid_or_404(household_id, errors.ERR_HOUSEHOLD_NOT_FOUND)
    scope = jurisdiction_scope(user)
    if scope is None:
        raise NotFoundError(errors.ERR_HOUSEHOLD_NOT_FOUND)
    db_key = Household._meta.pk.get_db_prep_value(key, connection)
    household = sql.fetch(sql.Statement(_household_statement(scope[0]), (db_key, *scope[1]), _household_from_rows))
    if household is None:
        raise NotFoundError(errors.ERR_HOUSEHOLD_NOT_FOUND)
    return household


def household_read(
    *, user, household_id, channel: str = AccessChannel.SCREEN, purpose: str = AccessPurpose.CASE_WORK
) -> Household:
    """access_household_by_id() for showing the household's data (its page, an answer with its members): the read is
    written to the access log. Writes and permission checks that show nothing use access_household_by_id()."""
    household = access_household_by_id(user=user, household_id=household_id)
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


def _household_from_rows(rows) -> Household | None:
    if not rows:
        return None
    row = rows[0]
    h, pr, d, n, o = _household_loaders()
    household = h.build(row)
    at = h.width
    cache = household._state.fields_cache
    for name, loader in (("province", pr), ("district", d), ("neighbourhood", n)):
        cache[name] = loader.build(row, at)
        at += loader.width
    cache["registered_by"] = o.build(row, at) if row[at] is not None else None
    return household


def access_household_by_code(*, user, reference_code: str) -> Household:
    """A household in the user's jurisdiction by its household number, e.g. 76-02-1234567."""
    household = Household.objects.filter(jurisdiction_q(user), reference_code=reference_code.strip()).first()
    if household is None:
        raise NotFoundError(errors.ERR_HOUSEHOLD_NOT_FOUND, field="household")
    return access_household_by_id(user=user, household_id=household.pk)


def household_page(
    *, user, district: str | None = None, neighbourhood: str | None = None, page: int = 1, page_size: int = 50
) -> Page:
    """One page of the households the user may see, filtered by district pcode and neighbourhood name."""
    qs = household_list(user=user)
    if district:
        qs = qs.filter(district__pcode=district.strip().upper())
    if neighbourhood:
        qs = qs.filter(neighbourhood__name_folded=fold(neighbourhood))
    count = qs.count()
    start = (page - 1) * page_size
    items = list(qs[start : start + page_size]) if start < count else []
    if items:
        household_list_logged(user=user, households=items, channel=AccessChannel.API)
    return Page(count=count, page=page, page_size=page_size, items=items, has_next=start + page_size < count)


def household_detail(
    *, user, household_id, on: dt.date | None = None, purpose: str = AccessPurpose.CASE_WORK
) -> Household:
    """A household with its members, their incomes and the assets held on a date (today by default).

    The lists are set as `on_date`, `members_on_date` (each with `age`), `incomes_on_date`, `assets_on_date`.
    The read is logged (API channel).
    """
    household = household_read(user=user, household_id=household_id, channel=AccessChannel.API, purpose=purpose)
    on = on or timezone.localdate()
    members = members_on(household=household, on=on)
    for m in members:
        m.age = m.person.age_on(on)
    household.on_date = on
    household.members_on_date = members
    incomes = household_incomes(household=household, on=on, members=members)
    # The API shows incomes by person_id: the persons are already in `members`, so they are not joined in again.
    household.incomes_on_date = list(incomes.select_related(None).order_by("person__birth_date", "-start_date"))
    household.assets_on_date = list(
        Asset.objects.filter(household=household)
        .filter(Q(acquired_on__isnull=True) | Q(acquired_on__lte=on))
        .filter(Q(disposed_on__isnull=True) | Q(disposed_on__gt=on))
        .order_by("kind", "created_at")
    )
    return household


def household_history(*, user, household_id) -> list[Membership]:
    """Every membership of a visible household, oldest first; the read is logged (API channel)."""
    household = access_household_by_id(user=user, household_id=household_id)
    access_record(
        actor=user,
        purpose=AccessPurpose.CASE_WORK,
        channel=AccessChannel.API,
        kind=AccessKind.HOUSEHOLD_HISTORY,
        obj=household,
        household_id=household.pk,
        district_id=household.district_id,
    )
    return membership_history(household=household)
