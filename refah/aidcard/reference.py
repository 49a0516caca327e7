"""Merchant categories (MCC-style codes) and the purses each may take: reference data."""

from django.utils.translation import gettext_noop as _

# Names are stored in English and translated on display (MerchantCategory.__str__).

CATEGORIES = [
    ("5411", _("Grocery stores, supermarkets"), "food,general"),
    ("5422", _("Butchers"), "food,general"),
    ("5462", _("Bakeries"), "food,general"),
    ("5499", _("Greengrocers and other food stores"), "food,general"),
    ("5641", _("Children's clothing"), "clothing,general"),
    ("5651", _("Family clothing"), "clothing,general"),
    ("5661", _("Shoe stores"), "clothing,general"),
    ("5912", _("Pharmacies"), "general"),
    ("5943", _("Stationery and school supplies"), "general"),
    ("5983", _("Fuel dealers (coal, wood)"), "general"),
    ("SM01", _("Social market"), "market"),
]


def merchant_categories_seed(model) -> None:
    """Create or refresh the categories (model: the real or the migration's historical model)."""
    for code, name, kinds in CATEGORIES:
        model.objects.update_or_create(code=code, defaults={"name": name, "purse_kinds": kinds})
