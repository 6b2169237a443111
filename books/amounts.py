"""Rupiah in the books' tables: full amounts ("Rp 1.500.000") where a cell has room, compact ones
("51,75" under a "Rp miliar" header) where a table has many amount columns."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from masterplan.numbers import format_decimal

# (divisor, header unit), the largest first; a table uses the first whose divisor is at most a
# tenth of its largest amount, so its largest cell has at least two digits before the comma.
UNITS = [(Decimal(10) ** 12, "Rp triliun"), (Decimal(10) ** 9, "Rp miliar"),
         (Decimal(10) ** 6, "Rp juta")]
MAX_PLACES = 2


@dataclass(frozen=True)
class Scale:
    """One unit and one count of decimals for every amount of a table."""

    divisor: Decimal
    unit: str
    places: int

    def format(self, amount):
        """`amount` in this unit ("51,75"); "–" for no amount or zero."""
        if not amount:
            return "–"
        return format_decimal(Decimal(amount) / self.divisor, self.places)


def scale_for(amounts):
    """The Scale that shows `amounts` compactly: the unit from the largest, then the fewest
    decimals (at most two) that show every amount exactly, so a table loses nothing it can keep."""
    amounts = [Decimal(amount) for amount in amounts if amount]
    largest = max(amounts, default=Decimal(0))
    divisor, unit = next(((size, label) for size, label in UNITS if largest >= size * 10),
                         (Decimal(1), "Rp"))
    for places in range(MAX_PLACES + 1):
        step = Decimal(1).scaleb(-places)
        if all((amount / divisor).quantize(step, rounding=ROUND_HALF_UP) == amount / divisor
               for amount in amounts):
            break
    return Scale(divisor, unit, places)
