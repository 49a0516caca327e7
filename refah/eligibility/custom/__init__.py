"""Programs defined as data by municipalities and NGOs, from the same building blocks as the coded rules.

    spec = {
        "code": "igdir_elderly_food", "label": {"tr": "Yaşlı gıda kartı", "en": "Elderly food card"},
        "reference": "Iğdır Belediye Meclisi kararı 2025/14",
        "unit": "TRY", "frequency": "monthly", "valid_from": "2025-01-01",
        "conditions": [
            {"block": "income_ratio", "max_ratio": "1/3"},          # per-capita income ≤ 1/3 × NMW
            {"block": "age_range", "min": 65},                      # a member aged 65+
            {"block": "need_score", "min": 50},
        ],
        "amount": {"per": "beneficiary", "value": "750.00"},
        "payment": {"method": "aid_card", "purse": "food"},    # how it is paid: data, not code
    }
    program = program_from_spec(spec)     # validated; CustomProgramError with a clear message otherwise
    evaluate(batch, "2025-07", programs=[program])

Household blocks must all pass. Person blocks (age_range, disability, sex) select the beneficiaries:
the members passing every person block; the household needs at least one.

spec: the definition validated and built (`program_from_spec`); program: the built program the engine
evaluates; payment: how it is paid (`payment` in the spec); approved: the approved CustomProgram rows compiled,
each limited to its office's jurisdiction.
"""

from refah.eligibility.custom.approved import CustomSet, compile_program, custom_set_approved
from refah.eligibility.custom.payment import ITEM_UNITS, PURSE_UNITS, Payment, payment_from_spec, payment_text
from refah.eligibility.custom.program import CustomProgram
from refah.eligibility.custom.spec import program_from_spec
from refah.eligibility.errors import CustomProgramError

__all__ = [
    "ITEM_UNITS",
    "PURSE_UNITS",
    "CustomProgram",
    "CustomProgramError",
    "CustomSet",
    "Payment",
    "compile_program",
    "custom_set_approved",
    "payment_from_spec",
    "payment_text",
    "program_from_spec",
]
