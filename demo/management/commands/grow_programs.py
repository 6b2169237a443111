from django.core.management.base import BaseCommand, CommandError

from masterplan.management.commands._regions import region_by_code
from masterplan.services import current_masterplan

from ...grow import grow


class Command(BaseCommand):
    help = ("Grow a region's current masterplan to COUNT programs with KPIs, financing and M&E "
            "records (demo/grow.py); a masterplan with COUNT programs or more is left as it is.")

    def add_arguments(self, parser):
        parser.add_argument("region_code")
        parser.add_argument("count", type=int)

    def handle(self, *args, **options):
        if options["count"] < 0:
            raise CommandError("COUNT must not be negative.")
        region = region_by_code(options["region_code"])
        masterplan = current_masterplan(region)
        if masterplan is None:
            raise CommandError(f"{region.code} {region.display_name} has no current masterplan.")
        grown = grow(masterplan, options["count"])
        self.stdout.write(f"{region.code} {region.display_name}: {grown.before} → {grown.total} "
                          f"programs ({grown.added} added, {grown.kpis} KPIs, {grown.financing} "
                          f"financing rows, {grown.records} M&E records)")
