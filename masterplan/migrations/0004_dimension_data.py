"""Load the six smart-city dimensions and their 18 elements of each guide edition."""

from django.db import migrations


def load(apps, schema_editor):
    from masterplan import reference

    reference.load_dimensions(apps.get_model("masterplan", "GuideEdition"),
                              apps.get_model("masterplan", "Dimension"),
                              apps.get_model("masterplan", "DimensionElement"))


class Migration(migrations.Migration):
    dependencies = [("masterplan", "0003_dimensions")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
