"""Monitoring and evaluation (monev) of the roadmap's programs, and the KPI achievement that feeds
the performance index.

Rules:
* a program gets one record per period (year + quarter). The period must lie within the
  program's run, from its start quarter to its end quarter (`validate_period`); the same period
  twice is refused;
* the program's monitoring frequency sets the schedule (`due_periods`): triwulanan (the guide's
  "setiap 3 bulan", the default) every quarter, semesteran quarters II and IV, tahunan quarter IV,
  and always the program's last quarter. A record covers a quarter, so bulanan is reported
  quarterly too. The schedule is what the pages and the dashboard expect; a record for another
  quarter of the run is accepted (an extra evaluation is never wrong);
* a record holds the progress (0–100 %), the guide's three questions (what works, what does not
  work, what should be improved), the follow-up workplan (what, when, who) and one actual value
  per KPI of that program (blank = not reported). An actual for a KPI of another program is
  refused, by the form and again by `save_actuals`;
* the record and its KPI actuals are saved in ONE transaction under the record's version
  (masterplan.editing.save_versioned): a concurrent change of the record or of an actual is
  refused as a conflict listing what changed, and nothing is saved. Deleting carries the version
  the page showed;
* KPI achievement (`kpi_achievement`): for each KPI its latest actual (by period; optionally up
  to a period) against the KPI's target for the year of that actual. "naik": actual ÷ target;
  "turun" (lower is better): target ÷ actual; met or exceeded is 100 %, the result is capped at
  100 % and never below 0; with a target of zero or less only "met" (100) or "not met" (0). A KPI
  without an actual, or without a target for its actual's year, is not scored. A program's
  achievement is the mean of its scored KPIs, a dimension's the mean of its scored programs, the
  masterplan's the mean of its dimensions' — all in three queries however many masterplans;
* `performance_evidence` hands the per-dimension KPI achievement to readiness.services, which
  combines it with the self-assessment (docs/readiness-index.md).
"""

from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, prefetch_related_objects
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan import clock, ordering
from masterplan.editing import VersionedFormMixin, save_versioned
from masterplan.form_messages import escape_percent
from masterplan.numbers import NumberField, plain_decimal
from readiness import services as readiness_services
from readiness.scoring import mean_index
from swot.models import Direction

from .charts import ROMAN, quarter_label
from .models import KpiActual, KpiTarget, MonitoringFrequency, MonitoringRecord, Program, ProgramKpi

FREQUENCY_QUARTERS = {
    MonitoringFrequency.MONTHLY: (1, 2, 3, 4),
    MonitoringFrequency.QUARTERLY: (1, 2, 3, 4),
    MonitoringFrequency.HALF_YEARLY: (2, 4),
    MonitoringFrequency.YEARLY: (4,),
}
ACTUAL_PREFIX = "realisasi_"
# The guide's three questions of the evaluation worksheet (Lampiran III) and the workplan.
RECORD_LABELS = {
    "works": gettext_lazy("Hal yang sudah berjalan dengan baik (what works)"),
    "not_works": gettext_lazy("Hal yang belum berjalan dengan baik (what doesn't work)"),
    "improve": gettext_lazy("Inisiatif perbaikan yang perlu dilakukan (what should be improved)"),
    "followup_what": gettext_lazy("Rencana kerja tindak lanjut: apa (what)"),
    "followup_when": gettext_lazy("Kapan (when)"),
    "followup_who": gettext_lazy("Siapa (who)"),
}


# --- periods ---------------------------------------------------------------------------------

def program_start(program):
    return (program.start_year, program.start_quarter)


def program_end(program):
    return (program.end_year, program.end_quarter)


def within(program, year, quarter):
    """Does the period lie within the program's run (start quarter to end quarter)?"""
    return program_start(program) <= (year, quarter) <= program_end(program)


def program_quarters(program):
    """Every (year, quarter) of the program's run, in order."""
    year, quarter = program_start(program)
    result = []
    while (year, quarter) <= program_end(program):
        result.append((year, quarter))
        year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
    return result


def is_due(program, year, quarter):
    """Is (year, quarter) a reporting period of the program's schedule?"""
    quarters = FREQUENCY_QUARTERS.get(program.monitoring_frequency, (1, 2, 3, 4))
    return within(program, year, quarter) and (
        quarter in quarters or (year, quarter) == program_end(program))


def due_periods(program):
    return [period for period in program_quarters(program) if is_due(program, *period)]


def period_label(year, quarter):
    return quarter_label(year, quarter)


def program_period_text(program):
    return f"{period_label(*program_start(program))} – {period_label(*program_end(program))}"


def validate_period(program, year, quarter):
    """ValidationError unless (year, quarter) is a quarter of the program's run."""
    if quarter not in (1, 2, 3, 4):
        raise ValidationError(_("Triwulan harus I, II, III atau IV."))
    if not within(program, year, quarter):
        raise ValidationError(
            _("Periode %(period)s di luar masa program (%(run)s).")
            % {"period": period_label(year, quarter), "run": program_period_text(program)})


def latest_finished_quarter(today=None):
    """The last quarter that has ended by `today` (default: today in WIB, for many regions)."""
    today = today or clock.today()
    quarter = (today.month - 1) // 3 + 1
    return (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)


def default_period(masterplan, today=None):
    """The worksheet's period when none is chosen: the latest finished quarter, kept within the
    masterplan's period."""
    period = latest_finished_quarter(today or clock.today(masterplan.region))
    return min(max(period, (masterplan.start_year, 1)), (masterplan.end_year, 4))


def period_choices(masterplan):
    return [(year, quarter) for year in masterplan.years for quarter in (1, 2, 3, 4)]


# --- the record form -------------------------------------------------------------------------

def actual_field_name(kpi_pk):
    return f"{ACTUAL_PREFIX}{kpi_pk}"


def program_kpis(program):
    return list(ProgramKpi.objects.filter(program=program).order_by("position", "pk")
                .prefetch_related("targets"))


def current_actuals(record):
    if record.pk is None:
        return {}
    return dict(KpiActual.objects.filter(record=record).values_list("kpi_id", "value"))


class RecordForm(VersionedFormMixin, forms.ModelForm):
    """A monitoring record with its grid of KPI actuals (one input per KPI of the program)."""

    class Meta:
        model = MonitoringRecord
        fields = ["year", "quarter", "progress_percent", "works", "not_works", "improve",
                  "followup_what", "followup_when", "followup_who"]
        widgets = {name: forms.Textarea(attrs={"rows": 3})
                   for name in ("works", "not_works", "improve", "followup_what")}

    def __init__(self, *args, program, kpis=None, **kwargs):
        self.program = program
        self.kpis = kpis if kpis is not None else program_kpis(program)
        super().__init__(*args, **kwargs)
        years = set(range(program.start_year, program.end_year + 1))
        if self.instance.year is not None:
            years.add(self.instance.year)  # a record left outside after the program changed
        years = sorted(years)
        self.fields["year"] = forms.IntegerField(
            label=_("Tahun"), widget=forms.Select(choices=[(year, year) for year in years]),
            error_messages={"required": _("Pilih tahun periode monev.")})
        self.fields["quarter"] = forms.TypedChoiceField(
            label=_("Triwulan"), coerce=int, choices=[(q, ROMAN[q]) for q in (1, 2, 3, 4)],
            error_messages={"required": _("Pilih triwulan periode monev."),
                            "invalid_choice": _("Triwulan harus I, II, III atau IV.")})
        self.fields["progress_percent"] = forms.IntegerField(
            label=_("Kemajuan (%)"), min_value=0, max_value=100,
            error_messages={"required": _("Isi kemajuan program dalam persen (0–100)."),
                            "min_value": _("Kemajuan paling kecil %(limit_value)s%%."),
                            "max_value": _("Kemajuan paling besar %(limit_value)s%%."),
                            "invalid": _("Kemajuan harus bilangan bulat 0–100.")})
        for name, label in RECORD_LABELS.items():
            self.fields[name].label = label
        current = current_actuals(self.instance)
        for kpi in self.kpis:
            # NumberField formats its messages with params: the KPI's name keeps its "%".
            names = {"kpi": escape_percent(kpi.name)}
            too_long = _("Realisasi “%(kpi)s” terlalu panjang: paling banyak 16 angka sebelum koma "
                         "dan 4 angka di belakang koma.") % names
            self.fields[actual_field_name(kpi.pk)] = NumberField(
                label=kpi.name, required=False, max_digits=20, decimal_places=4,
                initial=plain_decimal(current[kpi.pk]) if kpi.pk in current else None,
                error_messages={"invalid": _("Realisasi “%(kpi)s” harus berupa angka, mis. 12,5.")
                                % names,
                                "max_digits": too_long, "max_decimal_places": too_long,
                                "max_whole_digits": too_long})

    def rebase_kwargs(self):
        return {"program": self.program}

    def actual_rows(self):
        """[(kpi, bound field, chosen year, that year's target or None)] for the template."""
        year = self._chosen_year()
        rows = []
        for kpi in self.kpis:
            targets = {target.year: target.value for target in kpi.targets.all()}
            rows.append((kpi, self[actual_field_name(kpi.pk)], year, targets.get(year)))
        return rows

    def _chosen_year(self):
        value = self["year"].value()
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    def actuals(self):
        """{kpi id: Decimal or None} from the cleaned grid."""
        return {kpi.pk: self.cleaned_data.get(actual_field_name(kpi.pk)) for kpi in self.kpis}

    def clean(self):
        cleaned = super().clean()
        known = {actual_field_name(kpi.pk) for kpi in self.kpis}
        foreign = [name for name in self.data if name.startswith(ACTUAL_PREFIX)
                   and name not in known and str(self.data.get(name, "")).strip()]
        if foreign:
            self.add_error(None, _("Realisasi hanya dapat diisi untuk KPI program ini; isian "
                                   "untuk KPI lain ditolak."))
        year, quarter = cleaned.get("year"), cleaned.get("quarter")
        if year is not None and quarter is not None:
            try:
                validate_period(self.program, year, quarter)
            except ValidationError as error:
                self.add_error("year", error)
            else:
                taken = MonitoringRecord.objects.filter(program=self.program, year=year,
                                                        quarter=quarter)
                if self.instance.pk is not None:
                    taken = taken.exclude(pk=self.instance.pk)
                if taken.exists():
                    self.add_error("year", duplicate_message(year, quarter))
        return cleaned

    # The actuals are part of what the editor saw: merged after a conflict like fields.
    def extra_merge_fields(self):
        return [actual_field_name(kpi.pk) for kpi in self.kpis]

    def merge_label(self, name):
        for kpi in self.kpis:
            if name == actual_field_name(kpi.pk):
                return _("Realisasi %(kpi)s") % {"kpi": kpi.name}
        return super().merge_label(name)


def duplicate_message(year, quarter):
    return _("Catatan monev periode %(period)s untuk program ini sudah ada; ubah catatan itu.") % {
        "period": period_label(year, quarter)}


# --- saving ----------------------------------------------------------------------------------

def save_actuals(record, actuals):
    """Set a record's KPI actuals: {kpi id: Decimal or None} (None removes the actual). KPIs of
    another program and non-numbers are refused with a ValidationError before anything is
    written."""
    allowed = set(ProgramKpi.objects.filter(program_id=record.program_id)
                  .values_list("pk", flat=True))
    if set(actuals) - allowed:
        raise ValidationError(_("Realisasi hanya dapat dicatat untuk KPI program “%(program)s”; "
                                "KPI lain ditolak.") % {"program": record.program})
    value_field = KpiActual._meta.get_field("value")
    clean = {}
    for kpi_id, value in actuals.items():
        if value is None:
            clean[kpi_id] = None
            continue
        try:
            value = value if isinstance(value, Decimal) else Decimal(value)
            if not value.is_finite():
                raise InvalidOperation
            clean[kpi_id] = value_field.clean(value, None)
        except (InvalidOperation, TypeError, ValueError, ValidationError):
            raise ValidationError(_("Realisasi KPI harus berupa angka.")) from None
    with transaction.atomic():
        existing = {actual.kpi_id: actual for actual in KpiActual.objects.filter(record=record)}
        for kpi_id, value in clean.items():  # one by one, so model history sees each change
            actual = existing.get(kpi_id)
            if value is None:
                if actual is not None:
                    actual.delete()
            elif actual is None:
                KpiActual.objects.create(record=record, kpi_id=kpi_id, value=value)
            elif actual.value != value:
                actual.value = value
                actual.save(update_fields=["value"])


def save_record(form, user):
    """Create or update a record with its KPI actuals in ONE transaction under the record's
    version (VersionConflict or ValidationError: nothing saved)."""
    if form.instance.pk is None:
        form.instance.program = form.program
    actuals = form.actuals()

    def related(record):
        validate_period(form.program, record.year, record.quarter)
        save_actuals(record, actuals)

    try:
        return save_versioned(form, user, save_related=related)
    except IntegrityError:  # the same period saved by someone else a moment ago
        raise ValidationError(duplicate_message(form.instance.year, form.instance.quarter)) \
            from None


def delete_record(record, seen_version):
    """Delete a record (and its actuals) if it is still the version the page showed."""
    return ordering.delete_versioned(record, seen_version, str(record))


# --- KPI achievement -------------------------------------------------------------------------

def kpi_percent(direction, actual, target):
    """Achievement of one KPI in percent, 0-100 (see the module docstring)."""
    actual, target = Decimal(actual), Decimal(target)
    if direction == Direction.DOWN:
        if actual <= target:
            return 100.0
        if target > 0:
            return float(100 * target / actual)
        return 0.0
    if actual >= target:
        return 100.0
    if target > 0:
        return max(0.0, float(100 * actual / target))
    return 0.0


@dataclass(frozen=True)
class KpiScore:
    """A KPI's latest actual, the target of that year and the achievement (None: no target)."""

    kpi_id: int
    program_id: int
    year: int
    quarter: int
    actual: Decimal
    target: Decimal | None
    percent: float | None

    @property
    def label(self):
        return period_label(self.year, self.quarter)


@dataclass
class GroupAchievement:
    code: str
    title: str
    number: int
    index: float | None = None
    programs: int = 0  # programs with at least one scored KPI
    kpis: int = 0  # scored KPIs


@dataclass
class Achievement:
    index: float | None = None
    dimensions: dict = field(default_factory=dict)  # dimension code -> GroupAchievement
    programs: dict = field(default_factory=dict)  # program id -> index
    kpis: dict = field(default_factory=dict)  # kpi id -> KpiScore

    def ordered_dimensions(self):
        return sorted(self.dimensions.values(), key=lambda group: group.number)


def _until_q(until, prefix="record__"):
    year, quarter = until
    return Q(**{f"{prefix}year__lt": year}) | Q(**{f"{prefix}year": year,
                                                  f"{prefix}quarter__lte": quarter})


def kpi_achievement(masterplans, until=None):
    """{masterplan id: Achievement} from the KPI actuals (up to the period `until` = (year,
    quarter) when given), in three queries however many masterplans and programs."""
    masterplans = list(masterplans)
    result = {masterplan.pk: Achievement() for masterplan in masterplans}
    kpis = {}
    for pk, direction, program_id, masterplan_id, code, title, number in (
            ProgramKpi.objects.filter(program__masterplan__in=masterplans)
            .values_list("pk", "direction", "program_id", "program__masterplan_id",
                         "program__element__dimension__code",
                         "program__element__dimension__title",
                         "program__element__dimension__number").order_by()):
        kpis[pk] = (direction, program_id, masterplan_id, code, title, number)
    actuals = KpiActual.objects.filter(kpi__program__masterplan__in=masterplans)
    if until is not None:
        actuals = actuals.filter(_until_q(until))
    latest = {}
    for kpi_id, year, quarter, value in (actuals.values_list("kpi_id", "record__year",
                                                             "record__quarter", "value")
                                         .order_by("record__year", "record__quarter")):
        latest[kpi_id] = (year, quarter, value)
    targets = {(kpi_id, year): value for kpi_id, year, value in
               KpiTarget.objects.filter(kpi__program__masterplan__in=masterplans).values_list(
                   "kpi_id", "year", "value").order_by()}
    per_program = {}
    for kpi_id, (year, quarter, value) in latest.items():
        direction, program_id, masterplan_id, code, title, number = kpis[kpi_id]
        target = targets.get((kpi_id, year))
        percent = None if target is None else min(100.0, kpi_percent(direction, value, target))
        achievement = result[masterplan_id]
        achievement.kpis[kpi_id] = KpiScore(kpi_id, program_id, year, quarter, value, target,
                                            percent)
        if percent is not None:
            per_program.setdefault(program_id, (masterplan_id, code, title, number, []))[4] \
                .append(percent)
    per_dimension = {}
    for program_id, (masterplan_id, code, title, number, percents) in per_program.items():
        index = sum(percents) / len(percents)
        achievement = result[masterplan_id]
        achievement.programs[program_id] = index
        group = achievement.dimensions.setdefault(code, GroupAchievement(code, title, number))
        group.programs += 1
        group.kpis += len(percents)
        per_dimension.setdefault((masterplan_id, code), []).append(index)
    for (masterplan_id, code), indices in per_dimension.items():
        result[masterplan_id].dimensions[code].index = sum(indices) / len(indices)
    for achievement in result.values():
        achievement.index = mean_index(group.index for group in achievement.dimensions.values())
    return result


def performance_evidence(masterplans):
    """{masterplan id: {dimension code: KPI achievement 0-100}} for readiness.services'
    performance index (registered in RoadmapConfig.ready())."""
    return {pk: {code: group.index for code, group in achievement.dimensions.items()
                 if group.index is not None}
            for pk, achievement in kpi_achievement(masterplans).items()}


def feed_performance_index():
    """Register performance_evidence with readiness.services (called by RoadmapConfig.ready())."""
    readiness_services.register_performance_evidence(performance_evidence)


# --- the Lampiran III worksheet --------------------------------------------------------------

@dataclass(frozen=True)
class WorksheetKpi:
    kpi: ProgramKpi
    target: Decimal | None
    actual: Decimal | None

    @property
    def percent(self):
        if self.target is None or self.actual is None:
            return None
        return min(100.0, kpi_percent(self.kpi.direction, self.actual, self.target))


@dataclass(frozen=True)
class WorksheetRow:
    program: Program
    record: MonitoringRecord | None
    due: bool
    number: int  # its place on the whole worksheet, whichever page shows it
    kpis: list = field(default_factory=list)  # [WorksheetKpi], once `with_kpis` has read them


def worksheet(masterplan, year, quarter):
    """[WorksheetRow] of the programs running in (year, quarter), in the roadmap's order, with
    that period's record; their KPIs are read by `with_kpis` for the rows a page shows. Two
    queries however many programs."""
    programs = [program for program in
                Program.objects.filter(masterplan=masterplan)
                .select_related("element__dimension", "lead_opd")
                .order_by("element__dimension__number", "element__letter", "position", "pk")
                if within(program, year, quarter)]
    records = {record.program_id: record for record in
               MonitoringRecord.objects.filter(program__masterplan=masterplan, year=year,
                                               quarter=quarter).select_related("updated_by")}
    return [WorksheetRow(program, records.get(program.pk), is_due(program, year, quarter), number)
            for number, program in enumerate(programs, start=1)]


def with_kpis(rows, year):
    """`rows` with, per KPI of each program, the target of `year` and the period's actual: three
    queries for the rows given (a page of the worksheet), however many programs run."""
    rows = list(rows)
    prefetch_related_objects([row.program for row in rows], "kpis__targets")
    prefetch_related_objects([row.record for row in rows if row.record], "actuals")
    result = []
    for row in rows:
        actuals = ({actual.kpi_id: actual.value for actual in row.record.actuals.all()}
                   if row.record else {})
        kpis = [WorksheetKpi(kpi, next((t.value for t in kpi.targets.all() if t.year == year),
                                       None), actuals.get(kpi.pk))
                for kpi in row.program.kpis.all()]
        result.append(replace(row, kpis=kpis))
    return result


# --- a program's page ------------------------------------------------------------------------

@dataclass(frozen=True)
class SchedulePeriod:
    year: int
    quarter: int
    record: MonitoringRecord | None
    finished: bool  # the quarter has ended

    @property
    def label(self):
        return period_label(self.year, self.quarter)


def program_records(program):
    return list(MonitoringRecord.objects.filter(program=program).order_by("-year", "-quarter")
                .select_related("updated_by").prefetch_related("actuals"))


def schedule(program, records, today=None):
    """[SchedulePeriod] of the program's due periods, with the record of each when there is one
    (records for periods outside the schedule are listed by the page on their own)."""
    by_period = {(record.year, record.quarter): record for record in records}
    finished = latest_finished_quarter(today)
    return [SchedulePeriod(year, quarter, by_period.get((year, quarter)),
                           (year, quarter) <= finished)
            for year, quarter in due_periods(program)]


def next_period(program, records, today=None):
    """The period a new record most likely reports: the latest finished due period without a
    record, else the first due period without one, else the program's first quarter."""
    have = {(record.year, record.quarter) for record in records}
    finished = latest_finished_quarter(today)
    open_periods = [period for period in due_periods(program) if period not in have]
    past = [period for period in open_periods if period <= finished]
    if past:
        return past[-1]
    return open_periods[0] if open_periods else program_start(program)


# --- the dashboard -----------------------------------------------------------------------------

def monitoring_progress(masterplans, today=None):
    """{masterplan id: (programs with a record for the latest finished quarter, programs due
    then)}: programs running in that quarter for which it is a reporting period. Two queries."""
    masterplans = list(masterplans)
    year, quarter = latest_finished_quarter(today)
    result = {masterplan.pk: [0, 0] for masterplan in masterplans}
    recorded = set(MonitoringRecord.objects.filter(
        program__masterplan__in=masterplans, year=year, quarter=quarter)
        .values_list("program_id", flat=True))
    for program in (Program.objects.filter(masterplan__in=masterplans)
                    .only("pk", "masterplan_id", "start_year", "start_quarter", "end_year",
                          "end_quarter", "monitoring_frequency").order_by()):
        if is_due(program, year, quarter):
            cell = result[program.masterplan_id]
            cell[1] += 1
            cell[0] += program.pk in recorded
    return {pk: tuple(cell) for pk, cell in result.items()}
