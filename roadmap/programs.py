"""Programs of a masterplan's Rencana Aksi: what each program is, who carries it out with whom,
how it is measured (KPIs with yearly targets) and financed, and its quick-win planning.

Rules:
* a program serves one element of the 18 dimension elements of the masterplan's guide edition
  and optionally strengthens one readiness element of the same edition;
* category is one of the four Rencana Aksi parts; the infrastructure kind (jaringan, NOC/pusat
  data, ruang kendali/COC, lainnya) is required for "infrastruktur pendukung" and refused for the
  others;
* start and end year lie inside the masterplan period, the end not before the start; in the same
  year the end quarter is not before the start quarter;
* the horizon (pendek 1, menengah 5, panjang 10 years, from the guide) is checked against the
  period only as a WARNING, never an error (`horizon_warnings`): a program is expected to end
  within the horizon's window counted from the first year of the period (jangka pendek 2026 for a
  period starting 2026, menengah by 2030, panjang by 2035), and a period shorter than the horizon
  is pointed out. Regions legitimately run a one-year pilot for several years or a long
  programme in a five-year masterplan, so they are told, not stopped;
* sasaran, TOWS strategies and gap rows come from the same masterplan; the lead and supporting
  OPDs from the region's OPD list (roadmap.opds), the lead not repeated among the supporters.
  The form offers only those; `check_program` checks the saved links again inside the saving
  transaction, so whatever calls it, a foreign link saves nothing;
* KPIs (indicator, unit, direction, baseline) carry one target per program year, entered in one
  grid whose columns are the years of the masterplan period: a target in a year outside the
  program's years is refused with the year named (`set_kpi_targets` checks again);
* financing is one amount in rupiah per year and source (APBD, APBN, DAK, KPBU, CSR, hibah,
  lainnya), entered in a years × sources grid, typed the Indonesian way ("1.500.000.000",
  "Rp 2.500.000,50"); blank means none, negative and non-numbers are refused, and so is an amount
  in a year outside the program (`set_financing` checks again);
* the program form, its partner rows, the KPI grid and the financing grid are saved in ONE
  transaction under the program's version (`ProgramEditor.save`): a concurrent change of any of
  them is refused as a conflict listing what changed, and any refused part saves nothing;
* flagging a program as quick win creates its QuickWin row (the guide's why/what/how/when/where/
  who, an impact analysis and a status). Unflagging keeps the row and its answers but hides them
  everywhere (pages, counts, dashboard); flagging again shows them as they were;
* a program is complete when it has at least one KPI and every KPI has a target for the
  program's end year (KPI), a lead OPD (pelaksana) and at least one financing amount above zero
  (pembiayaan) — `with_completeness` annotates a queryset in one query however many programs;
* `budget(masterplan)` sums financing per year and source for the roadmap views.

This module holds the querysets, completeness and the budget; the rules are in program_rules.py,
the forms in program_forms.py, saving (KPI targets, financing, `ProgramEditor`, quick wins) in
program_editor.py.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils.translation import gettext as _

from masterplan.models import Dimension, DimensionElement
from readiness.models import ReadinessElement
from swot.models import GapRow, Sasaran

from .models import Financing, FundingSource, KpiTarget, Program, ProgramKpi, QuickWin
from .program_rules import QUICK_WIN_FIELDS

# --- querysets ----------------------------------------------------------------------------------

def elements_of(masterplan):
    return (DimensionElement.objects.filter(dimension__edition=masterplan.edition_id)
            .select_related("dimension").order_by("dimension__number", "letter"))


def dimensions_of(masterplan):
    return list(Dimension.objects.filter(edition=masterplan.edition_id).order_by("number"))


def readiness_elements_of(masterplan):
    return ReadinessElement.objects.filter(edition=masterplan.edition_id).order_by("number")


def sasaran_choices_of(masterplan):
    return (Sasaran.objects.filter(masterplan=masterplan).select_related("dimension")
            .order_by("dimension__number", "position", "pk"))


def gap_rows_of(masterplan):
    return (GapRow.objects.filter(masterplan=masterplan)
            .select_related("dimension", "readiness_element").order_by("position", "pk"))


def with_completeness(queryset):
    """Annotate programs with has_kpi, kpi_without_final_target and has_financing (one query)."""
    final_target = KpiTarget.objects.filter(kpi=OuterRef("pk"), year=OuterRef("program__end_year"))
    return queryset.annotate(
        has_kpi=Exists(ProgramKpi.objects.filter(program=OuterRef("pk"))),
        kpi_without_final_target=Exists(
            ProgramKpi.objects.filter(program=OuterRef("pk")).filter(~Exists(final_target))),
        has_financing=Exists(Financing.objects.filter(program=OuterRef("pk"), amount__gt=0)),
    )


def complete_q():
    """A filter for programs annotated by with_completeness that are complete."""
    return Q(has_kpi=True, kpi_without_final_target=False, lead_opd__isnull=False,
             has_financing=True)


@dataclass(frozen=True)
class Completeness:
    kpi: bool
    pelaksana: bool
    financing: bool

    @property
    def complete(self):
        return self.kpi and self.pelaksana and self.financing

    @property
    def missing(self):
        labels = [(self.kpi, _("KPI dengan target tahun akhir")), (self.pelaksana, _("OPD pelaksana")),
                  (self.financing, _("pembiayaan"))]
        return [label for done, label in labels if not done]


def completeness(program):
    """Completeness of a program annotated by with_completeness."""
    return Completeness(kpi=program.has_kpi and not program.kpi_without_final_target,
                        pelaksana=program.lead_opd_id is not None,
                        financing=program.has_financing)


def programs_of(masterplan):
    """The masterplan's programs for the list: annotated, with what the rows show, in a fixed
    number of queries however many programs."""
    return (with_completeness(Program.objects.filter(masterplan=masterplan))
            .select_related("element__dimension", "lead_opd", "quick_win")
            .prefetch_related("supporting_opds")
            .order_by("element__dimension__number", "element__letter", "position", "pk"))


# Programs per page of the program list and of the roadmap's groups: a page's HTML stays the
# same size however many programs the plan has.
PAGE_SIZE = 25


def list_index(program):
    """How many of the masterplan's programs come before `program` in the list order (that of
    programs_of), so a link can open the page that shows it (one query)."""
    dimension, letter = program.element.dimension.number, program.element.letter
    same_element = Q(element__dimension__number=dimension, element__letter=letter)
    before = (Q(element__dimension__number__lt=dimension)
              | Q(element__dimension__number=dimension, element__letter__lt=letter)
              | same_element & Q(position__lt=program.position)
              | same_element & Q(position=program.position, pk__lt=program.pk))
    return Program.objects.filter(before, masterplan=program.masterplan_id).count()


def list_page_number(program):
    """The page of the program list (unfiltered) that shows `program`."""
    return list_index(program) // PAGE_SIZE + 1


def dimension_counts(queryset):
    """{dimension id: number of programs} of a program queryset (one query)."""
    return dict(queryset.order_by().values("element__dimension")
                .annotate(count=Count("pk", distinct=True))
                .values_list("element__dimension", "count"))


def visible_quick_win(program):
    """The program's quick-win answers if it is flagged (unflagged: kept but hidden)."""
    if not program.is_quick_win:
        return None
    try:
        return program.quick_win
    except QuickWin.DoesNotExist:
        return None


def quick_win_answered(quick_win):
    return quick_win is not None and all(getattr(quick_win, name).strip()
                                         for name in QUICK_WIN_FIELDS)


def summary(masterplans):
    """{masterplan id: (complete programs, programs, answered quick wins, quick wins)} in two
    queries however many masterplans (the dashboard section)."""
    masterplans = list(masterplans)
    result = {mp.pk: [0, 0, 0, 0] for mp in masterplans}
    for masterplan_id, has_kpi, kpi_gap, lead, has_financing in (
            with_completeness(Program.objects.filter(masterplan__in=masterplans))
            .values_list("masterplan_id", "has_kpi", "kpi_without_final_target", "lead_opd_id",
                         "has_financing").order_by()):
        cell = result[masterplan_id]
        cell[1] += 1
        if has_kpi and not kpi_gap and lead is not None and has_financing:
            cell[0] += 1
    for answers in (QuickWin.objects.filter(program__masterplan__in=masterplans,
                                            program__is_quick_win=True)
                    .values("program__masterplan_id", *QUICK_WIN_FIELDS).order_by()):
        cell = result[answers["program__masterplan_id"]]
        cell[3] += 1
        if all(answers[name].strip() for name in QUICK_WIN_FIELDS):
            cell[2] += 1
    return {pk: tuple(cell) for pk, cell in result.items()}


# --- budget -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Budget:
    """Planned financing of a masterplan's programs.

    by_year: {year: {source: Decimal}} for every year of the period (plus any year outside it
    that still holds financing, e.g. after the period was shortened) and every FundingSource
    value, zero where nothing is planned; year_totals {year: Decimal}; source_totals
    {source: Decimal}; total: Decimal."""

    by_year: dict
    year_totals: dict
    source_totals: dict
    total: Decimal

    @property
    def years(self):
        return list(self.by_year)

    @staticmethod
    def sources():
        return list(FundingSource.choices)


def budget(masterplan, programs=None):
    """Financing of the masterplan's programs (or of `programs`, a queryset of them, e.g. one
    horizon) summed per year and source, in one query. See Budget."""
    financing = Financing.objects.filter(program__masterplan=masterplan)
    if programs is not None:
        financing = financing.filter(program__in=programs)
    sums = {(year, source): amount for year, source, amount in
            financing.values("year", "source").annotate(amount=Sum("amount"))
            .values_list("year", "source", "amount").order_by()}
    years = sorted(set(masterplan.years) | {year for year, _source in sums})
    zero = Decimal("0")
    by_year = {year: {source: sums.get((year, source), zero) for source in FundingSource.values}
               for year in years}
    year_totals = {year: sum(cells.values(), zero) for year, cells in by_year.items()}
    source_totals = {source: sum((by_year[year][source] for year in years), zero)
                     for source in FundingSource.values}
    return Budget(by_year, year_totals, source_totals, sum(year_totals.values(), zero))
