"""A document's HTML → PDF (WeasyPrint), bounded in memory and time whatever the text.

Before typesetting, `break_long_words` gives every long run of text without a break opportunity
(a "word" of hundreds of letters pasted into a field) a zero-width space every few letters.
WeasyPrint lays out such a run line by line, each time re-shaping the rest of the run and, with
`hyphens: auto`, trying every hyphenation point of it: the cost grows with the cube of its length
(one unbroken 2,000-letter sasaran took Buku I from 2 s to 80 s). Cut into short pieces, the run
wraps like ordinary words, and the time stays proportional to the text.

`typeset_bounded` runs the typesetting in a forked child whose address space and CPU time are
capped, and which is killed once its time is up: whatever a document holds, a render ends, and a
pathological one ends with `DocumentTooLarge` instead of exhausting the worker or the web process.
"""

import os
import pickle
import re
import resource
import select
import signal
import time

from .fetchers import BASE_URL, ProjectFilesFetcher
from .page_labels import add_page_labels

# A run of this many characters (an entity counts as one) without a space gets a zero-width
# space every PIECE characters; real words, even Indonesian compounds, are far shorter.
LONG_RUN = 40
PIECE = 20
ZERO_WIDTH_SPACE = "\u200b"
_TOKEN = r"&#?\w+;|[^\s<>&\u200b]"
_LONG_RUN = re.compile(f"(?:{_TOKEN}){{{LONG_RUN},}}")
_TOKENS = re.compile(_TOKEN)
# Markup, and the raw text of <style> and <script> (fonts embedded as data: URLs) left alone.
_UNTOUCHED = re.compile(r"(<(style|script)\b.*?</\2\s*>|<!--.*?-->|<[^>]*>)", re.S | re.I)


def _break_run(match):
    tokens = _TOKENS.findall(match.group(0))
    return ZERO_WIDTH_SPACE.join("".join(tokens[start:start + PIECE])
                                 for start in range(0, len(tokens), PIECE))


def break_long_words(html):
    """`html` with a zero-width space every PIECE characters of each text run of LONG_RUN or
    more characters without a break; tags, attributes, comments, styles and scripts untouched."""
    parts = _UNTOUCHED.split(html)
    # split() yields text, markup, the captured tag name (or None), text, …
    out = []
    for index, part in enumerate(parts):
        if part is None or index % 3 == 2:
            continue
        out.append(part if index % 3 == 1 else _LONG_RUN.sub(_break_run, part))
    return "".join(out)


# PDF/A-3b: fonts embedded, an sRGB output intent, XMP metadata (title, author, language from the
# HTML's <title>, <meta name="author"> and <html lang>) and a file identifier hashed from the
# content. Archival copies of a masterplan are what the books are for.
PDF_VARIANT = "pdf/a-3b"
# WeasyPrint decodes the WOFF fonts with fontTools, which stamps the decoded font's `head` table
# with the current time unless SOURCE_DATE_EPOCH fixes it (the reproducible-builds convention);
# that stamp, embedded in the PDF, was what made two renders of the same content differ.
FONT_TIMESTAMP = "1577836800"  # 2020-01-01T00:00:00Z: any fixed value will do
# PDF/A forbids images drawn with interpolation, which WeasyPrint asks for unless told otherwise
# (its documentation: `image-rendering: crisp-edges`); inherited, so it covers every image.
PDF_A_STYLE = "html { image-rendering: crisp-edges }"


def _whole_seconds(w3c_date):
    """A W3C date without fractions of a second: the information dictionary's dates have none,
    and PDF/A wants the XMP dates equal to them."""
    return re.sub(r"(T\d\d:\d\d:\d\d)\.\d+", r"\1", w3c_date) if w3c_date else w3c_date


def html_to_pdf(html):
    """(PDF bytes, page count, seconds) of a document's HTML (a book's); only the project's own
    static and media files are fetched.

    The same HTML gives the same bytes: the dates come from the document's dcterms.created /
    dcterms.modified meta (none: no date), the identifier is a hash of the content, the font
    subsets carry a fixed timestamp. The PDF is PDF/A-3b (masterplan/rendering/pdfa.py checks
    what can be checked of it here) and its page labels are the numbers printed on its pages
    (masterplan/rendering/page_labels.py)."""
    # deferred: WeasyPrint loads only when rendering
    from weasyprint import CSS, HTML

    os.environ.setdefault("SOURCE_DATE_EPOCH", FONT_TIMESTAMP)
    started = time.perf_counter()
    document = HTML(string=break_long_words(html), base_url=BASE_URL, url_fetcher=ProjectFilesFetcher()).render(
        stylesheets=[CSS(string=PDF_A_STYLE)])
    metadata = document.metadata
    metadata.created, metadata.modified = _whole_seconds(metadata.created), _whole_seconds(metadata.modified)
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT, finisher=add_page_labels)
    return pdf, len(document.pages), time.perf_counter() - started


class DocumentTooLarge(Exception):
    """The typesetting needed more memory (MiB) or time (seconds) than a render may take."""

    def __init__(self, memory_mib=None, seconds=None):
        self.memory_mib, self.seconds = memory_mib, seconds
        what = f"more than {memory_mib} MiB" if memory_mib else f"more than {seconds} s"
        super().__init__(f"typesetting needed {what}")


def _peak_address_space():
    """This process's peak address space in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _typeset_in_child(typeset, html, write_fd, memory_bytes, seconds):
    """The child's side of `typeset_bounded`: never returns."""
    status = 0
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        # The parent kills the child on time; this also stops it if the parent is gone.
        resource.setrlimit(resource.RLIMIT_CPU, (seconds + 1, seconds + 5))
        try:
            result = ("ok", typeset(html))
        except MemoryError:
            result = ("too large", None)
        except BaseException as error:  # reported to the parent, which raises it
            # C code out of memory often raises something else (SystemError, OSError…).
            near_cap = _peak_address_space() >= memory_bytes * 0.9
            result = ("too large", None) if near_cap else ("error", f"{type(error).__name__}: {error}")
        data = pickle.dumps(result)
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(data)
    except BaseException:
        status = 3  # out of memory even to report: the parent sees no result
    finally:
        os._exit(status)


def typeset_bounded(typeset, html, *, memory_mib, seconds):
    """`typeset(html)` in a forked child with at most `memory_mib` MiB of address space, killed
    after `seconds`; raises DocumentTooLarge when it runs out of either. Without fork() (not
    POSIX) it runs in this process, unbounded."""
    if not hasattr(os, "fork"):
        return typeset(html)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _typeset_in_child(typeset, html, write_fd, memory_mib * 1024 * 1024, seconds)
    os.close(write_fd)
    chunks, finished = [], False
    deadline = time.monotonic() + seconds
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([read_fd], [], [], remaining)[0]:
                break  # out of time
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                finished = True
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if not finished:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if not finished:
        raise DocumentTooLarge(seconds=seconds)
    if not chunks:  # died without a word: out of memory below Python (or killed)
        raise DocumentTooLarge(memory_mib=memory_mib)
    outcome, value = pickle.loads(b"".join(chunks))
    if outcome == "too large":
        raise DocumentTooLarge(memory_mib=memory_mib)
    if outcome == "error":
        raise RuntimeError(f"typesetting failed: {value}")
    return value
