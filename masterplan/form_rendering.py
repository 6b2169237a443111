"""The project's form renderer (settings.FORM_RENDERER): Django's, with one BoundField class for
every form of the project, so what all forms share is decided here once. Django hands the
renderer's `bound_field_class` to every form it renders (formsets, django-filter's and the auth
views' forms included).

The empty choice of a select: Django labels it "---------" (a ModelChoiceField's `empty_label`,
the blank choice of a model field with choices, django-filter's empty label); the project shows
"— pilih —". A label a form chose itself ("— belum ditentukan —", "Semua") is kept.
"""

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

DJANGO_EMPTY_LABEL = BLANK_CHOICE_DASH[0][1]  # "---------"
EMPTY_LABEL = _("— pilih —")


def use_project_empty_label(field):
    """Give `field` (a form's own copy) the project's empty-choice label where it has Django's."""
    if hasattr(field, "empty_label"):  # ModelChoiceField, django-filter's choice fields
        if field.empty_label == DJANGO_EMPTY_LABEL:
            field.empty_label = EMPTY_LABEL
            # A copied widget may iterate the choices of the field it was copied from.
            field.widget.choices = field.choices
        return
    if not isinstance(field, forms.ChoiceField):
        return
    choices = list(field.choices)
    if ("", DJANGO_EMPTY_LABEL) in choices:
        field.choices = [("", EMPTY_LABEL) if choice == ("", DJANGO_EMPTY_LABEL) else choice
                         for choice in choices]


class ProjectBoundField(BoundField):
    def __init__(self, form, field, name):
        use_project_empty_label(field)
        super().__init__(form, field, name)


class FormRenderer(DjangoTemplates):
    bound_field_class = ProjectBoundField
