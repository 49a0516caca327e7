"""The active UI language as Refah's content is keyed: "tr" or "en"."""

from django.utils import translation


def active_language() -> str:
    """ "en" when English is active, else "tr" (Turkish is the default and the fallback)."""
    return "en" if (translation.get_language() or "tr").startswith("en") else "tr"
