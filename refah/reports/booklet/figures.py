"""The province booklet's figures: one function per section, computed set-wise (SQL GROUP BY) from the other apps'
records for one province and year, every count of persons, households or records passed through suppression.py
with the province's districts as the groups (docs/reports-booklet.md defines each figure).

Counts of offices and institutions and their places are public facts about the services, not about people: they
are shown as they are. Women's shelters and ŞÖNİM are left out: their records are sealed and the shelters app
offers no aggregate of them (section_women says so in the booklet).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, F, OuterRef, Q, Subquery, Sum, Value, When
from django.utils.translation import gettext_lazy as _

from refah.accounts.enums import OfficeKind
from refah.accounts.models import Office
from refah.aidrecords.enums import GiverKind
from refah.aidrecords.models import AidRecord
from refah.asdep.enums import VisitOutcome
from refah.asdep.models import Visit as AsdepVisit
from refah.care.enums import AdoptionStage, DecisionKind, InstitutionKind
from refah.care.models import AdoptionRecord, FosterPlacement, Institution, Placement, ProtectionDecision
from refah.cases.enums import Outcome
from refah.cases.models import Application, ProgramDecision
from refah.casework.enums import SEALED_KINDS, ServiceKind
from refah.casework.models import Referral, SocialCase
from refah.eligibility.catalogue import program_label
from refah.entitlements.enums import CardBasis, VeteranStatus
from refah.entitlements.models import TravelCard, VeteranRecord
from refah.geo.models import District, Province
from refah.payments.enums import EntitlementStatus, LineStatus
from refah.payments.models import Entitlement, PaymentLine
from refah.registry.enums import Sex
from refah.registry.models import Household
from refah.reports.suppression import ALL, suppress_cube

CHILD_KINDS = (InstitutionKind.CHILD_HOME, InstitutionKind.CHILD_HOME_SITE, InstitutionKind.CHILD_SUPPORT_CENTRE)
ELDERLY_DISABLED_KINDS = (
    InstitutionKind.ELDERLY_HOME,
    InstitutionKind.ELDERLY_DAY_CENTRE,
    InstitutionKind.CARE_REHAB_CENTRE,
    InstitutionKind.UMUT_EVI,
    InstitutionKind.PRIVATE_CARE_CENTRE,
)
FOSTER = "foster"
ELDERLY_DISABLED_PROGRAMS = ("home_care", "old_age_pension", "disability_pension")
PAID = (EntitlementStatus.PAID, EntitlementStatus.DELIVERED)
MONEY = "TRY"


@dataclass
class Table:
    """A table of the booklet: rows are the districts and the province (ALL), columns the kinds (with ALL when
    `total_column`); `cells[(row, column)]` a count or None (hidden), `amounts` kuruş or None, alike."""

    key: str
    title: str
    columns: list[tuple[object, str]]
    rows: list[tuple[object, str]]
    cells: dict[tuple, int | None]
    amounts: dict[tuple, int | None] | None = None
    total_column: bool = False
    note: str = ""

    def value(self, row=ALL, column=ALL) -> int | None:
        return self.cells.get((row, column))

    def amount(self, row=ALL, column=ALL) -> int | None:
        return None if self.amounts is None else self.amounts.get((row, column))

    @property
    def has_hidden(self) -> bool:
        return any(v is None for v in self.cells.values())


@dataclass
class Section:
    key: str
    title: str
    text: str
    facts: list[tuple[str, str]] = field(default_factory=list)  # (label, value) public facts, not suppressed
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Booklet:
    province: Province
    year: int
    districts: list[District]
    sections: list[Section]
    map_values: dict[str, float | None]  # district P-code → households helped per 1,000 registered households
    data_until: dt.date  # the last day of the year, or the day the figures were computed if the year is not over


# ------------------------------------------------------------------------------------------------ building tables


def _rows(districts: list[District]) -> list[tuple[object, str]]:
    return [(d.pk, d.name) for d in districts] + [(ALL, str(_("Province total")))]


def district_series(
    key: str,
    title,
    districts: list[District],
    series: Mapping[str, tuple[object, Mapping[int, int]]],
    *,
    amounts: Mapping[str, Mapping[int, int]] | None = None,
    note: str = "",
) -> Table:
    """A table of independent figures (columns) per district, each suppressed on its own over the districts and
    the province total; `amounts` (kuruş per district) follow their column's count."""
    cells, money = {}, {} if amounts is not None else None
    for code, (_label, counts) in series.items():
        records = [{"district": d.pk, "count": int(counts.get(d.pk, 0) or 0)} for d in districts]
        measures = []
        if amounts is not None and code in amounts:
            for record in records:
                record["amount"] = int(amounts[code].get(record["district"], 0) or 0)
            measures = ["amount"]
        for row in suppress_cube(records, ["district"], measures=measures):
            cells[(row["district"], code)] = row["count"]
            if money is not None and measures:
                money[(row["district"], code)] = row["amount"]
    columns = [(code, str(label)) for code, (label, _counts) in series.items()]
    return Table(key, str(title), columns, _rows(districts), cells, money, note=note)


def district_by_kind(
    key: str,
    title,
    districts: list[District],
    kinds: Iterable[tuple[object, object]],
    counts: Mapping[tuple[int, object], int],
    *,
    amounts: Mapping[tuple[int, object], int] | None = None,
    total_column: bool = True,
    note: str = "",
) -> Table:
    """A district × kind table with all margins, suppressed as one cube (no cell derivable from the others)."""
    kinds = [(code, str(label)) for code, label in kinds]
    records = []
    for d in districts:
        for code, _label in kinds:
            record = {"district": d.pk, "kind": code, "count": int(counts.get((d.pk, code), 0) or 0)}
            if amounts is not None:
                record["amount"] = int(amounts.get((d.pk, code), 0) or 0)
            records.append(record)
    measures = ["amount"] if amounts is not None else []
    cells, money = {}, {} if amounts is not None else None
    for row in suppress_cube(records, ["district", "kind"], measures=measures):
        cells[(row["district"], row["kind"])] = row["count"]
        if money is not None:
            money[(row["district"], row["kind"])] = row["amount"]
    columns = kinds + ([(ALL, str(_("Total")))] if total_column else [])
    return Table(key, str(title), columns, _rows(districts), cells, money, total_column, note)


def _by_district(qs, district_field: str, *, distinct: str | None = None) -> dict[int, int]:
    counter = Count(distinct, distinct=True) if distinct else Count("pk")
    return {row[district_field]: row["n"] for row in qs.values(district_field).annotate(n=counter).order_by()}


def _by_district_kind(qs, district_field: str, kind_field: str, *, distinct: str | None = None) -> dict:
    counter = Count(distinct, distinct=True) if distinct else Count("pk")
    rows = qs.values(district_field, kind_field).annotate(n=counter).order_by()
    return {(row[district_field], row[kind_field]): row["n"] for row in rows}


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _active_at(end: dt.date, start_field: str, end_field: str) -> Q:
    return Q(**{f"{start_field}__lte": end}) & (Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gt": end}))


def paid_entitlements(province: Province, year: int):
    """Entitlements of the province's households for the year's months that reached the household: paid (its
    latest payment line, or the aid card's purse) or delivered in kind."""
    start, end = _year(year)
    latest = PaymentLine.objects.filter(entitlement=OuterRef("pk")).order_by("-id").values("status")[:1]
    state = Case(
        When(latest_line=LineStatus.PENDING, then=Value(EntitlementStatus.BATCHED.value)),
        When(latest_line__isnull=False, then=F("latest_line")),
        default=F("status"),
        output_field=CharField(),
    )  # the entitlement's payment state as Entitlement.objects.with_payment_status() gives it, as a filter only
    return (
        Entitlement.objects.filter(household__province=province, period_start__gte=start, period_start__lte=end)
        .alias(latest_line=Subquery(latest))
        .alias(payment_state=state)
        .filter(payment_state__in=PAID)
    )


def _fmt_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# ------------------------------------------------------------------------------------------------ sections


def section_family(province: Province, year: int, districts: list[District]) -> Section:
    start, end = _year(year)
    shm = Office.objects.filter(kind=OfficeKind.SHM, province=province).count()
    cases = SocialCase.objects.filter(household__province=province)
    district = "household__district_id"
    opened = _by_district(cases.filter(opened_on__gte=start, opened_on__lte=end), district)
    closed = _by_district(cases.filter(closed_on__gte=start, closed_on__lte=end), district)
    still_open = _by_district(cases.filter(_active_at(end, "opened_on", "closed_on")), district)
    case_table = district_series(
        "shm_cases",
        _("SHM cases"),
        districts,
        {
            "opened": (_("Opened"), opened),
            "closed": (_("Closed"), closed),
            "open": (_("Open at the end of the year"), still_open),
        },
    )
    visits = AsdepVisit.objects.filter(
        household__province=province, outcome=VisitOutcome.VISITED, visited_on__gte=start, visited_on__lte=end
    )
    asdep_table = district_series(
        "asdep",
        _("ASDEP household visits"),
        districts,
        {
            "visits": (_("Visits made"), _by_district(visits, district)),
            "households": (_("Households visited"), _by_district(visits, district, distinct="household_id")),
        },
    )
    referrals = Referral.objects.filter(
        household__province=province, created_at__date__gte=start, created_at__date__lte=end
    ).exclude(service__kind__in=SEALED_KINDS)
    kinds = [(k.value, k.label) for k in ServiceKind if k not in SEALED_KINDS]
    counts = _by_district_kind(referrals, district, "service__kind")
    used = {kind for (_d, kind), n in counts.items() if n}
    kinds = [k for k in kinds if k[0] in used] or kinds[:1]
    referral_table = district_by_kind("referrals", _("Referrals to services, by kind"), districts, kinds, counts)
    return Section(
        "family",
        str(_("Family and community services")),
        str(
            _(
                "Social Service Centres (SHM) work with families case by case; the Family Social Support Programme "
                "(ASDEP) visits households at home to find their needs, and both refer them to the services."
            )
        ),
        facts=[(str(_("Social Service Centres (SHM)")), _fmt_int(shm))],
        tables=[case_table, asdep_table, referral_table],
    )


def section_children(province: Province, year: int, districts: list[District]) -> Section:
    start, end = _year(year)
    district = "household__district_id"
    decisions = ProtectionDecision.objects.filter(
        household__province=province, decided_on__gte=start, decided_on__lte=end
    )
    decision_table = district_by_kind(
        "protection",
        _("Protection and support decisions taken, by measure"),
        districts,
        [(k.value, k.label) for k in DecisionKind],
        _by_district_kind(decisions, district, "kind"),
    )
    placements = Placement.objects.filter(household__province=province, institution__kind__in=CHILD_KINDS).filter(
        _active_at(end, "started_on", "ended_on")
    )
    in_care = _by_district_kind(placements, district, "institution__kind")
    fostered = FosterPlacement.objects.filter(household__province=province).filter(
        _active_at(end, "started_on", "ended_on")
    )
    for d, n in _by_district(fostered, district).items():
        in_care[(d, FOSTER)] = n
    care_kinds = [(k.value, k.label) for k in CHILD_KINDS] + [(FOSTER, _("Foster family"))]
    care_table = district_by_kind(
        "children_in_care", _("Children in care at the end of the year, by kind"), districts, care_kinds, in_care
    )
    paid = paid_entitlements(province, year)
    sed = paid.filter(program="sed")
    adoptions = AdoptionRecord.objects.filter(
        household__province=province, stage=AdoptionStage.DECIDED, decided_on__gte=start, decided_on__lte=end
    )
    other_table = district_series(
        "sed_adoption",
        _("Socio-economic support (SED) and adoption"),
        districts,
        {
            "sed": (_("Households paid SED"), _by_district(sed, district, distinct="household_id")),
            "adopted": (_("Adoptions decided"), _by_district(adoptions, district)),
        },
    )
    return Section(
        "children",
        str(_("Child services")),
        str(
            _(
                "Children in need of protection are cared for in child homes, child home sites and support centres "
                "or by foster families; socio-economic support (SED) helps a family keep its child at home."
            )
        ),
        facts=_institution_facts(province, CHILD_KINDS),
        tables=[decision_table, care_table, other_table],
    )


def section_women(province: Province, year: int, districts: list[District]) -> Section:
    district = "household__district_id"
    paid = paid_entitlements(province, year)
    women = paid.filter(recipient__sex=Sex.FEMALE)
    widows = paid.filter(program="widow_aid", unit=MONEY)
    widow_amounts = {
        row[district]: row["amount"] for row in widows.values(district).annotate(amount=Sum("amount_kurus")).order_by()
    }
    table = district_series(
        "women",
        _("Women receiving social assistance"),
        districts,
        {
            "recipients": (_("Women paid aid as recipients"), _by_district(women, district, distinct="recipient_id")),
            "widow_aid": (_("Households paid widow aid"), _by_district(widows, district, distinct="household_id")),
        },
        amounts={"widow_aid": widow_amounts},
    )
    return Section(
        "women",
        str(_("Women's services")),
        str(
            _(
                "Social assistance reaches many women directly: the aid is paid to the mother or to the woman of "
                "the household, and widows receive their own aid."
            )
        ),
        tables=[table],
        notes=[
            str(
                _(
                    "Violence prevention centres (ŞÖNİM) and women's shelters keep sealed records that no report "
                    "reads, and they publish no aggregate figures through this system; so this booklet gives no "
                    "figures about them, to protect the women they serve."
                )
            )
        ],
    )


def section_elderly(province: Province, year: int, districts: list[District]) -> Section:
    _start, end = _year(year)
    district = "household__district_id"
    placements = Placement.objects.filter(
        household__province=province, institution__kind__in=ELDERLY_DISABLED_KINDS
    ).filter(_active_at(end, "started_on", "ended_on"))
    kinds = [(k.value, k.label) for k in ELDERLY_DISABLED_KINDS]
    care_table = district_by_kind(
        "care_placements",
        _("Persons in care institutions at the end of the year, by kind"),
        districts,
        kinds,
        _by_district_kind(placements, district, "institution__kind"),
    )
    program_table = _program_table(
        "elderly_programs",
        _("Home care allowance and pensions under Law 2022"),
        province,
        year,
        districts,
        ELDERLY_DISABLED_PROGRAMS,
    )
    return Section(
        "elderly",
        str(_("Elderly and disabled services")),
        str(
            _(
                "Elderly and disabled persons are cared for in institutions, at day centres or at home, with the "
                "home care allowance paid to the family that cares for them and the pensions of Law 2022."
            )
        ),
        facts=_institution_facts(province, ELDERLY_DISABLED_KINDS),
        tables=[care_table, program_table],
    )


def section_veterans(province: Province, year: int, districts: list[District]) -> Section:
    start, end = _year(year)
    district = "household__district_id"
    records = VeteranRecord.objects.filter(household__province=province, event_date__lte=end)
    record_table = district_by_kind(
        "veterans",
        _("Martyrs' relatives and veterans on record, by status"),
        districts,
        [(k.value, k.label) for k in VeteranStatus],
        _by_district_kind(records, district, "status"),
    )
    cards = TravelCard.objects.filter(household__province=province, issued_on__gte=start, issued_on__lte=end)
    card_table = district_by_kind(
        "travel_cards",
        _("Free travel cards issued in the year, by basis"),
        districts,
        [(k.value, k.label) for k in CardBasis],
        _by_district_kind(cards, district, "basis"),
    )
    return Section(
        "veterans",
        str(_("Martyrs' relatives and veterans")),
        str(
            _(
                "Martyrs' relatives and veterans have rights of their own: employment in the public sector, "
                "education grants, free travel and others; the free travel card also serves elderly and disabled "
                "persons."
            )
        ),
        tables=[record_table, card_table],
    )


def section_assistance(province: Province, year: int, districts: list[District]) -> tuple[Section, dict]:
    start, end = _year(year)
    district = "household__district_id"
    sydv = Office.objects.filter(kind=OfficeKind.SYDV, province=province).count()
    paid = paid_entitlements(province, year)
    helped = _by_district(paid, district, distinct="household_id")
    registered = _by_district(Household.objects.filter(province=province), "district_id")
    helped_table = district_series(
        "helped",
        _("Households helped"),
        districts,
        {
            "helped": (_("Households paid at least one aid"), helped),
            "registered": (_("Households in the registry"), registered),
        },
    )
    programs = sorted(
        set(paid.filter(unit=MONEY).values_list("program", flat=True).distinct().order_by()),
        key=lambda code: program_label(code),
    )
    program_table = _program_table("programs", _("Aid paid, by program"), province, year, districts, programs)
    applications = Application.objects.filter(
        household__province=province, created_at__date__gte=start, created_at__date__lte=end
    )
    decisions = ProgramDecision.objects.filter(
        household__province=province, decided_at__date__gte=start, decided_at__date__lte=end
    )
    application_table = district_series(
        "applications",
        _("Applications received"),
        districts,
        {"applications": (_("Applications"), _by_district(applications, district))},
    )
    decision_table = district_by_kind(
        "decisions",
        _("Decisions of the boards of trustees, by outcome"),
        districts,
        [(k.value, k.label) for k in Outcome],
        _by_district_kind(decisions, district, "outcome"),
    )
    others = AidRecord.objects.filter(province=province, given_on__gte=start, given_on__lte=end)
    other_counts = _by_district_kind(others, "district_id", "giver__kind")
    other_amounts = {
        (row["district_id"], row["giver__kind"]): row["amount"] or 0
        for row in others.values("district_id", "giver__kind").annotate(amount=Sum("amount_kurus")).order_by()
    }
    other_table = district_by_kind(
        "other_givers",
        _("Aid of other givers reported to the system, by giver"),
        districts,
        [(k.value, k.label) for k in GiverKind],
        other_counts,
        amounts=other_amounts,
        note=str(_("Counts are aid records (one benefit given to one person or household).")),
    )
    map_values = {}
    for d in districts:
        n, base = helped_table.value(d.pk, "helped"), registered.get(d.pk, 0)
        map_values[d.pcode] = None if n is None or not base else round(1000 * n / base, 1)
    section = Section(
        "assistance",
        str(_("Social assistance")),
        str(
            _(
                "The Social Assistance and Solidarity Foundations (SYDV) take applications, investigate each "
                "household, decide in their boards of trustees and pay the aid programs."
            )
        ),
        facts=[(str(_("Social Assistance and Solidarity Foundations (SYDV)")), _fmt_int(sydv))],
        tables=[helped_table, program_table, application_table, decision_table, other_table],
    )
    return section, map_values


def _institution_facts(province: Province, kinds) -> list[tuple[str, str]]:
    rows = (
        Institution.objects.filter(province=province, kind__in=kinds, active=True)
        .values("kind")
        .annotate(n=Count("pk"), places=Sum("capacity"))
        .order_by()
    )
    found = {row["kind"]: row for row in rows}
    facts = []
    for kind in kinds:
        row = found.get(kind)
        if row:
            facts.append(
                (
                    str(InstitutionKind(kind).label),
                    str(_("%(n)s, %(places)s places") % {"n": _fmt_int(row["n"]), "places": _fmt_int(row["places"])}),
                )
            )
    return facts


def _program_table(key, title, province, year, districts, programs) -> Table:
    """Households paid and the amount paid per program and district (money programs, kuruş)."""
    district = "household__district_id"
    paid = paid_entitlements(province, year).filter(unit=MONEY, program__in=list(programs))
    rows = paid.values(district, "program").annotate(n=Count("household_id", distinct=True), amount=Sum("amount_kurus"))
    counts = {(row[district], row["program"]): row["n"] for row in rows.order_by()}
    amounts = {(row[district], row["program"]): row["amount"] for row in rows.order_by()}
    return district_by_kind(
        key,
        title,
        districts,
        [(code, program_label(code)) for code in programs],
        counts,
        amounts=amounts,
        total_column=False,
        note=str(_("Households paid (a household paid by two programs is counted under each) and the amount paid.")),
    )


# ------------------------------------------------------------------------------------------------ the whole booklet

SECTIONS = ("family", "children", "women", "elderly", "veterans", "assistance")


def has_data(province: Province, year: int) -> bool:
    """Whether the province has any record of the year the booklet reports (aid, applications, cases, visits)."""
    start, end = _year(year)
    return (
        Entitlement.objects.filter(household__province=province, period_start__gte=start, period_start__lte=end)
        .order_by()
        .exists()
        or Application.objects.filter(household__province=province, created_at__year=year).exists()
        or ProgramDecision.objects.filter(household__province=province, decided_at__year=year).exists()
        or SocialCase.objects.filter(household__province=province, opened_on__year=year).exists()
        or AsdepVisit.objects.filter(household__province=province, visited_on__year=year).exists()
    )


def booklet_figures(*, province: Province, year: int, today: dt.date, progress=None) -> Booklet:
    """Every section's figures; `progress(section_key)` is called before each section."""
    districts = list(District.objects.filter(province=province).order_by("name_ascii", "pk"))
    makers = [section_family, section_children, section_women, section_elderly, section_veterans]
    sections = []
    for maker, key in zip(makers, SECTIONS, strict=False):
        if progress:
            progress(key)
        sections.append(maker(province, year, districts))
    if progress:
        progress("assistance")
    assistance, map_values = section_assistance(province, year, districts)
    sections.append(assistance)
    return Booklet(province, year, districts, sections, map_values, min(today, dt.date(year, 12, 31)))
