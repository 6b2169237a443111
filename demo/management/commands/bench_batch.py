import json
import os
import shutil
import subprocess
import sys
import time
import uuid

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from books.documents import BOOK
from masterplan import clock
from masterplan.models import Masterplan, RenderJob, User
from masterplan.models_render import JobStatus
from masterplan.rendering.pipeline import create_batch

from ... import batch_bench, more_regions
from ...loadtest import report, run

FULL_REGIONS = 5  # with Kota Bandung: six regions written in full, 18 books
WORKER_COUNTS = (1, 2)
DOC = settings.BASE_DIR / "docs" / "performance.md"


class BenchDatabases(run.Databases):
    """The load test's seeded demo, copied into a database of the benchmark's own."""

    NAMES = {"demo": "masterplan_loadtest", "grown": "masterplan_bench_batch"}


class Command(BaseCommand):
    help = ("Measure a batch export of six regions' three books (18 PDFs) with Celery workers of "
            "1 and then 2 processes, beside a CPU-bound probe of the cores the machine gives; "
            "report throughput and peak memory per worker child into docs/performance.md. "
            "Needs CELERY_BROKER_URL (Redis).")

    def add_arguments(self, parser):
        parser.add_argument("--budget", type=int, default=900, help="seconds for everything")
        parser.add_argument("--no-write", action="store_true",
                            help="print the table without writing docs/performance.md")
        # The child process that asks for the batch on the benchmark's database and waits.
        parser.add_argument("--export-and-wait", action="store_true", help="(internal)")

    def handle(self, *args, **options):
        if options["export_and_wait"]:
            self.stdout.write(json.dumps(_export_and_wait(options["budget"])))
            return
        if not settings.CELERY_BROKER_URL:
            raise CommandError("bench_batch runs real Celery workers: set CELERY_BROKER_URL "
                               "(e.g. redis://127.0.0.1:6379/0).")
        started = time.monotonic()
        deadline = run.Deadline(options["budget"])
        databases = BenchDatabases()
        try:
            self._prepare(deadline, databases)
            runs = {}
            for count in WORKER_COUNTS:
                # Right before each export, so each is read against what the machine gave then.
                probe = batch_bench.cores_probe()
                self.stdout.write("CPU probe: {:.2f} s alone, {:.2f} s two at once: {:.2f} "
                                  "cores.".format(*probe))
                runs[count] = {**self._measure(deadline, databases, count), "probe": probe}
        except run.OutOfTime as error:
            raise CommandError(str(error)) from None
        section = _section(runs, databases, time.monotonic() - started)
        self.stdout.write(section)
        if not options["no_write"]:
            DOC.write_text(report.replace_section(DOC.read_text(), section, marker="batch"))
            self.stdout.write(f"Written to {DOC.relative_to(settings.BASE_DIR)}.")

    def _prepare(self, deadline, databases):
        databases.seed_demo(deadline, self.stdout.write)
        self.stdout.write(f"Filling {FULL_REGIONS} more regions like Kota Bandung…")
        run.manage(deadline, databases.url("grown"), "seed_full_regions", str(FULL_REGIONS))

    def _measure(self, deadline, databases, concurrency):
        queue = f"bench-batch-{uuid.uuid4().hex[:8]}"
        media = settings.VAR_DIR / "bench-batch-media"
        shutil.rmtree(media, ignore_errors=True)
        env = batch_bench.worker_env(databases.url("grown"), queue, media)
        worker = batch_bench.Worker(env, concurrency,
                                    settings.VAR_DIR / f"bench-batch-worker-{concurrency}.log")
        try:
            worker.wait_ready(deadline)
            sampler = batch_bench.MemorySampler(worker.process.pid)
            sampler.start()
            self.stdout.write(f"Exporting 18 books with {concurrency} worker process(es)…")
            try:
                answer = subprocess.run(
                    [sys.executable, "manage.py", "bench_batch", "--export-and-wait",
                     "--budget", str(int(deadline.left()))],
                    cwd=settings.BASE_DIR, env={**env, "DEBUG": "1"}, check=True,
                    capture_output=True, text=True, timeout=deadline.left())
            except subprocess.TimeoutExpired:
                raise run.OutOfTime("the batch export ran out of the benchmark's time") from None
            except subprocess.CalledProcessError as error:
                raise CommandError(f"the export failed: {error.stderr[-2000:]}") from None
            finally:
                sampler.stop()
        finally:
            worker.stop()
        result = json.loads(answer.stdout.strip().splitlines()[-1])
        if result["failed"]:
            raise CommandError(f"renders failed with {concurrency} worker(s): {result['failed']}")
        result.update(child_mib=sampler.child / 2**20, typesetting_mib=sampler.typesetting / 2**20,
                      slot_mib=sampler.slot / 2**20)
        self.stdout.write(f"  {result['seconds']:.1f} s, {result['pages']} pages")
        return result


def _export_and_wait(budget):
    """In the child process, on the benchmark's database: the admin's export of every region
    with a current masterplan written in full, then wait for its jobs and its zip."""
    codes = ["32.73", *more_regions.REGIONS[:FULL_REGIONS]]
    masterplans = list(Masterplan.objects.filter(region__code__in=codes, is_current=True)
                       .select_related("region"))
    admin = User.objects.filter(is_superuser=True).first()
    started = time.monotonic()
    batch = create_batch(masterplans, BOOK, "123", admin, description="bench_batch")
    jobs = RenderJob.objects.filter(batch=batch)
    until = started + budget
    while time.monotonic() < until:
        batch.refresh_from_db()
        unfinished = jobs.exclude(status__in=(JobStatus.SUCCEEDED, JobStatus.FAILED)).count()
        if not unfinished and (batch.archive or batch.archive_error):
            break
        time.sleep(0.25)
    else:
        raise CommandError("the export did not finish within the budget")
    seconds = time.monotonic() - started
    rows = list(jobs.values("status", "message", "page_count", "render_seconds"))
    return {"regions": len(masterplans), "books": len(rows), "seconds": seconds,
            "pages": sum(row["page_count"] or 0 for row in rows),
            "typesetting_seconds": sum(row["render_seconds"] or 0 for row in rows),
            "failed": [row["message"] for row in rows if row["status"] != JobStatus.SUCCEEDED]
            + ([batch.archive_error] if batch.archive_error else [])}


def _section(runs, databases, elapsed):
    one, two = runs[1], runs[2]
    rows = [["worker processes", "cores by the probe", "books", "pages", "wall s",
             "books per minute", "peak MiB per worker child", "peak MiB per typesetting process",
             "peak MiB child + typesetting"], ["---:"] * 9]
    for count, result in runs.items():
        rows.append([str(count), f"{result['probe'][2]:.2f}", str(result["books"]),
                     f"{result['pages']:,}".replace(",", "."),
                     f"{result['seconds']:.1f}", f"{60 * result['books'] / result['seconds']:.1f}",
                     f"{result['child_mib']:.0f}", f"{result['typesetting_mib']:.0f}",
                     f"{result['slot_mib']:.0f}"])
    table = "\n".join("| " + " | ".join(row) + " |" for row in rows)
    ratio = one["seconds"] / two["seconds"]
    cores = two["probe"][2]
    return (
        "## Batch export (`make bench-batch`)\n\n"
        f"Run {clock.format_datetime(timezone.now())} on {len(os.sched_getaffinity(0))} cores, "
        f"{databases.engine}, Redis: an admin's export of {one['regions']} regions written in "
        "full (Kota Bandung's demo and five regions filled like it), Buku I–III each, rendered "
        "by a Celery worker as docs/deploy.md runs it (prefork, prefetch 1, "
        "`--max-memory-per-child=1048576`) with 1 and then 2 processes, until the zip of all 18 "
        f"was written; {elapsed:.0f} s in all. Memory is the resident set sampled every 0.1 s: "
        "a worker child gathers the data and forks a process that typesets (capped at 2 GiB of "
        "address space).\n\n"
        f"{table}\n\n"
        f"Throughput with 2 processes: **{ratio:.2f}×** that with 1. Right before the export with "
        f"2 processes, a CPU-bound probe took {two['probe'][0]:.2f} s alone and "
        f"{two['probe'][1]:.2f} s as two processes at once: the machine gave **{cores:.2f} "
        f"cores**, the most two processes could gain, and the renders gained {ratio:.2f}× "
        "(their database queries and file writes overlap with the other process's typesetting, "
        "so they may gain a little more than a pure CPU loop).\n"
    )
