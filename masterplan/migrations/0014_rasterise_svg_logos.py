"""SVG cover logos are no longer kept: draw the stored ones to PNG (see books/cover.py)."""

from django.db import migrations


def rasterise(apps, schema_editor):
    from masterplan.books.cover import convert_svg_logos

    convert_svg_logos(apps.get_model("masterplan", "BookCover").objects.all())


class Migration(migrations.Migration):
    dependencies = [("masterplan", "0013_renderjob_worker")]

    operations = [migrations.RunPython(rasterise, migrations.RunPython.noop)]
