"""The catalogue of audit actions: every `action` written by `audit_record` and what it means to people.

Screens show `action_label(event.action)`, never the code. A new action gets its label here in the same
change (refah/audit/tests/test_actions.py collects every action the code writes and fails without one).
"""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    # registry
    "household_register": _("Household registered"),
    "household_update": _("Household details changed"),
    "household_import": _("Household imported from a file"),
    "person_create": _("Person recorded"),
    "person_update": _("Person's details changed"),
    "member_add": _("Member joined"),
    "member_remove": _("Member left"),
    "income_record": _("Income recorded"),
    "income_end": _("Income ended"),
    "asset_record": _("Asset recorded"),
    "attendance_record": _("School attendance recorded"),
    "synth_load": _("Synthetic data loaded"),
    # cases
    "case_submit": _("Application received"),
    "case_investigate": _("Investigation started"),
    "case_send_to_committee": _("Case sent to the committee"),
    "case_decide": _("Case decided"),
    "case_object": _("Objection filed against the decision"),
    "case_re_examine": _("Re-examination started"),
    "case_withdraw": _("Application withdrawn"),
    "case_close": _("Case closed"),
    "case_snapshot": _("Objective result frozen for the committee"),
    "decision_record": _("Program decision recorded"),
    "document_upload": _("Document uploaded"),
    "objection_file": _("Objection filed"),
    "visit_assign": _("Household visit assigned"),
    "visit_record": _("Household visit recorded"),
    # committees
    "committee_create": _("Committee created"),
    "committee_member_add": _("Committee member added"),
    "committee_member_end": _("Committee membership ended"),
    "meeting_create": _("Committee meeting scheduled"),
    "meeting_open": _("Committee meeting opened"),
    "meeting_close": _("Committee meeting closed"),
    "agenda_build": _("Committee agenda prepared"),
    "item_decide": _("Committee agenda item decided"),
    "vote_cast": _("Committee vote cast"),
    "recusal_declare": _("Committee member withdrew for a conflict of interest"),
    "recusal_detect": _("Conflict of interest detected"),
    # eligibility
    "parameter_value_propose": _("Parameter value proposed"),
    "parameter_value_approve": _("Parameter value approved"),
    "parameter_value_reject": _("Parameter value rejected"),
    "custom_program_propose": _("Local program proposed"),
    "custom_program_approve": _("Local program approved"),
    "custom_program_reject": _("Local program rejected"),
    # payments
    "payments.cycle_create": _("Payment cycle created"),
    "payments.cycle_compute": _("Payment cycle computed"),
    "payments.batch_create": _("Payment list created"),
    "payments.batch_approve": _("Payment list approved"),
    "payments.batch_export": _("Payment list file prepared for the bank"),
    "payments.batch_answer_import": _("Bank's answer to a payment list read"),
    "payments.ptt_unclaimed_return": _("Payment not collected at PTT returned"),
    "payments.payee_account_set": _("Payee's bank account recorded"),
    "payments.warehouse_create": _("Warehouse created"),
    "payments.stock_receipt": _("Stock received into the warehouse"),
    "payments.stock_issue": _("Stock issued from the warehouse"),
    "payments.stock_delivery": _("Stock delivered to a household"),
    "payments.delivery_record": _("In-kind aid delivered"),
    # aid card
    "aidcard_issue": _("Aid card issued"),
    "aidcard_load": _("Aid card loaded"),
    "aidcard_block": _("Aid card blocked"),
    "aidcard_replace": _("Aid card replaced"),
    "aidcard_checkout": _("Purchase with the aid card"),
    "aidcard_pin_wrong": _("Wrong aid card PIN entered"),
    "aidcard_pin_lock": _("Aid card locked after wrong PINs"),
    "aidcard_pin_locked_use": _("Locked aid card presented"),
    "aidcard_pin_unblock": _("Aid card PIN unlocked"),
    "aidcard_card_unknown": _("Unknown aid card presented"),
    "aidcard_merchant_create": _("Merchant registered"),
    "aidcard_terminal_create": _("Card terminal registered"),
    "aidcard_terminal_deactivate": _("Card terminal deactivated"),
    "aidcard_terminal_throttle": _("Card terminal paused"),
    "aidcard_item_create": _("Social market item added"),
    "aidcard_restock": _("Social market restocked"),
    # accounts
    "office_create": _("Office created"),
    "staff_create": _("Staff account created"),
    "sign_in": _("Signed in"),
    "sign_in_failed": _("Sign-in failed"),
    "sign_in_refused": _("Sign-in refused"),
    "second_factor_enrol": _("Second sign-in step set up"),
    "second_factor_reset": _("Second sign-in step reset"),
    "recovery_code_use": _("Recovery code used"),
    "recovery_codes_renew": _("Recovery codes renewed"),
    "api_token_create": _("Access key for a partner institution created"),
    "api_token_revoke": _("Access key for a partner institution revoked"),
}


def action_label(action: str) -> str:
    """The action as words in the active language; an action missing from the catalogue shows as it is."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action
