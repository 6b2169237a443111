import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from masterplan.management.commands._regions import region_by_code
from masterplan.models import JobStatus, RenderJob
from masterplan.services import current_masterplan

from ...documents import request_render


class Command(BaseCommand):
    help = ("Render a region's books through the render pipeline (a RenderJob each; a Celery "
            "worker if a broker is configured, in-process otherwise) and copy the PDFs to DIR.")

    def add_arguments(self, parser):
        parser.add_argument("region_code")
        parser.add_argument("-o", "--output", required=True, help="directory for the PDFs")
        parser.add_argument("--book", choices=["1", "2", "3"], help="only this book")
        parser.add_argument("--timeout", type=int, default=900, help="seconds to wait for a worker")

    def handle(self, *args, **options):
        region = region_by_code(options["region_code"])
        masterplan = current_masterplan(region)
        if masterplan is None:
            raise CommandError(f"{region.code} {region.display_name} has no current masterplan.")
        output = Path(options["output"])
        output.mkdir(parents=True, exist_ok=True)
        books = [options["book"]] if options["book"] else ["1", "2", "3"]
        with transaction.atomic():
            jobs = [request_render(masterplan, book, None) for book in books]
        failed = False
        for job in jobs:
            job = self.wait(job, options["timeout"])
            if job.status != JobStatus.SUCCEEDED:
                failed = True
                self.stderr.write(f"Book {job.part}: {job.status} {job.message}")
                continue
            target = output / f"{region.code}-buku-{job.part}.pdf"
            with job.file.open("rb") as pdf:
                target.write_bytes(pdf.read())
            self.stdout.write(f"Book {job.part}: {job.page_count} pages, gather "
                              f"{job.gather_seconds:.2f} s, WeasyPrint {job.render_seconds:.2f} s "
                              f"-> {target}")
        if failed:
            raise CommandError("Some books were not rendered.")

    def wait(self, job, timeout):
        deadline = time.monotonic() + timeout
        while True:
            job = RenderJob.objects.get(pk=job.pk)
            if job.done or time.monotonic() > deadline:
                return job
            time.sleep(1)
