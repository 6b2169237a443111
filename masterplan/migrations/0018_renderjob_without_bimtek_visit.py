"""A Bimtek report's render job is linked to its visit by Bimtek's own ReportRender (copied there
by bimtek's 0005, which runs first); the core's job no longer names the visit."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("masterplan", "0017_render_documents"),
    ]

    operations = [
        migrations.RemoveField(model_name="renderjob", name="bimtek_visit"),
    ]
