"""Merchant categories (MCC-style codes) and the purses each may take: reference data."""

CATEGORIES = [
    ("5411", "Grocery stores, supermarkets", "food,general"),
    ("5422", "Butchers", "food,general"),
    ("5462", "Bakeries", "food,general"),
    ("5499", "Greengrocers and other food stores", "food,general"),
    ("5641", "Children's clothing", "clothing,general"),
    ("5651", "Family clothing", "clothing,general"),
    ("5661", "Shoe stores", "clothing,general"),
    ("5912", "Pharmacies", "general"),
    ("5943", "Stationery and school supplies", "general"),
    ("5983", "Fuel dealers (coal, wood)", "general"),
    ("SM01", "Social market", "market"),
]


def merchant_categories_seed(model) -> None:
    """Create or refresh the categories (model: the real or the migration's historical model)."""
    for code, name, kinds in CATEGORIES:
        model.objects.update_or_create(code=code, defaults={"name": name, "purse_kinds": kinds})
