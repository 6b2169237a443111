"""Give existing masterplans the narrative sections and cover that new masterplans get when they
start (books.services.ensure_rows), so the pages only read. Idempotent; historical models only.
"""

from django.db import migrations

# The narrative keys at the time of this migration (books/narrative.py), before the strategy
# narratives, which are one per dimension of the edition.
BASE_KEYS = ["sambutan_kepala_daerah", "sambutan_sekretaris_dewan", "latar_belakang", "tujuan",
             "landasan_hukum", "kerangka_pikir", "literasi"]
TAIL_KEYS = ["penutup", "ringkasan_latar_belakang"]


def create_rows(Masterplan, NarrativeSection, BookCover, guide):
    for masterplan in Masterplan.objects.select_related("edition"):
        code = masterplan.edition.code
        keys = (BASE_KEYS + [f"strategi_{d['code']}" for d in guide(code)["dimensions"]]
                + TAIL_KEYS)
        have = set(NarrativeSection.objects.filter(masterplan=masterplan)
                   .values_list("key", flat=True))
        legal = "\n".join(f"{n}. {item['text']}"
                          for n, item in enumerate(guide(code)["legal_basis"], start=1))
        NarrativeSection.objects.bulk_create([
            NarrativeSection(masterplan=masterplan, key=key,
                             text=legal if key == "landasan_hukum" else "")
            for key in keys if key not in have])
        BookCover.objects.get_or_create(masterplan=masterplan, defaults={
            "title": masterplan.title, "year": masterplan.start_year})


def forwards(apps, schema_editor):
    from masterplan.guide import guide

    create_rows(apps.get_model("masterplan", "Masterplan"),
                apps.get_model("masterplan", "NarrativeSection"),
                apps.get_model("masterplan", "BookCover"), guide)


class Migration(migrations.Migration):
    dependencies = [("masterplan", "0015_text_limits")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
