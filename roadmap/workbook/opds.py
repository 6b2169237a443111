"""The "OPD" sheet: the region's OPD list (name, singkatan), which the other roadmap sheets cite
by name or singkatan. The list belongs to the region; the rules are those of the OPD page
(roadmap/opds.py): names and singkatan unique ignoring case and spaces, an OPD still used cannot
be removed (the message names where)."""

from masterplan import ordering
from masterplan.models import Region
from masterplan.workbook.base import Row, delete_versioned, update_versioned
from masterplan.workbook.cells import encode, normalized
from masterplan.workbook.importer import ADDED, REMOVED

from ..models import Application, Institution, InstitutionMember, Opd, Program
from ..opds import opds_of
from .common import Column, ListSheet, references

OPD_REFS = "roadmap.opds"


def opd_index(masterplan, ctx):
    """{key: name} of the region's OPDs from the database ("o<pk>"), in list order."""
    return ctx.once("roadmap.opd_index", lambda: {
        f"o{opd.pk}": opd.name for opd in opds_of(masterplan.region_id)})


def opd_refs(masterplan, ctx):
    """The OPDs a sheet may cite: those of the uploaded OPD sheet once it is parsed (import),
    else the region's list (export)."""
    refs = references(ctx, OPD_REFS)
    if not refs.from_upload and not refs.labels:
        for opd in ctx.once("roadmap.opd_objects", lambda: list(opds_of(masterplan.region_id))):
            refs.add(f"o{opd.pk}", opd.name, (opd.name, opd.short_name))
    return refs


def cite_opds(masterplan, ctx, reader, errors, line, column, label, *, many=False):
    """The normalized value of an OPD cell: one name (or singkatan), or with `many` several
    separated by ";" or line breaks. Names not in the list are reported."""
    refs = opd_refs(masterplan, ctx)
    index = opd_index(masterplan, ctx)
    keys, unknown = refs.cite(reader.text(line, column, label), r"[;\n]" if many else None)
    if unknown:
        errors.add("roadmap_unknown_opd", line, label, region=masterplan.region.display_name,
                   names=", ".join(f"“{name[:40]}”" for name in unknown[:5]))
    # An existing OPD is labelled by its name in the database: renaming it in the OPD sheet is
    # no change of the rows citing it.
    return encode((index.get(key) or refs.labels.get(key, key), key) for key in keys)


def opd_value(masterplan, ctx, pks):
    """The normalized value citing the OPDs with ids `pks` (for current_rows)."""
    index = opd_index(masterplan, ctx)
    return encode((index.get(f"o{pk}", ""), f"o{pk}") for pk in pks if pk)


def _used_elsewhere(masterplan, opds):
    """[(opd, masterplan title)] for OPDs used by another masterplan of the region (this file's
    sheets show only this masterplan's uses, which the citing sheets check)."""
    if not opds:
        return []
    pks = [opd.pk for opd in opds]
    by_pk = {opd.pk: opd for opd in opds}
    found = {}
    lookups = (
        (Program.objects.filter(lead_opd__in=pks), "lead_opd", "masterplan__title"),
        (Program.supporting_opds.through.objects.filter(opd__in=pks), "opd",
         "program__masterplan__title"),
        (Institution.objects.filter(managing_opd__in=pks), "managing_opd", "masterplan__title"),
        (InstitutionMember.objects.filter(opd__in=pks), "opd", "institution__masterplan__title"),
        (Application.objects.filter(owner_opd__in=pks), "owner_opd", "masterplan__title"),
    )
    for queryset, opd_field, title_field in lookups:
        masterplan_field = title_field.replace("__title", "_id")
        rows = (queryset.exclude(**{masterplan_field: masterplan.pk})
                .values_list(f"{opd_field}_id", title_field))
        for opd_pk, title in rows:
            found.setdefault(opd_pk, title)
    return [(by_pk[pk], title) for pk, title in sorted(found.items())]


class OpdSheet(ListSheet):
    key = "roadmap.opds"
    title = "OPD"
    order = 600
    group = "Program dan peta jalan"
    heading = "Daftar OPD (Organisasi Perangkat Daerah)"
    columns = (Column("name", "Nama OPD", 50), Column("short_name", "Singkatan", 18))

    def title_text(self, masterplan, ctx):
        return f"Daftar OPD {masterplan.region.display_name}"

    def rows_of(self, masterplan, ctx):
        return [Row(f"o{opd.pk}", opd.name, {"name": opd.name, "short_name": opd.short_name},
                    obj=opd)
                for opd in ctx.once("roadmap.opd_objects", lambda: list(opds_of(masterplan.region_id)))]

    def read(self, reader, errors, line, key, masterplan, ctx):
        return {"name": " ".join(reader.text(line, 2, "Nama OPD", max_length=200,
                                             required=True).split()),
                "short_name": " ".join(reader.text(line, 3, "Singkatan", max_length=40).split())}

    def check(self, rows, masterplan, ctx, errors):
        names, shorts = {}, {}
        refs = references(ctx, OPD_REFS)
        refs.names.clear()
        refs.labels.clear()
        refs.from_upload = True
        for row in rows:
            name, short = row.values["name"], row.values["short_name"]
            if name and normalized(name) in names:
                errors.add("duplicate_name", row.line, "Nama OPD", name=name,
                           other=names[normalized(name)])
            names.setdefault(normalized(name), row.line)
            if short and normalized(short) in shorts:
                errors.add("duplicate_name", row.line, "Singkatan", name=short,
                           other=shorts[normalized(short)])
            shorts.setdefault(normalized(short), row.line)
            refs.add(row.key, name, (name, short), line=row.line)
        kept = {row.key for row in rows}
        removed = [opd for opd in ctx.once("roadmap.opd_objects",
                                           lambda: list(opds_of(masterplan.region_id)))
                   if f"o{opd.pk}" not in kept]
        for opd, title in _used_elsewhere(masterplan, removed):
            errors.add("roadmap_opd_elsewhere", None, None, name=opd.name, masterplan=title)

    def apply(self, masterplan, changes, user, ctx):
        Region.objects.select_for_update().filter(pk=masterplan.region_id).first()
        refs = references(ctx, OPD_REFS)
        for change in changes:
            if change.kind == REMOVED:
                delete_versioned(change.current.obj)
        position = ordering.next_position(Opd.objects.filter(region=masterplan.region_id))
        for change in changes:
            values = change.new.values if change.new else None
            if change.kind == ADDED:
                opd = Opd.objects.create(region_id=masterplan.region_id, position=position,
                                         updated_by=user, **values)
                position += 1
                refs.saved[change.key] = opd.pk
            elif change.kind != REMOVED:
                update_versioned(change.current.obj, values, user)
