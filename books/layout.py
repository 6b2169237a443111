"""Book HTML → numbered captions, daftar isi / gambar / tabel (typeset by the core's
masterplan/rendering/typesetting.py).

The templates mark what must be numbered and listed; this module numbers it in document order,
so numbers never depend on template logic:
- `<caption data-number>Title</caption>` becomes "Tabel N. Title" (id tabel-N);
- `<figcaption data-number>Title</figcaption>` becomes "Gambar N. Title" (id gambar-N);
- `<hN id="…" data-toc="front|main">` headings (N = 1, 2) make the daftar isi;
- `<!--DAFTAR-ISI-->`, `<!--DAFTAR-GAMBAR-->`, `<!--DAFTAR-TABEL-->` are replaced by the lists,
  whose page numbers WeasyPrint fills in with target-counter().
"""

import re
import time
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.html import escape, strip_tags

from .contexts import BUILDERS

_CAPTION = re.compile(r"<(caption|figcaption) data-number>(.*?)</\1>", re.S)
_HEADING = re.compile(r'<h([12]) id="([^"]+)" data-toc="(front|main)">(.*?)</h\1>', re.S)
KINDS = {"caption": ("tabel", "Tabel"), "figcaption": ("gambar", "Gambar")}

@dataclass
class Listed:
    anchor: str
    text: str
    level: int = 1
    front: bool = False


def number_captions(html):
    """Number tables and figures in order; returns (html, tables, figures)."""
    counters = {"caption": 0, "figcaption": 0}
    listed = {"caption": [], "figcaption": []}

    def replace(match):
        tag, title = match.group(1), match.group(2).strip()
        counters[tag] += 1
        slug, word = KINDS[tag]
        anchor = f"{slug}-{counters[tag]}"
        listed[tag].append(Listed(anchor, f"{word} {counters[tag]}. {strip_tags(title)}"))
        return f'<{tag} id="{anchor}">{word} {counters[tag]}. {title}</{tag}>'

    return _CAPTION.sub(replace, html), listed["caption"], listed["figcaption"]


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
