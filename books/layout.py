"""Book HTML → numbered captions, daftar isi / gambar / tabel (typeset by the core's
masterplan/rendering/typesetting.py).

The templates mark what must be numbered and listed; this module numbers it in document order,
so numbers never depend on template logic:
- `<caption data-number>Title</caption>` becomes "Tabel C.N. Title" (id tabel-C-N) and
  `<figcaption data-number>Title</figcaption>` "Gambar C.N. Title" (id gambar-C-N): numbered per
  chapter, C the chapter (the enclosing `<h1 … data-toc="main">`: the arabic value of its Roman
  number, "L" for the Lampiran, otherwise its place among the chapters) and N the table's or
  figure's place in it. Before the first chapter (the front matter) they keep a plain number:
  "Tabel N." (id tabel-N);
- a caption's `<span data-unlisted>…</span>` (a value such as the table's index) is printed in
  the caption but left out of the daftar tabel / gambar;
- `<hN id="…" data-toc="front|main">` headings (N = 1, 2) make the daftar isi;
- `<!--DAFTAR-ISI-->`, `<!--DAFTAR-GAMBAR-->`, `<!--DAFTAR-TABEL-->` are replaced by the lists,
  whose page numbers WeasyPrint fills in with target-counter();
- the section whose heading has id "sambutan-kepala-daerah" (the Kata Sambutan Kepala Daerah)
  ends with the signature block of templates/books/signature.html: place, date, the
  signatory's title and name from the cover (books.models.BookCover).
"""

import re
import time
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.html import escape, strip_tags

from masterplan.rendering import page_labels

from .contexts import BUILDERS

_NUMBERED = re.compile(
    r'<h1 id="[^"]+" data-toc="main">(?P<chapter>.*?)</h1>'
    r"|<(?P<tag>caption|figcaption) data-number>(?P<title>.*?)</(?P=tag)>", re.S)
_HEADING = re.compile(r'<h([12]) id="([^"]+)" data-toc="(front|main)">(.*?)</h\1>', re.S)
_UNLISTED = re.compile(r"<span data-unlisted>.*?</span>", re.S)
_ROMAN = re.compile(r"^\s*([IVXLC]+)\.\s")
KINDS = {"caption": ("tabel", "Tabel"), "figcaption": ("gambar", "Gambar")}
# The signature block (signed by the cover's signatory) closes the Kata Sambutan Kepala Daerah.
SIGNED_SECTION = 'id="sambutan-kepala-daerah"'
SIGNATURE_TEMPLATE = "books/signature.html"


@dataclass
class Listed:
    anchor: str
    text: str
    level: int = 1
    front: bool = False


def roman_value(numeral):
    """'IV' -> 4 (the core's reader of page-label numerals)."""
    return page_labels.roman_value(numeral.lower())


def chapter_label(title, ordinal):
    """How a chapter's tables and figures are prefixed: 'II. Analisis …' -> '2', 'Lampiran' ->
    'L', any other title its place among the chapters (`ordinal`, from 1)."""
    text = strip_tags(title).strip()
    numeral = _ROMAN.match(text)
    if numeral:
        return str(roman_value(numeral.group(1)))
    if text.lower().startswith("lampiran"):
        return "L"
    return str(ordinal)


def number_captions(html):
    """Number tables and figures per chapter in document order; returns (html, tables,
    figures) with the listed entries of each."""
    chapters = 0
    chapter = None  # None in the front matter
    counters = {"caption": 0, "figcaption": 0}
    listed = {"caption": [], "figcaption": []}

    def replace(match):
        nonlocal chapters, chapter
        if match.group("chapter") is not None:
            chapters += 1
            chapter = chapter_label(match.group("chapter"), chapters)
            counters.update(caption=0, figcaption=0)
            return match.group(0)
        tag, title = match.group("tag"), match.group("title").strip()
        counters[tag] += 1
        slug, word = KINDS[tag]
        number = f"{chapter}.{counters[tag]}" if chapter else str(counters[tag])
        anchor = f"{slug}-{number.replace('.', '-')}"
        shown = strip_tags(_UNLISTED.sub("", title)).strip()
        listed[tag].append(Listed(anchor, f"{word} {number}. {shown}"))
        return f'<{tag} id="{anchor}">{word} {number}. {title}</{tag}>'

    return _NUMBERED.sub(replace, html), listed["caption"], listed["figcaption"]


def headings(html):
    return [Listed(anchor, strip_tags(text).strip(), int(level), where == "front")
            for level, anchor, where, text in _HEADING.findall(html)]


def _list_html(items, empty):
    if not items:
        return f'<p class="small">{escape(empty)}</p>'
    front = ' class="in-front"'
    lines = "".join(
        f'<li class="level-{item.level}"><a href="#{item.anchor}"'
        f'{front if item.front else ""}>{escape(item.text)}</a></li>'
        for item in items)
    return f'<ul class="toc">{lines}</ul>'


def compose(template_name, context):
    """The final HTML of a book from its template and context."""
    html = render_to_string(template_name, context)
    if SIGNED_SECTION in html:
        html = sign(html, render_to_string(SIGNATURE_TEMPLATE, context))
    return finish(html)


def sign(html, signature):
    """`html` with `signature` at the end of the Kata Sambutan Kepala Daerah: before the heading
    that follows the section's own (or the end of the front matter)."""
    start = html.index(SIGNED_SECTION)
    ends = [found for found in (html.find("<h1", start + 1), html.find("</section>", start))
            if found != -1]
    end = min(ends) if ends else len(html)
    return html[:end] + signature + html[end:]


def finish(html):
    """A book's rendered template with its tables and figures numbered and its lists filled."""
    html, tables, figures = number_captions(html)
    html = html.replace("<!--DAFTAR-ISI-->", _list_html(headings(html), "—"))
    html = html.replace("<!--DAFTAR-GAMBAR-->", _list_html(figures, "Tidak ada gambar."))
    html = html.replace("<!--DAFTAR-TABEL-->", _list_html(tables, "Tidak ada tabel."))
    return html


TEMPLATES = {"1": "books/book1.html", "2": "books/book2.html", "3": "books/book3.html"}


def book_html(book, masterplan):
    """(HTML, seconds spent gathering data and laying out templates) of one book."""
    started = time.perf_counter()
    html = compose(TEMPLATES[book], BUILDERS[book](masterplan))
    return html, time.perf_counter() - started
