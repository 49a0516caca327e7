"""İşe Başlama Yardımı: once, when a beneficiary first starts work through an İŞKUR placement, 1/3 of the gross
minimum wage; paid to the person who started work."""

import sys

import numpy as np

from refah.eligibility.blocks import div_half_up, result, value_test
from refah.eligibility.context import Context

CODE = "job_start_aid"
LABEL = {"tr": "İşe Başlama Yardımı", "en": "Job Start Aid"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "İşe başlama yardımı, 3294 sayılı Kanun; Aile ve Sosyal Hizmetler Bakanlığı–İŞKUR işbirliği protokolü",
    "en": "Job start aid, Law 3294; the Ministry of Family and Social Services–İŞKUR cooperation protocol",
}
NOTE = "DOMAIN.md: once, 1/3 of the gross minimum wage; due in the month the person first starts work"
REFERENCE = SOURCE["tr"]
UNIT = "TRY"
FREQUENCIES = ("one_off",)


def evaluate(ctx: Context) -> object:
    """Per person whose first İŞKUR placement started in the period's month: ratio × gross minimum wage."""
    first = ctx.person("first_work_started_months").astype(np.int64)
    started = value_test(
        f"{CODE}.first_start",
        {
            "tr": "İŞKUR aracılığıyla ilk işe başlamadan bu yana geçen ay",
            "en": "months since first starting work through İŞKUR",
        },
        first,
        "==",
        0,
        kind="count",
        level="person",
        applies=first >= 0,
        reference=REFERENCE,
        note={"tr": "işe başlanan ay", "en": "the month work started"},
    )
    ratio = ctx.P(f"{CODE}.wage_ratio")
    amount = div_half_up(ratio.numerator * ctx.P("common.gross_minimum_wage"), ratio.denominator)
    beneficiaries = first == 0
    person_amount = np.where(beneficiaries, amount, 0).astype(np.int64)
    return result(
        sys.modules[__name__],
        ctx,
        ctx.hh_any(beneficiaries),
        {"one_off": ctx.hh_sum(person_amount)},
        [started],
        beneficiaries=beneficiaries,
        person_amounts={"one_off": person_amount},
        recipient=ctx.member_by_rank(np.where(beneficiaries, 1, 9)),
    )
