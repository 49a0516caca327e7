"""The casework JSON API (mounted at /api/v1/casework/ in config/api.py)."""

from ninja import Router

router = Router(tags=["casework"])
