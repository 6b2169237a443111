"""The demo regions' books, read back from their PDFs, have no visual defect (books/pdf_checks.py):
the six books of both demo regions, and Kota Bandung's Buku II and III with its masterplan grown
to 120 programs (demo/grow.py); and the six pass the PDF/A-3b checks (masterplan/rendering/pdfa.py).

Heavy (marked `heavy`): each book is typeset once per module, when a test first asks for it, and
the grown region's two books together (grown and rolled back in a savepoint)."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from books.layout import book_html
from books.pdf_checks import check_pdf
from masterplan.models import Region
from masterplan.rendering.pdfa import conformance_problems
from masterplan.rendering.typesetting import html_to_pdf
from masterplan.services import current_masterplan
from roadmap.models import Program

pytestmark = [pytest.mark.heavy, pytest.mark.django_db]

BOOKS = ("1", "2", "3")
GROWN = 120
# The books that hold the programs: Buku I (the analysis) is the same at any number of them.
GROWN_BOOKS = ("2", "3")


class Books:
    """The demo's typeset books, each rendered once: {(region code, book, grown): pdf}."""

    def __init__(self, with_db):
        self.with_db = with_db
        self.pdfs = {}

    def _render(self, code, books, grown):
        masterplan = current_masterplan(Region.objects.get(code=code))
        if grown:
            assert Program.objects.filter(masterplan=masterplan).count() == GROWN
        for book in books:
            self.pdfs[(code, book, grown)] = html_to_pdf(book_html(book, masterplan)[0])[0]

    def plain(self, code, book):
        if (code, book, False) not in self.pdfs:
            self.with_db(lambda: self._render(code, [book], False))
        return self.pdfs[(code, book, False)]

    def grown(self, book):
        if ("32.73", book, True) not in self.pdfs:
            def render():
                with transaction.atomic():
                    call_command("grow_programs", "32.73", str(GROWN), stdout=io.StringIO())
                    self._render("32.73", GROWN_BOOKS, True)
                    transaction.set_rollback(True)
            self.with_db(render)
        return self.pdfs[("32.73", book, True)]


@pytest.fixture(scope="module")
def books(module_db_setup):
    module_db_setup(lambda: call_command("seed_demo", verbosity=0))
    return Books(module_db_setup)


def assert_no_defect(pdf):
    defects = check_pdf(pdf)
    assert not defects, f"{len(defects)} defects:\n" + "\n".join(str(d) for d in defects)


@pytest.mark.parametrize("book", BOOKS)
@pytest.mark.parametrize("code", ["32.73", "35.10"])
def test_the_demo_books_have_no_visual_defect(books, code, book):
    assert_no_defect(books.plain(code, book))


# At 120 programs Buku II's timeline runs over several figures, each on its page.
@pytest.mark.parametrize("book", GROWN_BOOKS)
def test_the_books_of_a_region_with_120_programs_have_no_visual_defect(books, book):
    assert_no_defect(books.grown(book))


@pytest.mark.parametrize("book", BOOKS)
@pytest.mark.parametrize("code", ["32.73", "35.10"])
def test_the_demo_books_are_pdf_a_3b(books, code, book):
    assert conformance_problems(books.plain(code, book)) == []
