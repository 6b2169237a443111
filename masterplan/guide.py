"""Read access to the guide's catalogue of an edition (masterplan/data/guide/<edition>.json)."""

import json
from functools import cache
from pathlib import Path

GUIDE_DIR = Path(__file__).resolve().parent / "data" / "guide"


@cache
def guide(edition_code):
    """The parsed catalogue of one guide edition; raises FileNotFoundError for an unknown one."""
    with open(GUIDE_DIR / f"{edition_code}.json", encoding="utf-8") as fh:
        return json.load(fh)


def editions():
    return sorted(path.stem for path in GUIDE_DIR.glob("*.json"))
