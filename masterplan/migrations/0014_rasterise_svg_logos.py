"""SVG cover logos are no longer kept. Drawing the stored ones to PNG moved with the cover to the
books app (books/migrations/0002_rasterise_svg_logos.py, which does it again harmlessly where it
was done here), so the core's migrations call no app built on the core."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("masterplan", "0013_renderjob_worker")]

    operations = []
