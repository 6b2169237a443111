"""The five parts of the score preview, each estimated from the masterplan's own data on the
cycle's scale (0 to `scale_max`), with the inputs it used and what would raise it. The method of
each part is in docs/evaluation.md ("Score preview"); in short, with shares 0–1:

* Baseline = mean(readiness index ÷ 100, institutions in place ÷ 3, regulations ditetapkan ÷
  regulations) × scale; unknown while no readiness component is judged;
* Output = mean of the Rencana Aksi categories' scores (completion.py) ÷ 100 × scale, over the
  categories with programs started by the year; unknown without any;
* Outcome = mean KPI achievement against the targets of the year × scale: per KPI with a target
  for the year, its latest actual in that year (naik actual ÷ target, turun target ÷ actual,
  capped at 100 %); a KPI without an actual in the year counts 0; unknown without targets;
* Impact = the citizen survey's index (survey_summary.py); unknown until it has enough responses;
* Quick Win = mean over the quick wins of 0.8 × status points (selesai 1, berjalan 0.5,
  rencana 0) + 0.2 when an impact analysis is written, × scale; unknown without quick wins.

Every function reads a fixed number of queries however large the plan.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan import clock, numbers
from readiness import services as readiness_services
from readiness.models import Interpretation, ReadinessEntry
from roadmap.institutions import Validity
from roadmap.models import (
    Institution,
    InstitutionKind,
    KpiActual,
    KpiTarget,
    QuickWin,
    QuickWinStatus,
    Regulation,
    RegulationStatus,
)
from roadmap.monitoring import kpi_percent

from .. import scoring
from ..models import Component
from .text import count_text, index_text, percent_text

HUNDRED = Decimal(100)
# Quick Win: the points of a status, and what a written impact analysis adds (their sum is 1).
STATUS_POINTS = {QuickWinStatus.DONE: Decimal(1), QuickWinStatus.RUNNING: Decimal("0.5"),
                 QuickWinStatus.PLANNED: Decimal(0)}
STATUS_WEIGHT = Decimal("0.8")
ANALYSIS_BONUS = Decimal("0.2")
# Baseline: the bodies whose decree counts (with a forum, the institutions' three checks).
DECREED_BODIES = (InstitutionKind.COUNCIL, InstitutionKind.TEAM)
INSTITUTION_CHECKS = len(DECREED_BODIES) + 1


@dataclass
class Part:
    """One component's estimate: its value on the cycle's scale (None: `reason` says why), the
    inputs it used and concrete hints of what raises it, as readable Indonesian lines."""

    component: Component
    value: Decimal | None = None
    reason: str = ""
    inputs: list = field(default_factory=list)
    raises: list = field(default_factory=list)
    weight: Decimal | None = None

    @property
    def label(self):
        return self.component.label

    @property
    def known(self):
        return self.value is not None

    @property
    def shown(self):
        """The value with one decimal ("68,5"), or "–"."""
        return index_text(self.value)


def on_scale(share, scale_max):
    """A share 0–1 on the cycle's scale, rounded to two places."""
    return scoring.rounded(Decimal(share) * Decimal(scale_max))


def mean(values):
    values = list(values)
    return sum(values, Decimal(0)) / len(values) if values else None


# --- Baseline ----------------------------------------------------------------------------------

BODY_NAMES = {InstitutionKind.COUNCIL: gettext_lazy("Dewan Smart City"),
              InstitutionKind.TEAM: gettext_lazy("Tim Pelaksana")}


def baseline(masterplan, scale_max, today):
    part = Part(Component.BASELINE)
    readiness, groups = readiness_services.readiness_indices([masterplan])[masterplan.pk]
    judged = sum(group.judged for group in groups)
    unjudged = sum(group.unjudged for group in groups)
    poor = ReadinessEntry.objects.filter(masterplan=masterplan,
                                         interpretation=Interpretation.BURUK).count()
    if readiness is None:
        part.inputs.append(_("Indeks kesiapan: belum dinilai"))
        part.raises.append(_("%(count)s komponen kesiapan belum dinilai")
                           % {"count": count_text(unjudged)})
    else:
        values = {"index": index_text(readiness), "judged": count_text(judged),
                  "unjudged": count_text(unjudged)}
        if unjudged:
            part.inputs.append(_("Indeks kesiapan %(index)s dari 100 (%(judged)s komponen "
                                 "dinilai, %(unjudged)s belum)") % values)
        else:
            part.inputs.append(_("Indeks kesiapan %(index)s dari 100 (semua %(judged)s komponen "
                                 "dinilai)") % values)
    if poor:
        part.raises.append(_("%(count)s komponen kesiapan bernilai buruk")
                           % {"count": count_text(poor)})
    institutions = _institutions(part, masterplan, today)
    regulations = _regulations(part, masterplan)
    if readiness is None:
        part.reason = _("Tabel kesiapan belum dinilai, jadi baseline belum dapat diperkirakan.")
    else:
        share = mean([Decimal(str(readiness)) / HUNDRED, institutions, regulations])
        part.value = on_scale(share, scale_max)
    return part


def _institutions(part, masterplan, today):
    """The share of the three institution checks met: the Dewan's and the Tim Pelaksana's decree
    recorded (number and date) and still in force today, and at least one forum."""
    bodies = {}
    forums = 0
    for kind, number, decree_date in (Institution.objects.filter(masterplan=masterplan)
                                      .values_list("kind", "decree_number", "decree_date")
                                      .order_by()):
        if kind == InstitutionKind.FORUM:
            forums += 1
        else:
            bodies[kind] = (number, decree_date)
    met = 0
    for kind in DECREED_BODIES:
        number, decree_date = bodies.get(kind, ("", None))
        name = BODY_NAMES[kind]
        if not number or decree_date is None:
            part.raises.append(_("%(body)s belum memiliki SK") % {"body": name})
            continue
        valid = Validity(Institution.VALID_YEARS[kind], decree_date, today)
        if valid.expired:
            part.raises.append(_("SK %(body)s tidak berlaku lagi sejak %(date)s; perbarui SK-nya")
                               % {"body": name, "date": clock.format_date(valid.ends_on)})
            continue
        met += 1
    if forums:
        met += 1
    else:
        part.raises.append(_("Belum ada forum pendukung smart city yang dicatat"))
    share = Decimal(met) / INSTITUTION_CHECKS
    part.inputs.append(_("Kelembagaan: %(met)s dari %(checks)s terpenuhi (SK Dewan Smart City "
                         "yang berlaku, SK Tim Pelaksana yang berlaku, forum pendukung)")
                       % {"met": met, "checks": INSTITUTION_CHECKS})
    return share


REGULATION_HINTS = [
    (RegulationStatus.DRAFT, gettext_lazy("%(count)s regulasi masih draf")),
    (RegulationStatus.IN_DPRD, gettext_lazy("%(count)s regulasi masih dibahas DPRD")),
    (RegulationStatus.NONE, gettext_lazy("%(count)s regulasi belum ada")),
]


def _regulations(part, masterplan):
    """The share of the masterplan's regulations (the guide's and the region's own) that are
    ditetapkan; 0 when none is recorded."""
    statuses = list(Regulation.objects.filter(masterplan=masterplan)
                    .values_list("status", flat=True).order_by())
    enacted = statuses.count(RegulationStatus.ENACTED)
    part.inputs.append(_("Regulasi ditetapkan: %(enacted)s dari %(total)s")
                       % {"enacted": enacted, "total": len(statuses)})
    for status, hint in REGULATION_HINTS:
        if count := statuses.count(status):
            part.raises.append(str(hint) % {"count": count})
    if not statuses:
        part.raises.append(_("Belum ada regulasi smart city yang dicatat"))
        return Decimal(0)
    return Decimal(enacted) / len(statuses)


# --- Output ------------------------------------------------------------------------------------

def output(rows, year, scale_max):
    """From the Rencana Aksi completion rows of the year (completion.action_plan_completion)."""
    part = Part(Component.OUTPUT)
    for row in rows:
        if row.planned:
            part.inputs.append(_("%(category)s: %(finished)s dari %(planned)s program selesai, "
                                 "rata-rata kemajuan %(progress)s")
                               % {"category": row.label, "finished": row.finished,
                                  "planned": row.planned,
                                  "progress": percent_text(row.mean_progress)})
            if row.unfinished:
                part.raises.append(_("%(category)s: %(count)s dari %(planned)s program belum "
                                     "selesai") % {"category": row.label, "count": row.unfinished,
                                                   "planned": row.planned})
        else:
            part.inputs.append(_("%(category)s: belum ada program yang dimulai sampai %(year)s "
                                 "(tidak dihitung)") % {"category": row.label, "year": year})
    unrecorded = sum(row.unrecorded for row in rows)
    if unrecorded:
        part.raises.append(_("%(count)s program belum memiliki catatan monev sampai %(year)s "
                             "(dihitung 0%%)") % {"count": count_text(unrecorded), "year": year})
    scores = [row.score for row in rows if row.planned]
    if not scores:
        part.reason = _("Belum ada program yang dimulai sampai %(year)s.") % {"year": year}
        return part
    part.value = on_scale(mean(scores) / HUNDRED, scale_max)
    return part


# --- Outcome -----------------------------------------------------------------------------------

def kpi_rows(masterplan, year):
    """[(KPI name, direction, target of `year`, latest actual in `year` or None)]: one query."""
    latest = Subquery(KpiActual.objects.filter(kpi=OuterRef("kpi"), record__year=year)
                      .order_by("-record__quarter").values("value")[:1])
    return list(KpiTarget.objects.filter(kpi__program__masterplan=masterplan, year=year)
                .annotate(actual=latest)
                .values_list("kpi__name", "kpi__direction", "value", "actual")
                .order_by("kpi__program_id", "kpi__position", "kpi_id"))


def kpi_achievement(direction, target, actual):
    """A KPI's achievement in percent (0–100) as a Decimal; 0 without an actual."""
    if actual is None:
        return Decimal(0)
    return min(HUNDRED, Decimal(str(kpi_percent(direction, actual, target))))


def outcome(masterplan, year, scale_max):
    part = Part(Component.OUTCOME)
    rows = kpi_rows(masterplan, year)
    if not rows:
        part.inputs.append(_("Belum ada KPI dengan target %(year)s") % {"year": year})
        part.reason = _("Belum ada KPI program dengan target %(year)s.") % {"year": year}
        part.raises.append(_("Tetapkan target %(year)s untuk KPI program yang berjalan")
                           % {"year": year})
        return part
    achieved = [(name, kpi_achievement(direction, target, actual), actual)
                for name, direction, target, actual in rows]
    average = mean(value for _name, value, _actual in achieved)
    reported = [(name, value) for name, value, actual in achieved if actual is not None]
    missing = len(rows) - len(reported)
    below = [(name, value) for name, value in reported if value < HUNDRED]
    part.inputs.append(_("%(count)s KPI dengan target %(year)s: rata-rata capaian %(average)s")
                       % {"count": count_text(len(rows)), "year": year,
                          "average": percent_text(average)})
    part.inputs.append(_("%(reported)s KPI dengan realisasi %(year)s, %(met)s di antaranya "
                         "mencapai target") % {"reported": count_text(len(reported)),
                                               "year": year,
                                               "met": count_text(len(reported) - len(below))})
    if missing:
        part.raises.append(_("%(count)s KPI belum memiliki realisasi %(year)s")
                           % {"count": count_text(missing), "year": year})
    if below:
        part.raises.append(_("%(count)s KPI belum mencapai target %(year)s")
                           % {"count": count_text(len(below)), "year": year})
        name, value = min(below, key=lambda item: item[1])
        part.raises.append(_("Capaian terendah: “%(kpi)s” (%(percent)s dari target)")
                           % {"kpi": name, "percent": percent_text(value)})
    part.value = on_scale(average / HUNDRED, scale_max)
    return part


# --- Impact ------------------------------------------------------------------------------------

def impact(survey, scale_max):
    """From the citizen survey's summary (survey_summary.summary)."""
    part = Part(Component.IMPACT)
    part.inputs.append(_("Tanggapan survei warga: %(responses)s (paling sedikit %(needed)s)")
                       % {"responses": count_text(survey.responses),
                          "needed": count_text(survey.needed)})
    if survey.mean is not None:
        part.inputs.append(_("Rata-rata jawaban %(mean)s pada skala 1–5")
                           % {"mean": numbers.format_number(survey.mean)})
    if not survey.counts:
        text = _("Survei warga baru %(responses)s dari %(needed)s tanggapan") % {
            "responses": count_text(survey.responses), "needed": count_text(survey.needed)}
        part.raises.append(text)
        part.reason = _("%(text)s; Impact dihitung setelah tanggapannya cukup.") % {"text": text}
        return part
    if survey.index is None:
        part.reason = _("Survei warga belum memiliki jawaban.")
        return part
    part.value = survey.index
    answered = [row for row in survey.questions if row.mean is not None]
    if answered:
        lowest = min(answered, key=lambda row: row.mean)
        if lowest.mean < 5:
            part.raises.append(_("Rata-rata terendah: “%(question)s” (%(mean)s dari 5)")
                               % {"question": lowest.question.text,
                                  "mean": numbers.format_number(lowest.mean)})
    return part


# --- Quick Win ---------------------------------------------------------------------------------

def quick_win(masterplan, scale_max):
    part = Part(Component.QUICK_WIN)
    rows = list(QuickWin.objects.filter(program__masterplan=masterplan,
                                        program__is_quick_win=True)
                .values_list("status", "impact_analysis").order_by())
    if not rows:
        part.inputs.append(_("Belum ada program quick win"))
        part.reason = _("Belum ada program quick win.")
        part.raises.append(_("Tandai program yang hasilnya cepat terlihat sebagai quick win"))
        return part
    statuses = [status for status, _analysis in rows]
    analysed = sum(bool(analysis.strip()) for _status, analysis in rows)
    counts = {status: statuses.count(status) for status in QuickWinStatus.values}
    part.inputs.append(_("%(count)s quick win: %(done)s selesai, %(running)s berjalan, "
                         "%(planned)s rencana") % {
        "count": len(rows), "done": counts[QuickWinStatus.DONE],
        "running": counts[QuickWinStatus.RUNNING], "planned": counts[QuickWinStatus.PLANNED]})
    part.inputs.append(_("%(count)s dengan analisis dampak tertulis") % {"count": analysed})
    if counts[QuickWinStatus.PLANNED]:
        part.raises.append(_("%(count)s quick win masih berstatus rencana")
                           % {"count": counts[QuickWinStatus.PLANNED]})
    if counts[QuickWinStatus.RUNNING]:
        part.raises.append(_("%(count)s quick win masih berjalan, belum selesai")
                           % {"count": counts[QuickWinStatus.RUNNING]})
    if analysed < len(rows):
        part.raises.append(_("%(count)s quick win belum memiliki analisis dampak")
                           % {"count": len(rows) - analysed})
    points = [STATUS_WEIGHT * STATUS_POINTS.get(status, Decimal(0))
              + (ANALYSIS_BONUS if analysis.strip() else Decimal(0))
              for status, analysis in rows]
    part.value = on_scale(mean(points), scale_max)
    return part
