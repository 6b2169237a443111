"""Forms of the SWOT worksheets. They validate with the rules of swot/worksheets.py, which the
services enforce again when saving."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from masterplan.editing import VersionedFormMixin
from readiness.models import ReadinessEntry

from . import worksheets
from .models import Factor, Quadrant, Strategy, SwotItem

EVIDENCE_INVALID = _("Bukti hanya dapat diambil dari analisis kesiapan masterplan ini.")
ITEM_INVALID = _("Butir yang dipilih tidak ada di kertas kerja ini (mungkin sudah dihapus, atau "
                 "milik kertas kerja atau wilayah lain).")
TEXT_REQUIRED = _("Tuliskan uraian butir; butir kosong tidak disimpan.")
STRATEGY_REQUIRED = _("Tuliskan rumusan strategi; strategi kosong tidak disimpan.")


def _evidence_field(masterplan_id):
    return forms.ModelMultipleChoiceField(
        label=_("Bukti dari analisis kesiapan"), required=False,
        queryset=ReadinessEntry.objects.filter(masterplan=masterplan_id),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": EVIDENCE_INVALID, "invalid_pk_value": EVIDENCE_INVALID})


def _items_field(worksheet):
    return forms.ModelMultipleChoiceField(
        label=_("Butir yang dipadukan"), required=False,  # an empty choice gets the quadrant rule's message
        queryset=SwotItem.objects.filter(worksheet=worksheet), widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": ITEM_INVALID, "invalid_pk_value": ITEM_INVALID})


def selected_ids(bound_field):
    """The chosen pks of a multiple-choice field, as strings, bound or not."""
    value = bound_field.value() or []
    return {str(getattr(v, "pk", v)) for v in value}


class ItemAddForm(forms.Form):
    """A new item in one factor box; its auto ids carry the factor so four fit on one page."""

    factor = forms.ChoiceField(choices=Factor.choices, widget=forms.HiddenInput, error_messages={
        "invalid_choice": _("Faktor SWOT tidak dikenal."), "required": _("Faktor SWOT tidak dikenal.")})
    text = forms.CharField(label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 2}),
                           max_length=SwotItem._meta.get_field("text").max_length,
                           error_messages={"required": TEXT_REQUIRED})

    def __init__(self, *args, worksheet, factor=None, **kwargs):
        data = args[0] if args else kwargs.get("data")
        self.factor_code = factor or (data or {}).get("factor") or ""
        kwargs.setdefault("auto_id", f"id_butir_{self.factor_code}_%s")
        kwargs.setdefault("initial", {"factor": self.factor_code})
        super().__init__(*args, **kwargs)
        self.worksheet = worksheet
        self.fields["evidence"] = _evidence_field(worksheet.masterplan_id)
        self.slot = ("add", self.factor_code)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("factor") and "text" in cleaned:
            try:
                cleaned["text"] = worksheets.check_item_text(self.worksheet, cleaned["factor"],
                                                             cleaned["text"])
            except ValidationError as error:
                self.add_error("text", error)
        return cleaned


class ItemForm(VersionedFormMixin, forms.ModelForm):
    """Edit an item's text and the readiness components it cites."""

    class Meta:
        model = SwotItem
        fields = ["text", "evidence"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": TEXT_REQUIRED}}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", f"i{kwargs['instance'].pk}")
        super().__init__(*args, **kwargs)
        self.fields["evidence"] = _evidence_field(self.instance.worksheet.masterplan_id)
        self.fields["evidence"].label = _("Bukti")
        self.slot = ("item", self.instance.pk)

    def clean_text(self):
        try:
            return worksheets.check_item_text(self.instance.worksheet, self.instance.factor,
                                              self.cleaned_data["text"],
                                              exclude_pk=self.instance.pk)
        except ValidationError as error:
            raise ValidationError(error.messages) from None


class EvidenceForm(VersionedFormMixin, forms.ModelForm):
    """Choose an item's evidence among all readiness components of the masterplan."""

    class Meta:
        model = SwotItem
        fields = ["evidence"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"] = _evidence_field(self.instance.worksheet.masterplan_id)


class StrategyAddForm(forms.Form):
    """A new strategy of one quadrant, combining items chosen by checkbox."""

    quadrant = forms.ChoiceField(choices=Quadrant.choices, widget=forms.HiddenInput, error_messages={
        "invalid_choice": _("Kuadran strategi tidak dikenal."),
        "required": _("Kuadran strategi tidak dikenal.")})
    text = forms.CharField(label=_("Rumusan strategi"), widget=forms.Textarea(attrs={"rows": 2}),
                           max_length=Strategy._meta.get_field("text").max_length,
                           error_messages={"required": STRATEGY_REQUIRED})

    def __init__(self, *args, worksheet, quadrant=None, **kwargs):
        data = args[0] if args else kwargs.get("data")
        self.quadrant_code = quadrant or (data or {}).get("quadrant") or ""
        kwargs.setdefault("auto_id", f"id_strategi_{self.quadrant_code}_%s")
        kwargs.setdefault("initial", {"quadrant": self.quadrant_code})
        super().__init__(*args, **kwargs)
        self.worksheet = worksheet
        self.fields["items"] = _items_field(worksheet)
        self.slot = ("strategy_add", self.quadrant_code)

    def clean(self):
        cleaned = super().clean()
        quadrant = cleaned.get("quadrant")
        if quadrant and "items" in cleaned:
            for message in worksheets.quadrant_errors(quadrant, cleaned["items"]):
                self.add_error("items", message)
        if quadrant and "text" in cleaned:
            try:
                cleaned["text"] = worksheets.check_strategy_text(self.worksheet, quadrant,
                                                                 cleaned["text"])
            except ValidationError as error:
                self.add_error("text", error)
        return cleaned


class StrategyForm(VersionedFormMixin, forms.ModelForm):
    """Edit a strategy's text and combined items; its quadrant stays."""

    class Meta:
        model = Strategy
        fields = ["text", "items"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": STRATEGY_REQUIRED}}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", f"s{kwargs['instance'].pk}")
        super().__init__(*args, **kwargs)
        self.fields["items"] = _items_field(self.instance.worksheet)
        self.slot = ("strategy", self.instance.pk)

    def clean(self):
        cleaned = super().clean()
        if "items" in cleaned:
            for message in worksheets.quadrant_errors(self.instance.quadrant, cleaned["items"]):
                self.add_error("items", message)
        if "text" in cleaned:
            try:
                cleaned["text"] = worksheets.check_strategy_text(
                    self.instance.worksheet, self.instance.quadrant, cleaned["text"],
                    exclude_pk=self.instance.pk)
            except ValidationError as error:
                self.add_error("text", error)
        return cleaned


class TopicWorksheetForm(forms.Form):
    title = forms.CharField(label=_("Topik kertas kerja baru"), max_length=160,
                            error_messages={"required": _("Tuliskan topik kertas kerja.")})

    def __init__(self, *args, masterplan, **kwargs):
        super().__init__(*args, **kwargs)
        self.masterplan = masterplan

    def clean_title(self):
        try:
            return worksheets.check_topic_title(self.masterplan, self.cleaned_data["title"])
        except ValidationError as error:
            raise ValidationError(error.messages) from None
