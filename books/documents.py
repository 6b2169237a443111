"""The books as a document kind of the core's render pipeline (masterplan/documents.py): a job
of kind BOOK renders the book whose number is its `part`."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan.documents import Document, DocumentKind
from masterplan.rendering import pipeline
from masterplan.rendering.typesetting import html_to_pdf

from .layout import book_html
from .models import Book

BOOK = "book"

FAILED = gettext_lazy("Buku gagal dibuat karena kesalahan pada server. Coba lagi; jika "
                      "terulang, hubungi admin Kominfo.")


def request_render(masterplan, book, user, *, final=False):
    """Queue the render of one book of `masterplan`."""
    if book not in Book.values:
        raise ValueError(f"unknown book {book!r}")
    return pipeline.request_render(masterplan, BOOK, user, part=book, final=final)


def _document(job):
    folder = f"{job.masterplan.region.code}/{job.masterplan_id}"
    return Document(html=lambda: book_html(job.part, job.masterplan)[0],
                    typeset=lambda html: html_to_pdf(html)[:2],
                    stem=f"books/{folder}/buku-{job.part}")


def _download_name(job):
    return f"{job.masterplan.region.code}-buku-{job.part}{'' if job.is_final else '-draf'}.pdf"


def _origin(job):
    return (reverse("books", kwargs={"region_code": job.masterplan.region.code}),
            _("Buku masterplan"))


KIND = DocumentKind(key=BOOK, document=_document, label=lambda job: Book(job.part).label,
                    download_name=_download_name, origin=_origin, failed=FAILED,
                    select_related=("masterplan__region",))
