"""The coded programs, one module per program, and the assessments. The API uses these codes."""

from refah.eligibility.rules import (
    birth_aid,
    cct_education,
    cct_health,
    disability_pension,
    family_support,
    free_creche,
    free_travel,
    heating_aid,
    home_care,
    income_support,
    job_referral_aid,
    job_start_aid,
    newborn_food,
    old_age_pension,
    orphan_aid,
    sed,
    social_market,
    widow_aid,
    work_capable,
)

PROGRAMS = {
    module.CODE: module
    for module in (
        family_support,
        income_support,
        cct_education,
        cct_health,
        birth_aid,
        newborn_food,
        heating_aid,
        free_creche,
        home_care,
        sed,
        old_age_pension,
        disability_pension,
        widow_aid,
        orphan_aid,
        free_travel,
        social_market,
        job_referral_aid,
        job_start_aid,
    )
}
# Rules that assess rather than pay (who can work): evaluated when asked for by code, never stored as
# determinations, applied for or paid.
ASSESSMENTS = {module.CODE: module for module in (work_capable,)}
