"""Each institution's answer about one person, built from the truth (truth.py). The shapes are the interfaces of
docs/exchange/<source>.yaml; the adapters (refah/exchange/sources/) read exactly these fields."""

import datetime as dt
import functools

from refah.exchange.simulators.truth import NET_MINIMUM_WAGE_KURUS, PersonTruth, uniform

WORKING = ("employed_formal", "civil_servant")
HIDDEN_WORK = ("employed_informal", "unemployed", "homemaker", "self_employed")
MAKES = ("Fiat Egea", "Renault Clio", "Toyota Corolla", "Hyundai i20", "Ford Transit", "Tofaş Şahin")
# NVİ knows the parents' names the registry may lack (the synthetic province has none): one of these, by the TC
FATHERS = ("Mehmet", "Ahmet", "Mustafa", "Ali", "Hüseyin", "Hasan", "İbrahim", "İsmail", "Osman", "Yusuf")
MOTHERS = ("Fatma", "Ayşe", "Emine", "Hatice", "Zeynep", "Elif", "Meryem", "Şerife", "Zehra", "Sultan")
ACTIVITIES = ("Bakkal", "Berber", "Kahvehane", "Nakliye", "Terzi", "Seyyar satıcı")


def _age(p: PersonTruth, today: dt.date) -> int:
    b = p.birth_date
    return today.year - b.year - ((today.month, today.day) < (b.month, b.day))


def _scaled(seed: int, p: PersonTruth, what: str, low: float, high: float) -> int:
    """An amount in kuruş between low× and high× the net minimum wage, fixed by the person."""
    return int(NET_MINIMUM_WAGE_KURUS * (low + (high - low) * uniform(seed, p.tc, what)))


def nvi(p: PersonTruth, seed: int, today: dt.date) -> dict:
    return {
        "first_name": p.first_name,
        "last_name": p.last_name,
        "father_name": p.father_name or FATHERS[int(uniform(seed, p.tc, "nvi.father") * len(FATHERS))],
        "mother_name": p.mother_name or MOTHERS[int(uniform(seed, p.tc, "nvi.mother") * len(MOTHERS))],
        "birth_date": p.birth_date.isoformat(),
        "sex": p.sex,
        "marital_status": p.marital_status,
        "deceased_on": p.deceased_on.isoformat() if p.deceased_on else None,
        "family_register": f"AS-{p.household_code}" if p.household_code else "",
        "address": {"district": p.district, "neighbourhood": p.neighbourhood},
    }


def sgk(p: PersonTruth, seed: int, today: dt.date) -> dict:
    age = _age(p, today)
    status, earnings, pension, employer = "none", 0, 0, ""
    if p.employment in WORKING:
        status, earnings = "active", p.wage or _scaled(seed, p, "sgk.wage", 1.0, 1.6)
        employer = "Kamu" if p.employment == "civil_servant" else "Özel sektör işvereni"
    elif (
        18 <= age < 65
        and p.employment in HIDDEN_WORK
        # hidden formal work: likelier where the household has informal income the registry cannot see
        and uniform(seed, p.tc, "sgk.hidden") < (0.3 if p.informal else 0.05)
    ):
        status, earnings, employer = "active", _scaled(seed, p, "sgk.wage", 1.0, 1.3), "Özel sektör işvereni"
    if p.social_security == "pensioner" or p.employment == "retired":
        status, pension = "pensioner", p.pension or _scaled(seed, p, "sgk.pension", 0.6, 0.9)
    elif age >= 60 and status == "none" and uniform(seed, p.tc, "sgk.hidden_pension") < 0.05:
        status, pension = "pensioner", _scaled(seed, p, "sgk.pension", 0.6, 0.9)
    return {"status": status, "employer": employer, "monthly_earnings_kurus": earnings, "pension_kurus": pension}


def iskur(p: PersonTruth, seed: int, today: dt.date) -> dict:
    age = _age(p, today)
    registered = 18 <= age < 65 and (
        (p.employment == "unemployed" and uniform(seed, p.tc, "iskur.reg") < 0.8)
        or uniform(seed, p.tc, "iskur.reg") < 0.03
    )
    benefit = 0
    if registered and uniform(seed, p.tc, "iskur.benefit") < 0.15:
        benefit = _scaled(seed, p, "iskur.amount", 0.4, 0.8)
    since = today - dt.timedelta(days=30 + int(uniform(seed, p.tc, "iskur.since") * 700)) if registered else None
    return {"registered": registered, "registered_on": since.isoformat() if since else None, "benefit_kurus": benefit}


def tapu(p: PersonTruth, seed: int, today: dt.date) -> dict:
    parcels = [
        {
            "parcel_id": f"{p.tc[-4:]}/{i + 1}",
            "kind": kind,
            "district": p.district,
            "share_percent": 100,
            "value_kurus": value,
        }
        for i, (kind, value, _d) in enumerate(a for a in p.assets if a[0] in ("land", "real_estate"))
    ]
    if _age(p, today) >= 18 and uniform(seed, p.tc, "tapu.hidden") < 0.03:
        value = int(2_000_000_00 * (0.2 + uniform(seed, p.tc, "tapu.value")))
        parcels.append(
            {
                "parcel_id": f"{p.tc[-4:]}/9",
                "kind": "land",
                "district": p.district,
                "share_percent": 50,
                "value_kurus": value,
            }
        )
    return {"parcels": parcels}


def egm(p: PersonTruth, seed: int, today: dt.date) -> dict:
    vehicles = [
        {"plate": f"76 {chr(65 + i)}{p.tc[-4:]}", "make": d[:40] or MAKES[0], "model_year": 2012, "value_kurus": value}
        for i, (kind, value, d) in enumerate(a for a in p.assets if a[0] == "vehicle")
    ]
    if _age(p, today) >= 18 and uniform(seed, p.tc, "egm.hidden") < 0.04:
        make = MAKES[int(uniform(seed, p.tc, "egm.make") * len(MAKES))]
        value = int(30_000_000 + 60_000_000 * uniform(seed, p.tc, "egm.value"))
        vehicles.append({"plate": f"76 Z{p.tc[-4:]}", "make": make, "model_year": 2015, "value_kurus": value})
    return {"vehicles": vehicles}


@functools.lru_cache(maxsize=8)
def _months(today: dt.date, count: int) -> list[str]:
    first, months = today.replace(day=1), []
    for _ in range(count):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        months.append(f"{first:%Y-%m}")
    return months


def meb(p: PersonTruth, seed: int, today: dt.date) -> dict:
    level = (
        p.school_level if p.school_level in ("preschool", "primary", "lower_secondary", "upper_secondary") else "none"
    )
    if level == "none" and p.school_level == "out_of_school" and uniform(seed, p.tc, "meb.enrolled") < 0.1:
        level = "primary" if _age(p, today) < 10 else "lower_secondary"
    absences = []
    if level not in ("none", "preschool"):
        for month in _months(today, 3):
            absences.append({"month": month, "days": int(uniform(seed, p.tc, f"meb.{month}") ** 3 * 12)})
    return {"level": level, "absences": absences}


def health(p: PersonTruth, seed: int, today: dt.date) -> dict:
    child = _age(p, today) < 6
    up_to_date = None
    if child:
        up_to_date = p.checkups if p.checkups is not None else uniform(seed, p.tc, "health.checkups") < 0.8
    done = int(uniform(seed, p.tc, "health.count") * 10) if child else 0
    visits = 1 + int(uniform(seed, p.tc, "health.visits") * 6) if p.pregnant else 0
    return {
        "checkups_up_to_date": up_to_date,
        "checkups_done": done,
        "pregnant": p.pregnant,
        "pregnancy_visits": visits,
    }


def gib(p: PersonTruth, seed: int, today: dt.date) -> dict:
    taxpayer = p.employment == "self_employed" or (_age(p, today) >= 18 and uniform(seed, p.tc, "gib.hidden") < 0.02)
    if not taxpayer:
        return {"taxpayer": False, "activity": None, "registered_on": None, "yearly_income_kurus": 0}
    income = p.self_employment * 12 or _scaled(seed, p, "gib.income", 3.0, 12.0)
    activity = ACTIVITIES[int(uniform(seed, p.tc, "gib.activity") * len(ACTIVITIES))]
    return {"taxpayer": True, "activity": activity, "registered_on": "2019-03-01", "yearly_income_kurus": income}


ANSWERS = {"nvi": nvi, "sgk": sgk, "iskur": iskur, "tapu": tapu, "egm": egm, "meb": meb, "health": health, "gib": gib}
