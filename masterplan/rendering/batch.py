"""Admin batch export: when every job of a batch has ended, zip the PDFs that succeeded."""

import io
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction

from .. import documents
from ..models_render import ExportBatch, JobStatus


def build_archive(batch):
    """Write the batch's zip once all its jobs have ended; idempotent."""
    with transaction.atomic():
        batch = ExportBatch.objects.select_for_update().get(pk=batch.pk)
        jobs = list(batch.jobs.select_related("masterplan__region"))
        if batch.archive or any(job.status not in (JobStatus.SUCCEEDED, JobStatus.FAILED)
                                for job in jobs):
            return batch
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for job in jobs:
                if job.status == JobStatus.SUCCEEDED and job.file:
                    region = job.masterplan.region
                    # Named as the kind stores it, without the content hash: "buku-1.pdf".
                    name = documents.kind_of(job).document(job).stem.rsplit("/", 1)[-1]
                    with job.file.open("rb") as pdf:
                        archive.writestr(f"{region.code}-{_slug(region.display_name)}/"
                                         f"{name}.pdf", pdf.read())
        batch.archive.save(f"batch/ekspor-{batch.pk}.zip", ContentFile(buffer.getvalue()),
                           save=True)
    return batch


def _slug(text):
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")
