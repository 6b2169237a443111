"""Give existing masterplans the strategic-analysis rows that new masterplans get when they start
(services.ensure_rows): nine worksheets, the vision and its checklist rows, so the pages only
read. Idempotent; historical models only."""

from django.db import migrations


def create_rows(Masterplan, Dimension, ReadinessElement, Worksheet, Vision, VisionCheck, guide):
    for masterplan in Masterplan.objects.select_related("edition"):
        worksheets = Worksheet.objects.filter(masterplan=masterplan)
        have_dimensions = set(worksheets.exclude(dimension=None)
                              .values_list("dimension_id", flat=True))
        have_elements = set(worksheets.exclude(readiness_element=None)
                            .values_list("readiness_element_id", flat=True))
        new = [Worksheet(masterplan=masterplan, kind="dimension", dimension=dimension,
                         order=dimension.number)
               for dimension in Dimension.objects.filter(edition=masterplan.edition_id)
               .exclude(pk__in=have_dimensions)]
        new += [Worksheet(masterplan=masterplan, kind="readiness", readiness_element=element,
                          order=10 + element.number)
                for element in ReadinessElement.objects.filter(edition=masterplan.edition_id)
                .exclude(pk__in=have_elements)]
        Worksheet.objects.bulk_create(new)
        Vision.objects.get_or_create(masterplan=masterplan)
        vision = guide(masterplan.edition.code)["vision"]
        wanted = ([("criterion", item["no"]) for item in vision["statement_criteria"]]
                  + [("quality", item["no"]) for item in vision["good_vision_qualities"]])
        have = set(VisionCheck.objects.filter(masterplan=masterplan)
                   .values_list("kind", "number"))
        VisionCheck.objects.bulk_create([
            VisionCheck(masterplan=masterplan, kind=kind, number=number)
            for kind, number in wanted if (kind, number) not in have])


def forwards(apps, schema_editor):
    from masterplan.guide import guide

    create_rows(*(apps.get_model(*name.split(".")) for name in (
        "masterplan.Masterplan", "masterplan.Dimension", "readiness.ReadinessElement",
        "swot.Worksheet", "swot.Vision", "swot.VisionCheck")), guide)


class Migration(migrations.Migration):
    dependencies = [("swot", "0003_text_limits"), ("readiness", "0005_masterplan_rows")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
