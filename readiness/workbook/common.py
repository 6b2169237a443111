"""What the readiness sheets share: the judgement columns, the outlook analysis (loaded once per
run), rows of a sheet whose rows are fixed."""

from masterplan.workbook.base import Row

from ..models import Interpretation, OutlookAnalysis

JUDGEMENT_COLUMNS = [("Baik", Interpretation.BAIK), ("Sedang", Interpretation.SEDANG),
                     ("Buruk", Interpretation.BURUK)]
JUDGEMENT_LABELS = {code: label for label, code in JUDGEMENT_COLUMNS}


def display_judgement(value):
    return JUDGEMENT_LABELS.get(value, value or "")


def load_outlook(masterplan, ctx):
    """The masterplan's outlook analysis, shared by the sheets of one run (its version guards the
    narratives and the competitiveness table)."""
    return ctx.once("readiness.outlook",
                    lambda: OutlookAnalysis.objects.filter(masterplan=masterplan).first())


def fixed_rows(data, reader, errors, current, first_row, first_column, last_column, read_values):
    """Rows of a sheet whose rows are fixed (keyed in column A): none added, none removed."""
    by_key = {row.key: row for row in current}
    seen, rows = {}, []
    for line in range(first_row, data.max_row + 1):
        if data.is_blank(line, first_column, last_column):
            continue
        key = reader.key(line)
        if not key:
            errors.add("no_new_rows", line)
            continue
        if key not in by_key:
            errors.add("unknown_row", line, key=key)
            continue
        if key in seen:
            errors.add("duplicate_row", line, key=key, other=seen[key])
            continue
        seen[key] = line
        rows.append(Row(key, by_key[key].label, read_values(line), line=line))
    for row in current:
        if row.key not in seen:
            errors.add("missing_row", label=row.label)
    return rows

