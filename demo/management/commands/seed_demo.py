from django.core.management.base import BaseCommand

from demo import content as demo
from demo import publication
from demo.core import account_rows
from masterplan.reference_data import load_reference_data

HEADERS = ("Username", "Role", "Region", "Password")


def table(rows):
    """Rows as text columns, padded to the widest cell of each column."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(HEADERS, *rows, strict=False)]
    return ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in (HEADERS, *rows)]


class Command(BaseCommand):
    help = "Create the demo regions, accounts and content (idempotent). Password: " + demo.DEMO_PASSWORD

    def handle(self, *args, **options):
        load_reference_data()
        summary = demo.seed()
        publication.wait_for_books()
        self.stdout.write(f"Demo accounts: {summary['accounts']}")
        for line in table(account_rows()):
            self.stdout.write("  " + line)
        for masterplan in summary["masterplan_objects"]:
            self.stdout.write(f"Masterplan: {masterplan.title} ({masterplan.get_status_display()})")
