"""The entitlements JSON API (mounted at /api/v1/entitlements/ in config/api.py)."""

from ninja import Router

router = Router(tags=["entitlements"])
