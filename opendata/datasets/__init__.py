"""The open datasets, defined once (definitions.py) with their code lists (codes.py); base.py
says what a dataset and a column are and how values are written."""

from .base import Context, Row, build_rows, decode, encode  # noqa: F401
from .codes import CODE_LISTS  # noqa: F401
from .definitions import DATASETS, LIST_SEPARATOR  # noqa: F401


def get(name):
    return DATASETS[name]
