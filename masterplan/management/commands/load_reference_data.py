from django.core.management.base import BaseCommand

from masterplan.reference_data import load_reference_data


class Command(BaseCommand):
    help = "Load or update reference data (guide editions, batches, regions, guide catalogues). Idempotent."

    def handle(self, *args, **options):
        for name, count in load_reference_data():
            self.stdout.write(f"{name}: {count}")
