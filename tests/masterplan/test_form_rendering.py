"""The project's form renderer (masterplan/form_rendering.py): every form, whoever defines it,
shows "— pilih —" for an empty choice where Django would show "---------"."""

import re

import django_filters
import pytest
from django import forms

from masterplan.models import Batch, Membership, Region

pytestmark = pytest.mark.django_db


class MembershipForm(forms.ModelForm):
    """A form as any app writes one: a foreign key and a model field with choices."""

    class Meta:
        model = Membership
        fields = ["region", "role"]


def empty_labels(html):
    return re.findall(r'<option value=""[^>]*>([^<]*)</option>', html)


def test_a_model_forms_foreign_key_and_choices_show_pilih():
    html = MembershipForm().as_p()
    assert empty_labels(html) == ["— pilih —", "— pilih —"]
    assert "---------" not in html


def test_a_label_the_form_chose_is_kept_and_a_required_choice_with_a_value_has_none():
    class ChosenForm(forms.Form):
        batch = forms.ModelChoiceField(Batch.objects.all(), required=False,
                                       empty_label="— semua angkatan —")
        kind = forms.ChoiceField(choices=[("", "— jenis —"), ("a", "A")], required=False)
        region = forms.ModelChoiceField(Region.objects.filter(code="32.73"),
                                        initial=Region.objects.get(code="32.73"))

    form = ChosenForm()
    assert empty_labels(form.as_p()) == ["— semua angkatan —", "— jenis —"]


def test_formsets_and_filter_forms_show_pilih_too():
    formset = forms.formset_factory(MembershipForm, extra=2)()
    assert empty_labels(formset.as_p()) == ["— pilih —"] * 4

    class RegionFilter(django_filters.FilterSet):
        batch = django_filters.ModelChoiceFilter(queryset=Batch.objects.all())
        kind = django_filters.ChoiceFilter(choices=[("kota", "Kota")])

        class Meta:
            model = Region
            fields = ["batch", "kind"]

    assert empty_labels(RegionFilter().form.as_p()) == ["— pilih —", "— pilih —"]


def test_the_choice_still_validates_as_empty():
    form = MembershipForm(data={"region": "", "role": ""})
    form["role"].as_widget()  # rendered first, as a refused form is
    assert not form.is_valid()
    assert set(form.errors) == {"region", "role"}
