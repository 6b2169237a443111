"""Shared by the SWOT workbook tests: a fully filled strategic analysis and its database state."""

from decimal import Decimal

from demo import swot as demo_swot
from demo import targets as demo_targets
from swot import worksheets
from swot.models import (
    GapRow,
    Indicator,
    IndicatorTarget,
    Mission,
    Sasaran,
    Strategy,
    SwotItem,
    Vision,
    VisionCheck,
    Worksheet,
)

from ..masterplan.workbook_helpers import BIG_NUMBER, db_state, fill

TOPIC = "Pariwisata Halal"
# Texts a spreadsheet would take for formulas, one per part of the strategic analysis.
SWOT_INJECTIONS = ["=SUM(A1) peluang", "+62 22 4230000 layanan aduan", "-5 derajat suhu", "@x kelemahan",
                   '=HYPERLINK("http://contoh.invalid")', "=1+1", "@aksi", "-Misi dengan tanda minus",
                   "+ faktor eksternal", "=catatan", "@BPS"]


def governance(masterplan):
    return Worksheet.objects.get(masterplan=masterplan, dimension__code="governance")


def topic(masterplan):
    return Worksheet.objects.get(masterplan=masterplan, title=TOPIC)


def item(worksheet, code):
    return SwotItem.objects.get(worksheet=worksheet, factor=code[0], position=int(code[1:]) - 1)


def strategy(worksheet, code):
    return Strategy.objects.get(worksheet=worksheet, quadrant=code[:2], position=int(code[2:]) - 1)


def fill_strategic(masterplan, other, user=None):
    """The readiness workbook's data (tests/masterplan/workbook_helpers.fill), the demo's SWOT
    worksheets, gap rows, vision, missions, checklists and sasaran, a topic worksheet, and texts
    that look like formulas in every sheet."""
    fill(masterplan, user)
    demo_swot.seed(masterplan, other)
    demo_targets.seed(masterplan, other)
    extra = masterplan.readiness_entries.get(extra_text="Jumlah komunitas TIK")
    worksheets.add_item(governance(masterplan), factor="O", text="=SUM(A1) peluang", evidence=[extra])
    sheet = worksheets.add_topic_worksheet(masterplan, TOPIC, user)
    strength = worksheets.add_item(sheet, factor="S", text="+62 22 4230000 layanan aduan",
                                   evidence=[masterplan.readiness_entries.get(
                                       sub_area__code="human_resources", component__number=1)])
    weakness = worksheets.add_item(sheet, factor="W", text="@x kelemahan")
    opportunity = worksheets.add_item(sheet, factor="O", text="-5 derajat suhu")
    threat = worksheets.add_item(sheet, factor="T", text="Persaingan destinasi")
    worksheets.add_strategy(sheet, quadrant="SO", text='=HYPERLINK("http://contoh.invalid")',
                            items=[strength, opportunity])
    worksheets.add_strategy(sheet, quadrant="WT", text="Sertifikasi halal bersama",
                            items=[weakness, threat])
    row = GapRow.objects.create(masterplan=masterplan, position=10, to_be="=1+1", as_is="Belum ada",
                                action="@aksi", dimension=governance(masterplan).dimension)
    row.strategies.set([strategy(sheet, "SO1"), strategy(governance(masterplan), "WO1")])
    row.evidence.set([extra])
    Mission.objects.create(masterplan=masterplan, position=5, text="-Misi dengan tanda minus")
    Vision.objects.filter(masterplan=masterplan).update(external_factors="+ faktor eksternal")
    sasaran = Sasaran.objects.filter(masterplan=masterplan).order_by("dimension__number", "position").first()
    indicator = Indicator.objects.create(sasaran=sasaran, position=5, name="Indeks besar", unit="rupiah",
                                         direction="turun", baseline_year=2024, baseline_value=BIG_NUMBER,
                                         data_source="@BPS", note="=catatan")
    IndicatorTarget.objects.create(indicator=indicator, year=2035, value=Decimal("12.5"))
    IndicatorTarget.objects.create(indicator=indicator, year=2040, value=Decimal("1"))  # outside the period
    return masterplan


def swot_state(masterplan):
    """Everything the strategic sheets could change (with versions), plus the readiness state."""
    def rows(queryset):
        return list(queryset.order_by("pk").values_list())
    return (
        rows(Worksheet.objects.filter(masterplan=masterplan)),
        rows(SwotItem.objects.filter(worksheet__masterplan=masterplan)),
        rows(SwotItem.evidence.through.objects.filter(swotitem__worksheet__masterplan=masterplan)),
        rows(Strategy.objects.filter(worksheet__masterplan=masterplan)),
        rows(Strategy.items.through.objects.filter(strategy__worksheet__masterplan=masterplan)),
        rows(GapRow.objects.filter(masterplan=masterplan)),
        rows(GapRow.evidence.through.objects.filter(gaprow__masterplan=masterplan)),
        rows(GapRow.strategies.through.objects.filter(gaprow__masterplan=masterplan)),
        rows(Vision.objects.filter(masterplan=masterplan)),
        rows(Mission.objects.filter(masterplan=masterplan)),
        rows(VisionCheck.objects.filter(masterplan=masterplan)),
        rows(Sasaran.objects.filter(masterplan=masterplan)),
        rows(Indicator.objects.filter(sasaran__masterplan=masterplan)),
        rows(IndicatorTarget.objects.filter(indicator__sasaran__masterplan=masterplan)),
        db_state(masterplan),
    )


def list_row(ws, code):
    """The row of the worksheet list holding `code` in its Kode column (C)."""
    for row in range(1, ws.max_row + 1):
        if ws.cell(row=row, column=1).value not in (None, "#daftar", "note") \
                and not str(ws.cell(row=row, column=1).value).startswith(("g:", "ws")) \
                and ws.cell(row=row, column=3).value == code:
            return row
    raise AssertionError(f"no list row {code} in {ws.title}")


def append_row(ws, values):
    """Write {column: value} on the first row after the sheet's last row; returns the row."""
    row = ws.max_row + 1
    for column, value in values.items():
        ws.cell(row=row, column=column, value=value)
    return row


def target_column(year, start=2026):
    return 17 + year - start
