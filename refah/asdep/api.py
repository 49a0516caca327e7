"""The asdep JSON API (mounted at /api/v1/asdep/ in config/api.py)."""

from ninja import Router

router = Router(tags=["asdep"])
