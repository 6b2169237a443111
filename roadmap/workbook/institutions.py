"""The "Lembaga" and "Anggota Lembaga" sheets (roadmap/institutions.py). Each is a list sheet
(common.ListSheet): hidden key in column A, a row without a key is a new row. Dates are Excel
dates, or text such as 31-12-2025 or 2025-12-31 (regulations.read_date).

"Lembaga" (key ``i<pk>``): Kode, Jenis, Nama, Nomor keputusan, Tanggal keputusan, Proses
pemilihan, OPD pengelola, Kontak. The Dewan Smart City (Kode DEWAN) and the Tim Pelaksana (TIM)
are one row each: they cannot be removed or added and their kind cannot change; forums (F1,
F2, ...; a new forum's code is typed by the person) can be added and removed (with their
members). Codes live only in the file, like program codes. A column the page does not edit for a
kind (BODY_FIELDS: the Dewan's and Tim's decree, a forum's name, OPD and contact) stays as it is.
InstitutionForm's rules apply to added and changed rows (number and date together, no date in
the future, a forum's name).

"Anggota Lembaga" (key ``m<pk>``): Lembaga (a code of the Lembaga sheet), Nama, Peran (empty is
Anggota), Unsur, OPD, Jabatan, Eselon. The columns and required fields of each kind are those of
the page's member grid (MEMBER_FIELDS, MemberForm: a Dewan member's unsur, a Tim member's OPD);
the grid's rules (MemberFormSet.clean: the Dewan's one ketua and at most one sekretaris, the
Tim's at most one ketua) apply to every body whose members change, as does the editor's rule
that a forum records members or a contact. The order of the rows is not read: new members go to
the end of their body. A change of the members bumps their body's version, as the page does.
"""

import re

from django.core.exceptions import ValidationError

from masterplan import ordering
from masterplan.text_limits import limit
from masterplan.workbook.base import Row, delete_versioned, update_versioned
from masterplan.workbook.cells import encode, keys_of, labels_of, normalized, rule_text, stash
from masterplan.workbook.errors import CellError, register_messages
from masterplan.workbook.importer import ADDED, CHANGED, REMOVED

from ..institutions import (
    BODY_FIELDS,
    COUNCIL,
    FORUM,
    MAX_MEMBERS,
    MEMBER_FIELDS,
    TEAM,
    InstitutionForm,
    forum_contact_error,
    institutions_of,
    member_formset_class,
)
from ..models import (
    Institution,
    InstitutionKind,
    InstitutionMember,
    MemberRole,
    MemberUnsur,
    SelectionProcess,
)
from .applications import EMPTY, check_rules, differs
from .common import Column, ListSheet, choice_label, read_choice, references
from .opds import cite_opds, opd_refs, opd_value
from .regulations import DatedSheet, read_date, to_date

INSTITUTION_MESSAGES = {
    "roadmap_fixed_body": ("{body} sudah ada dan hanya satu; baris baru hanya untuk forum",
                           "{body} exists and is only one; new rows are for forums only"),
    "roadmap_kind_changed": ("jenis lembaga tidak dapat diubah (tetap {body})",
                             "the kind of a body cannot change (it stays {body})"),
    "roadmap_body_code": ("kode baris {body} harus {code}", "the code of the {body} row must be {code}"),
    "roadmap_forum_code": ("kode “{code}” tidak sah; tulis huruf F dan nomor, mis. F3",
                           "code “{code}” is not valid; write the letter F and a number, e.g. F3"),
    "roadmap_missing_body": (
        "baris {body} tidak ada; Dewan Smart City dan Tim Pelaksana tidak dapat dihapus, "
        "kosongkan isiannya saja",
        "the row of the {body} is missing; the Dewan Smart City and the Tim Pelaksana cannot be "
        "removed, empty their cells instead"),
    "roadmap_not_for_kind": ("kolom ini tidak diisi untuk {body}; kosongkan",
                             "this column is not filled in for the {body}; leave it empty"),
    "roadmap_unknown_body": (
        "kode lembaga “{code}” tidak ada di lembar Lembaga; tulis kode dari kolom Kode lembar itu "
        "(mis. DEWAN, TIM, F1)",
        "body code “{code}” is not in the Lembaga sheet; write a code from its Kode column "
        "(e.g. DEWAN, TIM, F1)"),
    "roadmap_too_many_members": ("paling banyak {limit} anggota per lembaga; sekarang {count}",
                                 "at most {limit} members per body; now {count}"),
}
register_messages(INSTITUTION_MESSAGES)

BODY_REFS = "roadmap.institutions"
BODIES_TITLE = "Lembaga"
FIXED_CODES = {COUNCIL: "DEWAN", TEAM: "TIM"}
KIND_ORDER = {COUNCIL: 0, TEAM: 1, FORUM: 2}
FORUM_CODE = re.compile(r"F\s*0*(\d{1,4})", re.IGNORECASE)


def model_values(values, names, ctx, masterplan):
    """Field values for the model from normalized ones (OPD keys to ids, dates, flags)."""
    result = {}
    for name in names:
        value = values[name]
        if name in ("managing_opd", "opd"):
            keys = keys_of(value)
            result[f"{name}_id"] = opd_refs(masterplan, ctx).pk(keys[0]) if keys else None
        elif name in ("decree_date", "date"):
            result[name] = to_date(value)
        else:
            result[name] = value
    return result


def check_columns(errors, row, old, applicable, fields, kind):
    """Refuse a value typed in a column the page does not edit for `kind` (a value the row
    already has is kept)."""
    for name, value in row.values.items():
        if name in applicable or name in ("kind", "institution") or value in EMPTY:
            continue
        if name == "role" and value == MemberRole.MEMBER:
            continue
        if old is None or old.values.get(name) != value:
            errors.add("roadmap_not_for_kind", row.line, fields[name],
                       body=choice_label(InstitutionKind, kind))


# --- the bodies ----------------------------------------------------------------------------------

def bodies(masterplan, ctx):
    """The Dewan, the Tim, then the forums in the order added, with their members: two queries."""
    return ctx.once("roadmap.bodies", lambda: sorted(
        institutions_of(masterplan), key=lambda body: (KIND_ORDER.get(body.kind, 3), body.pk)))


def body_codes(masterplan, ctx):
    """{key: code} of the bodies in the database: DEWAN, TIM, F1, F2, ..."""
    def load():
        codes, forums = {}, 0
        for body in bodies(masterplan, ctx):
            if body.kind == FORUM:
                forums += 1
            codes[f"i{body.pk}"] = FIXED_CODES.get(body.kind, f"F{forums}")
        return codes
    return ctx.once("roadmap.body_codes", load)


def body_refs(masterplan, ctx):
    """The bodies members may cite: the uploaded Lembaga sheet's once parsed, else the database's;
    `body_kinds(ctx)` holds their kinds."""
    refs = references(ctx, BODY_REFS)
    if not refs.from_upload and not refs.labels:
        codes, kinds = body_codes(masterplan, ctx), body_kinds(ctx)
        for body in bodies(masterplan, ctx):
            refs.add(f"i{body.pk}", str(body), (codes[f"i{body.pk}"],))
            kinds[f"i{body.pk}"] = body.kind
    return refs


def body_kinds(ctx):
    return stash(ctx, "roadmap.body_kinds")


class InstitutionSheet(DatedSheet):
    key = "roadmap.institutions"
    title = BODIES_TITLE
    order = 660
    group = "Aplikasi e-Gov, kelembagaan dan regulasi"
    heading = "Kelembagaan smart city: Dewan, Tim Pelaksana dan forum pendukung"
    columns = (
        Column("code", "Kode", 8), Column("kind", "Jenis", 26), Column("name", "Nama", 30),
        Column("decree_number", "Nomor keputusan", 22),
        Column("decree_date", "Tanggal keputusan", 14),
        Column("selection_process", "Proses pemilihan", 18),
        Column("managing_opd", "OPD pengelola", 24), Column("contact", "Kontak", 28),
    )
    date_fields = ("decree_date",)

    def rows_of(self, masterplan, ctx):
        return [Row(f"i{body.pk}", str(body), {
            "kind": body.kind, "name": body.name, "decree_number": body.decree_number,
            "decree_date": body.decree_date.isoformat() if body.decree_date else "",
            "selection_process": body.selection_process,
            "managing_opd": opd_value(masterplan, ctx, [body.managing_opd_id]),
            "contact": body.contact}, obj=body) for body in bodies(masterplan, ctx)]

    def current_rows(self, masterplan, ctx):
        return ctx.once("roadmap.body_rows", lambda: self.rows_of(masterplan, ctx))

    def label_of(self, values):
        return values["name"][:80] or choice_label(InstitutionKind, values["kind"])

    def display(self, name, value):
        if name == "kind":
            return choice_label(InstitutionKind, value)
        if name == "selection_process":
            return choice_label(SelectionProcess, value)
        if name == "managing_opd":
            return labels_of(value)
        return super().display(name, value)

    def write(self, ws, masterplan, rows, ctx):
        super().write(ws, masterplan, rows, ctx)
        codes = body_codes(masterplan, ctx)
        for line, row in enumerate(rows, start=3):
            ws.cell(row=line, column=2).value = codes.get(row.key, "")

    def read(self, reader, errors, line, key, masterplan, ctx):
        old = ctx.once("roadmap.body_rows_by_key", lambda: {
            row.key: row for row in self.current_rows(masterplan, ctx)}).get(key)
        fields = self.fields

        def cell(name):
            return (reader, errors, line, self.column_number(name), fields[name])

        kind = read_choice(*cell("kind"), InstitutionKind)
        fixed = old.values["kind"] if old else FORUM
        if kind and kind != fixed:
            if old is None:
                errors.add("roadmap_fixed_body", line, fields["kind"],
                           body=choice_label(InstitutionKind, kind))
            else:
                errors.add("roadmap_kind_changed", line, fields["kind"],
                           body=choice_label(InstitutionKind, fixed))
        code = re.sub(r"\s+", "", reader.text(line, 2, fields["code"], required=True)).upper()
        if fixed in FIXED_CODES:
            if code and code != FIXED_CODES[fixed]:
                errors.add("roadmap_body_code", line, fields["code"],
                           body=choice_label(InstitutionKind, fixed), code=FIXED_CODES[fixed])
            code = FIXED_CODES[fixed]
        elif code:
            match = FORUM_CODE.fullmatch(code)
            if match is None:
                errors.add("roadmap_forum_code", line, fields["code"], code=code[:20])
            code = f"F{int(match.group(1))}" if match else ""  # a bad code cites nothing
        stash(ctx, "roadmap.body_upload_codes")[key] = code

        def text(name, limit=None):
            return reader.text(line, self.column_number(name), fields[name],
                               max_length=limit).strip()

        return {"kind": fixed, "name": text("name", 200),
                "decree_number": text("decree_number", 120),
                "decree_date": read_date(*cell("decree_date")),
                "selection_process": read_choice(*cell("selection_process"), SelectionProcess),
                "managing_opd": cite_opds(masterplan, ctx, *cell("managing_opd")),
                "contact": text("contact", limit("roadmap.Institution.contact"))}

    def check(self, rows, masterplan, ctx, errors):
        current = {row.key: row for row in self.current_rows(masterplan, ctx)}
        codes = stash(ctx, "roadmap.body_upload_codes")
        refs, kinds = references(ctx, BODY_REFS), body_kinds(ctx)
        refs.names.clear()
        refs.labels.clear()
        kinds.clear()
        refs.from_upload = True
        seen = {}
        for row in rows:
            code = codes.get(row.key, "")
            if code and normalized(code) in seen:
                errors.add("roadmap_duplicate_code", row.line, self.fields["code"], code=code,
                           other=seen[normalized(code)])
            seen.setdefault(normalized(code), row.line)
            label = current[row.key].label if row.key in current else self.label_of(row.values)
            refs.add(row.key, label, (code,), line=row.line)
            kinds[row.key] = row.values["kind"]
        parsed = {row.key for row in rows}
        for row in current.values():
            if row.values["kind"] != FORUM and row.key not in parsed:
                errors.add("roadmap_missing_body", None, None,
                           body=choice_label(InstitutionKind, row.values["kind"]))
        forms = {}
        changed = stash(ctx, "roadmap.bodies_changed")
        for row in rows:
            old, kind = current.get(row.key), row.values["kind"]
            changed[row.key] = (row.line, row.values["contact"], differs(row, current))
            if not changed[row.key][2]:
                continue
            check_columns(errors, row, old, BODY_FIELDS[kind], self.fields, kind)
            form = forms.get(kind) or forms.setdefault(kind, InstitutionForm(
                kind=kind, region=masterplan.region_id,
                instance=Institution(masterplan=masterplan, kind=kind)))
            values = {name: to_date(row.values[name]) if name == "decree_date" else row.values[name]
                      for name in BODY_FIELDS[kind]}
            check_rules(form, values, errors, row.line, self.fields, ("decree_date",))

    def apply(self, masterplan, changes, user, ctx):
        refs = references(ctx, BODY_REFS)
        removed, bumped = stash(ctx, "roadmap.bodies_removed"), stash(ctx, "roadmap.bodies_bumped")
        for change in changes:
            if change.kind == REMOVED:
                delete_versioned(change.current.obj)
                removed[change.key] = True
        editable = [name for name, _label in self.fields.items() if name not in ("code", "kind")]
        for change in changes:
            if change.kind == ADDED:
                body = Institution.objects.create(
                    masterplan=masterplan, kind=FORUM, updated_by=user,
                    **model_values(change.new.values, editable, ctx, masterplan))
                refs.saved[change.key] = body.pk
                bumped[change.key] = True
            elif change.kind == CHANGED:
                names = [field.name for field in change.fields if field.name in editable]
                update_versioned(change.current.obj,
                                 model_values(change.new.values, names, ctx, masterplan), user)
                bumped[change.key] = True


# --- the members ---------------------------------------------------------------------------------

def formset_rules(kind, roles):
    """The member grid's own rules (MemberFormSet.clean) on the roles of a body's members."""
    grid = member_formset_class(kind)
    checker = type("RolesCheck", (grid,), {"kept": lambda self: [{"role": r} for r in roles]})
    formset = checker(instance=Institution(kind=kind), prefix="anggota",
                      queryset=InstitutionMember.objects.none(),
                      form_kwargs={"kind": kind, "region": None})
    try:
        formset.clean()
    except ValidationError as error:
        return error.messages
    return []


class MemberSheet(ListSheet):
    key = "roadmap.institution_members"
    title = "Anggota Lembaga"
    order = 665
    group = "Aplikasi e-Gov, kelembagaan dan regulasi"
    heading = "Anggota Dewan Smart City, Tim Pelaksana dan forum"
    columns = (
        Column("institution", "Lembaga", 10), Column("name", "Nama", 28),
        Column("role", "Peran", 12), Column("unsur", "Unsur", 20), Column("opd", "OPD", 24),
        Column("position_title", "Jabatan", 26), Column("eselon", "Eselon", 8),
    )

    def rows_of(self, masterplan, ctx):
        rows = []
        for body in bodies(masterplan, ctx):
            for member in body.members.all():
                rows.append(Row(f"m{member.pk}", member.name, {
                    "institution": encode([(str(body), f"i{body.pk}")]), "name": member.name,
                    "role": member.role, "unsur": member.unsur,
                    "opd": opd_value(masterplan, ctx, [member.opd_id]),
                    "position_title": member.position_title, "eselon": member.eselon},
                    obj=member))
        return rows

    def current_rows(self, masterplan, ctx):
        return ctx.once("roadmap.member_rows", lambda: self.rows_of(masterplan, ctx))

    def label_of(self, values):
        return values["name"][:80]

    def display(self, name, value):
        if name in ("institution", "opd"):
            return labels_of(value)
        if name == "role":
            return choice_label(MemberRole, value)
        if name == "unsur":
            return choice_label(MemberUnsur, value)
        return super().display(name, value)

    def write(self, ws, masterplan, rows, ctx):
        super().write(ws, masterplan, rows, ctx)
        codes = body_codes(masterplan, ctx)
        for line, row in enumerate(rows, start=3):
            ws.cell(row=line, column=2).value = codes.get(keys_of(row.values["institution"])[0])

    def read(self, reader, errors, line, key, masterplan, ctx):
        fields = self.fields

        def cell(name):
            return (reader, errors, line, self.column_number(name), fields[name])

        def text(name, limit):
            return reader.text(line, self.column_number(name), fields[name],
                               max_length=limit).strip()

        refs = body_refs(masterplan, ctx)
        code = text("institution", None)
        body_key = refs.key_for(code) if code else None
        if code and body_key is None:
            errors.add("roadmap_unknown_body", line, fields["institution"], code=code[:20])
        elif not code:
            errors.add("required", line, fields["institution"])
        known = ctx.once("roadmap.body_labels", lambda: {
            f"i{body.pk}": str(body) for body in bodies(masterplan, ctx)})
        return {
            "institution": encode([(known.get(body_key) or refs.labels.get(body_key, ""),
                                    body_key)]) if body_key else "",
            "name": text("name", 200),
            "role": read_choice(*cell("role"), MemberRole) or MemberRole.MEMBER,
            "unsur": read_choice(*cell("unsur"), MemberUnsur),
            "opd": cite_opds(masterplan, ctx, *cell("opd")),
            "position_title": text("position_title", 200), "eselon": text("eselon", 10)}

    def check(self, rows, masterplan, ctx, errors):
        current = {row.key: row for row in self.current_rows(masterplan, ctx)}
        kinds = body_kinds(ctx)
        by_body, touched, forms = {}, set(), {}
        for row in rows:
            body_key = (keys_of(row.values["institution"]) or [""])[0]
            by_body.setdefault(body_key, []).append(row)
            if not differs(row, current):
                continue
            touched.add(body_key)
            old = current.get(row.key)
            if old is not None:
                touched.update(keys_of(old.values["institution"]))
            kind = kinds.get(body_key)
            if kind is None:
                continue
            check_columns(errors, row, old, MEMBER_FIELDS[kind], self.fields, kind)
            form = forms.get(kind) or forms.setdefault(kind, member_formset_class(kind).form(
                kind=kind, region=masterplan.region_id))
            values = {name: row.values[name] for name in MEMBER_FIELDS[kind]}
            check_rules(form, values, errors, row.line, self.fields)
        kept = {row.key for row in rows}
        for row in current.values():
            if row.key not in kept:
                touched.update(keys_of(row.values["institution"]))
        self._check_bodies(by_body, touched, kinds, ctx, errors)

    def _check_bodies(self, by_body, touched, kinds, ctx, errors):
        """The rules of a body's whole grid, for the bodies whose members change (not when a
        member's Peran cell was refused: its role is not known)."""
        changed_bodies = stash(ctx, "roadmap.bodies_changed")
        role_refused = {error.row for error in errors.errors if error.column == self.fields["role"]}
        for body_key, kind in kinds.items():
            members = by_body.get(body_key, [])
            line, contact, body_changed = changed_bodies.get(body_key, (None, "", False))
            if body_key not in touched and not body_changed:
                continue
            first = members[0].line if members else None
            if len(members) > MAX_MEMBERS:
                errors.add("roadmap_too_many_members", first, self.fields["institution"],
                           limit=MAX_MEMBERS, count=len(members))
            if members and body_key in touched and not any(
                    row.line in role_refused for row in members):
                for message in formset_rules(kind, [row.values["role"] for row in members]):
                    errors.add("roadmap_rule", first, self.fields["role"],
                               detail=message.rstrip("."))  # starts with the body's name
            message = forum_contact_error(kind, bool(members), contact) if line else None
            if message:  # the institution editor's rule, shown on the Lembaga row
                errors.errors.append(CellError("roadmap_rule", BODIES_TITLE, line, "Kontak",
                                               {"detail": rule_text(message)}))

    def apply(self, masterplan, changes, user, ctx):
        bodies_by_key = {f"i{body.pk}": body for body in bodies(masterplan, ctx)}
        refs = references(ctx, BODY_REFS)
        removed = stash(ctx, "roadmap.bodies_removed")
        bumped = stash(ctx, "roadmap.bodies_bumped")
        touched, positions = set(), {}

        def next_position(body_pk):
            if body_pk not in positions:
                positions[body_pk] = ordering.next_position(
                    InstitutionMember.objects.filter(institution_id=body_pk))
            positions[body_pk] += 1
            return positions[body_pk] - 1

        fields = [name for name in self.fields if name != "institution"]
        for change in changes:
            old_key = keys_of(change.current.values["institution"])[0] if change.current else None
            if change.kind == REMOVED:
                if old_key not in removed:  # else deleted with its forum
                    InstitutionMember.objects.filter(pk=change.current.obj.pk).delete()
                    touched.add(old_key)
                continue
            body_key = keys_of(change.new.values["institution"])[0]
            body_pk = refs.pk(body_key)
            values = model_values(change.new.values, fields, ctx, masterplan)
            touched.update({body_key, old_key} - {None})
            if change.kind == ADDED:
                InstitutionMember.objects.create(institution_id=body_pk,
                                                 position=next_position(body_pk), **values)
                continue
            member = change.current.obj
            if body_key != old_key:
                member.institution_id, member.position = body_pk, next_position(body_pk)
            for name, value in values.items():
                setattr(member, name, value)
            member.save()
        for key in sorted(touched):
            if key in bodies_by_key and key not in bumped and key not in removed:
                update_versioned(bodies_by_key[key], {}, user)
