"""Give existing masterplans the roadmap rows that new masterplans get when they start
(services.ensure_rows): the guide's regulations and the (empty) Dewan and Tim Pelaksana, so the
pages only read. Idempotent; historical models only."""

from django.db import migrations


def create_rows(Masterplan, Regulation, Institution, guide):
    for masterplan in Masterplan.objects.select_related("edition"):
        have = set(Regulation.objects.filter(masterplan=masterplan).exclude(code="")
                   .values_list("code", flat=True))
        Regulation.objects.bulk_create([
            Regulation(masterplan=masterplan, code=item["code"], title=item["text"],
                       position=item["no"])
            for item in guide(masterplan.edition.code)["regulations"]["items"]
            if item["code"] not in have])
        for kind in ("dewan", "tim"):
            Institution.objects.get_or_create(masterplan=masterplan, kind=kind)


def forwards(apps, schema_editor):
    from masterplan.guide import guide

    create_rows(apps.get_model("masterplan", "Masterplan"), apps.get_model("roadmap", "Regulation"),
                apps.get_model("roadmap", "Institution"), guide)


class Migration(migrations.Migration):
    dependencies = [("roadmap", "0003_text_limits"), ("swot", "0004_masterplan_rows")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
