"""The Rencana Aksi completion of a masterplan in a year, per category of the evaluation: how
many programs were planned to be under way, how many are finished, their mean progress and the
share done, from the programs' monitoring and evaluation (M&E) records. The score preview's
Output part and the evidence pack both read it (docs/evaluation.md, "Score preview").

Rules, for the year Y:
* a program is *planned* by Y when its run has started by then (start year ≤ Y); programs
  starting later are not expected yet;
* its *progress* is the progress of its latest M&E record up to the end of Y (by year and
  quarter); a program without a record up to Y counts 0 %;
* it is *finished* when that progress is 100 %;
* per category: mean progress over its planned programs, share done = finished ÷ planned, and
  the category's score the mean of the two (both 0–100), so finishing weighs on top of progress;
* the masterplan's four Rencana Aksi categories map one to one on the evaluation's four:
  kebijakan dan kelembagaan → SDM dan kelembagaan, infrastruktur pendukung → infrastruktur,
  aplikasi dan perangkat lunak → aplikasi, literasi → literasi.

One query however many programs and records.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from roadmap.models import Category, MonitoringRecord, Program

from .. import scoring
from .text import percent_text

# (key, the evaluation's category, the masterplan's Rencana Aksi category), in the evaluation's
# order.
CATEGORIES = [
    ("sdm", _("SDM dan kelembagaan"), Category.POLICY),
    ("infrastruktur", _("Infrastruktur"), Category.INFRASTRUCTURE),
    ("aplikasi", _("Aplikasi"), Category.APPLICATION),
    ("literasi", _("Literasi"), Category.LITERACY),
]
DONE = 100


@dataclass
class CompletionRow:
    """One category's programs in the year: planned (started by then), finished (latest progress
    100 %), recorded (with an M&E record up to the year) and the sum of their latest progress."""

    key: str
    label: str
    category: str  # the masterplan's Rencana Aksi category (roadmap.models.Category)
    planned: int = 0
    finished: int = 0
    recorded: int = 0
    progress_total: int = 0

    @property
    def category_label(self):
        return Category(self.category).label if self.category else ""

    @property
    def unfinished(self):
        return self.planned - self.finished

    @property
    def unrecorded(self):
        return self.planned - self.recorded

    @property
    def mean_progress(self):
        """Mean latest progress of the planned programs in percent, or None without any."""
        if not self.planned:
            return None
        return scoring.rounded(Decimal(self.progress_total) / self.planned)

    @property
    def share_done(self):
        """Finished of planned in percent, or None without any planned."""
        if not self.planned:
            return None
        return scoring.rounded(Decimal(100 * self.finished) / self.planned)

    @property
    def mean_progress_text(self):
        return percent_text(self.mean_progress)

    @property
    def share_done_text(self):
        return percent_text(self.share_done)

    @property
    def score(self):
        """The mean of the share done and the mean progress (0–100), or None."""
        if not self.planned:
            return None
        return scoring.rounded((self.share_done + self.mean_progress) / 2)


def latest_progress(year):
    """A subquery: the progress of a program's latest M&E record up to the end of `year`."""
    return Subquery(MonitoringRecord.objects.filter(program=OuterRef("pk"), year__lte=year)
                    .order_by("-year", "-quarter").values("progress_percent")[:1])


def action_plan_completion(masterplan, year):
    """[CompletionRow] of the four categories in the evaluation's order (a category without
    programs has planned 0); one query."""
    rows = {category: CompletionRow(key, str(label), category)
            for key, label, category in CATEGORIES}
    for category, progress in (Program.objects.filter(masterplan=masterplan, start_year__lte=year)
                               .annotate(progress=latest_progress(year))
                               .values_list("category", "progress").order_by()):
        row = rows.get(category)
        if row is None:  # a category the evaluation does not know (none today)
            continue
        row.planned += 1
        if progress is not None:
            row.recorded += 1
            row.progress_total += progress
            row.finished += progress >= DONE
    return list(rows.values())


def completion_total(rows):
    """A CompletionRow summing `rows` (the table's last line)."""
    total = CompletionRow("total", str(_("Jumlah")), "")
    for row in rows:
        total.planned += row.planned
        total.finished += row.finished
        total.recorded += row.recorded
        total.progress_total += row.progress_total
    return total
