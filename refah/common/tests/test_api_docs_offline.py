"""The API documentation works without the internet: every asset of /api/v1/docs ships with the project."""

import re

from django.contrib.staticfiles import finders
from django.test import Client


def test_api_docs_load_only_local_assets():
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', response.content.decode())
    assert assets, "the docs page names no assets"
    for asset in assets:
        assert asset.startswith("/static/"), f"{asset} is not served by Refah"
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not among the static files"
