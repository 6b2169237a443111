"""The two file storages and how a stored file reaches the browser.

"uploads" holds what people upload (workbook imports, regulation documents, Bimtek attachments,
logos), "generated" what the render pipeline writes (books, batch exports); settings.STORAGES
configures both, on the local disk or in a private S3-compatible bucket. Code reads and writes
files only through these storages (open, save, exists, delete), never by a local path, so a
worker on another machine sees the same files as the web process.

A download is answered after the access layer allowed it: streamed from a local storage, or
redirected to a signed URL valid for settings.S3_URL_EXPIRE seconds when the storage signs
URLs (a private bucket), so the web process does not carry the bytes.
"""

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.functional import LazyObject, empty
from django.utils.http import content_disposition_header


class StorageAlias(LazyObject):
    """The storage configured under `alias`, looked up when first used (and again after a test
    changed STORAGES), so a FileField holding it follows the settings."""

    alias = None

    def _setup(self):
        self._wrapped = storages[self.alias]


class UploadsStorage(StorageAlias):
    alias = "uploads"


class GeneratedStorage(StorageAlias):
    alias = "generated"


UPLOADS = UploadsStorage()
GENERATED = GeneratedStorage()


def uploads_storage():
    """The storage of the upload fields (a callable, so migrations name it, not its settings)."""
    return UPLOADS


def _forget_storages(*, setting, **kwargs):
    if setting == "STORAGES":
        UPLOADS._wrapped = empty
        GENERATED._wrapped = empty


setting_changed.connect(_forget_storages)


def signs_urls(storage):
    """True for a private bucket whose URLs carry a signature (django-storages' S3Storage)."""
    return bool(getattr(storage, "querystring_auth", False))


def download_response(field_file, filename, content_type, missing_message):
    """The answer to a permitted download of `field_file`: a redirect to a short-lived signed
    URL, or the file streamed as an attachment. Http404 with `missing_message` when the file is
    not in its storage."""
    storage, name = field_file.storage, field_file.name
    if signs_urls(storage):
        if not name or not storage.exists(name):
            raise Http404(missing_message)
        url = storage.url(name, expire=settings.S3_URL_EXPIRE, parameters={
            "ResponseContentDisposition": content_disposition_header(True, filename),
            "ResponseContentType": content_type,
            "ResponseCacheControl": "private, no-store",
        })
        response = HttpResponseRedirect(url)
    else:
        try:
            stream = field_file.open("rb")
        except (FileNotFoundError, OSError, ValueError):
            raise Http404(missing_message) from None
        response = FileResponse(stream, as_attachment=True, filename=filename,
                                content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
