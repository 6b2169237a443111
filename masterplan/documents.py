"""The kinds of document the render pipeline renders as PDF (masterplan/rendering/pipeline.py).

An app registers each kind from its registrations.py. A RenderJob names its kind by key
(`RenderJob.kind`); whatever else says which document it is (a book's number in `RenderJob.part`,
a row of the app linking the job to what it renders) belongs to the kind, which answers from the
job alone: the Document to render, the label the pages show, the name of the download and the
message shown when the server failed to render it, and the page it was asked for on.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """What a job renders: `html()` gathers and lays out, `typeset(html)` gives (PDF, pages);
    the file is stored as `<stem>-<hash>.pdf` (the kind's `extension`). `typeset` runs in a
    bounded child process and takes whatever `html()` answered (a kind writing a zip gathers
    its files there)."""

    html: Callable[[], str]
    typeset: Callable[[str], tuple[bytes, int]]
    stem: str


@dataclass(frozen=True)
class DocumentKind:
    key: str  # stored in RenderJob.kind
    document: Callable  # (job) -> Document
    label: Callable  # (job) -> what the pages call the job's document
    download_name: Callable  # (job) -> the PDF's file name when downloaded
    origin: Callable  # (job) -> (URL, link text) of the page the job was asked for on
    failed: str  # the job's message when the server failed to render it
    # Lookups from RenderJob that `document`, `label` and `download_name` follow.
    select_related: tuple[str, ...] = ()
    # What `typeset` writes: a PDF (its page count stored) unless the kind says otherwise, e.g.
    # a zip of files (the count being its files).
    extension: str = "pdf"
    media_type: str = "application/pdf"
    file_type: str = "PDF"  # "Unduh PDF"
    count_unit: str = "halaman"  # "12 halaman"


_kinds: dict[str, DocumentKind] = {}


def register(kind):
    _kinds[kind.key] = kind
    return kind


def kind_of(job):
    """The registered kind of `job`; LookupError for a kind no app registers."""
    try:
        return _kinds[job.kind]
    except KeyError:
        raise LookupError(f"no document kind {job.kind!r} is registered") from None


def related_lookups():
    """Every registered kind's select_related lookups from RenderJob."""
    return sorted({lookup for kind in _kinds.values() for lookup in kind.select_related})
