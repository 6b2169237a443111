"""The books by the one clock (masterplan/clock.py): a Makassar draft is dated in WITA, its PDF
metadata carries the zone's offset; a batch export of many regions is named in WIB."""

import datetime
import io
import re
import zipfile

import pytest
from django.urls import reverse

from books.layout import book_html
from masterplan.models import ExportBatch, Masterplan, Region

from ..factories import MasterplanFactory

pytestmark = pytest.mark.django_db

# 16.30 UTC on 3 December: still the 3rd in WIB, already the 4th in Makassar (WITA).
MOMENT = datetime.datetime(2026, 12, 3, 16, 30, tzinfo=datetime.UTC)


def test_a_draft_book_is_dated_in_its_regions_zone():
    masterplan = MasterplanFactory(region=Region.objects.get(code="73.71"))
    Masterplan.objects.filter(pk=masterplan.pk).update(updated_at=MOMENT)
    masterplan.refresh_from_db()
    html = book_html("3", masterplan)[0]
    assert "DRAF 4 Desember 2026</div>" in html
    assert '<meta name="dcterms.modified" content="2026-12-04T00:30:00+08:00">' in html
    created = re.search(r'name="dcterms.created" content="([^"]+)"', html).group(1)
    assert datetime.datetime.fromisoformat(created) == masterplan.created_at
    assert created.endswith("+08:00")


def test_the_batch_zip_is_named_by_its_time_in_wib(client, world,
                                                   django_capture_on_commit_callbacks):
    client.force_login(world.user("admin"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("batch_export") + "?q=Bandung", {"books": ["3"]})
    batch = ExportBatch.objects.get()
    ExportBatch.objects.filter(pk=batch.pk).update(created_at=MOMENT)
    archive = client.get(reverse("batch_export_download", kwargs={"batch_pk": batch.pk}))
    assert archive["Content-Disposition"] == (
        f'attachment; filename="buku-masterplan-{batch.pk}-2026-12-03-2330-WIB.zip"')
    assert zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist() == [
        "32.73-kota-bandung/buku-3.pdf"]
