"""What WeasyPrint may load while typesetting a document. A book may load only the project's own
static files and uploaded files (a logo): no network, nothing else on the disk (the same idea as
django-weasyprint's DjangoURLFetcher, stricter); a Bimtek report nothing but data: URLs.

An uploaded file is named in the HTML as MEDIA_URL + its storage name (`media_src`) and read
through the uploads storage, so a worker renders the same logo whether the storage is the local
disk or a bucket, without access to the web machine's disk."""

import mimetypes
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation, SuspiciousOperation
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..file_storage import UPLOADS


class FetchRefused(ValueError):
    pass


def media_src(name):
    """The URL a document names the uploaded file `name` by (never the storage's own URL, which
    for a bucket is a signed link to the network)."""
    return "/" + settings.MEDIA_URL.strip("/") + "/" + quote(name)


@dataclass(frozen=True)
class UploadedFile:
    """A file of the uploads storage, read like a Path."""

    name: str

    def read_bytes(self):
        with UPLOADS.open(self.name, "rb") as handle:
            return handle.read()


def _uploaded(name):
    parts = PurePosixPath(name).parts
    if not name or name.startswith("/") or "\\" in name or ".." in parts:
        return None
    try:
        return UploadedFile(name) if UPLOADS.exists(name) else None
    except (SuspiciousOperation, OSError, ValueError):
        return None


def resolve(url):
    """The file a document may use for `url` (a static file's Path or an UploadedFile), or
    FetchRefused."""
    parsed = urlparse(url)
    if parsed.scheme not in ("", "file") or parsed.netloc:
        raise FetchRefused(f"refused to fetch {url!r}: only the project's own files")
    path = unquote(parsed.path)
    static_prefix = "/" + settings.STATIC_URL.lstrip("/")
    media_prefix = "/" + settings.MEDIA_URL.lstrip("/")
    if path.startswith(static_prefix):
        try:
            found = finders.find(path[len(static_prefix):])
        except SuspiciousFileOperation:
            found = None
        if found:
            return Path(found)
    elif path.startswith(media_prefix):
        found = _uploaded(path[len(media_prefix):])
        if found:
            return found
    raise FetchRefused(f"refused to fetch {url!r}: not a static or media file of the project")


class ProjectFilesFetcher(URLFetcher):
    """Serves data: URLs and the project's static/media files; refuses everything else."""

    def __init__(self):
        super().__init__(allowed_protocols=("file", "data"), fail_on_errors=False)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        found = resolve(url)
        mime_type, _encoding = mimetypes.guess_type(found.name)
        try:
            data = found.read_bytes()
        except OSError as error:
            raise FetchRefused(f"could not read {url!r}: {error}") from None
        return URLFetcherResponse(url, data,
                                  {"Content-Type": mime_type or "application/octet-stream"})


# Relative and root-relative URLs in a document's HTML ("/static/...") resolve against this base.
BASE_URL = "file:///"


class DataOnlyFetcher(URLFetcher):
    """Refuses every URL except data: (for documents that embed nothing from the network or
    disk, like a Bimtek report)."""

    def __init__(self):
        super().__init__(timeout=1, allowed_protocols={"data"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        if not str(url).strip().lower().startswith("data:"):
            raise ValueError(f"Refused to fetch {str(url)[:80]!r}: reports embed nothing external.")
        return super().fetch(url, headers)
