"""Every file through an S3-compatible store, with no media directory at all.

moto's server runs on a free loopback port for this module; each test gets a bucket of its own,
the "uploads" and "generated" storages point at it and MEDIA_ROOT at a folder that must never
come to exist. Files go in through the pages, come out through the access layer (a redirect to
a signed URL for uploads), a book is rendered with the region's logo read from the bucket, and a
workbook upload is previewed and applied from it.
"""

import copy
import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import parse_qs, urlsplit
from urllib.request import urlopen

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from bimtek.models import Attachment
from books.models import BookCover
from masterplan.models import Masterplan, RenderJob, WorkbookImport
from roadmap.models import Regulation

from .bimtek.helpers import MINIMAL_PDF, visit_of
from .bimtek.helpers import pdf_upload as attachment_upload
from .bimtek.helpers import url as bimtek_url
from .masterplan.workbook_helpers import edit, entry, export_bytes, upload
from .roadmap.institution_helpers import PDF_BYTES, guide_regulation, pdf_upload

pytestmark = [pytest.mark.django_db, pytest.mark.s3]

ACCESS_KEY, SECRET_KEY, REGION = "uji", "rahasia-uji", "us-east-1"
BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def s3_storages(s3_endpoint):
    """STORAGES as the production settings make them from S3_* variables (read in a fresh
    process, since the settings module reads the environment once)."""
    environment = {**os.environ, "DEBUG": "1", "S3_BUCKET": "BUCKET", "S3_REGION": REGION,
                   "S3_ENDPOINT_URL": s3_endpoint, "S3_ACCESS_KEY": ACCESS_KEY,
                   "S3_SECRET_KEY": SECRET_KEY}
    program = ("import json; from masterplan import settings; "
               "print(json.dumps({'storages': settings.STORAGES, "
               "'expire': settings.S3_URL_EXPIRE}, default=str))")
    answer = subprocess.run([sys.executable, "-c", program], env=environment, cwd=BASE_DIR,
                            capture_output=True, text=True, check=True, timeout=60)
    return json.loads(answer.stdout)


@pytest.fixture
def bucket(settings, s3_endpoint, s3_storages, tmp_path):
    """A fresh private bucket that both storages use; (boto3 client, bucket name)."""
    name = f"uji-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, aws_access_key_id=ACCESS_KEY,
                          aws_secret_access_key=SECRET_KEY, region_name=REGION)
    client.create_bucket(Bucket=name)
    storages = copy.deepcopy(s3_storages["storages"])
    for alias in ("default", "uploads", "generated"):
        assert storages[alias]["BACKEND"] == "storages.backends.s3.S3Storage"
        storages[alias]["OPTIONS"]["bucket_name"] = name
    settings.STORAGES = {**settings.STORAGES, **storages, "staticfiles": settings.STORAGES[
        "staticfiles"]}
    settings.S3_URL_EXPIRE = s3_storages["expire"]
    settings.MEDIA_ROOT = tmp_path / "tidak-ada"
    yield client, name
    assert not settings.MEDIA_ROOT.exists()  # nothing went to a local media directory


def keys(bucket):
    client, name = bucket
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", []))


def fetch(url):
    """(status, headers, body) of a plain GET, as a browser following the redirect would."""
    try:
        with urlopen(url, timeout=10) as answer:
            return answer.status, answer.headers, answer.read()
    except HTTPError as error:
        return error.code, error.headers, error.read()


def assert_signed_redirect(response, bucket, key, expire=60):
    """The download answered with a redirect to a signed, short-lived URL of `key`."""
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    location = urlsplit(response["Location"])
    assert location.path == f"/{bucket[1]}/{key}"
    query = parse_qs(location.query)
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert len(query["X-Amz-Signature"][0]) == 64
    assert query["X-Amz-Expires"] == [str(expire)]
    assert query["X-Amz-Credential"][0].startswith(f"{ACCESS_KEY}/")
    # Without its signature the same object is refused: the bucket is private.
    assert fetch(f"{location.scheme}://{location.netloc}{location.path}")[0] == 403
    return response["Location"]


def test_a_regulation_document_is_stored_in_the_bucket_and_downloaded_by_a_signed_url(
        client, world, bucket, django_capture_on_commit_callbacks):
    perda = guide_regulation(world.masterplans["own"])
    client.force_login(world.user("anggota"))
    response = client.post(reverse("regulation_document_upload", kwargs={
        "region_code": world.own.code, "regulation_pk": perda.pk}),
        {"document": pdf_upload("Perda Smart City.pdf"), "version": perda.version})
    assert response.status_code == 302
    perda.refresh_from_db()
    assert keys(bucket) == [f"uploads/{perda.document.name}"]

    download = reverse("regulation_document", kwargs={"region_code": world.own.code,
                                                      "regulation_pk": perda.pk})
    client.force_login(world.user("dewan"))
    signed = assert_signed_redirect(client.get(download), bucket, f"uploads/{perda.document.name}")
    status, headers, body = fetch(signed)
    assert (status, body) == (200, PDF_BYTES)
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == 'attachment; filename="Perda_Smart_City.pdf"'

    # The access layer still decides: another region's team gets no URL at all.
    client.force_login(world.memberships["other"]["ketua"].user)
    assert client.get(download).status_code == 404
    # A file gone from the bucket is a plain 404, not a redirect to an error.
    bucket[0].delete_object(Bucket=bucket[1], Key=f"uploads/{perda.document.name}")
    client.force_login(world.user("dewan"))
    assert client.get(download).status_code == 404

    # Removing the document deletes the object once the change is committed.
    client.force_login(world.user("anggota"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("regulation_document_upload", kwargs={
            "region_code": world.own.code, "regulation_pk": perda.pk}),
            {"document": pdf_upload("Perda baru.pdf"), "version": perda.version})
    perda = Regulation.objects.get(pk=perda.pk)
    assert keys(bucket) == [f"uploads/{perda.document.name}"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("regulation_document_remove", kwargs={
            "region_code": world.own.code, "regulation_pk": perda.pk}),
            {"version": perda.version})
    assert keys(bucket) == []


def test_a_bimtek_attachment_is_stored_in_the_bucket_and_downloaded_by_a_signed_url(
        client, world, bucket):
    client.force_login(world.user("pembimbing"))
    response = client.post(bimtek_url("bimtek_attachment_add"),
                           {"file": attachment_upload("Notulen rapat.pdf")})
    assert response.status_code == 302
    attachment = Attachment.objects.get(report__visit=visit_of(world))
    assert keys(bucket) == [f"uploads/{attachment.file.name}"]
    client.force_login(world.user("dewan"))
    response = client.get(bimtek_url("bimtek_attachment", attachment_pk=attachment.pk))
    status, headers, body = fetch(assert_signed_redirect(response, bucket,
                                                         f"uploads/{attachment.file.name}"))
    assert (status, body) == (200, MINIMAL_PDF)
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == 'attachment; filename="Notulen_rapat.pdf"'


def test_a_book_is_rendered_with_the_logo_read_from_the_bucket(
        client, world, bucket, django_capture_on_commit_callbacks):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("ketua"))
    logo = io.BytesIO()
    Image.new("RGB", (20, 10), (0, 0, 255)).save(logo, "PNG")
    cover = BookCover.objects.get(masterplan=masterplan)
    response = client.post(reverse("book_cover", kwargs={"region_code": world.own.code}), {
        "title": "Judul sampul", "year": "2026", "version": cover.version,
        "logo": SimpleUploadedFile("lambang.png", logo.getvalue())})
    assert response.status_code == 302
    assert keys(bucket) == ["uploads/logo/32.73/lambang.png"]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("books", kwargs={"region_code": world.own.code}), {"book": "3"})
    job = RenderJob.objects.get(masterplan=masterplan)
    assert job.status == "succeeded", job.message
    assert f"generated/{job.file.name}" in keys(bucket)
    response = client.get(reverse("render_job_download", kwargs={
        "region_code": world.own.code, "job_pk": job.pk}))
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content)
    images = list(PdfReader(io.BytesIO(pdf)).pages[0].images)
    assert len(images) == 1  # the logo, fetched from the bucket by the renderer
    assert images[0].image.convert("RGB").getpixel((10, 5)) == (0, 0, 255)


def test_a_workbook_upload_is_previewed_and_applied_from_the_bucket(
        client, world, bucket, django_capture_on_commit_callbacks):
    masterplan = world.masterplans["own"]
    content = edit(export_bytes(Masterplan.objects.get(pk=masterplan.pk)),
                   lambda workbook: workbook["II.2 SDM"].__setitem__("D7", "Naik"))
    client.force_login(world.user("anggota"))
    workbook = reverse("workbook", kwargs={"region_code": world.own.code})
    response = client.post(workbook, {"file": upload(content)})
    workbook_import = WorkbookImport.objects.get()
    assert keys(bucket) == [f"uploads/{workbook_import.file.name}"]
    page = client.get(response["Location"]).content.decode()
    assert "Naik" in page and "Terapkan" in page
    response = client.post(response["Location"], {"action": "apply",
                                                   "digest": workbook_import.changes_hash})
    assert response["Location"] == workbook
    assert entry(masterplan, "human_resources", 4).value_text == "Naik"

    # A cancelled upload is deleted from the bucket once the cancellation is committed.
    content = edit(export_bytes(Masterplan.objects.get(pk=masterplan.pk)),
                   lambda workbook: workbook["II.2 SDM"].__setitem__("D7", "Turun"))
    response = client.post(workbook, {"file": upload(content)})
    second = WorkbookImport.objects.get(status=WorkbookImport.Status.PENDING)
    assert f"uploads/{second.file.name}" in keys(bucket)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"action": "cancel"})
    assert keys(bucket) == [f"uploads/{workbook_import.file.name}"]
