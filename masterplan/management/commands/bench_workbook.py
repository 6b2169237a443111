"""`make bench`: how long the masterplan workbook takes to export and to read back (the preview
of an upload: safety checks, parsing every sheet, the diff), with queries and peak memory."""

import time
import tracemalloc

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masterplan.workbook import importer
from masterplan.workbook.export import export_masterplan

from ._regions import current_masterplan_of


def measure(step):
    """(result, seconds, queries, peak MiB of Python allocations) of `step()`: timed without
    tracemalloc (which slows Python down several times), then run again to trace memory."""
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = step()
        seconds = time.perf_counter() - started
    tracemalloc.start()
    step()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, seconds, len(queries), peak / 2**20


class Command(BaseCommand):
    help = "Benchmark exporting and previewing the workbook of a region (default: 32.73)."

    def add_arguments(self, parser):
        parser.add_argument("region_code", nargs="?", default="32.73")

    def handle(self, *args, **options):
        masterplan = current_masterplan_of(options["region_code"])
        region = masterplan.region
        exported, export_s, export_q, export_mib = measure(lambda: export_masterplan(masterplan))
        diff, preview_s, preview_q, preview_mib = measure(
            lambda: importer.preview(masterplan, exported.content))
        sheets = len(diff.sheets)
        self.stdout.write(f"{region.code} {region.display_name}: workbook of {sheets} sheets "
                          f"(+ Info), {len(exported.content) / 1024:.0f} KiB")
        self.stdout.write(f"{'step':<10}{'seconds':>9}{'queries':>9}{'peak MiB':>10}")
        self.stdout.write(f"{'export':<10}{export_s:>9.2f}{export_q:>9}{export_mib:>10.1f}")
        self.stdout.write(f"{'preview':<10}{preview_s:>9.2f}{preview_q:>9}{preview_mib:>10.1f}")
        if not diff.is_empty:
            raise CommandError(f"the exported workbook reads back with {diff.total} changes")
