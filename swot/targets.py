"""Sasaran (targets) per dimension, their success indicators and yearly targets.

Rules:
* a sasaran belongs to one dimension of the masterplan's edition and has the guide's six criteria
  (Specific, Measurable, Appropriate, Relevant, Continuously improved, Cost-effective) ticked by
  the team;
* an indicator has a name, unit, direction (naik: higher is better; turun: lower is better), an
  optional baseline (year and value together; the year no later than the masterplan's first
  year), a data source, a note, and one target per year of the masterplan period, entered in one
  grid (blank = no target for that year);
* the indicator and its targets are saved in one transaction guarded by the indicator's version;
  the target service refuses years outside the period and non-numbers, so nothing is half-saved;
  targets stored for years outside the current period (after the period was changed) are kept and
  left alone;
* warnings (never errors): a sasaran without an indicator; an indicator without a baseline; an
  indicator without a target for the final year; a final-year target on the wrong side of the
  baseline (below it for naik, above it for turun) unless the indicator has a note;
* a sasaran is complete when it has at least one indicator and every indicator has a baseline and
  a final-year target (the dashboard's "Sasaran").
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan import ordering
from masterplan.editing import VersionedFormMixin, save_versioned, write_yearly_values
from masterplan.models import Dimension
from masterplan.numbers import NumberField, format_number, plain_decimal

from .models import Direction, Indicator, IndicatorTarget, Sasaran

NO_INDICATOR = "no_indicator"
NO_BASELINE = "no_baseline"
NO_FINAL_TARGET = "no_final_target"
WRONG_DIRECTION = "wrong_direction"


# --- sasaran -----------------------------------------------------------------------------------

class SasaranForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Sasaran
        fields = ["dimension", "text", *Sasaran.CRITERIA]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        labels = {"text": gettext_lazy("Sasaran")}
        error_messages = {
            "text": {"required": gettext_lazy("Tuliskan sasarannya; sasaran kosong tidak disimpan.")},
            "dimension": {"required": gettext_lazy("Pilih dimensi sasaran ini."),
                          "invalid_choice": gettext_lazy(
                              "Pilih dimensi dari panduan masterplan ini.")},
        }

    def __init__(self, *args, masterplan, **kwargs):
        self.masterplan = masterplan
        super().__init__(*args, **kwargs)
        self.fields["dimension"].queryset = Dimension.objects.filter(
            edition=masterplan.edition_id).order_by("number")
        self.fields["dimension"].empty_label = None

    def rebase_kwargs(self):
        return {"masterplan": self.masterplan}

    def criteria_fields(self):
        return [self[name] for name in Sasaran.CRITERIA]


def dimensions_of(masterplan):
    return list(Dimension.objects.filter(edition=masterplan.edition_id).order_by("number"))


def sasaran_of(masterplan):
    return (Sasaran.objects.filter(masterplan=masterplan).select_related("dimension")
            .order_by("dimension__number", "position", "pk"))


def save_sasaran(form, user):
    """Create (at the end of its dimension) or update a sasaran; VersionConflict if stale."""
    if form.instance.pk is None:
        form.instance.masterplan = form.masterplan
        form.instance.position = ordering.next_position(Sasaran.objects.filter(
            masterplan=form.masterplan, dimension=form.cleaned_data["dimension"]))
    return save_versioned(form, user)


def delete_sasaran(sasaran, seen_version):
    return ordering.delete_versioned(sasaran, seen_version, str(sasaran))


# --- indicators and their yearly targets -------------------------------------------------------

def target_field_name(year):
    return f"target_{year}"


class IndicatorForm(VersionedFormMixin, forms.ModelForm):
    """An indicator with its yearly target grid: one localized input per year of the period."""

    class Meta:
        model = Indicator
        fields = ["name", "unit", "direction", "baseline_year", "baseline_value", "data_source",
                  "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2}),
                   "name": forms.TextInput()}
        labels = {"note": gettext_lazy("Catatan (mis. alasan bila target berlawanan arah dari "
                                       "baseline)")}
        error_messages = {"name": {"required": gettext_lazy("Tuliskan nama indikatornya.")}}

    def __init__(self, *args, sasaran, **kwargs):
        self.sasaran = sasaran
        self.masterplan = sasaran.masterplan
        self.years = list(self.masterplan.years)
        super().__init__(*args, **kwargs)
        baseline = self.fields["baseline_value"]
        self.fields["baseline_value"] = NumberField(
            label=baseline.label, required=False, max_digits=20, decimal_places=4,
            error_messages={"invalid": _("Nilai baseline harus berupa angka, mis. 12,5.")})
        if self.instance.baseline_value is not None:
            self.initial["baseline_value"] = plain_decimal(self.instance.baseline_value)
        current = self.current_targets(self.instance) if self.instance.pk else {}
        for year in self.years:
            message = _("Target tahun %(year)s harus berupa angka, mis. 12,5.") % {"year": year}
            too_long = _("Target tahun %(year)s terlalu panjang: paling banyak 16 angka sebelum "
                         "koma dan 4 angka di belakang koma.") % {"year": year}
            self.fields[target_field_name(year)] = NumberField(
                label=str(year), required=False, max_digits=20, decimal_places=4,
                initial=plain_decimal(current[year]) if year in current else None,
                error_messages={"invalid": message, "max_digits": too_long,
                                "max_decimal_places": too_long, "max_whole_digits": too_long})

    @staticmethod
    def current_targets(indicator):
        return {target.year: target.value for target in indicator.targets.all()}

    def rebase_kwargs(self):
        return {"sasaran": self.sasaran}

    def target_fields(self):
        return [self[target_field_name(year)] for year in self.years]

    def targets(self):
        """{year: Decimal or None} from the cleaned grid."""
        return {year: self.cleaned_data.get(target_field_name(year)) for year in self.years}

    def clean(self):
        cleaned = super().clean()
        year, value = cleaned.get("baseline_year"), cleaned.get("baseline_value")
        if value is not None and year is None and "baseline_year" not in self.errors:
            self.add_error("baseline_year", _("Isi tahun baseline bersama nilainya."))
        if year is not None and value is None and "baseline_value" not in self.errors:
            self.add_error("baseline_value", _("Isi nilai baseline bersama tahunnya."))
        if year is not None and year > self.masterplan.start_year:
            self.add_error("baseline_year", _(
                "Tahun baseline paling lambat %(year)s, tahun pertama masterplan.")
                % {"year": self.masterplan.start_year})
        return cleaned

    # The yearly targets are part of what the editor saw: merged after a conflict like fields.
    def extra_merge_fields(self):
        return [target_field_name(year) for year in self.years]

    def merge_label(self, name):
        if name.startswith("target_"):
            return _("Target %(year)s") % {"year": name.removeprefix("target_")}
        return super().merge_label(name)


def save_targets(indicator, targets):
    """Set an indicator's targets for years of its masterplan's period: {year: Decimal or None}
    (None removes the year's target). Years outside the period, non-numbers and numbers too long
    for the column are refused with a ValidationError before anything is written."""
    masterplan = indicator.sasaran.masterplan
    period = set(masterplan.years)
    outside = sorted(year for year in targets if year not in period)
    if outside:
        raise ValidationError(
            _("Tahun %(years)s di luar periode masterplan %(start)s–%(end)s; target tidak disimpan.")
            % {"years": ", ".join(str(year) for year in outside), "start": masterplan.start_year,
               "end": masterplan.end_year})
    field = IndicatorTarget._meta.get_field("value")
    clean = {}
    for year, value in targets.items():
        if value is None:
            clean[year] = None
            continue
        try:
            value = Decimal(value) if not isinstance(value, Decimal) else value
            if not value.is_finite():
                raise InvalidOperation
            clean[year] = field.clean(value, None)
        except (InvalidOperation, TypeError, ValueError, ValidationError):
            raise ValidationError(_("Target tahun %(year)s harus berupa angka.")
                                  % {"year": year}) from None
    write_yearly_values(IndicatorTarget.objects, clean, indicator=indicator)


def save_indicator(form, user):
    """Create or update an indicator with its yearly targets in ONE transaction, guarded by the
    indicator's version (VersionConflict: nothing saved)."""
    if form.instance.pk is None:
        form.instance.sasaran = form.sasaran
        form.instance.position = ordering.next_position(Indicator.objects.filter(sasaran=form.sasaran))
    targets = form.targets()
    return save_versioned(form, user, save_related=lambda indicator: save_targets(indicator, targets))


def delete_indicator(indicator, seen_version):
    return ordering.delete_versioned(indicator, seen_version, str(indicator))


def indicators_of(sasaran):
    return (Indicator.objects.filter(sasaran=sasaran).order_by("position", "pk")
            .prefetch_related("targets"))


# --- warnings ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class TargetWarning:
    kind: str
    sasaran: Sasaran
    indicator: Indicator | None
    message: str

    @property
    def obj(self):
        """The object the warning concerns: the indicator, or the sasaran without one."""
        return self.indicator or self.sasaran


def wrong_direction(direction, baseline, final):
    if baseline is None or final is None:
        return False
    return final < baseline if direction == Direction.UP else final > baseline


def warnings(masterplan, sasaran_id=None):
    """[TargetWarning] of a masterplan (or of one sasaran), in three queries however many sasaran."""
    end = masterplan.end_year
    sasaran_qs = Sasaran.objects.filter(masterplan=masterplan).select_related("dimension")
    if sasaran_id is not None:
        sasaran_qs = sasaran_qs.filter(pk=sasaran_id)
    sasaran_list = list(sasaran_qs.order_by("dimension__number", "position", "pk"))
    by_sasaran = defaultdict(list)
    for indicator in Indicator.objects.filter(sasaran__in=sasaran_list).order_by("position", "pk"):
        by_sasaran[indicator.sasaran_id].append(indicator)
    finals = dict(IndicatorTarget.objects.filter(indicator__sasaran__in=sasaran_list, year=end)
                  .values_list("indicator_id", "value"))
    result = []
    for sasaran in sasaran_list:
        indicators = by_sasaran[sasaran.pk]
        if not indicators:
            result.append(TargetWarning(NO_INDICATOR, sasaran, None, _(
                "Sasaran “%(sasaran)s” (%(dimension)s) belum memiliki indikator.")
                % {"sasaran": sasaran, "dimension": sasaran.dimension.title}))
        for indicator in indicators:
            indicator.sasaran = sasaran
            names = {"indicator": indicator.name, "end": end}
            if indicator.baseline_value is None:
                result.append(TargetWarning(NO_BASELINE, sasaran, indicator, _(
                    "Indikator “%(indicator)s” belum memiliki baseline.") % names))
            final = finals.get(indicator.pk)
            if final is None:
                result.append(TargetWarning(NO_FINAL_TARGET, sasaran, indicator, _(
                    "Indikator “%(indicator)s” belum memiliki target tahun akhir (%(end)s).")
                    % names))
            elif wrong_direction(indicator.direction, indicator.baseline_value, final) \
                    and not indicator.note.strip():
                names.update(final=format_number(final),
                             baseline=format_number(indicator.baseline_value))
                message = (_("Target %(end)s indikator “%(indicator)s” (%(final)s) lebih rendah "
                             "dari baseline (%(baseline)s), padahal makin tinggi makin baik. "
                             "Beri catatan bila memang disengaja.")
                           if indicator.direction == Direction.UP else
                           _("Target %(end)s indikator “%(indicator)s” (%(final)s) lebih tinggi "
                             "dari baseline (%(baseline)s), padahal makin rendah makin baik. "
                             "Beri catatan bila memang disengaja.")) % names
                result.append(TargetWarning(WRONG_DIRECTION, sasaran, indicator, message))
    return result


# --- completeness ------------------------------------------------------------------------------

def completeness(masterplans):
    """{masterplan id: {dimension id: (complete sasaran, sasaran)}} in three queries.

    A sasaran is complete with at least one indicator, each with a baseline and a target for the
    final year of its masterplan's period."""
    masterplans = list(masterplans)
    result = {mp.pk: defaultdict(lambda: [0, 0]) for mp in masterplans}
    sasaran = list(Sasaran.objects.filter(masterplan__in=masterplans)
                   .values_list("pk", "masterplan_id", "dimension_id").order_by())
    final_year = (F("indicator__sasaran__masterplan__start_year")
                  + F("indicator__sasaran__masterplan__period_years") - 1)
    with_final = set(IndicatorTarget.objects.filter(
        indicator__sasaran__masterplan__in=masterplans, year=final_year)
        .values_list("indicator_id", flat=True))
    indicators = defaultdict(list)
    for pk, sasaran_id, baseline in (Indicator.objects.filter(sasaran__masterplan__in=masterplans)
                                     .values_list("pk", "sasaran_id", "baseline_value").order_by()):
        indicators[sasaran_id].append(baseline is not None and pk in with_final)
    for pk, masterplan_id, dimension_id in sasaran:
        cell = result[masterplan_id][dimension_id]
        cell[1] += 1
        if indicators[pk] and all(indicators[pk]):
            cell[0] += 1
    return {pk: {dimension: tuple(cell) for dimension, cell in cells.items()}
            for pk, cells in result.items()}

