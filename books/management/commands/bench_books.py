"""`make bench`: how long the books take and how much memory, split into our own work (data +
templates) and WeasyPrint's. Each book runs in a fresh process so its peak memory is its own.

`--worst-case` first writes the longest allowed unbroken text into every typed field of every row
of the region's masterplan (books/worst_case.py), then typesets the three books and a
Bimtek report as the render pipeline does (a child process capped in memory and time), and rolls
everything back: nothing of the region changes.

`--programs N` first grows the region's masterplan to N programs (the demo's `grow_programs`
command, demo/grow.py), then typesets the three books in this process, and rolls everything back
likewise."""

import argparse
import json
import resource
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bimtek import pdf as report_pdf
from bimtek.models import Report
from masterplan.management.commands._regions import region_by_code
from masterplan.rendering.typesetting import DocumentTooLarge, html_to_pdf, typeset_bounded
from masterplan.services import current_masterplan

from ...layout import book_html
from ...worst_case import fill_longest

BOOKS = ["1", "2", "3"]


class Command(BaseCommand):
    help = "Benchmark rendering the three books of a region (default: the full demo, 32.73)."

    def add_arguments(self, parser):
        parser.add_argument("region_code", nargs="?", default="32.73")
        parser.add_argument("--one", choices=BOOKS, help=argparse.SUPPRESS)
        parser.add_argument("--worst-case", action="store_true",
                            help="every typed text at its maximum length, unbroken (rolled back)")
        parser.add_argument("--programs", type=int, metavar="N",
                            help="with the masterplan grown to N programs (rolled back)")

    def handle(self, *args, **options):
        region = region_by_code(options["region_code"])
        masterplan = current_masterplan(region)
        if masterplan is None:
            raise CommandError(f"{region.code} has no current masterplan; run seed_demo first.")
        if options["worst_case"]:
            self.worst_case(masterplan)
            return
        if options["programs"] is not None:
            self.grown(masterplan, options["programs"])
            return
        if options["one"]:
            self.stdout.write(json.dumps(self.measure(masterplan, options["one"])))
            return
        self.stdout.write(f"{region.code} {region.display_name}: {masterplan.title}")
        self.stdout.write(f"{'book':<6}{'pages':>6}{'ours s':>9}{'weasy s':>9}{'ours/weasy':>12}"
                          f"{'peak MiB':>10}")
        for book in BOOKS:
            result = json.loads(self.child(region.code, book).communicate()[0])
            self.stdout.write(f"{book:<6}{result['pages']:>6}{result['gather']:>9.2f}"
                              f"{result['weasyprint']:>9.2f}{result['ratio']:>11.0%}"
                              f"{result['peak_mib']:>10.0f}")
        started = time.perf_counter()
        children = [self.child(region.code, book) for book in BOOKS]
        for child in children:
            child.communicate()
        self.stdout.write(f"all three in parallel: {time.perf_counter() - started:.2f} s wall")

    def worst_case(self, masterplan):
        memory_mib = settings.RENDER_TYPESET_MEMORY_MIB
        seconds = settings.RENDER_TYPESET_SECONDS
        with transaction.atomic():
            written = fill_longest(masterplan)
            self.stdout.write(f"{masterplan.region.code} {masterplan.region.display_name}, worst case: "
                              f"{sum(written.values())} texts at their maximum length, unbroken "
                              f"(caps: {memory_mib} MiB, {seconds} s)")
            self.stdout.write(f"{'document':<10}{'pages':>6}{'seconds':>9}{'peak MiB':>10}")
            documents = [(f"buku {book}", lambda book=book: book_html(book, masterplan)[0],
                          lambda html: html_to_pdf(html)[:2]) for book in BOOKS]
            report = Report.objects.filter(visit__masterplan=masterplan).order_by("pk").first()
            if report is not None:
                documents.append(("laporan", lambda: report_pdf.render_report_html(report),
                                  report_pdf.report_html_to_pdf))
            for label, html_of, typeset in documents:
                started = time.perf_counter()
                try:
                    _pdf, pages = typeset_bounded(typeset, html_of(), memory_mib=memory_mib,
                                                  seconds=seconds)
                except DocumentTooLarge as error:
                    self.stdout.write(f"{label:<10}{'—':>6}{time.perf_counter() - started:>9.1f}  {error}")
                    continue
                # The peak of the largest child so far (each document is typeset in its own).
                peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
                self.stdout.write(f"{label:<10}{pages:>6}{time.perf_counter() - started:>9.1f}{peak:>10.0f}")
            transaction.set_rollback(True)

    def grown(self, masterplan, count):
        region = masterplan.region
        with transaction.atomic():
            # By name: the demo app sits above the books (import contracts, .importlinter).
            call_command("grow_programs", region.code, count, stdout=self.stdout)
            masterplan = current_masterplan(region)
            self.stdout.write(f"{'book':<6}{'pages':>6}{'ours s':>9}{'weasy s':>9}")
            for book in BOOKS:
                html, gather = book_html(book, masterplan)
                _pdf, pages, weasyprint = html_to_pdf(html)
                self.stdout.write(f"{book:<6}{pages:>6}{gather:>9.2f}{weasyprint:>9.2f}")
            transaction.set_rollback(True)

    def child(self, region_code, book):
        return subprocess.Popen([sys.executable, sys.argv[0], "bench_books", region_code,
                                 "--one", book], stdout=subprocess.PIPE, text=True)

    def measure(self, masterplan, book):
        html, gather = book_html(book, masterplan)
        _pdf, pages, weasyprint = html_to_pdf(html)
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return {"book": book, "pages": pages, "gather": gather, "weasyprint": weasyprint,
                "ratio": gather / weasyprint if weasyprint else 0, "peak_mib": peak_kib / 1024}
