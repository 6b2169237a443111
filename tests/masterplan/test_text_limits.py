"""Every text a region types has a maximum length, from one table, checked by the forms."""

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from masterplan.text_limits import LIMITS, NOT_TYPED
from swot.models import Dimension, Factor, Worksheet, WorksheetKind
from swot.targets import SasaranForm
from swot.worksheet_forms import ItemAddForm

PROJECT_APPS = {"masterplan", "readiness", "swot", "roadmap", "bimtek", "books"}


def text_fields():
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.TextField):
                yield f"{model._meta.app_label}.{model.__name__}.{field.name}", field


def test_every_text_field_is_in_the_table_and_limited_by_it():
    fields = dict(text_fields())
    assert set(fields) == set(LIMITS) | NOT_TYPED
    for key, maximum in LIMITS.items():
        assert fields[key].max_length == maximum, key
        assert fields[key].formfield().max_length == maximum, key


@pytest.mark.django_db
def test_forms_refuse_a_text_over_its_limit_naming_the_limit(world):
    masterplan = world.masterplans["own"]
    dimension = Dimension.objects.filter(edition=masterplan.edition).first()
    with translation.override("id"):
        form = SasaranForm(data={"dimension": dimension.pk, "text": "s" * 501},
                           masterplan=masterplan)
        assert not form.is_valid()
        assert "500" in form.errors["text"][0]
        worksheet = Worksheet.objects.create(masterplan=masterplan, kind=WorksheetKind.TOPIC,
                                             title="Topik")
        form = ItemAddForm(data={"factor": Factor.S, "text": "i" * 1001}, worksheet=worksheet)
        assert not form.is_valid()
        assert "1000" in form.errors["text"][0]
        assert ItemAddForm(data={"factor": Factor.S, "text": "i" * 1000},
                           worksheet=worksheet).is_valid()
