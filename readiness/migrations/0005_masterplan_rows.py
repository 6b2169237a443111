"""Give existing masterplans the readiness rows that new masterplans get when they start
(services.ensure_rows): one entry per catalogue component, one assessment per dimension element
and the outlook analysis, so the pages only read. Idempotent; historical models only."""

from django.db import migrations


def create_rows(Masterplan, Component, DimensionElement, ReadinessEntry, PerformanceAssessment,
                OutlookAnalysis):
    for masterplan in Masterplan.objects.all():
        have = set(ReadinessEntry.objects.filter(masterplan=masterplan, component__isnull=False)
                   .values_list("component_id", flat=True))
        ReadinessEntry.objects.bulk_create([
            ReadinessEntry(masterplan=masterplan, component_id=pk, sub_area_id=sub_area_id)
            for pk, sub_area_id in Component.objects.filter(
                sub_area__element__edition=masterplan.edition_id).exclude(pk__in=have)
            .values_list("pk", "sub_area_id")])
        assessed = set(PerformanceAssessment.objects.filter(masterplan=masterplan)
                       .values_list("element_id", flat=True))
        PerformanceAssessment.objects.bulk_create([
            PerformanceAssessment(masterplan=masterplan, element_id=pk)
            for pk in DimensionElement.objects.filter(dimension__edition=masterplan.edition_id)
            .exclude(pk__in=assessed).values_list("pk", flat=True)])
        OutlookAnalysis.objects.get_or_create(masterplan=masterplan)


def forwards(apps, schema_editor):
    create_rows(*(apps.get_model(*name.split(".")) for name in (
        "masterplan.Masterplan", "readiness.Component", "masterplan.DimensionElement",
        "readiness.ReadinessEntry", "readiness.PerformanceAssessment",
        "readiness.OutlookAnalysis")))


class Migration(migrations.Migration):
    dependencies = [("readiness", "0004_text_limits"), ("masterplan", "0016_masterplan_rows")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
