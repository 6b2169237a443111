"""Which messages of a form field Django %-formats, and whether each is a valid %-template.

Django formats a validation message with `message % params` when the error carries params:
validators always pass them, choice fields pass the refused value with `invalid_choice`, decimal
fields with `invalid` for NaN and Infinity (the project's NumberField always), file fields with
`max_length`. In those messages a literal "%" must be written "%%" (masterplan/form_messages.py).
"""

import re

from django import forms

# What a %-template may hold: "%%" and "%(name)s"-style conversions.
TEMPLATE_PART = re.compile(r"%%|%\([^)]*\)[#0 +\-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def bare_percent(message):
    """True when `message` has a "%" that is neither "%%" nor "%(name)s"."""
    return "%" in TEMPLATE_PART.sub("", str(message))


def formatted_codes(field):
    """Error codes `field` (a form or model field) raises with params."""
    codes = set()
    for validator in field.validators:
        codes |= set(getattr(validator, "messages", {})) or {getattr(validator, "code", None)}
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField) or getattr(field, "choices",
                                                                                None):
        codes.add("invalid_choice")
    if isinstance(field, forms.ModelMultipleChoiceField):
        codes.add("invalid_pk_value")
    if isinstance(field, forms.FileField):
        codes.add("max_length")
    if isinstance(field, forms.DecimalField | forms.JSONField):
        codes.add("invalid")
    if isinstance(field, forms.DurationField):
        codes.add("overflow")
    return codes - {None}


def formatted_messages(field):
    """[(code, message)] of `field` that Django %-formats."""
    found = []
    for validator in field.validators:
        messages = getattr(validator, "messages", None) or {
            getattr(validator, "code", "?"): getattr(validator, "message", "")}
        found += [(code, message) for code, message in messages.items() if message]
    found += [(code, field.error_messages[code]) for code in sorted(formatted_codes(field))
              if code in field.error_messages]
    return found


def unsafe_messages(fields, where):
    """["where.name (code): message"] for every formatted message with a bare "%"."""
    return [f"{where}.{name} ({code}): {message}"
            for name, field in fields.items()
            for code, message in formatted_messages(field) if bare_percent(message)]
