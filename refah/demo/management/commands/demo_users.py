"""`refah demo_users`: Iğdır's offices and one demo user per role, with fixed passwords. Safe to run again."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from rich.console import Console
from rich.table import Table

from refah.accounts.enums import OfficeKind, Role
from refah.accounts.models import ApiToken, Office
from refah.accounts.services import api_token_create, office_create, staff_create
from refah.geo.models import Province
from refah.geo.services import district_by_name

ACTOR = "refah demo_users"
PARTNER_SYSTEM = "Iğdır Belediyesi e-hizmet entegrasyonu"
MINISTRY = "Aile ve Sosyal Hizmetler Bakanlığı"


@dataclass(frozen=True)
class OfficeSpec:
    name: str
    kind: str
    district: str | None = None  # a district of Iğdır; None with national=False means province-wide
    national: bool = False


@dataclass(frozen=True)
class UserSpec:
    username: str
    role: str
    office: str
    first_name: str
    last_name: str

    @property
    def password(self) -> str:
        """Demo only, printed on screen: never use these accounts outside a demo machine."""
        return f"refah-{self.username}-2026"


OFFICES = [
    OfficeSpec("Iğdır Merkez SYDV", OfficeKind.SYDV, district="Merkez"),
    OfficeSpec("Aralık SYDV", OfficeKind.SYDV, district="Aralık"),
    OfficeSpec("Karakoyunlu SYDV", OfficeKind.SYDV, district="Karakoyunlu"),
    OfficeSpec("Tuzluca SYDV", OfficeKind.SYDV, district="Tuzluca"),
    OfficeSpec("Iğdır Sosyal Hizmet Merkezi", OfficeKind.SHM),
    OfficeSpec("Iğdır Aile ve Sosyal Hizmetler İl Müdürlüğü", OfficeKind.DIRECTORATE),
    OfficeSpec("Iğdır Belediyesi", OfficeKind.MUNICIPALITY, district="Merkez"),
    OfficeSpec("Türk Kızılay Iğdır Şubesi", OfficeKind.NGO),
    OfficeSpec(MINISTRY, OfficeKind.MINISTRY, national=True),
]

USERS = [
    UserSpec("caseworker", Role.CASEWORKER, "Iğdır Merkez SYDV", "Ayşe", "Demir"),
    UserSpec("inspector", Role.INSPECTOR, "Iğdır Merkez SYDV", "Mehmet", "Kaya"),
    UserSpec("caseworker_tuzluca", Role.CASEWORKER, "Tuzluca SYDV", "Elif", "Doğan"),
    UserSpec("committee", Role.COMMITTEE_MEMBER, "Iğdır Merkez SYDV", "Fatma", "Şahin"),
    UserSpec("finance", Role.FINANCE, "Iğdır Merkez SYDV", "Hatice", "Çelik"),
    UserSpec("analyst", Role.ANALYST, "Iğdır Sosyal Hizmet Merkezi", "Burak", "Aydın"),
    UserSpec("manager", Role.PROGRAM_MANAGER, MINISTRY, "Emre", "Yıldız"),
    UserSpec("auditor", Role.AUDITOR, MINISTRY, "Zeynep", "Öztürk"),
    UserSpec("admin", Role.ADMIN, MINISTRY, "Mustafa", "Arslan"),
    UserSpec("partner_belediye", Role.ANALYST, "Iğdır Belediyesi", "İbrahim", "Işık"),
    UserSpec("social_worker", Role.SOCIAL_WORKER, "Iğdır Sosyal Hizmet Merkezi", "Selin", "Koç"),
    UserSpec("asdep", Role.ASDEP_WORKER, "Iğdır Merkez SYDV", "Kemal", "Aksoy"),
    UserSpec("supervisor", Role.SUPERVISOR, "Iğdır Aile ve Sosyal Hizmetler İl Müdürlüğü", "Gülay", "Tekin"),
]
PARTNER_USERNAME = "partner_belediye"


class Command(BaseCommand):
    help = "Create Iğdır's demo offices, one user per role and a partner API token (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            offices = {spec.name: _office(spec) for spec in OFFICES}
            users = [(spec, _user(spec, offices[spec.office])) for spec in USERS]
            token = _partner_token(next(user for spec, user in users if spec.username == PARTNER_USERNAME))
        console = Console(file=self.stdout, force_terminal=False, width=160)
        console.print(_table(users))
        console.print(f"Partner API token ({PARTNER_SYSTEM}): {token}")


def _office(spec: OfficeSpec) -> Office:
    existing = Office.objects.filter(name=spec.name, kind=spec.kind).first()
    if existing is not None:
        return existing
    igdir = Province.objects.get(plate=76)
    district = district_by_name(igdir, spec.district) if spec.district else None
    province = None if spec.national else igdir
    return office_create(actor=ACTOR, name=spec.name, kind=spec.kind, province=province, district=district)


def _user(spec: UserSpec, office: Office):
    existing = get_user_model().objects.filter(username=spec.username).first()
    if existing is not None:
        return existing
    profile = staff_create(
        actor=ACTOR,
        username=spec.username,
        password=spec.password,
        office=office,
        roles=[spec.role],
        first_name=spec.first_name,
        last_name=spec.last_name,
    )
    return profile.user


def _partner_token(user) -> str:
    """The secret of a new token, or a note when one was issued before (only its hash is kept)."""
    existing = ApiToken.objects.filter(user=user, name=PARTNER_SYSTEM, revoked_at__isnull=True).first()
    if existing is not None:
        return f"{existing.prefix}… (issued earlier; the secret is shown only once)"
    _, secret = api_token_create(actor=ACTOR, user=user, name=PARTNER_SYSTEM)
    return secret


def _table(users) -> Table:
    table = Table(title="Refah demo users (Iğdır)")
    for column in ["username", "password", "role", "name", "office", "jurisdiction"]:
        table.add_column(column, no_wrap=column in {"username", "password"})
    for spec, user in users:
        office = user.staff.office
        role = Role(spec.role).label
        name = f"{user.first_name} {user.last_name}"
        table.add_row(spec.username, spec.password, str(role), name, office.name, office.jurisdiction_label())
    return table
