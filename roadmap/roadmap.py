"""The roadmap (peta jalan) of a masterplan: its programs filtered, grouped by horizon and by
dimension, on a timeline, with their budget, and the programs still incomplete.

Rules:
* filters (all optional, combined with AND): dimension (by code), Rencana Aksi category, OPD
  (a program matches when the OPD leads it OR supports it), horizon, quick win or not. A filter
  value that is not valid for the masterplan (an unknown dimension, another region's OPD) is
  reported on the form and ignored;
* grouping: by horizon (pendek, menengah, panjang, always all three in that order) and by
  dimension (every dimension of the masterplan's guide edition in its number order), programs in
  the list order (element, position);
* a program is incomplete, with each reason listed: "tanpa KPI" (no KPI at all), "KPI tanpa
  target tahun akhir" (a KPI has no target for the program's end year), "tanpa pelaksana" (no
  lead OPD), "tanpa pembiayaan" (no financing amount above zero). These are the completeness
  rules of roadmap.programs (`with_completeness`), so the roadmap, the program list and the
  dashboard count the same programs as complete;
* the budget is roadmap.programs.budget over the filtered programs (per year and funding
  source, row and column totals);
* the whole page costs a fixed number of queries however many programs (select_related and
  prefetch_related; the completeness flags are annotations; the budget one aggregate query);
* the page shows counts, the budget and the incomplete programs; a group's rows (a horizon, or a
  dimension with its timeline) are a page of their own (`program_page`, PAGE_SIZE programs at a
  time) which the roadmap loads when the group is opened, so its HTML does not grow with the plan.
"""

from dataclasses import dataclass
from io import BytesIO

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from masterplan.workbook.base import HEADER, TITLE, put

from .charts import quarter_label, rupiah_full, used_sources
from .models import Category, Horizon, Program
from .opds import opds_of
from .programs import PAGE_SIZE, budget, dimensions_of, with_completeness

YES, NO = "ya", "tidak"  # the quick_win filter's values, as on the program list
NO_KPI = "no_kpi"
KPI_WITHOUT_FINAL_TARGET = "kpi_without_final_target"
NO_LEAD = "no_lead"
NO_FINANCING = "no_financing"
REASONS = {
    NO_KPI: gettext_lazy("tanpa KPI"),
    KPI_WITHOUT_FINAL_TARGET: gettext_lazy("KPI tanpa target tahun akhir"),
    NO_LEAD: gettext_lazy("tanpa pelaksana"),
    NO_FINANCING: gettext_lazy("tanpa pembiayaan"),
}


class RoadmapFilterForm(forms.Form):
    """The roadmap's GET filters; field names are the query parameters."""

    dimensi = forms.ChoiceField(label=gettext_lazy("Dimensi"), required=False)
    kategori = forms.ChoiceField(label=gettext_lazy("Kategori"), required=False,
                                 choices=[("", gettext_lazy("Semua kategori")), *Category.choices])
    opd = forms.TypedChoiceField(label=gettext_lazy("OPD (pelaksana atau pendukung)"),
                                 required=False, coerce=int, empty_value=None)
    jangka = forms.ChoiceField(label=gettext_lazy("Jangka"), required=False,
                               choices=[("", gettext_lazy("Semua jangka")), *Horizon.choices])
    quick_win = forms.ChoiceField(label=gettext_lazy("Quick win"), required=False,
                                  choices=[("", gettext_lazy("Semua program")),
                                           (YES, gettext_lazy("Quick win")),
                                           (NO, gettext_lazy("Bukan quick win"))])

    def __init__(self, data, *, masterplan, dimensions=None, opds=None):
        super().__init__(data)
        self.masterplan = masterplan
        self.dimensions = dimensions if dimensions is not None else dimensions_of(masterplan)
        self.fields["dimensi"].choices = [("", _("Semua dimensi"))] + [
            (dimension.code, dimension.title) for dimension in self.dimensions]
        opds = opds if opds is not None else list(opds_of(masterplan.region))
        self.fields["opd"].choices = [("", _("Semua OPD"))] + [(opd.pk, str(opd)) for opd in opds]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def values(self):
        """{filter name: value} of the valid, non-empty filters (invalid ones are ignored)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: value for name, value in cleaned.items()
                if name not in self.errors and value not in (None, "")}

    @property
    def active(self):
        return bool(self.values())


def filter_programs(queryset, *, dimensi=None, kategori=None, opd=None, jangka=None,
                    quick_win=None):
    """The programs of `queryset` matching every given filter (see the module docstring)."""
    if dimensi:
        queryset = queryset.filter(element__dimension__code=dimensi)
    if kategori:
        queryset = queryset.filter(category=kategori)
    if opd:
        matching = Program.objects.filter(Q(lead_opd=opd) | Q(supporting_opds=opd)).values("pk")
        queryset = queryset.filter(pk__in=matching)
    if jangka:
        queryset = queryset.filter(horizon=jangka)
    if quick_win in (YES, NO):
        queryset = queryset.filter(is_quick_win=quick_win == YES)
    return queryset


def roadmap_programs(masterplan, *, rows=True, **filters):
    """The masterplan's programs for the roadmap, filtered, with what the page shows loaded:
    element and dimension, lead OPD and the completeness flags, and with `rows` the supporting
    OPDs, KPIs and financing a program's row shows. A fixed number of queries however many
    programs."""
    queryset = (with_completeness(Program.objects.filter(masterplan=masterplan))
                .select_related("element__dimension", "lead_opd")
                .order_by("element__dimension__number", "element__letter", "position", "pk"))
    if rows:
        queryset = queryset.prefetch_related("supporting_opds", "kpis", "financing")
    return filter_programs(queryset, **filters)


def incompleteness(program):
    """The reasons (codes of REASONS) a program annotated by with_completeness is incomplete."""
    reasons = []
    if not program.has_kpi:
        reasons.append(NO_KPI)
    elif program.kpi_without_final_target:
        reasons.append(KPI_WITHOUT_FINAL_TARGET)
    if program.lead_opd_id is None:
        reasons.append(NO_LEAD)
    if not program.has_financing:
        reasons.append(NO_FINANCING)
    return reasons


@dataclass(frozen=True)
class Incomplete:
    program: Program
    reasons: list

    @property
    def labels(self):
        return [str(REASONS[reason]) for reason in self.reasons]


def incomplete_programs(programs):
    """[Incomplete] of the programs that miss something, in the programs' order."""
    result = []
    for program in programs:
        reasons = incompleteness(program)
        if reasons:
            result.append(Incomplete(program, reasons))
    return result


def by_horizon(programs):
    """[(horizon value, label, [programs])] for the three horizons, in their order."""
    groups = {value: [] for value in Horizon.values}
    for program in programs:
        groups.setdefault(program.horizon, []).append(program)
    labels = dict(Horizon.choices)
    return [(value, labels.get(value, value), members) for value, members in groups.items()]


def by_dimension(programs, dimensions):
    """[(dimension, [programs])] for every dimension given, in their order."""
    groups = {dimension.pk: [] for dimension in dimensions}
    for program in programs:
        groups.setdefault(program.element.dimension_id, []).append(program)
    return [(dimension, groups[dimension.pk]) for dimension in dimensions]


def program_budget(program):
    """{year: amount} of a program's financing (prefetched), summed over the sources."""
    totals = {}
    for financing in program.financing.all():
        totals[financing.year] = totals.get(financing.year, 0) + financing.amount
    return totals


def period_text(program):
    return f"{quarter_label(program.start_year, program.start_quarter)} – " \
           f"{quarter_label(program.end_year, program.end_quarter)}"


@dataclass
class Roadmap:
    """Everything the roadmap page and its export show, for the filters given."""

    masterplan: object
    form: RoadmapFilterForm
    programs: list
    dimensions: list
    budget: object

    @property
    def horizons(self):
        return by_horizon(self.programs)

    @property
    def per_dimension(self):
        return by_dimension(self.programs, self.dimensions)

    @property
    def incomplete(self):
        return incomplete_programs(self.programs)

    @property
    def sources(self):
        return used_sources(self.budget)

    def budget_rows(self):
        """[(year, [amount per used source], year total)] for the table."""
        sources = self.sources
        return [(year, [self.budget.by_year[year][code] for code, _label in sources],
                 self.budget.year_totals[year]) for year in self.budget.years]

    def source_totals(self):
        return [self.budget.source_totals[code] for code, _label in self.sources]

    def budget_table(self):
        """budget_rows with every amount in full rupiah ('–' for none), and the totals row."""
        rows = [(year, [rupiah_full(amount) if amount else "–" for amount in amounts],
                 rupiah_full(total)) for year, amounts, total in self.budget_rows()]
        totals = [rupiah_full(amount) for amount in self.source_totals()]
        return rows, totals


def with_row_texts(programs):
    """`programs` with what the lists show set on each, from the prefetched rows."""
    for program in programs:
        program.roadmap_period = period_text(program)
        program.roadmap_budget = rupiah_full(sum(program_budget(program).values(), 0))
        program.roadmap_reasons = [str(REASONS[reason]) for reason in incompleteness(program)]
    return programs


@dataclass
class ProgramPage:
    """One page of the roadmap's programs kept by the filters: the lists' rows of one group
    (a horizon or a dimension, given as a filter) and its timeline, loaded when opened."""

    form: RoadmapFilterForm
    page: object

    @property
    def programs(self):
        return self.page.object_list


def program_page(masterplan, data, number):
    """The page `number` (Paginator.get_page: a wrong number gives the first or last) of the
    programs the filters in `data` keep, PAGE_SIZE of them, in a fixed number of queries."""
    form = RoadmapFilterForm(data, masterplan=masterplan)
    page = Paginator(roadmap_programs(masterplan, **form.values()), PAGE_SIZE).get_page(number)
    page.object_list = with_row_texts(list(page.object_list))
    return ProgramPage(form, page)


def build_roadmap(masterplan, data, *, rows=True):
    """The Roadmap for a masterplan and the GET parameters `data`. Without `rows` its programs
    carry no row of their own (their OPDs, KPIs and budget): what the roadmap page shows of
    them is counted, and the rows load with each group (`program_page`)."""
    dimensions = dimensions_of(masterplan)
    form = RoadmapFilterForm(data, masterplan=masterplan, dimensions=dimensions)
    filters = form.values()
    queryset = roadmap_programs(masterplan, rows=rows, **filters)
    programs = list(queryset)
    if rows:
        with_row_texts(programs)
    plan_budget = budget(masterplan, programs=queryset.values("pk") if filters else None)
    return Roadmap(masterplan, form, programs, dimensions, plan_budget)


# --- .xlsx export ----------------------------------------------------------------------------

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def roadmap_workbook(roadmap):
    """The roadmap as an .xlsx workbook (bytes): a sheet of programs with their years, OPDs and
    budget per year, and a sheet of the budget per year and source. Every text is written as a
    literal string (masterplan.workbook.base.put), so "=...", "+...", "-..." and "@..." stay text.
    """
    masterplan = roadmap.masterplan
    years = list(roadmap.budget.years)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Peta jalan")
    put(sheet, 1, 1, _("Peta jalan %(title)s") % {"title": masterplan.title}, TITLE)
    headers = ["No.", _("Dimensi"), _("Elemen"), _("Program"), _("Kategori"), _("Jangka"),
               _("Mulai"), _("Selesai"), _("Quick win"), _("Integrasi Smart e-Gov"),
               _("OPD pelaksana"), _("OPD pendukung"), _("Jumlah KPI"), _("Kelengkapan"),
               *[str(year) for year in years], _("Total anggaran")]
    for column, header in enumerate(headers, start=1):
        put(sheet, 3, column, header, HEADER)
    money = '#,##0'
    for number, program in enumerate(roadmap.programs, start=1):
        row = 3 + number
        per_year = program_budget(program)
        reasons = incompleteness(program)
        values = [
            number, program.element.dimension.title, program.element.title, program.name,
            program.get_category_display(), program.get_horizon_display(),
            quarter_label(program.start_year, program.start_quarter),
            quarter_label(program.end_year, program.end_quarter),
            _("Ya") if program.is_quick_win else _("Tidak"),
            _("Ya") if program.is_egov_integration else _("Tidak"),
            program.lead_opd.name if program.lead_opd else "",
            ", ".join(opd.name for opd in program.supporting_opds.all()),
            len(program.kpis.all()),
            ", ".join(str(REASONS[reason]) for reason in reasons) or _("Lengkap"),
        ]
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value)
        for offset, year in enumerate(years):
            cell = put(sheet, row, len(values) + 1 + offset, per_year.get(year, 0))
            cell.number_format = money
        cell = put(sheet, row, len(values) + 1 + len(years), sum(per_year.values(), 0))
        cell.number_format = money
    widths = [5, 22, 28, 44, 24, 24, 12, 12, 10, 12, 30, 36, 9, 30] + [16] * (len(years) + 1)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "E4"

    sources = roadmap.sources
    budget_sheet = workbook.create_sheet(_("Anggaran"))
    put(budget_sheet, 1, 1, _("Anggaran program per tahun dan sumber dana (rupiah)"), TITLE)
    for column, header in enumerate([_("Tahun"), *[label for _code, label in sources],
                                     _("Total")], start=1):
        put(budget_sheet, 3, column, str(header), HEADER)
    row = 4
    for year, amounts, total in roadmap.budget_rows():
        put(budget_sheet, row, 1, year)
        for column, amount in enumerate([*amounts, total], start=2):
            put(budget_sheet, row, column, amount).number_format = money
        row += 1
    put(budget_sheet, row, 1, _("Total"), HEADER)
    for column, amount in enumerate([*roadmap.source_totals(), roadmap.budget.total], start=2):
        put(budget_sheet, row, column, amount, HEADER).number_format = money
    put(budget_sheet, row + 2, 1, _("Total seluruh anggaran: %(total)s")
        % {"total": rupiah_full(roadmap.budget.total)})
    for column in range(1, len(sources) + 3):
        budget_sheet.column_dimensions[get_column_letter(column)].width = 10 if column == 1 else 20
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
