import os
import secrets
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from masterplan import clock

from ...loadtest import report, run
from .loadtest import DOC, REGION, _plan

USERS = 50
WRITERS = ["ketua.bandung", "anggota.bandung"]
STOP_SECONDS = 20  # for the users' last requests, slow under this load
# The first thread of the region's current masterplan, read from the load test's database.
THREAD_QUERY = f"""
from masterplan.models import Comment, Region
from masterplan.services import current_masterplan
masterplan = current_masterplan(Region.objects.get(code="{REGION}"))
print(Comment.objects.filter(masterplan=masterplan, parent=None).order_by("pk")
      .values_list("pk", flat=True).first())
"""
COUNT_QUERY = """
from masterplan.models import Comment
print(Comment.objects.filter(text__startswith="{tag} ").count())
"""


class Command(BaseCommand):
    help = (f"A mixed load of {USERS} users (readers of every role and team members replying in "
            "a comment thread) on a copy of the demo served by gunicorn; counts the replies "
            "saved afterwards against those answered as saved, and writes the outcome into "
            "docs/performance.md. Stops within --budget seconds.")

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=120)
        parser.add_argument("--budget", type=int, default=290, help="seconds for everything")
        parser.add_argument("--no-write", action="store_true")

    def handle(self, *args, **options):
        started = time.monotonic()
        deadline = run.Deadline(options["budget"])
        databases = run.Databases()
        try:
            url = self._prepare(deadline, databases)
            thread = run.query(deadline, url, THREAD_QUERY)
            if thread == "None":
                raise CommandError(f"{REGION} has no comment thread to reply in.")
            kwargs = {"region_code": REGION, "comment_pk": int(thread)}
            tag = f"loadtest-{secrets.token_hex(4)}"
            plan = {**_plan(), "writers": WRITERS, "tag": tag,
                    "thread": reverse("comment_thread", kwargs=kwargs),
                    "reply": reverse("comment_reply", kwargs=kwargs)}
            server = run.Server(url, settings.VAR_DIR / "loadtest-mixed-gunicorn.log")
            try:
                server.wait_ready(deadline)
                seconds = int(min(options["seconds"], deadline.left() - 45 - STOP_SECONDS))
                if seconds < 15:
                    raise run.OutOfTime("too little time left for the mixed load")
                self.stdout.write(f"{USERS} users for {seconds} s…")
                results = run.run_load(deadline, server.url, plan, seconds, USERS,
                                       settings.VAR_DIR / "loadtest-mixed.json",
                                       ["Reader", "Writer"], spawn_rate=10,
                                       stop_timeout=STOP_SECONDS)
            finally:
                server.stop()
            saved = int(run.query(deadline, url, COUNT_QUERY.format(tag=tag)))
        except run.OutOfTime as error:
            raise CommandError(str(error)) from None
        outcome = self._outcome(results, saved, seconds, time.monotonic() - started)
        self.stdout.write(outcome["text"])
        if not options["no_write"]:
            DOC.write_text(report.replace_section(DOC.read_text(), outcome["text"],
                                                  marker="loadtest-mixed"))
        if outcome["errors"] or outcome["lost"] or outcome["unanswered"]:
            raise CommandError("The mixed load had errors or lost writes (see above).")

    def _prepare(self, deadline, databases):
        """A copy of the seeded demo (the writes never reach the demo the page load reuses)."""
        databases.seed_demo(deadline, self.stdout.write)
        return databases.url("grown")

    def _outcome(self, results, saved, seconds, elapsed):
        timings = results["timings"]
        answered = len(timings.get("writer: reply", []))
        errors = sum(results["failures"].values())
        reads = [ms for name, times in timings.items()
                 if not name.startswith(("writer:", report.SETUP_PREFIX)) for ms in times]
        writes = timings.get("writer: reply", [])
        requests = sum(len(times) for times in timings.values())
        text = (
            "## Mixed load (`make loadtest-mixed`)\n\n"
            f"Run {clock.format_datetime(timezone.now())} on {len(os.sched_getaffinity(0))} "
            f"cores (load average {os.getloadavg()[0]:.1f} at the end): {USERS} users for "
            f"{seconds} s against gunicorn with 2 workers, DEBUG off, "
            f"{run.Databases().engine}, on a copy of the demo; four in five read the pages of "
            "the four roles, one in five (ketua.bandung, anggota.bandung) replies in a comment "
            "thread of Kota Bandung, each user clicking every one to three seconds. "
            f"{elapsed:.0f} s in all.\n\n"
            "| requests | errors | replies answered as saved | replies in the database | lost "
            "| read p50 / p95 ms | reply p50 / p95 ms |\n"
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
            f"| {requests:,} | {errors} | {answered} | {saved} | {max(answered - saved, 0)} "
            f"| {report.percentile(reads, 50) or 0:,.0f} / {report.percentile(reads, 95) or 0:,.0f} "
            f"| {report.percentile(writes, 50) or 0:,.0f} / {report.percentile(writes, 95) or 0:,.0f} |"
        )
        # A reply saved though its request failed would be counted here: saved beyond answered.
        return {"text": text, "errors": errors, "lost": max(answered - saved, 0),
                "unanswered": max(saved - answered, 0)}
