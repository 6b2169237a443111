"""The program page's forms: the program, its partner rows, the KPI grid (a target per year),
the financing grid (years x sources) and the quick win's answers."""


from collections import defaultdict

from django import forms
from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan.editing import FieldChange, VersionedFormMixin
from masterplan.numbers import NumberField, RupiahField, format_number, plain_decimal
from swot.gap import strategy_queryset

from .models import Financing, FundingSource, Partner, Program, ProgramKpi, QuickWin
from .opds import opds_of
from .program_rules import (
    QUARTERS,
    QUICK_WIN_FIELDS,
    infrastructure_error,
    lead_also_supporting_error,
    period_text,
    year_errors,
)
from .programs import elements_of, gap_rows_of, readiness_elements_of, sasaran_choices_of

_RELATED_SALT = "roadmap.programs.related"


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


def sign_related(summary_dict):
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
