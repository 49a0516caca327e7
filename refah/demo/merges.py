"""A person registered twice in the demo, and the merge of the two records (docs/registry-merges.md): a spouse
typed again without a number, in letters without Turkish characters, as another institution's list had them; the
caseworker finds them and merges the second record into the first, so "Merged records" has one to show."""

from refah.registry.enums import IdKind, Role
from refah.registry.models import Membership
from refah.registry.services import member_add, person_merge

PERSON_FIELDS = ("birth_date", "sex", "marital_status", "employment_status", "father_name", "mother_name")
_ASCII = str.maketrans("çğıöşüÇĞİÖŞÜ", "cgiosuCGIOSU")


def person_registered_twice(cast) -> int:
    """Register a Merkez spouse a second time in their own household, then merge; how many merges were made."""
    caseworker = cast["caseworker"]
    membership = (
        Membership.objects.current()
        .filter(household__district_id=cast.merkez.district_id, role=Role.SPOUSE, person__national_id__isnull=False)
        .select_related("household", "person")
        .order_by("-household__reference_code")
        .first()
    )
    if membership is None:
        return 0
    person = membership.person
    data = {name: getattr(person, name) for name in PERSON_FIELDS}
    data |= {"id_kind": IdKind.INTERNAL, "first_name": person.first_name.translate(_ASCII).upper()}
    data["last_name"] = person.last_name.translate(_ASCII).upper()
    again = member_add(actor=caseworker, household=membership.household, role=Role.OTHER, person_data=data)
    person_merge(
        actor=caseworker,
        keep=person,
        drop=again.person,
        reason="Aynı kişi, bir kurumun listesinden kimlik numarası olmadan ikinci kez kaydedilmiş.",
    )
    return 1
