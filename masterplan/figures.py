"""Figures of a masterplan (indices, completion per section, stage states) computed once per
change of its content, not once per page.

A figure is keyed by the masterplan's `content_version` (bumped by masterplan/content_version.py
in the transaction that changes what figures read) and by the rules' fingerprint (the settings
the rules read and `REVISION`, raised when a rule's code changes), so nothing is invalidated by
hand: a change makes new keys, and the old entries are never read again.

- `cached(kind, masterplans, compute)`: through Django's cache (Redis in production,
  `CACHE_URL`), for whatever a page shows of a few masterplans. `compute(masterplans) ->
  {masterplan id: value}` is the bulk computation of the app that owns the figure; only the
  masterplans without a current entry are computed, in one call.
- Stored figures (`register_stored(key, compute)`): one number per masterplan in StoredFigure,
  so a list of every region sorts and filters in the database (`annotate_stored`) and pages
  before anything is computed. `refresh_stored(masterplans)` recomputes the stale rows first,
  in chunks, in a fixed number of queries per chunk.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Count, F, OuterRef, Q, Subquery

from .models import Masterplan, StoredFigure

# Raise when a figure's rule changes in the code: every cached and stored figure is recomputed.
REVISION = 1
CACHE_SECONDS = 7 * 24 * 3600  # entries are never stale, only unused: let them age out
REFRESH_CHUNK = 200

_rule_inputs: list[Callable] = []
_stored: dict[str, Callable] = {}


def register_rule_input(read):
    """`read()` returns a setting a rule depends on (e.g. the readiness weights): figures
    computed under other values are not reused."""
    _rule_inputs.append(read)
    return read


def fingerprint():
    text = repr([REVISION, *(read() for read in _rule_inputs)])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def current_versions(masterplans):
    """{masterplan id: content version as committed now}: one query, so a page that has just
    saved a change never reads the figures of the instance it loaded before."""
    ids = [mp.pk for mp in masterplans]
    return dict(Masterplan.objects.filter(pk__in=ids).values_list("pk", "content_version"))


def cached(kind, masterplans, compute):
    """{masterplan id: compute's value}, from the cache where it holds the current version."""
    masterplans = list(masterplans)
    if not masterplans:
        return {}
    versions = current_versions(masterplans)
    rules = fingerprint()
    keys = {mp.pk: f"figures:{kind}:{rules}:{mp.pk}:{versions.get(mp.pk, mp.content_version)}"
            for mp in masterplans}
    found = cache.get_many(list(keys.values()))
    result = {mp.pk: found[keys[mp.pk]] for mp in masterplans if keys[mp.pk] in found}
    missing = [mp for mp in masterplans if mp.pk not in result]
    if missing:
        computed = compute(missing)
        cache.set_many({keys[mp.pk]: computed[mp.pk] for mp in missing if mp.pk in computed},
                       CACHE_SECONDS)
        result.update(computed)
    return result


# --- figures stored in the database ------------------------------------------------------------

def register_stored(key, compute):
    """Store `compute(masterplans) -> {masterplan id: number or None}` under `key`."""
    if key in _stored:
        raise ValueError(f"stored figure {key!r} is already registered")
    _stored[key] = compute
    return compute


def stored_keys():
    return sorted(_stored)


def stale_masterplans(masterplans):
    """The masterplans of the queryset `masterplans` lacking a row of a stored figure computed
    at their content version under the current rules."""
    keys = stored_keys()
    return (Masterplan.objects.filter(pk__in=masterplans.values("pk"))
            .annotate(fresh=Count("stored_figures", filter=Q(
                stored_figures__key__in=keys, stored_figures__rules=fingerprint(),
                stored_figures__content_version=F("content_version"))))
            .filter(fresh__lt=len(keys))
            .select_related("region", "edition").order_by("pk"))


def refresh_stored(masterplans):
    """Recompute the stale stored figures of the masterplans of the queryset `masterplans`;
    answers how many masterplans were refreshed."""
    if not _stored:
        return 0
    rules = fingerprint()
    stale = list(stale_masterplans(masterplans))
    for start in range(0, len(stale), REFRESH_CHUNK):
        chunk = stale[start:start + REFRESH_CHUNK]
        values = {key: compute(chunk) for key, compute in _stored.items()}
        rows = [StoredFigure(masterplan_id=mp.pk, key=key, content_version=mp.content_version,
                             rules=rules, value=values[key].get(mp.pk))
                for mp in chunk for key in stored_keys()]
        StoredFigure.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["masterplan", "key"],
            update_fields=["content_version", "rules", "value"])
    return len(stale)


def stored_value(key, masterplan_path="pk"):
    """A subquery: the stored figure `key` of the masterplan at `masterplan_path` of the outer
    query's model."""
    if key not in _stored:
        raise KeyError(key)
    return Subquery(StoredFigure.objects.filter(masterplan=OuterRef(masterplan_path), key=key)
                    .values("value")[:1])


def annotate_stored(queryset, *keys, masterplan_path="pk", prefix="figure_"):
    """`queryset` with each stored figure of `keys` annotated as `<prefix><key>`."""
    return queryset.annotate(**{f"{prefix}{key}": stored_value(key, masterplan_path)
                                for key in keys})
