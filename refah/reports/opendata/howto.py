"""What the public page "How aid is decided" shows, every figure read from where the system keeps it: the need
score's weights (eligibility/parameters/need_score.yaml, the version in force), each program's legal source and
parameters in force today (the dated YAML values with the approved database values over them), the committees'
rules and make-up (refah.committees: counts by role, never names), the service deadlines and the objection path
(refah.cases.deadlines), and the public ledger's totals (refah.audit.ledger), suppressed like every table here."""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from refah.common.errors import NotFoundError
from refah.common.i18n import active_language
from refah.common.money import format_tl
from refah.reports.suppression import ALL, default_threshold, suppress_cube

COMPONENT_LABELS = {
    "income": gettext_lazy("Income per person"),
    "household_size": gettext_lazy("Household size"),
    "dependency_ratio": gettext_lazy("Dependants per working-age member"),
    "disability_illness": gettext_lazy("Disability and chronic illness"),
    "elderly_alone": gettext_lazy("Elderly people living alone"),
    "children_school": gettext_lazy("Children and school attendance"),
    "housing": gettext_lazy("Housing and crowding"),
    "heating": gettext_lazy("Heating"),
    "assets": gettext_lazy("Assets (vehicles, real estate, land, livestock)"),
    "region": gettext_lazy("Province's development and rural areas"),
}
TABLE_LIMIT = 12  # a parameter table with more entries (per province…) is summarised, not listed


def need_score_published(day: dt.date) -> dict:
    """The need score in force on `day`: version, start, components with their weight (share of 100)."""
    from refah.eligibility import need_score

    versions = need_score.load_versions()
    start, version = [(s, v) for s, v in versions if s <= day][-1]
    spec = version["components"]
    total = sum(float(spec[name]["weight"]) for name in need_score.COMPONENTS)
    lang = active_language()
    components = [
        {
            "code": name,
            "label": COMPONENT_LABELS.get(name, name),
            "weight": float(spec[name]["weight"]) * 100.0 / total,
            "rationale": _rationale(spec[name]) if lang == "en" else "",
        }
        for name in need_score.COMPONENTS
    ]
    return {"version": str(version["version"]), "since": start, "components": components, "total": 100}


def _rationale(component: dict) -> str:
    """A component's rationale as the rulebook writes it, its `parameter` names replaced by their values."""
    text = " ".join(str(component.get("rationale", "")).split())
    return re.sub(r"`(\w+)`", lambda m: str(component.get(m.group(1), m.group(1))), text)


def _number(value, lang: str) -> str:
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}" if value.denominator != 1 else str(value.numerator)
    if isinstance(value, float):
        text = f"{value:g}"
        return text.replace(".", ",") if lang == "tr" else text
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        text = f"{value:,}"
        return text.replace(",", ".") if lang == "tr" else text
    return str(value)


def format_value(value, unit: str, lang: str) -> str:
    """A parameter's value in force as people read it: money in TL, ratios as fractions, tables as pairs."""
    from refah.eligibility.catalogue import unit_label

    if isinstance(value, dict):
        if len(value) > TABLE_LIMIT:
            return _("a table of %(count)d values (one per province or band)") % {"count": len(value)}
        return "; ".join(f"{key}: {format_value(item, unit, lang)}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(format_value(item, unit, lang) for item in value)
    if unit == "TRY":
        return format_tl(int(value), lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    word = unit_label(unit, lang)
    text = _number(value, lang)
    return f"{text} {word}" if unit in ("kg", "percent", "years", "months", "days", "km", "places") else text


def programs_published(day: dt.date) -> list[dict]:
    """Each coded program with its name, legal source, unit and its parameters in force on `day`."""
    from refah.eligibility import catalogue
    from refah.eligibility.errors import ParameterNotInForce
    from refah.eligibility.overlay import overrides_on
    from refah.eligibility.params import ParameterSet, load_parameters
    from refah.eligibility.rules import PROGRAMS

    lang = active_language()
    values = ParameterSet(day, overrides_on(day))
    parameters = load_parameters()
    out = []
    for code, module in PROGRAMS.items():
        rows = []
        for name, parameter in parameters.items():
            if not name.startswith(f"{code}."):
                continue
            try:
                value = values(name)
                entry = parameter.entry_at(day)
            except ParameterNotInForce:
                continue
            overridden = name in values.overrides
            rows.append(
                {
                    "name": name,
                    "description": parameter.description[lang],
                    "value": format_value(value, parameter.unit, lang),
                    "reference": "" if overridden else entry.reference[lang],
                    "since": None if overridden else entry.start,
                }
            )
        out.append(
            {
                "code": code,
                "label": module.LABEL[lang],
                "source": catalogue.program_source(code, lang),
                "unit": catalogue.unit_label(catalogue.program_unit(code), lang),
                "frequencies": [str(_frequency(f)) for f in getattr(module, "FREQUENCIES", ())],
                "parameters": rows,
            }
        )
    return out


def _frequency(code: str):
    from refah.eligibility.models import Frequency

    return Frequency(code).label if code in Frequency.values else code


def _fraction_text(num: int, den: int, strict: bool, base: str) -> str:
    if strict:
        return _("more than %(num)d/%(den)d of %(base)s") % {"num": num, "den": den, "base": base}
    return _("at least %(num)d/%(den)d of %(base)s") % {"num": num, "den": den, "base": base}


def committees_published(*, province_pcode: str = "", day: dt.date) -> list[dict]:
    """Active committees (of a province when given) with their rules and sitting members counted by role and
    title; no member is named."""
    from refah.committees.enums import CommitteeKind, MajorityBase, MemberRole
    from refah.committees.models import Committee, CommitteeMember

    committees = Committee.objects.filter(active=True).select_related("office")
    if province_pcode:
        committees = committees.filter(
            Q(office__province__pcode=province_pcode) | Q(office__district__province__pcode=province_pcode)
        )
    committees = list(committees.order_by("office__name", "name"))
    sitting = (
        CommitteeMember.objects.filter(committee__in=committees, since__lte=day)
        .filter(Q(until__isnull=True) | Q(until__gte=day))
        .values("committee_id", "role", "title", external=Q(user__isnull=True))
        .annotate(n=Count("id"))
        .order_by("committee_id", "role", "title")
    )
    members: dict = {}
    for row in sitting:
        members.setdefault(row["committee_id"], []).append(row)
    out = []
    for committee in committees:
        rows = members.get(committee.pk, [])
        chair = sum(r["n"] for r in rows if r["role"] == MemberRole.CHAIR)
        external = sum(r["n"] for r in rows if r["external"])
        titles: dict[str, int] = {}
        for r in rows:
            title = (r["title"] or "").strip() or (_("external member") if r["external"] else _("staff member"))
            titles[title] = titles.get(title, 0) + r["n"]
        total = sum(r["n"] for r in rows)
        base = MajorityBase(committee.majority_base).label if committee.majority_base in MajorityBase.values else ""
        out.append(
            {
                "office": committee.office.name,
                "name": committee.name,
                "kind": CommitteeKind(committee.kind).label if committee.kind in CommitteeKind.values else "",
                "legal_basis": committee.legal_basis,
                "members": total,
                "chair": chair,
                "staff": total - external,
                "external": external,
                "titles": sorted(titles.items()),
                "quorum": _fraction_text(
                    committee.quorum_num, committee.quorum_den, committee.quorum_strict, _("the sitting members")
                ),
                "majority": _fraction_text(
                    committee.majority_num, committee.majority_den, committee.majority_strict, str(base).lower()
                ),
                "chair_breaks_tie": committee.chair_breaks_tie,
            }
        )
    return out


def recusal_reasons() -> list[str]:
    from refah.committees.enums import RecusalReason

    return [str(label) for label in RecusalReason.labels]


def deadlines_published(day: dt.date) -> dict:
    from refah.cases import deadlines

    return {name: deadlines.days(name, day) for name in deadlines.DEADLINE_DAYS}


def ledger_published() -> dict:
    """The ledger's size, its latest signed head and its totals per kind of entry (decisions, payments), the kind
    totals taken from a table over kind × program × period suppressed like every table here."""
    from refah.audit import ledger

    raw = ledger.ledger_totals(min_count=1)  # every cell: suppressed below, with all its margins
    records = [
        {
            "kind": r["kind"],
            "program": r["program"] or "",
            "period": r["period"] or "",
            "count": r["count"],
            "amount_kurus": int(r["amount_kurus"] or 0),
        }
        for r in raw
    ]
    table = suppress_cube(records, ["kind", "program", "period"], count="count", measures=["amount_kurus"])
    lang = active_language()
    kinds = [
        {**row, "amount_tl": format_tl(row["amount_kurus"], lang) if row["amount_kurus"] is not None else None}
        for row in table
        if row["kind"] != ALL and row["program"] == ALL and row["period"] == ALL
    ]
    try:
        head = ledger.ledger_head()
    except NotFoundError:
        head = None
    return {"coverage": ledger.ledger_coverage(), "head": head, "kinds": kinds, "threshold": default_threshold()}


def how_aid_is_decided(*, province_pcode: str = "", day: dt.date | None = None) -> dict:
    day = day or timezone.localdate()
    programs = programs_published(day)
    score = need_score_published(day)
    score["cutoffs"] = [
        {"program": program["label"], "value": parameter["value"]}
        for program in programs
        for parameter in program["parameters"]
        if parameter["name"].endswith(".need_score_cutoff")
    ]
    return {
        "day": day,
        "need_score": score,
        "programs": programs,
        "committees": committees_published(province_pcode=province_pcode, day=day),
        "recusal_reasons": recusal_reasons(),
        "deadlines": deadlines_published(day),
        "ledger": ledger_published(),
    }
