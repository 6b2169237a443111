
from django import forms
from django.utils.translation import gettext_lazy as _

from masterplan.editing import VersionedFormMixin, sign_base
from masterplan.numbers import NumberField, plain_decimal

from .models import BenchmarkScope, Interpretation, OutlookAnalysis, PerformanceAssessment, ReadinessEntry

JUDGEMENT_CHOICES = [*Interpretation.choices, ("", _("Belum dinilai"))]


class EntryForm(VersionedFormMixin, forms.ModelForm):
    """One row of a readiness table; prefixed by the entry id so many rows share a page."""

    interpretation = forms.ChoiceField(label=_("Interpretasi"), choices=JUDGEMENT_CHOICES,
                                       required=False, widget=forms.RadioSelect)

    class Meta:
        model = ReadinessEntry
        fields = ["value_text", "value_number", "value_unit", "interpretation", "source",
                  "source_year", "note"]
        widgets = {
            "value_text": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"value_number": NumberField}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", f"e{kwargs['instance'].pk}")
        super().__init__(*args, **kwargs)
        if self.instance.value_number is not None:
            self.initial["value_number"] = plain_decimal(self.instance.value_number)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("value_number") is None and cleaned.get("value_unit"):
            self.add_error("value_unit", _("Satuan hanya diisi bersama angkanya."))
        return cleaned


class ExtraComponentForm(forms.Form):
    text = forms.CharField(label=_("Komponen tambahan"), max_length=300)


class PerformanceForm(VersionedFormMixin, forms.ModelForm):
    rating = forms.ChoiceField(label=_("Penilaian"), choices=JUDGEMENT_CHOICES, required=False,
                               widget=forms.RadioSelect)

    class Meta:
        model = PerformanceAssessment
        fields = ["rating", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", f"p{kwargs['instance'].pk}")
        super().__init__(*args, **kwargs)


class OutlookForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = OutlookAnalysis
        fields = list(OutlookAnalysis.NARRATIVE_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in OutlookAnalysis.NARRATIVE_FIELDS}


class CompetitivenessForm(forms.Form):
    """The whole competitiveness table in one form: benchmark cities (columns), indicators (rows)
    and their cells. Blank rows at the end add a city or an indicator; `hapus` removes one."""

    BLANK_ROWS = 2

    version = forms.IntegerField(widget=forms.HiddenInput)
    snapshot = forms.CharField(widget=forms.HiddenInput, required=False)  # the merge base

    def __init__(self, *args, cities, indicators, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["snapshot"] = lambda: sign_base(self)
        self.cities = list(cities)
        self.indicators = list(indicators)
        self.city_keys = [str(city.pk) for city in self.cities] + [
            f"new{n}" for n in range(self.BLANK_ROWS)]
        self.indicator_keys = [str(ind.pk) for ind in self.indicators] + [
            f"new{n}" for n in range(self.BLANK_ROWS)]
        self.columns = ["own"] + [str(city.pk) for city in self.cities]
        for key, city in zip(self.city_keys, self.cities + [None] * self.BLANK_ROWS, strict=True):
            self.fields[f"city-{key}-name"] = forms.CharField(
                label=_("Kota pembanding"), max_length=120, required=False,
                initial=city.name if city else "")
            self.fields[f"city-{key}-scope"] = forms.ChoiceField(
                label=_("Lingkup"), choices=BenchmarkScope.choices, required=False,
                initial=city.scope if city else BenchmarkScope.NASIONAL)
            if city:
                self.fields[f"city-{key}-delete"] = forms.BooleanField(label=_("Hapus"),
                                                                       required=False)
        for key, indicator in zip(self.indicator_keys, self.indicators + [None] * self.BLANK_ROWS,
                                  strict=True):
            self.fields[f"ind-{key}-name"] = forms.CharField(
                label=_("Indikator"), max_length=200, required=False,
                initial=indicator.name if indicator else "")
            self.fields[f"ind-{key}-unit"] = forms.CharField(
                label=_("Satuan"), max_length=40, required=False,
                initial=indicator.unit if indicator else "")
            if indicator:
                self.fields[f"ind-{key}-delete"] = forms.BooleanField(label=_("Hapus"),
                                                                      required=False)
            for column in self.columns:
                cell = cells.get((indicator.pk if indicator else None, column))
                self.fields[f"cell-{key}-{column}-value"] = NumberField(
                    label=_("Nilai"), max_digits=20, decimal_places=4, required=False,
                    initial=plain_decimal(cell.value) if cell and cell.value is not None else None)
                self.fields[f"cell-{key}-{column}-year"] = forms.IntegerField(
                    label=_("Tahun"), min_value=1945, max_value=2100, required=False,
                    initial=cell.year if cell else None)

    def clean(self):
        cleaned = super().clean()
        self._check_unique("city", self.city_keys, _("Kota pembanding “%(name)s” tercantum dua kali."))
        self._check_unique("ind", self.indicator_keys, _("Indikator “%(name)s” tercantum dua kali."))
        for key in self.indicator_keys:
            name = (cleaned.get(f"ind-{key}-name") or "").strip()
            has_cells = any(cleaned.get(f"cell-{key}-{column}-{part}") is not None
                            for column in self.columns for part in ("value", "year"))
            if has_cells and not name and key.startswith("new"):
                self.add_error(f"ind-{key}-name", _("Beri nama indikator untuk nilai-nilai ini."))
            if not name and not key.startswith("new") and not cleaned.get(f"ind-{key}-delete"):
                self.add_error(f"ind-{key}-name", _("Nama indikator tidak boleh kosong; "
                                                    "centang Hapus untuk menghapusnya."))
        for key in self.city_keys:
            name = (cleaned.get(f"city-{key}-name") or "").strip()
            if not name and not key.startswith("new") and not cleaned.get(f"city-{key}-delete"):
                self.add_error(f"city-{key}-name", _("Nama kota tidak boleh kosong; centang "
                                                     "Hapus untuk menghapusnya."))
        return cleaned

    def _check_unique(self, kind, keys, message):
        seen = set()
        for key in keys:
            name = (self.cleaned_data.get(f"{kind}-{key}-name") or "").strip()
            if not name or self.cleaned_data.get(f"{kind}-{key}-delete"):
                continue
            if name.lower() in seen:
                self.add_error(f"{kind}-{key}-name", message % {"name": name})
            seen.add(name.lower())

    def merge_label(self, name):
        """A field named for a person: the row (and column) it belongs to."""
        kind, key, *rest = name.split("-")
        names = {"city": {str(city.pk): city.name for city in self.cities},
                 "ind": {str(ind.pk): ind.name for ind in self.indicators},
                 "cell": {str(ind.pk): ind.name for ind in self.indicators}}
        row = names.get(kind, {}).get(key, key)
        label = str(self.fields[name].label)
        if kind == "cell":
            cities = {str(city.pk): city.name for city in self.cities}
            column = cities.get(rest[0], _("daerah sendiri"))
            return f"{row} — {column} ({label.lower()})"
        return f"{label} “{row}”"

    # Row helpers for the template.
    def city_rows(self):
        return [(self[f"city-{key}-name"], self[f"city-{key}-scope"],
                 self[f"city-{key}-delete"] if f"city-{key}-delete" in self.fields else None)
                for key in self.city_keys]

    def indicator_rows(self):
        rows = []
        for key in self.indicator_keys:
            cells = [(self[f"cell-{key}-{column}-value"], self[f"cell-{key}-{column}-year"])
                     for column in self.columns]
            delete = self[f"ind-{key}-delete"] if f"ind-{key}-delete" in self.fields else None
            rows.append((self[f"ind-{key}-name"], self[f"ind-{key}-unit"], delete, cells))
        return rows
