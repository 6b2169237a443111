"""manage.py import_evaluation_results YEAR FILE.csv: a line per region with the published and
recomputed final and their difference, the flagged differences counted, the cycle created when
the year has none, participants added, and every refusal saving nothing."""

import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from evaluation.models import EvaluationCycle, PublishedResult, RegionEvaluation

from .helpers import make_cycle

pytestmark = pytest.mark.django_db

HEADER = "kode_wilayah;baseline;output;outcome;impact;quick_win;final"
# With 10/20/30/20/20: 8 + 14 + 18 + 10 + 18 = 68.00.
PARTS = "80;70;60;50;90"


def run(tmp_path, year, text, *options, encoding="utf-8"):
    path = tmp_path / "hasil.csv"
    path.write_bytes(text.encode(encoding))
    out = io.StringIO()
    call_command("import_evaluation_results", str(year), str(path), *options, stdout=out)
    return out.getvalue().splitlines()


def test_one_line_per_region_and_a_difference_over_the_tolerance_is_flagged(tmp_path, world):
    cycle = make_cycle(2026, [world.own, world.other])
    lines = run(tmp_path, 2026, f"{HEADER}\n32.73;{PARTS};68,50\n35.10;{PARTS};68.01\n")
    assert lines == ["32.73 68.50 68.00 0.50 !", "35.10 68.01 68.00 0.01",
                     "1 wilayah selisih > 0,01", "2 hasil resmi siklus 2026 disimpan."]
    bandung = PublishedResult.objects.get(evaluation__cycle=cycle, evaluation__region=world.own)
    assert (bandung.baseline, bandung.outcome, bandung.final) == (D(80), D(60), D("68.50"))
    assert bandung.source == "Impor CSV hasil.csv" and bandung.recorded_by is None


def test_the_cycle_weights_decide_the_recomputed_final(tmp_path, world):
    make_cycle(2025, [world.own], weight_impact=D(30), weight_quick_win=D(10))
    # 8 + 14 + 18 + 15 + 9 = 64.00 with 10/20/30/30/10: the 68.00 of newer weights differs.
    lines = run(tmp_path, 2025, f"{HEADER}\n32.73;{PARTS};68\n")
    assert lines[0] == "32.73 68.00 64.00 4.00 !"


def test_a_year_without_a_cycle_gets_one_with_the_default_weights_and_its_participants(
        tmp_path, world):
    lines = run(tmp_path, 2027, f"{HEADER}\n32.73;{PARTS};68\n51.71;{PARTS};67,9\n")
    assert lines == [
        "Siklus 2027 belum ada: dibuat dengan bobot baku 10/20/30/20/20.",
        "32.73 Kota Bandung belum menjadi peserta siklus 2027: ditambahkan.",
        "51.71 Kota Denpasar belum menjadi peserta siklus 2027: ditambahkan.",
        "32.73 68.00 68.00 0.00",
        "51.71 67.90 68.00 -0.10 !",
        "1 wilayah selisih > 0,01",
        "2 hasil resmi siklus 2027 disimpan.",
    ]
    cycle = EvaluationCycle.objects.get(year=2027)
    assert cycle.weights == {"baseline": 10, "output": 20, "outcome": 30, "impact": 20,
                             "quick_win": 20}
    assert set(cycle.extra_regions.values_list("code", flat=True)) == {"32.73", "51.71"}
    # Participants like any other: their 30 score rows too.
    assert cycle.participants.get(region__code="51.71").scores.count() == 30


def test_a_second_import_replaces_the_results(tmp_path, world):
    make_cycle(2026, [world.own])
    run(tmp_path, 2026, f"{HEADER}\n32.73;{PARTS};68\n")
    lines = run(tmp_path, 2026, f"{HEADER};governance\n32.73;80;70;60;50;91;68,1;55,5\n",
                "--sumber", "Surat B-123/2026")
    assert lines[0] == "32.73 68.10 68.20 -0.10 !"
    result = PublishedResult.objects.get()
    assert (result.quick_win, result.final, result.dimensions) == (D(91), D("68.10"),
                                                                  {"governance": "55.50"})
    assert result.source == "Surat B-123/2026"


def test_a_dry_run_prints_the_lines_and_saves_nothing(tmp_path, world):
    lines = run(tmp_path, 2027, f"{HEADER}\n32.73;{PARTS};68\n", "--dry-run")
    assert lines[0] == "Siklus 2027 belum ada: akan dibuat dengan bobot baku 10/20/30/20/20."
    assert "32.73 68.00 68.00 0.00" in lines
    assert lines[-1] == "Uji coba (--dry-run): tidak ada yang disimpan."
    assert not EvaluationCycle.objects.exists() and not PublishedResult.objects.exists()


def refusal(tmp_path, year, text, **kwargs):
    with pytest.raises(CommandError) as caught:
        run(tmp_path, year, text, **kwargs)
    message = str(caught.value)
    assert message.startswith("Impor ditolak, tidak ada yang disimpan:\n")
    return message.splitlines()[1:]


@pytest.mark.parametrize("text,errors", [
    (f"{HEADER}\n32.73;80;70;7O,5;50;90;68\n", ["Baris 2, kolom outcome: “7O,5” bukan angka."]),
    (f"{HEADER}\n99.99;{PARTS};68\n", ["Baris 2, kolom kode_wilayah: kode “99.99” tidak dikenal."]),
    (f"{HEADER}\n32.73;{PARTS};68\n32.73;{PARTS};68\n",
     ["Baris 3, kolom kode_wilayah: 32.73 sudah ada di baris 2."]),
    ("kode_wilayah;baseline;output;outcome;impact;final\n32.73;80;70;60;50;68\n",
     ["Kolom quick_win tidak ada di baris judul (baris 1)."]),
    (f"{HEADER}\n32.73;{PARTS};\n", ["Baris 2, kolom final: kosong."]),
])
def test_bad_input_is_refused_with_line_and_column_and_nothing_is_saved(tmp_path, world, text,
                                                                        errors):
    make_cycle(2026, [world.own])
    assert refusal(tmp_path, 2026, text) == errors
    assert not PublishedResult.objects.exists()


def test_a_good_row_is_not_saved_when_another_is_refused(tmp_path, world):
    assert refusal(tmp_path, 2027, f"{HEADER}\n32.73;{PARTS};68\n51.71;{PARTS};x\n") == [
        "Baris 3, kolom final: “x” bukan angka."]
    assert not EvaluationCycle.objects.exists() and not RegionEvaluation.objects.exists()


def test_an_index_above_the_cycle_scale_is_refused_and_the_new_cycle_is_not_kept(tmp_path, world):
    assert refusal(tmp_path, 2027, f"{HEADER}\n32.73;{PARTS};68\n51.71;80;70;60;50;101;68\n") == [
        "Baris 3, kolom quick_win: 101 di atas skala siklus (0–100)."]
    assert not EvaluationCycle.objects.exists() and not PublishedResult.objects.exists()


def test_a_cycle_on_another_scale_checks_its_own(tmp_path, world):
    make_cycle(2026, [world.own], scale_max=D(5))
    assert refusal(tmp_path, 2026, f"{HEADER}\n32.73;4;3,5;4,2;5;5,5;4,3\n") == [
        "Baris 2, kolom quick_win: 5,5 di atas skala siklus (0–5)."]


def test_a_year_out_of_range_and_a_missing_file_are_refused(tmp_path, world):
    assert refusal(tmp_path, 1999, f"{HEADER}\n32.73;{PARTS};68\n") == ["Tahun 1999 di luar 2017–2100."]
    with pytest.raises(CommandError, match="Berkas tidak dapat dibaca"):
        call_command("import_evaluation_results", "2026", str(tmp_path / "tidak-ada.csv"),
                     stdout=io.StringIO())
    assert not EvaluationCycle.objects.exists()
