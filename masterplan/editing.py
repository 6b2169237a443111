"""The shared edit layer: no lost updates.

Every edit form of a versioned object carries the object's `version` and a signed snapshot of
the values the editor saw. Saving bumps the version with a conditional UPDATE, so of two people
who loaded version 3, the first saves version 4 and the second is refused with a `VersionConflict`
listing, field by field, what the other person changed. The refused form keeps the user's input
and is rebased on the current version, so saving again is a deliberate overwrite.
"""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

_SNAPSHOT_SALT = "masterplan.editing.snapshot"


def display_value(instance, name):
    """A field's value as a person reads it: choice labels, related objects' names, lists."""
    field = instance._meta.get_field(name)
    if field.many_to_many:
        if instance.pk is None:
            return ""
        return ", ".join(sorted(str(obj) for obj in getattr(instance, name).all()))
    value = getattr(instance, name)
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 10.0000 -> 10
    return str(value)


def snapshot(instance, field_names):
    return {name: display_value(instance, name) for name in field_names}


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


class VersionConflict(Exception):
    def __init__(self, current, changes):
        super().__init__("version conflict")
        self.current = current
        self.changes = changes

    @property
    def message(self):
        who = getattr(self.current, "updated_by", None)
        who_text = str(who) if who else _("pengguna lain")
        return _(
            "Data ini sudah diubah oleh %(who)s sejak Anda membukanya. Perubahan Anda belum "
            "disimpan. Periksa perubahan mereka di bawah; simpan lagi untuk menimpanya dengan isian Anda."
        ) % {"who": who_text}


class VersionedFormMixin:
    """For ModelForms of models with a `version` field. Use with `save_versioned`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        self.fields["snapshot"] = forms.CharField(widget=forms.HiddenInput, required=False)
        if self.instance.pk is not None:
            self.initial.setdefault("version", self.instance.version)
            self.initial.setdefault(
                "snapshot", signing.dumps(snapshot(self.instance, self.tracked_fields()),
                                          salt=_SNAPSHOT_SALT))
        self.conflict = None

    def tracked_fields(self):
        model_field_names = {f.name for f in self.instance._meta.get_fields()}
        return [name for name in self._meta.fields or self.fields if name in model_field_names]

    def loaded_snapshot(self):
        try:
            return signing.loads(self.data.get(self.add_prefix("snapshot"), ""), salt=_SNAPSHOT_SALT)
        except signing.BadSignature:
            return {}

    def conflict_changes(self, current):
        seen = self.loaded_snapshot()
        changes = []
        for name in self.tracked_fields():
            now = display_value(current, name)
            before = seen.get(name, "")
            if now != before:
                label = str(self.fields[name].label) if name in self.fields else name
                changes.append(FieldChange(label, before, now))
        return changes

    def rebased(self, conflict):
        """The same input, bound to the current version, showing the conflict."""
        data = self.data.copy()
        data[self.add_prefix("version")] = str(conflict.current.version)
        data[self.add_prefix("snapshot")] = signing.dumps(
            snapshot(conflict.current, self.tracked_fields()), salt=_SNAPSHOT_SALT)
        form = type(self)(data=data, files=self.files, instance=conflict.current,
                          **self.rebase_kwargs())
        form.conflict = conflict
        form.is_valid()
        form.add_error(None, conflict.message)
        return form

    def rebase_kwargs(self):
        """Extra constructor arguments a subclass needs to be rebuilt."""
        return {}


def save_versioned(form, user=None, save_related=None):
    """Save a valid VersionedFormMixin form atomically, or raise VersionConflict.

    `save_related(obj)` runs inside the same transaction (formsets of the parent form).
    """
    instance = form.instance
    model = type(instance)
    with transaction.atomic():
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
    with transaction.atomic():
        for form in forms:
            if not form.has_changed():
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
    if user is not None and _has_field(model, "updated_by"):
        values["updated_by"] = user
    model._default_manager.filter(pk=instance.pk).update(**values)
    instance.refresh_from_db(fields=["version"])


def _has_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True
