"""Reads of the citizen portal. Every function takes the signed-in `person` and sees only the household
the person currently belongs to; anything else — another household's id, a visit photo, a malformed id —
is the same NotFoundError as an id that does not exist.
"""

import uuid

from django.utils import timezone
from django.utils.translation import get_language

from refah.cases import deadlines, documents
from refah.cases import errors as case_errors
from refah.cases import selectors as case_selectors
from refah.cases.enums import Status
from refah.cases.models import Application, Document, ProgramDecision
from refah.common.errors import NotFoundError
from refah.eligibility.catalogue import programs_available
from refah.eligibility.models import Determination
from refah.eligibility.selectors import reasons_render
from refah.employment import selectors as employment_selectors
from refah.portal import errors
from refah.registry import selectors as registry_selectors
from refah.registry.models import Household, Person

ADULT_AGE = 18
DECIDED = (Status.APPROVED, Status.REJECTED, Status.DEFERRED)
# Case history actions a citizen is shown, with their wording; staff-only steps are left out.
TIMELINE_ACTIONS = {
    "submit",
    "investigate",
    "visit_record",
    "send_to_committee",
    "decide",
    "object",
    "re_examine",
    "document_upload",
    "documents_request",
    "withdraw",
    "close",
}


def household_of(*, person: Person) -> Household | None:
    """The household the person currently belongs to (None: not a member of any)."""
    return registry_selectors.person_current_household(person=person)


def household_read(*, person: Person) -> Household | None:
    """household_of() for the portal's home page (the household, its members and applications): the citizen's
    read of their own data is logged (purpose own data, portal channel); no household, nothing shown or logged."""
    household = household_of(person=person)
    if household is not None:
        case_selectors.own_data_record(
            person=person, household_id=household.pk, obj=household, district_id=household.district_id
        )
    return household


def members_of(*, person: Person) -> list:
    """Current members of the person's household, reference person first."""
    household = household_of(person=person)
    return registry_selectors.members_on(household=household) if household else []


def adults_of(*, person: Person) -> list[Person]:
    """Current adult members: each must consent to data sharing when the household applies."""
    today = timezone.localdate()
    return [m.person for m in members_of(person=person) if m.person.age_on(today) >= ADULT_AGE]


def program_labels(*, household: Household) -> dict[str, str]:
    """{code: label in the UI language} of the programs the household can apply for."""
    return programs_available(household=household)


def required_documents(*, household: Household) -> dict[str, list[str]]:
    """{program: [document type, …]} of the programs the household can apply for."""
    return {code: documents.required_for([code]) for code in programs_available(household=household)}


def application_list(*, person: Person) -> list[Application]:
    """The applications of the person's current household, newest first."""
    return list(case_selectors.applications_for_person(person=person).order_by("-created_at"))


def _of_own_household(rows, *, person: Person, object_id, household: str, message):
    """The row of `rows` with this id if it belongs to the person's current household (`household` names the
    row's household id); a malformed id, a wrong one or another household's is the same "not found"."""
    try:
        key = uuid.UUID(str(object_id))
    except ValueError:
        raise NotFoundError(message) from None
    households = registry_selectors.current_household_ids(person=person)
    row = rows.filter(pk=key, **{f"{household}__in": households}).first()
    if row is None:
        raise NotFoundError(message)
    return row


def access_application_by_id(*, person: Person, application_id) -> Application:
    """One application of the person's current household; anything else is "not found"."""
    return _of_own_household(
        Application.objects,
        person=person,
        object_id=application_id,
        household="household_id",
        message=case_errors.ERR_APPLICATION_NOT_FOUND,
    )


def access_decision_by_id(*, person: Person, decision_id) -> ProgramDecision:
    """One program decision on an application of the person's current household."""
    return _of_own_household(
        ProgramDecision.objects.select_related("application"),
        person=person,
        object_id=decision_id,
        household="application__household_id",
        message=errors.ERR_NOT_FOUND,
    )


def application_read(*, person: Person, application_id) -> Application:
    """access_application_by_id() for the application's page: the citizen's read of their own data is logged."""
    application = access_application_by_id(person=person, application_id=application_id)
    household = application.household
    case_selectors.own_data_record(
        person=person, household_id=household.pk, obj=application, district_id=household.district_id
    )
    return application


def decision_read(*, person: Person, decision_id) -> ProgramDecision:
    """access_decision_by_id() for the decision's page: the citizen's read of their own data is logged."""
    decision = access_decision_by_id(person=person, decision_id=decision_id)
    household = decision.application.household
    case_selectors.own_data_record(
        person=person, household_id=household.pk, obj=decision, district_id=household.district_id
    )
    return decision


def access_document_by_id(*, person: Person, document_id) -> Document:
    """A document the household uploaded (visit photos are the office's, never served here)."""
    return case_selectors.access_document_by_id(user=None, document_id=document_id, person=person)


def document_list(*, application: Application) -> list[Document]:
    """Documents of an application already fetched through access_application_by_id (visit photos left out)."""
    return list(application.documents.filter(visit__isnull=True).order_by("created_at"))


def missing_documents(*, application: Application) -> list[str]:
    return documents.missing_for(application)


def decisions_current(*, application: Application) -> list[ProgramDecision]:
    """The decisions of the application's latest round."""
    return list(application.decisions.filter(round=application.decision_round).order_by("program"))


def decision_reasons(*, decision: ProgramDecision) -> list[dict]:
    """The objective reasons behind a program decision, as sentences in the UI language.

    Read from the score frozen when the case went to the committee (what the committee saw), rendered
    with the rulebook's labels: [{"code", "passed", "text"}].
    """
    snapshot = decision.application.snapshots.order_by("-created_at").first()
    frozen = snapshot.determination(decision.program) if snapshot else None
    if not frozen:
        return []
    stored = Determination(
        reasons=frozen.get("reasons") or [], rulebook_version=frozen.get("rulebook_version", ""), period=snapshot.period
    )
    lang = "en" if get_language() == "en" else "tr"
    return reasons_render(determination=stored, lang=lang)


def timeline(*, application: Application) -> list:
    """The steps of the case a citizen is shown, oldest first (no staff names, no internal notes)."""
    return [e for e in application.events.order_by("at", "id") if e.action in TIMELINE_ACTIONS]


def objection_until(*, application: Application):
    """The last day to object to the application's decision, or None if it cannot be objected to now."""
    if application.status not in DECIDED or not application.decided_at:
        return None
    last_day = deadlines.due("objection", timezone.localtime(application.decided_at).date())
    return last_day if timezone.localdate() <= last_day else None


def offers_read(*, person: Person) -> tuple[list, list]:
    """The offers made to the person (newest first) and the sanctions of their household, for the portal's
    employment page: the citizen's read of their own data is logged."""
    household = household_of(person=person)
    offers = list(employment_selectors.citizen_offers(person=person))
    sanctions = employment_selectors.citizen_sanctions(person=person)
    if household is not None:
        case_selectors.own_data_record(
            person=person, household_id=household.pk, obj=household, district_id=household.district_id
        )
    return offers, sanctions


def offer_read(*, person: Person, offer_id):
    """One offer made to the person (else "not found"); the read is logged."""
    offer = employment_selectors.access_citizen_offer_by_id(person=person, offer_id=offer_id)
    case_selectors.own_data_record(
        person=person, household_id=offer.household_id, obj=offer, district_id=offer.household.district_id
    )
    return offer
