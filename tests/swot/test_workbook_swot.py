"""The strategic analysis in the masterplan workbook: layout, round trip, preview, apply."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from masterplan.workbook import importer
from masterplan.workbook.export import build_workbook
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
)
from swot.workbook.sasaran_sheet import SasaranSheet

from ..masterplan.workbook_helpers import (
    BIG_NUMBER,
    ROADMAP_SHEETS,
    cell_values,
    edit,
    export_bytes,
    module_workbook_fixtures,
    row_of,
    timestamp_cells,
)
from .workbook_swot_helpers import (
    SWOT_INJECTIONS,
    TOPIC,
    append_row,
    fill_strategic,
    governance,
    item,
    strategy,
    swot_state,
    target_column,
)

pytestmark = pytest.mark.django_db

STANDARD_SHEETS = ["SWOT Governance", "SWOT Branding", "SWOT Economy", "SWOT Living", "SWOT Society",
                   "SWOT Environment", "SWOT Struktur", "SWOT Infrastruktur", "SWOT Suprastruktur"]


def build_masterplan(world):
    return fill_strategic(world.masterplans["own"], world.masterplans["other"], world.user("anggota"))


def apply(masterplan, content, user=None):
    diff = importer.preview(masterplan, content)
    importer.apply(masterplan, content, user, diff.digest)
    return diff


filled, exported, world, masterplan = module_workbook_fixtures(build_masterplan)


def changes_of(diff, title):
    sheet = next(s for s in diff.changed_sheets if s.sheet.title == title)
    return {change.key: change for change in sheet.changes}


def fields(change):
    return [(f.label, f.old_display, f.new_display) for f in change.fields]


# --- export ----------------------------------------------------------------------------------

def test_strategic_sheets_follow_the_readiness_sheets(exported, masterplan):
    names = load_workbook(io.BytesIO(exported)).sheetnames
    assert names[names.index("Daya Saing") + 1:] == (
        STANDARD_SHEETS + ["SWOT Topik 1", "Kesenjangan", "Visi Misi", "Sasaran"] + ROADMAP_SHEETS)
    assert all(len(name) <= 31 for name in names) and len(set(names)) == len(names)


def test_worksheet_is_laid_out_as_lampiran_ii_with_a_list_below(exported, masterplan):
    ws = load_workbook(io.BytesIO(exported))["SWOT Governance"]
    assert ws.column_dimensions["A"].hidden
    assert ws["B1"].value == "Lampiran II Kertas Kerja Analisis SWOT — Smart Governance"
    grid = [[c.value for c in row][1:4] for row in ws.iter_rows(min_row=4, max_row=17)]
    assert grid[0] == ["Faktor Internal / Faktor Eksternal", "Kekuatan (S)", "Kelemahan (W)"]
    assert grid[1][1].startswith("S1 Layanan kepegawaian") and grid[1][2].startswith("W1 Monitoring")
    assert grid[5] == ["Peluang (O)", "Strategi Peluang dan Kekuatan (SO)",
                       "Strategi Kelemahan dan Peluang (WO)"]
    assert grid[6][0].startswith("O1 Kebijakan nasional SPBE")
    assert grid[6][1].startswith("SO1 [S3, S4, O1] Membangun platform integrasi")
    assert grid[6][2].startswith("WO1 [W1, O3] Menggandeng perguruan tinggi")
    assert grid[9][0] == "O4 =SUM(A1) peluang"
    assert grid[10] == ["Ancaman (T)", "Strategi Ancaman dan Kekuatan (ST)",
                        "Strategi Kelemahan dan Ancaman (WT)"]
    header = row_of(ws, "#daftar")
    assert [c.value for c in ws[header]][1:6] == ["Jenis", "Kode", "Uraian", "Butir yang dipadukan",
                                                  "Bukti (komponen kesiapan)"]
    first = governance(masterplan).items.get(factor="S", position=0)
    assert [c.value for c in ws[header + 1]] == [
        f"i{first.pk}", "Kekuatan", "S1", first.text, None, "II.3 no 18"]
    injected = item(governance(masterplan), "O4")
    assert [c.value for c in ws[row_of(ws, f"i{injected.pk}")]][1:] == [
        "Peluang", "O4", "=SUM(A1) peluang", None, "II.2 + Jumlah komunitas TIK"]
    so1 = strategy(governance(masterplan), "SO1")
    assert [c.value for c in ws[row_of(ws, f"s{so1.pk}")]][1:5] == [
        "Strategi SO", "SO1", so1.text, "S3, S4, O1"]


def test_gap_vision_and_sasaran_sheets(exported, masterplan):
    workbook = load_workbook(io.BytesIO(exported))
    gap = workbook["Kesenjangan"]
    assert gap["B1"].value == "Tabel II.11 Alat Analisis Kesenjangan Smart City"
    assert [c.value for c in gap[2]][1:] == [
        "No", "Dimensi/Elemen kesiapan", "Kondisi masa yang akan datang (to be)",
        "Kondisi saat ini (as is)", "Strategi, program kerja dan langkah aksi", "Strategi TOWS",
        "Komponen kesiapan"]
    row = GapRow.objects.get(to_be="=1+1")
    assert [c.value for c in gap[row_of(gap, f"g{row.pk}")]][1:] == [
        11, "Smart Governance", "=1+1", "Belum ada", "@aksi",
        f"Governance WO1\n{TOPIC} SO1", "II.2 + Jumlah komunitas TIK"]
    vision = workbook["Visi Misi"]
    statement = vision[row_of(vision, "v:statement")]
    assert statement[1].value == "Pernyataan visi smart city"
    assert statement[2].value == Vision.objects.get(masterplan=masterplan).statement
    assert [c.value for c in vision[row_of(vision, "#misi")]][1:3] == ["No", "Misi"]
    mission = Mission.objects.get(text__startswith="-Misi")
    assert [c.value for c in vision[row_of(vision, f"m{mission.pk}")]][1:3] == [6, "-Misi dengan tanda minus"]
    assert [c.value for c in vision[row_of(vision, "c:criterion:1")]][3] == "✓"
    assert [c.value for c in vision[row_of(vision, "#syarat")]][1:5] == [
        "No", "Syarat visi yang baik", "Terpenuhi", "Alasan singkat"]
    sasaran = workbook["Sasaran"]
    assert [c.value for c in sasaran[2]][1:4] == ["Dimensi", "Sasaran", "Kriteria sasaran"]
    assert [c.value for c in sasaran[3]][3:9] == ["Specific", "Measurable", "Appropriate", "Relevant",
                                                 "Continuously improved", "Cost-effective"]
    assert [c.value for c in sasaran[3]][16:] == list(range(2026, 2036))  # 2040 is outside the period
    indicator = Indicator.objects.get(name="Indeks besar")
    values = [c.value for c in sasaran[row_of(sasaran, f"n{indicator.pk}")]]
    assert values[9:13] + values[14:16] == ["Indeks besar", "rupiah", "turun", 2024, "@BPS", "=catatan"]
    assert values[16:] == [None] * 9 + [12.5]


def test_texts_that_look_like_formulas_are_literal_strings(exported, masterplan):
    content = exported
    workbook = load_workbook(io.BytesIO(content))
    found = {}
    for title in STANDARD_SHEETS + ["SWOT Topik 1", "Kesenjangan", "Visi Misi", "Sasaran"]:
        for row in workbook[title].iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    found[cell.value] = cell
    for text in SWOT_INJECTIONS:
        assert found[text].data_type == "s", text
        assert found[text].quotePrefix, text
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def test_round_trip_reports_no_change_and_exports_the_same(exported, masterplan):
    first = exported
    diff = importer.preview(masterplan, first)
    assert diff.is_empty, [(s.sheet.title, c.key, fields(c)) for s in diff.sheets for c in s.changes]
    before = swot_state(masterplan)
    importer.apply(masterplan, first, None, diff.digest)
    assert swot_state(masterplan) == before
    second = export_bytes(masterplan)
    skip = timestamp_cells(first)
    assert cell_values(first, skip) == cell_values(second, skip)
    indicator = Indicator.objects.get(name="Indeks besar")
    assert (indicator.baseline_value, indicator.note, indicator.data_source) == (BIG_NUMBER, "=catatan", "@BPS")
    assert IndicatorTarget.objects.get(indicator=indicator, year=2040).value == 1  # left alone


def test_export_queries_do_not_grow_with_the_strategic_analysis(masterplan, world):
    def count():
        with CaptureQueriesContext(connection) as queries:
            build_workbook(masterplan)
        return len(queries)
    before = count()
    sheet = governance(masterplan)
    entries = list(masterplan.readiness_entries.all()[:5])
    for n in range(12):
        new = worksheets.add_item(sheet, factor="T", text=f"Ancaman baru {n}", evidence=entries)
        worksheets.add_strategy(sheet, quadrant="ST", text=f"Strategi baru {n}",
                                items=[item(sheet, "S1"), new])
    for n in range(8):
        row = GapRow.objects.create(masterplan=masterplan, position=20 + n, to_be=f"To be {n}", as_is="x",
                                    action="y", dimension=sheet.dimension)
        row.strategies.set(Strategy.objects.filter(worksheet=sheet)[:3])
        row.evidence.set(entries)
        Mission.objects.create(masterplan=masterplan, position=10 + n, text=f"Misi {n}")
        sasaran = Sasaran.objects.create(masterplan=masterplan, dimension=sheet.dimension, text=f"S {n}")
        indicator = Indicator.objects.create(sasaran=sasaran, name=f"I {n}")
        IndicatorTarget.objects.create(indicator=indicator, year=2030, value=n)
    worksheets.add_topic_worksheet(masterplan, "Topik kedua")  # a sheet more, no query more
    assert count() == before
    assert "SWOT Topik 2" in load_workbook(io.BytesIO(export_bytes(masterplan))).sheetnames


# --- preview and apply -----------------------------------------------------------------------

def edit_everything(masterplan, content=None):
    """An export with something added, changed and removed in every strategic sheet."""
    gov = governance(masterplan)
    s1, t3 = item(gov, "S1"), item(gov, "T3")
    st1 = strategy(gov, "ST1")
    gap_first, gap_second = GapRow.objects.filter(masterplan=masterplan).order_by("position")[:2]
    mission = Mission.objects.filter(masterplan=masterplan).order_by("position")[1]
    indicator = Indicator.objects.get(name="Indeks besar")
    sasaran = indicator.sasaran
    doomed = Indicator.objects.exclude(pk=indicator.pk).filter(sasaran=sasaran).first()

    def change(workbook):
        ws = workbook["SWOT Governance"]
        ws.cell(row=row_of(ws, f"i{s1.pk}"), column=4, value="SIMPEG terintegrasi penuh")
        ws.delete_rows(row_of(ws, f"s{st1.pk}"))
        ws.delete_rows(row_of(ws, f"i{t3.pk}"))
        append_row(ws, {2: "Ancaman", 3: "T9", 4: "Ransomware pada pusat data", 6: "II.3 no 12; II.3 no 13"})
        append_row(ws, {3: "ST2", 4: "Pusat operasi keamanan siber kota", 5: "S3, T9"})
        gap = workbook["Kesenjangan"]
        gap.cell(row=row_of(gap, f"g{gap_first.pk}"), column=5, value="Kondisi baru")
        gap.cell(row=row_of(gap, f"g{gap_first.pk}"), column=7, value="Governance SO1; Governance ST2")
        gap.delete_rows(row_of(gap, f"g{gap_second.pk}"))
        append_row(gap, {3: "Struktur", 4: "ASN cakap data", 5: "Belum", 6: "Pelatihan", 7: "Struktur WO1",
                         8: "II.2 no 1"})
        vision = workbook["Visi Misi"]
        vision.cell(row=row_of(vision, "v:statement"), column=3, value="Bandung 2035: kota cerdas")
        vision.delete_rows(row_of(vision, f"m{mission.pk}"))
        vision.cell(row=row_of(vision, "#kriteria") - 2, column=3, value="Misi baru dari buku kerja")
        vision.cell(row=row_of(vision, "c:quality:7"), column=4).value = None
        sheet = workbook["Sasaran"]
        line = row_of(sheet, f"n{indicator.pk}")
        sheet.cell(row=line, column=target_column(2027), value="1.250,5")
        sheet.cell(row=line, column=target_column(2035)).value = None
        sheet.delete_rows(row_of(sheet, f"n{doomed.pk}"))
        line = row_of(sheet, f"n{indicator.pk}")
        sheet.insert_rows(line)  # a new indicator just above it
        sheet.cell(row=line, column=10, value="Indikator baru")
        sheet.cell(row=line, column=12, value="naik")
        sheet.cell(row=line, column=target_column(2030), value=7)
    return edit(export_bytes(masterplan) if content is None else content, change), locals()


def test_preview_lists_added_changed_and_removed_rows(exported, masterplan):
    content, seen = edit_everything(masterplan, exported)
    before = swot_state(masterplan)
    diff = importer.preview(masterplan, content)
    assert swot_state(masterplan) == before  # a preview saves nothing
    assert [s.sheet.title for s in diff.changed_sheets] == [
        "SWOT Governance", "Kesenjangan", "Visi Misi", "Sasaran"]
    swot = changes_of(diff, "SWOT Governance")
    assert fields(swot[f"i{seen['s1'].pk}"]) == [
        ("Uraian", seen["s1"].text, "SIMPEG terintegrasi penuh")]
    assert swot[f"i{seen['t3'].pk}"].kind == importer.REMOVED
    assert swot[f"s{seen['st1'].pk}"].kind == importer.REMOVED
    added = [c for c in swot.values() if c.kind == importer.ADDED]
    assert [(c.label, fields(c)) for c in added] == [
        ("T3 Ransomware pada pusat data", [("Kode", "", "T3"), ("Uraian", "", "Ransomware pada pusat data"),
                                           ("Bukti (komponen kesiapan)", "", "II.3 no 12\nII.3 no 13")]),
        ("ST1 Pusat operasi keamanan siber kota", [
            ("Kode", "", "ST1"), ("Uraian", "", "Pusat operasi keamanan siber kota"),
            ("Butir yang dipadukan", "", "S3, T3")]),
    ]
    gap = changes_of(diff, "Kesenjangan")
    assert fields(gap[f"g{seen['gap_first'].pk}"]) == [
        ("Kondisi saat ini (as is)", seen["gap_first"].as_is, "Kondisi baru"),
        ("Strategi TOWS", "Governance SO1", "Governance SO1\nGovernance ST1")]
    assert gap[f"g{seen['gap_second'].pk}"].kind == importer.REMOVED
    new_gap = next(c for c in gap.values() if c.kind == importer.ADDED)
    assert ("Dimensi/Elemen kesiapan", "", "Kesiapan Struktur") in fields(new_gap)
    assert ("Strategi TOWS", "", "Struktur WO1") in fields(new_gap)
    vision = changes_of(diff, "Visi Misi")
    assert fields(vision["v:statement"])[0][2] == "Bandung 2035: kota cerdas"
    assert vision[f"m{seen['mission'].pk}"].kind == importer.REMOVED
    assert fields(vision["c:quality:7"]) == [("Terpenuhi", "Ya", "")]
    new_mission = next(c for c in vision.values() if c.kind == importer.ADDED)
    assert ("Misi", "", "Misi baru dari buku kerja") in fields(new_mission)
    sasaran = changes_of(diff, "Sasaran")
    assert fields(sasaran[f"n{seen['indicator'].pk}"]) == [
        ("Target 2027", "", "1.250,5"), ("Target 2035", "12,5", "")]
    assert sasaran[f"n{seen['doomed'].pk}"].kind == importer.REMOVED
    new_indicator = next(c for c in sasaran.values() if c.kind == importer.ADDED)
    assert ("Target 2030", "", "7") in fields(new_indicator)


def test_apply_saves_everything_and_bumps_versions(exported, masterplan, world):
    anggota = world.user("anggota")
    content, seen = edit_everything(masterplan, exported)
    gov = governance(masterplan)
    untouched = item(gov, "S2")
    apply(masterplan, content, anggota)

    s1 = SwotItem.objects.get(pk=seen["s1"].pk)
    assert (s1.text, s1.version, s1.updated_by) == ("SIMPEG terintegrasi penuh", seen["s1"].version + 1, anggota)
    assert SwotItem.objects.get(pk=untouched.pk).version == untouched.version
    assert not SwotItem.objects.filter(pk=seen["t3"].pk).exists()
    new_threat = item(gov, "T3")
    assert new_threat.text == "Ransomware pada pusat data" and new_threat.updated_by == anggota
    assert sorted(e.component.number for e in new_threat.evidence.all()) == [12, 13]
    new_strategy = strategy(gov, "ST1")
    assert new_strategy.text == "Pusat operasi keamanan siber kota"
    assert {i.code for i in new_strategy.items.all()} == {"S3", "T3"}
    # The gap row cites the strategy created by the same import, from another sheet.
    gap_first = GapRow.objects.get(pk=seen["gap_first"].pk)
    assert gap_first.as_is == "Kondisi baru" and gap_first.version == seen["gap_first"].version + 1
    assert set(gap_first.strategies.all()) == {strategy(gov, "SO1"), new_strategy}
    assert not GapRow.objects.filter(pk=seen["gap_second"].pk).exists()
    new_gap = GapRow.objects.get(to_be="ASN cakap data")
    assert new_gap.readiness_element.code == "structure" and new_gap.dimension is None
    assert [s.code for s in new_gap.strategies.all()] == ["WO1"]
    assert list(GapRow.objects.filter(masterplan=masterplan).order_by("position", "pk")
                .values_list("position", flat=True)) == list(range(11))
    vision = Vision.objects.get(masterplan=masterplan)
    assert vision.statement == "Bandung 2035: kota cerdas" and vision.updated_by == anggota
    assert list(Mission.objects.filter(masterplan=masterplan).order_by("position")
                .values_list("position", "text"))[-2:] == [
        (4, "-Misi dengan tanda minus"), (5, "Misi baru dari buku kerja")]
    assert not VisionCheck.objects.get(masterplan=masterplan, kind="quality", number=7).met
    indicator = Indicator.objects.get(pk=seen["indicator"].pk)
    assert indicator.version == seen["indicator"].version + 1  # its targets changed, as in its form
    assert dict(indicator.targets.values_list("year", "value")) == {2027: Decimal("1250.5"), 2040: 1}
    new_indicator = Indicator.objects.get(name="Indikator baru")
    assert (new_indicator.sasaran, new_indicator.direction) == (seen["sasaran"], "naik")
    assert dict(new_indicator.targets.values_list("year", "value")) == {2030: 7}
    assert list(Indicator.objects.filter(sasaran=seen["sasaran"]).order_by("position")
                .values_list("name", flat=True))[-2:] == ["Indikator baru", "Indeks besar"]
    assert importer.preview(masterplan, export_bytes(masterplan)).is_empty


def test_deleting_an_item_renumbers_its_box_without_relinking(exported, masterplan):
    """O2 goes: O3 and O4 become O2 and O3; strategies citing them keep their items."""
    gov = governance(masterplan)
    o2, o3 = item(gov, "O2"), item(gov, "O3")
    so2, wo1 = strategy(gov, "SO2"), strategy(gov, "WO1")  # SO2 [S1, S2, O2], WO1 [W1, O3]

    def change(workbook):
        ws = workbook["SWOT Governance"]
        ws.delete_rows(row_of(ws, f"i{o2.pk}"))
        ws.cell(row=row_of(ws, f"s{so2.pk}"), column=5, value="S1, S2, O1")
    content = edit(exported, change)
    diff = importer.preview(masterplan, content)
    swot = changes_of(diff, "SWOT Governance")
    assert fields(swot[f"i{o3.pk}"]) == [("Kode", "O3", "O2")]
    assert fields(swot[f"s{wo1.pk}"]) == [("Butir yang dipadukan", "W1, O3", "W1, O2")]
    assert fields(swot[f"s{so2.pk}"]) == [("Butir yang dipadukan", "S1, S2, O2", "S1, S2, O1")]
    importer.apply(masterplan, content, None, diff.digest)
    assert SwotItem.objects.get(pk=o3.pk).position == 1
    assert SwotItem.objects.get(pk=o3.pk).version == o3.version  # moved, not edited
    assert Strategy.objects.get(pk=wo1.pk).version == wo1.version
    assert set(Strategy.objects.get(pk=wo1.pk).items.all()) == {item(gov, "W1"), o3}
    assert Strategy.objects.get(pk=so2.pk).version == so2.version + 1
    assert [i.code for i in gov.items.filter(factor="O").order_by("position")] == ["O1", "O2", "O3"]
    assert importer.preview(masterplan, export_bytes(masterplan)).is_empty


def test_topic_worksheet_can_be_renamed(exported, masterplan, world):
    content = edit(exported, lambda wb: wb["SWOT Topik 1"].__setitem__("C2", "Wisata halal"))
    diff = apply(masterplan, content, world.user("ketua"))
    assert [fields(c) for c in diff.changed_sheets[0].changes] == [[("Topik", TOPIC, "Wisata halal")]]
    sheet = masterplan.worksheets.get(title="Wisata halal")
    assert sheet.updated_by == world.user("ketua")
    assert not masterplan.worksheets.filter(title=TOPIC).exists()
    gap = load_workbook(io.BytesIO(export_bytes(masterplan)))["Kesenjangan"]
    assert "Wisata halal SO1" in [c.value for c in gap[row_of(gap, f"g{GapRow.objects.get(to_be='=1+1').pk}")]][6]


def test_a_failure_in_a_later_sheet_rolls_back_the_earlier_ones(exported, masterplan, monkeypatch):
    content, _seen = edit_everything(masterplan, exported)
    diff = importer.preview(masterplan, content)
    before = swot_state(masterplan)

    def fail(self, *args):
        from masterplan.workbook.base import StaleData
        raise StaleData("someone saved an indicator meanwhile")
    monkeypatch.setattr(SasaranSheet, "apply", fail)
    with pytest.raises(importer.StalePreview):
        importer.apply(masterplan, content, None, diff.digest)
    assert swot_state(masterplan) == before


def test_an_item_changed_meanwhile_stops_the_import(exported, masterplan):
    content, seen = edit_everything(masterplan, exported)
    diff = importer.preview(masterplan, content)
    # Someone else edits S1 after the preview: the file would now overwrite their text.
    SwotItem.objects.filter(pk=seen["s1"].pk).update(text="Diubah orang lain", version=seen["s1"].version + 1)
    before = swot_state(masterplan)
    with pytest.raises(importer.StalePreview) as stale:
        importer.apply(masterplan, content, None, diff.digest)
    assert fields(changes_of(stale.value.diff, "SWOT Governance")[f"i{seen['s1'].pk}"]) == [
        ("Uraian", "Diubah orang lain", "SIMPEG terintegrasi penuh")]
    assert swot_state(masterplan) == before
    assert SwotItem.objects.get(pk=seen["s1"].pk).text == "Diubah orang lain"


def test_the_grid_may_repeat_what_the_list_says(exported, masterplan):
    """The grid is not read; a grid cell tidied to agree with the list is no error."""
    s1 = item(governance(masterplan), "S1")

    def change(workbook):
        ws = workbook["SWOT Governance"]
        ws.cell(row=row_of(ws, f"i{s1.pk}"), column=4, value="SIMPEG terintegrasi penuh")
        ws["C5"] = "S1 SIMPEG terintegrasi penuh"
    diff = importer.preview(masterplan, edit(exported, change))
    assert [fields(c) for c in diff.changed_sheets[0].changes] == [
        [("Uraian", s1.text, "SIMPEG terintegrasi penuh")]]
