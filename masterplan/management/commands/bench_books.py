"""`make bench`: how long the books take and how much memory, split into our own work (data +
templates) and WeasyPrint's. Each book runs in a fresh process so its peak memory is its own."""

import json
import resource
import subprocess
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from masterplan.books.render import book_html, html_to_pdf
from masterplan.services import current_masterplan

from ._regions import region_by_code

BOOKS = ["1", "2", "3"]


class Command(BaseCommand):
    help = "Benchmark rendering the three books of a region (default: the full demo, 32.73)."

    def add_arguments(self, parser):
        parser.add_argument("region_code", nargs="?", default="32.73")
        parser.add_argument("--one", choices=BOOKS, help=argparse_suppress())

    def handle(self, *args, **options):
        region = region_by_code(options["region_code"])
        masterplan = current_masterplan(region)
        if masterplan is None:
            raise CommandError(f"{region.code} has no current masterplan; run seed_demo first.")
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

    def child(self, region_code, book):
        return subprocess.Popen([sys.executable, sys.argv[0], "bench_books", region_code,
                                 "--one", book], stdout=subprocess.PIPE, text=True)

    def measure(self, masterplan, book):
        html, gather = book_html(book, masterplan)
        _pdf, pages, weasyprint = html_to_pdf(html)
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return {"book": book, "pages": pages, "gather": gather, "weasyprint": weasyprint,
                "ratio": gather / weasyprint if weasyprint else 0, "peak_mib": peak_kib / 1024}


def argparse_suppress():
    import argparse

    return argparse.SUPPRESS
