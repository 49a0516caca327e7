"""The model's features: what the registry and the institutions' data hold about a household, as numbers.

`FEATURES` lists them in the matrix's column order (name, Turkish and English label, how it is computed);
`feature_matrix(batch)` computes them for a whole Batch at once (numpy over columns, no loop per household).
Nothing here reads `batch.truth`.

Location enters as what generalises to a place the survey did not sample: the province's development tier
(the need score's table) and *contextual* means over the households of the same district in the batch being
scored (their declared income per adult equivalent, the share with no declared income, with natural gas, owning
their home, with a car): a district's welfare is read from its registry, not learnt as an identifier from the
survey. A batch should therefore hold whole districts (the Parquet stream and the registry reader keep a
province's households together).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from refah.eligibility.entities import Batch, code
from refah.targeting.truth import ages, oecd_scale


@dataclass(frozen=True)
class Feature:
    name: str
    label_tr: str
    label_en: str
    how: str
    kind: str = "count"  # how a value is shown: count | money | share | flag | ratio | years | code | log_money


FEATURES: tuple[Feature, ...] = (
    Feature("size", "hane büyüklüğü", "household size", "members", "count"),
    Feature("scale", "eşdeğer yetişkin sayısı", "adult equivalents", "OECD-modified scale", "ratio"),
    Feature("children_0_5", "0–5 yaş çocuk", "children 0–5", "members under 6", "count"),
    Feature("children_6_13", "6–13 yaş çocuk", "children 6–13", "members 6–13", "count"),
    Feature("youth_14_17", "14–17 yaş genç", "young people 14–17", "members 14–17", "count"),
    Feature("adults_18_64", "18–64 yaş yetişkin", "adults 18–64", "members 18–64", "count"),
    Feature("elderly_65", "65 yaş ve üstü", "members 65+", "members 65 or older", "count"),
    Feature(
        "alone_working_age",
        "tek başına yaşayan çalışma çağında kişi",
        "working-age person living alone",
        "one member, 18–64",
        "flag",
    ),
    Feature(
        "adult_only",
        "yalnız yetişkinlerden oluşan hane",
        "adults-only household",
        "no member under 18, more than one member",
        "flag",
    ),
    Feature("head_female", "hane reisi kadın", "woman head of household", "reference person's sex", "flag"),
    Feature("head_age", "hane reisinin yaşı", "age of the head", "reference person's age", "years"),
    Feature("head_widowed", "hane reisi dul", "head widowed", "reference person widowed", "flag"),
    Feature("head_divorced", "hane reisi boşanmış", "head divorced", "reference person divorced", "flag"),
    Feature("head_single", "hane reisi hiç evlenmemiş", "head never married", "reference person single", "flag"),
    Feature(
        "formal_workers",
        "kayıtlı çalışan",
        "registered workers",
        "members employed formally or civil servants",
        "count",
    ),
    Feature("informal_workers", "kayıt dışı çalışan", "unregistered workers", "members employed informally", "count"),
    Feature(
        "self_employed", "kendi hesabına çalışan / çiftçi", "self-employed or farmers", "members self-employed", "count"
    ),
    Feature("unemployed", "iş arayan", "unemployed members", "members unemployed, looking for work", "count"),
    Feature("homemakers", "ev işleriyle meşgul", "homemakers", "members keeping house", "count"),
    Feature("pensioners", "emekli", "pensioners", "members with an SGK pension", "count"),
    Feature(
        "insured_share", "sigortalı çalışan oranı", "share insured by work", "members actively insured / size", "share"
    ),
    Feature(
        "no_earner", "çalışan ya da emekli yok", "no worker or pensioner", "no member works or draws a pension", "flag"
    ),
    Feature(
        "disabled",
        "engelli üye (%40+)",
        "disabled members (40 %+)",
        "members with a disability of 40 % or more",
        "count",
    ),
    Feature("fully_dependent", "tam bağımlı üye", "fully dependent members", "members fully care-dependent", "count"),
    Feature(
        "chronic", "kronik hastalığı olan üye", "members with a chronic illness", "members chronically ill", "count"
    ),
    Feature("out_of_school", "okula gitmeyen çocuk", "children out of school", "school age, not enrolled", "count"),
    Feature(
        "absence_mean", "ortalama devamsızlık (gün)", "mean absence (days)", "mean absence days of pupils", "ratio"
    ),
    Feature(
        "higher_education", "yükseköğretimde öğrenci", "students in higher education", "members in university", "count"
    ),
    Feature(
        "social_flags",
        "sosyal risk işaretleri",
        "social risk flags",
        "members at risk of care, in care, orphans or widowed",
        "count",
    ),
    Feature("pregnant", "gebe üye", "pregnant members", "members pregnant", "count"),
    Feature(
        "income_ae_log",
        "eşdeğer kişi başına beyan edilen gelir",
        "declared income per adult equivalent",
        "log(1 + declared monthly income / scale, TL)",
        "log_money",
    ),
    Feature("income_zero", "beyan edilen gelir yok", "no declared income", "declared income is zero", "flag"),
    Feature("earners", "geliri olan üye", "members with income", "members with a declared income", "count"),
    Feature(
        "rent_ae_log", "eşdeğer kişi başına kira", "rent per adult equivalent", "log(1 + rent / scale, TL)", "log_money"
    ),
    Feature("owner", "ev sahibi", "owner-occupier", "tenure is owner", "flag"),
    Feature("tenant", "kiracı", "tenant", "tenure is tenant", "flag"),
    Feature(
        "dwelling_poor",
        "gecekondu, çadır ya da konteyner",
        "gecekondu, tent or container",
        "dwelling is gecekondu, temporary or other",
        "flag",
    ),
    Feature("detached", "müstakil ev", "detached house", "dwelling is detached", "flag"),
    Feature("heating_solid", "sobayla ısınma", "stove heating", "coal or wood stove, or none", "flag"),
    Feature("heating_gas", "doğalgaz ya da merkezi ısıtma", "gas or central heating", "natural gas or central", "flag"),
    Feature("rooms", "oda sayısı", "rooms", "rooms", "count"),
    Feature("persons_per_room", "oda başına kişi", "persons per room", "size / rooms", "ratio"),
    Feature("real_estate_log", "taşınmaz değeri", "real estate value", "log(1 + value, TL)", "log_money"),
    Feature("vehicle_log", "araç değeri", "vehicle value", "log(1 + value, TL)", "log_money"),
    Feature("land_livestock_log", "arazi ve hayvan varlığı", "land and livestock", "log(1 + value, TL)", "log_money"),
    Feature("other_asset_log", "diğer varlıklar", "other assets", "log(1 + value, TL)", "log_money"),
    Feature(
        "other_aid_ae_log",
        "diğer kurumlardan yardım",
        "other institutions' aid",
        "log(1 + aid / scale, TL)",
        "log_money",
    ),
    Feature("rural", "köyde yaşıyor", "lives in a village", "neighbourhood is a village", "flag"),
    Feature(
        "province_tier",
        "ilin gelişmişlik kademesi",
        "province development tier",
        "SEGE tier of the province (1 most developed … 6)",
        "count",
    ),
    Feature(
        "district_income_log",
        "ilçenin eşdeğer kişi başı geliri",
        "district's income per adult equivalent",
        "district mean of income_ae_log",
        "log_money",
    ),
    Feature(
        "district_zero_income",
        "ilçede geliri olmayan hane oranı",
        "district's share with no income",
        "district share of income_zero",
        "share",
    ),
    Feature(
        "district_gas",
        "ilçede doğalgaz oranı",
        "district's share with gas heating",
        "district share of heating_gas",
        "share",
    ),
    Feature(
        "district_owner", "ilçede ev sahibi oranı", "district's share of owners", "district share of owner", "share"
    ),
    Feature(
        "district_vehicle",
        "ilçede araç sahibi oranı",
        "district's share with a vehicle",
        "district share with a vehicle",
        "share",
    ),
    Feature(
        "district_formal",
        "ilçede kayıtlı çalışan oranı",
        "district's share of registered work",
        "district mean of insured_share",
        "share",
    ),
)
FEATURE_NAMES: tuple[str, ...] = tuple(feature.name for feature in FEATURES)
BY_NAME = {feature.name: feature for feature in FEATURES}


def _log_tl(kurus: np.ndarray) -> np.ndarray:
    return np.log1p(np.maximum(kurus, 0) / 100.0)


def _tiers() -> np.ndarray:
    from refah.eligibility.need_score import load_versions

    tiers = load_versions()[-1][1]["components"]["region"]["province_tier"]
    lut = np.full(82, 3.0)
    for plate, tier in tiers.items():
        lut[int(plate)] = float(tier)
    return lut


def feature_matrix(batch: Batch) -> np.ndarray:
    """The H × F float32 matrix of FEATURES for every household of the batch."""
    n = batch.n_households
    hh, pp, row = batch.households, batch.persons, batch.person_household

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(row[mask], minlength=n).astype(np.float64)

    def total(values: np.ndarray) -> np.ndarray:
        return np.bincount(row, weights=values.astype(np.float64), minlength=n)

    age = ages(batch)
    size = batch.sizes.astype(np.float64)
    scale = oecd_scale(batch, age)
    head = pp["role"] == code("role", "reference")
    head_row = row[head]

    def head_value(values: np.ndarray, fill: float = 0.0) -> np.ndarray:
        out = np.full(n, fill)
        out[head_row] = values[head]
        return out

    employment = pp["employment_status"]

    def employed(*values: str) -> np.ndarray:
        return count(np.isin(employment, [code("employment_status", v) for v in values]))

    minors = count(age < 18)
    marital = pp["marital_status"]
    school = pp["school_level"]
    enrolled = pp["absence_days"] >= 0
    absences = np.where(enrolled, pp["absence_days"], 0)
    insured = count(pp["social_security"] == code("social_security", "active"))
    pensioners = count(pp["social_security"] == code("social_security", "pensioner"))
    formal = employed("employed_formal", "civil_servant")
    informal = employed("employed_informal")
    self_employed = employed("self_employed")
    income = batch.segment_sum(pp["income"]).astype(np.float64)
    income_ae_log = _log_tl(income / scale)
    rent = hh["monthly_rent"].astype(np.float64)
    tenure, dwelling, heating = hh["tenure"], hh["dwelling_type"], hh["heating"]
    owner = (tenure == code("tenure", "owner")).astype(np.float64)
    gas = np.isin(heating, [code("heating", "natural_gas"), code("heating", "central")]).astype(np.float64)
    vehicle = hh["asset_vehicle"].astype(np.float64)
    insured_share = insured / size
    columns = {
        "size": size,
        "scale": scale,
        "children_0_5": count(age < 6),
        "children_6_13": count((age >= 6) & (age < 14)),
        "youth_14_17": count((age >= 14) & (age < 18)),
        "adults_18_64": count((age >= 18) & (age < 65)),
        "elderly_65": count(age >= 65),
        "alone_working_age": ((size == 1) & (head_value(age.astype(np.float64)) < 65)).astype(np.float64),
        "adult_only": ((minors == 0) & (size > 1)).astype(np.float64),
        "head_female": head_value(pp["sex"] == code("sex", "F")),
        "head_age": head_value(age.astype(np.float64)),
        "head_widowed": head_value(marital == code("marital_status", "widowed")),
        "head_divorced": head_value(marital == code("marital_status", "divorced")),
        "head_single": head_value(marital == code("marital_status", "single")),
        "formal_workers": formal,
        "informal_workers": informal,
        "self_employed": self_employed,
        "unemployed": employed("unemployed"),
        "homemakers": employed("homemaker"),
        "pensioners": pensioners,
        "insured_share": insured_share,
        "no_earner": ((formal + informal + self_employed + pensioners) == 0).astype(np.float64),
        "disabled": count(pp["disability_percent"] >= 40),
        "fully_dependent": count(pp["dependency"] == code("dependency", "full")),
        "chronic": count(pp["chronic_illness"]),
        "out_of_school": count(school == code("school_level", "out_of_school")),
        "absence_mean": total(absences) / np.maximum(count(enrolled), 1),
        "higher_education": count(school == code("school_level", "higher")),
        "social_flags": count(pp["sed_risk"] | pp["in_state_care"] | pp["orphan"] | pp["spouse_deceased"]),
        "pregnant": count(pp["pregnant"]),
        "income_ae_log": income_ae_log,
        "income_zero": (income == 0).astype(np.float64),
        "earners": count(pp["income"] > 0),
        "rent_ae_log": _log_tl(rent / scale),
        "owner": owner,
        "tenant": (tenure == code("tenure", "tenant")).astype(np.float64),
        "dwelling_poor": np.isin(
            dwelling, [code("dwelling_type", v) for v in ("gecekondu", "temporary", "other")]
        ).astype(np.float64),
        "detached": (dwelling == code("dwelling_type", "detached")).astype(np.float64),
        "heating_solid": np.isin(heating, [code("heating", v) for v in ("stove_coal", "stove_wood", "none")]).astype(
            np.float64
        ),
        "heating_gas": gas,
        "rooms": hh["rooms"].astype(np.float64),
        "persons_per_room": size / np.maximum(hh["rooms"], 1),
        "real_estate_log": _log_tl(hh["asset_real_estate"]),
        "vehicle_log": _log_tl(vehicle),
        "land_livestock_log": _log_tl(hh["asset_land"] + hh["asset_livestock"]),
        "other_asset_log": _log_tl(hh["asset_other"]),
        "other_aid_ae_log": _log_tl(hh["other_aid"] / scale),
        "rural": hh["is_rural"].astype(np.float64),
        "province_tier": _tiers()[hh["province_plate"]],
    }
    district = hh["district"].astype(np.int64) if "district" in hh else np.zeros(n, np.int64)
    groups = int(district.max()) + 1 if n else 0
    households = np.maximum(np.bincount(district, minlength=groups), 1)

    def district_mean(values: np.ndarray) -> np.ndarray:
        return (np.bincount(district, weights=values, minlength=groups) / households)[district]

    columns["district_income_log"] = district_mean(income_ae_log)
    columns["district_zero_income"] = district_mean(columns["income_zero"])
    columns["district_gas"] = district_mean(gas)
    columns["district_owner"] = district_mean(owner)
    columns["district_vehicle"] = district_mean((vehicle > 0).astype(np.float64))
    columns["district_formal"] = district_mean(insured_share)
    matrix = np.empty((n, len(FEATURES)), np.float32)
    for j, name in enumerate(FEATURE_NAMES):
        matrix[:, j] = columns[name]
    return matrix
