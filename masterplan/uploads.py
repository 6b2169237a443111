"""Content checks shared by the uploads that claim to be PDF (regulation documents, Bimtek
attachments).

A file is accepted as PDF only when pypdf parses it in strict mode: the header `%PDF-` at byte
0, a cross-reference table or stream and a trailer with a catalogue, at least one page. An HTML
or JavaScript file that merely starts with `%PDF` (a polyglot) does not parse and is refused. A
PDF that parses is still refused when anything reachable from its trailer carries JavaScript (a
/JS entry, a /JavaScript name tree or action, in /OpenAction, /AA or anywhere else), embedded
files (/EmbeddedFiles, /EF) or a /Launch action, and when it needs a password to be read (its
objects cannot be checked). Name escapes such as /J#53 are decoded by the parser, so they are
judged like the plain names.

`pdf_problem` answers with the Indonesian message to show, or None for an acceptable PDF;
callers raise their own refusal with it, before anything is stored.
"""

from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

PDF_MAGIC = b"%PDF-"
# Keys that only appear in a PDF that runs code or carries other files.
ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/EmbeddedFiles", "/EF"})
# Action types (/S) that run code or open something outside the document.
ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/RichMediaExecute"})
MAX_OBJECTS = 500_000  # a walk longer than this is not a document anybody wrote


class _Unreadable(Exception):
    pass


class _Active(Exception):
    pass


def _walk(root):
    """Raise _Active when anything reachable from `root` is active content."""
    seen = set()
    stack = [root]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise _Unreadable
        if isinstance(item, DictionaryObject):
            if ACTIVE_KEYS.intersection(item.keys()):
                raise _Active
            if item.get("/S") in ACTIVE_ACTIONS:
                raise _Active
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)


def _inspect(stream):
    stream.seek(0)
    if stream.read(len(PDF_MAGIC)) != PDF_MAGIC:
        raise _Unreadable
    stream.seek(0)
    try:
        reader = PdfReader(stream, strict=True)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _Unreadable
        if len(reader.pages) < 1:
            raise _Unreadable
        _walk(reader.trailer)
    except (_Active, _Unreadable):
        raise
    except Exception:  # pypdf reports a broken file with many kinds of error
        raise _Unreadable from None


def pdf_problem(stream, name):
    """Why the seekable binary `stream` (an upload named `name`) is not an acceptable PDF, as a
    message for the user, or None when it is one. The stream is left at its start."""
    try:
        _inspect(stream)
    except _Unreadable:
        return _("Berkas PDF “%(name)s” tidak dapat dibaca: isinya bukan dokumen PDF yang utuh "
                 "(atau dilindungi kata sandi). Simpan ulang dokumennya sebagai PDF dari aplikasi "
                 "aslinya, lalu unggah lagi.") % {"name": name}
    except _Active:
        return _("PDF “%(name)s” berisi JavaScript atau berkas sisipan, jadi tidak diterima. "
                 "Simpan ulang sebagai PDF biasa (misalnya lewat Cetak ke PDF), lalu unggah "
                 "lagi.") % {"name": name}
    finally:
        stream.seek(0)
    return None
