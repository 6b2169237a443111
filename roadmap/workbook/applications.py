"""The "Aplikasi e-Gov" sheet: the e-government application inventory (roadmap/applications.py).

Layout (a list sheet, see common.ListSheet): one row per application, key ``a<pk>`` in the
hidden column A; a row without a key is a new application. Columns: Nama aplikasi, OPD pemilik
(a name or singkatan of the OPD sheet), Fungsi pemerintahan (the label or its code), Pengguna,
Interoperabel (✓ or ya), Bertukar data dengan (names of other applications of this sheet, one per
line or separated by ";"; a new application may be cited by the name typed in its row), the three
gap notes, Program integrasi (program codes of the Program sheet: "P3; P7").

Rules, as on the application page:

* the name is required and unique in the masterplan ignoring case (spaces collapsed like the
  form's clean_name);
* exchanges are symmetric. A pair listed in both rows (or in neither) is taken as written; a pair
  listed in one row only is the edit of that row: added when the pair does not exist yet, removed
  when it does. The preview shows both rows of a changed pair;
* the ApplicationForm's own clean() runs on every added or changed row (an application that
  exchanges data is interoperable, and so are its partners), as do its required fields.

`page_rules`/`check_rules` run a page form's checks on values read from a sheet; the Lembaga,
Anggota Lembaga and Regulasi sheets use them too.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.utils import ErrorDict

from masterplan.text_limits import limit
from masterplan.workbook.base import Row, delete_versioned, update_versioned
from masterplan.workbook.cells import (
    encode,
    flag,
    keys_of,
    labels_of,
    normalized,
    rule_text,
    split_cell,
    stash,
)
from masterplan.workbook.errors import register_messages
from masterplan.workbook.importer import ADDED, CHANGED, REMOVED

from ..applications import ApplicationForm, applications_of
from ..models import Application, GovernmentFunction
from .common import Column, ListSheet, choice_label, read_choice, read_flag
from .opds import cite_opds, opd_refs, opd_value
from .program_refs import cite_programs, program_code_text, program_refs, program_value

APPLICATION_MESSAGES = {
    "roadmap_unknown_application": (
        "aplikasi {names} tidak ada di lembar ini; tulis nama dari kolom Nama aplikasi (aplikasi "
        "baru ditambahkan sebagai baris baru)",
        "applications {names} are not in this sheet; write names from the Nama aplikasi column "
        "(add a new application as a new row)"),
    "roadmap_self_exchange": ("aplikasi tidak bertukar data dengan dirinya sendiri",
                              "an application does not exchange data with itself"),
}
register_messages(APPLICATION_MESSAGES)

EMPTY = (None, "", [], ())


def page_rules(form, values, cleaners=(), failed=()):
    """[(field or None, message)]: a page form's own checks run on values read from a sheet (its
    required fields, the clean_<field> methods named in `cleaners`, then clean()), as the page
    runs them on a post; the fields `failed` count as fields with errors already. `form` is
    unbound and its instance unsaved, so building it costs no query; it may be reused."""
    problems = [(name, str(field.error_messages["required"]))
                for name, field in form.fields.items()
                if name in values and field.required and values[name] in EMPTY]
    form._errors = ErrorDict({name: form.error_class() for name in failed if name in form.fields})
    form.cleaned_data = {name: value for name, value in values.items()
                         if name not in {field for field, _message in problems}
                         and name not in form._errors}
    for name in cleaners:
        if name not in form.cleaned_data:
            continue
        try:
            form.cleaned_data[name] = getattr(form, f"clean_{name}")()
        except ValidationError as error:
            form.add_error(name, error)
    try:
        form.clean()
    except ValidationError as error:
        form.add_error(None, error)
    for name, messages in form._errors.items():
        problems += [(None if name == NON_FIELD_ERRORS else name, str(message))
                     for message in messages]
    return problems


def check_rules(form, values, errors, line, columns, cleaners=(), names=()):
    """Run page_rules on a row read from sheet row `line` and report its problems; `columns` maps
    fields to column labels. A field whose cell was already refused is left out, as a form
    leaves a field that failed out of cleaned_data (clean() still runs); a refused cell gets no
    second message. A message starting with one of `names` keeps its capital."""
    refused = {error.column for error in errors.errors if error.row == line}
    failed = [name for name in values if columns.get(name) in refused]
    for name, message in page_rules(form, values, cleaners, failed):
        if name in failed:
            continue
        detail = message.rstrip(".") if message.startswith(tuple(names)) else rule_text(message)
        errors.add("roadmap_rule", line, columns.get(name), detail=detail)


def differs(row, current):
    """Whether a parsed row is new or differs from the database row of its key."""
    old = current.get(row.key)
    if old is None:
        return True
    return any(not (old.values.get(name) in EMPTY and value in EMPTY)
               and old.values.get(name) != value for name, value in row.values.items())


def applications(masterplan, ctx):
    """The inventory with OPDs, partners and programs (three queries), in the page's order."""
    return ctx.once("roadmap.applications", lambda: list(applications_of(masterplan)))


def partners_value(pairs):
    """The normalized value of an exchange list [(name, key)]: sorted by name, then key."""
    return encode(sorted(pairs, key=lambda pair: (normalized(pair[0]), pair[1])))


SCALARS = ("name", "owner_opd", "function", "users", "is_interoperable", "works", "not_works",
           "improve")


class ApplicationSheet(ListSheet):
    key = "roadmap.applications"
    title = "Aplikasi e-Gov"
    order = 650
    group = "Aplikasi e-Gov, kelembagaan dan regulasi"
    heading = "Inventaris aplikasi e-Government"
    columns = (
        Column("name", "Nama aplikasi", 30),
        Column("owner_opd", "OPD pemilik", 24),
        Column("function", "Fungsi pemerintahan", 28),
        Column("users", "Pengguna", 20),
        Column("is_interoperable", "Interoperabel", 13),
        Column("exchanges_with", "Bertukar data dengan", 28),
        Column("works", "Yang berjalan baik", 30),
        Column("not_works", "Yang tidak berjalan", 30),
        Column("improve", "Yang perlu diperbaiki", 30),
        Column("integration_programs", "Program integrasi", 16),
    )

    def title_text(self, masterplan, ctx):
        return f"Inventaris aplikasi e-Government {masterplan.region.display_name}"

    def rows_of(self, masterplan, ctx):
        rows = []
        for app in applications(masterplan, ctx):
            values = {
                "name": app.name,
                "owner_opd": opd_value(masterplan, ctx, [app.owner_opd_id]),
                "function": app.function,
                "users": app.users,
                "is_interoperable": flag(app.is_interoperable),
                "exchanges_with": partners_value(
                    (partner.name, f"a{partner.pk}") for partner in app.exchanges_with.all()),
                "works": app.works, "not_works": app.not_works, "improve": app.improve,
                "integration_programs": program_value(
                    masterplan, ctx, [program.pk for program in app.integration_programs.all()]),
            }
            rows.append(Row(f"a{app.pk}", app.name, values, obj=app))
        return rows

    def current_rows(self, masterplan, ctx):
        return ctx.once("roadmap.application_rows", lambda: self.rows_of(masterplan, ctx))

    def display(self, name, value):
        if name == "function":
            return choice_label(GovernmentFunction, value)
        if name in ("owner_opd", "exchanges_with", "integration_programs"):
            return labels_of(value)
        return super().display(name, value)

    def write(self, ws, masterplan, rows, ctx):
        super().write(ws, masterplan, rows, ctx)
        column = self.column_number("integration_programs")
        for line, row in enumerate(rows, start=3):
            ws.cell(row=line, column=column).value = program_code_text(
                masterplan, ctx, row.values["integration_programs"])

    def read(self, reader, errors, line, key, masterplan, ctx):
        def text(name, max_length=None):
            column = self.column_number(name)
            return reader.text(line, column, self.fields[name], max_length=max_length)

        def cell(name):
            return (reader, errors, line, self.column_number(name), self.fields[name])

        stash(ctx, "roadmap.application_partners")[key] = text("exchanges_with")
        return {
            "name": " ".join(text("name", 200).split()),
            "owner_opd": cite_opds(masterplan, ctx, *cell("owner_opd")),
            "function": read_choice(*cell("function"), GovernmentFunction),
            "users": text("users", 200).strip(),
            "is_interoperable": read_flag(*cell("is_interoperable")),
            "exchanges_with": "",  # resolved by check(), once every row is read
            "works": text("works", limit("roadmap.Application.works")),
            "not_works": text("not_works", limit("roadmap.Application.not_works")),
            "improve": text("improve", limit("roadmap.Application.improve")),
            "integration_programs": cite_programs(masterplan, ctx, *cell("integration_programs"),
                                                 many=True),
        }

    def check(self, rows, masterplan, ctx, errors):
        current = {row.key: row for row in self.current_rows(masterplan, ctx)}
        names = {}
        for row in rows:
            name = normalized(row.values["name"])
            if name and name in names:
                errors.add("duplicate_name", row.line, self.fields["name"],
                           name=row.values["name"], other=names[name][0])
            elif name:
                names[name] = (row.line, row.key)
        self._resolve_exchanges(rows, current, names, ctx, errors)
        interoperable = {row.key: bool(row.values["is_interoperable"]) for row in rows}
        labels = {row.key: row.values["name"] for row in rows}
        form = ApplicationForm(masterplan=masterplan)
        for row in rows:
            if not differs(row, current):
                continue
            partners = [Application(name=labels[key], is_interoperable=interoperable[key])
                        for key in keys_of(row.values["exchanges_with"])]
            values = {"name": row.values["name"], "function": row.values["function"],
                      "is_interoperable": interoperable[row.key], "exchanges_with": partners}
            check_rules(form, values, errors, row.line, self.fields,
                        names=[partner.name for partner in partners if partner.name])

    def _resolve_exchanges(self, rows, current, names, ctx, errors):
        """Set every row's exchanges: the cells' names as keys, pairs made symmetric (see the
        module docstring)."""
        cells = stash(ctx, "roadmap.application_partners")
        column = self.fields["exchanges_with"]
        wanted = {}
        for row in rows:
            keys, unknown = set(), []
            for line_text in split_cell(cells.get(row.key, ""), r"\n"):
                parts = [line_text] if normalized(line_text) in names else split_cell(line_text)
                for part in parts:
                    found = names.get(normalized(part))
                    if found is None:
                        unknown.append(part)
                    elif found[1] == row.key:
                        errors.add("roadmap_self_exchange", row.line, column)
                    else:
                        keys.add(found[1])
            if unknown:
                errors.add("roadmap_unknown_application", row.line, column,
                           names=", ".join(f"“{name[:40]}”" for name in unknown[:5]))
            wanted[row.key] = keys
        now = {key: set(keys_of(row.values["exchanges_with"])) for key, row in current.items()}
        pairs = {frozenset((a, b)) for a, keys in wanted.items() for b in keys}
        pairs |= {frozenset((a, b)) for a, keys in now.items() for b in keys
                  if a in wanted and b in wanted}
        result = {key: set() for key in wanted}
        for pair in pairs:
            a, b = sorted(pair)
            in_a, in_b = b in wanted[a], a in wanted[b]
            # Written alike in both rows: as written; else the row that differs from now wins.
            keep = in_a if in_a == in_b else b not in now.get(a, ())
            if keep:
                result[a].add(b)
                result[b].add(a)
        label = {row.key: (current[row.key].values["name"] if row.key in current
                           else row.values["name"]) for row in rows}
        for row in rows:
            row.values["exchanges_with"] = partners_value(
                (label[key], key) for key in result[row.key])

    def apply(self, masterplan, changes, user, ctx):
        opds, programs = opd_refs(masterplan, ctx), program_refs(masterplan, ctx)

        def scalars(values, names):
            result = {}
            for name in names:
                value = values[name]
                if name == "owner_opd":
                    keys = keys_of(value)
                    result["owner_opd_id"] = opds.pk(keys[0]) if keys else None
                elif name == "is_interoperable":
                    result[name] = bool(value)
                else:
                    result[name] = value
            return result

        for change in changes:
            if change.kind == REMOVED:
                delete_versioned(change.current.obj)
        # Free the old names of renamed rows first, so two applications may swap names.
        renamed = [change.current.obj.pk for change in changes if change.kind == CHANGED
                   and any(field.name == "name" for field in change.fields)]
        for pk in renamed:
            Application.objects.filter(pk=pk).update(name=f"\u2063{pk}")
        saved = {}
        for change in changes:
            if change.kind == ADDED:
                saved[change.key] = Application.objects.create(
                    masterplan=masterplan, updated_by=user, **scalars(change.new.values, SCALARS))
            elif change.kind == CHANGED:
                names = [field.name for field in change.fields if field.name in SCALARS]
                update_versioned(change.current.obj, scalars(change.new.values, names), user)
        # Then the relations: a new application now has its id, so exchanges can cite it.
        for change in changes:
            if change.kind == REMOVED:
                continue
            changed = {field.name for field in change.fields}
            app = change.current.obj if change.kind == CHANGED else saved[change.key]
            if "exchanges_with" in changed:
                app.exchanges_with.set(
                    [saved[key].pk if key in saved else int(key[1:])
                     for key in keys_of(change.new.values["exchanges_with"])])
            if "integration_programs" in changed:
                app.integration_programs.set(
                    [programs.pk(key) for key in keys_of(change.new.values["integration_programs"])])
