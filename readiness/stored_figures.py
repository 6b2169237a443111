"""The indices stored per masterplan (masterplan/figures.py), so the index overview of every
region sorts in the database and computes nothing for the page it shows."""

from django.conf import settings

from masterplan import figures

from . import scoring, services

LEVEL_RANK = {code: rank for rank, (code, _label, _minimum) in enumerate(scoring.MATURITY_LEVELS)}
KEYS = ("readiness", "performance", "maturity")


def level_code(rank):
    """The maturity level's code of a stored rank (None: not determined yet)."""
    return None if rank is None else scoring.MATURITY_LEVELS[int(rank)][0]


def _column(position, convert=lambda value: value):
    def compute(masterplans):
        return {pk: convert(values[position])
                for pk, values in services.maturity(masterplans).items()}
    return compute


figures.register_rule_input(lambda: settings.READINESS_WEIGHTS)
figures.register_stored("readiness", _column(0))
figures.register_stored("performance", _column(1))
figures.register_stored("maturity", _column(2, LEVEL_RANK.get))
