"""Visual checks of a typeset book, read back from its PDF (pdfplumber): what a person leafing
through it would see as a typesetting fault.

`check_pdf(pdf)` answers a list of `Defect` (page number, page label, kind, short description):

- `overlap`: words drawn over words (their boxes intersect by more than OVERLAP_TOLERANCE in both
  directions);
- `past_edge`: a word of the page body past the right edge of the text block (the margins of
  static/books/book.css's @page, measured on each page's own size, so a landscape page is
  measured as such);
- `stranded_caption`: a table caption ("Tabel N. …") ending a page body, its table on the next
  page; or a figure caption ("Gambar N. …", set below its figure) starting a page body, its figure
  on the page before;
- `stranded_heading`: a heading (bold, larger than the body text) ending a page body;
- `underfilled`: a page body filled less than a quarter while the next page goes on with the
  same chapter (it does not start with a chapter heading, which always starts a page).

Left out of every check: the cover (the page labelled "Sampul", masterplan/rendering/
page_labels.py), the DRAF watermark (large, rotated text) and the running headers and footers
(text in the page margins).
"""

import io
import re
from dataclasses import dataclass

import pdfplumber
import pypdf

MM = 72 / 25.4
# static/books/book.css: @page { margin: 25mm 20mm 22mm 25mm }
MARGINS = {"top": 25 * MM, "right": 20 * MM, "bottom": 22 * MM, "left": 25 * MM}
COVER_LABEL = "Sampul"
OVERLAP_TOLERANCE = 1.0  # points: boxes touching at an edge are no overlap
EDGE_TOLERANCE = 1.0  # points past the text block's right edge
WATERMARK_SIZE = 40  # points: text this large (or rotated) is the DRAF watermark
UNDERFILLED = 0.25
# static/books/book.css: body text 10.5pt (tables 8.5pt, captions 9pt, both bold or not), headings
# larger and bold; a chapter heading (h1, 16pt) always starts a page, h2 is 13pt.
BODY_SIZE = 10.5
CHAPTER_SIZE = 15
SAME_LINE = 2.0  # points between the tops of words on one line
TABLE_CAPTION = re.compile(r"^Tabel \d+\b")
FIGURE_CAPTION = re.compile(r"^Gambar \d+\b")


@dataclass(frozen=True)
class Defect:
    page: int  # 1-based, as a viewer counts
    label: str  # the number printed on the page (its PDF page label)
    kind: str
    description: str

    def __str__(self):
        return f"p. {self.page} ({self.label}) {self.kind}: {self.description}"


@dataclass
class Line:
    words: list

    @property
    def text(self):
        return " ".join(word["text"] for word in sorted(self.words, key=lambda word: word["x0"]))

    @property
    def top(self):
        return min(word["top"] for word in self.words)

    @property
    def bottom(self):
        return max(word["bottom"] for word in self.words)

    @property
    def size(self):
        return max(word["size"] for word in self.words)

    @property
    def bold(self):
        return all("Bold" in word["fontname"] for word in self.words)


def _short(text, length=60):
    text = re.sub(r"\s+", " ", text.replace("\u200b", "")).strip()
    return text if len(text) <= length else text[:length - 1] + "…"


def _is_watermark(obj):
    return obj.get("object_type") == "char" and (not obj.get("upright", True)
                                                 or obj.get("size", 0) >= WATERMARK_SIZE)


def _body_box(page):
    return (MARGINS["left"], MARGINS["top"], page.width - MARGINS["right"],
            page.height - MARGINS["bottom"])


def _in_body(obj, box):
    """Text whose middle lies in the page body (headers and footers lie in the margins)."""
    middle = (obj["top"] + obj["bottom"]) / 2
    return box[1] <= middle <= box[3]


def _lines(words):
    lines = []
    for word in sorted(words, key=lambda word: (word["top"], word["x0"])):
        if lines and abs(word["top"] - lines[-1].words[0]["top"]) <= SAME_LINE:
            lines[-1].words.append(word)
        else:
            lines.append(Line([word]))
    return lines


def _overlaps(words):
    """Pairs of words whose boxes intersect (a sweep over x)."""
    found = []
    ordered = sorted(words, key=lambda word: word["x0"])
    for index, word in enumerate(ordered):
        for other in ordered[index + 1:]:
            if other["x0"] > word["x1"] - OVERLAP_TOLERANCE:
                break
            wide = min(word["x1"], other["x1"]) - other["x0"]
            high = min(word["bottom"], other["bottom"]) - max(word["top"], other["top"])
            if wide > OVERLAP_TOLERANCE and high > OVERLAP_TOLERANCE:
                found.append((word, other))
    return found


@dataclass
class PageReading:
    number: int
    label: str
    body: tuple
    words: list  # body words, watermark left out
    lines: list
    extent: float  # the lowest point of anything drawn in the body


def _extent(page, words, box):
    bottoms = [word["bottom"] for word in words]
    for obj in (*page.rects, *page.lines, *page.curves, *page.images):
        if obj["bottom"] >= box[1] and obj["top"] <= box[3] and obj["x0"] < box[2]:
            bottoms.append(min(obj["bottom"], box[3]))
    return max(bottoms, default=box[1])


def read_pages(pdf):
    """A PageReading per page of `pdf` (bytes), the cover left out."""
    labels = pypdf.PdfReader(io.BytesIO(pdf)).page_labels
    readings = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for index, page in enumerate(document.pages):
            label = labels[index] if index < len(labels) else str(index + 1)
            if label == COVER_LABEL:
                continue
            box = _body_box(page)
            text = page.filter(lambda obj: not _is_watermark(obj))
            words = [word for word in text.extract_words(extra_attrs=["size", "fontname"])
                     if _in_body(word, box)]
            readings.append(PageReading(index + 1, label, box, words, _lines(words),
                                        _extent(page, words, box)))
            page.close()  # its parsed objects: a book of 200 pages would hold them all
    return readings


def _trailing(lines, same):
    """The last lines of a page while `same(line)` holds (a heading or caption may wrap)."""
    run = []
    for line in reversed(lines):
        if not same(line):
            break
        run.insert(0, line)
    return run


def check_readings(readings):
    body, chapter = BODY_SIZE, CHAPTER_SIZE
    defects = []
    for position, reading in enumerate(readings):
        def defect(kind, description, reading=reading):
            defects.append(Defect(reading.number, reading.label, kind, description))

        for word, other in _overlaps(reading.words):
            defect("overlap", f"“{_short(word['text'], 30)}” over “{_short(other['text'], 30)}”")
        right = reading.body[2] + EDGE_TOLERANCE
        for word in reading.words:
            if word["x1"] > right:
                defect("past_edge", f"“{_short(word['text'], 30)}” ends "
                                    f"{(word['x1'] - reading.body[2]) / MM:.1f} mm past the text block")
        following = readings[position + 1] if position + 1 < len(readings) else None
        top, bottom = reading.body[1], reading.body[3]
        filled = (reading.extent - top) / (bottom - top)
        if (following is not None and filled < UNDERFILLED and following.lines
                and following.lines[0].size < chapter):
            defect("underfilled", f"body {filled:.0%} filled, the next page goes on with "
                                  f"“{_short(following.lines[0].text, 40)}”")
        lines = reading.lines
        if not lines:
            continue
        last = lines[-1]
        if last.bold and last.size > body + 0.25:
            run = _trailing(lines, lambda line, size=last.size: line.bold and line.size == size)
            defect("stranded_heading", f"“{_short(run[0].text)}” ends the page")
        elif last.bold and last.size < body:
            # A caption (9pt) and maybe its table's header row (8.5pt), both bold.
            run = _trailing(lines, lambda line: line.bold and line.size < body)
            if TABLE_CAPTION.match(run[0].text):
                defect("stranded_caption", f"“{_short(run[0].text)}” ends the page, its table "
                                           "on the next")
        if FIGURE_CAPTION.match(lines[0].text) and lines[0].bold:
            defect("stranded_caption", f"“{_short(lines[0].text)}” starts the page, its figure "
                                       "on the page before")
    return defects


def check_pdf(pdf):
    """The defects of a typeset book (PDF bytes), in page order."""
    return check_readings(read_pages(pdf))
