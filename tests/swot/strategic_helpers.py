"""Helpers for the gap analysis, vision and sasaran tests: objects and form posts as a browser
would send them (localized numbers, unticked boxes left out)."""

from decimal import Decimal

from django.utils.formats import localize_input

from masterplan.models import Dimension
from swot.models import Indicator, IndicatorTarget, Sasaran


def dimension(masterplan, code="governance"):
    return Dimension.objects.get(edition=masterplan.edition_id, code=code)


def make_sasaran(masterplan, code="governance", text="Meningkatnya layanan daring", **fields):
    return Sasaran.objects.create(masterplan=masterplan, dimension=dimension(masterplan, code),
                                  text=text, **fields)


def make_indicator(sasaran, name="Layanan daring", direction="naik", baseline="10",
                   baseline_year=2025, targets=None, note="", **fields):
    indicator = Indicator.objects.create(
        sasaran=sasaran, name=name, direction=direction, note=note,
        baseline_value=Decimal(baseline) if baseline is not None else None,
        baseline_year=baseline_year if baseline is not None else None, **fields)
    for year, value in (targets or {}).items():
        IndicatorTarget.objects.create(indicator=indicator, year=year, value=Decimal(value))
    return indicator


def form_data(form, **values):
    """What the browser posts for an unbound form, with `values` typed over it."""
    data = {}
    for name in form.fields:
        value, key = form[name].value(), form.add_prefix(name)
        if value is False or value is None:
            continue
        if isinstance(value, list | tuple):
            data[key] = [str(getattr(item, "pk", item)) for item in value]
        elif value is True:
            data[key] = "on"
        else:
            data[key] = localize_input(value)
    for key, value in values.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def targets_of(indicator):
    return {year: format(value.normalize(), "f") for year, value in
            IndicatorTarget.objects.filter(indicator=indicator).values_list("year", "value")}
