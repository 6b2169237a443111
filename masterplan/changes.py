"""What changed in a masterplan between two moments, section by section (django-simple-history).

Apps register their content models with `track(model, section, masterplan_path, ...)`, naming
the dashboard section (masterplan.sections) whose page edits them. An object's state at a moment
is its last historical record at or before it; `diff()` compares the two states of every object
with a record in (since, until]: added, removed, or changed field by field (many-to-many fields
included). Bookkeeping fields (version, timestamps, who saved, the order of rows) are ignored;
values are compared as stored, so "1.2340" and "1.234" are the same number.

The cost is a fixed number of queries per tracked model however many objects changed: the latest
record of each object in the period, its latest record before it, and the many-to-many rows of
those records, one query each. A model is scoped to the masterplan through its live parents, so
rows removed together with their parent (a program's KPIs with the program) show as the parent's
removal alone.

`summary()` counts the changes per section (nothing else is fetched); `section_changes()`
presents one section's changes for reading (masterplan/change_display.py).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from . import clock, content_version, figures, sections
from .change_display import KIND_LABELS, present
from .models import Masterplan

IGNORED_FIELDS = {"id", "version", "updated_at", "updated_by", "created_at", "created_by",
                  "position", "order"}
KINDS = ("removed", "changed", "added")  # the order a section lists them in


@dataclass(frozen=True)
class Tracked:
    model: type
    section: str  # the key of a masterplan.sections Section: the page that edits the model
    masterplan_path: str  # lookup from the model to its masterplan, e.g. "worksheet__masterplan"
    order: int
    label: object = None  # object -> its name on the page (default: str(object))
    rupiah: frozenset = frozenset()  # names of the fields holding amounts in rupiah
    ignore: frozenset = frozenset()  # names of further fields nobody edits (e.g. a catalogue code)

    @property
    def history(self):
        return self.model.history.model

    def compared_fields(self):
        """The model's fields a change is made of (bookkeeping and the masterplan left out)."""
        return [model_field for model_field in self.model._meta.concrete_fields
                if model_field.name not in IGNORED_FIELDS and model_field.name not in self.ignore
                and not model_field.name.endswith("masterplan")]

    def m2m_fields(self):
        return list(getattr(self.history, "_history_m2m_fields", []))


_tracked: list[Tracked] = []


def track(model, section, masterplan_path, order=100, *, label=None, rupiah=(), ignore=()):
    """Show changes of `model` on the changes page, under the dashboard section `section`."""
    _tracked[:] = [t for t in _tracked if t.model is not model]
    content_version.watch(model, masterplan_path)  # what the changes page shows, figures read
    _tracked.append(Tracked(model, section, masterplan_path, order, label, frozenset(rupiah),
                            frozenset(ignore)))


def tracked_models(section=None):
    return sorted((t for t in _tracked if section is None or t.section == section),
                  key=lambda t: (t.order, t.model._meta.label))


def section_keys():
    """The keys of the sections that have tracked models, in the dashboard's order."""
    keys = {t.section for t in _tracked}
    return [s.key for s in sections.all_sections() if s.key in keys]


@dataclass
class RawChange:
    """One object's change as stored: `old` its record at the start (None when added), `new` its
    record at the end (the deletion record when removed); the fields that differ."""

    tracked: Tracked
    kind: str
    old: object
    new: object
    fields: list = field(default_factory=list)  # model fields
    m2m: list = field(default_factory=list)  # (m2m field, ids before, ids after)


def _latest_record(history, moment):
    """A subquery: the history_id of an object's last record at or before `moment`."""
    return Subquery(history.objects.filter(id=OuterRef("id"), history_date__lte=moment)
                    .order_by("-history_date", "-history_id").values("history_id")[:1])


def _m2m_ids(tracked, m2m_field, history_ids):
    """{history_id: ids the many-to-many field held in that record, in creation order}."""
    through = getattr(tracked.history, m2m_field.name).model
    target = f"{m2m_field.m2m_reverse_field_name()}_id"
    result = defaultdict(list)
    for history_id, target_id in (through.objects.filter(history_id__in=history_ids)
                                  .order_by(target).values_list("history_id", target)):
        result[history_id].append(target_id)
    return {history_id: tuple(ids) for history_id, ids in result.items()}


def _empty(value):
    return value is None or value == ""


def _same(before, after):
    if _empty(before) and _empty(after):
        return True
    if isinstance(before, Decimal) and isinstance(after, Decimal):
        return before.compare(after) == 0
    return before == after


def _model_diff(tracked, masterplan_id, since, until):
    history = tracked.history
    scope = {f"{tracked.masterplan_path}_id": masterplan_id}
    in_period = history.objects.filter(**scope, history_date__gt=since, history_date__lte=until)
    after = list(in_period.filter(history_id=_latest_record(history, until)))
    if not after:
        return []
    before = {record.id: record for record in history.objects.filter(
        id__in=in_period.values("id"), history_id=_latest_record(history, since))}
    m2m_fields = tracked.m2m_fields()
    live_ids = [r.history_id for r in after if r.history_type != "-"]
    live_ids += [r.history_id for r in before.values() if r.history_type != "-"]
    m2m_ids = {f.name: _m2m_ids(tracked, f, live_ids) for f in m2m_fields} if live_ids else {}
    compared = tracked.compared_fields()
    result = []
    for new in after:
        old = before.get(new.id)
        if old is not None and old.history_type == "-":
            old = None
        if new.history_type == "-":
            if old is not None:
                result.append(RawChange(tracked, "removed", old, new))
            continue
        fields = [f for f in compared if not _same(
            getattr(old, f.attname) if old else None, getattr(new, f.attname))]
        m2m = []
        for m2m_field in m2m_fields:
            ids = m2m_ids[m2m_field.name]
            was = ids.get(old.history_id, ()) if old else ()
            now = ids.get(new.history_id, ())
            if set(was) != set(now):
                m2m.append((m2m_field, was, now))
        if old is None:
            result.append(RawChange(tracked, "added", None, new, fields, m2m))
        elif fields or m2m:
            result.append(RawChange(tracked, "changed", old, new, fields, m2m))
    return result


def diff(masterplan, since, until=None, section=None):
    """[RawChange] of the masterplan's content in (since, until], of one section or all."""
    until = until or timezone.now()
    return [change for tracked in tracked_models(section)
            for change in _model_diff(tracked, masterplan.pk, since, until)]


@dataclass
class SectionSummary:
    key: str
    title: str
    url: str
    counts: dict  # kind -> number of changes

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def parts(self):
        """[(number, kind label)] of the kinds present, in the order a section lists them."""
        return [(self.counts[kind], KIND_LABELS[kind]) for kind in KINDS if self.counts.get(kind)]


def summary(masterplan, since, until=None):
    """[SectionSummary] of the sections with changes in (since, until], in the dashboard's
    order. Up to now (no `until`) it is computed once per content version and starting point:
    every tracked model is watched, so no history row is written without a new version."""
    if until is not None:
        return _summary(masterplan, since, until)
    return figures.cached(f"changes:{since.isoformat()}", [masterplan], lambda masterplans: {
        masterplan.pk: _summary(masterplan, since, None)})[masterplan.pk]


def _summary(masterplan, since, until):
    counts = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    for change in diff(masterplan, since, until):
        counts[change.tracked.section][change.kind] += 1
    result = []
    for key in section_keys():
        if key in counts:
            section = sections.get(key)
            url = reverse(section.url_name, kwargs={"region_code": masterplan.region.code})
            result.append(SectionSummary(key, section.title, url, counts[key]))
    return result


def section_changes(masterplan, section, since, until=None):
    """[Change] of one section in (since, until], ready to read (see change_display)."""
    return present(diff(masterplan, since, until, section), masterplan.region)


def last_content_change(masterplan):
    """When the masterplan's tracked content last changed (None if it never did): one query."""
    latest = {f"t{index}": Subquery(
        tracked.history.objects.filter(**{f"{tracked.masterplan_path}_id": OuterRef("pk")})
        .order_by("-history_date").values("history_date")[:1])
        for index, tracked in enumerate(tracked_models())}
    if not latest:
        return None
    moments = Masterplan.objects.filter(pk=masterplan.pk).values(**latest).first() or {}
    return max((moment for moment in moments.values() if moment is not None), default=None)


def default_since(masterplan):
    """The last submission the content differs from: the newest submission made before the
    content last changed, so a masterplan submitted again without changes compares with the
    submission before; the masterplan's creation when no submission precedes a change."""
    latest = last_content_change(masterplan)
    if latest is not None:
        moment = (masterplan.status_changes.filter(transition="submit", changed_at__lt=latest)
                  .order_by("-changed_at").values_list("changed_at", flat=True).first())
        if moment is not None:
            return moment
    return masterplan.created_at


def moment_label(moment, region=None):
    return clock.format_datetime(moment, region)


def history_points(masterplan):
    """[(datetime, label)] the page offers as starting points: each status change."""
    return [(change.changed_at, f"{moment_label(change.changed_at, masterplan.region)} · "
             f"{change.get_to_status_display()}"
             + (f" (Bimtek #{change.bimtek_number})" if change.bimtek_number else ""))
            for change in masterplan.status_changes.order_by("-changed_at")]
