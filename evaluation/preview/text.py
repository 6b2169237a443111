"""How the score preview writes its numbers in its lines (masterplan/numbers.py): an index with
one decimal ("68,5"), a percentage with at most one ("64%", "64,5%"), a count grouped ("1.250")."""

from decimal import ROUND_HALF_UP, Decimal

from masterplan import numbers

TENTH = Decimal("0.1")


def index_text(value, empty="–"):
    return numbers.format_decimal(value, 1, empty=empty)


def percent_text(value, empty="–"):
    """Rounded half up to one decimal, trailing zero dropped: 45.45 → "45,5%", 64 → "64%"."""
    if value is None:
        return empty
    return numbers.format_quantity(Decimal(str(value)).quantize(TENTH, rounding=ROUND_HALF_UP),
                                   "%")


def count_text(value):
    return numbers.format_number(value)
