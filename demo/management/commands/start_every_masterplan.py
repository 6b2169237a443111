from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from masterplan import services
from masterplan.models import Region


class Command(BaseCommand):
    help = ("Start an empty masterplan in every region that has none, so the admin lists hold "
            "all 552 regions' masterplans (`make loadtest` measures them at that size).")

    def add_arguments(self, parser):
        parser.add_argument("--start-year", type=int, default=timezone.localdate().year)

    def handle(self, *args, **options):
        without = Region.objects.exclude(masterplans__isnull=False).order_by("code")
        started = 0
        for region in without.iterator():
            with transaction.atomic():
                services.create_masterplan(region=region, user=None,
                                           start_year=options["start_year"])
            started += 1
        self.stdout.write(f"{started} masterplans started; "
                          f"{Region.objects.filter(masterplans__is_current=True).count()} "
                          "regions have a current masterplan.")
