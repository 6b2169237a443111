"""PDF files for the upload tests, built with pypdf: a plain one-page PDF and PDFs that carry
JavaScript, embedded files or a launch action, and an HTML polyglot that starts with %PDF."""

import io

from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

POLYGLOT = (b"%PDF-1.4\n<html><body><script>fetch('/keluar/', {method: 'POST'})</script>"
            b"</body></html>\n%%EOF\n")


def _bytes(writer):
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _one_page():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    return writer


def blank_pdf():
    return _bytes(_one_page())


def _action(kind, **entries):
    action = DictionaryObject({NameObject("/Type"): NameObject("/Action"),
                               NameObject("/S"): NameObject(kind)})
    action.update({NameObject(key): value for key, value in entries.items()})
    return action


def pdf_with_open_action_javascript():
    """JavaScript in the document's names tree, run when it opens (pypdf's add_open_action)."""
    writer = _one_page()
    writer.add_open_action(JavaScript("app.alert('x');"))
    return _bytes(writer)


def pdf_with_page_javascript():
    """A page's additional action (/AA) that runs JavaScript, its names escaped (/J#53 is /JS,
    /J#61vaScript is /JavaScript); padding in the script keeps every byte offset in place."""
    writer = _one_page()
    action = _action("/JavaScript", **{"/JS": TextStringObject("app.alert(1);    ")})
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): writer._add_object(action)})
    data = _bytes(writer)
    plain = b"/S /JavaScript\n/JS (app\\056alert\\0501\\051\\073    )"
    escaped = b"/S /J#61vaScript\n/J#53 (app\\056alert\\0501\\051\\073)"
    assert len(plain) == len(escaped) and data.count(plain) == 1
    return data.replace(plain, escaped)


def pdf_with_launch_action():
    writer = _one_page()
    launch = _action("/Launch", **{"/F": TextStringObject("cmd.exe")})
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(launch)
    return _bytes(writer)


def pdf_with_embedded_file():
    writer = _one_page()
    writer.add_attachment("data.exe", b"MZ not really")
    return _bytes(writer)


def pdf_with_file_annotation():
    """An embedded file reached through a page annotation, not the names tree."""
    writer = _one_page()
    stream = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/EmbeddedFile")}))
    spec = DictionaryObject({NameObject("/Type"): NameObject("/Filespec"),
                             NameObject("/F"): TextStringObject("x.exe"),
                             NameObject("/EF"): DictionaryObject({NameObject("/F"): stream})})
    annotation = DictionaryObject({NameObject("/Type"): NameObject("/Annot"),
                                   NameObject("/Subtype"): NameObject("/FileAttachment"),
                                   NameObject("/FS"): spec})
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    return _bytes(writer)


ACTIVE_PDFS = {
    "javascript-open": pdf_with_open_action_javascript,
    "javascript-page-escaped-name": pdf_with_page_javascript,
    "launch": pdf_with_launch_action,
    "embedded-file": pdf_with_embedded_file,
    "file-annotation": pdf_with_file_annotation,
}
