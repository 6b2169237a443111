"""Numbers and rupiah as Indonesians write them, read and shown one way in pages and workbooks.

Reading ("1.234,5" is 1234,5 everywhere):
* a comma is the decimal separator and dots group thousands: "12,5", "1.250,75";
* without a comma, dots in groups of three are thousands: "1.250" and "1.500.000" are whole
  numbers; any other dot is a decimal point ("12.5", "0.125"), as a spreadsheet in an English
  locale writes it;
* spaces (also non-breaking) are ignored; rupiah may start with "Rp" or "Rp.".

Showing: "1.234,5" (no trailing zeros), "Rp 1.500.000" (",50" only for cents) and, where a
fixed count of decimals is wanted (an index "72,5", a chart label), rounded half up ("0,25" with
one decimal is "0,3").
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format

_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(\.\d{3})+")
_DECIMAL_TEXT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def normalise(text):
    """`text` written the Indonesian way, as a string Decimal() reads (not checked further)."""
    text = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if "," in text:
        return text.replace(".", "").replace(",", ".", 1)
    if _GROUPED.fullmatch(text):
        return text.replace(".", "")
    return text


def strip_rupiah(text):
    """`text` without a leading "Rp" / "Rp." (any case)."""
    text = str(text).strip()
    if text[:2].lower() == "rp":
        text = text[2:].lstrip(". ")
    return text


def parse_number(text):
    """The Decimal `text` writes, or None when it is not a plain finite number."""
    normal = normalise(text)
    if not _DECIMAL_TEXT.fullmatch(normal):
        return None
    try:
        number = Decimal(normal)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_rupiah(text):
    """An amount such as "Rp 1.500.000.000" or "2.500.000,50" as a Decimal, or None."""
    return parse_number(strip_rupiah(text))


def plain_decimal(value):
    """Decimal without trailing zeros or exponent: 14.6000 -> 14.6, 5.12E+11 -> 512000000000."""
    return Decimal(format(Decimal(value).normalize(), "f"))


def format_number(value, empty=""):
    """"1.234,5": grouped thousands, decimal comma, no trailing zeros; `empty` for None/""."""
    if value is None or value == "":
        return empty
    return number_format(plain_decimal(value), use_l10n=True, force_grouping=True)


def format_decimal(value, places, empty=""):
    """`value` rounded half up to `places` decimals, every one shown: (72.45, 1) -> "72,5",
    (100, 1) -> "100,0", (1234.5, 0) -> "1.235"; `empty` for None/"". A float is read as it
    prints (72.45, not its binary neighbour 72.4499...)."""
    if value is None or value == "":
        return empty
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if not rounded:
        rounded = abs(rounded)  # no "-0,0"
    return number_format(rounded, decimal_pos=places, use_l10n=True, force_grouping=True)


def format_amount(value, empty=""):
    """An amount in rupiah without the "Rp": "1.500.000" (",50" only when there are cents, and
    then always two); `empty` for None/""."""
    if value is None or value == "":
        return empty
    amount = Decimal(value)
    places = 0 if amount == amount.to_integral_value() else 2
    return number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)


def format_quantity(value, unit="", empty=""):
    """A number with its unit: "14,6%" (a percentage has no space before "%"), "1.250 mahasiswa"
    (a non-breaking space, so the unit never starts a line); `empty` for None/""."""
    if value is None or value == "":
        return empty
    unit = (unit or "").strip()
    if unit in ("%", "persen"):
        return f"{format_number(value)}%"
    return f"{format_number(value)}\u00a0{unit}" if unit else format_number(value)


def format_rupiah(value, empty=""):
    """"Rp 1.500.000" (",50" only when there are cents); `empty` for None/""."""
    if value is None or value == "":
        return empty
    return f"Rp {format_amount(value)}"


class NumberField(forms.DecimalField):
    """A decimal typed the Indonesian way (see the module), shown with a decimal comma. Text is
    read by parse_number, as the workbook reads a cell: what it refuses ("1e5", "NaN", "1,2,3")
    is refused here with the field's "invalid" message.

    Every message it raises is %-formatted with params, "invalid" included (Django's
    DecimalField formats it only for NaN and Infinity), so its messages follow one rule: written
    as %-templates, names put in through masterplan.form_messages.escape_percent."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)
        self.widget.is_localized = True

    def parse(self, text):
        """The Decimal `text` writes, or None."""
        return parse_number(text)

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            number = self.parse(value)
            if number is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid",
                                      params={"value": value})
            return number
        try:
            return super().to_python(value)
        except ValidationError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid",
                                  params={"value": value}) from error


class RupiahField(NumberField):
    """An amount in rupiah; accepts a leading "Rp"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def parse(self, text):
        return parse_rupiah(text)
