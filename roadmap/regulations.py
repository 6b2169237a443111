"""Smart city regulations (the guide's Penetapan Regulasi Smart City) and their documents.

Rules:
* every masterplan has the guide's four regulations (services.ensure_rows): Perda Rencana Induk,
  Perkada on quick wins, Keputusan on the Dewan and Tim Pelaksana, juklak/juknis. Their titles
  are the guide's and they cannot be deleted; the region may add other regulations (title of
  its own) and delete those;
* each has a status (belum ada / draf / dibahas DPRD / ditetapkan), a number and a date; number
  and date are required once it is ditetapkan, and the date cannot lie in the future; edits are
  versioned (masterplan.editing);
* a document is a PDF of at most MAX_DOCUMENT_BYTES (20 MB), named .pdf and recognised by its
  content: it must parse as a PDF with at least one page and carry no JavaScript, embedded files
  or launch actions (masterplan.uploads.pdf_problem); the browser's content type is ignored.
  The stored name is sanitised. A refused upload stores nothing; replacing or removing a
  document checks the version the page showed and deletes the old file once the change is
  committed;
* documents live in the private uploads storage, which is never served: the download view
  reaches them through access.scoped_get and answers as an attachment with nosniff
  (views/regulations.py, masterplan.file_storage.download_response).
"""

import os
import re
import unicodedata

from django import forms
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan import clock, numbers, ordering
from masterplan.editing import VersionedFormMixin, save_versioned
from masterplan.uploads import PDF_MAGIC, pdf_problem

from .models import Regulation, RegulationStatus

MB = 1024 * 1024
MAX_DOCUMENT_BYTES = 20 * MB
MAX_NAME_STEM = 100
PDF_CONTENT_TYPE = "application/pdf"


class DocumentRefused(ValidationError):
    """An upload that is not accepted; its message says why."""


class DocumentChanged(Exception):
    """The regulation was changed since the page was loaded; the document was not changed."""

    def __init__(self, current):
        super().__init__("regulation changed")
        self.current = current

    @property
    def message(self):
        who = getattr(self.current, "updated_by", None)
        return _("Regulasi “%(title)s” sudah diubah oleh %(who)s sejak Anda membuka halaman ini, "
                 "jadi dokumennya belum diubah. Periksa isinya sekarang, lalu ulangi.") % {
            "title": self.current.title, "who": str(who) if who else _("pengguna lain")}


def regulations_of(masterplan):
    return Regulation.objects.filter(masterplan=masterplan).select_related("updated_by") \
        .order_by("position", "pk")


def is_guide_item(regulation):
    return bool(regulation.code)


def document_name(regulation):
    return os.path.basename(regulation.document.name) if regulation.document else ""


# --- uploads -----------------------------------------------------------------------------------

def clean_filename(name, default="dokumen"):
    """A safe file name from what the browser sent: no folders, control characters or odd
    punctuation; the extension lower-cased; the stem at most MAX_NAME_STEM characters."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in "CZ" or ch == " ")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    extension = re.sub(r"[^0-9A-Za-z]", "", extension).lower()[:10]
    stem = re.sub(r"[^\w\- ]+", "_", stem).strip(" _-")[:MAX_NAME_STEM].strip(" _-")
    try:
        stem = re.sub(r"_{2,}", "_", get_valid_filename(stem)) if stem else ""
    except SuspiciousFileOperation:
        stem = ""
    stem = stem or default
    return f"{stem}.{extension}" if extension else stem


def _size_text(size):
    return numbers.format_decimal(size / MB, 1)


def check_pdf(uploaded, name):
    """Refuse (DocumentRefused) an upload named `name` (cleaned) that is not a PDF of at most
    MAX_DOCUMENT_BYTES, judged by its size, its extension and its content (it must parse as a
    PDF without JavaScript or embedded files)."""
    size = uploaded.size or 0
    if size > MAX_DOCUMENT_BYTES:
        raise DocumentRefused(_(
            "Berkas “%(name)s” terlalu besar (%(size)s MB); dokumen regulasi paling besar "
            "%(limit)s MB.") % {"name": name, "size": _size_text(size),
                                "limit": MAX_DOCUMENT_BYTES // MB})
    if size == 0:
        raise DocumentRefused(_("Berkas “%(name)s” kosong.") % {"name": name})
    if os.path.splitext(name)[1].lower() != ".pdf":
        raise DocumentRefused(_(
            "Berkas “%(name)s” bukan PDF. Unggah dokumen regulasi sebagai berkas .pdf.")
            % {"name": name})
    uploaded.seek(0)
    head = uploaded.read(len(PDF_MAGIC))
    uploaded.seek(0)
    if head != PDF_MAGIC:
        raise DocumentRefused(_(
            "Isi berkas “%(name)s” bukan PDF yang sah, walaupun namanya berakhiran .pdf. "
            "Isinya diperiksa, bukan hanya namanya; unggah dokumen PDF aslinya.")
            % {"name": name})
    problem = pdf_problem(uploaded, name)
    if problem:
        raise DocumentRefused(problem)


class DocumentForm(forms.Form):
    document = forms.FileField(
        label=gettext_lazy("Dokumen (PDF, paling besar 20 MB)"),
        error_messages={"required": gettext_lazy("Pilih berkas PDF yang akan diunggah."),
                        "empty": gettext_lazy("Berkas yang dipilih kosong."),
                        "invalid": gettext_lazy("Berkas tidak terbaca; pilih lagi.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}))
    version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=1,
        error_messages={key: gettext_lazy("Versi data tidak terbaca; muat ulang halaman lalu "
                                          "coba lagi.")
                        for key in ("required", "invalid", "min_value")})

    def clean_document(self):
        uploaded = self.cleaned_data["document"]
        check_pdf(uploaded, clean_filename(uploaded.name))
        return uploaded


def _claim(regulation, seen_version, user):
    """Bump the version if it is still `seen_version` (inside a transaction), else raise
    DocumentChanged."""
    seen_version = seen_version or regulation.version
    bumped = Regulation.objects.filter(pk=regulation.pk, version=seen_version).update(
        version=F("version") + 1)
    if not bumped:
        raise DocumentChanged(Regulation.objects.select_related("updated_by").get(pk=regulation.pk))
    regulation.version = seen_version + 1
    regulation.updated_by = user


def delete_file_on_commit(storage, name):
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def replace_document(regulation, uploaded, user, seen_version=None):
    """Check and store `uploaded` as the regulation's document, replacing the old one.
    DocumentRefused or DocumentChanged leave no file and no change behind."""
    name = clean_filename(getattr(uploaded, "name", ""))
    check_pdf(uploaded, name)
    field = regulation.document
    storage, old = field.storage, field.name
    stored = None
    try:
        with transaction.atomic():
            _claim(regulation, seen_version, user)
            field.save(name, uploaded, save=False)
            stored = field.name
            regulation.save(update_fields=["document", "version", "updated_by", "updated_at"])
            if old and old != stored:
                delete_file_on_commit(storage, old)
    except BaseException:
        if stored:
            storage.delete(stored)
        regulation.document.name = old
        raise
    return regulation


def remove_document(regulation, user, seen_version=None):
    """Remove the regulation's document (the file goes once committed)."""
    field = regulation.document
    if not field:
        return regulation
    storage, old = field.storage, field.name
    with transaction.atomic():
        _claim(regulation, seen_version, user)
        regulation.document = ""
        regulation.save(update_fields=["document", "version", "updated_by", "updated_at"])
        delete_file_on_commit(storage, old)
    return regulation


# --- status, number and date -------------------------------------------------------------------

class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class RegulationForm(VersionedFormMixin, forms.ModelForm):
    """Status, number and date; the title too for a regulation the region added."""

    class Meta:
        model = Regulation
        fields = ["title", "status", "number", "date"]
        widgets = {"date": DateInput, "title": forms.Textarea(attrs={"rows": 2})}
        labels = {"date": gettext_lazy("Tanggal penetapan"),
                  "number": gettext_lazy("Nomor")}
        error_messages = {"title": {"required": gettext_lazy("Tuliskan nama regulasinya.")},
                          "date": {"invalid": gettext_lazy(
                              "Tanggal tidak terbaca; gunakan pemilih tanggal.")}}

    def __init__(self, *args, masterplan, **kwargs):
        self.masterplan = masterplan
        super().__init__(*args, **kwargs)
        if is_guide_item(self.instance):
            del self.fields["title"]
        else:
            self.fields["title"].label = _("Nama regulasi")

    def rebase_kwargs(self):
        return {"masterplan": self.masterplan}

    def clean_date(self):
        date = self.cleaned_data.get("date")
        if date is not None and date > clock.today(self.masterplan.region):
            raise ValidationError(_("Tanggal tidak boleh di masa depan."))
        return date

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == RegulationStatus.ENACTED:
            if not cleaned.get("number"):
                self.add_error("number", _("Regulasi yang ditetapkan harus memiliki nomor."))
            if cleaned.get("date") is None and "date" not in self.errors:
                self.add_error("date", _("Regulasi yang ditetapkan harus memiliki tanggal "
                                         "penetapan."))
        return cleaned


def save_regulation(form, user):
    """Create (another regulation, at the end of the list) or update a regulation from a valid
    RegulationForm; VersionConflict if someone else saved it since the form was loaded."""
    if form.instance.pk is None:
        form.instance.masterplan = form.masterplan
        form.instance.code = ""
        form.instance.position = ordering.next_position(
            Regulation.objects.filter(masterplan=form.masterplan))
    return save_versioned(form, user)


def delete_regulation(regulation, seen_version):
    """Delete a regulation the region added (not one of the guide's) with its document, if it
    is still at the version seen (ordering.RowChanged otherwise)."""
    if is_guide_item(regulation):
        raise ValidationError(_(
            "“%(title)s” termasuk daftar regulasi panduan dan tidak dapat dihapus; ubah statusnya "
            "bila belum disusun.") % {"title": regulation.title})
    storage, name = regulation.document.storage, regulation.document.name
    with transaction.atomic():
        deleted = ordering.delete_versioned(regulation, seen_version, str(regulation))
        if deleted:
            delete_file_on_commit(storage, name)
    return deleted
