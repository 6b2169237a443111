from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from masterplan import services

from ._regions import region_by_code


class Command(BaseCommand):
    help = "Start a masterplan for a region and make it the region's current masterplan."

    def add_arguments(self, parser):
        parser.add_argument("region_code", help="Kemendagri code, e.g. 32.73")
        parser.add_argument("--start-year", type=int, default=timezone.localdate().year)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--title", default="")

    def handle(self, *args, **options):
        region = region_by_code(options["region_code"])
        try:
            masterplan = services.create_masterplan(
                region=region, user=None, start_year=options["start_year"],
                period_years=options["years"], title=options["title"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(f"{region.code} {region.display_name}: {masterplan.title} "
                          f"({masterplan.start_year}-{masterplan.end_year}) is now current.")
