from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from masterplan.workbook.export import NoCurrentMasterplan, export_current

from ._regions import region_by_code


class Command(BaseCommand):
    help = "Export the workbook (.xlsx) of a region's current masterplan."

    def add_arguments(self, parser):
        parser.add_argument("region_code", help="Kemendagri code, e.g. 32.73")
        parser.add_argument("-o", "--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, **options):
        region = region_by_code(options["region_code"])
        try:
            exported = export_current(region)
        except NoCurrentMasterplan as error:
            raise CommandError(str(error)) from None
        path = Path(options["output"])
        try:
            path.write_bytes(exported.content)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror or error}") from None
        self.stdout.write(f"{region.code} {region.display_name}: wrote the workbook of "
                          f"“{exported.masterplan.title}” to {path} ({len(exported.content)} bytes).")
