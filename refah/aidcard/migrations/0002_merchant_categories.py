"""Merchant categories (MCC-style codes) and the purses each may take."""

from django.db import migrations

from refah.aidcard.reference import merchant_categories_seed


def seed(apps, schema_editor):
    merchant_categories_seed(apps.get_model("aidcard", "MerchantCategory"))


class Migration(migrations.Migration):
    dependencies = [("aidcard", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
