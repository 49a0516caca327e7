"""The care JSON API (mounted at /api/v1/care/ in config/api.py)."""

from ninja import Router

router = Router(tags=["care"])
