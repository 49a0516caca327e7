"""What the eligibility screens share."""

from django.utils import timezone


def this_month() -> str:
    return f"{timezone.localdate():%Y-%m}"
