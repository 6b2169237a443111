"""What can be checked here of a PDF/A-3b file, without veraPDF (a Java program that neither
PyPI nor Debian packages): `conformance_problems(pdf)` lists, in plain words, each requirement the
file breaks among those WeasyPrint's documentation names for its PDF/A output (embedded fonts, no
JavaScript, audio, video or launched files, a file identifier, PDF/A metadata, images drawn without
interpolation) and the metadata PDF/A asks for (XMP identification, an output intent, the
information dictionary's title and dates equal to the XMP ones, printable annotations).

It is a check of the file's structure, not a validator: a file it passes may still fail
veraPDF on something it does not look at (e.g. a font's glyph widths).
"""

import io
import re

import pypdf
from pypdf.generic import IndirectObject

PART, CONFORMANCE = "3", "B"
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
ANNOTATION_PRINT = 4
ANNOTATION_HIDDEN = 2 | 1  # Hidden, Invisible
FORBIDDEN_ACTIONS = ("/JavaScript", "/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData")


def _resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def _xmp_value(xmp, tag):
    found = re.search(rf"<{tag}>(?:\s*<rdf:\w+>\s*<rdf:li[^>]*>)?(.*?)<", xmp, re.S)
    return found.group(1).strip() if found else None


def _pdf_date_seconds(value):
    """'D:20261204183534+07'00' → '20261204183534'."""
    return re.sub(r"\D", "", str(value))[:14] if value else None


def _xmp_date_seconds(value):
    return re.sub(r"\D", "", value[:19]) if value else None


def _fonts(resources, seen):
    """Every font dictionary reachable from `resources` (Form XObjects included)."""
    resources = _resolve(resources) or {}
    for font in (_resolve(resources.get("/Font")) or {}).values():
        font = _resolve(font)
        if id(font) in seen:
            continue
        seen.add(id(font))
        yield font
        for descendant in font.get("/DescendantFonts", []):
            yield _resolve(descendant)
    for xobject in (_resolve(resources.get("/XObject")) or {}).values():
        xobject = _resolve(xobject)
        if id(xobject) not in seen and xobject.get("/Subtype") == "/Form":
            seen.add(id(xobject))
            yield from _fonts(xobject.get("/Resources"), seen)


def _images(resources, seen):
    resources = _resolve(resources) or {}
    for xobject in (_resolve(resources.get("/XObject")) or {}).values():
        xobject = _resolve(xobject)
        if id(xobject) in seen:
            continue
        seen.add(id(xobject))
        if xobject.get("/Subtype") == "/Image":
            yield xobject
        elif xobject.get("/Subtype") == "/Form":
            yield from _images(xobject.get("/Resources"), seen)


def _metadata_problems(reader, root):
    problems = []
    metadata = _resolve(root.get("/Metadata"))
    if metadata is None:
        return ["no XMP metadata stream"]
    xmp = metadata.get_data().decode("utf-8", "replace")
    if f'pdfaid:part="{PART}"' not in xmp or f'pdfaid:conformance="{CONFORMANCE}"' not in xmp:
        problems.append(f"XMP metadata does not identify PDF/A-{PART}{CONFORMANCE.lower()}")
    info = reader.metadata or {}
    title = info.get("/Title")
    if not title:
        problems.append("no document title")
    elif _xmp_value(xmp, "dc:title") != title:
        problems.append("the title differs between the information dictionary and XMP")
    if not info.get("/Author"):
        problems.append("no document author")
    for key, tag in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        if _pdf_date_seconds(info.get(key)) != _xmp_date_seconds(_xmp_value(xmp, tag)):
            problems.append(f"{key[1:]} differs between the information dictionary and XMP")
    if not root.get("/Lang"):
        problems.append("no document language")
    return problems


def conformance_problems(pdf):
    """The PDF/A-3b requirements `pdf` (bytes) visibly breaks, as short descriptions."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    if reader.is_encrypted:
        return ["encrypted"]
    problems = []
    if not pdf.startswith(b"%PDF-1."):
        problems.append("not a PDF 1.x file (PDF/A-3 is based on PDF 1.7)")
    root = reader.trailer["/Root"]
    problems += _metadata_problems(reader, root)
    intents = [_resolve(intent) for intent in _resolve(root.get("/OutputIntents")) or []]
    if not any(intent.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in intent
               for intent in intents):
        problems.append("no PDF/A output intent with an ICC profile")
    identifier = reader.trailer.get("/ID")
    if not identifier or len(identifier) != 2:
        problems.append("no file identifier")
    names = _resolve(root.get("/Names")) or {}
    if "/JavaScript" in names:
        problems.append("document-level JavaScript")
    if "/EmbeddedFiles" in names:
        problems.append("embedded files")
    for key in ("/OpenAction", "/AA"):
        action = _resolve(root.get(key))
        if isinstance(action, dict) and action.get("/S") in FORBIDDEN_ACTIONS:
            problems.append(f"a {action['/S'][1:]} action when the document opens")
    fonts, images = set(), set()
    for number, page in enumerate(reader.pages, start=1):
        for font in _fonts(page.get("/Resources"), fonts):
            if font.get("/Subtype") in ("/Type0", "/Type3"):
                continue  # the descendant (Type0) is checked; Type3 glyphs are drawn in the file
            descriptor = _resolve(font.get("/FontDescriptor")) or {}
            if not any(key in descriptor for key in FONT_FILES):
                problems.append(f"p. {number}: font {font.get('/BaseFont')} not embedded")
        for image in _images(page.get("/Resources"), images):
            if str(image.get("/Interpolate")).lower() == "true":
                problems.append(f"p. {number}: an image drawn with interpolation")
        for annotation in _resolve(page.get("/Annots")) or []:
            annotation = _resolve(annotation)
            flags = int(annotation.get("/F", 0))
            if annotation.get("/Subtype") in ("/Sound", "/Movie", "/Screen", "/FileAttachment"):
                problems.append(f"p. {number}: a {annotation['/Subtype'][1:]} annotation")
            elif not flags & ANNOTATION_PRINT or flags & ANNOTATION_HIDDEN:
                problems.append(f"p. {number}: an annotation not printed as shown")
            action = _resolve(annotation.get("/A")) or {}
            if action.get("/S") in FORBIDDEN_ACTIONS:
                problems.append(f"p. {number}: a {action['/S'][1:]} action")
    return problems
