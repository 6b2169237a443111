from django.core.management.base import BaseCommand

from demo import content as demo
from masterplan.reference_data import load_reference_data


class Command(BaseCommand):
    help = "Create the demo regions, accounts and content (idempotent). Password: " + demo.DEMO_PASSWORD

    def handle(self, *args, **options):
        load_reference_data()
        summary = demo.seed()
        self.stdout.write(f"Demo accounts: {summary['accounts']} (password {demo.DEMO_PASSWORD!r})")
        for title in summary["masterplans"]:
            self.stdout.write(f"Masterplan: {title}")
