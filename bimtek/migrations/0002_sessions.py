"""Load the four Bimtek sessions of each guide edition."""

from django.db import migrations


def load(apps, schema_editor):
    from bimtek.reference import load_sessions

    load_sessions(apps.get_model("masterplan", "GuideEdition"), apps.get_model("bimtek", "Session"),
                  apps.get_model("bimtek", "AgendaItem"), apps.get_model("bimtek", "ReportItem"))


class Migration(migrations.Migration):
    dependencies = [("bimtek", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
