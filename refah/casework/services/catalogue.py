"""The catalogue of services: added and changed by supervisors and administrators, and seeded for a province with the
standard services of each of its offices and of the outside institutions referrals go to."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from refah.accounts.enums import OfficeKind
from refah.accounts.models import Office
from refah.audit.actions import AuditAction
from refah.audit.services import audit_record, snapshot
from refah.casework import errors
from refah.casework.enums import SEALED_KINDS, ProviderKind, ServiceKind
from refah.casework.models import Service
from refah.casework.roles import ADD_SERVICE, MANAGE_SERVICE
from refah.common.errors import ERR_NO_PERMISSION, PermissionDeniedError, RefahError

K = ServiceKind
FIELDS = ("kind", "name", "provider_kind", "office", "provider_name", "province", "district", "phone")


def _require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDeniedError(ERR_NO_PERMISSION)


def _check(service: Service) -> None:
    """Refuse a service that names no provider, lies outside its province, is sealed or has a bad field."""
    if service.kind not in K.values:
        raise RefahError(errors.ERR_SERVICE_KIND, field="kind")
    if service.kind in SEALED_KINDS:
        raise RefahError(errors.ERR_SERVICE_SEALED, field="kind")
    if service.provider_kind not in ProviderKind.values:
        raise RefahError(errors.ERR_PROVIDER_KIND, field="provider_kind")
    service.name = (service.name or "").strip()
    if not service.name:
        raise RefahError(errors.ERR_SERVICE_NAME, field="name")
    service.provider_name = (service.provider_name or "").strip()
    if service.office_id is None and not service.provider_name:
        raise RefahError(errors.ERR_SERVICE_PROVIDER, field="provider_name")
    if service.district_id is not None:
        if service.province_id is None:
            service.province_id = service.district.province_id
        elif service.district.province_id != service.province_id:
            raise RefahError(errors.ERR_SERVICE_AREA, field="district")
    if not 1 <= int(service.days_to_answer or 0) <= 90:
        raise RefahError(errors.ERR_SERVICE_DAYS, field="days_to_answer")


def service_create(*, actor, days_to_answer: int = 10, active: bool = True, **fields) -> Service:
    """Add a service to the catalogue (kind, name, provider kind, office or provider name, area, phone)."""
    _require(actor, ADD_SERVICE)
    service = Service(days_to_answer=days_to_answer, active=active, **{k: v for k, v in fields.items() if k in FIELDS})
    _check(service)
    with transaction.atomic():
        service.save()
        audit_record(actor=actor, action=AuditAction.SERVICE_CREATE, obj=service, after=snapshot(service))
    return service


def service_update(*, actor, service: Service, **changes) -> Service:
    """Change a service of the catalogue (any of its fields, `active` to stop or resume taking referrals)."""
    _require(actor, MANAGE_SERVICE)
    with transaction.atomic():
        found = Service.objects.select_for_update().get(pk=service.pk)
        if found.kind in SEALED_KINDS:
            raise RefahError(errors.ERR_SERVICE_SEALED, field="kind")
        before = snapshot(found)
        for name, value in changes.items():
            if name in (*FIELDS, "days_to_answer", "active"):
                setattr(found, name, value)
        _check(found)
        found.save()
        audit_record(actor=actor, action=AuditAction.SERVICE_UPDATE, obj=found, before=before, after=snapshot(found))
    return found


@dataclass(frozen=True)
class Standard:
    kind: str
    name: str  # "{place}" is the office's or the province's name
    days: int = 10


BY_OFFICE = {
    OfficeKind.SHM: (
        Standard(K.FAMILY_COUNSELLING, "Aile danışmanlığı"),
        Standard(K.PSYCHOSOCIAL_SUPPORT, "Psikososyal destek"),
        Standard(K.ADDICTION_SUPPORT, "Bağımlılıkla mücadele ve farkındalık"),
        Standard(K.CASE_MANAGEMENT, "Vaka yönetimi"),
    ),
    OfficeKind.SYDV: (Standard(K.SOCIAL_AID, "Sosyal yardımlar"),),
    OfficeKind.DIRECTORATE: (
        Standard(K.ELDERLY_CARE, "Yaşlı bakım hizmetleri", 15),
        Standard(K.DISABILITY_CARE, "Engelli bakım ve rehabilitasyon", 15),
        Standard(K.CHILD_CARE, "Çocuk bakım hizmetleri (çocuk evleri, koruyucu aile)", 7),
        Standard(K.CHILD_PROTECTION, "Çocuk koruma", 3),
        Standard(K.CRECHE, "Ücretsiz kreş kontenjanı"),
        Standard(K.SED, "Sosyal ve ekonomik destek (SED)"),
        Standard(K.VETERANS, "Şehit yakını ve gazi hizmetleri"),
    ),
    OfficeKind.MUNICIPALITY: (Standard(K.HOUSING, "Barınma desteği"),),
    OfficeKind.NGO: (Standard(K.NGO_SUPPORT, "Ayni ve nakdi destek"),),
}
# Outside institutions of every province: (kind, provider kind, institution "{province}" filled in, days).
OUTSIDE = (
    (K.HEALTH, ProviderKind.HEALTH, "{province} İl Sağlık Müdürlüğü", 10),
    (K.EDUCATION, ProviderKind.SCHOOL, "{province} İl Milli Eğitim Müdürlüğü", 10),
    (K.EMPLOYMENT, ProviderKind.ISKUR, "{province} Çalışma ve İş Kurumu İl Müdürlüğü (İŞKUR)", 10),
    (K.NGO_SUPPORT, ProviderKind.NGO, "Türk Kızılay {province} Şubesi", 10),
)
SEALED = (K.WOMEN_PROTECTION, ProviderKind.SONIM, "{province} Şiddet Önleme ve İzleme Merkezi (ŞÖNİM)", 1)
PROVIDER_OF = {
    OfficeKind.SHM: ProviderKind.SHM,
    OfficeKind.SYDV: ProviderKind.SYDV,
    OfficeKind.DIRECTORATE: ProviderKind.DIRECTORATE,
    OfficeKind.MUNICIPALITY: ProviderKind.MUNICIPALITY,
    OfficeKind.NGO: ProviderKind.NGO,
}


def _seed_one(actor, created: list, **fields) -> None:
    key = {k: fields[k] for k in ("kind", "office", "provider_name", "province", "district")}
    if Service.objects.filter(**key).exists():
        return
    service = Service(**fields)
    service.save()
    audit_record(actor=actor, action=AuditAction.SERVICES_SEED, obj=service, after=snapshot(service))
    created.append(service)


def services_seed(*, actor, province) -> list[Service]:
    """The standard services of each office of the province and of the outside institutions (with the sealed
    protection service, which the catalogue never lists); services already there are left alone. Returns the new."""
    if getattr(actor, "is_authenticated", False):
        _require(actor, ADD_SERVICE)
    created: list[Service] = []
    offices = Office.objects.filter(province=province).order_by("kind", "name")
    with transaction.atomic():
        for office in offices:
            for standard in BY_OFFICE.get(office.kind, ()):
                _seed_one(
                    actor,
                    created,
                    kind=standard.kind,
                    name=f"{office.name} — {standard.name}",
                    provider_kind=PROVIDER_OF[office.kind],
                    office=office,
                    provider_name="",
                    province=province,
                    district=office.district,
                    days_to_answer=standard.days,
                )
        has_ngo = offices.filter(kind=OfficeKind.NGO).exists()
        for kind, provider_kind, institution, days in (*OUTSIDE, SEALED):
            if kind == K.NGO_SUPPORT and has_ngo:
                continue
            name = institution.format(province=province.name)
            _seed_one(
                actor,
                created,
                kind=kind,
                name=name,
                provider_kind=provider_kind,
                office=None,
                provider_name=name,
                province=province,
                district=None,
                days_to_answer=days,
            )
    return created
