"""The shared edit layer: no lost updates.

Every edit form of a versioned object carries the object's `version` and, signed, the values the
editor loaded, as the browser posts them: the merge base. Saving bumps the version with a
conditional UPDATE, so of two people who loaded version 3, the first saves version 4 and the
second is refused with a `VersionConflict` (HTTP 422 in the views) listing, field by field, what
the other person changed.

The refused form is a three-way merge of the base, the editor's input and the current version
(`VersionedFormMixin.rebased`): a field only the other person changed takes their value, a field
only the editor changed keeps the editor's, and a field both changed to different values gets a
required choice "isian Anda" / "isian mereka" (`pilihan__<field>`), so the form cannot be saved
until every such field is chosen. Saving the refused form again therefore never reverts the other
person's change silently. Grids that are fields of a form (yearly targets, KPI actuals, Bimtek
notes) merge per cell; related rows saved with a form (a program's partners, KPIs and financing,
an institution's members) merge as one block (`rows_values`, `rows_input_changed`). Grids of
versioned rows (`save_versioned_rows`) merge row by row and skip rows the editor did not change.
"""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import content_version

_SNAPSHOT_SALT = "masterplan.editing.snapshot"


@dataclass(frozen=True)
class FieldChange:
    """What someone else changed in one field since the editor loaded the form.

    `clash`: the editor changed the same field to another value (`mine`), so the re-save needs
    an explicit choice; otherwise the other person's value was put into the form."""

    label: str
    before: str
    after: str
    name: str = ""
    clash: bool = False
    mine: str = ""


class VersionConflict(Exception):
    def __init__(self, current, changes):
        super().__init__("version conflict")
        self.current = current
        self.changes = changes

    @property
    def clashes(self):
        return [change for change in self.changes if change.clash]

    @property
    def message(self):
        who = getattr(self.current, "updated_by", None)
        who_text = str(who) if who else _("pengguna lain")
        return _(
            "Data ini sudah diubah oleh %(who)s sejak Anda membukanya. Perubahan Anda belum "
            "disimpan. Isian mereka sudah dimasukkan ke formulir untuk isian yang tidak Anda "
            "ubah, dan isian yang hanya Anda ubah tetap milik Anda; untuk isian yang diubah oleh "
            "kalian berdua, pilih isian Anda atau isian mereka. Periksa, lalu simpan lagi."
        ) % {"who": who_text}


MINE, THEIRS = "anda", "mereka"
CHOICE_PREFIX = "pilihan__"
RELATED = "__terkait__"  # the pseudo field of a form's related rows (members, KPIs, ...)
_MISSING = object()


def _flat_choices(choices):
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            yield from _flat_choices(label)
        else:
            yield str(value), str(label)


def data_value(bound_field):
    """What a browser posts for the field when the editor leaves its initial value untouched:
    a string, or a list of strings for multiple choices."""
    field = bound_field.field
    widget = field.widget
    value = field.prepare_value(bound_field.initial)
    if isinstance(widget, forms.CheckboxInput):
        return "on" if widget.check_test(value) else ""
    if getattr(widget, "allow_multiple_selected", False):
        return sorted(str(getattr(item, "pk", item)) for item in (value or []))
    formatted = widget.format_value(value)
    if isinstance(formatted, (list, tuple)):
        formatted = formatted[0] if formatted else ""
    return "" if formatted is None else str(formatted)


def _posted_value(form, name):
    field = form.fields[name]
    value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, (list, tuple)):
        return sorted(str(item) for item in value)
    return "" if value is None else str(value)


def _comparable(field, value):
    """A posted-style value as the field understands it, so "12,50" and "12.5" are the same."""
    if isinstance(value, list):
        return sorted(set(value))
    if isinstance(field, forms.ModelChoiceField):
        return value
    try:
        result = field.to_python(value)
        if hasattr(field, "_coerce"):
            result = field._coerce(result)
    except (forms.ValidationError, TypeError, ValueError):
        return value.replace("\r\n", "\n").strip()
    if result in (None, "") or result == []:
        return ""
    if isinstance(result, Decimal):
        return format(result.normalize(), "f")
    if isinstance(result, str):
        return result.replace("\r\n", "\n")
    return result


def same_value(field, a, b):
    """Do two posted-style values of `field` mean the same (e.g. "12,50" and "12.5")?"""
    return _comparable(field, a) == _comparable(field, b)


def _set_data(data, key, value):
    """Put a posted-style value into (a mutable copy of) the form's data."""
    if isinstance(value, list) and hasattr(data, "setlist"):
        data.setlist(key, value)
    else:
        data[key] = value


def display_data(field, value):
    """A posted-style value as a person reads it: choice labels, Ya/Tidak, numbers as typed."""
    if isinstance(field, forms.BooleanField):
        return _("Ya") if _comparable(field, value) else _("Tidak")
    values = value if isinstance(value, list) else [value]
    values = [item for item in values if item != ""]
    if not values:
        return ""
    if hasattr(field, "choices"):
        labels = dict(_flat_choices(field.choices))
        return ", ".join(sorted(labels.get(item, item) for item in values))
    return ", ".join(values)


class VersionedFormMixin:
    """For ModelForms of models with a `version` field. Use with `save_versioned`.

    The hidden `snapshot` holds, signed, the values the editor loaded (the merge base) as the
    browser posts them, and after a conflict the fields both people changed, each of which gets a
    required choice `pilihan__<field>` (isian Anda / isian mereka)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        self.fields["snapshot"] = forms.CharField(widget=forms.HiddenInput, required=False)
        if self.instance.pk is not None:
            self.initial.setdefault("version", self.instance.version)
            # Lazily: subclasses add fields (targets, actuals) after this constructor.
            self.initial.setdefault("snapshot", self.signed_base)
        self.conflict = None
        self._plan = None
        self.clashes = self.loaded_snapshot().get("clashes", {}) if self.is_bound else {}
        for name, clash in self.clashes.items():
            self.fields[CHOICE_PREFIX + name] = forms.ChoiceField(
                label=clash["label"], required=True,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                choices=[(MINE, _("Isian Anda: %(value)s") % {"value": clash["mine"] or "—"}),
                         (THEIRS, _("Isian mereka: %(value)s") % {"value": clash["theirs"] or "—"})],
                error_messages={"required": _(
                    "Pilih isian yang disimpan untuk “%(label)s”: isian Anda atau isian mereka.")
                    % {"label": clash["label"]}})
        chosen = {name: clash for name, clash in self.clashes.items()
                  if name != RELATED and self.choice(name) == THEIRS}
        if chosen:
            self.data = self.data.copy()
            for name, clash in chosen.items():
                _set_data(self.data, self.add_prefix(name), clash["theirs_data"])

    # --- what is merged ---------------------------------------------------------------------

    def tracked_fields(self):
        model_field_names = {f.name for f in self.instance._meta.get_fields()}
        return [name for name in self._meta.fields or self.fields if name in model_field_names]

    def extra_merge_fields(self):
        """Form fields beyond the model's (a grid of yearly targets, a row's subject choice)."""
        return []

    def merge_fields(self):
        names = [name for name in self.tracked_fields() if name in self.fields]
        return names + [name for name in self.extra_merge_fields() if name not in names]

    def merge_label(self, name):
        return str(self.fields[name].label or name)

    def base_values(self):
        """The fields' initial values (from the instance) as a browser posts them."""
        return {name: data_value(self[name]) for name in self.merge_fields()}

    def signed_base(self):
        return signing.dumps({"base": self.base_values()}, salt=_SNAPSHOT_SALT)

    def loaded_snapshot(self):
        try:
            loaded = signing.loads(self.data.get(self.add_prefix("snapshot"), ""),
                                   salt=_SNAPSHOT_SALT)
        except signing.BadSignature:
            return {}
        return loaded if isinstance(loaded, dict) and "base" in loaded else {}

    def choice(self, name):
        return self.data.get(self.add_prefix(CHOICE_PREFIX + name))

    def keeps_theirs(self, name=RELATED):
        """The editor chose the other person's value for `name` after a conflict."""
        return name in self.clashes and self.choice(name) == THEIRS

    def input_changed(self):
        """Did the editor change anything since loading the form (not: since now)?"""
        base = self.loaded_snapshot().get("base")
        if base is None:
            return self.has_changed()
        return any(_comparable(self.fields[name], _posted_value(self, name))
                   != _comparable(self.fields[name], base.get(name, ""))
                   for name in self.merge_fields())

    # --- the three-way merge ----------------------------------------------------------------

    def merge_plan(self, current):
        """Per field: the base (loaded), mine (posted) and theirs (current) values and the merge:
        only they changed -> theirs, only I changed -> mine, both differently -> clash."""
        if self._plan is not None and self._plan["version"] == current.version:
            return self._plan
        theirs_form = type(self)(instance=current, **self.rebase_kwargs())
        theirs = theirs_form.base_values()
        base = self.loaded_snapshot().get("base")
        plan = {"version": current.version, "theirs": theirs, "take": [], "clash": [],
                "changed": [], "base": base or {}}
        for name in self.merge_fields():
            field = self.fields[name]
            mine_value = _posted_value(self, name)

            def same(a, b, field=field):
                return same_value(field, a, b)
            before = base.get(name, _MISSING) if base is not None else _MISSING
            if before is not _MISSING and not same(before, theirs[name]):
                plan["changed"].append(name)
            if same(mine_value, theirs[name]):
                continue
            if before is not _MISSING and same(mine_value, before):
                plan["take"].append(name)
            elif before is not _MISSING and same(theirs[name], before):
                continue
            else:
                plan["clash"].append(name)
                if name not in plan["changed"]:
                    plan["changed"].append(name)
        self._plan = plan
        return plan

    def conflict_changes(self, current):
        plan = self.merge_plan(current)
        changes = []
        for name in plan["changed"]:
            field = self.fields[name]
            changes.append(FieldChange(
                self.merge_label(name), display_data(field, plan["base"].get(name, "")),
                display_data(field, plan["theirs"][name]), name, name in plan["clash"],
                display_data(field, _posted_value(self, name))))
        return changes

    def rebased(self, conflict, related=None):
        """The merged input, bound to the current version, showing the conflict.

        `related` = (label, mine, theirs): the form's related rows were changed by both."""
        plan = self.merge_plan(conflict.current)
        data = self.data.copy()
        for name in plan["take"]:
            _set_data(data, self.add_prefix(name), plan["theirs"][name])
        clashes = {}
        for name in plan["clash"]:
            field = self.fields[name]
            clashes[name] = {"label": self.merge_label(name),
                             "mine": display_data(field, _posted_value(self, name)),
                             "theirs": display_data(field, plan["theirs"][name]),
                             "theirs_data": plan["theirs"][name]}
        if related is not None:
            label, mine, theirs = related
            clashes[RELATED] = {"label": str(label), "mine": str(mine), "theirs": str(theirs),
                                "theirs_data": ""}
            conflict.changes.append(FieldChange(str(label), "", str(theirs), RELATED, True,
                                                str(mine)))
        for name in list(data):
            if name.startswith(self.add_prefix(CHOICE_PREFIX)):
                del data[name]
        data[self.add_prefix("version")] = str(conflict.current.version)
        data[self.add_prefix("snapshot")] = signing.dumps(
            {"base": plan["theirs"], "clashes": clashes}, salt=_SNAPSHOT_SALT)
        form = type(self)(data=data, files=self.files, instance=conflict.current,
                          **self.rebase_kwargs())
        form.conflict = conflict
        form.is_valid()
        for name in clashes:  # asked for in the conflict box, not an error yet
            form.errors.pop(CHOICE_PREFIX + name, None)
        form.add_error(None, conflict.message)
        return form

    def clash_fields(self):
        """The bound choice fields of the fields both people changed, for the template."""
        return [self[CHOICE_PREFIX + name] for name in self.clashes]

    def rebase_kwargs(self):
        """Extra constructor arguments a subclass needs to be rebuilt."""
        return {}


# --- plain forms guarded by a version elsewhere (a table saved as a whole) ------------------------

def sign_base(form, exclude=("version", "snapshot")):
    """The signed merge base of an unbound plain form: its fields as the browser posts them."""
    return signing.dumps({"base": {name: data_value(form[name]) for name in form.fields
                                   if name not in exclude}}, salt=_SNAPSHOT_SALT)


def merge_plain(posted, fresh, exclude=("version", "snapshot")):
    """Three-way merge of a refused plain form (`posted`, bound, with a `snapshot` from
    sign_base) onto `fresh` (unbound, the current state). Returns (data, clashes): posted-style
    data with the other person's values for the fields only they changed and the editor's for
    the fields only the editor changed; a field both changed differently shows the other
    person's value and is listed in `clashes` (labels) so the editor retypes theirs on purpose."""
    try:
        base = signing.loads(posted.data.get(posted.add_prefix("snapshot"), ""),
                             salt=_SNAPSHOT_SALT)["base"]
    except (signing.BadSignature, KeyError, TypeError):
        base = None
    data, clashes = {}, []
    for name, field in fresh.fields.items():
        if name in exclude:
            continue
        theirs = data_value(fresh[name])
        data[fresh.add_prefix(name)] = theirs
        if name not in posted.fields or (base is not None and name not in base):
            continue  # a field the editor never saw (a row added meanwhile)
        mine = _posted_value(posted, name)
        if same_value(field, mine, theirs):
            continue
        if base is not None and same_value(field, mine, base[name]):
            continue  # only they changed it
        if base is not None and same_value(field, theirs, base[name]):
            data[fresh.add_prefix(name)] = mine  # only the editor changed it
            continue
        label = getattr(posted, "merge_label", None)
        clashes.append(label(name) if label else str(field.label))
    return data, clashes


# --- related rows (a formset or grid saved with the form) ---------------------------------------

def rows_values(forms_):
    """What a browser posts for unbound forms (formset rows, its management form, a grid) when
    the editor leaves them untouched: the merge base of a form's related rows."""
    return {form.add_prefix(name): data_value(form[name]) for form in forms_ for name in form.fields}


def rows_input_changed(bound_forms, base):
    """Did the editor change the related rows since loading them (`base`: rows_values)?"""
    if base is None:
        return True
    seen = set()
    for form in bound_forms:
        for name, field in form.fields.items():
            key = form.add_prefix(name)
            seen.add(key)
            if key not in base or (_comparable(field, _posted_value(form, name))
                                   != _comparable(field, base[key])):
                return True
    # Rows the page showed but the post lacks count only if they held something.
    return any(base[key] not in ("", []) for key in set(base) - seen)


def save_versioned(form, user=None, save_related=None):
    """Save a valid VersionedFormMixin form atomically, or raise VersionConflict.

    `save_related(obj)` runs inside the same transaction (formsets of the parent form).
    """
    instance = form.instance
    model = type(instance)
    with content_version.collecting():
        if instance.pk is not None:
            seen_version = form.cleaned_data.get("version") or instance.version
            bumped = model._default_manager.filter(pk=instance.pk, version=seen_version).update(
                version=F("version") + 1)
            if not bumped:
                current = model._default_manager.get(pk=instance.pk)
                raise VersionConflict(current, form.conflict_changes(current))
            instance.version = seen_version + 1
        if user is not None and _has_field(model, "updated_by"):
            instance.updated_by = user
        obj = form.save()
        if save_related is not None:
            save_related(obj)
    return obj


class FormsetConflict(Exception):
    """Some rows of a grid were changed by someone else; nothing of the grid was saved."""

    def __init__(self, conflicts):
        super().__init__(f"version conflict in {len(conflicts)} rows")
        self.conflicts = conflicts  # [(form, VersionConflict)]


def save_versioned_rows(forms, user=None):
    """Save the changed rows of a grid (VersionedFormMixin forms) all or nothing.

    Every changed row is version-checked; if any row conflicts, nothing is saved and
    FormsetConflict lists the conflicting rows.
    """
    conflicts = []
    with content_version.collecting():
        for form in forms:
            if not form.input_changed():
                continue
            try:
                save_versioned(form, user)
            except VersionConflict as conflict:
                conflicts.append((form, conflict))
        if conflicts:
            raise FormsetConflict(conflicts)  # rolls back the rows saved before
    return [form.instance for form in forms]


def bump_version(instance, user=None):
    """Record a change made outside a form (a service action) so open forms see a conflict."""
    model = type(instance)
    values = {"version": F("version") + 1}
    if _has_field(model, "updated_at"):  # a workbook exported before must not overwrite it
        values["updated_at"] = timezone.now()
    if user is not None and _has_field(model, "updated_by"):
        values["updated_by"] = user
    model._default_manager.filter(pk=instance.pk).update(**values)
    instance.refresh_from_db(fields=["version"])
    content_version.changed(instance)  # an UPDATE sends no signal


def _has_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def write_yearly_values(rows, clean, **owner):
    """Write {year: value or None} into the yearly rows (`rows`: a manager of a model with
    `year` and `value`, e.g. a KPI's targets) of `owner` in one transaction: None deletes the
    year, a new year is created, a changed value updated; years not given are left alone."""
    with transaction.atomic():
        existing = {row.year: row for row in rows.filter(**owner, year__in=list(clean))}
        rows.filter(**owner, year__in=[year for year, value in clean.items()
                                       if value is None and year in existing]).delete()
        for year, value in clean.items():  # one by one, so model history sees each change
            if value is None:
                continue
            if year not in existing:
                rows.create(**owner, year=year, value=value)
            elif existing[year].value != value:
                existing[year].value = value
                existing[year].save(update_fields=["value"])
