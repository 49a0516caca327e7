"""Registry endpoints under /api/v1/registry/.

Views stay thin: they find the object through a jurisdiction-scoped selector (outside the
user's jurisdiction it is "not found", like a wrong id), call one service, and shape the answer
with refah.registry.schemas. Errors come from the services and selectors as RefahError or
ValidationError and are rendered by the handlers in config/api.py.
"""

import functools
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router
from ninja.responses import Status

from refah.audit.enums import AccessChannel, AccessPurpose
from refah.common.http import json_response
from refah.common.money import tl_to_kurus
from refah.common.paging import page_query, page_size_query
from refah.registry import selectors, services
from refah.registry.access_log import selectors as selectors_access
from refah.registry.access_log.forms import LookupForm, PeriodForm
from refah.registry.access_log.schemas import AccessLogOut, ReaderFlagsOut
from refah.registry.access_log.subjects import access_subject
from refah.registry.schemas import (
    ERRORS,
    WRITE_ERRORS,
    AssetOut,
    AuditEventOut,
    HouseholdAssetIn,
    HouseholdDetail,
    HouseholdIn,
    HouseholdMemberIn,
    HouseholdPage,
    HouseholdPatch,
    IncomeIn,
    IncomeOut,
    IsoDate,
    MembershipEndIn,
    MembershipIn,
    MembershipOut,
    MoveIn,
    PersonDetail,
    PersonPage,
    PersonPatch,
)

router = Router(tags=["registry"])

ERR_REQUIRED = _("This field cannot be null.")
Purpose = Annotated[
    AccessPurpose, Query(description="Why the data is read; written to the access log (KVKK). Case work by default.")
]
# Services name amounts in kuruş; the API names them in TL.
_API_FIELD = {"monthly_rent_kurus": "monthly_rent", "amount_kurus": "amount", "value_kurus": "value"}


def _api_field_names(view):
    """Report service validation errors under the API's field names (monthly_rent, not monthly_rent_kurus)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                raise
            raise ValidationError({_API_FIELD.get(k, k): v for k, v in exc.error_dict.items()}) from exc

    return wrapper


def _member_inputs(user, members: list[HouseholdMemberIn]) -> list[services.MemberInput]:
    return [
        services.MemberInput(
            role=m.role,
            joined_on=m.joined_on,
            person=selectors.access_person_in_reach_by_id(user=user, person_id=m.person_id) if m.person_id else None,
            person_data=m.person.service_data() if m.person else {},
        )
        for m in members
    ]


def _household_changes(payload: HouseholdPatch) -> dict:
    data = payload.dict(exclude_unset=True)
    for key in ("district", "neighbourhood", "monthly_rent"):
        if key in data and data[key] is None:
            raise ValidationError({key: ERR_REQUIRED})
    if "district" in data:
        data["district"] = selectors.district_by_pcode(data["district"])
    if "monthly_rent" in data:
        data["monthly_rent_kurus"] = tl_to_kurus(data.pop("monthly_rent"))
    return data


# ---------------------------------------------------------------- households


@router.get("/households", response={200: HouseholdPage, **ERRORS}, summary="List households")
def household_list(
    request,
    page: int = page_query(),
    page_size: int = page_size_query(),
    district: str | None = Query(None, description="District pcode, e.g. TUR076002."),
    neighbourhood: str | None = Query(None, description="Neighbourhood name, any case, with or without accents."),
):
    """Households in the user's jurisdiction, newest first, with their current size."""
    return selectors.household_page(
        user=request.user, district=district, neighbourhood=neighbourhood, page=page, page_size=page_size
    )


@router.post("/households", response={201: HouseholdDetail, **WRITE_ERRORS}, summary="Register a household")
@_api_field_names
def household_register(request, payload: HouseholdIn):
    """Register a household with its members (new persons or existing ones) in one transaction."""
    household = services.household_register(
        actor=request.user,
        district=selectors.district_by_pcode(payload.district),
        neighbourhood=payload.neighbourhood,
        is_rural=payload.is_rural,
        external_ref=payload.external_ref,
        members=_member_inputs(request.user, payload.members),
        address_line=payload.address_line,
        phone=payload.phone,
        dwelling_type=payload.dwelling_type,
        tenure=payload.tenure,
        monthly_rent_kurus=tl_to_kurus(payload.monthly_rent),
        heating=payload.heating,
        rooms=payload.rooms,
    )
    return Status(201, selectors.household_detail(user=request.user, household_id=household.pk))


@router.get("/households/{household_id}", response={200: HouseholdDetail, **ERRORS}, summary="Get a household")
def household_get(
    request,
    household_id: str,
    on: Annotated[IsoDate | None, Query(description="YYYY-MM-DD")] = None,
    purpose: Purpose = AccessPurpose.CASE_WORK,
):
    """Address, members with role and age, incomes and assets — today, or on the date `on`. Logged as a read."""
    # Hand-written SQL (the API's most frequent read); the same document HouseholdDetail describes.
    document = selectors.household_document(user=request.user, household_id=household_id, on=on, purpose=purpose)
    return json_response(document)


@router.patch(
    "/households/{household_id}", response={200: HouseholdDetail, **WRITE_ERRORS}, summary="Change a household"
)
@_api_field_names
def household_update(request, household_id: str, payload: HouseholdPatch):
    """Change the address, dwelling, tenure, rent, heating or rooms; only the fields sent."""
    household = selectors.access_household_by_id(user=request.user, household_id=household_id)
    services.household_update(actor=request.user, household=household, data=_household_changes(payload))
    return selectors.household_detail(user=request.user, household_id=household.pk)


@router.get(
    "/households/{household_id}/history", response={200: list[MembershipOut], **ERRORS}, summary="Membership history"
)
def household_history(request, household_id: str):
    """Every membership the household ever had, oldest first."""
    return selectors.household_history(user=request.user, household_id=household_id)


@router.get("/households/{household_id}/audit", response={200: list[AuditEventOut], **ERRORS}, summary="Audit trail")
def household_audit(request, household_id: str):
    """Who changed what, newest first. Values before and after a change are shown to auditors only."""
    return selectors.household_audit(user=request.user, household_id=household_id)


@router.post(
    "/households/{household_id}/members", response={201: MembershipOut, **WRITE_ERRORS}, summary="Add a member"
)
def member_add(request, household_id: str, payload: MembershipIn):
    """Add an existing person (not a current member elsewhere) or a new one."""
    household = selectors.access_household_by_id(user=request.user, household_id=household_id)
    person = (
        selectors.access_person_in_reach_by_id(user=request.user, person_id=payload.person_id)
        if payload.person_id
        else None
    )
    membership = services.member_add(
        actor=request.user,
        household=household,
        role=payload.role,
        person=person,
        person_data=payload.person.service_data() if payload.person else None,
        joined_on=payload.joined_on,
    )
    return Status(201, membership)


@router.post("/households/{household_id}/assets", response={201: AssetOut, **WRITE_ERRORS}, summary="Record an asset")
@_api_field_names
def asset_record(request, household_id: str, payload: HouseholdAssetIn):
    """Record a vehicle, real estate, land or livestock of the household, its value in TL."""
    household = selectors.access_household_by_id(user=request.user, household_id=household_id)
    owner = (
        selectors.household_member_person(household=household, person_id=payload.owner_id) if payload.owner_id else None
    )
    asset = services.asset_record(
        actor=request.user,
        household=household,
        kind=payload.kind,
        value_kurus=tl_to_kurus(payload.value),
        description=payload.description,
        owner=owner,
        acquired_on=payload.acquired_on,
        source=payload.source,
    )
    return Status(201, asset)


@router.post(
    "/memberships/{membership_id}/end", response={200: MembershipOut, **WRITE_ERRORS}, summary="End a membership"
)
def membership_end(request, membership_id: str, payload: MembershipEndIn):
    """A member leaves the household on a date (death, marriage, moving out…); history is kept."""
    membership = selectors.access_membership_by_id(user=request.user, membership_id=membership_id)
    return services.member_remove(
        actor=request.user, membership=membership, left_on=payload.left_on, reason=payload.reason
    )


# ---------------------------------------------------------------- persons


@router.get("/persons", response={200: PersonPage, **ERRORS}, summary="Search persons")
def person_search(
    request,
    q: str = Query(..., min_length=1, max_length=100, description="Identity number or name."),
    limit: int = Query(25, ge=1, le=100),
    purpose: Purpose = AccessPurpose.CASE_WORK,
):
    """Persons in the user's jurisdiction by identity number (exact) or name (typo tolerant)."""
    items = selectors.person_search(user=request.user, query=q, limit=limit, channel=AccessChannel.API, purpose=purpose)
    return {"count": len(items), "items": items}


@router.get("/persons/{person_id}", response={200: PersonDetail, **ERRORS}, summary="Get a person")
def person_get(request, person_id: str, purpose: Purpose = AccessPurpose.CASE_WORK):
    """A person with their current household and incomes. Logged as a read."""
    return selectors.person_detail(user=request.user, person_id=person_id, purpose=purpose)


@router.patch("/persons/{person_id}", response={200: PersonDetail, **WRITE_ERRORS}, summary="Change a person")
def person_update(request, person_id: str, payload: PersonPatch):
    """Correct or update a person's data; only the fields sent. Identity numbers are validated again."""
    person = selectors.access_person_by_id(user=request.user, person_id=person_id)
    services.person_update(actor=request.user, person=person, data=payload.service_data())
    return selectors.person_detail(user=request.user, person_id=person.pk)


@router.post("/persons/{person_id}/move", response={201: MembershipOut, **WRITE_ERRORS}, summary="Move a person")
def person_move(request, person_id: str, payload: MoveIn):
    """Move a person to another household on a date: the old membership ends, a new one starts."""
    person = selectors.access_person_by_id(user=request.user, person_id=person_id)
    to_household = selectors.access_household_by_id(user=request.user, household_id=payload.to_household_id)
    membership = services.member_move(
        actor=request.user,
        person=person,
        to_household=to_household,
        role=payload.role,
        on_date=payload.on_date,
        reason=payload.reason,
    )
    return Status(201, membership)


@router.post("/persons/{person_id}/incomes", response={201: IncomeOut, **WRITE_ERRORS}, summary="Record an income")
@_api_field_names
def income_record(request, person_id: str, payload: IncomeIn):
    """Record an income of a person; the amount in TL, e.g. "12500.00"."""
    person = selectors.access_person_by_id(user=request.user, person_id=person_id)
    income = services.income_record(
        actor=request.user,
        person=person,
        kind=payload.kind,
        amount_kurus=tl_to_kurus(payload.amount),
        period=payload.period,
        start_date=payload.start_date,
        end_date=payload.end_date,
        source=payload.source,
        note=payload.note,
    )
    return Status(201, income)


# ---------------------------------------------------------------- access log (auditors)


def _access_period(form, days: int) -> tuple:
    """[start, end) of a valid period form (the last `days` days by default); bad input is a 422."""
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    data = form.cleaned_data
    return selectors_access.period_of(start=data.get("start"), end=data.get("end"), now=timezone.now(), days=days)


@router.get("/access-log", response={200: AccessLogOut, **ERRORS}, summary="Who read a person's or household's data")
def access_log(
    request,
    national_id: str = "",
    household_code: str = "",
    start: Annotated[IsoDate | None, Query(description="YYYY-MM-DD; 90 days before `end` by default")] = None,
    end: Annotated[IsoDate | None, Query(description="YYYY-MM-DD, inclusive; today by default")] = None,
):
    """Reads of the person (TC Kimlik No) or household (household number) in the period, newest first: of the
    person, of any household they belonged to, and lists that showed them. Auditors only; the look is logged."""
    selectors_access.require_auditor(request.user)
    form = LookupForm({"national_id": national_id, "household_code": household_code, "start": start, "end": end})
    period = _access_period(form, 90)
    subject = access_subject(
        user=request.user,
        national_id=form.cleaned_data["national_id"],
        household_code=form.cleaned_data["household_code"],
    )
    items = selectors_access.access_log_for(
        user=request.user, subject=subject, start=period[0], end=period[1], channel=AccessChannel.API
    )
    return {"subject": subject.label, "start": period[0], "end": period[1], "items": items}


@router.get("/access-log/flags", response={200: list[ReaderFlagsOut], **ERRORS}, summary="Unusual reading")
def access_flags(
    request,
    start: Annotated[IsoDate | None, Query(description="YYYY-MM-DD; 7 days before `end` by default")] = None,
    end: Annotated[IsoDate | None, Query(description="YYYY-MM-DD, inclusive; today by default")] = None,
):
    """Readers who, in the period, read many households in a short time, outside working hours or outside their
    usual district (thresholds: docs/access-log.md), the most flagged first. Auditors only."""
    selectors_access.require_auditor(request.user)
    start_at, end_at = _access_period(PeriodForm({"start": start, "end": end}), 7)
    return selectors_access.access_flags(user=request.user, start=start_at, end=end_at)
