"""`make bench`: how long the changes page of a region takes as its pembimbing opens it (the
summary, then each section's first page as the summary loads it when a section is opened), with
the queries each request makes and the size of the HTML it answers."""

import time
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masterplan import changes
from masterplan.models import Membership, Role

from ._regions import current_masterplan_of


class Rollback(Exception):
    """Raised to undo the bench's session rows."""


def host():
    """A host name the settings allow (the client's requests are refused otherwise)."""
    return next((name for name in settings.ALLOWED_HOSTS if name != "*" and not
                 name.startswith(".")), "localhost")


def fetch(client, url, **headers):
    """(response, seconds, queries) of one GET over HTTPS, timed once the process is warm."""
    client.get(url, secure=True, **headers)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url, secure=True, **headers)
        seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise CommandError(f"GET {url} answered {response.status_code}")
    return response, seconds, len(queries)


class Command(BaseCommand):
    help = "Benchmark the changes page of a region (default: 32.73) as its pembimbing sees it."

    def add_arguments(self, parser):
        parser.add_argument("region_code", nargs="?", default="32.73")

    def handle(self, *args, **options):
        masterplan = current_masterplan_of(options["region_code"])
        region = masterplan.region
        membership = (Membership.objects.filter(region=region, role=Role.PEMBIMBING)
                      .select_related("user").first())
        if membership is None:
            raise CommandError(f"{region.code} has no pembimbing; run seed_demo first.")
        try:
            with transaction.atomic():
                self.bench(region, masterplan, membership.user)
                raise Rollback
        except Rollback:
            pass

    def bench(self, region, masterplan, user):
        client = Client(HTTP_HOST=host())
        client.force_login(user)
        since = changes.default_since(masterplan)
        summary = changes.summary(masterplan, since)
        total = sum(section.total for section in summary)
        self.stdout.write(f"{region.code} {region.display_name}: {total} changes since "
                          f"{changes.moment_label(since)} in {len(summary)} sections, as "
                          f"{user.username}")
        self.stdout.write(f"{'request':<40}{'seconds':>9}{'queries':>9}{'KiB':>8}")
        url = reverse("masterplan_changes", kwargs={"region_code": region.code})
        self.row("summary", *fetch(client, url))
        for section in summary:
            url = reverse("masterplan_changes_section",
                          kwargs={"region_code": region.code, "section": section.key})
            response, seconds, queries = fetch(client, f"{url}?sejak={quote(since.isoformat())}",
                                               HTTP_HX_REQUEST="true")
            self.row(f"{section.key} ({section.total}), first page", response, seconds, queries)

    def row(self, name, response, seconds, queries):
        self.stdout.write(f"{name:<40}{seconds:>9.2f}{queries:>9}"
                          f"{len(response.content) / 1024:>8.0f}")
