"""PDF page labels (/PageLabels) equal to the page numbers printed on the pages.

WeasyPrint prints page numbers through margin boxes (`counter(page)`, `counter(page,
lower-roman)`) but writes no /PageLabels, so a viewer shows 1…N for pages printed "i, ii, …, 1,
2, …". `printed_numbers` reads, from a rendered WeasyPrint document, what each page's margin boxes
print; `label_ranges` turns that into ranges (a new one wherever the style changes or the number
does not follow the previous page's); `add_page_labels` writes them into the PDF WeasyPrint is
about to write (a `finisher` of `Document.write_pdf`), so the output stays deterministic.

A page that prints no number gets a prefix-only label: "Sampul" for a page of the CSS named page
`cover`, its page's CSS name otherwise (no labels at all when no page prints a number).
"""

import re
from dataclasses import dataclass

import pydyf

COVER_LABEL = "Sampul"
ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN = re.compile(r"^[ivxlcdm]+$")
_ARABIC = re.compile(r"^\d+$")
# Where the page number usually stands first; any other margin box after these.
_PREFERRED = ("@bottom-center", "@bottom-right", "@bottom-left", "@top-center")


def roman_value(text):
    """The value of a lower-case roman numeral ("xiv" → 14)."""
    total = 0
    for index, letter in enumerate(text):
        value = ROMAN[letter]
        following = ROMAN[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def parse_number(text):
    """("r", value) for a lower-roman number, ("D", value) for an arabic one, None otherwise."""
    text = text.strip()
    if _ARABIC.match(text):
        return "D", int(text)
    if _ROMAN.match(text):
        return "r", roman_value(text)
    return None


def _texts(box):
    text = getattr(box, "text", None)
    found = [text] if text else []
    for child in getattr(box, "children", None) or ():
        found += _texts(child)
    return found


@dataclass(frozen=True)
class PageNumber:
    """What one page prints: its CSS page name and its number (None when it prints none)."""

    name: str
    style: str | None = None
    value: int | None = None


def printed_numbers(document):
    """A PageNumber per page of a rendered WeasyPrint `document`."""
    pages = []
    for page in document.pages:
        box = page._page_box  # WeasyPrint keeps the laid-out page box here (no public accessor)
        margins = {child.at_keyword: "".join(_texts(child)) for child in box.children
                   if getattr(child, "at_keyword", None)}
        ordered = [key for key in _PREFERRED if key in margins] + sorted(
            key for key in margins if key not in _PREFERRED)
        number = next((parsed for key in ordered if (parsed := parse_number(margins[key]))), None)
        name = box.page_type.name or ""
        pages.append(PageNumber(name, *number) if number else PageNumber(name))
    return pages


@dataclass(frozen=True)
class LabelRange:
    """Pages from `start` (0-based) on: numbered in `style` from `first`, or labelled `prefix`."""

    start: int
    style: str | None = None
    first: int | None = None
    prefix: str = ""


def label_ranges(pages):
    """The label ranges of `pages` (PageNumber); [] when no page prints a number."""
    if not any(page.style for page in pages):
        return []
    ranges = []
    previous = None
    for index, page in enumerate(pages):
        if page.style is None:
            prefix = COVER_LABEL if page.name == "cover" else page.name
            if not (previous and previous.style is None and previous.name == page.name):
                ranges.append(LabelRange(index, prefix=prefix))
        elif not (previous and previous.style == page.style and previous.value is not None
                  and page.value == previous.value + 1):
            ranges.append(LabelRange(index, style=page.style, first=page.value))
        previous = page
    return ranges


def page_labels_dictionary(ranges):
    """The /PageLabels number tree of `ranges`, as a pydyf dictionary."""
    nums = pydyf.Array()
    for label in ranges:
        entry = pydyf.Dictionary({"Type": "/PageLabel"})
        if label.style:
            entry["S"] = f"/{label.style}"
            if label.first != 1:
                entry["St"] = label.first
        if label.prefix:
            entry["P"] = pydyf.String(label.prefix)
        nums.append(label.start)
        nums.append(entry)
    return pydyf.Dictionary({"Nums": nums})


def add_page_labels(document, pdf):
    """A `write_pdf(finisher=…)`: write the document's printed numbers as /PageLabels."""
    ranges = label_ranges(printed_numbers(document))
    if ranges:
        labels = page_labels_dictionary(ranges)
        pdf.add_object(labels)
        pdf.catalog["PageLabels"] = labels.reference
