"""GET /api/v1/me: who the token belongs to, their office, jurisdiction and roles."""

import uuid
from typing import Literal

from ninja import Field, Router, Schema

from refah.accounts.enums import OfficeKind
from refah.accounts.selectors import office_for_user
from refah.common.schemas import ErrorOut

router = Router(tags=["accounts"])


class MePlace(Schema):
    pcode: str
    name: str


class MeOffice(Schema):
    id: uuid.UUID
    name: str
    kind: OfficeKind


class MeJurisdiction(Schema):
    level: Literal["national", "province", "district", "none"]
    label: str
    province: MePlace | None = None
    district: MePlace | None = None


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    office: MeOffice | None
    jurisdiction: MeJurisdiction
    roles: list[str] = Field(description="Role codes (refah.accounts.enums.Role), e.g. caseworker.")


def _jurisdiction(office) -> dict:
    if office is None:
        return {"level": "none", "label": ""}
    if office.district_id:
        level = "district"
    elif office.province_id:
        level = "province"
    else:
        level = "national"
    return {
        "level": level,
        "label": office.jurisdiction_label(),
        "province": office.province,
        "district": office.district,
    }


# The operation id ninja derived from this module's former name (api_me.py), kept: clients and
# refah/common/tests/jurisdiction_routes.py know the operation by it.
@router.get(
    "/me", response={200: MeOut, 401: ErrorOut}, summary="The current user", operation_id="refah_accounts_api_me_me"
)
def me(request):
    """The user the bearer token belongs to, with office, jurisdiction and roles."""
    user = request.user
    office = office_for_user(user)
    return {
        "username": user.get_username(),
        "full_name": user.get_full_name(),
        "email": user.email,
        "office": office,
        "jurisdiction": _jurisdiction(office),
        "roles": sorted(user.groups.values_list("name", flat=True)),
    }
