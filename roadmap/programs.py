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
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Sum
from django.forms import inlineformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan import ordering as ordered
from masterplan.editing import FieldChange, VersionedFormMixin, rows_input_changed, rows_values, save_versioned
from masterplan.guide import guide
from masterplan.models import Dimension, DimensionElement
from masterplan.numbers import NumberField, RupiahField, format_number, plain_decimal
from readiness.models import ReadinessElement
from swot.gap import strategy_queryset
from swot.models import GapRow, Sasaran

from .models import (
    Category,
    Financing,
    FundingSource,
    Horizon,
    KpiTarget,
    Partner,
    Program,
    ProgramKpi,
    QuickWin,
)
from .opds import opds_of

_RELATED_SALT = "roadmap.programs.related"
QUARTERS = [(1, "I"), (2, "II"), (3, "III"), (4, "IV")]
HORIZON_GUIDE_CODES = {Horizon.SHORT: "short", Horizon.MEDIUM: "medium", Horizon.LONG: "long"}
QUICK_WIN_FIELDS = (*QuickWin.QUESTIONS, "impact_analysis")


def period_text(masterplan):
    return f"{masterplan.start_year}–{masterplan.end_year}"


def program_years_text(start, end):
    return str(start) if start == end else f"{start}–{end}"


def timeline_text(program):
    """"Triwulan I 2026 – triwulan IV 2027"."""
    roman = dict(QUARTERS)
    return _("Triwulan %(start_quarter)s %(start)s – triwulan %(end_quarter)s %(end)s") % {
        "start_quarter": roman.get(program.start_quarter, program.start_quarter),
        "start": program.start_year, "end": program.end_year,
        "end_quarter": roman.get(program.end_quarter, program.end_quarter)}


# --- the rules, shared by the forms and the services ------------------------------------------

def year_errors(masterplan, start, end, start_quarter=None, end_quarter=None):
    """{field: message} for program years outside the period or out of order."""
    errors = {}
    period = masterplan.years
    names = {"start": start, "end": end, "period": period_text(masterplan)}
    if start is not None and start not in period:
        errors["start_year"] = _("Tahun mulai %(start)s di luar periode masterplan %(period)s.") % names
    if end is not None and end not in period:
        errors["end_year"] = _("Tahun selesai %(end)s di luar periode masterplan %(period)s.") % names
    if start is not None and end is not None and "end_year" not in errors and end < start:
        errors["end_year"] = _("Tahun selesai (%(end)s) tidak boleh sebelum tahun mulai "
                               "(%(start)s).") % names
    if (start is not None and start == end and start_quarter and end_quarter
            and end_quarter < start_quarter):
        errors["end_quarter"] = _("Triwulan selesai tidak boleh sebelum triwulan mulai pada tahun "
                                  "yang sama.")
    return errors


def infrastructure_error(category, kind):
    if category == Category.INFRASTRUCTURE and not kind:
        return _("Pilih jenis infrastruktur untuk program infrastruktur pendukung.")
    if category and category != Category.INFRASTRUCTURE and kind:
        return _("Jenis infrastruktur hanya diisi untuk kategori Infrastruktur pendukung; "
                 "kosongkan pilihannya.")
    return None


def lead_also_supporting_error(lead, supporting):
    if lead is not None and lead in supporting:
        return _("%(opd)s sudah menjadi OPD pelaksana utama; jangan pilih lagi sebagai OPD "
                 "pendukung.") % {"opd": lead}
    return None


def outside_program(year, start, end):
    return start is not None and end is not None and not start <= year <= end


def program_problems(program):
    """Every rule a saved program (with its links) breaks, as messages."""
    masterplan = program.masterplan
    region_name = masterplan.region.display_name
    problems = list(year_errors(masterplan, program.start_year, program.end_year,
                                program.start_quarter, program.end_quarter).values())
    infrastructure = infrastructure_error(program.category, program.infrastructure_kind)
    if infrastructure:
        problems.append(infrastructure)
    if program.element.dimension.edition_id != masterplan.edition_id:
        problems.append(_("Elemen dimensi “%(element)s” bukan dari panduan masterplan ini.")
                        % {"element": program.element.title})
    if program.readiness_element_id and program.readiness_element.edition_id != masterplan.edition_id:
        problems.append(_("Elemen kesiapan “%(element)s” bukan dari panduan masterplan ini.")
                        % {"element": program.readiness_element})
    if program.lead_opd_id and program.lead_opd.region_id != masterplan.region_id:
        problems.append(_("OPD pelaksana utama “%(opd)s” bukan OPD %(region)s.")
                        % {"opd": program.lead_opd.name, "region": region_name})
    if program.pk is None:
        return problems
    for opd in program.supporting_opds.exclude(region=masterplan.region_id):
        problems.append(_("OPD pendukung “%(opd)s” bukan OPD %(region)s.")
                        % {"opd": opd.name, "region": region_name})
    supporting = list(program.supporting_opds.all())
    lead_error = lead_also_supporting_error(program.lead_opd, supporting)
    if lead_error:
        problems.append(lead_error)
    for sasaran in program.sasaran.exclude(masterplan=masterplan):
        problems.append(_("Sasaran “%(sasaran)s” bukan milik masterplan ini.") % {"sasaran": sasaran})
    for strategy in program.strategies.exclude(worksheet__masterplan=masterplan):
        problems.append(_("Strategi “%(strategy)s” bukan milik kertas kerja SWOT masterplan ini.")
                        % {"strategy": strategy})
    for row in program.gap_rows.exclude(masterplan=masterplan):
        problems.append(_("Baris analisis kesenjangan “%(row)s” bukan milik masterplan ini.")
                        % {"row": row})
    return problems


def check_program(program):
    """ValidationError listing every rule the saved program breaks (see program_problems)."""
    problems = program_problems(program)
    if problems:
        raise ValidationError(problems)


def horizon_years(masterplan):
    """{horizon value: years} from the guide's roadmap horizons (1, 5, 10 for the 2017 guide)."""
    by_code = {item["code"]: item["years"]
               for item in guide(masterplan.edition.code)["roadmap"]["horizons"]}
    return {horizon: by_code[code] for horizon, code in HORIZON_GUIDE_CODES.items()}


def horizon_warnings(program, masterplan=None):
    """Messages (never errors) where the horizon does not fit the program's years or the
    masterplan's period; see the module docstring."""
    masterplan = masterplan or program.masterplan
    if not program.horizon or program.start_year is None or program.end_year is None:
        return []
    years = horizon_years(masterplan)[program.horizon]
    label = Horizon(program.horizon).label
    window_end = masterplan.start_year + years - 1
    names = {"horizon": label, "years": years, "window_end": window_end,
             "end": program.end_year, "period": period_text(masterplan),
             "period_years": masterplan.period_years}
    result = []
    if years > masterplan.period_years:
        result.append(_("Periode masterplan %(period)s hanya %(period_years)s tahun, lebih pendek "
                        "dari %(horizon)s.") % names)
    elif program.end_year > window_end:
        result.append(_("Program %(horizon)s semestinya selesai paling lambat %(window_end)s; "
                        "program ini berakhir %(end)s. Periksa jangkanya.") % names)
    return result


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


# --- numbers ------------------------------------------------------------------------------------

def clean_decimal(model, field_name, value):
    """A Decimal the column accepts, or ValueError."""
    try:
        value = value if isinstance(value, Decimal) else Decimal(str(value))
        if not value.is_finite():
            raise InvalidOperation
        return model._meta.get_field(field_name).clean(value, None)
    except (InvalidOperation, TypeError, ValueError, ValidationError):
        raise ValueError(value) from None


# --- KPI targets and financing services ---------------------------------------------------------

def set_kpi_targets(kpi, targets):
    """Set a KPI's targets {year: Decimal or None} (None removes the year's target). A year
    outside the program's years or a non-number is refused with a ValidationError before
    anything is written; years not given are left alone."""
    program = kpi.program
    outside = sorted(year for year, value in targets.items()
                     if value is not None and outside_program(year, program.start_year,
                                                              program.end_year))
    if outside:
        raise ValidationError(
            _("Target KPI “%(kpi)s” tahun %(years)s di luar masa program (%(program_years)s); "
              "target tidak disimpan.")
            % {"kpi": kpi.name, "years": ", ".join(str(year) for year in outside),
               "program_years": program_years_text(program.start_year, program.end_year)})
    clean = {}
    for year, value in targets.items():
        if value is None:
            clean[year] = None
            continue
        try:
            clean[year] = clean_decimal(KpiTarget, "value", value)
        except ValueError:
            raise ValidationError(_("Target KPI “%(kpi)s” tahun %(year)s harus berupa angka.")
                                  % {"kpi": kpi.name, "year": year}) from None
    with transaction.atomic():
        existing = {target.year: target for target in
                    KpiTarget.objects.filter(kpi=kpi, year__in=list(clean))}
        KpiTarget.objects.filter(kpi=kpi, year__in=[year for year, value in clean.items()
                                                    if value is None and year in existing]).delete()
        for year, value in clean.items():  # one by one, so model history sees each change
            if value is None:
                continue
            if year not in existing:
                KpiTarget.objects.create(kpi=kpi, year=year, value=value)
            elif existing[year].value != value:
                existing[year].value = value
                existing[year].save(update_fields=["value"])


def set_financing(program, amounts):
    """Set a program's financing {(year, source): Decimal or None} (None removes it). Years
    outside the program, unknown sources, negative amounts and non-numbers are refused with a
    ValidationError before anything is written; cells not given are left alone."""
    problems, clean = [], {}
    for (year, source), value in sorted(amounts.items()):
        if source not in FundingSource.values:
            problems.append(_("Sumber dana “%(source)s” tidak dikenal.") % {"source": source})
            continue
        label = {"year": year, "source": FundingSource(source).label,
                 "program_years": program_years_text(program.start_year, program.end_year)}
        if value is None:
            clean[(year, source)] = None
            continue
        if outside_program(year, program.start_year, program.end_year):
            problems.append(_("Pembiayaan %(year)s (%(source)s) di luar masa program "
                              "(%(program_years)s).") % label)
            continue
        try:
            value = clean_decimal(Financing, "amount", value)
        except ValueError:
            problems.append(_("Pembiayaan %(year)s (%(source)s) harus berupa angka rupiah yang "
                              "tidak negatif, mis. 1.500.000.000.") % label)
            continue
        clean[(year, source)] = value
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        existing = {(row.year, row.source): row for row in Financing.objects.filter(program=program)}
        for key, value in clean.items():  # one by one, so model history sees each change
            row = existing.get(key)
            if value is None:
                if row is not None:
                    row.delete()
            elif row is None:
                Financing.objects.create(program=program, year=key[0], source=key[1], amount=value)
            elif row.amount != value:
                row.amount = value
                row.save(update_fields=["amount"])


# --- the program form ---------------------------------------------------------------------------

def related_summary(program):
    """What the editor sees of a program's partners, KPIs and financing, as {label: text}, for
    the conflict list."""
    if program.pk is None:
        return {}
    result = {}
    partners = Partner.objects.filter(program=program).order_by("kind", "name", "pk")
    result[str(_("Mitra kerja sama"))] = "; ".join(
        f"{partner.get_kind_display()}: {partner.name}" for partner in partners)
    for number, kpi in enumerate(ProgramKpi.objects.filter(program=program)
                                 .order_by("position", "pk").prefetch_related("targets"), start=1):
        targets = ", ".join(f"{target.year}: {format_number(target.value)}"
                            for target in kpi.targets.all())
        baseline = format_number(kpi.baseline_value) if kpi.baseline_value is not None else "—"
        result[str(_("KPI %(number)s") % {"number": number})] = (
            f"{kpi.name} ({kpi.unit or '—'}), {kpi.get_direction_display()}, baseline {baseline}; "
            f"{targets}")
    by_year = defaultdict(list)
    for row in Financing.objects.filter(program=program).order_by("year", "source"):
        by_year[row.year].append(f"{row.get_source_display()} {format_number(row.amount)}")
    for year, cells in by_year.items():
        result[str(_("Pembiayaan %(year)s") % {"year": year})] = "; ".join(cells)
    return result


def _sign(summary_dict):
    return signing.dumps(summary_dict, salt=_RELATED_SALT)


class ProgramForm(VersionedFormMixin, forms.ModelForm):
    related_snapshot = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Program
        fields = ["name", "description", "element", "readiness_element", "category",
                  "infrastructure_kind", "horizon", "start_year", "start_quarter", "end_year",
                  "end_quarter", "sasaran", "lead_opd", "supporting_opds", "monitoring_frequency",
                  "monitoring_responsible", "strategies", "gap_rows", "is_quick_win",
                  "is_egov_integration"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "sasaran": forms.CheckboxSelectMultiple,
            "supporting_opds": forms.CheckboxSelectMultiple,
            "strategies": forms.CheckboxSelectMultiple,
            "gap_rows": forms.CheckboxSelectMultiple,
        }
        labels = {
            "name": gettext_lazy("Nama program"),
            "description": gettext_lazy("Uraian"),
            "element": gettext_lazy("Dimensi dan elemen yang dilayani"),
            "readiness_element": gettext_lazy("Elemen kesiapan yang diperkuat (opsional)"),
            "category": gettext_lazy("Kategori rencana aksi"),
            "infrastructure_kind": gettext_lazy("Jenis infrastruktur"),
            "horizon": gettext_lazy("Jangka"),
            "lead_opd": gettext_lazy("OPD pelaksana utama"),
            "monitoring_frequency": gettext_lazy("Frekuensi monitoring dan evaluasi"),
            "monitoring_responsible": gettext_lazy("Penanggung jawab monitoring dan evaluasi"),
            "is_quick_win": gettext_lazy("Program quick win"),
            "is_egov_integration": gettext_lazy("Program integrasi aplikasi Smart e-Gov"),
        }
        help_texts = {
            "is_quick_win": gettext_lazy("Program jangka pendek yang berdampak langsung bagi "
                                         "masyarakat; pertanyaan perencanaannya diisi di halaman "
                                         "quick win."),
            "is_egov_integration": gettext_lazy("Panduan mewajibkan daerah memprioritaskan "
                                                "integrasi aplikasi e-gov antar-OPD."),
        }
        error_messages = {
            "name": {"required": gettext_lazy("Tuliskan nama programnya.")},
            "element": {"required": gettext_lazy("Pilih elemen dimensi yang dilayani program ini."),
                        "invalid_choice": gettext_lazy(
                            "Pilih elemen dimensi dari panduan masterplan ini.")},
            "readiness_element": {"invalid_choice": gettext_lazy(
                "Pilih elemen kesiapan dari panduan masterplan ini.")},
            "category": {"required": gettext_lazy("Pilih kategori rencana aksi.")},
            "horizon": {"required": gettext_lazy("Pilih jangka program.")},
            "lead_opd": {"invalid_choice": gettext_lazy(
                "OPD pelaksana utama harus dipilih dari daftar OPD wilayah ini.")},
            "supporting_opds": {"invalid_choice": gettext_lazy(
                "OPD pendukung harus dipilih dari daftar OPD wilayah ini.")},
            "sasaran": {"invalid_choice": gettext_lazy(
                "Sasaran yang dipilih bukan milik masterplan ini.")},
            "strategies": {"invalid_choice": gettext_lazy(
                "Strategi yang dipilih bukan milik kertas kerja SWOT masterplan ini.")},
            "gap_rows": {"invalid_choice": gettext_lazy(
                "Baris analisis kesenjangan yang dipilih bukan milik masterplan ini.")},
        }

    def __init__(self, *args, masterplan, **kwargs):
        self.masterplan = masterplan
        super().__init__(*args, **kwargs)
        period = period_text(masterplan)
        for name, label in (("start_year", _("Tahun mulai")), ("end_year", _("Tahun selesai"))):
            choices = [(year, str(year)) for year in masterplan.years]
            current = getattr(self.instance, name)
            if current is not None and current not in masterplan.years:
                choices.append((current, _("%(year)s (di luar periode)") % {"year": current}))
            self.fields[name] = forms.TypedChoiceField(
                label=label, coerce=int, choices=[("", _("— pilih —")), *choices],
                error_messages={
                    "required": _("Pilih %(field)s.") % {"field": label.lower()},
                    "invalid_choice": _("%(field)s harus di dalam periode masterplan %(period)s.")
                    % {"field": label, "period": period}})
        for name, label in (("start_quarter", _("Triwulan mulai")),
                            ("end_quarter", _("Triwulan selesai"))):
            self.fields[name] = forms.TypedChoiceField(
                label=label, coerce=int, choices=QUARTERS,
                error_messages={"required": _("Pilih %(field)s.") % {"field": label.lower()},
                                "invalid_choice": _("Triwulan harus I, II, III atau IV.")})
        for name in ("start_year", "end_year"):  # a new program: the first year of the period
            if self.initial.get(name) is None:
                self.initial[name] = masterplan.start_year
        element = self.fields["element"]
        element.queryset = elements_of(masterplan)
        groups = defaultdict(list)
        for item in element.queryset:
            groups[f"{item.dimension.number}. {item.dimension.title}"].append(
                (item.pk, f"{item.letter}. {item.title}"))
        element.choices = [("", _("— pilih —")), *groups.items()]
        self.fields["readiness_element"].queryset = readiness_elements_of(masterplan)
        self.fields["readiness_element"].empty_label = _("— tidak ada —")
        opds = opds_of(masterplan.region)
        self.fields["lead_opd"].queryset = opds
        self.fields["lead_opd"].empty_label = _("— belum ditentukan —")
        self.fields["supporting_opds"].queryset = opds
        self.fields["sasaran"].queryset = sasaran_choices_of(masterplan)
        self.fields["strategies"].queryset = strategy_queryset(masterplan)
        self.fields["gap_rows"].queryset = gap_rows_of(masterplan)
        for name in ("sasaran", "supporting_opds", "strategies", "gap_rows"):
            self.fields[name].required = False
        self.fields["infrastructure_kind"].choices = [("", _("— bukan infrastruktur —")),
                                                      *self.fields["infrastructure_kind"].choices[1:]]

    def rebase_kwargs(self):
        return {"masterplan": self.masterplan}

    def clean(self):
        cleaned = super().clean()
        for field, message in year_errors(self.masterplan, cleaned.get("start_year"),
                                          cleaned.get("end_year"), cleaned.get("start_quarter"),
                                          cleaned.get("end_quarter")).items():
            if field not in self.errors:
                self.add_error(field, message)
        if "category" in cleaned:
            message = infrastructure_error(cleaned.get("category"), cleaned.get("infrastructure_kind"))
            if message:
                self.add_error("infrastructure_kind", message)
        message = lead_also_supporting_error(cleaned.get("lead_opd"),
                                             list(cleaned.get("supporting_opds") or []))
        if message:
            self.add_error("supporting_opds", message)
        return cleaned

    # Partners, KPIs and financing are part of what the editor saw: a concurrent change of them
    # is listed in the conflict like a change of a field.
    # ProgramEditor signs {"summary": related_summary, "rows": the rows as loaded} into it.
    def loaded_related(self):
        try:
            loaded = signing.loads(self.data.get(self.add_prefix("related_snapshot"), ""),
                                   salt=_RELATED_SALT)
        except signing.BadSignature:
            return {}
        return loaded if isinstance(loaded, dict) and "summary" in loaded else {}

    def conflict_changes(self, current):
        changes = super().conflict_changes(current)
        seen = self.loaded_related().get("summary", {})
        now = related_summary(current)
        for label in [*seen, *(label for label in now if label not in seen)]:
            before, after = seen.get(label, ""), now.get(label, "")
            if before != after:
                changes.append(FieldChange(label, before, after))
        return changes

    def related_changed_by_others(self, current):
        return self.loaded_related().get("summary") != related_summary(current)

    def rebased(self, conflict, related=None, related_snapshot=None):
        if related_snapshot is not None:
            self.data = self.data.copy()
            self.data[self.add_prefix("related_snapshot")] = related_snapshot
        return super().rebased(conflict, related=related)

    # For the template: checkbox groups.
    def _chosen(self, name):
        return {str(getattr(value, "pk", value)) for value in (self[name].value() or [])}

    def _groups(self, name, key):
        chosen = self._chosen(name)
        groups = {}
        for obj in self.fields[name].queryset:
            groups.setdefault(key(obj), []).append((obj, str(obj.pk) in chosen))
        return [(title, items, any(checked for _obj, checked in items))
                for title, items in groups.items()]

    def sasaran_groups(self):
        return self._groups("sasaran", lambda sasaran: sasaran.dimension.title)

    def strategy_groups(self):
        return self._groups("strategies", lambda strategy: strategy.worksheet.name)

    def gap_row_groups(self):
        return self._groups("gap_rows", lambda row: str(row.dimension or row.readiness_element))

    def supporting_choices(self):
        chosen = self._chosen("supporting_opds")
        return [(opd, str(opd.pk) in chosen) for opd in self.fields["supporting_opds"].queryset]


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["kind", "name"]
        error_messages = {
            "kind": {"required": gettext_lazy("Pilih jenis mitra."),
                     "invalid_choice": gettext_lazy("Pilih jenis mitra dari daftar.")},
            "name": {"required": gettext_lazy("Tuliskan nama mitranya.")},
        }


def target_field_name(year):
    return f"target_{year}"


class KpiForm(forms.ModelForm):
    """One KPI row of the grid: indicator, unit, direction, baseline and a target per year of
    the masterplan period (years outside the program are refused by ProgramEditor)."""

    class Meta:
        model = ProgramKpi
        fields = ["name", "unit", "direction", "baseline_value"]
        widgets = {"name": forms.TextInput()}
        labels = {"name": gettext_lazy("Indikator kinerja (KPI)")}
        error_messages = {"name": {"required": gettext_lazy("Tuliskan nama indikator KPI ini.")}}

    def __init__(self, *args, years, **kwargs):
        self.years = list(years)
        super().__init__(*args, **kwargs)
        self.fields["baseline_value"] = NumberField(
            label=_("Baseline"), required=False, max_digits=20, decimal_places=4,
            error_messages={"invalid": _("Baseline KPI harus berupa angka, mis. 12,5.")})
        if self.instance.baseline_value is not None:
            self.initial["baseline_value"] = plain_decimal(self.instance.baseline_value)
        current = ({target.year: target.value for target in self.instance.targets.all()}
                   if self.instance.pk else {})
        for year in self.years:
            too_long = _("Target tahun %(year)s terlalu panjang: paling banyak 16 angka sebelum "
                         "koma dan 4 angka di belakang koma.") % {"year": year}
            self.fields[target_field_name(year)] = NumberField(
                label=str(year), required=False, max_digits=20, decimal_places=4,
                initial=plain_decimal(current[year]) if year in current else None,
                error_messages={
                    "invalid": _("Target tahun %(year)s harus berupa angka, mis. 12,5.") % {"year": year},
                    "max_digits": too_long, "max_decimal_places": too_long,
                    "max_whole_digits": too_long})

    def target_fields(self):
        return [self[target_field_name(year)] for year in self.years]

    def targets(self):
        return {year: self.cleaned_data.get(target_field_name(year)) for year in self.years}


class FinancingForm(forms.Form):
    """The years × sources grid of a program's financing, in rupiah."""

    def __init__(self, data=None, *, program, years, prefix="dana"):
        super().__init__(data, prefix=prefix)
        self.years = list(years)
        current = ({(row.year, row.source): row.amount for row in program.financing.all()}
                   if program.pk else {})
        for year in self.years:
            for source, label in FundingSource.choices:
                names = {"year": year, "source": label}
                value = current.get((year, source))
                self.fields[self.field_name(year, source)] = RupiahField(
                    label=_("%(source)s %(year)s") % names, required=False, min_value=0,
                    initial=format_number(value) if value is not None else None,
                    error_messages={
                        "invalid": _("Pembiayaan %(year)s (%(source)s) harus berupa angka "
                                     "rupiah, mis. 1.500.000.000.") % names,
                        "min_value": _("Pembiayaan %(year)s (%(source)s) tidak boleh negatif.")
                        % names,
                        "max_digits": _("Pembiayaan %(year)s (%(source)s) terlalu besar.") % names,
                        "max_whole_digits": _("Pembiayaan %(year)s (%(source)s) terlalu besar.")
                        % names,
                        "max_decimal_places": _("Pembiayaan %(year)s (%(source)s): paling banyak "
                                                "2 angka di belakang koma.") % names})

    @staticmethod
    def field_name(year, source):
        return f"{year}_{source}"

    def amounts(self):
        return {(year, source): self.cleaned_data.get(self.field_name(year, source))
                for year in self.years for source in FundingSource.values}

    def rows(self):
        """[(year, [bound field per source])] for the template."""
        return [(year, [self[self.field_name(year, source)] for source in FundingSource.values])
                for year in self.years]

    def sources(self):
        return FundingSource.choices

    def cell_errors(self):
        return [error for field in self for error in field.errors]


class ProgramEditor:
    """The program page's forms — program, partner rows, KPI grid, financing grid — validated
    together and saved in one transaction under the program's version."""

    def __init__(self, masterplan, data=None, instance=None):
        self.masterplan = masterplan
        instance = instance if instance is not None else Program(masterplan=masterplan)
        self.years = list(masterplan.years)
        self.form = ProgramForm(data, instance=instance, masterplan=masterplan)
        existing = instance.pk is not None
        partner_formset = inlineformset_factory(
            Program, Partner, form=PartnerForm, extra=1 if existing else 2, can_delete=True)
        self.partners = partner_formset(data, instance=instance, prefix="mitra",
                                        queryset=Partner.objects.filter(program=instance)
                                        if existing else Partner.objects.none())
        kpi_formset = inlineformset_factory(
            Program, ProgramKpi, form=KpiForm, extra=1 if existing else 2, can_delete=True)
        kpis = (ProgramKpi.objects.filter(program=instance).order_by("position", "pk")
                .prefetch_related("targets") if existing else ProgramKpi.objects.none())
        self.kpis = kpi_formset(data, instance=instance, prefix="kpi", queryset=kpis,
                                form_kwargs={"years": self.years})
        self.financing = FinancingForm(data, program=instance, years=self.years)
        if existing and data is None:
            self.form.initial["related_snapshot"] = self.signed_related()

    def related_forms(self):
        return [self.partners.management_form, *self.partners.forms,
                self.kpis.management_form, *self.kpis.forms, self.financing]

    def signed_related(self):
        """The partners, KPIs and financing as loaded: a summary to list a concurrent change,
        and the rows as posted, to tell whether the editor changed them."""
        return _sign({"summary": related_summary(self.program),
                      "rows": rows_values(self.related_forms())})

    @property
    def program(self):
        return self.form.instance

    def _kpi_forms(self):
        """KPI rows that will be saved (not blank extra rows, not rows marked for deletion)."""
        for form in self.kpis.forms:
            if form.instance.pk is None and not form.has_changed():
                continue
            if self.kpis._should_delete_form(form):
                continue
            yield form

    def is_valid(self):
        """All forms valid and no KPI target or financing outside the program's years (checked
        whenever the years themselves are valid, so every message shows at once)."""
        if self.form.keeps_theirs():  # after a conflict: the other person's rows stay
            return self.form.is_valid()
        valid = all([self.form.is_valid(), self.partners.is_valid(), self.kpis.is_valid(),
                     self.financing.is_valid()])
        start, end = (self.form.cleaned_data.get(name) for name in ("start_year", "end_year"))
        if start is None or end is None or {"start_year", "end_year"} & set(self.form.errors):
            return False
        names = {"program_years": program_years_text(start, end)}
        for form in self._kpi_forms():
            for year, value in form.targets().items():
                if value is not None and outside_program(year, start, end):
                    form.add_error(target_field_name(year), _(
                        "Target tahun %(year)s di luar masa program (%(program_years)s); "
                        "kosongkan atau ubah tahun program.") % {**names, "year": year})
                    valid = False
        for (year, source), value in self.financing.amounts().items():
            if value is not None and outside_program(year, start, end):
                self.financing.add_error(FinancingForm.field_name(year, source), _(
                    "Pembiayaan %(year)s (%(source)s) di luar masa program (%(program_years)s); "
                    "kosongkan atau ubah tahun program.")
                    % {**names, "year": year, "source": FundingSource(source).label})
                valid = False
        return valid

    @property
    def has_errors(self):
        return bool(self.form.errors or self.partners.total_error_count() or
                    any(form.errors for form in self.kpis.forms) or
                    self.kpis.non_form_errors() or self.financing.errors)

    def save(self, user):
        """Save everything in one transaction; VersionConflict or ValidationError: nothing saved."""
        program = self.form.instance
        was_new, seen_version = program.pk is None, program.version
        if was_new:
            program.masterplan = self.masterplan
            program.position = ordered.next_position(Program.objects.filter(
                masterplan=self.masterplan, element=self.form.cleaned_data["element"]))
        keep_theirs = self.form.keeps_theirs()  # the other person's rows, after a conflict
        kpi_forms = [] if keep_theirs else list(self._kpi_forms())
        amounts = {} if keep_theirs else self.financing.amounts()

        def save_related(saved):
            check_program(saved)
            if not keep_theirs:
                self.partners.instance = saved
                self.partners.save()
                self._save_kpis(saved, kpi_forms, user)
                set_financing(saved, amounts)
            if saved.is_quick_win:
                QuickWin.objects.get_or_create(program=saved)

        try:
            return save_versioned(self.form, user, save_related=save_related)
        except ValidationError:
            if was_new:
                program.pk = None
                program._state.adding = True
            program.version = seen_version
            raise

    def _save_kpis(self, program, kpi_forms, user):
        for form in self.kpis.forms:
            if form.instance.pk is not None and self.kpis._should_delete_form(form):
                form.instance.delete()
        for position, form in enumerate(kpi_forms):
            kpi = form.save(commit=False)
            kpi.program = program
            changed = form.has_changed() or kpi.position != position or kpi.pk is None
            kpi.position = position
            if changed:
                if kpi.pk is not None:
                    kpi.version += 1
                kpi.updated_by = user
                kpi.save()
            set_kpi_targets(kpi, form.targets())

    def related_input_changed(self):
        """Do the posted partner, KPI and financing rows differ from the stored ones?"""
        return self.partners.has_changed() or self.kpis.has_changed() or \
            self.financing.has_changed()

    def rebased(self, conflict):
        """The merged input on the current version. Partners, KPIs and financing are merged as
        one block: changed by the other person only -> theirs are shown; changed by both (to
        something else) -> the editor must choose; changed by the editor only -> kept."""
        current = conflict.current
        theirs = ProgramEditor(self.masterplan, instance=current)
        related = None
        if self.form.related_changed_by_others(current):
            mine_changed = rows_input_changed(self.related_forms(),
                                              self.form.loaded_related().get("rows"))
            if not mine_changed:  # show theirs: the rows of the current program, unbound
                self.partners, self.kpis, self.financing = \
                    theirs.partners, theirs.kpis, theirs.financing
            elif self.partners.has_changed() or self.kpis.has_changed() or \
                    self.financing.has_changed():
                related = (_("Mitra, KPI dan pembiayaan"),
                           _("tabel mitra, KPI dan pembiayaan di halaman ini"),
                           "; ".join(f"{label}: {value}" for label, value
                                     in related_summary(current).items()))
        self.form = self.form.rebased(conflict, related=related,
                                      related_snapshot=theirs.signed_related())
        return self


def delete_program(program, seen_version):
    """Delete a program (KPIs, targets, financing, partners, quick win and monitoring records go
    with it) if it is still at `seen_version`; swot.rows.RowChanged otherwise."""
    return ordered.delete_versioned(program, seen_version, program.name)


# --- quick wins ---------------------------------------------------------------------------------

class QuickWinForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = QuickWin
        fields = [*QUICK_WIN_FIELDS, "status"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in QUICK_WIN_FIELDS}
        help_texts = {
            "why": gettext_lazy("Masalah atau alasan program ini dipilih sebagai quick win."),
            "what": gettext_lazy("Apa yang akan dihasilkan."),
            "how": gettext_lazy("Bagaimana program dilaksanakan."),
            "when": gettext_lazy("Kapan dilaksanakan dan selesai."),
            "where": gettext_lazy("Lokasi atau unit tempat program berjalan."),
            "who": gettext_lazy("Siapa yang bertanggung jawab dan terlibat."),
            "impact_analysis": gettext_lazy("Analisis dampak bagi daerah dan masyarakat."),
        }


def quick_win_of(program):
    """The program's QuickWin row, created when missing (only for flagged programs)."""
    if not program.is_quick_win:
        raise ValidationError(_("Program “%(program)s” tidak ditandai quick win; tandai dulu di "
                                "formulir program.") % {"program": program.name})
    return QuickWin.objects.get_or_create(program=program)[0]


def save_quick_win(form, user):
    """Save a quick win's answers and status; refused (ValidationError) unless its program is
    flagged quick win, VersionConflict if someone changed it meanwhile."""
    with transaction.atomic():
        program = Program.objects.select_for_update().get(pk=form.instance.program_id)
        if not program.is_quick_win:
            raise ValidationError(_("Program “%(program)s” tidak ditandai quick win; jawaban "
                                    "tidak disimpan.") % {"program": program.name})
        return save_versioned(form, user)
