"""The jurisdiction case of every entry point: SCREENS by URL name, API by OpenAPI operation id.

test_jurisdiction_entry_points.py fails for a route or operation missing here. Add it as
Named(what it names, method, url, body) if it names an object of a district (build the object in
jurisdiction_world.py), Listed(...) for a list, search or export, or Unscoped(reason) if it names none.
URLs and bodies are built from the world: rev("app:name", "a.household.pk"), api("/path/{a.household.pk}").
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from refah.common.tests.jurisdiction_cases import TODAY, Listed, Named, Unscoped, api, rev
from refah.common.tests.jurisdiction_world import PDF, PROGRAM


def _adult_ids(household) -> list[str]:
    today = timezone.localdate()
    members = household.memberships.filter(left_on__isnull=True).select_related("person")
    return [str(m.person_id) for m in members if m.person.age_on(today) >= 18]


def _member(world, _me):
    return world.a.obj.committee_case.members[1].pk


def _household_link(world, _me):
    return {"A's household link": reverse("registry:household_detail", args=[world.a.household.pk])}


def _pdf(_world, _me):
    return {
        "doc_type": "income_statement",
        "file": SimpleUploadedFile("gelir.pdf", PDF, content_type="application/pdf"),
    }


NO_OBJECT = "names no object of a district"
NATIONAL_RULES = "program rules, parameters and custom programs are national: the same for every office (maker–checker)"
PUBLIC = "public page for citizens: stores and reads no registry data"
OPEN_DATA = "public open data: published aggregates, suppressed below the threshold, the same for everyone"

# ---------------------------------------------------------------- screens: every named URL pattern

SCREENS = {
    # linkage
    "linkage:review_queue": Listed("link review items", "GET", rev("linkage:review_queue"), shows="surname"),
    "linkage:review_detail": Named("link review item", "GET", rev("linkage:review_detail", "a.obj.link_review.pk")),
    "linkage:review_accept": Named(
        "link review item",
        "POST",
        rev("linkage:review_accept", "a.obj.link_review.pk"),
        lambda w, me: {"person_id": str(w.a.citizen.pk)},
    ),
    "linkage:review_reject": Named(
        "link review item",
        "POST",
        rev("linkage:review_reject", "a.obj.link_review_2.pk"),
        lambda w, me: {"reason": "Başka kişi."},
    ),
    "linkage:link_history": Listed("links", "GET", rev("linkage:link_history"), shows="surname"),
    "linkage:link_undo": Named(
        "link", "POST", rev("linkage:link_undo", "a.obj.link.pk"), lambda w, me: {"reason": "Yanlış kişi."}
    ),
    "/": Unscoped("redirects to the registry search"),
    "set_language": Unscoped(f"the language switch; {NO_OBJECT}"),
    "accounts:login": Unscoped(f"staff sign-in; {NO_OBJECT}"),
    "accounts:logout": Unscoped(f"staff sign-out; {NO_OBJECT}"),
    "accounts:sign_in_code": Unscoped(f"the second step of staff sign-in (the user's own code); {NO_OBJECT}"),
    "accounts:two_factor": Unscoped(f"the user's own second factor (enrol, recovery codes); {NO_OBJECT}"),
    "accounts:two_factor_reset": Unscoped(
        "staff account administration (admin role only): names a staff user, never a household or person"
    ),
    "/admin/login/": Unscoped(f"sends the admin's sign-in to the staff sign-in screen; {NO_OBJECT}"),
    "admin:*": Unscoped(
        "Django admin: superusers only, staff accounts are not is_staff (test_admin_is_closed_to_staff)"
    ),
    "/api/docs": Unscoped("redirects to the API documentation"),
    "api:openapi-json": Unscoped("the API's description"),
    "api:openapi-view": Unscoped("the API's documentation page"),
    "api:api-root": Unscoped("the API's root"),
    # registry
    "registry:household_search": (
        Listed(
            "search by A's TC Kimlik No",
            "GET",
            rev("registry:household_search"),
            lambda w, me: {"q": w.a.citizen.national_id},
            shows="surname",
            echoes=("TC Kimlik No",),
        ),
        Listed(
            "search by A's surname",
            "GET",
            rev("registry:household_search"),
            lambda w, me: {"q": "Karabulutoğlu"},
            extra_markers=_household_link,
            shows="A's household link",
            echoes=("surname",),
        ),
        Listed("recent households", "GET", rev("registry:household_search"), shows="household code"),
    ),
    "registry:household_register": Listed(
        "district choices",
        "GET",
        rev("registry:household_register"),
        extra_markers=lambda w, me: {"A's district as a choice": f'value="{w.a.district.pk}"'},
        shows="A's district as a choice",
    ),
    "registry:member_row": Unscoped(f"an empty member card of the register form (htmx); {NO_OBJECT}"),
    "registry:household_detail": Named("household", "GET", rev("registry:household_detail", "a.household.pk")),
    "registry:household_edit": Named("household", "GET", rev("registry:household_edit", "a.household.pk")),
    "registry:member_add": Named("household", "GET", rev("registry:member_add", "a.household.pk")),
    "registry:member_remove": Named(
        "membership", "GET", rev("registry:member_remove", "a.household.pk", "a.obj.membership.pk")
    ),
    "registry:member_move": Named(
        "membership", "GET", rev("registry:member_move", "a.household.pk", "a.obj.membership.pk")
    ),
    "registry:member_contact": Named(
        "membership", "GET", rev("registry:member_contact", "a.household.pk", "a.obj.membership.pk")
    ),
    "registry:income_record": Named("household", "GET", rev("registry:income_record", "a.household.pk")),
    "registry:asset_record": Named("household", "GET", rev("registry:asset_record", "a.household.pk")),
    # The upload itself: test_import_refuses_a_person_of_another_district below.
    "registry:person_detail": (
        Named("person", "GET", rev("registry:person_detail", "a.citizen.pk")),
        Named("person (merged record)", "GET", rev("registry:person_detail", "a.obj.merge.drop_id")),
    ),
    "registry:person_merge": Named(
        "person",
        "POST",
        rev("registry:person_merge", "a.citizen.pk"),
        lambda w, me: {"other": w.a.obj.twice.internal_id, "keep": "this", "reason": "Aynı kişi."},
    ),
    "registry:merge_list": Listed("person merges", "GET", rev("registry:merge_list"), shows="surname"),
    "registry:merge_undo": Named(
        "person merge", "POST", rev("registry:merge_undo", "a.obj.merge.pk"), lambda w, me: {"reason": "Yanlış."}
    ),
    "registry:import_upload": Listed(
        "recent imports",
        "GET",
        rev("registry:import_upload"),
        extra_markers=lambda w, me: {"A's import": str(w.a.obj.import_batch.pk)},
        shows="A's import",
    ),
    "registry:import_template": Unscoped(f"an empty CSV with the column headers; {NO_OBJECT}"),
    "registry:import_report": Named("import batch", "GET", rev("registry:import_report", "a.obj.import_batch.pk")),
    "registry:import_report_csv": Named(
        "import batch", "GET", rev("registry:import_report_csv", "a.obj.import_batch.pk")
    ),
    # eligibility
    "eligibility:program_list": Unscoped(NATIONAL_RULES),
    "eligibility:program_detail": Unscoped(NATIONAL_RULES),
    "eligibility:parameter_propose": Unscoped(NATIONAL_RULES),
    "eligibility:parameter_decide": Unscoped(NATIONAL_RULES),
    "eligibility:custom_programs": Unscoped(NATIONAL_RULES),
    "eligibility:custom_decide": Unscoped(NATIONAL_RULES),
    "eligibility:household_determinations": Named(
        "household", "GET", rev("eligibility:household_determinations", "a.household.pk")
    ),
    "eligibility:simulate": Listed(
        "what-if simulation (CSV)",
        "GET",
        rev("eligibility:simulate"),
        # A tenth of the last band's income limit (docs/rules.md): coverage changes in both districts.
        lambda w, me: {"period": TODAY[:7], "changes": "family_support.last_band_ratio=1/10", "format": "csv"},
        extra_markers=lambda w, me: {"A's district": w.a.district.pcode},
        shows="A's district",
        b_shows=lambda w, me: w.b.district.pcode,
    ),
    "screener:screener": Unscoped(PUBLIC),
    "screener:member_row": Unscoped(PUBLIC),
    "screener:districts": Unscoped(f"{PUBLIC}; reference data (districts of a province)"),
    # cases
    "cases:queue": Listed("the caseworker's queue", "GET", rev("cases:queue"), shows="application"),
    "cases:application_new": (
        Listed(
            "household search by A's TC Kimlik No",
            "GET",
            rev("cases:application_new"),
            lambda w, me: {"q": w.a.citizen.national_id},
            shows="surname",
            echoes=("TC Kimlik No",),
        ),
        Named("household", "GET", rev("cases:application_new"), lambda w, me: {"household": w.a.household.pk}),
    ),
    "cases:case_detail": Named("application", "GET", rev("cases:case_detail", "a.obj.application.pk")),
    "cases:case_action": Named(
        "application",
        "POST",
        lambda w, me: reverse("cases:case_action", args=[w.a.obj.application.pk, "close"]),
        lambda w, me: {"reason": "Dosya kapatıldı."},
    ),
    "cases:document_add": Named("application", "POST", rev("cases:document_add", "a.obj.application.pk"), _pdf),
    "cases:case_report": Named("application (PDF)", "GET", rev("cases:case_report", "a.obj.application.pk")),
    "cases:document_download": Named("document", "GET", rev("cases:document_download", "a.obj.document.pk")),
    "cases:visit_list": Listed(
        "the inspector's open visits",
        "GET",
        rev("cases:visit_list"),
        extra_markers=lambda w, me: {"A's open visit": w.a.obj.open_visit.application.household.reference_code},
        shows="A's open visit",
    ),
    "cases:visit_form": Named("visit", "GET", rev("cases:visit_form", "a.obj.open_visit.pk")),
    # committees
    "committees:meeting_list": Listed("meetings", "GET", rev("committees:meeting_list"), shows="meeting"),
    "committees:meeting_create": Named(
        "committee",
        "POST",
        rev("committees:meeting_create"),
        lambda w, me: {
            "committee": w.a.obj.committee_case.committee.pk,
            "reference": "X-1",
            "scheduled_at": "2026-12-20T10:00",
        },
    ),
    "committees:meeting_detail": Named(
        "meeting", "GET", rev("committees:meeting_detail", "a.obj.committee_case.meeting.pk")
    ),
    "committees:agenda_build": Named(
        "meeting", "POST", rev("committees:agenda_build", "a.obj.committee_case.meeting.pk")
    ),
    "committees:meeting_open": Named(
        "meeting", "POST", rev("committees:meeting_open", "a.obj.committee_case.meeting.pk")
    ),
    "committees:meeting_close": Named(
        "meeting", "POST", rev("committees:meeting_close", "a.obj.committee_case.meeting.pk")
    ),
    "committees:minutes": Named("meeting (PDF)", "GET", rev("committees:minutes", "a.obj.committee_case.meeting.pk")),
    "committees:recusal_declare": Named(
        "agenda item",
        "POST",
        rev("committees:recusal_declare", "a.obj.committee_case.item.pk"),
        lambda w, me: {"member": _member(w, me), "reason": "Akraba."},
    ),
    "committees:vote_cast": Named(
        "agenda item",
        "POST",
        rev("committees:vote_cast", "a.obj.committee_case.item.pk"),
        lambda w, me: {"member": _member(w, me), "program": PROGRAM, "choice": "approve"},
    ),
    "committees:item_decide": Named(
        "agenda item", "POST", rev("committees:item_decide", "a.obj.committee_case.item.pk")
    ),
    "committees:deviation": Listed("deviation report", "GET", rev("committees:deviation")),
    "committees:committee_admin_list": Listed(
        "committees", "GET", rev("committees:committee_admin_list"), shows="committee"
    ),
    "committees:committee_admin_create": Named(
        "office",
        "POST",
        rev("committees:committee_admin_create"),
        lambda w, me: {"office": w.a.office.pk, "name": "Yeni Heyet", "kind": "sydv_board"},
    ),
    "committees:committee_admin_detail": Named(
        "committee", "GET", rev("committees:committee_admin_detail", "a.obj.committee_case.committee.pk")
    ),
    "committees:committee_member_add": Named(
        "committee",
        "POST",
        rev("committees:committee_member_add", "a.obj.committee_case.committee.pk"),
        lambda w, me: {"full_name": "Muhtar Ali Kaya", "role": "member"},
    ),
    "committees:committee_member_end": Named(
        "committee member",
        "POST",
        lambda w, me: reverse(
            "committees:committee_member_end",
            args=[w.a.obj.committee_case.committee.pk, w.a.obj.committee_case.members[2].pk],
        ),
    ),
    # payments: cycles are national (a program and a period); batches, entitlements and warehouses are an office's
    "payments:cycle_list": Listed("payment cycles (national)", "GET", rev("payments:cycle_list")),
    "payments:cycle_detail": Listed(
        "a national cycle: B sees its own batches and its own households' totals",
        "GET",
        rev("payments:cycle_detail", "a.obj.cycle.pk"),
        shows="batch",
    ),
    "payments:cycle_compute": Unscoped("computes a national cycle (program and period); names no district object"),
    "payments:batch_create": Named(
        "batch (retried)",
        "POST",
        rev("payments:batch_create", "a.obj.cycle.pk"),
        lambda w, me: {
            "channel": "bank",
            "debtor_name": "SYDV",
            "debtor_iban": "TR330006100519786457841326",
            "execution_date": "2025-03-05",
            "retry_of": w.a.obj.batch.pk,
        },
    ),
    "payments:batch_detail": Named("batch", "GET", rev("payments:batch_detail", "a.obj.batch.pk")),
    "payments:batch_approve": Named("batch", "POST", rev("payments:batch_approve", "a.obj.batch.pk")),
    "payments:batch_export": (
        Named(
            "batch (pain.001)", "GET", lambda w, me: reverse("payments:batch_export", args=[w.a.obj.batch.pk, "xml"])
        ),
        Listed(
            "B's own batch of the same cycle (CSV)",
            "GET",
            lambda w, me: reverse("payments:batch_export", args=[w.b.obj.batch.pk, "csv"]),
            b_shows=lambda w, me: w.b.obj.payee_iban,
        ),
    ),
    "payments:batch_answer": Named("batch", "POST", rev("payments:batch_answer", "a.obj.batch.pk")),
    "payments:stock": Listed("warehouses", "GET", rev("payments:stock"), shows="warehouse"),
    "payments:warehouse_detail": Named("warehouse", "GET", rev("payments:warehouse_detail", "a.obj.warehouse.pk")),
    # aid card
    "aidcard:household_card": Named("household", "GET", rev("aidcard:household_card", "a.household.pk")),
    # exchange
    "exchange:household_sources": Named("household", "GET", rev("exchange:household_sources", "a.household.pk")),
    "exchange:household_panel": Named("household", "GET", rev("exchange:household_panel", "a.household.pk")),
    "exchange:discrepancy_resolve": Named(
        "disagreement",
        "POST",
        rev("exchange:discrepancy_resolve", "a.obj.discrepancy.pk"),
        lambda w, me: {"note": "Beyan düzeltildi."},
    ),
    "exchange:household_refresh": Named(
        "household", "POST", rev("exchange:household_refresh", "a.household.pk"), lambda w, me: {"purpose": "curiosity"}
    ),
    "aidcard:card_issue": Named("household", "POST", rev("aidcard:card_issue", "a.household.pk")),
    "aidcard:card_block": Named(
        "household", "POST", rev("aidcard:card_block", "a.household.pk"), lambda w, me: {"reason": "lost"}
    ),
    "aidcard:card_replace": Named("household", "POST", rev("aidcard:card_replace", "a.household.pk")),
    "aidcard:card_pin_unblock": Named("household", "POST", rev("aidcard:card_pin_unblock", "a.household.pk")),
    "aidcard:merchant_list": Listed("merchants", "GET", rev("aidcard:merchant_list"), shows="shop"),
    "aidcard:merchant_detail": Named("merchant", "GET", rev("aidcard:merchant_detail", "a.merchant.pk")),
    "aidcard:terminal_deactivate": Named(
        "terminal",
        "POST",
        lambda w, me: reverse("aidcard:terminal_deactivate", args=[w.a.merchant.pk, w.a.merchant.terminals.get().pk]),
    ),
    "aidcard:market_stock": Named("social market", "GET", rev("aidcard:market_stock", "a.obj.market.pk")),
    "aidcard:market_checkout": Named("social market", "GET", rev("aidcard:market_checkout", "a.obj.market.pk")),
    "aidcard:receipt_detail": Named(
        "receipt", "GET", rev("aidcard:receipt_detail", "a.obj.market.pk", "a.obj.receipt.pk")
    ),
    # aid records
    # employment
    # shelters (sealed: named staff only; anyone else gets the 404 of a wrong id)
    "shelters:home": Listed("the user's sealed units and alerts", "GET", rev("shelters:home"), shows="sealed unit"),
    "shelters:unit": Named("sealed unit", "GET", rev("shelters:unit", "a.obj.sonim.pk")),
    "shelters:unit_address": Named("shelter's address", "GET", rev("shelters:unit_address", "a.obj.shelter.pk")),
    "shelters:unit_audit": Named("sealed unit's audit", "GET", rev("shelters:unit_audit", "a.obj.sonim.pk")),
    "shelters:intake": Named("sealed unit", "GET", rev("shelters:intake", "a.obj.sonim.pk")),
    "shelters:case": Named("protection case", "GET", rev("shelters:case", "a.obj.sealed_case.pk")),
    "shelters:note_add": Named(
        "protection case", "POST", rev("shelters:note_add", "a.obj.sealed_case.pk"), lambda w, me: {"text": "Not"}
    ),
    "shelters:case_risk": Named(
        "protection case",
        "POST",
        rev("shelters:case_risk", "a.obj.sealed_case.pk"),
        lambda w, me: {"risk_level": "high"},
    ),
    "shelters:order_add": Named("protection case", "GET", rev("shelters:order_add", "a.obj.sealed_case.pk")),
    "shelters:stay_add": Named("protection case", "GET", rev("shelters:stay_add", "a.obj.sealed_case.pk")),
    "shelters:referral_add": Named("protection case", "GET", rev("shelters:referral_add", "a.obj.sealed_case.pk")),
    "shelters:case_close": Named("protection case", "GET", rev("shelters:case_close", "a.obj.sealed_case.pk")),
    "shelters:stay_end": Named("shelter stay", "POST", rev("shelters:stay_end", "a.obj.sealed_stay.pk")),
    "shelters:alert_read": Named("sealed unit's alert", "POST", rev("shelters:alert_read", "a.obj.sealed_alert.pk")),
    "shelters:break_glass": Named(
        "protection case (by its number, in the body)",
        "POST",
        rev("shelters:break_glass"),
        lambda w, me: {"who": w.a.obj.sealed_case.reference, "reason": "Kolluk acil bilgi istiyor, hayati risk var"},
        echoes=("sealed case number",),
    ),
    "shelters:naming": Listed(
        "sealed units of the administrator's district", "GET", rev("shelters:naming"), shows="shelter"
    ),
    "shelters:unit_create": Unscoped("creates a sealed unit in the administrator's own area; names no object"),
    "shelters:member_add": Named(
        "sealed unit of Merkez",
        "POST",
        rev("shelters:member_add", "a.obj.shelter.pk"),
        lambda w, me: {"username": me.checker.username, "role": "staff"},
    ),
    "shelters:member_end": Named(
        "naming in a unit of Merkez", "POST", rev("shelters:member_end", "a.obj.sealed_member.pk")
    ),
    "employment:home": Listed(
        "referrals, refusals to judge, sanctions", "GET", rev("employment:home"), shows="surname"
    ),
    "employment:person": Named("person", "GET", rev("employment:person", "a.citizen.pk")),
    "employment:refer": Named("person", "POST", rev("employment:refer", "a.citizen.pk")),
    "employment:referral_sync": Named("referral", "POST", rev("employment:referral_sync", "a.obj.referral.pk")),
    "employment:referral_close": Named(
        "referral", "POST", rev("employment:referral_close", "a.obj.referral.pk"), lambda w, me: {"reason": "Taşındı."}
    ),
    "employment:offer_add": Named("referral", "GET", rev("employment:offer_add", "a.obj.referral.pk")),
    "employment:placement_add": Named("referral", "GET", rev("employment:placement_add", "a.obj.referral.pk")),
    "employment:offer": Named("offer", "GET", rev("employment:offer", "a.obj.refusal.pk")),
    "employment:placement_end": Named("placement", "GET", rev("employment:placement_end", "a.obj.placement.pk")),
    "employment:sanction": Named("sanction", "GET", rev("employment:sanction", "a.obj.sanction.pk")),
    "employment:household_panel": Named("household", "GET", rev("employment:household_panel", "a.household.pk")),
    # casework
    "casework:referral_list": Listed("referrals", "GET", rev("casework:referral_list"), shows="household code"),
    "casework:referral_detail": Named("referral", "GET", rev("casework:referral_detail", "a.obj.service_referral.pk")),
    "casework:household_panel": Named("household", "GET", rev("casework:household_panel", "a.household.pk")),
    "casework:refer": Named("household", "GET", rev("casework:refer", "a.household.pk")),
    "casework:case_open": Named("household", "GET", rev("casework:case_open", "a.household.pk")),
    "casework:service_list": Unscoped("the catalogue of services: offices and institutions, no household or person"),
    "casework:service_add": Unscoped(f"the form of a new service of the catalogue; {NO_OBJECT}"),
    "casework:service_edit": Unscoped("a service of the catalogue: an office's or an institution's, no household"),
    "casework:case_list": Listed("the user's own cases", "GET", rev("casework:case_list")),
    "casework:case_detail": Named("SHM case", "GET", rev("casework:case_detail", "a.obj.social_case.pk")),
    "casework:caseload": Listed("caseloads and unassigned cases", "GET", rev("casework:caseload")),
    "casework:programme_list": Listed(
        "group programmes", "GET", rev("casework:programme_list"), shows="group programme"
    ),
    "casework:programme_add": Unscoped(f"the form of a new group programme; {NO_OBJECT}"),
    "casework:programme_detail": Named(
        "group programme", "GET", rev("casework:programme_detail", "a.obj.programme.pk")
    ),
    "casework:enrol": Named("group programme", "GET", rev("casework:enrol", "a.obj.programme.pk")),
    # care (specialised services)
    "care:home": Listed("institutions and offers", "GET", rev("care:home"), shows="care centre"),
    "care:priority": Unscoped("the published priority rules of the waiting lists; national, no registry data"),
    "care:waiting": Listed(
        "waiting list of a kind",
        "GET",
        rev("care:waiting"),
        lambda w, me: {"kind": "care_rehab_centre"},
        shows="surname",
    ),
    "care:institution_add": Listed(
        "district choices",
        "GET",
        rev("care:institution_add"),
        extra_markers=lambda w, me: {"A's district as a choice": f'value="{w.a.district.pk}"'},
        shows="A's district as a choice",
    ),
    "care:institution": Named("institution", "GET", rev("care:institution", "a.obj.care_centre.pk")),
    "care:institution_edit": Named("institution", "GET", rev("care:institution_edit", "a.obj.care_centre.pk")),
    "care:place": Named(
        "institution",
        "POST",
        rev("care:place", "a.obj.care_centre.pk"),
        lambda w, me: {"entry": str(w.a.obj.care_entry.pk)},
    ),
    "care:discharge": Named("placement", "GET", rev("care:discharge", "a.obj.care_placement.pk")),
    "care:waiting_add": Named("household", "GET", rev("care:waiting_add", "a.obj.care_household.pk")),
    "care:entry": Named("waiting list entry", "GET", rev("care:entry", "a.obj.care_entry.pk")),
    "care:children": Listed(
        "protection decisions, foster families, adoptions", "GET", rev("care:children"), shows="surname"
    ),
    "care:child": Named("child", "GET", rev("care:child", "a.obj.care_child.pk")),
    "care:decision_add": Named("household", "GET", rev("care:decision_add", "a.household.pk")),
    "care:decision_close": Named("protection decision", "GET", rev("care:decision_close", "a.obj.care_decision.pk")),
    "care:foster_family_add": Named("household", "GET", rev("care:foster_family_add", "a.household.pk")),
    "care:foster_family": Named("foster family", "GET", rev("care:foster_family", "a.obj.care_foster.pk")),
    "care:foster_end": Named("foster placement", "GET", rev("care:foster_end", "a.obj.care_foster_placement.pk")),
    "care:creche": Listed("crèche quotas", "GET", rev("care:creche"), shows="care crèche"),
    "care:creche_end": Named("free crèche place", "POST", rev("care:creche_end", "a.obj.care_allocation.pk")),
    "care:adoption": Named("adoption record", "GET", rev("care:adoption", "a.obj.care_adoption.pk")),
    # entitlements: veterans and martyrs' relatives, free travel cards
    "entitlements:home": Listed("veterans and martyrs' relatives", "GET", rev("entitlements:home"), shows="surname"),
    "entitlements:record_create": Named(
        "person (by TC Kimlik No)",
        "POST",
        rev("entitlements:record_create"),
        lambda w, me: {
            "person_national_id": w.a.citizen.national_id,
            "status": "martyr_spouse",
            "subject_name": "Er Ali Demirtaş",
            "subject_national_id": "10000000382",
            "event_date": "2017-03-01",
            "decision_ref": "ŞYGD 2017/12",
        },
        refused=400,
        echoes=("TC Kimlik No",),
    ),
    "entitlements:record": Named("veteran record", "GET", rev("entitlements:record", "a.obj.veteran_record.pk")),
    "entitlements:entitlement_use": Named(
        "entitlement", "POST", rev("entitlements:entitlement_use", "a.obj.entitlement_to_use.pk")
    ),
    "entitlements:entitlement_revoke": Named(
        "entitlement",
        "POST",
        rev("entitlements:entitlement_revoke", "a.obj.entitlement_to_revoke.pk"),
        lambda w, me: {"reason": "Yanlışlıkla verildi."},
    ),
    "entitlements:entitlement_refer": Named(
        "entitlement", "POST", rev("entitlements:entitlement_refer", "a.obj.entitlement.pk")
    ),
    "entitlements:card_list": Listed("travel cards", "GET", rev("entitlements:card_list"), shows="travel card"),
    "entitlements:cards_issue": Listed(
        "the issue run over the caller's own jurisdiction", "POST", rev("entitlements:cards_issue")
    ),
    "entitlements:card": Named("travel card", "GET", rev("entitlements:card", "a.obj.travel_card.pk")),
    "entitlements:card_deliver": Named(
        "travel card",
        "POST",
        rev("entitlements:card_deliver", "a.obj.travel_card.pk"),
        lambda w, me: {"place": "counter", "receiver": "person", "delivered_on": TODAY},
    ),
    "entitlements:card_replace": Named(
        "travel card",
        "POST",
        rev("entitlements:card_replace", "a.obj.travel_card.pk"),
        lambda w, me: {"reason": "damaged"},
    ),
    "entitlements:card_cancel": Named(
        "travel card",
        "POST",
        rev("entitlements:card_cancel", "a.obj.travel_card.pk"),
        lambda w, me: {"reason": "Vefat."},
    ),
    "entitlements:batch_list": Listed(
        "print batches",
        "GET",
        rev("entitlements:batch_list"),
        extra_markers=lambda w, me: {"A's batch": w.a.obj.card_batch.reference},
        shows="A's batch",
    ),
    "entitlements:batch_create": Listed(
        "a batch of the caller's own jurisdiction's requested cards", "POST", rev("entitlements:batch_create")
    ),
    "entitlements:batch": Named("print batch", "GET", rev("entitlements:batch", "a.obj.card_batch.pk")),
    "entitlements:batch_printed": Named(
        "print batch", "POST", rev("entitlements:batch_printed", "a.obj.card_batch.pk")
    ),
    "entitlements:batch_pdf": Named("print batch", "GET", rev("entitlements:batch_pdf", "a.obj.card_batch.pk")),
    "entitlements:batch_csv": Named("print batch", "GET", rev("entitlements:batch_csv", "a.obj.card_batch.pk")),
    # social services: ASDEP
    "asdep:home": Listed("the team's visits today and the rounds", "GET", rev("asdep:home"), shows="asdep round"),
    "asdep:round_plan": Listed(
        "the plan form: the office's neighbourhoods and teams, the households proposed", "GET", rev("asdep:round_plan")
    ),
    "asdep:round_detail": Named("ASDEP round", "GET", rev("asdep:round_detail", "a.obj.asdep_round.pk")),
    "asdep:proposals": Listed("households proposed for a visit", "GET", rev("asdep:proposals")),
    # outreach and anomalies (refah.targeting.anomalies)
    "outreach:home": Listed("take-up counts per district (suppressed)", "GET", rev("outreach:home")),
    "outreach:call_list": Listed("outreach call list", "GET", rev("outreach:call_list"), shows="surname"),
    "outreach:call_list_csv": Listed(
        "outreach call list export", "GET", rev("outreach:call_list_csv"), shows="surname"
    ),
    "outreach:gap": Listed(
        "poverty-gap what-if (aggregates)",
        "GET",
        rev("outreach:gap"),
        lambda w, me: {"budget": "1000", "line": "10000", "rule": "poorest"},
    ),  # fmt: skip
    "anomalies:list": Listed("anomaly flags", "GET", rev("anomalies:list"), shows="surname"),
    "anomalies:detail": Named("anomaly flag", "GET", rev("anomalies:detail", "a.obj.anomaly_flag.pk")),
    "asdep:visit_detail": Named("ASDEP visit", "GET", rev("asdep:visit_detail", "a.obj.asdep_visit.pk")),
    "asdep:visit_form": Named("ASDEP visit", "GET", rev("asdep:visit_form", "a.obj.asdep_open_visit.pk")),
    "asdep:household_profile": Named("household", "GET", rev("asdep:household_profile", "a.household.pk")),
    "aidrecords:record_list": Listed("aid records", "GET", rev("aidrecords:record_list"), shows="aid reference"),
    "aidrecords:upload": Listed("the upload form and the office's recent files", "GET", rev("aidrecords:upload")),
    "aidrecords:upload_template": Unscoped(f"an empty file of column headers; {NO_OBJECT}"),
    "aidrecords:batch_report": Named("aid file", "GET", rev("aidrecords:batch_report", "a.obj.aid_batch.pk")),
    "aidrecords:household_aid": Named("household", "GET", rev("aidrecords:household_aid", "a.household.pk")),
    "aidrecords:flag_list": Listed(
        "duplicate aid flags", "GET", rev("aidrecords:flag_list"), lambda w, me: {"status": ""}, shows="aid reference"
    ),
    "aidrecords:flag_detail": Named("duplicate aid flag", "GET", rev("aidrecords:flag_detail", "a.obj.aid_flag.pk")),
    "access:lookup": Named(
        "person (the access log by TC Kimlik No; refused as an unknown number is)",
        "GET",
        rev("access:lookup"),
        lambda w, me: {"national_id": w.a.citizen.national_id},
        refused=400,
        echoes=("TC Kimlik No",),
    ),
    "access:flags": Listed("unusual reading", "GET", rev("access:flags")),
    "access:reader": Named(
        "staff user (their reads of A's households)",
        "GET",
        lambda w, me: reverse("access:reader", args=[w.a.user.pk]),
    ),
    "ledger:ledger": Unscoped("the public ledger: salted commitments and anonymised totals, the same for everyone"),
    # citizen portal: a citizen sees their own household only; B's citizen lives in Tuzluca
    "portal:home": Listed("the citizen's home", "GET", rev("portal:home"), via="portal", shows="application"),
    "portal:sign_in": Unscoped(f"citizen sign-in; {NO_OBJECT}"),
    "portal:sign_in_code": Unscoped(f"citizen sign-in; {NO_OBJECT}"),
    "portal:sign_out": Unscoped(f"citizen sign-out; {NO_OBJECT}"),
    "portal:apply": Listed("the citizen's application form", "GET", rev("portal:apply"), via="portal", shows="surname"),
    "portal:application": Named("application", "GET", rev("portal:application", "a.obj.application.pk"), via="portal"),
    "portal:document_add": Named(
        "application", "POST", rev("portal:document_add", "a.obj.application.pk"), _pdf, via="portal"
    ),
    "portal:objection_add": Named(
        "application",
        "POST",
        rev("portal:objection_add", "a.obj.application.pk"),
        lambda w, me: {"reason": "Gelirimiz yanlış hesaplandı."},
        via="portal",
    ),
    "portal:document_download": Named(
        "document", "GET", rev("portal:document_download", "a.obj.document.pk"), via="portal"
    ),
    "portal:decision": Named("decision", "GET", rev("portal:decision", "a.obj.decision.pk"), via="portal"),
    "portal:work": Listed(
        "the citizen's offers and sanctions", "GET", rev("portal:work"), via="portal", shows="employer"
    ),
    "portal:offer_answer": Named("offer", "GET", rev("portal:offer_answer", "a.obj.offer.pk"), via="portal"),
    "portal:sanction_objection": Named(
        "sanction",
        "POST",
        rev("portal:sanction_objection", "a.obj.sanction.pk"),
        lambda w, me: {"reason": "Tekliflerden haberim olmadı."},
        via="portal",
    ),
    # reports: long reports are the asker's own (another user's is not found, whatever its area)
    "reports:job_list": Unscoped("the user's own long reports; no district object"),
    "reports:job_detail": Unscoped("one of the user's own reports (another's is not found)"),
    "reports:job_download": Unscoped("the file of one of the user's own reports"),
    # reports, open data: public pages, every count a slice of one suppressed cube (no record, no district object)
    "opendata:catalogue": Unscoped(OPEN_DATA),
    "opendata:dataset": Unscoped(OPEN_DATA),
    "opendata:download": Unscoped(OPEN_DATA),
    "opendata:how_aid_is_decided": Unscoped(
        "public page: the rulebook in force, committees' rules and make-up counted by role, the ledger's totals"
    ),
    # reports: the satisfaction survey (its results are counts per district of the user's jurisdiction, suppressed)
    "reports:survey_results": Listed("survey results", "GET", rev("reports:survey_results")),
    "survey:answer": Unscoped("the public survey page of an SMS link: the token is the key; it shows no registry data"),
    "survey:thanks": Unscoped(PUBLIC),
    "portal:survey": Named("application", "GET", rev("portal:survey", "a.obj.application.pk"), via="portal"),
    "reports:booklet": Unscoped(
        "the province booklet's form: offers only the province of the user's office; suppressed aggregates only"
    ),
    # reports, risk maps: aggregate figures of an area; another district (or province) is not found
    "reports:risk_map": Named(
        "district", "GET", rev("reports:risk_map"), lambda w, me: {"district": w.a.district.pcode}
    ),
    "reports:risk_map_png": Named(
        "district", "GET", rev("reports:risk_map_png"), lambda w, me: {"district": w.a.district.pcode}
    ),
    "reports:risk_map_pdf": Named(
        "district", "GET", rev("reports:risk_map_pdf"), lambda w, me: {"district": w.a.district.pcode}
    ),
    "reports:risk_map_job": Named(
        "district",
        "POST",
        rev("reports:risk_map_job"),
        lambda w, me: {"district": w.a.district.pcode, "format": "pdf"},
    ),
    # reports: the indicators (aggregate figures; an area outside the jurisdiction is not found, and the drill-down's
    # records are cut to the jurisdiction: refah/reports/tests/test_kpi_views.py)
    "reports:dashboard": Unscoped("aggregate figures of an area of the user's jurisdiction; names no record"),
    "reports:kpi_targets": Unscoped("targets of areas of the user's jurisdiction; names no record"),
    "reports:kpi_refresh": Unscoped("asks for the indicators' recomputation; names no record"),
    "reports:kpi_drilldown": Listed(
        "records behind an indicator's figure (households aided)",
        "GET",
        lambda w, me: reverse("reports:kpi_drilldown", args=["families_aided"]),
    ),
    # targeting: the models and runs name no household; a household's proposal needs a scored registry (a trained
    # model): its jurisdiction (another district's household is not found, screen and API) is tested in
    # refah/targeting/tests/test_views.py
    "targeting:home": Unscoped("the models, their cards and the runs; names no household"),
    "targeting:model_detail": Unscoped("a model's card: aggregate evaluation figures of synthetic worlds"),
    "targeting:model_approve": Unscoped("approves a model; names no household"),
    "targeting:model_retire": Unscoped("retires a model; names no household"),
    "targeting:run_start": Unscoped("starts a scoring run; the district asked is checked against the jurisdiction"),
    "targeting:household_lookup": Unscoped("finds a household number only in the jurisdiction (test_views.py)"),
    "targeting:household": Unscoped("a household's proposal: another district's is not found (test_views.py)"),
}

# ---------------------------------------------------------------- API: every operation of the OpenAPI schema

HOUSEHOLD_IN = {
    "neighbourhood": "Bağlar",
    "dwelling_type": "apartment",
    "tenure": "owner",
    "heating": "stove_coal",
}
NEW_PERSON = {"marital_status": "single", "employment_status": "unemployed"}
LEDGER = "the public ledger: salted commitments, signed tree heads and proofs, the same for everyone"


def _register(district_of, person_of=None):
    """Body of POST /registry/households: a new household in a district, with a new or an existing person."""

    def build(world, me):
        member = (
            {"role": "reference", "person_id": str(person_of(world, me).pk)}
            if person_of
            else {
                "role": "reference",
                "person": {
                    "first_name": "Deniz",
                    "last_name": "Yeni",
                    "birth_date": "1980-01-01",
                    "sex": "F",
                    "id_kind": "internal",
                    **NEW_PERSON,
                },
            }
        )
        return {**HOUSEHOLD_IN, "district": district_of(world, me).pcode, "members": [member]}

    return build


def _aid_for_household(world, me):
    """An aid record naming A's household by id (B's office sending aid to a household of A)."""
    return {
        "reference": f"jur-{me.district.pcode}",
        "kind": "cash",
        "need": "subsistence",
        "amount_kurus": 50_000,
        "given_on": TODAY,
        "period_start": TODAY,
        "period_end": TODAY,
        "household_id": str(world.a.household.pk),
    }


API = {
    "refah_aidrecords_api_aid_records_create": Named(
        "household (named in the record's body)",
        "POST",
        api("/aid-records/"),
        _aid_for_household,
        via="api",
        headers=lambda w, me: {"Idempotency-Key": f"jur-{me.district.pcode}"},
    ),
    "refah_aidrecords_api_aid_records_list": Listed(
        "aid records", "GET", api("/aid-records/"), via="api", shows="aid reference"
    ),
    "refah_aidrecords_api_aid_records_household": Named(
        "household", "GET", api("/aid-records/households/{a.household.pk}"), via="api"
    ),
    "refah_aidrecords_api_aid_duplicates_list": Listed(
        "duplicate aid flags", "GET", api("/aid-records/duplicates"), via="api", shows="aid reference"
    ),
    "refah_aidrecords_api_aid_duplicate_resolve": Named(
        "duplicate aid flag",
        "POST",
        api("/aid-records/duplicates/{a.obj.aid_flag.pk}/resolve"),
        lambda w, me: {"status": "justified", "note": "Belediye ve AFAD ayrı ihtiyaçlar için verdi."},
        via="api",
    ),
    # employment
    "refah_shelters_api_shelters_case_list": Listed(
        "the caller's units' protection cases", "GET", api("/shelters/cases"), via="api", shows="sealed case number"
    ),
    "refah_shelters_api_shelters_case_create": Named(
        "sealed unit",
        "POST",
        api("/shelters/units/{a.obj.sonim.pk}/cases"),
        lambda w, me: {"source": "walk_in", "reason": "Kapıya geldi", "person_label": "Ayşe"},
        via="api",
    ),
    "refah_shelters_api_shelters_case_read": Named(
        "protection case", "GET", api("/shelters/cases/{a.obj.sealed_case.pk}"), via="api"
    ),
    "refah_shelters_api_shelters_note_create": Named(
        "protection case",
        "POST",
        api("/shelters/cases/{a.obj.sealed_case.pk}/notes"),
        lambda w, me: {"text": "Not"},
        via="api",
    ),
    "refah_shelters_api_shelters_stay_create": Named(
        "protection case",
        "POST",
        api("/shelters/cases/{a.obj.sealed_case.pk}/stays"),
        lambda w, me: {"shelter_id": str(w.a.obj.shelter.pk)},
        via="api",
    ),
    "refah_shelters_api_shelters_stay_end": Named(
        "shelter stay", "POST", api("/shelters/stays/{a.obj.sealed_stay.pk}/end"), via="api"
    ),
    "refah_employment_api_employment_referral_create": Named(
        "person (named in the body)",
        "POST",
        api("/employment/referrals"),
        lambda w, me: {"person_id": str(w.a.citizen.pk)},
        via="api",
    ),
    "refah_employment_api_employment_referral_list": Listed(
        "referrals", "GET", api("/employment/referrals"), via="api"
    ),
    "refah_employment_api_employment_referral_read": Named(
        "referral", "GET", api("/employment/referrals/{a.obj.referral.pk}"), via="api"
    ),
    "refah_employment_api_employment_referral_sync": Named(
        "referral", "POST", api("/employment/referrals/{a.obj.referral.pk}/sync"), via="api"
    ),
    "refah_employment_api_employment_referral_close": Named(
        "referral",
        "POST",
        api("/employment/referrals/{a.obj.referral.pk}/close"),
        lambda w, me: {"reason": "Taşındı."},
        via="api",
    ),
    "refah_employment_api_employment_offer_create": Named(
        "referral",
        "POST",
        api("/employment/referrals/{a.obj.referral.pk}/offers"),
        lambda w, me: {
            "kind": "course",
            "title": "Aşçılık kursu",
            "employer": "Halk Eğitim",
            "offered_on": TODAY,
            "answer_by": TODAY,
        },
        via="api",
    ),
    "refah_employment_api_employment_offer_answer": Named(
        "offer",
        "POST",
        api("/employment/offers/{a.obj.offer.pk}/answer"),
        lambda w, me: {"answer": "accepted"},
        via="api",
    ),
    "refah_employment_api_employment_refusal_decide": Named(
        "offer (a refusal)",
        "POST",
        api("/employment/offers/{a.obj.refusal.pk}/validity"),
        lambda w, me: {"valid": True, "justification": "İşyeri 80 km uzakta."},
        via="api",
    ),
    "refah_employment_api_employment_placement_create": Named(
        "referral",
        "POST",
        api("/employment/referrals/{a.obj.referral.pk}/placements"),
        lambda w, me: {"employer": "Aras Un", "started_on": TODAY},
        via="api",
    ),
    "refah_employment_api_employment_placement_end": Named(
        "placement",
        "POST",
        api("/employment/placements/{a.obj.placement.pk}/end"),
        lambda w, me: {"ended_on": TODAY, "reason": "resigned"},
        via="api",
    ),
    "refah_employment_api_employment_person_read": Named(
        "person", "GET", api("/employment/persons/{a.citizen.pk}"), via="api"
    ),
    # care (specialised services)
    "refah_care_api_care_institution_list": Listed(
        "institutions", "GET", api("/care/institutions"), via="api", shows="care centre"
    ),
    "refah_care_api_care_institution_read": Named(
        "institution", "GET", api("/care/institutions/{a.obj.care_centre.pk}"), via="api"
    ),
    "refah_care_api_care_institution_create": Named(
        "district (named in the body; refused as outside the jurisdiction)",
        "POST",
        api("/care/institutions"),
        lambda w, me: {
            "name": "Özel Bakım Merkezi",
            "kind": "private_care_centre",
            "ownership": "private",
            "mode": "residential",
            "district_pcode": w.a.district.pcode,
            "capacity": 6,
            "operator_name": "Özel",
        },
        via="api",
        refused=400,
    ),
    "refah_care_api_care_institution_update": Named(
        "institution",
        "PATCH",
        api("/care/institutions/{a.obj.care_centre.pk}"),
        lambda w, me: {"capacity": 12},
        via="api",
    ),
    "refah_care_api_care_waiting_list": Listed(
        "waiting list", "GET", api("/care/waiting"), lambda w, me: {"kind": "care_rehab_centre"}, via="api"
    ),
    "refah_care_api_care_waiting_add": Named(
        "household (named in the body)",
        "POST",
        api("/care/waiting"),
        lambda w, me: {
            "person_id": str(w.a.obj.care_toddler.pk),
            "household_id": str(w.a.obj.care_household.pk),
            "kind": "child_home",
        },
        via="api",
    ),
    "refah_care_api_care_waiting_withdraw": Named(
        "waiting list entry",
        "POST",
        api("/care/waiting/{a.obj.care_entry_2.pk}/withdraw"),
        lambda w, me: {"reason": "Taşındı."},
        via="api",
    ),
    "refah_care_api_care_offer_accept": Named(
        "waiting list entry", "POST", api("/care/offers/{a.obj.care_entry.pk}/accept"), via="api"
    ),
    "refah_care_api_care_offer_decline": Named(
        "waiting list entry",
        "POST",
        api("/care/offers/{a.obj.care_entry.pk}/decline"),
        lambda w, me: {"reason": "Evde bakılacak."},
        via="api",
    ),
    "refah_care_api_care_placement_create": Named(
        "household and institution (named in the body)",
        "POST",
        api("/care/placements"),
        lambda w, me: {
            "institution_id": str(w.a.obj.care_centre.pk),
            "person_id": str(w.a.obj.care_entry.person_id),
            "household_id": str(w.a.obj.care_household.pk),
        },
        via="api",
    ),
    "refah_care_api_care_placement_discharge": Named(
        "placement",
        "POST",
        api("/care/placements/{a.obj.care_placement_2.pk}/discharge"),
        lambda w, me: {"ended_on": TODAY, "reason": "returned_home"},
        via="api",
    ),
    "refah_care_api_care_foster_family_list": Listed("foster families", "GET", api("/care/foster-families"), via="api"),
    "refah_care_api_care_foster_family_approve": Named(
        "household (named in the body)",
        "POST",
        api("/care/foster-families"),
        lambda w, me: {"household_id": str(w.a.household.pk), "kind": "paid", "approved_on": TODAY, "capacity": 1},
        via="api",
    ),
    "refah_care_api_care_foster_place": Named(
        "foster family",
        "POST",
        api("/care/foster-families/{a.obj.care_foster.pk}/placements"),
        lambda w, me: {
            "child_id": str(w.a.obj.care_toddler.pk),
            "household_id": str(w.a.obj.care_household.pk),
            "started_on": TODAY,
        },
        via="api",
    ),
    "refah_care_api_care_creche_quota_list": Listed(
        "crèche quotas", "GET", api("/care/creche-quotas"), via="api", shows="care crèche"
    ),
    "refah_care_api_care_creche_allocate": Named(
        "crèche and household (named in the body)",
        "POST",
        api("/care/creche-places"),
        lambda w, me: {
            "creche_id": str(w.a.obj.care_creche.pk),
            "child_id": str(w.a.obj.care_toddler.pk),
            "household_id": str(w.a.obj.care_household.pk),
        },
        via="api",
    ),
    "refah_employment_api_employment_household_read": Named(
        "household", "GET", api("/employment/households/{a.household.pk}"), via="api"
    ),
    "refah_employment_api_employment_sanction_read": Named(
        "sanction", "GET", api("/employment/sanctions/{a.obj.sanction.pk}"), via="api"
    ),
    "refah_employment_api_employment_sanction_object": Named(
        "sanction",
        "POST",
        api("/employment/sanctions/{a.obj.sanction.pk}/objection"),
        lambda w, me: {"reason": "Tekliflerden haberim olmadı."},
        via="api",
    ),
    "refah_employment_api_employment_followup": Listed(
        "follow-up counts", "GET", api("/employment/followup"), via="api"
    ),
    "refah_employment_api_employment_refusal_reasons": Unscoped("the catalogue of refusal reasons: national, no data"),
    # casework
    "refah_casework_api_casework_service_list": Unscoped("the catalogue of services: offices and institutions"),
    "refah_casework_api_casework_service_read": Unscoped("a service of the catalogue: no household or person"),
    "refah_casework_api_casework_referral_create": Named(
        "household (named in the body)",
        "POST",
        api("/casework/referrals"),
        lambda w, me: {"household_id": str(w.a.household.pk), "kind": "family_counselling", "reason": "Destek."},
        via="api",
    ),
    "refah_casework_api_casework_referral_list": Listed("referrals", "GET", api("/casework/referrals"), via="api"),
    "refah_casework_api_casework_referral_read": Named(
        "referral", "GET", api("/casework/referrals/{a.obj.service_referral.pk}"), via="api"
    ),
    "refah_casework_api_casework_referral_accept": Named(
        "referral", "POST", api("/casework/referrals/{a.obj.open_referral.pk}/accept"), lambda w, me: {}, via="api"
    ),
    "refah_casework_api_casework_referral_start": Named(
        "referral", "POST", api("/casework/referrals/{a.obj.open_referral.pk}/start"), via="api"
    ),
    "refah_casework_api_casework_referral_done": Named(
        "referral",
        "POST",
        api("/casework/referrals/{a.obj.open_referral.pk}/done"),
        lambda w, me: {"outcome": "Tamamlandı."},
        via="api",
    ),
    "refah_casework_api_casework_referral_decline": Named(
        "referral",
        "POST",
        api("/casework/referrals/{a.obj.open_referral.pk}/decline"),
        lambda w, me: {"reason": "Kapsam dışı."},
        via="api",
    ),
    "refah_casework_api_casework_referral_cancel": Named(
        "referral",
        "POST",
        api("/casework/referrals/{a.obj.open_referral.pk}/cancel"),
        lambda w, me: {"reason": "Vazgeçildi."},
        via="api",
    ),
    "refah_casework_api_casework_case_create": Named(
        "household (named in the body)",
        "POST",
        api("/casework/cases"),
        lambda w, me: {"household_id": str(w.a.household.pk), "person_ids": [str(w.a.citizen.pk)], "reason": "x"},
        via="api",
    ),
    "refah_casework_api_casework_case_list": Listed("SHM cases", "GET", api("/casework/cases"), via="api"),
    "refah_casework_api_casework_case_read": Named(
        "SHM case", "GET", api("/casework/cases/{a.obj.social_case.pk}"), via="api"
    ),
    "refah_casework_api_casework_session_add": Named(
        "SHM case",
        "POST",
        api("/casework/cases/{a.obj.social_case.pk}/sessions"),
        lambda w, me: {"kind": "home_visit", "scheduled_at": timezone.now().isoformat()},
        via="api",
    ),
    "refah_casework_api_casework_plan_record": Named(
        "SHM case",
        "PUT",
        api("/casework/cases/{a.obj.social_case.pk}/plan"),
        lambda w, me: {"summary": "Plan.", "review_on": TODAY},
        via="api",
    ),
    "refah_casework_api_casework_goal_add": Named(
        "SHM case",
        "POST",
        api("/casework/cases/{a.obj.social_case.pk}/goals"),
        lambda w, me: {"text": "Hedef.", "target_date": TODAY},
        via="api",
    ),
    "refah_casework_api_casework_case_close": Named(
        "SHM case",
        "POST",
        api("/casework/cases/{a.obj.social_case.pk}/close"),
        lambda w, me: {"outcome": "no_need", "note": "İhtiyaç yok."},
        via="api",
    ),
    "refah_casework_api_casework_programme_list": Listed(
        "group programmes", "GET", api("/casework/programmes"), via="api", shows="group programme"
    ),
    "refah_casework_api_casework_enrol": Named(
        "group programme",
        "POST",
        api("/casework/programmes/{a.obj.programme.pk}/enrolments"),
        lambda w, me: {"person_id": str(me.citizen.pk)},
        via="api",
    ),
    "refah_casework_api_casework_attendance_record": Named(
        "group session",
        "POST",
        api("/casework/programmes/sessions/{a.obj.group_session.pk}/attendance"),
        lambda w, me: {"marks": {str(w.a.obj.enrolment.pk): "present"}},
        via="api",
    ),
    "refah_casework_api_casework_counts": Listed(
        "counts of the jurisdiction", "GET", api("/casework/counts"), via="api"
    ),
    # entitlements
    "refah_entitlements_api_entitlements_kinds": Unscoped("the catalogue of entitlements: national law, no data"),
    "refah_entitlements_api_entitlements_veteran_list": Listed(
        "veteran records",
        "GET",
        api("/entitlements/veterans"),
        via="api",
        extra_markers=lambda w, me: {"A's record": str(w.a.obj.veteran_record.pk)},
        shows="A's record",
    ),
    "refah_entitlements_api_entitlements_veteran_create": Named(
        "person",
        "POST",
        api("/entitlements/veterans"),
        lambda w, me: {
            "person_id": str(w.a.obj.spouse.pk),
            "status": "martyr_mother",
            "subject_name": "Er Veli Demirtaş",
            "subject_national_id": "10000000450",
            "event_date": "2018-05-01",
            "decision_ref": "ŞYGD 2018/3",
        },
        via="api",
    ),
    "refah_entitlements_api_entitlements_veteran_read": Named(
        "veteran record", "GET", api("/entitlements/veterans/{a.obj.veteran_record.pk}"), via="api"
    ),
    "refah_entitlements_api_entitlements_grant": Named(
        "veteran record",
        "POST",
        api("/entitlements/veterans/{a.obj.veteran_record.pk}/entitlements"),
        lambda w, me: {"kind": "free_travel"},
        via="api",
    ),
    "refah_entitlements_api_entitlements_use": Named(
        "entitlement", "POST", api("/entitlements/entitlements/{a.obj.entitlement_to_use.pk}/use"), via="api"
    ),
    "refah_entitlements_api_entitlements_revoke": Named(
        "entitlement",
        "POST",
        api("/entitlements/entitlements/{a.obj.entitlement_to_revoke.pk}/revoke"),
        lambda w, me: {"reason": "Yanlışlıkla verildi."},
        via="api",
    ),
    "refah_entitlements_api_entitlements_refer": Named(
        "entitlement", "POST", api("/entitlements/entitlements/{a.obj.entitlement.pk}/refer"), via="api"
    ),
    "refah_entitlements_api_entitlements_card_list": Listed(
        "travel cards", "GET", api("/entitlements/cards"), via="api", shows="travel card"
    ),
    "refah_entitlements_api_entitlements_cards_issue": Named(
        "district", "POST", api("/entitlements/cards/issue"), lambda w, me: {"district": w.a.district.pcode}, via="api"
    ),
    "refah_entitlements_api_entitlements_card_read": Named(
        "travel card", "GET", api("/entitlements/cards/{a.obj.travel_card.pk}"), via="api"
    ),
    "refah_entitlements_api_entitlements_card_deliver": Named(
        "travel card",
        "POST",
        api("/entitlements/cards/{a.obj.travel_card.pk}/deliver"),
        lambda w, me: {"place": "ptt", "receiver": "person"},
        via="api",
    ),
    "refah_entitlements_api_entitlements_card_replace": Named(
        "travel card",
        "POST",
        api("/entitlements/cards/{a.obj.travel_card.pk}/replace"),
        lambda w, me: {"reason": "lost"},
        via="api",
    ),
    "refah_entitlements_api_entitlements_card_cancel": Named(
        "travel card",
        "POST",
        api("/entitlements/cards/{a.obj.travel_card.pk}/cancel"),
        lambda w, me: {"reason": "Vefat."},
        via="api",
    ),
    "refah_entitlements_api_entitlements_batch_list": Listed(
        "print batches",
        "GET",
        api("/entitlements/batches"),
        via="api",
        extra_markers=lambda w, me: {"A's batch": w.a.obj.card_batch.reference},
        shows="A's batch",
    ),
    "refah_entitlements_api_entitlements_batch_create": Named(
        "district", "POST", api("/entitlements/batches"), lambda w, me: {"district": w.a.district.pcode}, via="api"
    ),
    "refah_entitlements_api_entitlements_batch_read": Named(
        "print batch", "GET", api("/entitlements/batches/{a.obj.card_batch.pk}"), via="api"
    ),
    "refah_entitlements_api_entitlements_batch_printed": Named(
        "print batch", "POST", api("/entitlements/batches/{a.obj.card_batch.pk}/printed"), via="api"
    ),
    # social services: ASDEP
    "refah_targeting_outreach_api_outreach_take_up": Listed(
        "take-up counts per district (suppressed)", "GET", api("/outreach/take-up"), via="api"
    ),
    "refah_targeting_outreach_api_outreach_calls": Listed(
        "outreach call list", "GET", api("/outreach/calls"), via="api", shows="surname"
    ),
    "refah_targeting_outreach_api_outreach_gap": Listed(
        "poverty-gap what-if (aggregates)",
        "GET",
        api("/outreach/gap"),
        lambda w, me: {"budget": "1000", "line": "10000"},
        via="api",
    ),  # fmt: skip
    "refah_asdep_api_asdep_round_list": Listed(
        "ASDEP rounds", "GET", api("/asdep/rounds"), via="api", shows="asdep round"
    ),
    "refah_asdep_api_asdep_round_plan": Named(
        "office and neighbourhood",
        "POST",
        api("/asdep/rounds"),
        lambda w, me: {
            "office_id": str(w.a.office.pk),
            "neighbourhood_ids": [w.a.household.neighbourhood_id],
            "teams": [[me.user.pk, me.checker.pk]],
            "starts_on": TODAY,
            "ends_on": TODAY,
        },
        via="api",
    ),
    "refah_asdep_api_asdep_round_read": Named(
        "ASDEP round", "GET", api("/asdep/rounds/{a.obj.asdep_round.pk}"), via="api"
    ),
    "refah_asdep_api_asdep_round_close": Named(
        "ASDEP round", "POST", api("/asdep/rounds/{a.obj.asdep_round.pk}/close"), via="api"
    ),
    "refah_asdep_api_asdep_visit_list": Listed(
        "the team's visits today", "GET", api("/asdep/visits"), via="api", shows="second household code"
    ),
    "refah_asdep_api_asdep_visit_read": Named(
        "ASDEP visit", "GET", api("/asdep/visits/{a.obj.asdep_visit.pk}"), via="api"
    ),
    "refah_asdep_api_asdep_visit_record": Named(
        "ASDEP visit",
        "POST",
        api("/asdep/visits/{a.obj.asdep_open_visit.pk}/record"),
        lambda w, me: {"outcome": "nobody_home"},
        via="api",
    ),
    "refah_asdep_api_asdep_proposal_list": Listed(
        "households proposed for a visit", "GET", api("/asdep/proposals"), via="api"
    ),
    "refah_asdep_api_asdep_risk_profile": Named(
        "household", "GET", api("/asdep/households/{a.household.pk}/risk-profile"), via="api"
    ),
    "refah_asdep_api_asdep_checklist": Unscoped("the national risk checklist's questions: no data"),
    "refah_aidrecords_api_aid_giver_report_create": Unscoped(
        "the caller's own office reports the count of its own aid; names no district object"
    ),
    # linkage
    "refah_linkage_api_review_list": Listed(
        "link review items", "GET", api("/linkage/reviews"), via="api", shows="surname"
    ),
    "refah_linkage_api_review_accept": Named(
        "link review item",
        "POST",
        api("/linkage/reviews/{a.obj.link_review.pk}/accept"),
        lambda w, me: {"person_id": str(w.a.citizen.pk)},
        via="api",
    ),
    "refah_linkage_api_review_reject": Named(
        "link review item",
        "POST",
        api("/linkage/reviews/{a.obj.link_review_2.pk}/reject"),
        lambda w, me: {"reason": "Başka kişi."},
        via="api",
    ),
    "refah_linkage_api_link_list": Listed("links", "GET", api("/linkage/links"), via="api"),
    "refah_linkage_api_link_undo": Named(
        "link",
        "POST",
        api("/linkage/links/{a.obj.link.pk}/undo"),
        lambda w, me: {"reason": "Yanlış kişi."},
        via="api",
    ),
    "refah_registry_api_access_log": Named(
        "person (the access log by TC Kimlik No)",
        "GET",
        api("/registry/access-log"),
        lambda w, me: {"national_id": w.a.citizen.national_id},
        via="api",
    ),
    "refah_registry_api_access_flags": Listed("unusual reading", "GET", api("/registry/access-log/flags"), via="api"),
    "refah_registry_api_household_list": (
        Listed("households", "GET", api("/registry/households"), via="api", shows="household code"),
        Listed(
            "households of A's district",
            "GET",
            api("/registry/households"),
            lambda w, me: {"district": w.a.district.pcode},
            via="api",
            shows="household code",
        ),
    ),
    "refah_registry_api_household_register": (
        # Registering into a district outside the jurisdiction is the service's 403 on the field `district`.
        Named(
            "district",
            "POST",
            api("/registry/households"),
            _register(lambda w, me: w.a.district),
            via="api",
            refused=403,
        ),
        Named(
            "person (a new household in one's own district with A's person)",
            "POST",
            api("/registry/households"),
            _register(lambda w, me: me.district, lambda w, me: w.a.citizen),
            via="api",
        ),
    ),
    "refah_registry_api_household_get": Named(
        "household", "GET", api("/registry/households/{a.household.pk}"), via="api"
    ),
    "refah_registry_api_household_update": Named(
        "household", "PATCH", api("/registry/households/{a.household.pk}"), lambda w, me: {"rooms": 3}, via="api"
    ),
    "refah_registry_api_household_history": Named(
        "household", "GET", api("/registry/households/{a.household.pk}/history"), via="api"
    ),
    "refah_registry_api_household_audit": Named(
        "household", "GET", api("/registry/households/{a.household.pk}/audit"), via="api"
    ),
    "refah_registry_api_member_add": (
        Named(
            "household",
            "POST",
            api("/registry/households/{a.household.pk}/members"),
            lambda w, me: {
                "role": "other",
                "person": {
                    "first_name": "Deniz",
                    "last_name": "Yeni",
                    "birth_date": "1980-01-01",
                    "sex": "F",
                    "id_kind": "internal",
                    **NEW_PERSON,
                },
            },
            via="api",
        ),
        Named(
            "person (added to one's own household)",
            "POST",
            api("/registry/households/{me.household.pk}/members"),
            lambda w, me: {"role": "other", "person_id": str(w.a.citizen.pk)},
            via="api",
        ),
    ),
    "refah_registry_api_asset_record": Named(
        "household",
        "POST",
        api("/registry/households/{a.household.pk}/assets"),
        lambda w, me: {"kind": "vehicle", "value": "150000.00"},
        via="api",
    ),
    "refah_registry_api_membership_end": Named(
        "membership",
        "POST",
        api("/registry/memberships/{a.obj.membership.pk}/end"),
        lambda w, me: {"left_on": TODAY, "reason": "Taşındı."},
        via="api",
    ),
    "refah_registry_api_person_search": (
        Listed(
            "search by A's TC Kimlik No",
            "GET",
            api("/registry/persons"),
            lambda w, me: {"q": w.a.citizen.national_id},
            via="api",
            shows="surname",
        ),
        Listed(
            "search by A's surname",
            "GET",
            api("/registry/persons"),
            lambda w, me: {"q": "Karabulutoğlu"},
            via="api",
            shows="TC Kimlik No",
        ),
    ),
    "refah_registry_api_person_get": Named("person", "GET", api("/registry/persons/{a.citizen.pk}"), via="api"),
    "refah_registry_api_person_update": Named(
        "person", "PATCH", api("/registry/persons/{a.citizen.pk}"), lambda w, me: {"phone": "05320000000"}, via="api"
    ),
    "refah_registry_api_person_move": (
        Named(
            "person",
            "POST",
            api("/registry/persons/{a.citizen.pk}/move"),
            lambda w, me: {"to_household_id": str(me.household.pk), "role": "other", "on_date": TODAY},
            via="api",
        ),
        Named(
            "household (moving one's own person into it)",
            "POST",
            api("/registry/persons/{me.citizen.pk}/move"),
            lambda w, me: {"to_household_id": str(w.a.obj.payee_household.pk), "role": "other", "on_date": TODAY},
            via="api",
        ),
    ),
    "refah_registry_api_income_record": Named(
        "person",
        "POST",
        api("/registry/persons/{a.citizen.pk}/incomes"),
        lambda w, me: {"kind": "wage", "amount": "12500.00", "start_date": "2026-01-01"},
        via="api",
    ),
    "refah_registry_api_merges_person_merge": (
        Named(
            "person (kept)",
            "POST",
            api("/registry/persons/{a.citizen.pk}/merge"),
            lambda w, me: {"drop_id": str(w.a.obj.twice.pk), "reason": "Aynı kişi."},
            via="api",
        ),
        Named(
            "person (merged, named in the body)",
            "POST",
            api("/registry/persons/{me.citizen.pk}/merge"),
            lambda w, me: {"drop_id": str(w.a.obj.spouse.pk), "reason": "Aynı kişi."},
            via="api",
        ),
    ),
    "refah_registry_api_merges_merge_undo": Named(
        "person merge",
        "POST",
        api("/registry/merges/{a.obj.merge.pk}/undo"),
        lambda w, me: {"reason": "Yanlış birleştirme."},
        via="api",
    ),
    "refah_registry_api_merges_merge_list": (
        Listed(
            "person merges",
            "GET",
            api("/registry/merges"),
            via="api",
            shows="merge",
            extra_markers=lambda w, me: {"merge": str(w.a.obj.merge.pk)},
        ),
        Named(
            "person (merges of)",
            "GET",
            api("/registry/merges"),
            lambda w, me: {"person_id": str(w.a.citizen.pk)},
            via="api",
        ),
    ),
    "refah_accounts_api_me_me": Unscoped("the caller's own account, office and roles"),
    "refah_eligibility_api_screener": Unscoped(PUBLIC),
    "refah_cases_api_application_create": Named(
        "household",
        "POST",
        api("/cases/applications"),
        lambda w, me: {
            "household_id": str(w.a.household.pk),
            "programs": [PROGRAM],
            "consents": _adult_ids(w.a.household),
        },
        via="api",
    ),
    "refah_cases_api_application_index": Listed(
        "applications", "GET", api("/cases/applications"), via="api", shows="application"
    ),
    "refah_cases_api_application_detail": Named(
        "application", "GET", api("/cases/applications/{a.obj.application.pk}"), via="api"
    ),
    "refah_cases_api_document_create": Named(
        "application",
        "POST",
        api("/cases/applications/{a.obj.application.pk}/documents"),
        _pdf,
        via="api",
        multipart=True,
    ),
    "refah_cases_api_visit_create": Named(
        "visit",
        "POST",
        api("/cases/visits/{a.obj.open_visit.pk}"),
        lambda w, me: {"living_conditions": "poor", "observations": "Soğuk ev."},
        via="api",
    ),
    "refah_cases_api_objection_create": Named(
        "application",
        "POST",
        api("/cases/applications/{a.obj.application.pk}/objections"),
        lambda w, me: {"reason": "Gelirimiz yanlış hesaplandı."},
        via="api",
    ),
    "refah_exchange_api_household_sources": Named(
        "household", "GET", api("/exchange/households/{a.household.pk}"), via="api"
    ),
    "refah_exchange_api_discrepancy_resolve": Named(
        "disagreement",
        "POST",
        api("/exchange/discrepancies/{a.obj.discrepancy.pk}/resolve"),
        lambda w, me: {"note": "Beyan düzeltildi."},
        via="api",
    ),
    "refah_exchange_api_household_refresh": Named(
        "household",
        "POST",
        api("/exchange/households/{a.household.pk}/refresh"),
        lambda w, me: {"purpose": "application", "sources": []},
        via="api",
    ),
    "refah_committees_api_meeting_list": Listed(
        "meetings", "GET", api("/committees/meetings"), via="api", shows="meeting"
    ),
    "refah_committees_api_meeting_create": Named(
        "committee",
        "POST",
        api("/committees/meetings"),
        lambda w, me: {
            "committee_id": str(w.a.obj.committee_case.committee.pk),
            "reference": "X-1",
            "scheduled_at": "2026-12-20T10:00:00+03:00",
        },
        via="api",
    ),
    "refah_committees_api_meeting_get": Named(
        "meeting", "GET", api("/committees/meetings/{a.obj.committee_case.meeting.pk}"), via="api"
    ),
    "refah_committees_api_meeting_open": Named(
        "meeting",
        "POST",
        api("/committees/meetings/{a.obj.committee_case.meeting.pk}/open"),
        lambda w, me: {"present": [str(m.pk) for m in w.a.obj.committee_case.members]},
        via="api",
    ),
    "refah_committees_api_meeting_close": Named(
        "meeting", "POST", api("/committees/meetings/{a.obj.committee_case.meeting.pk}/close"), via="api"
    ),
    "refah_committees_api_agenda_build": Named(
        "meeting", "POST", api("/committees/meetings/{a.obj.committee_case.meeting.pk}/agenda"), via="api"
    ),
    "refah_committees_api_agenda_get": Named(
        "meeting", "GET", api("/committees/meetings/{a.obj.committee_case.meeting.pk}/agenda"), via="api"
    ),
    "refah_committees_api_recusal_declare": Named(
        "agenda item",
        "POST",
        api("/committees/items/{a.obj.committee_case.item.pk}/recusals"),
        lambda w, me: {"member_id": str(_member(w, me)), "reason": "Akraba."},
        via="api",
    ),
    "refah_committees_api_vote_cast": Named(
        "agenda item",
        "POST",
        api("/committees/items/{a.obj.committee_case.item.pk}/votes"),
        lambda w, me: {"member_id": str(_member(w, me)), "program": PROGRAM, "choice": "approve"},
        via="api",
    ),
    "refah_committees_api_item_decide": Named(
        "agenda item", "POST", api("/committees/items/{a.obj.committee_case.item.pk}/decision"), via="api"
    ),
    "refah_committees_api_deviation_report": Listed("deviation report", "GET", api("/committees/deviation"), via="api"),
    "refah_payments_api_cycles": Listed("payment cycles (national)", "GET", api("/payments/cycles"), via="api"),
    "refah_payments_api_cycle_new": Unscoped("creates a national cycle (program and period); names no district object"),
    "refah_payments_api_cycle_run": Unscoped("computes a national cycle; its answer is the cycle's totals"),
    "refah_payments_api_batches": Listed(
        "batches",
        "GET",
        api("/payments/batches"),
        via="api",
        extra_markers=lambda w, me: {"A's batch": str(w.a.obj.batch.pk)},
        shows="A's batch",
    ),
    "refah_payments_api_batch_new": Named(
        "batch (retried)",
        "POST",
        api("/payments/batches"),
        lambda w, me: {
            "cycle_id": str(w.a.obj.cycle.pk),
            "channel": "bank",
            "debtor_name": "SYDV",
            "debtor_iban": "TR330006100519786457841326",
            "execution_date": "2025-03-05",
            "retry_of": str(w.a.obj.batch.pk),
        },
        via="api",
    ),
    "refah_payments_api_batch_ok": Named("batch", "POST", api("/payments/batches/{a.obj.batch.pk}/approve"), via="api"),
    "refah_payments_api_batch_status": Named(
        "batch", "GET", api("/payments/batches/{a.obj.batch.pk}/summary"), via="api"
    ),
    "refah_payments_api_batch_file": (
        Named("batch (pain.001)", "GET", api("/payments/batches/{a.obj.batch.pk}/export"), via="api"),
        Listed(
            "B's own batch of the same cycle (CSV)",
            "GET",
            api("/payments/batches/{b.obj.batch.pk}/export"),
            lambda w, me: {"format": "csv"},
            via="api",
            b_shows=lambda w, me: w.b.obj.payee_iban,
        ),
    ),
    "refah_payments_api_batch_answer": Named(
        "batch",
        "POST",
        api("/payments/batches/{a.obj.batch.pk}/answer"),
        lambda w, me: {"format": "csv", "file": SimpleUploadedFile("yanit.csv", b"end_to_end_id,status,reason\n")},
        via="api",
        multipart=True,
    ),
    "refah_payments_api_household_entitlements": Named(
        "household", "GET", api("/payments/households/{a.obj.payee_household.pk}/entitlements"), via="api"
    ),
    "refah_aidcard_api_authorise": Unscoped(
        "a terminal acts for its own merchant; the card holder presents the card (and PIN) at any accepting merchant"
    ),
    "refah_aidcard_api_capture": Named(
        "authorisation of another merchant",
        "POST",
        api("/aidcard/terminal/authorisations/{a.obj.hold.pk}/capture"),
        via="terminal",
    ),
    "refah_aidcard_api_void": Named(
        "authorisation of another merchant",
        "POST",
        api("/aidcard/terminal/authorisations/{a.obj.hold.pk}/void"),
        via="terminal",
    ),
    "refah_aidcard_api_refund": Named(
        "authorisation of another merchant",
        "POST",
        api("/aidcard/terminal/authorisations/{a.obj.hold.pk}/refunds"),
        lambda w, me: {"amount": 100, "reference": "r-1"},
        via="terminal",
    ),
    "refah_aidcard_api_balance": Unscoped("the card holder presents the card (and PIN); answers only its purses"),
    "refah_audit_api_ledger_heads": Unscoped(LEDGER),
    "refah_audit_api_ledger_head_latest": Unscoped(LEDGER),
    "refah_audit_api_ledger_head_by_size": Unscoped(LEDGER),
    "refah_audit_api_ledger_entries": Unscoped(LEDGER),
    "refah_audit_api_ledger_proof_inclusion": Unscoped(LEDGER),
    "refah_audit_api_ledger_proof_consistency": Unscoped(LEDGER),
    # reports: long reports are the asker's own (another user's is not found, whatever its area)
    "refah_reports_api_reports_job_list": Unscoped("the caller's own long reports; no district object"),
    "refah_reports_api_reports_job_request": Unscoped("asks for a long report; its kind checks the area asked"),
    "refah_reports_api_reports_job_read": Unscoped("one of the caller's own reports (another's is not found)"),
    "refah_reports_api_reports_job_file": Unscoped("the file of one of the caller's own reports"),
    "refah_reports_opendata_api_open_data_datasets": Unscoped(OPEN_DATA),
    "refah_reports_opendata_api_open_data_dataset": Unscoped(OPEN_DATA),
    "refah_reports_opendata_api_open_data_rows": Unscoped(OPEN_DATA),
    "refah_reports_api_reports_survey_results": Listed(
        "survey results", "GET", api("/reports/surveys/results"), via="api"
    ),
    "refah_reports_maps_api_reports_risk_map": Named(
        "district", "GET", api("/reports/risk-map?district={a.district.pcode}"), via="api"
    ),
    "refah_reports_kpi_api_reports_indicators": Unscoped("aggregate figures of an area of the caller's jurisdiction"),
    "refah_reports_kpi_api_reports_indicator_target_set": Unscoped("a target of an area of the caller's jurisdiction"),
    "refah_reports_kpi_api_reports_indicators_refresh": Unscoped("asks for the indicators' recomputation"),
    # targeting (see the screens above)
    "refah_targeting_api_targeting_model_list": Unscoped("the registered models; names no household"),
    "refah_targeting_api_targeting_model_get": Unscoped("one model; names no household"),
    "refah_targeting_api_targeting_run_list": Unscoped("the scoring runs; names no household"),
    "refah_targeting_api_targeting_household_proposal": Unscoped(
        "a household's proposal: another district's is not found (refah/targeting/tests/test_views.py)"
    ),
}
