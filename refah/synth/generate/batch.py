"""One batch: households, then their members, then incomes and assets, in dependency order."""

import numpy as np
import pyarrow as pa

from refah.synth.generate import activity, identity, persons, tables, truth, wellbeing
from refah.synth.generate.assets import draw_assets
from refah.synth.generate.codes import I_RENT
from refah.synth.generate.economy import IncomeRows, draw_transfer_incomes, draw_work_incomes
from refah.synth.generate.households import draw_households
from refah.synth.generate.housing import address_lines, draw_dwelling


def draw_persons(rng: np.random.Generator, hh: dict) -> dict:
    p = persons.expand(hh)
    persons.draw_age_sex(rng, hh, p)
    persons.draw_marital(rng, hh, p)
    persons.draw_education(rng, hh, p)
    identity.draw_status(rng, hh, p)
    wellbeing.draw_disability(rng, p)
    wellbeing.draw_pregnancy(rng, hh, p)
    activity.draw_school(rng, hh, p)
    activity.draw_employment(rng, hh, p)
    activity.draw_social_security(rng, hh, p)
    activity.draw_health_insurance(rng, hh, p)
    wellbeing.draw_flags(rng, hh, p)
    return p


def build_batch(
    rng: np.random.Generator,
    keys: np.ndarray,
    plates: np.ndarray,
    person_offset: int,
    foreign_offset: int,
    seed: int,
    *,
    truth_rng: np.random.Generator,
    world: str = "a",
) -> tuple[tuple[pa.Table, ...], int, int]:
    """The four tables of a batch, the number of persons and of numbered foreigners in it. `truth_rng` is the
    batch's own stream for what only the true_* columns show (refah.synth.generate.truth)."""
    hh = draw_households(rng, plates)
    p = draw_persons(rng, hh)
    person_keys = person_offset + np.arange(len(p["h"]), dtype=np.int64)
    national_id, n_foreign = identity.national_ids(p, person_keys, foreign_offset, seed)
    first, last = identity.draw_names(rng, hh, p)
    extra = {"national_id": national_id, "first_name": first, "last_name": last}
    extra["birth_date"] = tables.birth_dates(rng, p["age"])
    incomes = IncomeRows(len(p["h"]))
    draw_work_incomes(rng, hh, p, incomes)
    draw_transfer_incomes(rng, hh, p, incomes)
    draw_dwelling(rng, hh)
    pre_rent = incomes.declared_by_household(p, len(keys)) + np.bincount(p["h"], incomes.informal, len(keys))
    assets, rent_received = draw_assets(rng, hh, pre_rent)
    references = np.zeros(len(p["h"]), dtype=bool)
    references[p["start"]] = True
    incomes.add(references & (rent_received[p["h"]] > 0), I_RENT, rent_received[p["h"]].astype(float))
    noise = np.stack([rng.standard_normal(len(keys)), rng.standard_normal(len(keys))])
    truth.true_welfare(truth_rng, noise, seed, world, hh, p, incomes)
    extra["phone"] = identity.phones(rng, p, person_keys, seed)  # drawn last: the other columns keep their draws
    person, kind, amount = incomes.columns()
    asset_h, asset_kind, asset_value, asset_text = assets.columns()
    result = (
        tables.households_table(hh, keys, address_lines(rng, hh)),
        tables.persons_table(p, keys[p["h"]], person_keys, extra),
        tables.incomes_table(keys[p["h"][person]], person_keys[person], kind, amount),
        tables.assets_table(keys[asset_h], asset_kind, asset_value, asset_text),
    )
    return result, len(p["h"]), n_foreign
