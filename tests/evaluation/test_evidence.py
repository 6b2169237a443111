"""The evidence pack: asked for on its page, built by the render pipeline (in-process in the
tests), a zip holding the index PDF first, the uploaded regulations, the workbook parts, the
self-assessment and the survey summary; the index lists every item with its source."""

import io
import zipfile
from decimal import Decimal as D

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from evaluation import evidence
from masterplan.models import JobStatus, RenderJob
from roadmap.models import Institution, ProgramRisk

from ..roadmap.institution_helpers import PDF_BYTES, guide_regulation, make_app, make_program
from .helpers import make_cycle

pytestmark = pytest.mark.django_db


def page_url(region, year=2026):
    return reverse("evaluation_evidence", kwargs={"region_code": region.code, "year": year})


def build(client, world, capture, role="ketua"):
    client.force_login(world.users[role])
    with capture(execute=True):
        response = client.post(page_url(world.own))
    assert response.status_code == 302
    return RenderJob.objects.get(kind=evidence.EVIDENCE)


def test_the_pack_holds_every_listed_item_and_the_index_names_their_sources(client, world,
                                                                          django_capture_on_commit_callbacks):
    masterplan = world.masterplans["own"]
    cycle = make_cycle(2026, [world.own])
    score = cycle.participants.get().scores.filter(component="baseline").first()
    score.self_score, score.evidence_links = D("72.5"), "https://jdih.bandung.go.id/"
    score.save()
    regulation = guide_regulation(masterplan)
    regulation.status, regulation.number = "ditetapkan", "Perwal 12/2026"
    regulation.document.save("perwal.pdf", ContentFile(PDF_BYTES))
    make_app(masterplan, "SIPD Kota")
    ProgramRisk.objects.create(program=make_program(masterplan), risk="Keterlambatan pengadaan",
                               likelihood=3, impact=2, owner="Diskominfo")
    Institution.objects.filter(masterplan=masterplan, kind="tim").update(
        decree_number="SK 050/123", decree_date="2026-02-01")

    job = build(client, world, django_capture_on_commit_callbacks)
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert job.file.name.endswith(".zip") and job.page_count == 9

    with job.file.open("rb") as file:
        archive = zipfile.ZipFile(io.BytesIO(file.read()))
    names = archive.namelist()
    assert names[0] == "00-indeks-bukti.pdf"
    assert names[1].startswith("01-regulasi/01-") and names[1].endswith(".pdf")
    assert names[2:] == ["02-inventaris-aplikasi.xlsx", "03-kelembagaan.xlsx",
                         "04-monev-lampiran-iii.xlsx", "05-register-risiko.xlsx",
                         "06-penyelesaian-rencana-aksi.xlsx",
                         "07-penilaian-mandiri.xlsx",
                         "08-ringkasan-survei-warga.xlsx"]
    assert archive.read(names[1]) == PDF_BYTES
    apps = load_workbook(io.BytesIO(archive.read("02-inventaris-aplikasi.xlsx")))
    assert apps.sheetnames == ["Info", "Aplikasi e-Gov"]
    assert "SIPD Kota" in [cell.value for row in apps["Aplikasi e-Gov"].iter_rows()
                           for cell in row]
    risks = [[cell.value for cell in row] for row in load_workbook(
        io.BytesIO(archive.read("05-register-risiko.xlsx")))["Register risiko"].iter_rows()]
    assert any(row[2:6] == ["Keterlambatan pengadaan", None, 3, 2] for row in risks), risks
    completion = load_workbook(io.BytesIO(archive.read("06-penyelesaian-rencana-aksi.xlsx"))).active
    assert [completion.cell(row, 1).value for row in range(2, 7)] == [
        "SDM dan kelembagaan", "Infrastruktur", "Aplikasi", "Literasi", "Jumlah"]
    scores = load_workbook(io.BytesIO(archive.read("07-penilaian-mandiri.xlsx"))).active
    assert ["Baseline", "Smart Governance", "72,5"] == [
        scores.cell(2, column).value for column in (1, 2, 3)]

    index = "".join(page.extract_text() for page in
                    PdfReader(io.BytesIO(archive.read("00-indeks-bukti.pdf"))).pages)
    flat = " ".join(index.split())
    assert "Paket Bukti Evaluasi Smart City 2026 — Kota Bandung" in flat
    assert "Perwal 12/2026" in flat and "perwal" in flat
    assert "SK 050/123 tanggal 1 Februari 2026" in flat
    # A regulation without a document is listed as missing, not left out.
    assert "belum ada dokumen yang diunggah" in flat
    assert "lembar “Aplikasi e-Gov”" in flat
    assert "tidak ada berkas" in flat

    page = client.get(page_url(world.own)).content.decode()
    assert "Unduh ZIP" in page and "9 berkas" in page
    download = client.get(reverse("render_job_download",
                                  kwargs={"region_code": world.own.code, "job_pk": job.pk}))
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"].startswith(
        'attachment; filename="paket-bukti-evaluasi-2026-32.73-kota-bandung-')


def test_the_dewan_reads_the_page_but_cannot_build_a_pack(client, world):
    make_cycle(2026, [world.own])
    client.force_login(world.users["dewan"])
    page = client.get(page_url(world.own))
    assert page.status_code == 200 and "Buat paket bukti" not in page.content.decode()
    assert client.post(page_url(world.own)).status_code == 403
    assert not RenderJob.objects.exists()


def test_the_pembimbing_builds_the_pack_of_an_assigned_region(
        client, world, django_capture_on_commit_callbacks):
    make_cycle(2026, [world.own])
    job = build(client, world, django_capture_on_commit_callbacks, "pembimbing")
    assert job.status == JobStatus.SUCCEEDED and job.requested_by == world.users["pembimbing"]


def test_a_region_without_a_masterplan_is_told_there_is_nothing_to_pack(client, world):
    from ..factories import region

    denpasar = region("51.71")
    make_cycle(2026, [denpasar])
    client.force_login(world.users["admin"])
    for response in (client.get(page_url(denpasar)), client.post(page_url(denpasar))):
        assert response.status_code == 404
        assert "belum memiliki masterplan" in response.content.decode()
    assert not RenderJob.objects.exists()
