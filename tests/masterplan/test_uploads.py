"""The shared PDF check: a PDF must parse, have a page and carry nothing active."""

import io

import pytest
from pypdf import PdfWriter

from demo.institutions import decree_pdf
from masterplan.uploads import pdf_problem

from ..pdf_helpers import ACTIVE_PDFS, POLYGLOT, blank_pdf


def problem(data):
    return pdf_problem(io.BytesIO(data), "uji.pdf")


def test_a_plain_pdf_passes_and_the_stream_is_rewound():
    stream = io.BytesIO(blank_pdf())
    stream.read(10)
    assert pdf_problem(stream, "uji.pdf") is None
    assert stream.tell() == 0


def test_a_pdf_made_by_weasyprint_passes():
    assert problem(decree_pdf()) is None


@pytest.mark.parametrize("data", [
    POLYGLOT,
    b"%PDF-1.7\n",
    b"<html>%PDF-1.4</html>",
    blank_pdf()[:200],  # cut short: no cross-reference table or trailer
])
def test_what_does_not_parse_is_unreadable(data):
    assert problem(data).startswith("Berkas PDF “uji.pdf” tidak dapat dibaca")


def test_a_pdf_without_pages_is_unreadable():
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    assert "tidak dapat dibaca" in problem(buffer.getvalue())


def encrypted(user_password):
    writer = PdfWriter(clone_from=io.BytesIO(blank_pdf()))
    writer.encrypt(user_password=user_password, owner_password="pemilik", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_that_needs_a_password_to_open_is_unreadable():
    assert "tidak dapat dibaca" in problem(encrypted("rahasia"))


def test_a_pdf_with_only_an_owner_password_passes():
    # Common for published regulations: anyone can open it, printing or editing is restricted.
    assert problem(encrypted("")) is None


@pytest.mark.parametrize("make", ACTIVE_PDFS.values(), ids=ACTIVE_PDFS.keys())
def test_javascript_embedded_files_and_launch_actions_are_refused(make):
    assert problem(make()) == ("PDF “uji.pdf” berisi JavaScript atau berkas sisipan, jadi tidak "
                               "diterima. Simpan ulang sebagai PDF biasa (misalnya lewat Cetak ke "
                               "PDF), lalu unggah lagi.")
