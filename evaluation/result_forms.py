"""Forms of the published results (admins): one region's result, and a CSV file of a cycle's
results. Indices are read as the results files read them (results.parse_index: "68,25" and
"68.25" alike), from 0 to the cycle's scale with at most two decimals."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan.form_messages import escape_percent
from masterplan.numbers import NumberField, format_number

from . import results
from .models import COMPONENTS, Component


class IndexField(NumberField):
    def __init__(self, *, scale_max, **kwargs):
        kwargs.setdefault("max_digits", 7)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", scale_max)
        super().__init__(**kwargs)
        self.error_messages.update({
            "max_value": escape_percent(_("Indeks paling tinggi %(max)s, sesuai skala siklus ini.")
                                        % {"max": format_number(scale_max)}),
            "min_value": _("Indeks tidak boleh negatif."),
            "max_decimal_places": _("Paling banyak dua angka desimal."),
            "max_digits": _("Angka terlalu panjang."),
            "max_whole_digits": _("Angka terlalu panjang."),
        })

    def parse(self, text):
        return results.parse_index(text)


class ResultForm(forms.Form):
    """The published result of one region: five component indices, the final index, the six
    dimension indices when the announcement lists them, and where it was published."""

    source = forms.CharField(
        label=gettext_lazy("Sumber"), required=False, max_length=200,
        help_text=gettext_lazy("Mis. nomor surat atau tautan pengumuman Kementerian."))

    def __init__(self, *args, cycle, dimensions, result=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.dimensions = dimensions
        fields = {}
        for component in COMPONENTS:
            fields[component] = IndexField(
                scale_max=cycle.scale_max, label=_("Indeks %(component)s") % {
                    "component": Component(component).label},
                initial=getattr(result, component, None))
        fields[results.FINAL] = IndexField(
            scale_max=cycle.scale_max, label=_("Indeks akhir"),
            initial=getattr(result, results.FINAL, None),
            help_text=_("Sebagaimana diumumkan; dibandingkan dengan jumlah tertimbang kelima "
                        "indeks komponen dengan bobot siklus ini."))
        stored = result.dimensions if result else {}
        for dimension in dimensions:
            fields[f"dimension_{dimension.code}"] = IndexField(
                scale_max=cycle.scale_max, required=False,
                label=_("Indeks %(dimension)s") % {"dimension": dimension.title},
                initial=results.parse_index(stored[dimension.code])
                if dimension.code in stored else None)
        self.fields = {**fields, "source": self.fields["source"]}
        if result is not None:
            self.initial.setdefault("source", result.source)

    def component_fields(self):
        return [self[name] for name in [*COMPONENTS, results.FINAL]]

    def dimension_fields(self):
        return [self[f"dimension_{dimension.code}"] for dimension in self.dimensions]

    def values(self):
        """The values as results.record_result takes them."""
        data = self.cleaned_data
        return {**{name: data[name] for name in [*COMPONENTS, results.FINAL]},
                "dimensions": {dimension.code: data[f"dimension_{dimension.code}"]
                               for dimension in self.dimensions}}


class ResultsFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas CSV hasil resmi"),
        help_text=gettext_lazy(
            "Kolom kode_wilayah, baseline, output, outcome, impact, quick_win, final (wajib) dan "
            "governance, branding, economy, living, society, environment (boleh). Pemisah kolom "
            "titik koma atau koma; desimal dengan koma atau titik (68,25 atau 68.25)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}))
    source = forms.CharField(
        label=gettext_lazy("Sumber"), required=False, max_length=200,
        help_text=gettext_lazy("Mis. nomor surat pengumuman Kementerian."))

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > results.MAX_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar: paling besar %(limit)s KB.")
                                        % {"limit": results.MAX_BYTES // 1024})
        return uploaded
