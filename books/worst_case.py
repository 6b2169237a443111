"""The worst case a render must survive: every typed text of a masterplan at its maximum length
(masterplan/text_limits.py), written as one unbroken word. Used by the test that renders it and
by `bench_books --worst-case`."""

from django.apps import apps

from masterplan.text_limits import LIMITS


def rows_of(model, masterplan):
    """The rows of `model` that belong to `masterplan` (through the model's REGION_FIELD)."""
    path = model.REGION_FIELD.removesuffix("__region")
    assert path.endswith("masterplan"), f"{model.__name__}: {model.REGION_FIELD}"
    return model.objects.filter(**{path: masterplan})


def longest_word(length):
    """`length` letters without a space or any other break opportunity."""
    return ("Pemerintahan" * (length // 12 + 1))[:length]


def fill_longest(masterplan, rows=None):
    """Write the longest allowed unbroken text into every limited field of every row of
    `masterplan` (or of its first `rows` rows of each model); answers {"app.Model.field": rows
    written}."""
    written = {}
    for key, maximum in LIMITS.items():
        app_label, model_name, field = key.split(".")
        model = apps.get_model(app_label, model_name)
        chosen = rows_of(model, masterplan)
        if rows is not None:
            chosen = model.objects.filter(pk__in=list(chosen.order_by("pk").values_list("pk", flat=True)[:rows]))
        written[key] = chosen.update(**{field: longest_word(maximum)})
    return written
