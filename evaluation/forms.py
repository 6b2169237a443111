"""Forms of the evaluation: a cycle (admins) and one component's scores across the six
dimensions (the region's self-assessment, the assessor's scores)."""

from decimal import Decimal

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan.form_messages import escape_percent
from masterplan.forms import BatchRegionsForm
from masterplan.models import Batch, Region
from masterplan.numbers import NumberField, format_number

from .models import COMPONENTS, EvaluationCycle

WEIGHT_FIELDS = [f"weight_{component}" for component in COMPONENTS]


class CycleForm(forms.ModelForm):
    """A cycle: the weights must sum to 100; stages end after they start; participants are
    batches and any further regions by code."""

    region_codes = forms.CharField(
        label=gettext_lazy("Wilayah peserta lainnya (kode)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Kode Kemendagri dipisah koma atau baris baru, mis. 32.73, 35.10. "
                               "Wilayah angkatan yang dipilih di atas sudah ikut."))

    class Meta:
        model = EvaluationCycle
        fields = ["year", "stage1_start", "stage1_end", "stage2_start", "stage2_end",
                  *WEIGHT_FIELDS, "scale_max", "survey_min_responses", "batches"]
        field_classes = {name: NumberField for name in [*WEIGHT_FIELDS, "scale_max"]}
        widgets = {name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                   for name in ["stage1_start", "stage1_end", "stage2_start", "stage2_end"]}
        widgets["batches"] = forms.CheckboxSelectMultiple

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["batches"].queryset = Batch.objects.order_by("year", "name")
        if self.instance.pk:
            self.fields["year"].disabled = True
            codes = self.instance.extra_regions.order_by("code").values_list("code", flat=True)
            self.initial["region_codes"] = ", ".join(codes)

    def clean_region_codes(self):
        # The batch page's reading of a list of codes: unknown codes are named.
        reader = BatchRegionsForm({"codes": self.cleaned_data["region_codes"]})
        if not reader.is_valid():
            raise forms.ValidationError(reader.errors["codes"])
        return reader.cleaned_data["codes"]

    def clean(self):
        cleaned = super().clean()
        weights = [cleaned.get(name) for name in WEIGHT_FIELDS]
        if all(weight is not None for weight in weights):
            total = sum(weights, Decimal(0))
            if total != 100:
                raise forms.ValidationError(
                    _("Jumlah kelima bobot harus 100%% (sekarang %(total)s%%).")
                    % {"total": format_number(total)})
        for start, end in (("stage1_start", "stage1_end"), ("stage2_start", "stage2_end")):
            if cleaned.get(start) and cleaned.get(end) and cleaned[end] < cleaned[start]:
                self.add_error(end, _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        if cleaned.get("stage1_end") and cleaned.get("stage2_start") \
                and cleaned["stage2_start"] < cleaned["stage1_end"]:
            self.add_error("stage2_start", _("Tahap II tidak boleh dimulai sebelum tahap I selesai."))
        return cleaned

    def _save_m2m(self):
        # ModelForm.save(commit=False) hands this out as `save_m2m`.
        super()._save_m2m()
        self.instance.extra_regions.set(
            Region.objects.filter(code__in=self.cleaned_data["region_codes"]))


def validate_links(text):
    """One http(s) link per line; the first that is not one is named."""
    links = [line.strip() for line in text.splitlines() if line.strip()]
    check = URLValidator(schemes=["http", "https"])
    for number, link in enumerate(links, start=1):
        try:
            check(link)
        except forms.ValidationError:
            raise forms.ValidationError(
                _("Baris %(number)s bukan tautan yang sah (harus diawali http:// atau https://): "
                  "%(link)s") % {"number": number, "link": link[:80]}) from None
    return "\n".join(links)


class ScoreRowsForm(forms.Form):
    """One component's scores in the six dimensions: a score field and a note per dimension (and
    the evidence links for the self-assessment). Fields are named by the Score row's id."""

    def __init__(self, *args, scores, scale_max, assessor, **kwargs):
        super().__init__(*args, **kwargs)
        self.scores = scores
        self.assessor = assessor
        self.scale_max = scale_max
        prefix = "assessor" if assessor else "self"
        out_of_scale = {
            "max_value": escape_percent(_("Nilai paling tinggi %(max)s, sesuai skala siklus ini.")
                                        % {"max": format_number(scale_max)}),
            "min_value": _("Nilai tidak boleh negatif.")}
        for score in scores:
            dimension = score.dimension.title
            self.fields[f"score_{score.pk}"] = NumberField(
                label=_("Nilai %(dimension)s") % {"dimension": dimension}, required=False,
                max_digits=6, decimal_places=2, min_value=0, max_value=scale_max,
                initial=getattr(score, f"{prefix}_score"), error_messages=out_of_scale)
            self.fields[f"note_{score.pk}"] = forms.CharField(
                label=_("Catatan %(dimension)s") % {"dimension": dimension}, required=False,
                max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                initial=getattr(score, f"{prefix}_note"))
            if not assessor:
                self.fields[f"links_{score.pk}"] = forms.CharField(
                    label=_("Tautan bukti %(dimension)s") % {"dimension": dimension},
                    required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                    initial=score.evidence_links,
                    help_text=_("Satu tautan per baris."))

    def clean(self):
        cleaned = super().clean()
        if not self.assessor:
            for score in self.scores:
                name = f"links_{score.pk}"
                if cleaned.get(name):
                    try:
                        cleaned[name] = validate_links(cleaned[name])
                    except forms.ValidationError as error:
                        self.add_error(name, error)
        return cleaned

    def rows(self):
        """The rows as the service takes them: {score_id: {field: value}}."""
        data = self.cleaned_data
        prefix = "assessor" if self.assessor else "self"
        rows = {}
        for score in self.scores:
            row = {f"{prefix}_score": data[f"score_{score.pk}"],
                   f"{prefix}_note": data[f"note_{score.pk}"]}
            if not self.assessor:
                row["evidence_links"] = data[f"links_{score.pk}"]
            rows[score.pk] = row
        return rows

    def dimension_fields(self):
        """[(score, [bound fields])] for the template's table."""
        names = ("score", "note") if self.assessor else ("score", "note", "links")
        return [(score, [self[f"{name}_{score.pk}"] for name in names]) for score in self.scores]
