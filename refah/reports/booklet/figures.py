"""The province booklet's figures: one function per section, computed set-wise (SQL GROUP BY) from the other apps'
records for one province and year, every count of persons, households or records passed through suppression.py
with the province's districts as the groups (docs/reports-booklet.md defines each figure).

Counts of offices and institutions and their places are public facts about the services, not about people: they
are shown as they are. Women's shelters and ŞÖNİM are left out: their records are sealed and the shelters app
offers no aggregate of them (section_women says so in the booklet).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Sum
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
from refah.payments.models import Entitlement
from refah.registry.models import Household
from refah.reports.booklet.tables import (
    Booklet,
    PaidAid,
    Section,
    Table,
    active_at,
    by_district,
    by_district_kind,
    district_by_kind,
    district_series,
    fmt_int,
    year_bounds,
)

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


# ------------------------------------------------------------------------------------------------ sections


def section_family(province: Province, year: int, districts: list[District], paid: PaidAid) -> Section:
    start, end = year_bounds(year)
    shm = Office.objects.filter(kind=OfficeKind.SHM, province=province).count()
    cases = SocialCase.objects.filter(household__province=province)
    district = "household__district_id"
    opened = by_district(cases.filter(opened_on__gte=start, opened_on__lte=end), district)
    closed = by_district(cases.filter(closed_on__gte=start, closed_on__lte=end), district)
    still_open = by_district(cases.filter(active_at(end, "opened_on", "closed_on")), district)
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
            "visits": (_("Visits made"), by_district(visits, district)),
            "households": (_("Households visited"), by_district(visits, district, distinct="household_id")),
        },
    )
    referrals = Referral.objects.filter(
        household__province=province, created_at__date__gte=start, created_at__date__lte=end
    ).exclude(service__kind__in=SEALED_KINDS)
    kinds = [(k.value, k.label) for k in ServiceKind if k not in SEALED_KINDS]
    counts = by_district_kind(referrals, district, "service__kind")
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
        facts=[(str(_("Social Service Centres (SHM)")), fmt_int(shm))],
        tables=[case_table, asdep_table, referral_table],
    )


def section_children(province: Province, year: int, districts: list[District], paid: PaidAid) -> Section:
    start, end = year_bounds(year)
    district = "household__district_id"
    decisions = ProtectionDecision.objects.filter(
        household__province=province, decided_on__gte=start, decided_on__lte=end
    )
    decision_table = district_by_kind(
        "protection",
        _("Protection and support decisions taken, by measure"),
        districts,
        [(k.value, k.label) for k in DecisionKind],
        by_district_kind(decisions, district, "kind"),
    )
    placements = Placement.objects.filter(household__province=province, institution__kind__in=CHILD_KINDS).filter(
        active_at(end, "started_on", "ended_on")
    )
    in_care = by_district_kind(placements, district, "institution__kind")
    fostered = FosterPlacement.objects.filter(household__province=province).filter(
        active_at(end, "started_on", "ended_on")
    )
    for d, n in by_district(fostered, district).items():
        in_care[(d, FOSTER)] = n
    care_kinds = [(k.value, k.label) for k in CHILD_KINDS] + [(FOSTER, _("Foster family"))]
    care_table = district_by_kind(
        "children_in_care", _("Children in care at the end of the year, by kind"), districts, care_kinds, in_care
    )
    adoptions = AdoptionRecord.objects.filter(
        household__province=province, stage=AdoptionStage.DECIDED, decided_on__gte=start, decided_on__lte=end
    )
    other_table = district_series(
        "sed_adoption",
        _("Socio-economic support (SED) and adoption"),
        districts,
        {
            "sed": (_("Households paid SED"), paid.program("sed")[0]),
            "adopted": (_("Adoptions decided"), by_district(adoptions, district)),
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


def section_women(province: Province, year: int, districts: list[District], paid: PaidAid) -> Section:
    widow_households, widow_amounts = paid.program("widow_aid")
    table = district_series(
        "women",
        _("Women receiving social assistance"),
        districts,
        {
            "recipients": (_("Women paid aid as recipients"), paid.women),
            "widow_aid": (_("Households paid widow aid"), widow_households),
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


def section_elderly(province: Province, year: int, districts: list[District], paid: PaidAid) -> Section:
    _start, end = year_bounds(year)
    district = "household__district_id"
    placements = Placement.objects.filter(
        household__province=province, institution__kind__in=ELDERLY_DISABLED_KINDS
    ).filter(active_at(end, "started_on", "ended_on"))
    kinds = [(k.value, k.label) for k in ELDERLY_DISABLED_KINDS]
    care_table = district_by_kind(
        "care_placements",
        _("Persons in care institutions at the end of the year, by kind"),
        districts,
        kinds,
        by_district_kind(placements, district, "institution__kind"),
    )
    program_table = _program_table(
        "elderly_programs",
        _("Home care allowance and pensions under Law 2022"),
        districts,
        ELDERLY_DISABLED_PROGRAMS,
        paid,
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


def section_veterans(province: Province, year: int, districts: list[District], paid: PaidAid) -> Section:
    start, end = year_bounds(year)
    district = "household__district_id"
    records = VeteranRecord.objects.filter(household__province=province, event_date__lte=end)
    record_table = district_by_kind(
        "veterans",
        _("Martyrs' relatives and veterans on record, by status"),
        districts,
        [(k.value, k.label) for k in VeteranStatus],
        by_district_kind(records, district, "status"),
    )
    cards = TravelCard.objects.filter(household__province=province, issued_on__gte=start, issued_on__lte=end)
    card_table = district_by_kind(
        "travel_cards",
        _("Free travel cards issued in the year, by basis"),
        districts,
        [(k.value, k.label) for k in CardBasis],
        by_district_kind(cards, district, "basis"),
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


def section_assistance(province: Province, year: int, districts: list[District], paid: PaidAid) -> tuple[Section, dict]:
    start, end = year_bounds(year)
    district = "household__district_id"
    sydv = Office.objects.filter(kind=OfficeKind.SYDV, province=province).count()
    helped = paid.helped
    registered = by_district(Household.objects.filter(province=province), "district_id")
    helped_table = district_series(
        "helped",
        _("Households helped"),
        districts,
        {
            "helped": (_("Households paid at least one aid"), helped),
            "registered": (_("Households in the registry"), registered),
        },
    )
    programs = sorted(paid.money_programs(), key=lambda code: program_label(code))
    program_table = _program_table("programs", _("Aid paid, by program"), districts, programs, paid)
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
        {"applications": (_("Applications"), by_district(applications, district))},
    )
    decision_table = district_by_kind(
        "decisions",
        _("Decisions of the boards of trustees, by outcome"),
        districts,
        [(k.value, k.label) for k in Outcome],
        by_district_kind(decisions, district, "outcome"),
    )
    others = AidRecord.objects.filter(province=province, given_on__gte=start, given_on__lte=end)
    other_counts = by_district_kind(others, "district_id", "giver__kind")
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
    other_table.count_label = str(_("aid records"))
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
        facts=[(str(_("Social Assistance and Solidarity Foundations (SYDV)")), fmt_int(sydv))],
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
                    str(_("%(n)s, %(places)s places") % {"n": fmt_int(row["n"]), "places": fmt_int(row["places"])}),
                )
            )
    return facts


def _program_table(key, title, districts, programs, paid: PaidAid) -> Table:
    """Households paid and the amount paid per program and district (money programs, kuruş)."""
    counts, amounts = {}, {}
    for code in programs:
        households, money = paid.program(code)
        counts.update({(d, code): n for d, n in households.items()})
        amounts.update({(d, code): n for d, n in money.items()})
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
    start, end = year_bounds(year)
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
    paid = PaidAid.read(province, year)
    makers = [section_family, section_children, section_women, section_elderly, section_veterans]
    sections = []
    for maker, key in zip(makers, SECTIONS, strict=False):
        if progress:
            progress(key)
        sections.append(maker(province, year, districts, paid))
    if progress:
        progress("assistance")
    assistance, map_values = section_assistance(province, year, districts, paid)
    sections.append(assistance)
    return Booklet(province, year, districts, sections, map_values, min(today, dt.date(year, 12, 31)))
