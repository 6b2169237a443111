"""Report attachments: checked by content, stored privately, served only through the access layer.

An upload is accepted only if
1. it is at most MAX_BYTES (20 MB) and not empty;
2. its content is one of the accepted kinds, recognised by its bytes, not by its name or the
   browser's content type: PDF (%PDF), PNG (its 8-byte signature), JPEG (FF D8 FF), DOCX and
   XLSX (zip archives whose [Content_Types].xml declares the Word document or Excel workbook
   main part, and that part is in the archive; macro-enabled variants declare other types);
3. its extension agrees with that content (a PNG named .pdf is refused);
4. a PDF also parses as one, with at least one page, and carries no JavaScript, embedded files or
   launch actions (masterplan.uploads.pdf_problem): a file that merely starts with %PDF is refused.
The stored name is sanitised (no folders, control characters or odd punctuation) and the file is
written through the model's upload_to into the private uploads storage, which the web server
never serves: the download view reaches it through access.scoped_get and answers with the stored
content type, as an attachment, with nosniff (masterplan.file_storage.download_response). A
refused upload leaves no file and no row behind.
"""

import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from masterplan import numbers
from masterplan.uploads import pdf_problem

from . import reports
from .models import Attachment

MB = 1024 * 1024
MAX_BYTES = 20 * MB
MAX_CONTENT_TYPES_BYTES = 1 * MB  # [Content_Types].xml is a few kB in real documents
MAX_NAME_STEM = 100


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    content_type: str
    extensions: tuple


PDF = Kind("pdf", "PDF", "application/pdf", (".pdf",))
PNG = Kind("png", "PNG", "image/png", (".png",))
JPEG = Kind("jpeg", "JPEG", "image/jpeg", (".jpg", ".jpeg"))
DOCX = Kind("docx", "DOCX (Word)",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
XLSX = Kind("xlsx", "XLSX (Excel)",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
KINDS = (PDF, DOCX, XLSX, PNG, JPEG)
BY_EXTENSION = {extension: kind for kind in KINDS for extension in kind.extensions}
ACCEPT = ",".join(extension for kind in KINDS for extension in kind.extensions)

# The main part's content type that makes a zip archive a Word document or an Excel workbook.
OOXML_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
ZIP_SIGNATURE = b"PK\x03\x04"


class AttachmentRefused(ValidationError):
    """An upload that is not accepted; its message says why."""


def accepted_kinds_text():
    return ", ".join(kind.label for kind in KINDS)


def clean_filename(name):
    """A safe file name from what the browser sent: no folders, controls or odd punctuation;
    the extension lower-cased; the stem at most MAX_NAME_STEM characters."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in "CZ" or ch == " ")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    extension = re.sub(r"[^0-9A-Za-z]", "", extension).lower()[:10]
    stem = re.sub(r"[^\w\-. ]+", "_", stem)
    stem = re.sub(r"[_ ]*[_ ][_ ]*", lambda m: "_" if "_" in m.group() else " ", stem)
    stem = stem.strip(" _-.")[:MAX_NAME_STEM].strip(" _-.")
    try:
        stem = get_valid_filename(stem) if stem else ""
    except SuspiciousFileOperation:
        stem = ""
    stem = stem or "lampiran"
    return f"{stem}.{extension}" if extension else stem


def sniff(stream):
    """The Kind that the bytes of `stream` (a seekable binary file) are, or None."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF"):
        return PDF
    if head == PNG_SIGNATURE:
        return PNG
    if head.startswith(JPEG_SIGNATURE):
        return JPEG
    if head.startswith(ZIP_SIGNATURE):
        return _ooxml_kind(stream)
    return None


def _ooxml_kind(stream):
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            entry = archive.getinfo("[Content_Types].xml")
            if entry.file_size > MAX_CONTENT_TYPES_BYTES:
                return None
            root = SafeET.fromstring(archive.read(entry))
    except (KeyError, zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError, RuntimeError, SafeET.ParseError, DefusedXmlException):
        return None
    finally:
        stream.seek(0)
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] != "Override":
            continue
        kind = OOXML_MAIN_TYPES.get(element.get("ContentType", ""))
        if kind is not None and element.get("PartName", "").lstrip("/") in names:
            return kind
    return None


def check_upload(uploaded, name):
    """The Kind of an upload named `name` (already cleaned), or AttachmentRefused."""
    size = uploaded.size or 0
    if size > MAX_BYTES:
        raise AttachmentRefused(
            _("Berkas “%(name)s” terlalu besar (%(size)s MB); lampiran paling besar %(limit)s MB.")
            % {"name": name, "size": numbers.format_decimal(size / MB, 1), "limit": MAX_BYTES // MB})
    if size == 0:
        raise AttachmentRefused(_("Berkas “%(name)s” kosong.") % {"name": name})
    extension = os.path.splitext(name)[1].lower()
    expected = BY_EXTENSION.get(extension)
    if expected is None:
        raise AttachmentRefused(
            _("Jenis berkas “%(name)s” tidak diterima. Lampiran harus berupa %(kinds)s.")
            % {"name": name, "kinds": accepted_kinds_text()})
    actual = sniff(uploaded)
    if actual is None:
        raise AttachmentRefused(
            _("Isi berkas “%(name)s” bukan %(kind)s yang sah. Lampiran harus berupa %(kinds)s, "
              "dan isinya diperiksa, bukan hanya namanya.")
            % {"name": name, "kind": expected.label, "kinds": accepted_kinds_text()})
    if actual != expected:
        raise AttachmentRefused(
            _("Ekstensi berkas “%(name)s” tidak sesuai dengan isinya: namanya %(expected)s, "
              "isinya %(actual)s. Ganti nama berkas dengan ekstensi yang benar.")
            % {"name": name, "expected": expected.label, "actual": actual.label})
    if actual is PDF:
        problem = pdf_problem(uploaded, name)
        if problem:
            raise AttachmentRefused(problem)
    return actual


def add_attachment(report, uploaded, user):
    """Check and store an upload on `report`. AttachmentRefused or reports.ReportLocked leave
    nothing behind."""
    message = reports.lock_message(report)
    if message:
        raise reports.ReportLocked(message)
    name = clean_filename(getattr(uploaded, "name", ""))
    kind = check_upload(uploaded, name)
    attachment = Attachment(report=report, original_name=name, content_type=kind.content_type,
                            size=uploaded.size, uploaded_by=user)
    stored = False
    try:
        with transaction.atomic():
            reports.lock_for_change(report)
            attachment.file.save(name, uploaded, save=False)
            stored = True
            attachment.save()
    except BaseException:
        if stored:
            attachment.file.delete(save=False)
        raise
    return attachment


def delete_attachment(attachment):
    """Remove an attachment and its file; ReportLocked while a signature stands."""
    with transaction.atomic():
        reports.lock_for_change(attachment.report)
        storage, name = attachment.file.storage, attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(name))
