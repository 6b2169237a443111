"""The contact sheet of `make books`: every page, in a grid, from pdftoppm's pictures."""

import shutil

import pytest
from PIL import Image

from books.contact_sheet import COLUMNS, write_contact_sheet
from masterplan.rendering.typesetting import html_to_pdf

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                reason="pdftoppm (poppler-utils) is not installed")


def test_a_sheet_shows_every_page_in_rows_of_columns(tmp_path):
    pages = COLUMNS + 2  # two rows
    html = ('<html lang="id"><body>'
            + "".join(f'<p style="break-before: page">Halaman {n}</p>' for n in range(pages))
            + "</body></html>")
    pdf, count, _seconds = html_to_pdf(html)
    assert count == pages
    sheet_path = write_contact_sheet(pdf, tmp_path, "buku-9")
    assert (tmp_path / "buku-9.pdf").read_bytes() == pdf
    page_files = sorted((tmp_path / "buku-9").glob("page-*.png"))
    assert len(page_files) == pages
    with Image.open(page_files[0]) as page, Image.open(sheet_path) as sheet:
        assert sheet.width > COLUMNS * page.width
        assert 2 * page.height < sheet.height < 3 * page.height
        # The first page is pasted at the top left: its pixels, not the grey background.
        assert sheet.getpixel((20, 20)) == page.getpixel((8, 8))
    # Written again (fewer pages): the old pictures are gone.
    write_contact_sheet(html_to_pdf(html.replace('<p style="break-before: page">Halaman 0</p>', ""))[0],
                        tmp_path, "buku-9")
    assert len(list((tmp_path / "buku-9").glob("page-*.png"))) == pages - 1
