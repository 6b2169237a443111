"""Strategies, sasaran and gap rows as the sheets cite them.

The Kesenjangan sheet cites strategies ("Governance SO1": a worksheet's short name and a code of
its SWOT sheet); a sheet ordered after these (the roadmap's Program sheet) also cites sasaran
("Governance 2": the second sasaran of the dimension in the Sasaran sheet) and gap rows (their No
in Kesenjangan). Values are encoded (label, key) pairs (masterplan.workbook.cells); during an
import the keys follow the uploaded sheets, so new rows of the same upload can be cited, and
*_pk turns a key into the saved id.
"""

import re
from collections import defaultdict

from masterplan.workbook.cells import encode, normalized, row_id, split_cell, stash

from .. import worksheets
from .common import gap_data, load_worksheets, swot_data, worksheet_labels
from .sasaran_sheet import SasaranSheet

STRATEGIES_HEADER = "Strategi TOWS"
_STRATEGY_CITATION = re.compile(r"(.*?)\s*\b(SO|WO|ST|WT)\s*0*(\d{1,4})", re.IGNORECASE | re.DOTALL)


def strategy_sort(worksheet_list):
    """The sort key of (worksheet pk, quadrant, rank, ...): the worksheets' order, then SO, WO,
    ST, WT, then the code's number."""
    order = {ws.pk: n for n, ws in enumerate(worksheet_list)}
    return lambda item: (order.get(item[0], 0), worksheets.QUADRANTS.index(item[1]), item[2])


def strategy_citations(masterplan, ctx, strategy_pks):
    """The encoded value citing the strategies with ids `strategy_pks` (database state)."""
    data = swot_data(masterplan, ctx)
    worksheet_list = load_worksheets(masterplan, ctx)
    labels = worksheet_labels(worksheet_list)
    sort = strategy_sort(worksheet_list)
    found = sorted(((s.worksheet_id, s.quadrant, s.rank, s) for pk in strategy_pks
                    if (s := data.strategy_by_pk.get(pk))), key=sort)
    return encode((f"{labels[ws_pk]} {s.sheet_code}", f"{ws_pk}:s{s.pk}")
                  for ws_pk, _q, _r, s in found)


def strategy_resolver(masterplan, ctx):
    """resolve(text, line, errors): reads a Strategi TOWS cell (Kesenjangan, Program) into its
    normalized value, reporting citations that name no worksheet of this masterplan or no
    strategy of that worksheet's sheet."""
    worksheet_list = load_worksheets(masterplan, ctx)
    labels = worksheet_labels(worksheet_list)
    sheet_titles = stash(ctx, "swot.sheet_titles")
    names = defaultdict(set)
    for ws in worksheet_list:
        for name in (labels[ws.pk], ws.name, sheet_titles.get(ws.pk, "")):
            if name:
                names[normalized(name)].add(ws.pk)
    parsed = stash(ctx, "swot.parsed")
    sort = strategy_sort(worksheet_list)

    def resolve(text, line, errors):
        found, unknown = {}, []
        for part in split_cell(text):
            match = _STRATEGY_CITATION.fullmatch(part)
            owners = names.get(normalized(match.group(1))) if match else None
            if not owners or len(owners) > 1:
                unknown.append(part)
                continue
            ws_pk = next(iter(owners))
            code = f"{match.group(2).upper()}{int(match.group(3))}"
            if ws_pk not in parsed:  # a worksheet without a sheet: cite it as it is
                parsed[ws_pk] = {s.sheet_code: (s.sheet_code, f"s{s.pk}")
                                 for s in swot_data(masterplan, ctx).strategy_by_pk.values()
                                 if s.worksheet_id == ws_pk}
            if parsed[ws_pk] is None:
                continue  # that worksheet's sheet has errors of its own
            target = parsed[ws_pk].get(code)
            if target is None:
                unknown.append(part)
                continue
            final_code, key = target
            found[f"{ws_pk}:{key}"] = (ws_pk, final_code[:2], int(final_code[2:]),
                                       f"{labels[ws_pk]} {final_code}")
        if unknown:
            errors.add("swot_unknown_strategy", line, STRATEGIES_HEADER,
                       citations=", ".join(f"“{c[:40]}”" for c in unknown[:5]))
        return encode((label, key) for key, (*_sort, label) in
                       sorted(found.items(), key=lambda kv: sort(kv[1])))
    return resolve


def strategy_id(key, applied):
    """The id of a strategy cited as "<worksheet pk>:<row key>"; `applied` holds the objects the
    SWOT sheets saved by (worksheet pk, row key)."""
    ws_pk, row_key = key.split(":", 1)
    return row_id(row_key, lambda new: applied[(int(ws_pk), new)].pk)


def strategy_pk(ctx, key):
    return strategy_id(key, stash(ctx, "swot.applied"))


def _sasaran_short(title):
    return title.removeprefix("Smart ").strip()


def sasaran_citations(masterplan, ctx, sasaran_pks):
    """The encoded value citing sasaran by id: "Governance 2" (rank within the dimension)."""
    sasaran, _indicators, _found = SasaranSheet().load(masterplan, ctx)
    ranks, labels = defaultdict(int), {}
    for item in sasaran:
        ranks[item.dimension_id] += 1
        labels[item.pk] = f"{_sasaran_short(item.dimension.title)} {ranks[item.dimension_id]}"
    return encode((labels[pk], f"s{pk}") for pk in sorted(sasaran_pks, key=list(labels).index)
                   if pk in labels)


def _sasaran_by_label(masterplan, ctx):
    """{normalized "Governance 2": key} of the uploaded Sasaran sheet (or the database)."""
    stashed = stash(ctx, "swot.sasaran_rows")
    if "dimension" in stashed:
        dimensions = stashed["dimension"]
        order = [(key, position) for key, position, parent in stashed.get("order", [])
                 if parent is None]
    else:
        sasaran, _indicators, _found = SasaranSheet().load(masterplan, ctx)
        dimensions = {f"s{item.pk}": item.dimension.title for item in sasaran}
        ranks = defaultdict(int)
        order = []
        for item in sasaran:
            order.append((f"s{item.pk}", ranks[item.dimension_id]))
            ranks[item.dimension_id] += 1
    result = {}
    for key, position in order:
        title = dimensions[key]
        for name in (_sasaran_short(title), title):
            result[normalized(f"{name} {position + 1}")] = (
                f"{_sasaran_short(title)} {position + 1}", key)
    return result


def resolve_sasaran(masterplan, ctx, text):
    """(encoded value, [unknown citations]) of a cell citing sasaran ("Governance 2; Living 1")."""
    by_label = _sasaran_by_label(masterplan, ctx)
    found, unknown = [], []
    for part in split_cell(text, r"[;,\n]"):
        hit = by_label.get(normalized(part))
        if hit is None:
            unknown.append(part)
        elif hit not in found:
            found.append(hit)
    return encode(found), unknown


def sasaran_pk(ctx, key):
    return row_id(key, lambda new: stash(ctx, "swot.sasaran_objects")[new].pk)


def gap_citations(masterplan, ctx, gap_pks):
    """The encoded value citing gap rows by id: their No in the Kesenjangan sheet."""
    rows, _evidence_ids, _strategies = gap_data(masterplan, ctx)
    numbers = {row.pk: rank + 1 for rank, row in enumerate(rows)}
    return encode((str(numbers[pk]), f"g{pk}") for pk in sorted(gap_pks, key=lambda pk: numbers.get(pk, 0))
                   if pk in numbers)


def resolve_gap_rows(masterplan, ctx, text):
    """(encoded value, [unknown citations]) of a cell citing gap rows by No ("3; 5")."""
    stashed = stash(ctx, "swot.gap_rows")
    if "order" in stashed:
        by_number = {position + 1: key for key, position in stashed["order"]}
    else:
        rows, _evidence_ids, _strategies = gap_data(masterplan, ctx)
        by_number = {rank + 1: f"g{row.pk}" for rank, row in enumerate(rows)}
    found, unknown = [], []
    for part in split_cell(text, r"[;,\n]"):
        number = part.removeprefix("No").removeprefix("no").strip(" .")
        key = by_number.get(int(number)) if number.isdigit() else None
        if key is None:
            unknown.append(part)
        elif (number, key) not in found:
            found.append((str(int(number)), key))
    return encode(sorted(found, key=lambda pair: int(pair[0]))), unknown


def gap_row_pk(ctx, key):
    return row_id(key, lambda new: stash(ctx, "swot.gap_objects")[new].pk)
