"""What changed in a masterplan between two moments, section by section (django-simple-history).

Apps register their content models with `track(model, section, masterplan_path)`; `changes()`
compares each object's last historical state at or before `since` with its last state at or
before `until`: added, removed, or changed field by field (old → new). Bookkeeping fields
(version, timestamps, who saved) are ignored.
"""

import datetime
from collections import OrderedDict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import clock
from .workflow import last_submission

IGNORED_FIELDS = {"id", "version", "updated_at", "updated_by", "created_at", "created_by",
                  "position", "order"}


@dataclass(frozen=True)
class Tracked:
    model: type
    section: str
    masterplan_path: str  # lookup from the model to its masterplan id, e.g. "worksheet__masterplan"
    order: int


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class Change:
    kind: str  # "added", "changed", "removed"
    model_label: str
    label: str
    fields: list = field(default_factory=list)

    KIND_LABELS = {"added": _("ditambahkan"), "changed": _("diubah"), "removed": _("dihapus")}

    @property
    def kind_label(self):
        return self.KIND_LABELS[self.kind]


_tracked: list[Tracked] = []


def track(model, section, masterplan_path, order=100):
    _tracked.append(Tracked(model, str(section), masterplan_path, order))


def tracked_models():
    return sorted(_tracked, key=lambda t: (t.order, t.model._meta.label))


def changes(masterplan, since, until=None):
    """OrderedDict {section title: [Change, ...]} of what changed in (since, until]."""
    until = until or timezone.now()
    result = OrderedDict()
    for tracked in tracked_models():
        items = _model_changes(tracked, masterplan, since, until)
        if items:
            result.setdefault(tracked.section, []).extend(items)
    return result


def _model_changes(tracked, masterplan, since, until):
    history = tracked.model.history.model
    scope = {f"{tracked.masterplan_path}_id": masterplan.pk}
    recent = list(history.objects.filter(**scope, history_date__gt=since,
                                         history_date__lte=until)
                  .order_by("history_date", "history_id"))
    if not recent:
        return []
    after = {}
    for record in recent:
        after[record.id] = record
    before = {}
    for record in (history.objects.filter(id__in=list(after), history_date__lte=since)
                   .order_by("history_date", "history_id")):
        before[record.id] = record
    m2m_fields = list(getattr(history, "_history_m2m_fields", []))
    model_label = str(tracked.model._meta.verbose_name).capitalize()
    result = []
    region = masterplan.region
    for object_id, new in after.items():
        old = before.get(object_id)
        old_exists = old is not None and old.history_type != "-"
        if new.history_type == "-":
            if old_exists:
                result.append(Change("removed", model_label, _label(old)))
            continue
        if not old_exists:
            result.append(Change("added", model_label, _label(new),
                                 _differences(tracked.model, None, new, m2m_fields, region)))
            continue
        differences = _differences(tracked.model, old, new, m2m_fields, region)
        if differences:
            result.append(Change("changed", model_label, _label(new), differences))
    order = {"removed": 0, "changed": 1, "added": 2}
    return sorted(result, key=lambda c: (order[c.kind], c.label))


def _label(record):
    text = str(record.instance)
    return text if len(text) <= 120 else text[:117] + "…"


def _display(model, record, field, region):
    value = getattr(record, field.attname)
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.date):
        return clock.format_datetime(value, region)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if isinstance(value, bool):
        return str(_("Ya") if value else _("Tidak"))
    return str(value)


def _m2m_display(record, field):
    target = field.m2m_reverse_field_name()
    ids = sorted(getattr(record, field.name).values_list(f"{target}_id", flat=True))
    objects = field.related_model._default_manager.in_bulk(ids)
    return ", ".join(str(objects.get(pk, f"#{pk}")) for pk in ids)


def _differences(model, old, new, m2m_fields, region):
    differences = []
    for model_field in model._meta.concrete_fields:
        if model_field.name in IGNORED_FIELDS or model_field.name.endswith("masterplan"):
            continue
        after = _display(model, new, model_field, region)
        before = _display(model, old, model_field, region) if old is not None else ""
        if before != after:
            differences.append(FieldChange(str(model_field.verbose_name).capitalize(), before, after))
    for m2m_field in m2m_fields:
        after = _m2m_display(new, m2m_field)
        before = _m2m_display(old, m2m_field) if old is not None else ""
        if before != after:
            differences.append(FieldChange(str(m2m_field.verbose_name).capitalize(), before, after))
    return differences


def default_since(masterplan):
    """The last submission for review, or the masterplan's creation."""
    submission = last_submission(masterplan)
    return submission.changed_at if submission else masterplan.created_at


def history_points(masterplan):
    """[(datetime, label)] the page offers as starting points: each status change, its time in
    the region's zone."""
    region = masterplan.region
    return [(change.changed_at, f"{clock.format_datetime(change.changed_at, region)} · "
             f"{change.get_to_status_display()}"
             + (f" (Bimtek #{change.bimtek_number})" if change.bimtek_number else ""))
            for change in masterplan.status_changes.order_by("-changed_at")]
