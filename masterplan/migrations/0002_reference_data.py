"""Load the guide edition 2017, the Gerakan Menuju 100 Smart City batches and all regions."""

from django.db import migrations


def load(apps, schema_editor):
    from masterplan.reference import load_all

    load_all(apps)


class Migration(migrations.Migration):
    dependencies = [("masterplan", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
