"""The catalogue of audit actions: every `action` written by `audit_record`, and what it means to people.

One enum, one spelling: `<subject>_<verb>` in snake case (`household_register`, `payment_batch_approve`). Code
passes a member (`AuditAction.HOUSEHOLD_REGISTER`), never a string; the member's value is what the audit trail
stores, its label what screens show (`action_label(event.action)`, never the code). A new action is a new
member with its label (refah/audit/tests/test_actions.py collects every action the code writes and fails for
one that is not a member).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    # registry
    HOUSEHOLD_REGISTER = "household_register", _("Household registered")
    HOUSEHOLD_UPDATE = "household_update", _("Household details changed")
    HOUSEHOLD_IMPORT = "household_import", _("Household imported from a file")
    PERSON_CREATE = "person_create", _("Person recorded")
    PERSON_UPDATE = "person_update", _("Person's details changed")
    MEMBER_ADD = "member_add", _("Member joined")
    MEMBER_REMOVE = "member_remove", _("Member left")
    INCOME_RECORD = "income_record", _("Income recorded")
    INCOME_END = "income_end", _("Income ended")
    ASSET_RECORD = "asset_record", _("Asset recorded")
    ASSET_DISPOSE = "asset_dispose", _("Asset disposed of")
    ATTENDANCE_RECORD = "attendance_record", _("School attendance recorded")
    PERSON_MERGED = "person_merged", _("Two records of one person merged")
    PERSON_MERGE_UNDONE = "person_merge_undone", _("Merge of two records undone")
    SYNTH_LOAD = "synth_load", _("Synthetic data loaded")
    # exchange
    SOURCE_CALL = "source_call", _("Institution asked")
    SOURCES_REFRESH = "sources_refresh", _("Institutions' data pulled")
    DISCREPANCY_RESOLVE = "discrepancy_resolve", _("Disagreement with the declaration resolved")
    # cases
    CASE_SUBMIT = "case_submit", _("Application received")
    CASE_INVESTIGATE = "case_investigate", _("Investigation started")
    CASE_SEND_TO_COMMITTEE = "case_send_to_committee", _("Case sent to the committee")
    CASE_DECIDE = "case_decide", _("Case decided")
    CASE_OBJECT = "case_object", _("Objection filed against the decision")
    CASE_RE_EXAMINE = "case_re_examine", _("Re-examination started")
    CASE_WITHDRAW = "case_withdraw", _("Application withdrawn")
    CASE_CLOSE = "case_close", _("Case closed")
    CASE_SNAPSHOT = "case_snapshot", _("Objective result frozen for the committee")
    DECISION_RECORD = "decision_record", _("Program decision recorded")
    DOCUMENT_UPLOAD = "document_upload", _("Document uploaded")
    OBJECTION_FILE = "objection_file", _("Objection filed")
    OBJECTION_DECIDE = "objection_decide", _("Objection decided")
    VISIT_ASSIGN = "visit_assign", _("Household visit assigned")
    VISIT_RECORD = "visit_record", _("Household visit recorded")
    # committees
    COMMITTEE_CREATE = "committee_create", _("Committee created")
    COMMITTEE_MEMBER_ADD = "committee_member_add", _("Committee member added")
    COMMITTEE_MEMBER_END = "committee_member_end", _("Committee membership ended")
    MEETING_CREATE = "meeting_create", _("Committee meeting scheduled")
    MEETING_OPEN = "meeting_open", _("Committee meeting opened")
    MEETING_CLOSE = "meeting_close", _("Committee meeting closed")
    AGENDA_BUILD = "agenda_build", _("Committee agenda prepared")
    ITEM_DECIDE = "item_decide", _("Committee agenda item decided")
    VOTE_CAST = "vote_cast", _("Committee vote cast")
    RECUSAL_DECLARE = "recusal_declare", _("Committee member withdrew for a conflict of interest")
    RECUSAL_DETECT = "recusal_detect", _("Conflict of interest detected")
    # eligibility
    PARAMETER_VALUE_PROPOSE = "parameter_value_propose", _("Parameter value proposed")
    PARAMETER_VALUE_APPROVE = "parameter_value_approve", _("Parameter value approved")
    PARAMETER_VALUE_REJECT = "parameter_value_reject", _("Parameter value rejected")
    CUSTOM_PROGRAM_PROPOSE = "custom_program_propose", _("Local program proposed")
    CUSTOM_PROGRAM_APPROVE = "custom_program_approve", _("Local program approved")
    CUSTOM_PROGRAM_REJECT = "custom_program_reject", _("Local program rejected")
    # payments
    PAYMENT_CYCLE_CREATE = "payment_cycle_create", _("Payment cycle created")
    PAYMENT_CYCLE_COMPUTE = "payment_cycle_compute", _("Payment cycle computed")
    PAYMENT_BATCH_CREATE = "payment_batch_create", _("Payment list created")
    PAYMENT_BATCH_APPROVE = "payment_batch_approve", _("Payment list approved")
    PAYMENT_BATCH_EXPORT = "payment_batch_export", _("Payment list file prepared for the bank")
    PAYMENT_BATCH_ANSWER_IMPORT = "payment_batch_answer_import", _("Bank's answer to a payment list read")
    PTT_UNCLAIMED_RETURN = "ptt_unclaimed_return", _("Payment not collected at PTT returned")
    PAYEE_ACCOUNT_SET = "payee_account_set", _("Payee's bank account recorded")
    WAREHOUSE_CREATE = "warehouse_create", _("Warehouse created")
    STOCK_RECEIPT = "stock_receipt", _("Stock received into the warehouse")
    STOCK_ISSUE = "stock_issue", _("Stock issued from the warehouse")
    STOCK_DELIVERY = "stock_delivery", _("Stock delivered to a household")
    DELIVERY_RECORD = "delivery_record", _("In-kind aid delivered")
    # social services: ASDEP household visits — the asdep app adds its members here
    # aid card
    AIDCARD_ISSUE = "aidcard_issue", _("Aid card issued")
    AIDCARD_LOAD = "aidcard_load", _("Aid card loaded")
    AIDCARD_BLOCK = "aidcard_block", _("Aid card blocked")
    AIDCARD_REPLACE = "aidcard_replace", _("Aid card replaced")
    AIDCARD_CHECKOUT = "aidcard_checkout", _("Purchase with the aid card")
    AIDCARD_PIN_WRONG = "aidcard_pin_wrong", _("Wrong aid card PIN entered")
    AIDCARD_PIN_LOCK = "aidcard_pin_lock", _("Aid card locked after wrong PINs")
    AIDCARD_PIN_LOCKED_USE = "aidcard_pin_locked_use", _("Locked aid card presented")
    AIDCARD_PIN_UNBLOCK = "aidcard_pin_unblock", _("Aid card PIN unlocked")
    AIDCARD_CARD_UNKNOWN = "aidcard_card_unknown", _("Unknown aid card presented")
    AIDCARD_MERCHANT_CREATE = "aidcard_merchant_create", _("Merchant registered")
    AIDCARD_TERMINAL_CREATE = "aidcard_terminal_create", _("Card terminal registered")
    AIDCARD_TERMINAL_DEACTIVATE = "aidcard_terminal_deactivate", _("Card terminal deactivated")
    AIDCARD_TERMINAL_THROTTLE = "aidcard_terminal_throttle", _("Card terminal paused")
    AIDCARD_ITEM_CREATE = "aidcard_item_create", _("Social market item added")
    AIDCARD_RESTOCK = "aidcard_restock", _("Social market restocked")
    # social services: sealed women's services (shelters, ŞÖNİM) — the shelters app adds its members here
    # aid records (every institution's aid)
    AID_RECORDS_RECEIVE = "aid_records_receive", _("Aid records received from a giver")
    AID_FILE_IMPORT = "aid_file_import", _("Aid records imported from a file")
    AID_RECORD_LINK = "aid_record_link", _("Aid record linked to a person")
    AID_DUPLICATE_FLAG = "aid_duplicate_flag", _("Duplicate aid flagged")
    AID_DUPLICATE_RESOLVE = "aid_duplicate_resolve", _("Duplicate aid resolved")
    AID_GIVER_REPORT = "aid_giver_report", _("Giver's count of its aid recorded")
    # employment
    REFERRAL_CREATE = "referral_create", _("Member referred to İŞKUR")
    REFERRAL_REGISTER = "referral_register", _("İŞKUR registered the referred member")
    REFERRAL_CLOSE = "referral_close", _("Referral to İŞKUR closed")
    ISKUR_SYNC = "iskur_sync", _("Offers and placements read from İŞKUR")
    OFFER_RECORD = "offer_record", _("Job or course offer recorded")
    OFFER_ANSWER = "offer_answer", _("Answer to a job or course offer recorded")
    REFUSAL_DECIDE = "refusal_decide", _("Validity of a refusal's reason decided")
    SANCTION_IMPOSE = "sanction_impose", _("Sanction for refusing work started")
    SANCTION_CANCEL = "sanction_cancel", _("Sanction for refusing work cancelled")
    PLACEMENT_RECORD = "placement_record", _("Start of work recorded")
    PLACEMENT_END = "placement_end", _("End of work recorded")
    # social services: casework (referrals, SHM case management, group programmes)
    SERVICE_CREATE = "service_create", _("Service added to the catalogue")
    SERVICE_UPDATE = "service_update", _("Service of the catalogue changed")
    SERVICE_REFERRAL_CREATE = "service_referral_create", _("Household referred to a service")
    # social services: specialised services (institutions, capacities, placements) — the care app adds here
    INSTITUTION_CREATE = "institution_create", _("Care institution added")
    INSTITUTION_UPDATE = "institution_update", _("Care institution changed")
    WAITING_ENTRY_ADD = "waiting_entry_add", _("Person added to a care waiting list")
    WAITING_ENTRY_WITHDRAW = "waiting_entry_withdraw", _("Care waiting list entry withdrawn")
    CARE_PLACE_OFFER = "care_place_offer", _("Free care place offered to the waiting list")
    CARE_OFFER_DECLINE = "care_offer_decline", _("Offered care place declined")
    CARE_OFFER_EXPIRE = "care_offer_expire", _("Offered care place not answered in time")
    CARE_PLACEMENT_CREATE = "care_placement_create", _("Person placed in a care institution")
    CARE_PLACEMENT_REFUSE = "care_placement_refuse", _("Placement refused: the institution is full")
    CARE_PLACEMENT_DISCHARGE = "care_placement_discharge", _("Person discharged from a care institution")
    CARE_REFERRAL_UPDATE = "care_referral_update", _("Referral moved on by the specialised services")
    PROTECTION_DECISION_RECORD = "protection_decision_record", _("Child protection decision recorded")
    PROTECTION_DECISION_CLOSE = "protection_decision_close", _("Child protection decision ended")
    FOSTER_FAMILY_APPROVE = "foster_family_approve", _("Foster family approved")
    FOSTER_PLACEMENT_CREATE = "foster_placement_create", _("Child placed with a foster family")
    FOSTER_PLACEMENT_END = "foster_placement_end", _("Foster placement ended")
    ADOPTION_RECORD_CREATE = "adoption_record_create", _("Adoption application recorded")
    ADOPTION_RECORD_ADVANCE = "adoption_record_advance", _("Adoption moved to its next stage")
    CRECHE_PLACE_ALLOCATE = "creche_place_allocate", _("Free crèche place given")
    CRECHE_PLACE_END = "creche_place_end", _("Free crèche place ended")
    # linkage
    LINK_MADE = "link_made", _("Record linked to a person")
    LINK_REVIEW_ACCEPTED = "link_review_accepted", _("Uncertain link accepted by a clerk")
    LINK_REVIEW_REJECTED = "link_review_rejected", _("Uncertain link rejected by a clerk")
    LINK_UNDONE = "link_undone", _("Link undone")
    # social services: martyrs' relatives and veterans, free travel cards — the entitlements app adds here
    # accounts
    OFFICE_CREATE = "office_create", _("Office created")
    STAFF_CREATE = "staff_create", _("Staff account created")
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    SIGN_IN_REFUSED = "sign_in_refused", _("Sign-in refused")
    SECOND_FACTOR_ENROL = "second_factor_enrol", _("Second sign-in step set up")
    SECOND_FACTOR_RESET = "second_factor_reset", _("Second sign-in step reset")
    RECOVERY_CODE_USE = "recovery_code_use", _("Recovery code used")
    RECOVERY_CODES_RENEW = "recovery_codes_renew", _("Recovery codes renewed")
    API_TOKEN_CREATE = "api_token_create", _("Access key for a partner institution created")
    API_TOKEN_REVOKE = "api_token_revoke", _("Access key for a partner institution revoked")


def action_label(action: str) -> str:
    """The action as words in the active language; an action missing from the catalogue shows as it is."""
    try:
        return str(AuditAction(action).label)
    except ValueError:
        return action
