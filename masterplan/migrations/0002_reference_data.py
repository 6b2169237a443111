"""Load the guide edition 2017, the Gerakan Menuju 100 Smart City batches and all regions."""

from django.db import migrations


def load(apps, schema_editor):
    from masterplan import reference

    reference.load_editions(apps.get_model("masterplan", "GuideEdition"))
    reference.load_batches(apps.get_model("masterplan", "Batch"))
    reference.load_regions(apps.get_model("masterplan", "Region"))


class Migration(migrations.Migration):
    dependencies = [("masterplan", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
