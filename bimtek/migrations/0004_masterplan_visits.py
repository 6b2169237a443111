"""Give existing masterplans the four Bimtek visits that new masterplans get when they start
(services.ensure_rows), so the pages only read. Idempotent; historical models only."""

from django.db import migrations


def create_rows(Masterplan, Session, Visit):
    for masterplan in Masterplan.objects.all():
        have = set(Visit.objects.filter(masterplan=masterplan)
                   .values_list("session_id", flat=True))
        Visit.objects.bulk_create([
            Visit(masterplan=masterplan, session=session)
            for session in Session.objects.filter(edition=masterplan.edition_id)
            .exclude(pk__in=have)])


def forwards(apps, schema_editor):
    create_rows(apps.get_model("masterplan", "Masterplan"), apps.get_model("bimtek", "Session"),
                apps.get_model("bimtek", "Visit"))


class Migration(migrations.Migration):
    dependencies = [("bimtek", "0003_text_limits"), ("masterplan", "0016_masterplan_rows")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
