"""Kota Bandung's masterplan on the public portal: published by its ketua as a marked draft
(its status is Perlu revisi, not Ditetapkan), with its three books rendered as drafts through the
render pipeline, so the portal has content and downloads out of the box. Kabupaten Banyuwangi
stays unpublished.

Idempotent: the masterplan is published once (a second seed logs nothing new) and a book is asked
for only when no draft render of it succeeded or is still under way. The renders are sent on
commit like any other (masterplan/runner.py): in the seed's process without a broker
(`wait_for_books` waits for the background runner), to the workers with one.
`settings.DEMO_RENDER_BOOKS = False` leaves them out (the test suite, where most tests need no
PDF)."""

from django.conf import settings

from books.documents import BOOK, request_render
from books.models import Book
from masterplan import runner
from masterplan.models import JobStatus, RenderJob, User
from portal import services
from portal.models import Publication

NOTE = "Diterbitkan sebagai draf untuk demo portal publik."
UNDER_WAY = (JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.SUCCEEDED)


def request_books(masterplan, user):
    """Ask for the draft books of `masterplan` that have no draft render done or under way;
    answers the books asked for."""
    have = set(RenderJob.objects.filter(masterplan=masterplan, kind=BOOK, is_final=False,
                                        status__in=UNDER_WAY).values_list("part", flat=True))
    wanted = [book for book in Book.values if book not in have]
    for book in wanted:
        request_render(masterplan, book, user, final=False)
    return wanted


def wait_for_books():
    """Without a broker, wait until the seed's process has rendered what it asked for."""
    if settings.TASK_RUNNER == runner.BACKGROUND:
        runner.wait_idle()


def seed(full, empty):
    ketua = User.objects.get(username="ketua.bandung")
    if settings.DEMO_RENDER_BOOKS:
        request_books(full, ketua)
    if not Publication.objects.filter(masterplan=full).exists():
        services.publish(full, ketua, as_draft=True, note=NOTE)
