"""Who acts in the demo scenario: the users of `refah demo_users`, plus the few colleagues a real office has
(a second inspector, a second finance officer for maker–checker, the municipality's and the NGO's two
programme managers each)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from refah.accounts.enums import Role
from refah.accounts.models import Office
from refah.accounts.services import staff_create
from refah.demo.management.commands.demo_users import USERS, UserSpec

ACTOR = "refah demo_scenario"
MERKEZ = "Iğdır Merkez SYDV"
MUNICIPALITY = "Iğdır Belediyesi"
NGO = "Türk Kızılay Iğdır Şubesi"

EXTRA_USERS = [
    UserSpec("inspector2", Role.INSPECTOR, MERKEZ, "Ali", "Korkmaz"),
    UserSpec("finance2", Role.FINANCE, MERKEZ, "Selin", "Aksoy"),
    UserSpec("asdep2", Role.ASDEP_WORKER, MERKEZ, "Nur", "Şimşek"),  # the ASDEP worker's team-mate
    UserSpec("belediye_mudur", Role.PROGRAM_MANAGER, MUNICIPALITY, "Serkan", "Polat"),
    UserSpec("belediye_bskyrd", Role.PROGRAM_MANAGER, MUNICIPALITY, "Derya", "Kılıç"),
    UserSpec("kizilay_koordinator", Role.PROGRAM_MANAGER, NGO, "Gökhan", "Erdem"),
    UserSpec("kizilay_baskan", Role.PROGRAM_MANAGER, NGO, "Nurcan", "Tekin"),
    # the clerks who send the municipality's and the NGO's aid records (refah.aidrecords)
    UserSpec("belediye_yardim", Role.CASEWORKER, MUNICIPALITY, "Kader", "Yurt"),
    UserSpec("kizilay_yardim", Role.CASEWORKER, NGO, "Onur", "Bal"),
]


@dataclass
class Cast:
    """The offices and users of the scenario, by their demo usernames."""

    merkez: Office
    municipality: Office
    ngo: Office
    users: dict

    def __getitem__(self, username: str):
        return self.users[username]


def cast_load() -> Cast:
    """The demo offices and users (demo_users must have run); the extra colleagues are created when missing."""
    User = get_user_model()
    names = [spec.username for spec in USERS]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    missing = sorted(set(names) - set(users))
    if missing:
        raise LookupError(f"Run `refah demo_users` first (missing: {', '.join(missing)}).")
    merkez = Office.objects.get(name=MERKEZ)
    municipality = Office.objects.get(name=MUNICIPALITY)
    ngo = Office.objects.get(name=NGO)
    return Cast(merkez=merkez, municipality=municipality, ngo=ngo, users=users)


def extra_user(cast: Cast, username: str):
    """One of EXTRA_USERS, created through accounts.services.staff_create the first time it is needed."""
    spec = next(s for s in EXTRA_USERS if s.username == username)
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        office = {MERKEZ: cast.merkez, MUNICIPALITY: cast.municipality, NGO: cast.ngo}[spec.office]
        user = staff_create(
            actor=ACTOR,
            username=spec.username,
            password=spec.password,
            office=office,
            roles=[spec.role],
            first_name=spec.first_name,
            last_name=spec.last_name,
        ).user
    cast.users[username] = user
    return user
