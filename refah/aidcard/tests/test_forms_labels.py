"""The optional PIN says "(optional)" once: the field template adds it, the label must not (issue 12)."""

from django.template import Context, Template
from django.utils import translation

from refah.aidcard.forms import PinForm
from refah.aidcard.models import MerchantCategory


def test_the_optional_pin_says_optional_once_in_both_languages():
    template = Template('{% include "partials/field.html" %}')
    for language, optional in (("tr", "(isteğe bağlı)"), ("en", "(optional)")):
        with translation.override(language):
            html = template.render(Context({"field": PinForm()["pin"]}))
        assert html.count(optional) == 1, html


def test_merchant_categories_read_in_the_screens_language():
    category = MerchantCategory(code="5943", name="Stationery and school supplies")
    with translation.override("tr"):
        assert str(category) == "5943 Kırtasiye ve okul malzemeleri"
    with translation.override("en"):
        assert str(category) == "5943 Stationery and school supplies"
