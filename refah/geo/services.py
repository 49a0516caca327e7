"""Loading the province/district reference data and resolving addresses."""

import csv
from pathlib import Path

from django.db import transaction

from refah.common.text import fold, turkish_upper
from refah.geo.models import District, Neighbourhood, Province

DATA_FILE = Path(__file__).parent / "data" / "tr-districts.csv"


@transaction.atomic
def reference_data_load(*, path: Path = DATA_FILE, province_model=Province, district_model=District) -> int:
    """Create or update the 81 provinces and 973 districts; returns the number of districts."""
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    provinces = {}
    for row in rows:
        code = row["il_pcode"]
        if code not in provinces:
            provinces[code], _ = province_model.objects.update_or_create(
                pcode=code,
                defaults={"plate": int(code[3:]), "name": row["il"], "name_ascii": row["il_ascii"]},
            )
    for row in rows:
        district_model.objects.update_or_create(
            pcode=row["ilce_pcode"],
            defaults={
                "province": provinces[row["il_pcode"]],
                "name": row["ilce"],
                "name_ascii": row["ilce_ascii"],
            },
        )
    return len(rows)


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
