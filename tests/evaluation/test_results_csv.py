"""Reading a results file (evaluation/results.py): the columns, the two delimiters, the BOM,
decimals with a comma or a dot, and every refusal naming its line and column."""

from decimal import Decimal as D

import pytest

from evaluation import results

pytestmark = pytest.mark.django_db

HEADER = "kode_wilayah;baseline;output;outcome;impact;quick_win;final"


def read(text, encoding="utf-8"):
    return results.read_results_csv(text.encode(encoding))


def refused(text, encoding="utf-8"):
    with pytest.raises(results.ResultsRefused) as caught:
        read(text, encoding)
    return caught.value.errors


@pytest.mark.parametrize("text,value", [
    ("68,25", D("68.25")), ("68.25", D("68.25")), ("68.250", D("68.25")), ("68", D("68")),
    ("68,5", D("68.5")), (" 7,05 ", D("7.05")), ("0", D("0")), ("1.234,5", D("1234.5")),
    ("100,00", D("100")),
])
def test_an_index_is_read_with_a_decimal_comma_or_a_decimal_point(text, value):
    assert results.parse_index(text) == value


def test_a_dot_with_three_digits_is_a_decimal_point_here_unlike_the_general_rule():
    from masterplan.numbers import parse_number

    assert parse_number("68.250") == D("68250")  # the project's rule: grouped thousands
    assert results.parse_index("68.250") == D("68.25")  # an index never needs a separator


@pytest.mark.parametrize("text", ["7O,5", "abc", "1,2,3", "NaN", "1e5", "--1"])
def test_what_is_not_a_number_is_not_an_index(text):
    assert results.parse_index(text) is None


def test_a_file_separated_by_semicolons_with_a_bom_and_decimal_commas():
    rows = read("\ufeff" + HEADER + "\n32.73;71,2;62,5;57,4;60,8;69;61,98\n", "utf-8")
    [row] = rows
    assert row.line == 2 and row.region.code == "32.73"
    assert row.values == {"baseline": D("71.2"), "output": D("62.5"), "outcome": D("57.4"),
                          "impact": D("60.8"), "quick_win": D("69"), "final": D("61.98")}
    assert row.dimensions == {}


def test_a_file_separated_by_commas_with_decimal_points_columns_in_any_order_and_case():
    text = ("Final,Kode_Wilayah,Quick Win,impact,outcome,output,baseline,nama_wilayah,governance\n"
            '61.98,32.73,69,60.80,57.40,62.5,71.20,Kota Bandung,"64,1"\n'
            "\n"  # a blank line is skipped
            "64.75,35.1,71,63,60.5,66,74,Kabupaten Banyuwangi,\n")
    rows = read(text)
    assert [row.region.code for row in rows] == ["32.73", "35.10"]  # 35.1 as a spreadsheet shows it
    assert [row.line for row in rows] == [2, 4]
    assert rows[0].values["quick_win"] == D("69") and rows[0].values["final"] == D("61.98")
    assert rows[0].dimensions == {"governance": D("64.1")}
    assert rows[1].dimensions == {}  # an empty dimension cell is not given


def test_every_error_names_its_line_and_column_and_nothing_is_read():
    errors = refused(HEADER + "\n"
                     "32.73;71,2;62,5;57,4;60,8;69;61,98\n"
                     "35.10;74;66;;63;71;64,75\n"
                     "33.74;78;68;7O,5;64;72;66,4\n"
                     "99.99;70;60;58;60;66;-61\n"
                     "32.73;70;60;58;60;66;61,005\n"
                     ";70;60;58;60;66;61\n")
    assert errors == [
        "Baris 3, kolom outcome: kosong.",
        "Baris 4, kolom outcome: “7O,5” bukan angka.",
        "Baris 5, kolom kode_wilayah: kode “99.99” tidak dikenal.",
        "Baris 5, kolom final: “-61” negatif; indeks bernilai 0 atau lebih.",
        "Baris 6, kolom kode_wilayah: 32.73 sudah ada di baris 2.",
        "Baris 6, kolom final: “61,005” lebih dari dua angka desimal.",
        "Baris 7, kolom kode_wilayah: kosong.",
    ]


def test_a_missing_column_an_unknown_column_and_a_repeated_one_are_named():
    errors = refused("kode_wilayah;baseline;output;outcome;quick_win;final;finale;output\n"
                     "32.73;1;2;3;4;5;6;7\n")
    assert errors == [
        "Baris 1, kolom 7: nama kolom “finale” tidak dikenal (yang dikenal: kode_wilayah, "
        "baseline, output, outcome, impact, quick_win, final, governance, branding, economy, "
        "living, society, environment, nama_wilayah).",
        "Baris 1: kolom output tertulis dua kali.",
        "Kolom impact tidak ada di baris judul (baris 1).",
    ]


def test_an_unquoted_decimal_comma_in_a_file_separated_by_commas_is_explained():
    errors = refused(HEADER.replace(";", ",") + "\n32.73,71,2,62,5,57,4,60,8,69,61,98\n")
    assert errors[0].startswith("Baris 2: 12 sel, padahal baris judul punya 7 kolom")
    assert "tanda kutip" in errors[0]


def test_trailing_empty_cells_are_fine():
    [row] = read(HEADER + ";;\n32.73;71;62;57;60;69;61;;\n")
    assert row.values["final"] == D("61")


@pytest.mark.parametrize("content,message", [
    (b"", "Berkas kosong: baris 1 harus berisi nama kolom"),
    (HEADER.encode() + b"\n\n", "Berkas tidak berisi baris hasil di bawah baris judul."),
    (HEADER.encode("utf-16"), "Berkas bukan teks UTF-8"),
    ((HEADER + "\n32.73;71;62;57;60;69;Rp 5\n").encode("latin-1"), "Baris 2, kolom final"),
])
def test_empty_files_other_encodings_and_other_text_are_refused(content, message):
    with pytest.raises(results.ResultsRefused) as caught:
        results.read_results_csv(content)
    assert caught.value.errors[0].startswith(message)


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read():
    with pytest.raises(results.ResultsRefused) as caught:
        results.read_results_csv(b"x" * (results.MAX_BYTES + 1))
    assert caught.value.errors == ["Berkas terlalu besar: paling besar 1024 KB."]


def test_the_command_line_format_of_a_result():
    from types import SimpleNamespace

    region = SimpleNamespace(code="32.73")
    line = results.ResultLine(region, D("68.5"), D("68.00"), D("0.50"), True)
    assert results.format_line(line) == "32.73 68.50 68.00 0.50 !"
    line = results.ResultLine(region, D("67.995"), D("68"), D("-0.01"), False)
    assert results.format_line(line) == "32.73 68.00 68.00 -0.01"
