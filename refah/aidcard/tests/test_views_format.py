"""Merchant screens in words: accepted purses by name, the terminal column headed as terminals."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_merchant_page_names_purses_and_terminals(client, finance, shop):
    client.force_login(finance)
    client.cookies["django_language"] = "en"
    detail = client.get(reverse("aidcard:merchant_detail", args=[shop.pk])).content.decode()
    assert "Terminal name" in detail
    assert shop.allowed_purses == "food,general"
    assert ">Food<" in detail and ">General<" in detail and "food,general" not in detail
    listing = client.get(reverse("aidcard:merchant_list")).content.decode()
    assert ">food,general<" not in listing and ">food<" not in listing
