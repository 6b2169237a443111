"""Shared by the roadmap sheets: references between sheets, choice columns, messages.

References
----------
A sheet cites rows of an earlier sheet by what that sheet prints: a program by its code in the
"Program" sheet (P1, P2, ...; a new program's code is typed by the person), an OPD by its name or
short name in the "OPD" sheet. The owning sheet fills a `References` while it parses (so the
citing sheets, parsed later in the same run, see the rows of the uploaded file, including new
ones) and records the objects it creates while it applies (sheets apply in workbook order).

A citing row's normalized value is `refs.value(key)`: the cited row's label and key, so the diff
sees which row is cited and the preview shows its name. The label of a row that exists is its
name in the database (renaming a program is then no change of the rows citing it).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from masterplan.workbook import cells
from masterplan.workbook.base import (
    KEY_HEADER,
    LABEL,
    CellReader,
    Row,
    Sheet,
    put,
    put_header,
    put_key,
    put_title,
    set_widths,
)
from masterplan.workbook.cells import YES, encode, new_key, normalized, row_id, split_cell
from masterplan.workbook.errors import register_messages

ROADMAP_MESSAGES = {
    "roadmap_unknown_program": (
        "kode program “{code}” tidak ada di lembar Program; tulis kode dari kolom Kode lembar "
        "Program (mis. P3)",
        "program code “{code}” is not in the Program sheet; write a code from its Kode column "
        "(e.g. P3)"),
    "roadmap_duplicate_code": ("kode {code} dipakai dua kali (juga baris {other})",
                               "code {code} is used twice (also row {other})"),
    "roadmap_bad_code": ("kode “{code}” tidak sah; tulis huruf P dan nomor, mis. P12",
                         "code “{code}” is not valid; write the letter P and a number, e.g. P12"),
    "roadmap_unknown_opd": (
        "OPD {names} tidak ada di daftar OPD {region} (lembar OPD); tambahkan dulu di lembar OPD "
        "atau tulis nama atau singkatan yang ada",
        "OPD {names} are not in the OPD list of {region} (OPD sheet); add them there first or "
        "write an existing name or short name"),
    "roadmap_choice": ("“{found}” tidak dikenal; pilih salah satu: {choices}",
                       "“{found}” is not known; choose one of: {choices}"),
    "roadmap_rule": ("{detail}", "refused by the page's rule: {detail}"),
    "roadmap_opd_elsewhere": (
        "OPD “{name}” tidak dapat dihapus karena masih dipakai oleh {masterplan}; biarkan barisnya",
        "OPD “{name}” cannot be removed: {masterplan} still uses it; keep its row"),
}
register_messages(ROADMAP_MESSAGES)


@dataclass
class References:
    """The rows one sheet offers for citing: name -> key, key -> label, key -> saved pk."""

    names: dict = field(default_factory=dict)  # normalized name -> key
    labels: dict = field(default_factory=dict)  # key -> label
    saved: dict = field(default_factory=dict)  # key of a new row -> pk, once applied
    lines: dict = field(default_factory=dict)  # key -> the sheet row that holds it
    from_upload: bool = False  # filled by the owning sheet's parse (else from the database)

    def add(self, key, label, names, line=None):
        self.labels[key] = label
        if line is not None:
            self.lines[key] = line
        for name in names:
            if name:
                self.names.setdefault(normalized(name), key)

    def key_for(self, name):
        return self.names.get(normalized(name))

    def cite(self, text, separators=None):
        """(keys, unknown names) of a cell naming one row, or with `separators` several."""
        parts = split_cell(text, separators) if separators else [text.strip()] if text.strip() else []
        keys, unknown = [], []
        for part in parts:
            key = self.key_for(part)
            if key is None:
                unknown.append(part)
            elif key not in keys:
                keys.append(key)
        return keys, unknown

    def value(self, keys):
        """The normalized value citing `keys` (in the order given)."""
        return encode((self.labels.get(key, key), key) for key in keys)

    def pk(self, key):
        """The database id of a cited row (a new row's after its sheet applied)."""
        return row_id(key, self.saved.__getitem__)


def references(ctx, name):
    """The References named `name` ("roadmap.programs", "roadmap.opds") of this run."""
    return ctx.once(f"refs:{name}", References)


def choice_reader(choices):
    """A function reading a choice cell: the label or the value of a TextChoices member,
    compared without case; returns (value or "", error params or None)."""
    by_name = {}
    for value, label in choices.choices:
        by_name.setdefault(normalized(label), value)
        by_name.setdefault(normalized(value), value)
    listed = ", ".join(str(label) for _value, label in choices.choices)

    def read(text):
        text = text.strip()
        if not text:
            return "", None
        found = by_name.get(normalized(text))
        if found is None:
            return "", {"found": text[:40], "choices": listed}
        return found, None
    return read


def read_choice(reader, errors, line, column, label, choices, *, required=False):
    """A choice column's value ("" when empty), reporting an unknown label."""
    text = reader.text(line, column, label, required=required)
    value, problem = choice_reader(choices)(text)
    if problem:
        errors.add("roadmap_choice", line, label, **problem)
    return value


def choice_label(choices, value):
    if not value:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def read_flag(reader, errors, line, column, label):
    """A yes/no column: ✓, v, x, ya or yes mark it; empty (or tidak/no) leaves it unmarked."""
    text = reader.text(line, column, label).strip().casefold()
    if text in {"", "tidak", "no", "-"}:
        return ""
    if text in {"✓", "✔", "√", "v", "x", "ya", "yes", "y"}:
        return YES
    errors.add("unknown_mark", line, label, mark=text[:20])
    return ""


def same_values(old, new, skip=()):
    """Whether two normalized rows are equal as the diff sees them ("" and None alike)."""
    names = (set(old) | set(new)) - set(skip)
    return all((old.get(name) in (None, "") and new.get(name) in (None, ""))
               or old.get(name) == new.get(name) for name in names)


def refused(sheet, change, error):
    """A page rule's ValidationError while saving as the workbook's error (rolls back)."""
    return cells.refused("roadmap_rule", sheet, change.line, error)


# --- a sheet of rows under one header row ---------------------------------------------------------

TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3


@dataclass(frozen=True)
class Column:
    name: str  # the Row.values field it holds
    header: str  # the printed heading (checked on import)
    width: int = 16


class ListSheet(Sheet):
    """A title (row 1), the headings (row 2) and one row per object from row 3, the hidden key
    in column A and the `columns` from column B. Subclasses give `heading`, `columns` and:

    - `rows_of(masterplan, ctx)`: the current Rows in sheet order (obj set);
    - `read(reader, errors, line, key, masterplan, ctx)`: the values of one filled sheet row
      (report problems through `errors`); its label comes from `label_of(values)`;
    - `apply`.

    Rows with an unknown key or a key seen before are refused; rows without a key are new
    (key "new@<line>") unless `allows_new` is False; `check(rows, ...)` sees all rows once read.
    """

    heading = ""
    columns: tuple = ()
    allows_new = True
    fixed_rows = False  # True: every current row must stay (no row can be removed)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.columns:
            cls.fields = {column.name: column.header for column in cls.columns}

    def column_number(self, name):
        for number, column in enumerate(self.columns, start=2):
            if column.name == name:
                return number
        raise KeyError(name)

    def headers(self):
        return {number: column.header for number, column in enumerate(self.columns, start=2)}

    def title_text(self, masterplan, ctx):
        return self.heading or self.title

    def current_rows(self, masterplan, ctx):
        return self.rows_of(masterplan, ctx)

    def cell_value(self, name, value):
        """What a field's normalized value is written as (numbers stay numbers)."""
        if value is None or isinstance(value, int | Decimal):
            return value
        return self.display(name, value)

    def write(self, ws, masterplan, rows, ctx):
        put_title(ws, TITLE_ROW, self.title_text(masterplan, ctx), 2)
        put(ws, HEADER_ROW, 1, KEY_HEADER, LABEL)
        for number, header in self.headers().items():
            put_header(ws, HEADER_ROW, number, header)
        for line, row in enumerate(rows, start=FIRST_ROW):
            put_key(ws, line, row.key)
            for number, column in enumerate(self.columns, start=2):
                put(ws, line, number, self.cell_value(column.name, row.values.get(column.name)))
        set_widths(ws, {1: 6, **{number: column.width
                                 for number, column in enumerate(self.columns, start=2)}})
        ws.freeze_panes = ws.cell(row=FIRST_ROW, column=3)

    def parse(self, data, masterplan, current, ctx, errors):
        reader = CellReader(data, errors)
        reader.expect_headers(HEADER_ROW, self.headers())
        if errors:
            return []
        known = {row.key: row for row in current}
        last = len(self.columns) + 1
        first_label = self.columns[0].header
        seen, rows = {}, []
        for line in range(FIRST_ROW, data.max_row + 1):
            if data.is_blank(line, 2, last):
                continue
            key = reader.key(line)
            if key and key not in known:
                errors.add("unknown_row", line, first_label, key=key[:20])
                continue
            if key in seen:
                errors.add("duplicate_row", line, first_label, key=key, other=seen[key])
                continue
            if not key and not self.allows_new:
                errors.add("no_new_rows", line, first_label)
                continue
            key = key or new_key(line)
            seen[key] = line
            values = self.read(reader, errors, line, key, masterplan, ctx)
            rows.append(Row(key, self.label_of(values), values, line=line))
        if self.fixed_rows:
            for row in current:
                if row.key not in seen:
                    errors.add("missing_row", None, None, label=row.label)
        self.check(rows, masterplan, ctx, errors)
        return rows

    def label_of(self, values):
        return str(values.get(self.columns[0].name) or "")[:80]

    def check(self, rows, masterplan, ctx, errors):
        """Rules across rows (e.g. duplicate names), after every row is read."""

    def rows_of(self, masterplan, ctx):
        raise NotImplementedError

    def read(self, reader, errors, line, key, masterplan, ctx):
        raise NotImplementedError
