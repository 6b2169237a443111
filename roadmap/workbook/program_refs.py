"""Programs as the other roadmap sheets cite them: by the code in the Program sheet's Kode column.

Codes are P1, P2, ... in roadmap order (dimension, element, position) when exported; a new
program's code is typed by the person. Codes live only in the file: the program rows hold no code,
so renumbering is never a change.
"""

from masterplan.workbook.cells import encode, keys_of

from ..models import Program
from .common import references

PROGRAM_REFS = "roadmap.programs"


def program_objects(masterplan, ctx):
    return ctx.once("roadmap.program_objects", lambda: list(
        Program.objects.filter(masterplan=masterplan)
        .select_related("element__dimension", "readiness_element", "lead_opd")
        .order_by("element__dimension__number", "element__letter", "position", "pk")))


def program_codes(masterplan, ctx):
    """{key: code} of the programs in the database, "p<pk>": "P<n>" in roadmap order."""
    return ctx.once("roadmap.program_codes", lambda: {
        f"p{program.pk}": f"P{rank}"
        for rank, program in enumerate(program_objects(masterplan, ctx), start=1)})


def program_names(masterplan, ctx):
    return ctx.once("roadmap.program_names", lambda: {
        f"p{program.pk}": program.name for program in program_objects(masterplan, ctx)})


def program_refs(masterplan, ctx):
    """The programs a sheet may cite: those of the uploaded Program sheet once it is parsed
    (import), else the database's (export)."""
    refs = references(ctx, PROGRAM_REFS)
    if not refs.from_upload and not refs.labels:
        names = program_names(masterplan, ctx)
        for key, code in program_codes(masterplan, ctx).items():
            refs.add(key, names[key], (code,))
    return refs


def program_value(masterplan, ctx, pks):
    """The normalized value citing the programs with ids `pks` (for current_rows)."""
    names = program_names(masterplan, ctx)
    return encode((names.get(f"p{pk}", ""), f"p{pk}") for pk in pks if pk)


def program_code_text(masterplan, ctx, value):
    """What a cell citing programs shows on export: their codes ("P3; P7")."""
    codes = program_codes(masterplan, ctx)
    return "; ".join(codes.get(key, "") for key in keys_of(value) if codes.get(key))


def cite_programs(masterplan, ctx, reader, errors, line, column, label, *, many=False,
                  required=False):
    """The normalized value of a program-code cell ("P3", or with `many` "P3; P7"); codes not in
    the Program sheet are reported. An existing program is labelled by its database name."""
    refs = program_refs(masterplan, ctx)
    names = program_names(masterplan, ctx)
    keys, unknown = refs.cite(reader.text(line, column, label, required=required),
                              r"[;,\n]" if many else None)
    for code in unknown[:5]:
        errors.add("roadmap_unknown_program", line, label, code=code[:20])
    return encode((names.get(key) or refs.labels.get(key, key), key) for key in keys)


def program_spans(masterplan, ctx):
    """{key: (start_year, start_quarter, end_year, end_quarter)} of the programs a sheet may
    cite: the uploaded Program sheet's rows once it is parsed (a row with a year it could not
    read is left out), else the database's."""
    if references(ctx, PROGRAM_REFS).from_upload:
        return ctx.once("roadmap.program_spans", dict)
    return ctx.once("roadmap.program_spans_db", lambda: {
        f"p{program.pk}": (program.start_year, program.start_quarter, program.end_year,
                           program.end_quarter) for program in program_objects(masterplan, ctx)})


def program_key(value):
    """The key of the one program a normalized value cites ("" when none)."""
    keys = keys_of(value)
    return keys[0] if keys else ""


def fresh_programs(masterplan, ctx, keys):
    """{key: Program} read again at apply time (the Program sheet may have changed the years)."""
    refs = program_refs(masterplan, ctx)
    ids = {key: refs.pk(key) for key in keys}
    found = Program.objects.in_bulk(set(ids.values()))
    return {key: found[pk] for key, pk in ids.items() if pk in found}
