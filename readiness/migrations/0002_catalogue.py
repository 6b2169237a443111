"""Load the readiness catalogue of each guide edition (Tabel II.2–II.10)."""

from django.db import migrations


def load(apps, schema_editor):
    from readiness.reference import load_catalogue

    load_catalogue(apps.get_model("masterplan", "GuideEdition"),
                   apps.get_model("readiness", "ReadinessElement"),
                   apps.get_model("readiness", "SubArea"),
                   apps.get_model("readiness", "Component"))


class Migration(migrations.Migration):
    dependencies = [("readiness", "0001_initial"), ("masterplan", "0004_dimension_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
