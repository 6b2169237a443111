"""`make books`: the demo regions' books typeset into a folder, each with a contact sheet of its
pages (books/contact_sheet.py), the defects the visual checks find (books/pdf_checks.py) and
what the PDF/A checks find (masterplan/rendering/pdfa.py)."""

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from masterplan.management.commands._regions import region_by_code
from masterplan.rendering.pdfa import conformance_problems
from masterplan.rendering.typesetting import html_to_pdf
from masterplan.services import current_masterplan

from ...contact_sheet import RasteriserMissing, write_contact_sheet
from ...layout import book_html
from ...pdf_checks import check_pdf

BOOKS = ["1", "2", "3"]


class Command(BaseCommand):
    help = ("Typeset the books of the regions into DIR/<region>/buku-N.pdf, with a contact sheet "
            "(buku-N.png, the pages under buku-N/) and the visual checks' defects (buku-N.txt).")

    def add_arguments(self, parser):
        parser.add_argument("region_codes", nargs="+")
        parser.add_argument("-o", "--output", default="var/books", help="folder (default var/books)")

    def handle(self, *args, **options):
        output = Path(options["output"])
        for code in options["region_codes"]:
            region = region_by_code(code)
            masterplan = current_masterplan(region)
            if masterplan is None:
                raise CommandError(f"{region.code} {region.display_name} has no current masterplan.")
            folder = output / region.code
            for book in BOOKS:
                html, _gather = book_html(book, masterplan)
                pdf, pages, seconds = html_to_pdf(html)
                try:
                    sheet = write_contact_sheet(pdf, folder, f"buku-{book}")
                except RasteriserMissing as error:
                    raise CommandError(str(error)) from None
                defects = check_pdf(pdf)
                pdfa = conformance_problems(pdf)
                (folder / f"buku-{book}.txt").write_text(
                    "".join(f"{defect}\n" for defect in defects)
                    + "".join(f"PDF/A: {problem}\n" for problem in pdfa), encoding="utf-8")
                kinds = ", ".join(f"{kind} {count}" for kind, count in
                                  sorted(Counter(defect.kind for defect in defects).items()))
                self.stdout.write(f"{region.code} buku {book}: {pages} pages in {seconds:.1f} s, "
                                  f"{len(defects)} defects{f' ({kinds})' if kinds else ''}, "
                                  f"PDF/A {'ok' if not pdfa else f'{len(pdfa)} problems'} -> {sheet}")
