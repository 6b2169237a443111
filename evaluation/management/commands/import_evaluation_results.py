"""manage.py import_evaluation_results YEAR FILE.csv: the published results of a cycle, one line
per region (the columns and the numbers it reads: evaluation/results.py).

It prints one line per region, in the file's order:

    KODE final_terbit final_hitung selisih [!]

with two decimals and a dot (32.73 68.50 68.00 0.50 !): the final index as published, the
weighted sum of the five published components with the cycle's weights, and published − computed;
"!" marks a difference over 0,01 (a typo, or weights that differ from the cycle's). A closing
line counts them ("2 wilayah selisih > 0,01"). When YEAR has no cycle yet, one is created with the
default weights, and a region taking no part yet is added; both are said first. A file with any
error is refused as a whole (every error with its line and column) and nothing is saved;
--dry-run checks and prints without saving."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from evaluation import results


class Command(BaseCommand):
    help = "Impor hasil resmi evaluasi smart city satu tahun dari berkas CSV."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="Tahun siklus evaluasi, mis. 2027.")
        parser.add_argument("file", help="Berkas CSV: kode_wilayah, baseline, output, outcome, "
                                         "impact, quick_win, final (dan dimensi, boleh).")
        parser.add_argument("--sumber", default="",
                            help="Sumber hasil, mis. nomor surat (bawaan: nama berkas).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Periksa dan tampilkan tanpa menyimpan.")

    def handle(self, *args, year, file, sumber, dry_run, **options):
        try:
            with open(file, "rb") as handle:
                rows = results.read_results_csv(handle)
        except OSError as error:
            raise CommandError(f"Berkas tidak dapat dibaca: {error}") from None
        except results.ResultsRefused as refused:
            raise self.refused(refused) from None
        source = sumber or f"Impor CSV {Path(file).name}"
        try:
            with transaction.atomic():
                report = results.import_results(year, rows, source=source)
                transaction.set_rollback(dry_run)
        except results.ResultsRefused as refused:
            raise self.refused(refused) from None
        cycle = report.cycle
        if report.cycle_created:
            done = "akan dibuat" if dry_run else "dibuat"
            self.stdout.write(f"Siklus {cycle.year} belum ada: {done} dengan bobot baku "
                              f"{results.weights_text(cycle)}.")
        for region in report.added:
            done = "akan ditambahkan" if dry_run else "ditambahkan"
            self.stdout.write(f"{region.code} {region.display_name} belum menjadi peserta "
                              f"siklus {cycle.year}: {done}.")
        for line in report.lines:
            self.stdout.write(results.format_line(line))
        flagged = len(report.flagged)
        summary = f"{flagged} wilayah selisih > {results.tolerance_text()}"
        self.stdout.write(self.style.WARNING(summary) if flagged else summary)
        if dry_run:
            self.stdout.write("Uji coba (--dry-run): tidak ada yang disimpan.")
        else:
            self.stdout.write(self.style.SUCCESS(
                f"{len(report.lines)} hasil resmi siklus {cycle.year} disimpan."))

    @staticmethod
    def refused(refused):
        return CommandError("Impor ditolak, tidak ada yang disimpan:\n"
                            + "\n".join(refused.errors))
