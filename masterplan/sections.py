"""The registry of masterplan sections shown on the dashboards with their completion.

Each app registers its sections in its AppConfig.ready(). A section computes completion for
many masterplans at once (`completion(masterplans) -> {masterplan_id: Progress}`) so the
dashboards cost a fixed number of queries however many regions they list.
"""

from collections.abc import Callable
from dataclasses import dataclass

from . import figures
from .comments import open_counts_by_section


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def complete(self):
        return self.total > 0 and self.done >= self.total


@dataclass(frozen=True)
class Part:
    """A sub-row of a section on the dashboard (e.g. one readiness table)."""

    title: str
    url: str
    progress: Progress


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    order: int
    url_name: str  # reversed with region_code=...
    completion: Callable  # (list[Masterplan]) -> dict[int, Progress]
    # Optional: (list[Masterplan]) -> dict[int, list[Part]], shown under the section.
    parts: Callable | None = None
    # Optional short label for compact lists (the region list); defaults to the title.
    short: str = ""

    @property
    def label(self):
        return self.short or self.title


_registry: dict[str, Section] = {}


def register(section):
    _registry[section.key] = section
    return section


def get(key):
    """The section registered under `key` (KeyError if none is)."""
    return _registry[key]


def all_sections():
    return sorted(_registry.values(), key=lambda s: (s.order, s.key))


def _compute_completion(masterplans):
    """{masterplan_id: {section key: Progress}}, each section's completion in one call."""
    per_section = [(section.key, section.completion(masterplans)) for section in all_sections()]
    return {mp.pk: {key: results.get(mp.pk, Progress(0, 0)) for key, results in per_section}
            for mp in masterplans}


def completion_table(masterplans):
    """{masterplan_id: [(Section, Progress), ...]} for every registered section, computed once
    per change of a masterplan's content (masterplan/figures.py)."""
    masterplans = list(masterplans)
    table = figures.cached("completion", masterplans, _compute_completion)
    return {mp.pk: [(section, table[mp.pk].get(section.key, Progress(0, 0)))
                    for section in all_sections()]
            for mp in masterplans}


def _compute_parts(masterplans):
    per_section = [(section.key, section.parts(masterplans))
                   for section in all_sections() if section.parts is not None]
    return {mp.pk: {key: results.get(mp.pk, []) for key, results in per_section}
            for mp in masterplans}


def parts_table(masterplan):
    """{section key: [Part, ...]} for the sections of one masterplan that have parts, computed
    once per change of its content, like the completion table."""
    return figures.cached("parts", [masterplan], _compute_parts)[masterplan.pk]


def overall_percent(progress_list):
    """Mean of the sections' percentages, so a long table does not outweigh a short one."""
    measured = [p for _, p in progress_list if p.total]
    if not measured:
        return 0
    return round(sum(100 * p.done / p.total for p in measured) / len(measured))


def open_comment_counts(masterplans):
    """{masterplan_id: {section key: open review threads}} in one query (masterplan/comments.py);
    keys without a registered section (e.g. "masterplan" itself) are included."""
    counts = open_counts_by_section([mp.pk for mp in masterplans])
    return {mp.pk: dict(counts.get(mp.pk, {})) for mp in masterplans}


def next_steps(progress_list, limit=3):
    """The first `limit` sections, in the guide's order, that are not complete yet:
    [(Section, Progress), …] — what the region's overview proposes to do next."""
    return [(section, progress) for section, progress in progress_list
            if not progress.complete][:limit]
