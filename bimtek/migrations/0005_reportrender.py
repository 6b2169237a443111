"""A report's render job is linked to its visit by Bimtek's own ReportRender instead of the core's
RenderJob.bimtek_visit: every existing link is copied (and its job named a report's) before
masterplan's 0018 removes that field."""

import django.db.models.deletion
from django.db import migrations, models


def copy_links(apps, schema_editor):
    RenderJob = apps.get_model("masterplan", "RenderJob")
    ReportRender = apps.get_model("bimtek", "ReportRender")
    jobs = RenderJob.objects.filter(bimtek_visit__isnull=False)
    ReportRender.objects.bulk_create(
        [ReportRender(job_id=job_id, visit_id=visit_id)
         for job_id, visit_id in jobs.values_list("pk", "bimtek_visit_id")],
        batch_size=500)
    jobs.update(kind="bimtek_report")


def copy_links_back(apps, schema_editor):
    RenderJob = apps.get_model("masterplan", "RenderJob")
    for job_id, visit_id in apps.get_model("bimtek", "ReportRender").objects.values_list(
            "job_id", "visit_id"):
        RenderJob.objects.filter(pk=job_id).update(bimtek_visit_id=visit_id)


class Migration(migrations.Migration):

    dependencies = [
        ("bimtek", "0004_masterplan_visits"),
        ("masterplan", "0017_render_documents"),
    ]
    run_before = [("masterplan", "0018_renderjob_without_bimtek_visit")]

    operations = [
        migrations.CreateModel(
            name="ReportRender",
            fields=[
                ("job", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name="bimtek_report", serialize=False, to="masterplan.renderjob")),
                ("visit", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="report_renders", to="bimtek.visit", verbose_name="laporan Bimtek")),
            ],
            options={
                "ordering": ["-job"],
            },
        ),
        migrations.RunPython(copy_links, copy_links_back),
    ]
