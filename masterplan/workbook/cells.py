"""What the apps' sheets share beyond reading and writing one cell (base.py): comparing names,
list cells, values that cite other rows, yes/no columns, row keys and a page rule's refusal.

Citing values
-------------
A cell that cites rows of a sheet ("Governance SO1", a program code, an OPD's name) is held as
one normalized value `encode([(label, key), ...])`: the preview shows the labels, the diff and
the digest also see which row each label stands for.

Row keys
--------
A row that exists is keyed by a letter and its database id ("s12", "g3"); a row added in the
sheet has no key and gets `new_key(line)` ("new@14"), which matches no row. `row_id` turns either
into the id to link to once the sheets that own the rows have applied.
"""

import re

from .base import clean_text
from .errors import CellError, WorkbookError

NEW_PREFIX = "new@"
YES = "ya"  # the normalized value of a marked yes/no column


def normalized(text):
    """The form two names are compared in: case and whitespace do not count."""
    return " ".join(str(text).split()).casefold()


def plain(text):
    """The text on one line, runs of whitespace as one space."""
    return " ".join(str(text).split())


def split_cell(text, separators=r"[;\n]"):
    """The parts of a list cell ("A; B" or one per line), stripped, empty parts dropped."""
    return [part.strip() for part in re.split(separators, text or "") if part.strip()]


def encode(pairs):
    """[(label, key)] as one normalized value (see the module docstring)."""
    return "\n".join(f"{clean_text(label).replace(chr(10), ' ')}\t{key}" for label, key in pairs)


def decode(value):
    """[(label, key)] of an encoded value."""
    return [tuple(line.split("\t", 1)) for line in (value or "").split("\n") if "\t" in line]


def labels_of(value):
    return "\n".join(label for label, _key in decode(value))


def keys_of(value):
    return [key for _label, key in decode(value)]


def flag(value):
    """A yes/no field as its normalized value: YES or ""."""
    return YES if value else ""


def new_key(line):
    return f"{NEW_PREFIX}{line}"


def is_new(key):
    return key.startswith(NEW_PREFIX)


def row_id(key, new_id):
    """The database id a row key names: `new_id(key)` for a row added in the sheet (the id its
    sheet saved it under), else the id in the key ("s12" -> 12)."""
    return new_id(key) if is_new(key) else int(key[1:])


def stash(ctx, name):
    """A dict shared by the sheets of one export or import (what a sheet parsed or saved, for
    the sheets after it)."""
    return ctx.once(name, dict)


def rule_text(message):
    """A page's message ('Tahun mulai ... .') as a CellError detail ('tahun mulai ...')."""
    text = str(message).strip().rstrip(".")
    return text[:1].lower() + text[1:]


def refused(kind, sheet, line, error):
    """A page rule's ValidationError while saving, as the workbook's error of `kind` (whose
    message words {detail}); raising it rolls the import back."""
    return WorkbookError([CellError(kind, sheet.title, line, None, {"detail": rule_text(message)})
                          for message in error.messages])
