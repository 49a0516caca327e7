"""Reads for eligibility: one household's engine input from the registry, stored determinations and reasons."""

from __future__ import annotations

import datetime as dt
from operator import attrgetter
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from refah.accounts.selectors import office_for_user
from refah.common.errors import NotFoundError
from refah.common.money import format_tl, kurus_to_tl
from refah.eligibility.custom import CustomProgram as EngineProgram
from refah.eligibility.custom import CustomProgramError, compile_program, payment_text
from refah.eligibility.entities import CODE_LISTS, COUNTED_INCOME
from refah.eligibility.explain import WORDS, alternative_item, sentence
from refah.eligibility.models import CustomProgram, CustomProgramStatus, Determination, Rulebook
from refah.eligibility.other_aid_reading import household_other_aid
from refah.eligibility.provided import provided_household
from refah.eligibility.result import Condition
from refah.registry import selectors as registry_selectors
from refah.registry.enums import REGISTERED_SOURCES
from refah.registry.facts import Entity, Fact, Kind, Reading, facts_of
from refah.registry.models import Household, SchoolAttendance, registered_first

ERR_CUSTOM_PROGRAM_NOT_FOUND = gettext_lazy("Custom program not found.")
_COUNTED_KINDS = {kind for kind, counted in zip(CODE_LISTS["income_kind"], COUNTED_INCOME, strict=True) if counted}


def household_inputs(*, household: Household, day: dt.date) -> dict[str, Any] | None:
    """The household on `day` in the screener's JSON shape (registry selectors); None without members."""
    reading = household_reading(household=household, day=day)
    return reading[0] if reading else None


def household_reading(
    *, household: Household, day: dt.date, except_giver_ids: list | None = None
) -> tuple[dict[str, Any], list[str]] | None:
    """(household_inputs(), the members' person ids in the order of its members); None without members. The
    determination writer stores the recipient the engine chose (a member's row) by that id.

    Same reading as db_batch: members alive on the day with their recorded flags (check-ups null when not
    asked), incomes in force (monthly equivalent), assets held, the latest school attendance up to the period,
    other givers' aid over the months before it (other_aid_reading; `except_giver_ids` replaces the own givers),
    the facts apps above eligibility provide (provided.py; "not given" where none is).
    """
    memberships = [
        m
        for m in registry_selectors.members_on(household=household, on=day)
        if m.person.deceased_on is None or m.person.deceased_on > day
    ]
    if not memberships:
        return None
    memberships.sort(key=lambda m: (m.person.birth_date, m.person.pk.hex))
    income: dict[Any, int] = {}
    for source in registered_first(registry_selectors.household_incomes(household=household, on=day), "person_id"):
        if source.kind in _COUNTED_KINDS:
            income[source.person_id] = income.get(source.person_id, 0) + source.monthly_kurus()
    absence = _absence_days(person_ids=[m.person_id for m in memberships], day=day)
    person_ids = [m.person.pk.hex for m in memberships]
    provided, provided_members = provided_household(household_id=household.pk, person_ids=person_ids, day=day)
    members = []
    for m in memberships:
        member = {}
        for fact in facts_of(Entity.PERSON):
            if fact.reading == Reading.RECORD:
                member[fact.screener_key] = _json_value(fact, attrgetter(fact.field)(m))
            elif fact.reading == Reading.SCHOOL_ATTENDANCE:
                member[fact.screener_key] = absence.get(m.person_id)
            elif fact.reading == Reading.INCOME_SUM:
                member[fact.screener_key] = str(kurus_to_tl(income.get(m.person_id, 0)))
            elif fact.reading == Reading.PROVIDED:
                member[fact.screener_key] = _given(provided_members[m.person.pk.hex][fact.name])
        members.append(member)
    data = {
        fact.screener_key: _json_value(fact, attrgetter(fact.field)(household))
        for fact in facts_of(Entity.HOUSEHOLD, reading=Reading.RECORD)
    }
    if facts_of(Entity.HOUSEHOLD, reading=Reading.ASSET_SUM):
        data["assets"] = _assets(household=household, day=day)
    for fact in facts_of(Entity.HOUSEHOLD, reading=Reading.OTHER_AID):
        aid = household_other_aid(household_id=household.pk, day=day, except_giver_ids=except_giver_ids)
        data[fact.screener_key] = str(kurus_to_tl(aid))
    for fact in facts_of(Entity.HOUSEHOLD, reading=Reading.PROVIDED):
        data[fact.screener_key] = _given(provided[fact.name])
    return {**data, "members": members}, person_ids


def _given(value: int) -> int | None:
    """A provided fact as the screener's JSON gives it: -1 ("none" of a nullable fact) is not given."""
    return None if value < 0 else value


def _json_value(fact: Fact, value: Any) -> Any:
    """A recorded value as the screener's JSON gives it: money in TL (a string), dates in ISO."""
    if fact.kind == Kind.MONEY:
        return str(kurus_to_tl(value))
    return value.isoformat() if fact.kind == Kind.DATE else value


def _absence_days(*, person_ids: list, day: dt.date) -> dict[Any, int]:
    """Absence days of the latest reported month up to `day`, per person."""
    latest: dict[Any, int] = {}
    rows = SchoolAttendance.objects.filter(person_id__in=person_ids, month__lte=day).order_by("person_id", "month")
    for person_id, days in rows.values_list("person_id", "absence_days"):
        latest[person_id] = days
    return latest


def _assets(*, household: Household, day: dt.date) -> list[dict[str, str]]:
    held = household.assets.filter(Q(acquired_on__isnull=True) | Q(acquired_on__lte=day)).filter(
        Q(disposed_on__isnull=True) | Q(disposed_on__gt=day)
    )
    counted = registered_first(held.only("household_id", "kind", "value_kurus", "source"), "household_id")
    return [{"kind": asset.kind, "value": str(kurus_to_tl(asset.value_kurus))} for asset in counted]


def determination_list(*, user, household_id, period: dt.date | None = None) -> tuple[Household, QuerySet]:
    """A household in the user's jurisdiction (else NotFoundError) and its stored determinations."""
    household = registry_selectors.access_household_by_id(user=user, household_id=household_id)
    determinations = Determination.objects.filter(household=household).order_by("-period", "program")
    if period is not None:
        determinations = determinations.filter(period=period)
    return household, determinations


def reasons_render(*, determination: Determination, lang: str, rulebook: Rulebook | None = None) -> list[dict]:
    """A stored determination's reasons as sentences in `lang`, from the rulebook's labels."""
    if rulebook is None:
        rulebook = Rulebook.objects.filter(version=determination.rulebook_version, period=determination.period).first()
    labels = rulebook.labels if rulebook else {}
    items = []
    for reason in determination.reasons:
        label = labels.get(reason["code"])
        if label is None:
            text = WORDS[lang]["not_in_force"] if reason["code"].endswith(".not_in_force") else reason["code"]
            items.append({"code": reason["code"], "passed": reason["passed"], "text": text})
            continue
        if label["level"] == "person" and reason.get("member") is None:
            continue
        if label.get("quiet") and not reason.get("lhs"):
            continue
        condition = Condition(
            reason["code"],
            label["subject"],
            reason["passed"],
            reason["lhs"],
            label["op"],
            reason["rhs"],
            label["kind"],
            label["note"],
        )
        text = sentence(condition, 0, lang, bool(reason["passed"]))
        if reason.get("member"):
            text = f"{WORDS[lang]['member'].format(n=reason['member'])}: {text}"
        items.append({"code": reason["code"], "passed": reason["passed"], "text": text})
    return _alternatives_marked(items, labels, lang)


def _alternatives_marked(items: list[dict], labels: dict, lang: str) -> list[dict]:
    """Failed alternatives (conditions sharing an any_of tag) say so: a condition passed when none of its items
    failed, and a group is met when one of its conditions passed."""
    group_of = {item["code"]: labels.get(item["code"], {}).get("any_of") for item in items}
    failed = {item["code"] for item in items if not item["passed"]}
    met: dict[str, bool] = {}
    for code, group in group_of.items():
        if group:
            met[group] = met.get(group, False) or code not in failed
    return [
        alternative_item(item, met[group_of[item["code"]]], lang) if group_of[item["code"]] else item for item in items
    ]


def custom_program_list(*, user) -> QuerySet[CustomProgram]:
    """Custom programs a user may see: their own office's; the ministry (a national office) sees every office's,
    ordered by office so the screen can group them. Who may approve is decided by the services, not here."""
    office = office_for_user(user)
    if office is None:
        return CustomProgram.objects.none()
    programs = CustomProgram.objects.select_related("office", "proposed_by", "decided_by")
    if not office.is_national:
        programs = programs.filter(office=office)
    return programs.order_by("office__name", "office_id", "code")


def access_custom_program_by_id(*, user, program_id) -> CustomProgram:
    """A custom program of the user's own office (the one a decision on it may come from); any other id,
    another office's program included, is "not found". Who may decide is the services' check."""
    office = office_for_user(user)
    program = CustomProgram.objects.filter(pk=program_id, office=office).first() if office else None
    if program is None:
        raise NotFoundError(ERR_CUSTOM_PROGRAM_NOT_FOUND)
    return program


def custom_program_approved(*, code: str) -> EngineProgram | None:
    """The compiled approved custom program behind an engine code (`<code>_<office hex[:8]>`), else None.

    Its `payment` (method, purse, item, recipient) and frequency say how the payments app pays it.
    """
    custom_code, _sep, office = code.rpartition("_")
    if not custom_code or len(office) != 8:
        return None
    for record in CustomProgram.objects.filter(code=custom_code, status=CustomProgramStatus.APPROVED):
        if record.office_id.hex.startswith(office):
            return compile_program(record)
    return None


def custom_program_payment_text(*, record: CustomProgram) -> str:
    """How a stored custom program is paid, in the active language ("" if its definition no longer compiles)."""
    try:
        return payment_text(compile_program(record).payment)
    except (CustomProgramError, TypeError, ValueError, AttributeError):
        return ""


def inputs_sources(*, household: Household, day: dt.date, lang: str) -> list[dict[str, Any]]:
    """The incomes and assets the rules read on `day`, each with who says it and whether it counts.

    Registered before declared, kind by kind (registry.models.registered_first): a declared row that an
    institution's row of its kind replaces is listed as not counted, so a reason's figure can be traced to its source.
    """
    incomes = list(registry_selectors.household_incomes(household=household, on=day))
    counted = {i.pk for i in registered_first(incomes, "person_id")}
    rows = [
        {
            "subject": income.person.full_name,
            "what": income.get_kind_display(),
            "value": format_tl(income.monthly_kurus(), lang),
            "source": income.get_source_display(),
            "registered": income.source in REGISTERED_SOURCES,
            "since": income.start_date,
            "counted": income.pk in counted and income.kind in _COUNTED_KINDS,
        }
        for income in sorted(incomes, key=lambda i: (i.person.birth_date, i.kind, i.source))
    ]
    held = list(
        household.assets.filter(Q(acquired_on__isnull=True) | Q(acquired_on__lte=day))
        .filter(Q(disposed_on__isnull=True) | Q(disposed_on__gt=day))
        .order_by("kind", "source")
    )
    counted_assets = {a.pk for a in registered_first(held, "household_id")}
    rows += [
        {
            "subject": "",
            "what": asset.get_kind_display(),
            "value": format_tl(asset.value_kurus, lang),
            "source": asset.get_source_display(),
            "registered": asset.source in REGISTERED_SOURCES,
            "since": asset.acquired_on,
            "counted": asset.pk in counted_assets,
        }
        for asset in held
    ]
    return rows
