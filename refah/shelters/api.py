"""The shelters JSON API (mounted at /api/v1/shelters/ in config/api.py)."""

from ninja import Router

router = Router(tags=["shelters"])
