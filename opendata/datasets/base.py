"""What a dataset is: its columns (name, type, unit, description, code list), where its items
come from and how a row is read from an item. Everything else (CSV, JSON, the data dictionary,
the API's serializers and filters, the import) is derived from these definitions.

Types follow the Frictionless Table Schema names: string, integer, number (a decimal, written
as plain digits with a dot: "1250000.5"), boolean, date (ISO 8601), datetime (ISO 8601 with the
region's UTC offset)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from masterplan import clock
from masterplan.numbers import plain_decimal

STRING, INTEGER, NUMBER, BOOLEAN, DATE, DATETIME = (
    "string", "integer", "number", "boolean", "date", "datetime")
TYPES = {
    STRING: "teks",
    INTEGER: "bilangan bulat",
    NUMBER: "bilangan desimal (titik sebagai pemisah desimal, tanpa pemisah ribuan)",
    BOOLEAN: "benar/salah (true/false)",
    DATE: "tanggal ISO 8601 (TTTT-BB-HH)",
    DATETIME: "waktu ISO 8601 dengan zona waktu",
}


@dataclass(frozen=True)
class Column:
    """One column. `value(item, ctx)` reads it from one of the dataset's items; `codes` names the
    code list (codes.CODE_LISTS) its values come from; `filter` makes it an API query parameter."""

    name: str
    type: str
    description: str
    value: object = None  # callable(item, ctx)
    unit: str = ""
    codes: str = ""
    filter: bool = False

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"unknown column type {self.type!r}")


@dataclass(frozen=True)
class Dataset:
    """A table of open data. `items(masterplans, ctx)` yields the items of the rows, in order,
    for any list of masterplans in a fixed number of queries; each item has `masterplan` (the
    Masterplan it belongs to) and, when the API may name it, `pk`."""

    name: str  # file and URL name
    title: str
    description: str
    columns: tuple
    items: object  # callable(masterplans, ctx)
    key: tuple = ()  # the columns that identify a row (with kode_wilayah)
    order: int = 0
    # Integer fields the API adds to a row (ids to write with), never in the files:
    # ((name, description), ...), read from the item's `extra`.
    api_fields: tuple = ()

    @property
    def column_names(self):
        return [column.name for column in self.columns]

    def column(self, name):
        return next(column for column in self.columns if column.name == name)

    def filters(self):
        return [column for column in self.columns if column.filter]


class Context:
    """What the datasets built in one go share (the programs and their codes, say): each is
    queried once however many datasets read it."""

    def __init__(self):
        self._values = {}

    def once(self, name, compute):
        if name not in self._values:
            self._values[name] = compute()
        return self._values[name]


@dataclass
class Row:
    """A built row: `values` by column name, with the item's masterplan and id for the API."""

    values: dict
    masterplan_id: int
    pk: int | None = None
    extra: dict = field(default_factory=dict)


def build_rows(dataset, masterplans, ctx=None):
    """[Row] of `dataset` for `masterplans` (Masterplan objects with their region loaded)."""
    ctx = ctx or Context()
    masterplans = sorted(masterplans, key=lambda mp: (mp.region.code, mp.pk))
    rows = []
    for item in dataset.items(masterplans, ctx):
        values = {column.name: column.value(item, ctx) for column in dataset.columns}
        rows.append(Row(values, item.masterplan.pk, getattr(item, "pk", None),
                        getattr(item, "extra", {})))
    return rows


# --- values as files and the API write them --------------------------------------------------

def encode(column, value, region=None):
    """A value as JSON writes it: text as is, numbers of type number as plain text ("12.5",
    exact whatever their size), integers and booleans as JSON's own, dates and times ISO."""
    if value is None:
        return None
    if column.type == NUMBER:
        return format(plain_decimal(value), "f")
    if column.type == INTEGER:
        return int(value)
    if column.type == BOOLEAN:
        return bool(value)
    if column.type == DATE:
        return value.isoformat()
    if column.type == DATETIME:
        return clock.format_iso(value, region)
    return str(value)


def decode(column, value):
    """The inverse of `encode` (the import reads JSON files with it); ValueError when the value
    does not fit the column's type."""
    if value is None:
        return None
    if column.type == NUMBER:
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ValueError(value) from None
        if not number.is_finite():
            raise ValueError(value)
        return number
    if column.type == INTEGER:
        if isinstance(value, bool) or int(value) != value:
            raise ValueError(value)
        return int(value)
    if column.type == BOOLEAN:
        if not isinstance(value, bool):
            raise ValueError(value)
        return value
    if column.type == DATE:
        return datetime.date.fromisoformat(value)
    if column.type == DATETIME:
        moment = datetime.datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError(value)
        return moment
    if not isinstance(value, str):
        raise ValueError(value)
    return value
