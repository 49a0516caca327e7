"""Limits against card and PIN guessing. Settings with safe defaults; set them in config.settings to change them.

Read at call time (not import time), so a changed setting applies at once and tests can override it.
"""

import datetime as dt

from django.conf import settings

# Consecutive wrong PINs that lock a card until staff unblock it (banks use 3).
PIN_ATTEMPTS = 3
# A terminal with this many failed authorisations (unknown card, wrong PIN, locked card) within the
# window is refused (429) for the cool-down; then it starts counting afresh.
TERMINAL_FAILURES = 10
TERMINAL_WINDOW_SECONDS = 300
TERMINAL_COOLDOWN_SECONDS = 900


def pin_attempts() -> int:
    return max(1, int(getattr(settings, "AIDCARD_PIN_ATTEMPTS", PIN_ATTEMPTS)))


def terminal_failures() -> int:
    return max(1, int(getattr(settings, "AIDCARD_TERMINAL_FAILURES", TERMINAL_FAILURES)))


def terminal_window() -> dt.timedelta:
    return dt.timedelta(seconds=int(getattr(settings, "AIDCARD_TERMINAL_WINDOW_SECONDS", TERMINAL_WINDOW_SECONDS)))


def terminal_cooldown() -> dt.timedelta:
    seconds = int(getattr(settings, "AIDCARD_TERMINAL_COOLDOWN_SECONDS", TERMINAL_COOLDOWN_SECONDS))
    return dt.timedelta(seconds=seconds)
