"""manage.py import_open_data FILE.json: rebuild the published masterplans of an open-data
bundle (/data/semua.json or /data/wilayah/<kode>/semua.json) into a database with the reference
data loaded and no masterplan for those regions (opendata/importer.py)."""

import json

from django.core.management.base import BaseCommand, CommandError

from opendata.importer import ImportRefused, import_bundle


class Command(BaseCommand):
    help = "Impor bundel data terbuka (semua.json) ke basis data tanpa masterplan wilayahnya."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas JSON bundel data terbuka (semua.json).")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                bundle = json.load(handle)
        except OSError as error:
            raise CommandError(f"Berkas tidak dapat dibaca: {error}") from None
        except ValueError as error:
            raise CommandError(f"Berkas bukan JSON yang sah: {error}") from None
        try:
            created = import_bundle(bundle)
        except ImportRefused as refused:
            raise CommandError("Impor ditolak, tidak ada yang disimpan:\n"
                               + "\n".join(refused.messages)) from None
        for masterplan in created:
            self.stdout.write(f"{masterplan.region.code} {masterplan.region.display_name}: "
                              f"{masterplan.title}")
        self.stdout.write(self.style.SUCCESS(f"{len(created)} masterplan diimpor."))
