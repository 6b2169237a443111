import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from masterplan import clock

from ...core import DEMO_PASSWORD
from ...loadtest import report, run

REGION = "32.73"  # Kota Bandung, the demo region with the most written
GROWN_PROGRAMS = 230
USERS = 4  # one per role, as concurrency 4
ROLE_CLASSES = ["Admin", "Pembimbing", "Ketua", "Dewan"]  # of the locustfile
# Pages of no one region; the others are Kota Bandung's.
GLOBAL_PAGES = {"dashboard", "region_list", "index_overview", "comment_inbox"}
DOC = settings.BASE_DIR / "docs" / "performance.md"


def _plan():
    """{role: username and [label, path] of the pages it opens} for locustfile.py."""
    region = {"region_code": REGION}

    def pages(*names):
        return [[name, reverse(name, kwargs={} if name in GLOBAL_PAGES else region)]
                for name in names]
    return {"login": reverse("login"), "password": DEMO_PASSWORD, "roles": {
        "admin": {"username": "admin", "pages": pages(
            "dashboard", "region_list", "index_overview", "region_detail")},
        "pembimbing": {"username": "pembimbing", "pages": pages(
            "comment_inbox", "region_detail", "readiness_summary", "masterplan_changes")},
        "ketua": {"username": "ketua.bandung", "pages": pages(
            "region_detail", "readiness_summary", "program_list", "roadmap",
            "monitoring_worksheet", "sasaran_list", "masterplan_changes")},
        "dewan": {"username": "dewan.bandung", "pages": pages(
            "region_detail", "program_list", "roadmap", "monitoring_worksheet")},
    }}


class Command(BaseCommand):
    help = ("Measure the key pages of each role under load: seed the demo into a database of "
            f"its own, copy it with {REGION} grown to {GROWN_PROGRAMS} programs, serve each with "
            "gunicorn (2 workers, DEBUG off) on loopback and load it with locust, the bare "
            "login page interleaved; write the p50/p95 table into docs/performance.md. Stops "
            "within --budget seconds.")

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=60,
                            help="load per database (shortened to fit the budget)")
        parser.add_argument("--budget", type=int, default=290, help="seconds for everything")
        parser.add_argument("--reseed", action="store_true",
                            help="seed the demo afresh even when the last run's is current")
        parser.add_argument("--no-write", action="store_true",
                            help="print the table without writing docs/performance.md")

    def handle(self, *args, **options):
        started = time.monotonic()
        deadline = run.Deadline(options["budget"])
        databases = run.Databases()
        try:
            self._prepare(deadline, databases, options["reseed"])
            phases = {}
            for which in ("demo", "grown"):
                phases[which] = self._measure(deadline, databases, which, options["seconds"],
                                              phases_left=2 - len(phases))
        except run.OutOfTime as error:
            raise CommandError(str(error)) from None
        section = self._section(phases, databases, time.monotonic() - started)
        self.stdout.write(section)
        if not options["no_write"]:
            DOC.write_text(report.replace_section(DOC.read_text(), section))
            self.stdout.write(f"Written to {DOC.relative_to(settings.BASE_DIR)}.")

    def _prepare(self, deadline, databases, reseed):
        databases.seed_demo(deadline, self.stdout.write, reseed)
        run.manage(deadline, databases.url("grown"), "grow_programs", REGION, str(GROWN_PROGRAMS))
        run.manage(deadline, databases.url("grown"), "start_every_masterplan")

    def _measure(self, deadline, databases, which, seconds, phases_left):
        log = settings.VAR_DIR / f"loadtest-{which}-gunicorn.log"
        server = run.Server(databases.url(which), log)
        try:
            server.wait_ready(deadline)
            # What is left, shared with the phases still to come (each needs ~20 s around it).
            seconds = int(min(seconds, deadline.left() / phases_left - 20))
            if seconds < 15:
                raise run.OutOfTime("too little time left to load the pages")
            self.stdout.write(f"Loading the {which} region for {seconds} s…")
            results = run.run_load(deadline, server.url, _plan(), seconds, USERS,
                                   settings.VAR_DIR / f"loadtest-{which}.json", ROLE_CLASSES)
        finally:
            server.stop()
        failed = {name: count for name, count in results["failures"].items() if count}
        if failed:
            raise CommandError(f"Requests failed on the {which} region: {failed} "
                               f"(gunicorn's log: {log.relative_to(settings.BASE_DIR)})")
        self.seconds = seconds
        return report.summary(results)

    def _section(self, phases, databases, elapsed):
        cores = len(os.sched_getaffinity(0))
        load = os.getloadavg()[0]
        requests = sum(page["count"] for pages in phases.values() for page in pages.values())
        return (
            "## Load test (`make loadtest`)\n\n"
            f"Run {clock.format_datetime(timezone.now())} on {cores} cores: gunicorn with 2 "
            f"workers, DEBUG off, {databases.engine}, {USERS} signed-in users at once (admin, "
            "pembimbing, ketua.bandung, dewan.bandung), each opening its pages in turn with the "
            "bare login page, signed out, between any two; "
            f"{self.seconds} s of load per database, {requests:,} requests, none failed, "
            f"{elapsed:.0f} s in all; the machine's load average (1 min) was {load:.1f} at the "
            "end, other processes included: the bare view shares whatever else runs, so compare "
            "the ratios rather than the milliseconds. *demo*: the seeded demo (Kota Bandung, 30 programs); "
            f"*grown*: the same with Kota Bandung grown to {GROWN_PROGRAMS} programs and a "
            "masterplan started in every other region (552 in all, what the admin pages list). Ratios "
            "compare p95 with the bare view's p95 of the same database's run. KiB: the largest "
            "answer.\n\n" + report.table({"demo": phases["demo"], "grown": phases["grown"]})
        )
