"""İşe Yönlendirme Yardımı: for each job İŞKUR refers a beneficiary to, 10 % of the net minimum wage, up to three
referrals a person in a calendar year; paid once, to the person referred."""

import sys

import numpy as np

from refah.eligibility.blocks import div_half_up, result, value_test
from refah.eligibility.context import Context

CODE = "job_referral_aid"
LABEL = {"tr": "İşe Yönlendirme Yardımı", "en": "Job Referral Aid"}
# Public legal source (shown to citizens and staff, TR/EN); internal notes stay in NOTE, never on a screen.
SOURCE = {
    "tr": "İşe yönlendirme yardımı, 3294 sayılı Kanun; Aile ve Sosyal Hizmetler Bakanlığı–İŞKUR işbirliği protokolü",
    "en": "Job referral aid, Law 3294; the Ministry of Family and Social Services–İŞKUR cooperation protocol",
}
NOTE = "DOMAIN.md: up to 3 times a year, 10 % of the NMW; 'a year' read as the calendar year (Refah reading)"
REFERENCE = SOURCE["tr"]
UNIT = "TRY"
FREQUENCIES = ("one_off",)


def evaluate(ctx: Context) -> object:
    """Per person: this month's job referrals, as many as the yearly limit still allows, × ratio × NMW."""
    this_month = ctx.person("job_referrals").astype(np.int64)
    earlier = ctx.person("job_referrals_year").astype(np.int64)
    limit = ctx.P(f"{CODE}.max_per_year")
    paid = np.minimum(this_month, np.maximum(limit - earlier, 0))
    ratio = ctx.P(f"{CODE}.wage_ratio")
    each = div_half_up(ratio.numerator * ctx.nmw, ratio.denominator)
    person_amount = (paid * each).astype(np.int64)
    referred = value_test(
        f"{CODE}.referred",
        {"tr": "bu ay İŞKUR'un yönlendirdiği iş sayısı", "en": "jobs İŞKUR referred the person to this month"},
        this_month,
        ">",
        0,
        kind="count",
        level="person",
        applies=this_month > 0,
        reference=REFERENCE,
    )
    within = value_test(
        f"{CODE}.yearly_limit",
        {"tr": "bu yıl daha önce ödenen yönlendirme", "en": "referrals paid earlier this year"},
        earlier,
        "<",
        limit,
        kind="count",
        level="person",
        applies=this_month > 0,
        reference=REFERENCE,
        note={"tr": "yıllık üst sınır", "en": "yearly limit"},
    )
    beneficiaries = paid > 0
    return result(
        sys.modules[__name__],
        ctx,
        ctx.hh_any(beneficiaries),
        {"one_off": ctx.hh_sum(person_amount)},
        [referred, within],
        beneficiaries=beneficiaries,
        person_amounts={"one_off": person_amount},
        recipient=ctx.member_by_rank(np.where(beneficiaries, 1, 9)),
    )
