"""Loading the province/district reference data and resolving addresses."""

import csv
from pathlib import Path

from django.db import transaction

from refah.common.text import fold, turkish_upper
from refah.geo.models import District, Neighbourhood, Province

DATA_FILE = Path(__file__).parent / "data" / "tr-districts.csv"


@transaction.atomic
def reference_data_load(*, path: Path = DATA_FILE, province_model=Province, district_model=District) -> int:
    """Create or update the 81 provinces and 973 districts; returns the number of districts.

    In bulk (a handful of queries): it also runs after every test flush, where 2,000 single-row queries cost seconds.
    """
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    wanted_provinces = {}
    for row in rows:
        code = row["il_pcode"]
        wanted_provinces.setdefault(code, {"plate": int(code[3:]), "name": row["il"], "name_ascii": row["il_ascii"]})
    provinces = _upsert(province_model, wanted_provinces)
    wanted_districts = {
        row["ilce_pcode"]: {
            "province_id": provinces[row["il_pcode"]].pk,
            "name": row["ilce"],
            "name_ascii": row["ilce_ascii"],
        }
        for row in rows
    }
    _upsert(district_model, wanted_districts)
    return len(rows)


def _upsert(model, wanted: dict[str, dict]) -> dict:
    """Make the rows of `model` keyed by pcode hold `wanted`'s values; returns every wanted row by pcode."""
    existing = {obj.pcode: obj for obj in model.objects.filter(pcode__in=list(wanted))}
    fields = sorted({field for values in wanted.values() for field in values})
    changed = []
    for pcode, values in wanted.items():
        obj = existing.get(pcode)
        if obj is None:
            continue
        if any(getattr(obj, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(obj, field, value)
            changed.append(obj)
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=500)
    missing = [model(pcode=pcode, **values) for pcode, values in wanted.items() if pcode not in existing]
    if missing:
        model.objects.bulk_create(missing, batch_size=500)
        existing.update({obj.pcode: obj for obj in model.objects.filter(pcode__in=[m.pcode for m in missing])})
    return existing


def neighbourhood_get_or_create(*, district: District, name: str, is_rural: bool = False) -> Neighbourhood:
    """The district's mahalle of that name (matched case- and accent-insensitively)."""
    clean = " ".join(name.split())
    obj, _ = Neighbourhood.objects.get_or_create(
        district=district,
        name_folded=fold(clean),
        defaults={"name": turkish_upper(clean), "is_rural": is_rural},
    )
    return obj


def province_by_name(name: str) -> Province | None:
    """Province by Turkish or ASCII name, any case ("Iğdır", "IGDIR", "ığdır")."""
    key = fold(name)
    for p in Province.objects.all():
        if fold(p.name) == key:
            return p
    return None


def district_by_name(province: Province, name: str) -> District | None:
    """District of a province by Turkish or ASCII name, any case; "Merkez" means the central one."""
    key = fold(name)
    districts = list(province.districts.all())
    for d in districts:
        if fold(d.name) == key:
            return d
    if key == "merkez":
        for d in districts:
            if fold(d.name) == fold(province.name):
                return d
    return None
