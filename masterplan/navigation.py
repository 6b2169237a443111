"""The region workspace's side navigation, ordered by the guide's stages of work.

The core names the stages (GROUPS); each app registers the pages it adds to them in its
registrations module (`register(Entry(...))`), so the core never names a method app's page. An
entry may name a dashboard section (masterplan/sections.py): the navigation then shows that
section's completion and its open review comments. Those figures cost a query or two per
section, so a page renders the links alone and the navigation fetches them once the page has
loaded (the `workspace_nav` view), keeping every page's own query count what it was.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .sections import completion_table, open_comment_counts


@dataclass(frozen=True)
class Group:
    key: str
    title: str


GROUPS = (
    Group("tim", _("Tim & kelembagaan")),
    Group("analisis", _("Analisis")),
    Group("arah", _("Visi, misi, sasaran")),
    Group("program", _("Program & quick win")),
    Group("peta_jalan", _("Peta jalan & pembiayaan")),
    Group("monev", _("Monev")),
    Group("buku", _("Narasi & buku")),
    Group("tinjauan", _("Bimtek & tinjauan")),
)
GROUP_KEYS = {group.key for group in GROUPS}


@dataclass(frozen=True)
class Entry:
    group: str  # a key of GROUPS
    title: str
    url_name: str  # reversed with region_code=…
    order: int
    section: str = ""  # a dashboard section's key: its completion and open comments are shown
    # Further URL names of pages under this entry (a table of the readiness analysis, a
    # program's edit page …): on them the entry is marked as the current one.
    covers: tuple = field(default=())
    needs_masterplan: bool = True


_entries: dict[str, Entry] = {}


def register(*entries):
    for entry in entries:
        if entry.group not in GROUP_KEYS:
            raise ValueError(f"unknown navigation group {entry.group!r}")
        _entries[entry.url_name] = entry


def entries():
    return sorted(_entries.values(), key=lambda e: (e.order, e.url_name))


def current_entry(url_name):
    """The entry a page of `url_name` belongs to, or None."""
    for entry in _entries.values():
        if url_name == entry.url_name or url_name in entry.covers:
            return entry
    return None


@dataclass
class Item:
    entry: Entry
    url: str
    active: bool
    progress: object = None  # sections.Progress, when measured
    open_comments: int = 0


UNKNOWN = object()  # a page that did not look up the region's masterplan


def workspace(region, masterplan, current_url_name="", *, measured=False):
    """[(Group, [Item, …]), …] for the region's pages; with measured=True each item naming a
    section carries its completion and open comments (a fixed number of queries). Pages that
    need a masterplan are left out when `masterplan` is None (the region has none yet)."""
    current = current_entry(current_url_name)
    progress, comments = {}, {}
    if measured and masterplan not in (None, UNKNOWN):
        progress = {section.key: measured_progress
                    for section, measured_progress in completion_table([masterplan])[masterplan.pk]}
        comments = open_comment_counts([masterplan])[masterplan.pk]
    groups = []
    for group in GROUPS:
        items = [Item(entry, reverse(entry.url_name, kwargs={"region_code": region.code}),
                      entry is current, progress.get(entry.section),
                      comments.get(entry.section, 0) if entry.section else 0)
                 for entry in entries()
                 if entry.group == group.key and (masterplan is not None or not entry.needs_masterplan)]
        if items:
            groups.append((group, items))
    return groups
