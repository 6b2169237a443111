"""What WeasyPrint may load while typesetting a document. A book may load only the project's own
static and media files: no network, nothing else on the disk (the same idea as
django-weasyprint's DjangoURLFetcher, stricter); a Bimtek report nothing but data: URLs."""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint.urls import URLFetcher, URLFetcherResponse


class FetchRefused(ValueError):
    pass


def _inside(path, root):
    try:
        path.resolve().relative_to(Path(root).resolve())
    except ValueError:
        return False
    return True


def resolve(url):
    """The local file a document may use for `url`, or FetchRefused."""
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
        candidate = Path(settings.MEDIA_ROOT) / path[len(media_prefix):]
        if _inside(candidate, settings.MEDIA_ROOT) and candidate.is_file():
            return candidate
    raise FetchRefused(f"refused to fetch {url!r}: not a static or media file of the project")


class ProjectFilesFetcher(URLFetcher):
    """Serves data: URLs and the project's static/media files; refuses everything else."""

    def __init__(self):
        super().__init__(allowed_protocols=("file", "data"), fail_on_errors=False)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = resolve(url)
        mime_type, _encoding = mimetypes.guess_type(path.name)
        return URLFetcherResponse(url, path.read_bytes(),
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
