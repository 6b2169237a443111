"""Bad strategic sheets are refused with messages naming sheet, row and column; nothing is saved."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from masterplan.models import WorkbookImport
from masterplan.text_limits import limit
from masterplan.workbook import importer
from masterplan.workbook.errors import WorkbookError
from swot import targets, worksheets
from swot.models import GapRow, Indicator, Sasaran, Worksheet

from ..masterplan.workbook_helpers import edit, module_workbook_fixtures, row_of
from .workbook_swot_helpers import (
    append_row,
    fill_strategic,
    governance,
    item,
    strategy,
    swot_state,
    target_column,
)

pytestmark = pytest.mark.django_db

GOV = "Lembar “SWOT Governance”"
GAP = "Lembar “Kesenjangan”"
VISION = "Lembar “Visi Misi”"
SASARAN = "Lembar “Sasaran”"


def build_masterplan(world):
    return fill_strategic(world.masterplans["own"], world.masterplans["other"])


# Each case edits the exported workbook and returns the messages the refusal must contain.

def empty_item(mp, wb):
    ws = wb["SWOT Governance"]
    line = row_of(ws, f"i{item(governance(mp), 'S1').pk}")
    ws.cell(row=line, column=4, value="   ")
    return [f"{GOV}, baris {line}, kolom Uraian: wajib diisi."]


filled, exported, world, masterplan = module_workbook_fixtures(build_masterplan)


def duplicate_item_in_a_box(mp, wb):
    ws = wb["SWOT Governance"]
    first = row_of(ws, f"i{item(governance(mp), 'S1').pk}")
    text = ws.cell(row=first, column=4).value
    line = append_row(ws, {3: "S5", 4: "  " + text.upper().replace(" ", "  ")})
    return [f"{GOV}, baris {line}, kolom Uraian: butir ini sudah ada di kotak Kekuatan (S) sebagai S1 "
            f"(baris {first})."]


def duplicate_strategy_in_a_quadrant(mp, wb):
    ws = wb["SWOT Governance"]
    first = row_of(ws, f"s{strategy(governance(mp), 'SO1').pk}")
    line = append_row(ws, {3: "SO3", 4: ws.cell(row=first, column=4).value, 5: "S1, O1"})
    return [f"{GOV}, baris {line}, kolom Uraian: strategi ini sudah ada di kuadran SO sebagai SO1 "
            f"(baris {first})."]


def duplicate_code(mp, wb):
    ws = wb["SWOT Governance"]
    first = row_of(ws, f"i{item(governance(mp), 'S1').pk}")
    line = append_row(ws, {3: "s1", 4: "Kekuatan baru"})
    return [f"{GOV}, baris {line}, kolom Kode: kode S1 dipakai dua kali (juga baris {first})."]


def unknown_code(mp, wb):
    line = append_row(wb["SWOT Governance"], {2: "Kekuatan", 3: "X1", 4: "Kekuatan baru"})
    return [f"{GOV}, baris {line}, kolom Kode: kode “X1” tidak dikenal; tulis huruf dan nomor, "
            "mis. S1, W2, O3, T1 untuk butir atau SO1, WO1, ST1, WT1 untuk strategi."]


def kind_does_not_match_code(mp, wb):
    line = append_row(wb["SWOT Governance"], {2: "Ancaman", 3: "S9", 4: "Kekuatan baru"})
    return [f"{GOV}, baris {line}, kolom Jenis: jenis “Ancaman” tidak sesuai dengan kode S9 (Kekuatan)."]


def item_moved_to_another_box(mp, wb):
    ws = wb["SWOT Governance"]
    line = row_of(ws, f"i{item(governance(mp), 'T3').pk}")
    ws.cell(row=line, column=3, value="O9")
    return [f"{GOV}, baris {line}, kolom Kode: butir T3 tidak dapat dipindah ke kotak lain (O9); hapus "
            "barisnya lalu tambahkan baris baru tanpa kunci."]


def strategy_citing_an_item_not_in_the_sheet(mp, wb):
    line = append_row(wb["SWOT Governance"], {3: "SO3", 4: "Strategi baru", 5: "S1, O9"})
    return [f"{GOV}, baris {line}, kolom Butir yang dipadukan: butir O9 tidak ada di kertas kerja ini; "
            "strategi hanya memadukan butir dari kolom Kode lembar yang sama (bukan dari kertas kerja "
            "atau wilayah lain)."]


def strategy_citing_a_deleted_item(mp, wb):
    ws = wb["SWOT Governance"]
    ws.delete_rows(row_of(ws, f"i{item(governance(mp), 'S3').pk}"))  # SO1 [S3, S4, O1], ST1 [S3, T1]
    so1 = row_of(ws, f"s{strategy(governance(mp), 'SO1').pk}")
    st1 = row_of(ws, f"s{strategy(governance(mp), 'ST1').pk}")
    return [f"{GOV}, baris {line}, kolom Butir yang dipadukan: butir S3 tidak ada di kertas kerja ini; "
            "strategi hanya memadukan butir dari kolom Kode lembar yang sama (bukan dari kertas kerja "
            "atau wilayah lain)." for line in (so1, st1)]


def strategy_row_of_another_worksheet(mp, wb):
    branding = Worksheet.objects.get(masterplan=mp, dimension__code="branding")
    key = f"s{strategy(branding, 'SO1').pk}"
    line = append_row(wb["SWOT Governance"], {1: key, 3: "SO3", 4: "Strategi tempelan", 5: "S1, O1"})
    return [f"{GOV}, baris {line}, kolom Kode: baris tidak dikenal (kunci “{key}” di kolom A); jangan "
            "ubah kolom kunci."]


def item_row_of_another_region(mp, wb):
    other = Worksheet.objects.exclude(masterplan=mp).get(dimension__code="governance")
    foreign = worksheets.add_item(other, factor="S", text="Butir wilayah lain")
    line = append_row(wb["SWOT Governance"], {1: f"i{foreign.pk}", 3: "S9", 4: "Butir wilayah lain"})
    return [f"{GOV}, baris {line}, kolom Kode: baris tidak dikenal (kunci “i{foreign.pk}” di kolom A); "
            "jangan ubah kolom kunci."]


def quadrant_rule(mp, wb):
    ws = wb["SWOT Governance"]
    line = row_of(ws, f"s{strategy(governance(mp), 'SO1').pk}")
    ws.cell(row=line, column=5, value="W1, O1")
    where = f"{GOV}, baris {line}, kolom Butir yang dipadukan"
    return [f"{where}: strategi SO hanya memadukan butir Kekuatan (S) dan Peluang (O); W1 tidak termasuk "
            "kuadran ini.",
            f"{where}: strategi SO memerlukan minimal satu butir Kekuatan (S)."]


def strategy_without_items(mp, wb):
    line = append_row(wb["SWOT Governance"], {3: "WT3", 4: "Strategi tanpa butir"})
    return [f"{GOV}, baris {line}, kolom Butir yang dipadukan: strategi WT harus memadukan butir SWOT: "
            "pilih minimal satu butir Kelemahan (W) dan satu butir Ancaman (T)."]


def evidence_of_an_unknown_component(mp, wb):
    ws = wb["SWOT Governance"]
    line = row_of(ws, f"i{item(governance(mp), 'S1').pk}")
    ws.cell(row=line, column=6, value="II.3 no 18\nII.3 no 99; II.2 + Tidak ada")
    return [f"{GOV}, baris {line}, kolom Bukti (komponen kesiapan): bukti “II.3 no 99”, “II.2 + Tidak ada” "
            "tidak dikenal; tulis tabel dan nomor komponen analisis kesiapan masterplan ini, mis. II.3 "
            "no 18 (komponen tambahan: II.2 + uraiannya)."]


def typed_in_the_grid(mp, wb):
    wb["SWOT Governance"]["C5"] = "S1 Diubah di ringkasan"
    return [f"{GOV}, baris 5, kolom C: tabel Lampiran II di bagian atas hanya ringkasan dan tidak dibaca; "
            "ubah butir dan strategi pada daftar di bawahnya."]


def sheet_of_another_worksheet(mp, wb):
    branding = Worksheet.objects.get(masterplan=mp, dimension__code="branding")
    governance_key = wb["SWOT Governance"]["A2"].value
    wb["SWOT Governance"]["A2"] = f"ws{branding.pk}"
    return [f"{GOV}, baris 2: lembar ini milik kertas kerja lain (kunci “ws{branding.pk}”, seharusnya "
            f"“{governance_key}”); jangan salin lembar antar kertas kerja atau wilayah, unduh ulang buku "
            "kerjanya."]


def formula_in_an_item(mp, wb):
    ws = wb["SWOT Governance"]
    line = row_of(ws, f"i{item(governance(mp), 'S2').pk}")
    ws.cell(row=line, column=4).value = "=A1"
    return [f"{GOV}, baris {line}, kolom Uraian: berisi rumus; tuliskan nilainya saja."]


def topic_renamed_to_an_existing_worksheet(mp, wb):
    wb["SWOT Topik 1"]["C2"] = "smart  governance"
    return ["Lembar “SWOT Topik 1”, baris 2, kolom Topik: kertas kerja “smart  governance” sudah ada."]


def gap_citing_an_unknown_strategy(mp, wb):
    ws = wb["Kesenjangan"]
    line = row_of(ws, f"g{GapRow.objects.filter(masterplan=mp).order_by('position').first().pk}")
    ws.cell(row=line, column=7, value="Governance SO9\nKota Surabaya SO1")
    return [f"{GAP}, baris {line}, kolom Strategi TOWS: strategi “Governance SO9”, “Kota Surabaya SO1” tidak "
            "ditemukan; tulis nama kertas kerja dan kode strategi dari lembar SWOT masterplan ini, mis. "
            "Governance SO1."]


def gap_citing_a_deleted_strategy(mp, wb):
    ws = wb["SWOT Governance"]
    ws.delete_rows(row_of(ws, f"s{strategy(governance(mp), 'SO1').pk}"))
    gap = wb["Kesenjangan"]
    line = row_of(gap, f"g{GapRow.objects.filter(masterplan=mp).order_by('position').first().pk}")
    return [f"{GAP}, baris {line}, kolom Strategi TOWS: strategi “Governance SO1” tidak ditemukan; tulis "
            "nama kertas kerja dan kode strategi dari lembar SWOT masterplan ini, mis. Governance SO1."]


def gap_row_without_texts_and_subject(mp, wb):
    line = append_row(wb["Kesenjangan"], {3: "Smart Kota", 4: "Hanya to be"})
    return [f"{GAP}, baris {line}, kolom Dimensi/Elemen kesiapan: “Smart Kota” bukan dimensi atau elemen "
            "kesiapan panduan masterplan ini; pilih salah satu: Smart Governance, Smart Branding, Smart "
            "Economy, Smart Living, Smart Society, Smart Environment, Kesiapan Struktur, Kesiapan "
            "Infrastruktur, Kesiapan Suprastruktur.",
            f"{GAP}, baris {line}, kolom Kondisi saat ini (as is): wajib diisi.",
            f"{GAP}, baris {line}, kolom Strategi, program kerja dan langkah aksi: wajib diisi."]


def empty_mission(mp, wb):
    ws = wb["Visi Misi"]
    line = row_of(ws, "#kriteria") - 2
    ws.cell(row=line, column=2, value=6)
    return [f"{VISION}, baris {line}, kolom Misi: wajib diisi."]


def met_without_a_reason(mp, wb):
    ws = wb["Visi Misi"]
    line = row_of(ws, "c:quality:1")
    ws.cell(row=line, column=5).value = None
    return [f"{VISION}, baris {line}, kolom Alasan singkat: beri alasan singkat mengapa butir “Imaginable” "
            "terpenuhi."]


def vision_row_removed(mp, wb):
    ws = wb["Visi Misi"]
    ws.delete_rows(row_of(ws, "v:explanation"))
    return [f"{VISION}: baris “Penjelasan visi” tidak ada."]


def _indicator_line(mp, ws):
    return row_of(ws, f"n{Indicator.objects.get(name='Indeks besar').pk}")


def target_not_a_number(mp, wb):
    ws = wb["Sasaran"]
    line = _indicator_line(mp, ws)
    ws.cell(row=line, column=target_column(2027), value="banyak")
    ws.cell(row=line, column=target_column(2028), value="1.2.3")
    return [f"{SASARAN}, baris {line}, kolom Target 2027: bukan angka.",
            f"{SASARAN}, baris {line}, kolom Target 2028: bukan angka."]


def target_year_outside_the_period(mp, wb):
    wb["Sasaran"].cell(row=3, column=target_column(2035), value=2036)
    return [f"{SASARAN}, baris 3, kolom Z: tahun 2036 di luar periode masterplan 2026–2035; target tidak "
            "disimpan.",
            f"{SASARAN}, baris 3: kolom target tahun 2035 tidak ada; jangan hapus kolom tahun periode "
            "masterplan."]


def target_column_added_after_the_period(mp, wb):
    ws = wb["Sasaran"]
    ws.cell(row=3, column=target_column(2036), value=2036)
    ws.cell(row=_indicator_line(mp, ws), column=target_column(2036), value=40)
    return [f"{SASARAN}, baris 3, kolom AA: tahun 2036 di luar periode masterplan 2026–2035; target tidak "
            "disimpan."]


def baseline_rules(mp, wb):
    ws = wb["Sasaran"]
    line = _indicator_line(mp, ws)
    ws.cell(row=line, column=13, value=2027)
    other = row_of(ws, f"n{Indicator.objects.exclude(name='Indeks besar').first().pk}")
    ws.cell(row=other, column=13).value = None
    ws.cell(row=other, column=12, value="naik-turun")
    return [f"{SASARAN}, baris {line}, kolom Tahun baseline: tahun baseline paling lambat 2026, tahun "
            "pertama masterplan.",
            f"{SASARAN}, baris {other}, kolom Tahun baseline: isi tahun dan nilai baseline bersama-sama.",
            f"{SASARAN}, baris {other}, kolom Arah (naik/turun): arah harus “naik” (makin tinggi makin "
            "baik) atau “turun” (makin rendah makin baik)."]


def indicator_moved_to_another_sasaran(mp, wb):
    ws = wb["Sasaran"]
    line = _indicator_line(mp, ws)
    values = [c.value for c in ws[line]]
    ws.delete_rows(line)
    new = ws.max_row + 1
    for column, value in enumerate(values, start=1):
        ws.cell(row=new, column=column, value=value)
    return [f"{SASARAN}, baris {new}, kolom Indikator: indikator tidak dapat dipindah ke sasaran lain; "
            "hapus barisnya lalu tambahkan indikator baru tanpa kunci di bawah sasaran tujuan."]


def indicator_above_every_sasaran(mp, wb):
    ws = wb["Sasaran"]
    ws.insert_rows(4)
    ws.cell(row=4, column=10, value="Indikator yatim")
    ws.cell(row=4, column=12, value="naik")
    return [f"{SASARAN}, baris 4, kolom Indikator: indikator harus berada di bawah baris sasarannya."]


def sasaran_and_indicator_in_one_row(mp, wb):
    ws = wb["Sasaran"]
    line = row_of(ws, f"s{Sasaran.objects.filter(masterplan=mp).order_by('pk').first().pk}")
    ws.cell(row=line, column=10, value="Indikator di baris sasaran")
    empty = append_row(ws, {2: "Smart Living"})
    return [f"{SASARAN}, baris {line}: baris sasaran dan baris indikator ditulis terpisah: isi kolom sasaran "
            "atau kolom indikator, bukan keduanya.",
            f"{SASARAN}, baris {empty}, kolom Sasaran: wajib diisi."]


def texts_longer_than_their_limits(mp, wb):
    """The limits of masterplan/text_limits.py, named in the message."""
    sasaran_sheet, gov, vision = wb["Sasaran"], wb["SWOT Governance"], wb["Visi Misi"]
    sasaran = row_of(sasaran_sheet, f"s{Sasaran.objects.filter(masterplan=mp).order_by('pk').first().pk}")
    sasaran_sheet.cell(row=sasaran, column=3, value="s" * (limit("swot.Sasaran.text") + 1))
    item_line = row_of(gov, f"i{item(governance(mp), 'S1').pk}")
    gov.cell(row=item_line, column=4, value="i" * (limit("swot.SwotItem.text") + 1))
    explanation = row_of(vision, "v:explanation")
    vision.cell(row=explanation, column=3, value="v" * (limit("swot.Vision.explanation") + 1))
    return [f"{SASARAN}, baris {sasaran}, kolom Sasaran: terlalu panjang (maks. 500 karakter).",
            f"{GOV}, baris {item_line}, kolom Uraian: terlalu panjang (maks. 1000 karakter).",
            f"{VISION}, baris {explanation}, kolom Uraian: terlalu panjang (maks. 10000 karakter)."]


CASES = [empty_item, duplicate_item_in_a_box, duplicate_strategy_in_a_quadrant, duplicate_code,
         unknown_code, kind_does_not_match_code, item_moved_to_another_box,
         strategy_citing_an_item_not_in_the_sheet, strategy_citing_a_deleted_item,
         strategy_row_of_another_worksheet, item_row_of_another_region, quadrant_rule,
         strategy_without_items, evidence_of_an_unknown_component, typed_in_the_grid,
         sheet_of_another_worksheet, formula_in_an_item, topic_renamed_to_an_existing_worksheet,
         gap_citing_an_unknown_strategy, gap_citing_a_deleted_strategy, gap_row_without_texts_and_subject,
         empty_mission, met_without_a_reason, vision_row_removed, target_not_a_number,
         target_year_outside_the_period, target_column_added_after_the_period, baseline_rules,
         indicator_moved_to_another_sasaran, indicator_above_every_sasaran,
         sasaran_and_indicator_in_one_row, texts_longer_than_their_limits]


def test_bad_input_is_refused_naming_sheet_row_and_column(exported, masterplan):
    """Every case alone refuses the workbook with its messages, and nothing is saved (one
    masterplan for all cases: a refused preview or apply leaves it as it was)."""
    content = exported
    problems = []
    for case in CASES:
        expected = []

        def change(workbook, case=case, expected=expected):
            expected.extend(case(masterplan, workbook))
        edited = edit(content, change)
        before = swot_state(masterplan)
        try:
            importer.apply(masterplan, edited, None, "any digest")
        except WorkbookError as error:
            missing = [message for message in expected if message not in error.messages("id")]
            if missing:
                problems.append((case.__name__, missing, error.messages("id")))
        except importer.StalePreview:
            problems.append((case.__name__, "accepted", expected))
        else:
            problems.append((case.__name__, "applied", expected))
        if swot_state(masterplan) != before:
            problems.append((case.__name__, "saved something"))
    assert not problems, problems


def test_all_problems_of_all_sheets_are_listed_at_once_through_the_page(exported, client, world, masterplan):
    def change(workbook):
        empty_item(masterplan, workbook)
        quadrant_rule(masterplan, workbook)
        gap_citing_an_unknown_strategy(masterplan, workbook)
        target_not_a_number(masterplan, workbook)
    content = edit(exported, change)
    before = swot_state(masterplan)
    client.force_login(world.user("anggota"))
    response = client.post(reverse("workbook", kwargs={"region_code": "32.73"}),
                           {"file": SimpleUploadedFile("buku-kerja.xlsx", content)})
    assert response.status_code == 200
    text = response.content.decode()
    for fragment in ("Lembar “SWOT Governance”, baris", "kolom Uraian: wajib diisi.",
                     "strategi SO memerlukan minimal satu butir Kekuatan (S).",
                     "Lembar “Kesenjangan”, baris", "Lembar “Sasaran”, baris", "kolom Target 2027: bukan angka.",
                     "tidak ada yang disimpan"):
        assert fragment in text, fragment
    assert swot_state(masterplan) == before
    assert not WorkbookImport.objects.exists()


def test_command_line_messages_are_in_english(exported, masterplan, tmp_path):
    path = tmp_path / "buku.xlsx"
    path.write_bytes(edit(exported, lambda wb: target_year_outside_the_period(masterplan, wb)))
    before = swot_state(masterplan)
    with pytest.raises(CommandError) as refused:
        call_command("import_workbook", "32.73", str(path))
    message = str(refused.value)
    assert ("Sheet “Sasaran”, row 3, column Z: year 2036 is outside the masterplan period 2026–2035; "
            "targets not saved.") in message
    assert swot_state(masterplan) == before


def test_a_target_refused_while_saving_rolls_back_the_whole_import(exported, masterplan, monkeypatch):
    """save_targets is the last guard of the target rules: its refusal names the row and undoes
    the changes of the earlier sheets."""
    indicator = Indicator.objects.get(name="Indeks besar")

    def change(workbook):
        workbook["SWOT Governance"].cell(row=row_of(workbook["SWOT Governance"],
                                                    f"i{item(governance(masterplan), 'S1').pk}"),
                                         column=4, value="Teks baru")
        ws = workbook["Sasaran"]
        ws.cell(row=row_of(ws, f"n{indicator.pk}"), column=target_column(2030), value=5)
    content = edit(exported, change)
    diff = importer.preview(masterplan, content)
    before = swot_state(masterplan)

    def refuse(indicator, values):
        raise ValidationError("Tahun 2030 di luar periode masterplan 2031–2040; target tidak disimpan.")
    monkeypatch.setattr(targets, "save_targets", refuse)
    with pytest.raises(WorkbookError) as refused:
        importer.apply(masterplan, content, None, diff.digest)
    line = diff.changed_sheets[-1].changes[0].line
    assert refused.value.messages("id") == [
        f"{SASARAN}, baris {line}: tahun 2030 di luar periode masterplan 2031–2040; target tidak disimpan."]
    assert swot_state(masterplan) == before
