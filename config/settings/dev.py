"""Local development and the demo."""

from .base import *  # noqa: F403
