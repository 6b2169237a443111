"""The changes found by masterplan.changes as the pages show them.

Names are the models' and fields' verbose names; values are written as the pages write them: a
number "1.234,5", an amount "Rp 1.500.000", a date "4 Desember 2026", a choice by its label, a
yes/no field "Ya"/"Tidak", a foreign key or a many-to-many field by the names of the objects it
points at, nothing as "–".

The objects pointed at (and the authors) are fetched once per model for everything presented,
by `Related`: live rows together with the objects their own foreign keys point at (one level,
so their names need no further query), else the last historical state of a deleted one. So
presenting costs a fixed number of queries however many changes there are, as long as a name
(`__str__`, or the label a tracking app gives) looks no further than one foreign key away.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import clock
from .numbers import format_number, format_rupiah

EMPTY = "–"
LABEL_LENGTH = 120
KIND_LABELS = {"added": _("ditambahkan"), "changed": _("diubah"), "removed": _("dihapus")}
KIND_ORDER = {"removed": 0, "changed": 1, "added": 2}


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
    author: str = ""
    moment: object = None  # when the last change of the period was saved

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


def _forward(model):
    """Names of the model's own foreign keys (and one-to-one fields)."""
    return [f.name for f in model._meta.concrete_fields if f.is_relation]


def _has_history(model):
    return getattr(model._meta, "simple_history_manager_attribute", None) is not None


def historical_instance(record, model):
    """The model instance a historical record describes, with the related objects the record's
    query selected cached on it."""
    instance = record.instance
    for name in _forward(model):
        history_field = record._meta.get_field(name)
        if history_field.is_cached(record):
            model._meta.get_field(name).set_cached_value(
                instance, history_field.get_cached_value(record))
    return instance


class Related:
    """The objects changes point at, asked for with `want` and fetched by `fetch`, one query per
    model (two when some were deleted)."""

    def __init__(self):
        self._wanted = defaultdict(set)
        self._found = defaultdict(dict)

    def want(self, model, pk):
        if pk is not None:
            self._wanted[model].add(pk)

    def fetch(self):
        for model, pks in self._wanted.items():
            found = self._found[model]
            missing = pks - found.keys()
            if missing:
                found.update(model._default_manager.select_related(*_forward(model))
                             .in_bulk(missing))
                missing -= found.keys()
            if missing and _has_history(model):
                found.update(self._deleted(model, missing))
        self._wanted.clear()

    @staticmethod
    def _deleted(model, pks):
        """{pk: the last state of the deleted object}."""
        history = getattr(model, model._meta.simple_history_manager_attribute).model
        result = {}
        for record in (history.objects.filter(id__in=pks).select_related(*_forward(model))
                       .order_by("id", "history_date", "history_id")):
            result[record.id] = record  # the last one of each id wins
        return {pk: historical_instance(record, model) for pk, record in result.items()}

    def get(self, model, pk):
        return self._found[model].get(pk)

    def text(self, model, pk):
        found = self.get(model, pk)
        return str(found) if found is not None else f"#{pk}"


def _date(value):
    if isinstance(value, str):  # a date a historical record kept as text
        return value
    return clock.format_date(value)


def display(model_field, value, related, rupiah=False, region=None):
    """`value` of `model_field` as the pages show it."""
    if value is None or value == "":
        return EMPTY
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        return related.text(model_field.related_model, value)
    if isinstance(model_field, models.BooleanField):
        return str(_("Ya") if value else _("Tidak"))
    if isinstance(model_field, (models.DecimalField, models.FloatField)):
        return format_rupiah(value) if rupiah else format_number(value)
    if isinstance(model_field, models.DateTimeField):
        return clock.format_datetime(value, region)
    if isinstance(model_field, models.DateField):
        return _date(value)
    if isinstance(model_field, models.FileField):
        return str(value).rsplit("/", 1)[-1]
    return str(value)


def _author_id(change):
    """Who saved the change: the user of its request, else (a save outside a request) the user
    the row says saved it last; a removal outside a request has no author."""
    record = change.new
    if record.history_user_id is not None or change.kind == "removed":
        return record.history_user_id
    return getattr(record, "updated_by_id", None)


def _label_record(change):
    return change.old if change.kind == "removed" else change.new


def _label_fields(tracked):
    return [f for f in tracked.compared_fields() if f.is_relation]


def _want(change, related, user_model):
    record = _label_record(change)
    for model_field in _label_fields(change.tracked):
        related.want(model_field.related_model, getattr(record, model_field.attname))
    for model_field in change.fields:
        if model_field.is_relation:
            for state in (change.old, change.new):
                if state is not None:
                    related.want(model_field.related_model, getattr(state, model_field.attname))
    for m2m_field, before, after in change.m2m:
        for pk in (*before, *after):
            related.want(m2m_field.related_model, pk)
    related.want(user_model, _author_id(change))


def _label(change, related):
    tracked = change.tracked
    instance = _label_record(change).instance
    for model_field in _label_fields(tracked):
        target = related.get(model_field.related_model, getattr(instance, model_field.attname))
        if target is not None:
            model_field.set_cached_value(instance, target)
    try:
        text = str(tracked.label(instance) if tracked.label else instance)
    except ObjectDoesNotExist:  # it points at something deleted without a history
        text = f"#{instance.pk}"
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH - 1] + "…"


def _fields(change, related, region=None):
    rupiah = change.tracked.rupiah
    result = []
    for model_field in change.fields:
        before = (display(model_field, getattr(change.old, model_field.attname), related,
                          model_field.name in rupiah, region) if change.old is not None else EMPTY)
        after = display(model_field, getattr(change.new, model_field.attname), related,
                        model_field.name in rupiah, region)
        result.append(FieldChange(capfirst(model_field.verbose_name), before, after))
    for m2m_field, before, after in change.m2m:
        result.append(FieldChange(
            capfirst(m2m_field.verbose_name),
            ", ".join(related.text(m2m_field.related_model, pk) for pk in before) or EMPTY,
            ", ".join(related.text(m2m_field.related_model, pk) for pk in after) or EMPTY))
    return result


def present(raw_changes, region=None):
    """[Change] of masterplan.changes' RawChange list, in the order a section lists them: by
    model as the app tracks them, then removed, changed, added, then by name; times in
    `region`'s zone."""
    related = Related()
    user_model = get_user_model()
    for change in raw_changes:
        _want(change, related, user_model)
    related.fetch()
    result = []
    for change in raw_changes:
        author = related.get(user_model, _author_id(change))
        result.append((
            (change.tracked.order, KIND_ORDER[change.kind]),
            Change(change.kind, capfirst(change.tracked.model._meta.verbose_name),
                   _label(change, related),
                   _fields(change, related, region),
                   str(author) if author is not None else "", change.new.history_date)))
    result.sort(key=lambda item: (*item[0], item[1].label.casefold()))
    return [item for _key, item in result]
