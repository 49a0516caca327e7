"""One aid record's input checked, for the API and for files alike: parsed values or bilingual problems.

`record_check` takes the raw values of one record (text cells of a file, or the API's typed values) and
returns the model's values and every problem as (field, Reason, params). A person or household named by id is
read through the registry's access functions, so one outside the sender's jurisdiction is "not found" as in a
URL; the district of the record must lie in the sender's jurisdiction.
"""

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import translation

from refah.accounts.selectors import district_in_jurisdiction
from refah.aidrecords import enums, errors
from refah.common.text import fold
from refah.geo.models import District
from refah.geo.services import district_by_name, province_by_name
from refah.registry import identity
from refah.registry import selectors as registry_selectors
from refah.registry.imports import FieldProblem, Reason, parse_amount, parse_date, parse_text

MAX_AMOUNT_KURUS = 10_000_000 * 100
MAX_PERIOD_DAYS = 731
# The values that make a record what it is: the same reference with the same content is the same record.
CONTENT_FIELDS = (
    "reference", "kind", "need", "amount_kurus", "quantity", "unit", "given_on", "period_start", "period_end",
    "national_id", "first_name", "last_name", "birth_date", "father_name", "mother_name", "phone",
    "district_id", "neighbourhood", "address_line", "named_person_id", "named_household_id",
)  # fmt: skip


# Words givers write for the codes: "alias|alias=code; ...", matched after folding (as the registry import's).
ALIASES = {
    enums.AidKind: (
        "nakit|para|nakdi=cash; gida|erzak|gida kolisi|gida yardimi=food; yakacak|yakit|komur|odun=fuel; "
        "kira|kira yardimi=rent; giyim|kiyafet=clothing; egitim|burs|kirtasiye=education; saglik|ilac=health; "
        "ayni|ayni yardim|diger ayni=in_kind"
    ),
    enums.NeedCategory: (
        "temel ihtiyac|temel ihtiyaclar|gecim=subsistence; barinma|konut=housing; isinma=heating; "
        "egitim=education; saglik=health; engellilik|bakim|engellilik ve bakim=disability; "
        "acil|afet|acil durum|acil durum ya da afet=emergency; diger|diger ihtiyac=other"
    ),
}


def _choice(choices):
    """Code, English or Turkish label or an alias, any case and with or without Turkish letters."""
    allowed = ", ".join(c.value for c in choices)

    @functools.cache
    def table() -> dict[str, str]:  # built on first use: labels need the translations loaded
        words = {}
        for lang in ("en", "tr"):
            with translation.override(lang):
                words |= {fold(str(c.label)): c.value for c in choices}
        words |= {fold(c.value): c.value for c in choices}
        for group in ALIASES.get(choices, "").split(";"):
            aliases, code = group.split("=")
            words |= {fold(word): choices(code.strip()).value for word in aliases.split("|")}
        return words

    def parse(value) -> str:
        try:
            return table()[fold(str(value))]
        except KeyError:
            raise FieldProblem(errors.ERR_BAD_CHOICE, value=value, allowed=allowed) from None

    return parse


def _quantity(value) -> Decimal:
    text = str(value).strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise FieldProblem(errors.ERR_BAD_QUANTITY, value=value) from None
    if not re.fullmatch(r"[0-9]{1,9}(\.[0-9]{1,3})?", text) or number <= 0:
        raise FieldProblem(errors.ERR_BAD_QUANTITY, value=value)
    return number


def _amount_kurus(value) -> int:
    """TL text from a file ("1.500,00"), or an integer of kuruş from the API."""
    kurus = value if isinstance(value, int) and not isinstance(value, bool) else parse_amount(value)
    if not 0 < kurus <= MAX_AMOUNT_KURUS:
        raise FieldProblem(errors.ERR_AMOUNT_RANGE)
    return kurus


def _national_id(value) -> str:
    """11 digits, kept as sent: a number failing its checksum (a typo) is not linked by it, but by record linkage."""
    text = re.sub(r"\s", "", str(value))
    if not (text.isascii() and text.isdigit() and len(text) == 11):
        raise FieldProblem(errors.ERR_ID_FORMAT)
    return text


# field -> (parser, required); the order is the order problems are reported in.
PARSERS = {
    "reference": (parse_text(64), True),
    "kind": (_choice(enums.AidKind), True),
    "need": (_choice(enums.NeedCategory), True),
    "amount_kurus": (_amount_kurus, False),
    "quantity": (_quantity, False),
    "unit": (parse_text(20), False),
    "given_on": (parse_date(past=True), True),
    "period_start": (parse_date(past=False), True),
    "period_end": (parse_date(past=False), True),
    "national_id": (_national_id, False),
    "first_name": (parse_text(100), False),
    "last_name": (parse_text(100), False),
    "birth_date": (parse_date(past=True), False),
    "father_name": (parse_text(100), False),
    "mother_name": (parse_text(100), False),
    "phone": (parse_text(20), False),
    "neighbourhood": (parse_text(100), False),
    "address_line": (parse_text(250), False),
}


@dataclass
class Checked:
    """One record's values (model field names), its problems, and what it named by id."""

    values: dict = field(default_factory=dict)
    problems: list[tuple[str, Reason, dict]] = field(default_factory=list)
    person: object = None
    household: object = None

    def content_hash(self) -> str:
        body = {name: self.values.get(name) for name in CONTENT_FIELDS}
        return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


class Places:
    """The districts records name (by pcode or by province and district names), looked up once each."""

    def __init__(self, actor, office):
        self.actor, self.office = actor, office
        self._cache: dict = {}

    def default(self) -> District | None:
        return self.office.district if self.office.district_id else None

    def by_pcode(self, pcode: str) -> District | None:
        key = ("pcode", pcode.strip().upper())
        if key not in self._cache:
            self._cache[key] = District.objects.select_related("province").filter(pcode=key[1]).first()
        return self._cache[key]

    def by_names(self, province_name: str, district_name: str) -> tuple[District | None, Reason | None, dict]:
        key = ("names", fold(province_name), fold(district_name))
        if key not in self._cache:
            province = province_by_name(province_name) if province_name else None
            if province_name and province is None:
                self._cache[key] = (None, errors.ERR_UNKNOWN_PROVINCE, {"value": province_name})
            else:
                province = province or (self.office.province if self.office.province_id else None)
                found = district_by_name(province, district_name) if province else None
                problem = None if found else errors.ERR_UNKNOWN_DISTRICT
                self._cache[key] = (found, problem, {"value": district_name})
        return self._cache[key]


def record_check(*, actor, places: Places, raw: dict) -> Checked:
    """Parse and check one record's raw values (absent or blank ones are not given)."""
    checked = Checked()
    given = {k: v for k, v in raw.items() if v is not None and str(v).strip() != ""}
    for name, (parse, required) in PARSERS.items():
        if name not in given:
            if required:
                checked.problems.append((name, errors.ERR_REQUIRED, {}))
            continue
        try:
            checked.values[name] = parse(given[name])
        except FieldProblem as problem:
            checked.problems.append((name, problem.reason, problem.params))
    _check_together(checked)
    _check_named(actor, given, checked)
    _check_place(actor, places, given, checked)
    return checked


def _check_together(checked: Checked) -> None:
    v, problems = checked.values, checked.problems
    failed = {name for name, _reason, _params in problems}
    if "amount_kurus" not in v and "quantity" not in v and not {"amount_kurus", "quantity"} & failed:
        problems.append(("amount_kurus", errors.ERR_AMOUNT_OR_QUANTITY, {}))
    if "quantity" in v and not v.get("unit"):
        problems.append(("unit", errors.ERR_UNIT_REQUIRED, {}))
    start, end = v.get("period_start"), v.get("period_end")
    if start and end and end < start:
        problems.append(("period_end", errors.ERR_PERIOD_ORDER, {}))
    elif start and end and (end - start).days > MAX_PERIOD_DAYS:
        problems.append(("period_end", errors.ERR_PERIOD_LONG, {}))
    for name in ("first_name", "last_name", "father_name", "mother_name", "unit", "phone"):
        v.setdefault(name, "")
    v.setdefault("national_id", "")
    v.setdefault("neighbourhood", "")
    v.setdefault("address_line", "")


def _check_named(actor, given: dict, checked: Checked) -> None:
    """A person or household named by id: read as a URL would read it (outside the jurisdiction: not found)."""
    v = checked.values
    if given.get("household_id"):
        checked.household = registry_selectors.access_household_by_id(user=actor, household_id=given["household_id"])
    if given.get("person_id"):
        checked.person = registry_selectors.access_person_by_id(user=actor, person_id=given["person_id"])
    v["named_person_id"] = str(checked.person.pk) if checked.person else None
    v["named_household_id"] = str(checked.household.pk) if checked.household else None
    named = checked.person or checked.household
    has_name = v.get("first_name") and v.get("last_name")
    failed = {name for name, _reason, _params in checked.problems}
    if not (named or v.get("national_id") or has_name or "national_id" in failed):
        checked.problems.append(("national_id", errors.ERR_NO_IDENTITY, {}))


def _check_place(actor, places: Places, given: dict, checked: Checked) -> None:
    """The record's district: the named household's, else the one given, else the office's own district."""
    if checked.household is not None:
        district = checked.household.district
    elif checked.person is not None and (home := registry_selectors.person_current_household(person=checked.person)):
        district = home.district
    elif given.get("district_pcode"):
        district = places.by_pcode(str(given["district_pcode"]))
        if district is None:
            checked.problems.append(("district", errors.ERR_UNKNOWN_DISTRICT, {"value": given["district_pcode"]}))
            return
    elif given.get("district"):
        district, problem, params = places.by_names(str(given.get("province", "")), str(given["district"]))
        if problem is not None:
            field_name = "province" if problem is errors.ERR_UNKNOWN_PROVINCE else "district"
            checked.problems.append((field_name, problem, params))
            return
    else:
        district = places.default()
        if district is None:
            checked.problems.append(("district", errors.ERR_NO_DISTRICT, {}))
            return
    if not district_in_jurisdiction(actor, district):
        checked.problems.append(("district", errors.ERR_OUTSIDE_JURISDICTION, {"district": district.name}))
        return
    checked.values["district_id"] = district.pk
    checked.values["province_id"] = district.province_id


def valid_national_id(value: str) -> bool:
    """A number records are linked by at once: a TC Kimlik No (or a foreigner's 99…) that passes its checksum."""
    return bool(value) and identity.is_valid_identity_number(value)
