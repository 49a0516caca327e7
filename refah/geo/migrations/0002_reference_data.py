from django.db import migrations


def load(apps, schema_editor):
    from refah.geo.services import reference_data_load

    reference_data_load(province_model=apps.get_model("geo", "Province"), district_model=apps.get_model("geo", "District"))


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
