"""`make bench`: how long the public portal's pages of a region take, signed out, against the
bare login page (the same middleware, a small template and no query): the demo as it is, then the
region grown to 230 programs (demo/grow.py, rolled back afterwards). Each request is timed
`--repeat` times once the process is warm; the median is printed with the queries and the size of
the HTML. A region that is not published is published for the run (and rolled back)."""

import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from demo.grow import grow
from masterplan.models import Region
from masterplan.services import current_masterplan
from portal.models import Publication

GROWN = 230


class Rollback(Exception):
    """Raised to undo what the bench changed."""


def host():
    """A host name the settings allow (the client's requests are refused otherwise)."""
    return next((name for name in settings.ALLOWED_HOSTS if name != "*" and not
                 name.startswith(".")), "localhost")


def pages(code):
    def url(name):
        return reverse(name, kwargs={"region_code": code})
    return [
        ("national list", reverse("portal_national")),
        ("sitemap.xml", reverse("portal_sitemap")),
        ("overview", url("portal_region")),
        ("programs (1st dimension)", url("portal_programs")),
        ("roadmap and budget", url("portal_roadmap")),
        ("KPI (1st dimension)", url("portal_kpi")),
        ("bodies and regulations", url("portal_institutions")),
    ]


class Command(BaseCommand):
    help = "Benchmark the public portal's pages of a region (default: 32.73) against the login page."

    def add_arguments(self, parser):
        parser.add_argument("region_code", nargs="?", default="32.73")
        parser.add_argument("--repeat", type=int, default=7)
        parser.add_argument("--programs", type=int, default=GROWN)

    def handle(self, *args, **options):
        region = Region.objects.filter(code=options["region_code"]).first()
        masterplan = current_masterplan(region) if region else None
        if masterplan is None:
            raise CommandError(f"{options['region_code']} has no masterplan; run seed_demo first.")
        self.repeat = max(1, options["repeat"])
        self.client = Client(HTTP_HOST=host())
        try:
            with transaction.atomic():
                Publication.objects.get_or_create(masterplan=masterplan,
                                                  defaults={"as_draft": True,
                                                            "published_at": timezone.now()})
                self.table(f"{region.code} {region.display_name}, "
                           f"{masterplan.programs.count()} programs", region.code)
                grow(masterplan, options["programs"])
                self.table(f"{region.code} grown to {masterplan.programs.count()} programs "
                           "(rolled back)", region.code)
                raise Rollback
        except Rollback:
            pass

    def fetch(self, url):
        """(median seconds, queries, bytes) of a signed-out GET, after one warm-up request."""
        self.client.get(url, secure=True)
        times = []
        for _ in range(self.repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = self.client.get(url, secure=True)
                times.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise CommandError(f"GET {url} answered {response.status_code}")
        return statistics.median(times), len(queries), len(response.content)

    def table(self, title, code):
        bare, _queries, _size = self.fetch(reverse("login"))
        self.stdout.write(title)
        self.stdout.write(f"  {'page':<28}{'ms':>8}{'× login':>9}{'queries':>9}{'KiB':>8}")
        self.stdout.write(f"  {'login page (bare)':<28}{bare * 1000:>8.1f}{1:>9.1f}{0:>9}{'':>8}")
        for label, url in pages(code):
            seconds, queries, size = self.fetch(url)
            self.stdout.write(f"  {label:<28}{seconds * 1000:>8.1f}{seconds / bare:>9.1f}"
                              f"{queries:>9}{size / 1024:>8.1f}")
