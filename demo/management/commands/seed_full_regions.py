from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ... import more_regions


class Command(BaseCommand):
    help = ("Give COUNT more regions (Kabupaten Bandung, Kota Semarang, …) a masterplan filled like "
            "Kota Bandung's demo, for measuring (bench_batch). Run seed_demo first; idempotent.")

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)

    def handle(self, *args, **options):
        count = options["count"]
        if not 0 <= count <= len(more_regions.REGIONS):
            raise CommandError(f"COUNT must be between 0 and {len(more_regions.REGIONS)}.")
        with transaction.atomic():
            filled = more_regions.seed(count)
        for masterplan in filled:
            self.stdout.write(f"{masterplan.region.code} {masterplan.region.display_name}: "
                              f"{masterplan.programs.count()} programs")
