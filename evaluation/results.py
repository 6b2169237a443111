"""The official results as the ministry publishes them: recorded per region by an admin (form)
or for a whole cycle from a CSV file (`manage.py import_evaluation_results YEAR FILE.csv`, or the
upload on the results page), each compared with the final index recomputed from its five
component indices with the cycle's weights.

The CSV file (read by `read_results_csv`):

- UTF-8, with or without a byte order mark; columns separated by `;` or `,` (the header line
  decides: evaluation/csv_files.py);
- a header line naming the columns, in any order and case: `kode_wilayah`, `baseline`,
  `output`, `outcome`, `impact`, `quick_win` and `final` are required; the six dimension indices
  (`governance`, `branding`, `economy`, `living`, `society`, `environment`) are optional, and
  so is `nama_wilayah` (read by people, ignored here); any other column is refused;
- one line per region; a blank line is skipped; `kode_wilayah` is the Kemendagri code (32.73;
  "35.1", as a spreadsheet shortens 35.10, is read as 35.10);
- an index is a number from 0 to the cycle's scale with at most two decimals. A comma is the
  decimal separator ("68,25", quoted in a file separated by commas); with no comma, one dot is a
  decimal point too ("68.25", "68.250": both 68,25), unlike masterplan.numbers' general rule
  where "1.250" is 1250: an index never needs a thousands separator, while a spreadsheet in an
  English locale writes its decimal point as a dot. "1.234,5" (dots grouping thousands before a
  decimal comma) is read as masterplan.numbers reads it.

Everything wrong in a file is reported at once, each message naming its line ("Baris 4") and
column; a refused file saves nothing (`ResultsRefused`). `import_results` saves a whole file in
one transaction: it creates the year's cycle with the default weights when there is none, and
makes a region taking no part yet a participant.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from masterplan.models import Region
from masterplan.numbers import format_number, parse_number

from . import csv_files, scoring, services
from .models import COMPONENTS, EvaluationCycle, PublishedResult

CODE_COLUMN = "kode_wilayah"
NAME_COLUMN = "nama_wilayah"
FINAL = "final"
REQUIRED_COLUMNS = [CODE_COLUMN, *COMPONENTS, FINAL]
DIMENSION_CODES = ["governance", "branding", "economy", "living", "society", "environment"]
MAX_BYTES = 1024 * 1024  # ample for every region of Indonesia
YEARS = (2017, 2100)  # EvaluationCycle.year's validators
_SHORTENED_CODE = re.compile(r"\d{2}\.\d")


class ResultsRefused(Exception):
    """Input refused as a whole; `errors` are the messages, each naming its line and column."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass
class ResultRow:
    """One region's published result as read from a file (or built by a caller)."""

    line: int  # the line of the file, the header being line 1
    region: Region
    values: dict  # {component: Decimal, "final": Decimal}
    dimensions: dict = field(default_factory=dict)  # {dimension code: Decimal}, those given


@dataclass
class ResultLine:
    """What the import says about one region: published and recomputed final, difference."""

    region: Region
    published: Decimal
    computed: Decimal
    difference: Decimal
    flagged: bool


@dataclass
class ImportReport:
    cycle: EvaluationCycle
    cycle_created: bool
    added: list  # regions made participants by the import
    lines: list  # [ResultLine], in the file's order

    @property
    def flagged(self):
        return [line for line in self.lines if line.flagged]


# --- numbers ---------------------------------------------------------------------------------

def parse_index(text):
    """An index as the results files and form write it (see the module), or None when `text`
    is not a number. "68,25", "68.25" and "68.250" are 68.25; trailing zeros past the second
    decimal are dropped, so a Decimal with more places than two is a value with more digits."""
    text = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if "," not in text and text.count(".") == 1:
        text = text.replace(".", ",")  # one dot and no comma: a decimal point
    value = parse_number(text)
    if value is not None and value == value.quantize(scoring.CENT):
        value = value.quantize(scoring.CENT)
    return value


def index_problem(text):
    """(value, None) for a valid index text, or (None, message) saying what is wrong with it."""
    if not str(text).strip():
        return None, _("kosong.")
    value = parse_index(text)
    if value is None:
        return None, _("“%(text)s” bukan angka.") % {"text": str(text).strip()[:40]}
    if value < 0:
        return None, _("“%(text)s” negatif; indeks bernilai 0 atau lebih.") % {
            "text": str(text).strip()}
    if value.as_tuple().exponent < -2:
        return None, _("“%(text)s” lebih dari dua angka desimal.") % {"text": str(text).strip()}
    return value, None


def computed_final(cycle, values):
    """The final index recomputed from `values`' five components with the cycle's weights
    (rounded half up to two places), or None when one is missing."""
    return scoring.weighted_sum(cycle.weights, values)


def format_plain(value):
    """A number with two decimals and a dot, for the command's columns: 68.50, -0.25."""
    return f"{Decimal(value).quantize(scoring.CENT):.2f}"


def format_line(line):
    """`KODE final_terbit final_hitung selisih`, and " !" when the difference is over the
    tolerance: "32.73 68.50 68.00 0.50 !"."""
    text = (f"{line.region.code} {format_plain(line.published)} {format_plain(line.computed)} "
            f"{format_plain(line.difference)}")
    return f"{text} !" if line.flagged else text


def weights_text(cycle):
    """"10/20/30/20/20": the cycle's weights in the order of COMPONENTS."""
    return "/".join(format_number(weight) for weight in cycle.weights.values())


def tolerance_text():
    return format_number(scoring.TOLERANCE)


# --- reading a file --------------------------------------------------------------------------

def _text_of(file):
    """The file's text: `file` is bytes, a str, or a file object opened in either mode."""
    data = file.read() if hasattr(file, "read") else file
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if len(data) > MAX_BYTES:
        raise ResultsRefused([_("Berkas terlalu besar: paling besar %(limit)s KB.")
                              % {"limit": MAX_BYTES // 1024}])
    return csv_files.text_of(data, ResultsRefused)


def _column_name(text):
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def _read_header(header):
    """{column: position} of a header line, or ResultsRefused naming every problem."""
    known = [*REQUIRED_COLUMNS, *DIMENSION_CODES, NAME_COLUMN]
    errors = []
    positions = {}
    for position, cell in enumerate(header):
        name = _column_name(cell)
        if not name:
            continue
        if name not in known:
            errors.append(_("Baris 1, kolom %(number)s: nama kolom “%(name)s” tidak dikenal "
                            "(yang dikenal: %(known)s).")
                          % {"number": position + 1, "name": cell.strip()[:40],
                             "known": ", ".join(known)})
        elif name in positions:
            errors.append(_("Baris 1: kolom %(name)s tertulis dua kali.") % {"name": name})
        else:
            positions[name] = position
    errors += [_("Kolom %(name)s tidak ada di baris judul (baris 1).") % {"name": name}
               for name in REQUIRED_COLUMNS if name not in positions]
    if errors:
        raise ResultsRefused(errors)
    return positions


def _regions(codes):
    """{code as written: Region} for the codes that name one (35.1 for 35.10 too)."""
    wanted = {code: f"{code}0" if _SHORTENED_CODE.fullmatch(code) else code for code in codes}
    found = Region.objects.filter(code__in=set(wanted.values())).select_related("province")
    by_code = {region.code: region for region in found}
    by_written = {code: by_code.get(full) for code, full in wanted.items()}
    return {code: region for code, region in by_written.items() if region is not None}


def read_results_csv(file):
    """The rows of a results file as [ResultRow], or ResultsRefused with every error of the
    file, each naming its line and column (see the module for what is read)."""
    rows = csv_files.numbered_rows(_text_of(file), ResultsRefused)
    if not rows or not any(cell.strip() for cell in rows[0][1]):
        raise ResultsRefused([_("Berkas kosong: baris 1 harus berisi nama kolom (%(columns)s).")
                              % {"columns": ", ".join(REQUIRED_COLUMNS)}])
    header = rows[0][1]
    positions = _read_header(header)
    records = [(line, cells) for line, cells in rows[1:] if any(cell.strip() for cell in cells)]
    if not records:
        raise ResultsRefused([_("Berkas tidak berisi baris hasil di bawah baris judul.")])
    errors = []
    regions = _regions({cells[positions[CODE_COLUMN]].strip() for _line, cells in records
                        if len(cells) > positions[CODE_COLUMN]})
    seen = {}
    rows = []
    for line, cells in records:
        if any(cell.strip() for cell in cells[len(header):]):  # empty trailing cells are fine
            errors.append(_("Baris %(line)s: %(cells)s sel, padahal baris judul punya %(columns)s "
                            "kolom (angka berkoma di berkas yang dipisah koma harus diberi tanda "
                            "kutip, atau pisahkan kolom dengan titik koma).")
                          % {"line": line, "cells": len(cells), "columns": len(header)})
            continue
        row_errors = []

        def cell(name, cells=cells):
            position = positions[name]
            return cells[position].strip() if position < len(cells) else ""

        code = cell(CODE_COLUMN)
        region = regions.get(code)
        if not code:
            row_errors.append(_("Baris %(line)s, kolom kode_wilayah: kosong.") % {"line": line})
        elif region is None:
            row_errors.append(_("Baris %(line)s, kolom kode_wilayah: kode “%(code)s” tidak "
                                "dikenal.") % {"line": line, "code": code[:20]})
        elif region.pk in seen:
            row_errors.append(_("Baris %(line)s, kolom kode_wilayah: %(code)s sudah ada di baris "
                                "%(first)s.") % {"line": line, "code": region.code,
                                                 "first": seen[region.pk]})
        else:
            seen[region.pk] = line
        values, dimensions = {}, {}
        for name in [*COMPONENTS, FINAL, *DIMENSION_CODES]:
            if name not in positions:
                continue
            text_value = cell(name)
            if name in DIMENSION_CODES and not text_value:
                continue
            value, problem = index_problem(text_value)
            if problem:
                row_errors.append(_("Baris %(line)s, kolom %(column)s: %(problem)s")
                                  % {"line": line, "column": name, "problem": problem})
            elif name in DIMENSION_CODES:
                dimensions[name] = value
            else:
                values[name] = value
        if row_errors:
            errors += row_errors
        else:
            rows.append(ResultRow(line, region, values, dimensions))
    if errors:
        raise ResultsRefused(errors)
    return rows


def scale_errors(rows, scale_max):
    """Messages for every index of `rows` above the cycle's scale, naming line and column."""
    errors = []
    for row in rows:
        for name, value in [*row.values.items(), *row.dimensions.items()]:
            if value > scale_max:
                errors.append(_("Baris %(line)s, kolom %(column)s: %(value)s di atas skala siklus "
                                "(0–%(scale)s).")
                              % {"line": row.line, "column": name, "value": format_number(value),
                                 "scale": format_number(scale_max)})
    return errors


# --- saving ----------------------------------------------------------------------------------

def _stored_dimensions(dimensions):
    """{code: "12.34"} of the dimension indices given (None left out)."""
    return {code: format_plain(value) for code, value in (dimensions or {}).items()
            if value is not None}


def _line(cycle, region, values):
    computed = computed_final(cycle, values)
    difference, flagged = scoring.difference(values[FINAL], computed)
    return ResultLine(region, values[FINAL], computed, difference, flagged)


@transaction.atomic
def record_result(evaluation, values, user, source=""):
    """Record (or replace) the published result of one region's evaluation. `values`: the five
    components and "final" (Decimal) and, optionally, "dimensions" {code: Decimal or None}.
    Answers the ResultLine comparing the published final with the recomputed one."""
    fields = {name: values[name] for name in [*COMPONENTS, FINAL]}
    PublishedResult.objects.update_or_create(
        evaluation=evaluation,
        defaults={**fields, "dimensions": _stored_dimensions(values.get("dimensions")),
                  "recorded_by": user, "source": source[:200]})
    return _line(evaluation.cycle, evaluation.region, fields)


def result_line(result):
    """The ResultLine of a stored PublishedResult (its evaluation's cycle and region loaded)."""
    evaluation = result.evaluation
    return _line(evaluation.cycle, evaluation.region,
                 {**result.components, FINAL: result.final})


@transaction.atomic
def import_results(year, rows, user=None, source=""):
    """Save the published results `rows` ([ResultRow]) of the cycle of `year` in one
    transaction: the cycle is created with the default weights when there is none, a region
    taking no part yet is added to its participants, an existing result is replaced. Refused
    as a whole (ResultsRefused, nothing saved) when the year is out of range or an index is
    above the cycle's scale. Answers an ImportReport."""
    if not YEARS[0] <= year <= YEARS[1]:
        raise ResultsRefused([_("Tahun %(year)s di luar %(first)s–%(last)s.")
                              % {"year": year, "first": YEARS[0], "last": YEARS[1]}])
    cycle = EvaluationCycle.objects.select_for_update().filter(year=year).first()
    created = cycle is None
    if created:
        cycle = services.create_cycle(year, user)
    errors = scale_errors(rows, cycle.scale_max)
    if errors:
        raise ResultsRefused(errors)
    taking_part = set(cycle.participants.values_list("region_id", flat=True))
    added = [row.region for row in rows if row.region.pk not in taking_part]
    if added:
        cycle.extra_regions.add(*added)
        services.sync_participants(cycle)
    evaluations = {evaluation.region_id: evaluation for evaluation in
                   cycle.participants.filter(region__in=[row.region for row in rows])}
    existing = {result.evaluation_id: result for result in
                PublishedResult.objects.filter(evaluation__in=evaluations.values())}
    now = timezone.now()
    new, changed, lines = [], [], []
    for row in rows:
        evaluation = evaluations[row.region.pk]
        result = existing.get(evaluation.pk) or PublishedResult(evaluation=evaluation)
        for name in [*COMPONENTS, FINAL]:
            setattr(result, name, row.values[name])
        result.dimensions = _stored_dimensions(row.dimensions)
        result.recorded_by, result.recorded_at, result.source = user, now, source[:200]
        (changed if result.pk else new).append(result)
        lines.append(_line(cycle, row.region, row.values))
    PublishedResult.objects.bulk_create(new)
    PublishedResult.objects.bulk_update(
        changed, [*COMPONENTS, FINAL, "dimensions", "recorded_by", "recorded_at", "source"])
    return ImportReport(cycle, created, added, lines)
