"""Every institution's adapter, by code, and the words for each fact they give."""

from django.utils.translation import gettext_lazy as _

from refah.exchange.client import Source
from refah.exchange.sources.egm import Egm
from refah.exchange.sources.gib import Gib
from refah.exchange.sources.health import Health
from refah.exchange.sources.iskur import Iskur
from refah.exchange.sources.meb import Meb
from refah.exchange.sources.nvi import Nvi
from refah.exchange.sources.sgk import Sgk
from refah.exchange.sources.tkgm import Tkgm

SOURCES: dict[str, Source] = {s.code: s for s in (Nvi(), Sgk(), Iskur(), Tkgm(), Egm(), Meb(), Health(), Gib())}
ALL = tuple(SOURCES)

FACT_LABELS = {
    "nvi.name": _("Name"),
    "nvi.birth_date": _("Birth date"),
    "nvi.sex": _("Sex"),
    "nvi.father_name": _("Father's name"),
    "nvi.mother_name": _("Mother's name"),
    "nvi.marital_status": _("Marital status"),
    "nvi.family_register": _("Family register"),
    "nvi.address": _("Address (ADNKS)"),
    "nvi.deceased_on": _("Date of death"),
    "sgk.status": _("Social security"),
    "sgk.earnings": _("Registered monthly earnings"),
    "sgk.pension": _("Monthly pension"),
    "iskur.registered": _("Registered job seeker since"),
    "iskur.benefit": _("Unemployment benefit (monthly)"),
    "tapu.land": _("Land (share of value)"),
    "tapu.real_estate": _("Real estate (share of value)"),
    "egm.vehicle": _("Vehicle"),
    "meb.enrolment": _("School enrolment"),
    "meb.absence": _("Absence days"),
    "health.checkups": _("Child check-ups up to date"),
    "health.pregnancy": _("Pregnancy follow-up visits"),
    "gib.business": _("Business (yearly income)"),
}
MONEY_FACTS = {
    "sgk.earnings",
    "sgk.pension",
    "iskur.benefit",
    "tapu.land",
    "tapu.real_estate",
    "egm.vehicle",
    "gib.business",
}


def source_get(code: str) -> Source:
    return SOURCES[code]
