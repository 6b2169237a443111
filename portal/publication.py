"""The one place that decides what is public: a masterplan with a Publication row, and only
what hangs from it. Every public page, open-data file and anonymous API answer starts here."""

from books.documents import BOOK
from books.models import Book
from masterplan.models import Masterplan
from masterplan.models_render import JobStatus, RenderJob

from .models import Publication


def published_masterplans():
    """The published masterplans, each with its publication and region loaded."""
    return (Masterplan.objects.filter(publication__isnull=False)
            .select_related("publication", "region", "region__province", "region__batch",
                            "edition"))


def published_masterplan_of(region_code):
    """The region's published masterplan, or None (an unpublished one is None too)."""
    return published_masterplans().filter(region__code=region_code).first()


def is_published(masterplan):
    return Publication.objects.filter(masterplan=masterplan).exists()


def is_public_book(job, publication):
    """Is the render `job` one the portal offers for `publication`'s masterplan? A book of the
    published masterplan that rendered: a final render for a ditetapkan publication, a draft
    render for a published draft."""
    return (job.masterplan_id == publication.masterplan_id and job.kind == BOOK
            and job.status == JobStatus.SUCCEEDED and bool(job.file)
            and job.is_final == (not publication.as_draft))


def public_book_jobs(masterplan):
    """The render jobs of the published `masterplan`'s books the portal may hand out, newest
    first (see is_public_book); none for a masterplan that is not published."""
    publication = getattr(masterplan, "publication", None)
    if publication is None:
        return RenderJob.objects.none()
    return (RenderJob.objects.filter(masterplan=masterplan, kind=BOOK, status=JobStatus.SUCCEEDED,
                                     is_final=not publication.as_draft)
            .exclude(file="").order_by("-finished_at", "-pk"))


def public_books(masterplan):
    """[(book number, label, job or None)] for Buku I–III: the latest render of each that the
    portal offers (one query)."""
    latest = {}
    for job in public_book_jobs(masterplan).only("pk", "part", "is_final", "finished_at",
                                                 "page_count", "masterplan_id"):
        latest.setdefault(job.part, job)
    return [(value, label, latest.get(value)) for value, label in Book.choices]
