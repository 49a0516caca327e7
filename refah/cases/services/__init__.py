"""Writes of cases. Each service runs in one transaction, checks permission and jurisdiction, records a
CaseEvent and an AuditEvent, and sends notifications only when the transaction commits."""

from refah.cases.services.applications import (
    application_submit,
    application_withdraw,
    document_upload,
    documents_request,
)
from refah.cases.services.decisions import case_close, case_record_decision, case_send_to_committee, snapshot_freeze
from refah.cases.services.objections import (
    objection_assign,
    objection_file,
    subject_objection_decide,
    subject_objection_file,
)
from refah.cases.services.visits import inspector_workloads, pick_inspector, visit_assign, visit_record

__all__ = [
    "application_submit",
    "application_withdraw",
    "case_close",
    "case_record_decision",
    "case_send_to_committee",
    "document_upload",
    "documents_request",
    "inspector_workloads",
    "objection_assign",
    "objection_file",
    "subject_objection_decide",
    "subject_objection_file",
    "pick_inspector",
    "snapshot_freeze",
    "visit_assign",
    "visit_record",
]
