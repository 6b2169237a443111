"""SVG cover logos are no longer kept: draw the stored ones to PNG (see books/cover.py). This was
masterplan's 0014 when the cover belonged to the core; run again where 0014 already did it, it
finds no SVG logo and does nothing."""

from django.db import migrations

from books.cover import convert_svg_logos


def rasterise(apps, schema_editor):
    convert_svg_logos(apps.get_model("books", "BookCover").objects.all())


class Migration(migrations.Migration):
    dependencies = [("books", "0001_initial")]

    operations = [migrations.RunPython(rasterise, migrations.RunPython.noop)]
