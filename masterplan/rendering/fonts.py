"""The project's shipped Noto Sans (static/fonts/noto-sans) as @font-face rules with data: URLs,
for small documents typeset with nothing fetched (a Bimtek report, an evidence pack's index):
the PDF looks the same on every machine."""

import base64
from functools import lru_cache

from django.contrib.staticfiles import finders

FONT_FILES = (  # (weight, style, file under static/fonts/noto-sans/)
    (400, "normal", "noto-sans-latin-400-normal.woff"),
    (400, "italic", "noto-sans-latin-400-italic.woff"),
    (700, "normal", "noto-sans-latin-700-normal.woff"),
    (700, "italic", "noto-sans-latin-700-italic.woff"),
)


@lru_cache(maxsize=1)
def font_faces():
    """@font-face rules embedding the shipped Noto Sans as data: URLs ("" if not found)."""
    rules = []
    for weight, style, name in FONT_FILES:
        path = finders.find(f"fonts/noto-sans/{name}")
        if not path:
            continue
        with open(path, "rb") as font:
            encoded = base64.b64encode(font.read()).decode("ascii")
        rules.append(f'@font-face {{ font-family: "Noto Sans"; font-weight: {weight}; '
                     f'font-style: {style}; src: url("data:font/woff;base64,{encoded}") '
                     f'format("woff"); }}')
    return "\n".join(rules)
