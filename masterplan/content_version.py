"""A masterplan's content version: bumped in the transaction that changes what its figures
(indices, completion, stage states) are computed from, so figures cached or stored under an
older version are never read again (masterplan/figures.py).

The one place it is bumped is here, from the signals of the models registered with `watch`:
every model tracked for the changes page (masterplan/changes.py registers them) and the others
a figure reads (the team's memberships, ticked stages, Bimtek visits, narratives). Writes that
send no signal (a queryset UPDATE in the workbook import or a service) call `changed(obj)` or
`masterplan_changed(...)` themselves.

Inside `collecting()` (an atomic block: the shared edit layer, the workbook import) the changes
are gathered and each masterplan is bumped once, by one UPDATE at the end of the block, inside
the transaction; outside it, each change bumps at once. Either way the bump commits or rolls
back together with the change.
"""

import threading
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Masterplan


@dataclass(frozen=True)
class Watched:
    model: type
    # Lookup from the model to its masterplan ("masterplan", "program__masterplan"), or None
    # when `masterplans` says which masterplans an object concerns.
    masterplan_path: str | None
    masterplans: object = None  # (obj) -> Q on Masterplan


_watched: dict[type, Watched] = {}
_state = threading.local()


def watch(model, masterplan_path=None, *, masterplans=None):
    """Bump the content version of the masterplan(s) an object of `model` belongs to whenever
    one is saved, deleted or its many-to-many rows change. Give either `masterplan_path` (a
    lookup from the model to its masterplan) or `masterplans(obj) -> Q` on Masterplan."""
    if (masterplan_path is None) == (masterplans is None):
        raise ValueError("give either masterplan_path or masterplans")
    first = model not in _watched
    _watched[model] = Watched(model, masterplan_path, masterplans)
    if first:
        post_save.connect(_on_change, sender=model, weak=False)
        post_delete.connect(_on_change, sender=model, weak=False)
        for field in model._meta.many_to_many:
            m2m_changed.connect(_on_m2m_change, sender=field.remote_field.through, weak=False)


def watched_models():
    return set(_watched)


def _on_change(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures load reference rows, not anyone's content
        changed(instance)


def _on_m2m_change(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and type(instance) in _watched:
        changed(instance)


def _masterplan_id(watched, obj):
    """The id of the masterplan `obj` belongs to, reading the parents only when needed (by
    their ids, so an object whose parent is being deleted in the same cascade still resolves)."""
    first, _, rest = watched.masterplan_path.partition("__")
    if not rest:
        return getattr(obj, f"{first}_id")
    parent_id = getattr(obj, f"{first}_id")
    if parent_id is None:
        return None
    parent_model = obj._meta.get_field(first).related_model
    memo = getattr(_state, "parents", None)
    key = (parent_model, parent_id, rest)
    if memo is not None and key in memo:
        return memo[key]
    found = (parent_model._base_manager.filter(pk=parent_id)
             .values_list(rest, flat=True).first())
    if memo is not None:
        memo[key] = found
    return found


def changed(obj):
    """`obj` (of a watched model) was saved, deleted or changed by a queryset UPDATE."""
    watched = _watched.get(type(obj))
    if watched is None:
        return
    if watched.masterplans is not None:
        _bump(condition=watched.masterplans(obj))
        return
    masterplan_id = _masterplan_id(watched, obj)
    if masterplan_id is not None:
        masterplan_changed(masterplan_id)


def masterplan_changed(masterplan_id):
    """The content of the masterplan `masterplan_id` changed."""
    _bump(masterplan_id=masterplan_id)


def _bump(masterplan_id=None, condition=None):
    pending = getattr(_state, "pending", None)
    if pending is None:
        _update(Q(pk=masterplan_id) if condition is None else condition)
    elif condition is None:
        pending["ids"].add(masterplan_id)
    else:
        pending["conditions"].append(condition)


def _update(condition):
    Masterplan.objects.filter(condition).update(content_version=F("content_version") + 1)


@contextmanager
def collecting():
    """An atomic block in which every masterplan whose content changes is bumped once, at the
    end of the block (nested blocks leave it to the outermost)."""
    if getattr(_state, "pending", None) is not None:
        with transaction.atomic():
            yield
        return
    _state.pending, _state.parents = {"ids": set(), "conditions": []}, {}
    try:
        with transaction.atomic():
            yield
            pending, _state.pending = _state.pending, None
            condition = Q(pk__in=pending["ids"]) if pending["ids"] else None
            for other in pending["conditions"]:
                condition = other if condition is None else condition | other
            if condition is not None:
                _update(condition)
    finally:
        _state.pending = _state.parents = None
