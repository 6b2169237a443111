"""Safe reading of an uploaded workbook: the file is checked with zipfile before openpyxl sees it.

1. size: at most MAX_UPLOAD_BYTES;
2. a zip archive (signature PK\\x03\\x04) with a [Content_Types].xml naming an .xlsx workbook;
3. no macros: no macro-enabled content type, no vbaProject.bin;
4. no zip bomb: at most MAX_PARTS entries, MAX_UNPACKED_BYTES once unpacked (zipfile never
   inflates more than an entry declares), no large entry compressed more than MAX_RATIO : 1;
5. no DTD or entity declarations in any XML part (billion laughs, external entities); openpyxl
   itself parses through defusedxml (checked at import: openpyxl.DEFUSEDXML must be True);
6. then openpyxl reads, in read-only (streaming) mode, only the sheets asked for, at most
   MAX_ROWS rows and MAX_COLUMNS columns each; formula cells are remembered, not evaluated.
"""

import io
import zipfile

import openpyxl
from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.core.exceptions import ImproperlyConfigured

from .base import SheetData
from .errors import CellError, WorkbookError

if not openpyxl.DEFUSEDXML:  # pragma: no cover - guarded by requirements.txt
    raise ImproperlyConfigured(
        "openpyxl must parse XML through defusedxml (pip install defusedxml): uploaded workbooks "
        "are untrusted.")

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 10 * MB
MAX_UNPACKED_BYTES = 50 * MB
MAX_PARTS = 2000
MAX_RATIO = 100
RATIO_FLOOR = 1 * MB  # entries smaller than this once unpacked are too small to be a bomb
MAX_ROWS = 5000
MAX_COLUMNS = 250

ZIP_SIGNATURE = b"PK\x03\x04"
CONTENT_TYPES = "[Content_Types].xml"
WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XML_SUFFIXES = (".xml", ".rels", ".vml")
FORBIDDEN_MARKUP = (b"<!doctype", b"<!entity")


def refuse(kind, **params):
    raise WorkbookError([CellError(kind, params=params)])


def check_size(size):
    if size > MAX_UPLOAD_BYTES:
        refuse("too_large", limit=MAX_UPLOAD_BYTES // MB)


def check_archive(data):
    """Raise WorkbookError unless `data` is a plain .xlsx archive safe to hand to openpyxl."""
    if not data:
        refuse("empty")
    check_size(len(data))
    if not data.startswith(ZIP_SIGNATURE):
        refuse("not_xlsx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        refuse("not_xlsx")
    with archive:
        if len(entries) > MAX_PARTS:
            refuse("too_many_parts", count=len(entries), limit=MAX_PARTS)
        names = {entry.filename for entry in entries}
        if any(name.lower().rsplit("/", 1)[-1] == "vbaproject.bin" for name in names):
            refuse("macro")
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > MAX_UNPACKED_BYTES:
            refuse("too_big_unpacked", size=round(unpacked / MB, 1), limit=MAX_UNPACKED_BYTES // MB)
        for entry in entries:
            if entry.file_size >= RATIO_FLOOR:
                ratio = entry.file_size / max(entry.compress_size, 1)
                if ratio > MAX_RATIO:
                    refuse("ratio", part=entry.filename[:60], ratio=round(ratio), limit=MAX_RATIO)
        if CONTENT_TYPES not in names:
            refuse("not_xlsx")
        try:
            for entry in entries:
                if entry.filename.lower().endswith(XML_SUFFIXES) and _has_forbidden_markup(archive, entry):
                    refuse("xml_forbidden")
            types = _content_types(archive.read(CONTENT_TYPES))
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
            refuse("not_xlsx")  # damaged or encrypted entries
    if any("macroenabled" in value.lower() or "vbaproject" in value.lower() for value in types):
        refuse("macro")
    if WORKBOOK_TYPE not in types:
        refuse("not_xlsx")


def _has_forbidden_markup(archive, entry):
    """Stream the part looking for <!DOCTYPE / <!ENTITY (case-insensitive)."""
    tail = b""
    with archive.open(entry) as stream:
        while chunk := stream.read(64 * 1024):
            window = (tail + chunk).lower()
            if any(marker in window for marker in FORBIDDEN_MARKUP):
                return True
            tail = window[-16:]
    return False


def _content_types(xml):
    try:
        root = SafeET.fromstring(xml)
    except DefusedXmlException:
        refuse("xml_forbidden")
    except SafeET.ParseError:
        refuse("not_xlsx")
    return {element.get("ContentType", "") for element in root.iter()
            if element.tag.rsplit("}", 1)[-1] in ("Default", "Override")}


def _defused(error):
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DefusedXmlException):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def read_sheets(data, titles):
    """{title: SheetData} of the sheets named in `titles` that the workbook has (others are not
    read). Call check_archive(data) first; openpyxl's own errors become WorkbookError."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False,
                                          keep_links=False, keep_vba=False)
    except Exception as error:  # openpyxl raises many kinds (KeyError, ValueError, TypeError...)
        refuse("xml_forbidden" if _defused(error) else "unreadable")
    try:
        return {title: _read_sheet(workbook[title]) for title in titles
                if title in workbook.sheetnames}
    except WorkbookError:
        raise
    except Exception as error:
        refuse("xml_forbidden" if _defused(error) else "unreadable")
    finally:
        workbook.close()


def _read_sheet(ws):
    if not hasattr(ws, "iter_rows"):  # a chart sheet
        refuse("unreadable")
    rows, formulas = {}, set()
    count = 0
    for cells in ws.iter_rows(max_col=MAX_COLUMNS):
        count += 1
        if count > MAX_ROWS:
            raise WorkbookError([CellError("too_many_rows", ws.title, params={"limit": MAX_ROWS})])
        values = []
        row_number = None
        for cell in cells:
            value = getattr(cell, "value", None)
            if value is not None and getattr(cell, "data_type", None) == "f":
                formulas.add((cell.row, cell.column))
            if row_number is None and getattr(cell, "row", None):
                row_number = cell.row
            values.append(value)
        while values and values[-1] is None:
            values.pop()
        if values and row_number is not None:
            rows[row_number] = values
    return SheetData(ws.title, rows, formulas)
