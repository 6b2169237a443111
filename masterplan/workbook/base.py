"""The building blocks of a workbook sheet: `Sheet`, `Row`, reading and writing cells.

See the package docstring (masterplan/workbook/__init__.py) for how an app adds a sheet.
"""

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import F
from django.utils import timezone
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from .. import content_version, numbers

KEY_COLUMN = 1  # column A of every registered sheet: the row's key, hidden
KEY_HEADER = "Kunci"
MARKS = {"✓", "✔", "√", "v", "x"}  # accepted interpretation marks (compared in lower case)
MARK = "✓"  # the mark written on export
YEAR_RANGE = (1945, 2100)
DECIMAL_PLACES = Decimal("0.0001")  # the DecimalFields of the app: max_digits=20, decimal_places=4
MAX_DECIMAL = Decimal(10) ** 16
# A cell starting with one of these is a formula (or becomes one) in spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

TITLE_FONT = Font(bold=True, size=12)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
KEY_FONT = Font(color="808080", size=8)
THIN = Side(style="thin", color="A0A0A0")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


class StaleData(Exception):
    """A row changed after the diff was computed; the whole import is rolled back."""


@dataclass
class Row:
    """One row of a sheet in normalized form, from the database or from a sheet.

    `key` identifies the row across export and import ("c3": component 3, "x17": entry 17, ...;
    rows added in the sheet get a key of their own that matches nothing, e.g. "new@12").
    `values` maps field names to normalized values: str ("" when empty), Decimal, int or None.
    """

    key: str
    label: str
    values: dict
    line: int | None = None  # the sheet row it was read from
    obj: Any = None  # the current model instance (rows from the database)
    labels: dict = field(default_factory=dict)  # labels of fields the sheet's `fields` lacks


class Context:
    """Shared by the sheets of one export or import: a per-run cache (e.g. one query for the
    entries of all readiness tables instead of one per table)."""

    def __init__(self, masterplan):
        self.masterplan = masterplan
        self._cache = {}

    def once(self, name, compute):
        if name not in self._cache:
            self._cache[name] = compute()
        return self._cache[name]


class Sheet:
    """One worksheet. Subclass, set `key`, `title`, `order`, `group`, `fields` and implement the four
    methods; register the class with `masterplan.workbook.registry.register`.

    Column A of every sheet is a hidden key column (KEY_COLUMN); the framework hides it and the
    sheet writes each row's key there (or reads rows by another printed key, like No).
    """

    key = ""  # stable, unique: "<app>.<name>"
    title = ""  # the tab's name: at most 31 characters, unique, no : \\ / ? * [ ]
    order = 100  # position after the Info sheet; ties are broken by key
    group = ""  # the part of the masterplan the workbook page lists the sheet under
    fields: dict = {}  # field name -> column label, used by the preview

    def applies_to(self, masterplan, ctx):
        """Whether the masterplan's workbook has this sheet (e.g. its guide edition has the table)."""
        return True

    def current_rows(self, masterplan, ctx):
        """The masterplan's data as a list of Row, in sheet order (with `obj` set)."""
        raise NotImplementedError

    def write(self, ws, masterplan, rows, ctx):
        """Lay out `rows` (from current_rows) on the empty worksheet `ws`."""
        raise NotImplementedError

    def parse(self, data, masterplan, current, ctx, errors):
        """Read the rows of `data` (a SheetData) into a list of Row with the same keys as
        `current` for rows that exist; report problems through `errors` (an ErrorList)."""
        raise NotImplementedError

    def apply(self, masterplan, changes, user, ctx):
        """Save `changes` (a list of importer.RowChange) inside the import's transaction.
        Use update_versioned/delete_versioned for versioned rows so a concurrent edit aborts."""
        raise NotImplementedError

    def display(self, name, value):
        """A field's normalized value as a person reads it in the preview."""
        return display_value(value)


# --- values ----------------------------------------------------------------------------------

def clean_text(value):
    """Text as a cell can hold it: no control characters, line breaks as \\n."""
    if value is None:
        return ""
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def normal_decimal(value):
    """A Decimal at the app's 4 decimal places (None stays None)."""
    if value is None:
        return None
    return Decimal(value).quantize(DECIMAL_PLACES, rounding=ROUND_HALF_UP)


def display_value(value):
    """A normalized value as the preview shows it; a number as the pages show it ("1.250,5")."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        return numbers.format_number(value)
    return str(value)


# --- writing ---------------------------------------------------------------------------------

# Cell styles, registered once per workbook as named styles (cheaper than styling cell by cell).
CELL, HEADER, TITLE, KEY, LABEL = "mp-cell", "mp-header", "mp-title", "mp-key", "mp-label"
_STYLES = {
    CELL: dict(alignment=WRAP, border=BORDER),
    HEADER: dict(font=HEADER_FONT, fill=HEADER_FILL, alignment=CENTER, border=BORDER),
    TITLE: dict(font=TITLE_FONT),
    KEY: dict(font=KEY_FONT),
    LABEL: dict(font=HEADER_FONT, alignment=WRAP),
}


def _style_name(ws, name):
    workbook = ws.parent
    if name not in workbook.named_styles:
        workbook.add_named_style(NamedStyle(name=name, **_STYLES[name]))
    return name


def put(ws, row, column, value, style=CELL):
    """Write one cell (style: CELL, HEADER, TITLE, KEY, LABEL or None). Text is always written as
    a literal string: a text starting with = + - @ also gets the quotePrefix style, so no
    spreadsheet program evaluates it as a formula."""
    cell = ws.cell(row=row, column=column)
    if style is not None:
        cell.style = _style_name(ws, style)
    if isinstance(value, str):
        value = clean_text(value)
        cell.value = value
        cell.data_type = "s"
        if value.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True
    elif isinstance(value, Decimal):
        cell.value = number_for_cell(value)
        if isinstance(cell.value, str):  # digits kept exact as text: "-…" stays literal too
            cell.data_type = "s"
            cell.quotePrefix = cell.value.startswith(FORMULA_PREFIXES)
    else:
        cell.value = value
    return cell


def put_title(ws, row, text, column):
    put(ws, row, column, text, TITLE)


def put_header(ws, row, column, text, *, rows=1, columns=1):
    """A header cell spanning `rows` x `columns` cells (merged when it spans columns)."""
    put(ws, row, column, text, HEADER)
    for r in range(row, row + rows):
        for c in range(column, column + columns):
            if (r, c) != (row, column):
                ws.cell(row=r, column=c).style = HEADER
    if columns > 1:
        ws.merge_cells(start_row=row, start_column=column, end_row=row + rows - 1,
                       end_column=column + columns - 1)


def put_key(ws, row, key, column=None):
    """A key (column A of the row, or another cell such as a column's key in a key row)."""
    put(ws, row, column or KEY_COLUMN, key, KEY)


def hide_key_column(ws):
    ws.column_dimensions[get_column_letter(KEY_COLUMN)].hidden = True


def set_widths(ws, widths):
    """{column number: width in characters}."""
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = width


def mark(judgement, code):
    return MARK if judgement == code else ""


def number_for_cell(value):
    """A Decimal as the cell value that reads back as the same Decimal: an int, a float when the
    float is exact enough, otherwise the digits as text (read back by CellReader.decimal)."""
    value = normal_decimal(value)
    if value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    as_float = float(value)
    if normal_decimal(repr(as_float)) == value:
        return as_float
    return format(value.normalize(), "f")


# --- reading ---------------------------------------------------------------------------------

class SheetData:
    """The cell values of one uploaded sheet, read once (formula cells remembered)."""

    def __init__(self, title, rows, formulas):
        self.title = title
        self._rows = rows  # {row number: [value, ...]} (1-based rows, 0-based list)
        self.formulas = formulas  # {(row, column)}
        self.max_row = max(rows, default=0)

    def value(self, row, column):
        values = self._rows.get(row)
        if values is None or column > len(values):
            return None
        return values[column - 1]

    def max_column(self):
        return max((len(values) for values in self._rows.values()), default=0)

    def is_blank(self, row, first_column, last_column):
        return all(_blank(self.value(row, column)) for column in range(first_column, last_column + 1))


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


class CellReader:
    """Typed reading of cells with errors collected in an ErrorList (named by column label)."""

    def __init__(self, data, errors):
        self.data = data
        self.errors = errors

    def _raw(self, row, column, label):
        if (row, column) in self.data.formulas:
            self.errors.add("formula", row, label)
            return None
        return self.data.value(row, column)

    def text(self, row, column, label, *, max_length=None, required=False):
        value = self._raw(row, column, label)
        if value is None:
            text = ""
        elif isinstance(value, bool):
            text = "TRUE" if value else "FALSE"
        elif isinstance(value, float):
            text = str(int(value)) if value.is_integer() else repr(value)
        elif isinstance(value, datetime | date | time):
            text = value.isoformat()
        else:
            text = clean_text(value)
        if required and not text.strip():
            self.errors.add("required", row, label)
        if max_length is not None and len(text) > max_length:
            self.errors.add("too_long", row, label, limit=max_length)
        return text

    def key(self, row):
        """The row's key from the hidden key column."""
        return self.key_at(row, KEY_COLUMN)

    def key_at(self, row, column):
        value = self.data.value(row, column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def decimal(self, row, column, label, *, rupiah=False, kind="not_number"):
        """A number cell at the app's 4 decimal places (None when empty). Text is read the way
        the pages read it (masterplan.numbers: "12,5", "1.250" = 1250, with `rupiah` also
        "Rp 1.500.000,50"); `kind` is the error that words a non-number."""
        value = self._raw(row, column, label)
        if _blank(value):
            return None
        number = None
        if isinstance(value, bool) or isinstance(value, datetime | date | time):
            number = None
        elif isinstance(value, int):
            number = Decimal(value)
        elif isinstance(value, float):
            number = Decimal(repr(value)) if math.isfinite(value) else None
        elif isinstance(value, Decimal):
            number = value
        elif isinstance(value, str):
            text = clean_text(value)
            number = numbers.parse_rupiah(text) if rupiah else numbers.parse_number(text)
        if number is None or not number.is_finite():
            self.errors.add(kind, row, label)
            return None
        number = normal_decimal(number)
        if abs(number) >= MAX_DECIMAL:
            self.errors.add("number_too_large", row, label)
            return None
        return number

    def year(self, row, column, label):
        value = self._raw(row, column, label)
        if _blank(value):
            return None
        year = None
        if isinstance(value, bool) or isinstance(value, datetime | date | time):
            year = None
        elif isinstance(value, int):
            year = value
        elif isinstance(value, float) and value.is_integer():
            year = int(value)
        elif isinstance(value, str) and re.fullmatch(r"\s*\d{1,6}\s*", value):
            year = int(value)
        if year is None:
            self.errors.add("not_year", row, label)
            return None
        low, high = YEAR_RANGE
        if not low <= year <= high:
            self.errors.add("year_range", row, label, low=low, high=high)
            return None
        return year

    def judgement(self, row, columns, group_label):
        """The code of the one marked column of `columns` [(column, label, code)], or ""."""
        marked = []
        for column, label, code in columns:
            value = self._raw(row, column, label)
            if _blank(value):
                continue
            text = str(value).strip().lower()
            if text not in MARKS:
                self.errors.add("unknown_mark", row, label, mark=str(value).strip()[:20])
                return ""
            marked.append(code)
        if len(marked) > 1:
            self.errors.add("two_marks", row, group_label,
                            choices="/".join(label for _, label, _ in columns))
            return ""
        return marked[0] if marked else ""

    def expect_headers(self, row, headers):
        """Check the printed headings {column: expected} of `row` (layout unchanged)."""
        for column, expected in headers.items():
            found = self.data.value(row, column)
            if _norm(found) != _norm(expected):
                self.errors.add("bad_header", row, get_column_letter(column), expected=expected,
                                found="" if found is None else str(found)[:40])


def _norm(value):
    return " ".join(str(value or "").split()).casefold()


# --- saving ----------------------------------------------------------------------------------

def update_versioned(obj, values, user):
    """UPDATE a versioned row if it still has the version it was read with, bumping the version
    (so open edit forms see a conflict); StaleData otherwise."""
    model = type(obj)
    changes = dict(values, version=F("version") + 1, updated_at=timezone.now())
    if user is not None:
        changes["updated_by"] = user
    if not model._default_manager.filter(pk=obj.pk, version=obj.version).update(**changes):
        raise StaleData(f"{model.__name__} {obj.pk}")
    obj.version += 1  # a second update of the same object in this import checks the new version
    # The instance now holds what the row holds: later saves and many-to-many changes of it in
    # this import (which write history from the instance) must not bring back old values.
    for name, value in changes.items():
        if name != "version":
            setattr(obj, name, value)
    if user is not None:
        obj._history_user = user
    _record_history(model, obj, user)
    content_version.changed(obj)  # an UPDATE sends no signal


def _record_history(model, obj, user):
    """A queryset UPDATE sends no signal: write the historical row simple-history would have
    written, so the changes page (masterplan/changes.py) sees what an import changed."""
    history = getattr(model, "history", None)
    if history is not None:
        history.bulk_history_create([obj], update=True, default_user=user)


def delete_versioned(obj):
    model = type(obj)
    deleted, _ = model._default_manager.filter(pk=obj.pk, version=obj.version).delete()
    if not deleted:
        raise StaleData(f"{model.__name__} {obj.pk}")


def renumber(model, objects_positions):
    """Set the positions [(obj, position)] that differ, without touching versions (like the
    pages' move buttons: the order is not part of a row's content)."""
    for obj, position in objects_positions:
        if obj.position != position:
            model._default_manager.filter(pk=obj.pk).update(position=position)
            obj.position = position
