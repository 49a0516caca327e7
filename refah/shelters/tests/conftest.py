"""A province with a ŞÖNİM and a shelter, their named staff, and people who are not named."""

from types import SimpleNamespace

import pytest

from refah.accounts.enums import Role
from refah.registry.tests.factories import household_with_members
from refah.shelters import services
from refah.shelters.enums import UnitKind, UnitRole

ADDRESS = "Gizli Sokak No 7, Lale Mahallesi"


@pytest.fixture
def sealed(make_staff, office_province, office_merkez, igdir, merkez):
    """admin (names staff), sonim (ŞÖNİM, capacity-free), shelter (3 places, address set by its supervisor);
    worker (ŞÖNİM staff), chief (ŞÖNİM supervisor, with an e-mail), keeper (shelter supervisor); outsiders:
    supervisor (provincial, may break the glass, e-mail), auditor, social worker of Merkez; a household of Merkez."""
    admin = make_staff(office_province, Role.ADMIN)
    sonim = services.unit_create(actor=admin, kind=UnitKind.SONIM, name="Menekşe ŞÖNİM", province=igdir)
    shelter = services.unit_create(actor=admin, kind=UnitKind.SHELTER, name="Lale Konukevi", province=igdir, capacity=3)
    worker = make_staff(office_province, Role.SOCIAL_WORKER)
    chief = make_staff(office_province, Role.SOCIAL_WORKER)
    chief.email = "chief@example.org"
    chief.save(update_fields=["email"])
    keeper = make_staff(office_province, Role.SOCIAL_WORKER)
    services.member_add(actor=admin, unit=sonim, user=worker, role=UnitRole.STAFF)
    services.member_add(actor=admin, unit=sonim, user=chief, role=UnitRole.SUPERVISOR)
    services.member_add(actor=admin, unit=shelter, user=keeper, role=UnitRole.SUPERVISOR)
    services.unit_address_set(actor=keeper, unit=shelter, address=ADDRESS)
    supervisor = make_staff(office_province, Role.SUPERVISOR)
    supervisor.email = "il@example.org"
    supervisor.save(update_fields=["email"])
    return SimpleNamespace(
        admin=admin,
        sonim=sonim,
        shelter=shelter,
        worker=worker,
        chief=chief,
        keeper=keeper,
        supervisor=supervisor,
        auditor=make_staff(office_province, Role.AUDITOR),
        outsider=make_staff(office_merkez, Role.SOCIAL_WORKER),
        household=household_with_members(merkez),
    )


@pytest.fixture
def case(sealed):
    person = sealed.household.memberships.get(role="spouse").person
    return services.case_open(
        actor=sealed.worker,
        unit=sealed.sonim,
        source="alo_183",
        reason="ALO 183 üzerinden şiddet bildirimi",
        national_id=person.national_id,
    )
