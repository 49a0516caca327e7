"""The staff menu, one entry per screen with the permission that screen requires: the template draws only the
entries the user holds (`context_processors.staff`), so a role never sees a link that answers 403.

A screen's permission is checked by its view or selector; `refah/accounts/tests/test_menu.py` opens every entry as
every role and requires 200 where the entry is shown and 403 where it is not, so the two cannot drift apart.
A new screen in the menu is one more MenuEntry here.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuEntry:
    url_name: str
    label: Promise
    permission: str
    also_current: tuple[str, ...] = ()  # other views ("app:name") or whole apps ("app:") this entry stands for

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    def allowed(self, user) -> bool:
        return user.has_perm(self.permission)


# The care app's pages reached from its two menu screens (marked current with them).
CARE_PAGES = (
    "care:priority",
    "care:waiting",
    "care:institution",
    "care:institution_add",
    "care:institution_edit",
    "care:entry",
    "care:discharge",
    "care:waiting_add",
)
CHILD_PAGES = (
    "care:child",
    "care:creche",
    "care:decision_add",
    "care:decision_close",
    "care:foster_family_add",
    "care:foster_family",
    "care:foster_end",
    "care:adoption",
)

MENU: tuple[MenuEntry, ...] = (
    MenuEntry(
        "registry:household_search",
        _("Households"),
        "registry.view_household",
        ("registry:household_detail", "registry:person_detail", "registry:person_merge"),
    ),
    MenuEntry("registry:household_register", _("Register household"), "registry.add_household"),
    MenuEntry("registry:import_upload", _("Import"), "registry.import_households"),
    MenuEntry("cases:queue", _("Applications"), "cases.view_application", ("cases:",)),
    MenuEntry("cases:visit_list", _("Visits"), "cases.record_visit", ("cases:visit_form",)),
    MenuEntry("committees:meeting_list", _("Committee"), "committees.view_meeting", ("committees:",)),
    MenuEntry("payments:cycle_list", _("Payments"), "payments.view_paymentcycle", ("payments:",)),
    MenuEntry("employment:home", _("Employment"), "employment.view_referral", ("employment:",)),
    MenuEntry("care:home", _("Care institutions"), "care.view_institution", CARE_PAGES),
    MenuEntry("care:children", _("Child protection"), "care.view_protectiondecision", CHILD_PAGES),
    MenuEntry(
        "casework:referral_list",
        _("Referrals"),
        "casework.view_referral",
        ("casework:referral_detail", "casework:refer", "casework:service_list", "casework:service_add"),
    ),
    MenuEntry("casework:case_list", _("Social cases"), "casework.view_socialcase", ("casework:",)),
    MenuEntry(
        "entitlements:home",
        _("Veterans and martyrs' relatives"),
        "entitlements.view_veteranrecord",
        ("entitlements:record", "entitlements:record_create"),
    ),
    MenuEntry("entitlements:card_list", _("Travel cards"), "entitlements.view_travelcard", ("entitlements:",)),
    MenuEntry("asdep:home", _("ASDEP"), "asdep.view_round", ("asdep:",)),
    MenuEntry("outreach:home", _("Outreach"), "targeting_anomalies.view_outreach", ("outreach:",)),
    MenuEntry("anomalies:list", _("Anomalies"), "targeting_anomalies.view_anomalyflag", ("anomalies:",)),
    MenuEntry("aidrecords:record_list", _("Aid of every giver"), "aidrecords.view_aidrecord", ("aidrecords:",)),
    MenuEntry("aidcard:merchant_list", _("Aid card"), "aidcard.view_merchant", ("aidcard:",)),
    MenuEntry("linkage:review_queue", _("Link review"), "linkage.view_linkreview", ("linkage:",)),
    MenuEntry("registry:merge_list", _("Merged records"), "registry.view_personmerge"),
    MenuEntry("eligibility:program_list", _("Programs"), "eligibility.view_parametervalue", ("eligibility:",)),
    # reports: the strategic plan's indicators, the survey, the risk maps, the booklet, open data, long reports
    MenuEntry(
        "reports:dashboard",
        _("Indicators"),
        "reports.view_dashboard",
        ("reports:kpi_targets", "reports:kpi_refresh", "reports:kpi_drilldown"),
    ),
    MenuEntry("reports:survey_results", _("Survey results"), "reports.view_surveys"),
    MenuEntry("reports:risk_map", _("Social risk map"), "reports.view_riskmap"),
    MenuEntry("reports:booklet", _("Province booklet"), "reports.make_booklet"),
    MenuEntry("reports:job_list", _("My reports"), "reports.view_reportjob", ("reports:job_detail",)),
    # targeting: the learned need model (advisory), its card, scoring runs and a household's proposal
    MenuEntry("targeting:home", _("Targeting model"), "targeting.view_model", ("targeting:",)),
    MenuEntry("access:lookup", _("Access log"), "audit.view_accessevent", ("access:",)),
    # sealed women's services: the units' screens for named staff only, break-glass, the administrators' naming
    MenuEntry("shelters:home", _("Protection units"), "shelters.named_staff", ("shelters:",)),
    MenuEntry("shelters:break_glass", _("Break-glass"), "shelters.break_glass"),
    MenuEntry("shelters:naming", _("Sealed units' staff"), "shelters.name_staff"),
)


def menu_for(user) -> list[MenuEntry]:
    """The entries the user may open, in menu order; none for an anonymous visitor."""
    if user is None or not user.is_authenticated:
        return []
    return [entry for entry in MENU if entry.allowed(user)]


def current_entry(entries: list[MenuEntry], match) -> MenuEntry | None:
    """The entry of the page being shown: one naming the view itself first, then one standing for its app."""
    if match is None:
        return None
    for entry in entries:
        if match.view_name == entry.url_name or match.view_name in entry.also_current:
            return entry
    for entry in entries:
        if f"{match.app_name}:" in entry.also_current:
            return entry
    return None
