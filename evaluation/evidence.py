"""The evidence pack: one zip of what a region shows the evaluators, built as a document kind of
the core's render pipeline (masterplan/documents.py), so the page asks for it, a worker (or the
web process's background runner) builds it and the page polls its progress.

`gather` reads everything in the worker's process: the regulations' uploaded documents, parts of
the masterplan workbook (the application inventory, the institutions with their decrees, the
M&E worksheet of Lampiran III, the risk register with each risk's level), the self-assessment, the rencana aksi
completion table and the survey summary. `pack` (the bounded child process of the pipeline)
typesets the index PDF, which lists every item with its source (and what is missing), and
zips it all."""

import io
import zipfile
from dataclasses import dataclass, field

from django.db.models.signals import post_delete
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from weasyprint import HTML

from masterplan import clock
from masterplan.documents import Document, DocumentKind
from masterplan.models import RenderJob
from masterplan.numbers import format_number
from masterplan.rendering import pipeline
from masterplan.rendering.fetchers import DataOnlyFetcher
from masterplan.rendering.fonts import font_faces
from masterplan.rendering.typesetting import break_long_words
from masterplan.workbook.base import LABEL, put, set_widths
from masterplan.workbook.export import build_workbook
from masterplan.workbook.registry import registered_sheets
from roadmap.models import Institution, Regulation

from . import preview, services, survey_summary
from .models import Component, EvidencePackRender

EVIDENCE = "evaluation_evidence"
INDEX_NAME = "00-indeks-bukti.pdf"
FAILED = gettext_lazy("Paket bukti gagal dibuat karena kesalahan pada server. Coba lagi; jika "
                      "terulang, hubungi admin Kominfo.")
# Parts of the masterplan workbook the pack holds: (file, title, registered sheet keys).
WORKBOOK_PARTS = (
    ("02-inventaris-aplikasi.xlsx", gettext_lazy("Inventaris aplikasi e-Gov"),
     ("roadmap.applications",)),
    ("03-kelembagaan.xlsx", gettext_lazy("Kelembagaan beserta keputusan pembentukannya"),
     ("roadmap.institutions", "roadmap.institution_members")),
    ("04-monev-lampiran-iii.xlsx",
     gettext_lazy("Kertas kerja monitoring dan evaluasi (Lampiran III)"),
     ("roadmap.monitoring", "roadmap.actuals")),
    ("05-register-risiko.xlsx", gettext_lazy("Register risiko program"), ("roadmap.risks",)),
)


@dataclass
class Item:
    path: str  # in the zip; "" for something listed as missing
    title: str
    source: str
    content: bytes | None = None


@dataclass
class Pack:
    title: str
    context: dict
    items: list = field(default_factory=list)


def request_pack(evaluation, masterplan, user):
    """Queue the build of `evaluation`'s evidence pack from `masterplan` (the current one)."""
    return pipeline.request_render(
        masterplan, EVIDENCE, user,
        link=lambda job: EvidencePackRender.objects.create(job=job, evaluation=evaluation))


def latest_job(evaluation, masterplan):
    return (RenderJob.objects.filter(evidence_pack__evaluation=evaluation, masterplan=masterplan)
            .select_related("evidence_pack__evaluation__cycle").first())


def _xlsx(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _regulation_items(masterplan):
    items = []
    regulations = Regulation.objects.filter(masterplan=masterplan).order_by("position", "pk")
    for number, regulation in enumerate(regulations, start=1):
        described = ", ".join(part for part in (
            regulation.get_status_display(), regulation.number,
            clock.format_date(regulation.date) if regulation.date else "") if part)
        if not regulation.document:
            items.append(Item("", regulation.title, _("Regulasi (%(state)s): belum ada dokumen "
                                                      "yang diunggah.") % {"state": described}))
            continue
        try:
            with regulation.document.open("rb") as document:
                content = document.read()
        except OSError:
            items.append(Item("", regulation.title, _("Regulasi (%(state)s): berkas dokumennya "
                                                      "tidak ditemukan di penyimpanan.")
                              % {"state": described}))
            continue
        name = regulation.document.name.rsplit("/", 1)[-1]
        items.append(Item(f"01-regulasi/{number:02d}-{slugify(regulation.title)[:60]}.pdf",
                          regulation.title,
                          _("Regulasi (%(state)s), dokumen yang diunggah: %(name)s")
                          % {"state": described, "name": name}, content))
    return items


def _institution_lines(masterplan):
    lines = []
    for institution in Institution.objects.filter(masterplan=masterplan):
        decree = (_("SK %(number)s tanggal %(date)s") % {
            "number": institution.decree_number,
            "date": clock.format_date(institution.decree_date) if institution.decree_date
            else "–"} if institution.decree_number else _("belum ada SK"))
        lines.append(f"{institution}: {decree}")
    return lines


def _self_assessment(evaluation):
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Penilaian mandiri"
    headers = ["Komponen", "Dimensi", "Nilai mandiri", "Catatan", "Tautan bukti",
               "Nilai penilai", "Catatan penilai"]
    for column, header in enumerate(headers, start=1):
        put(ws, 1, column, header, LABEL)
    for row, score in enumerate(services.scores_of(evaluation), start=2):
        values = [Component(score.component).label, score.dimension.title,
                  format_number(score.self_score), score.self_note, score.evidence_links,
                  format_number(score.assessor_score), score.assessor_note]
        for column, value in enumerate(values, start=1):
            put(ws, row, column, str(value))
    set_widths(ws, {1: 14, 2: 20, 3: 12, 4: 50, 5: 50, 6: 12, 7: 50})
    return _xlsx(workbook)


def _completion(masterplan, year):
    """The Rencana Aksi completion table of `year` (the score preview's Output reads it too)."""
    rows = preview.action_plan_completion(masterplan, year)
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Penyelesaian rencana aksi"
    headers = ["Kategori", "Kategori rencana aksi masterplan", "Program berjalan",
               "Program selesai", "Rata-rata kemajuan", "Bagian selesai"]
    for column, header in enumerate(headers, start=1):
        put(ws, 1, column, header, LABEL)
    for number, row in enumerate([*rows, preview.completion_total(rows)], start=2):
        values = [row.label, row.category_label, format_number(row.planned),
                  format_number(row.finished), row.mean_progress_text, row.share_done_text]
        for column, value in enumerate(values, start=1):
            put(ws, number, column, str(value))
    set_widths(ws, {1: 24, 2: 32, 3: 16, 4: 16, 5: 18, 6: 16})
    return _xlsx(workbook)


def _survey(evaluation):
    summary = survey_summary.summary(evaluation)
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Ringkasan survei"
    rows = [("Tanggapan", format_number(summary.responses)),
            ("Tanggapan minimal", format_number(summary.needed)),
            ("Dihitung", "ya" if summary.counts else "belum"),
            ("Rata-rata (1–5)", format_number(summary.mean)),
            ("Indeks pada skala siklus", format_number(summary.index)), ("", ""),
            ("Pertanyaan", "Rata-rata (1–5) · jawaban")]
    rows += [(row.question.text, f"{format_number(row.mean)} · {format_number(row.count)}")
             for row in summary.questions]
    for number, (label, value) in enumerate(rows, start=1):
        put(ws, number, 1, label, LABEL if number in (1, 2, 3, 4, 5, 7) else None)
        put(ws, number, 2, value)
    set_widths(ws, {1: 70, 2: 24})
    return _xlsx(workbook), summary


def gather(evaluation, masterplan):
    """Everything the pack holds, read now (in the worker)."""
    region = masterplan.region
    cycle = evaluation.cycle
    items = _regulation_items(masterplan)
    sheet_titles = {sheet.key: sheet.title for sheet in registered_sheets()}
    for path, title, keys in WORKBOOK_PARTS:
        sheets = ", ".join(f"“{sheet_titles[key]}”" for key in keys)
        items.append(Item(path, title, _("Buku kerja masterplan “%(title)s”, lembar %(sheets)s")
                          % {"title": masterplan.title, "sheets": sheets},
                          _xlsx(build_workbook(masterplan, keys=keys))))
    institutions = _institution_lines(masterplan)
    items.append(Item("06-penyelesaian-rencana-aksi.xlsx",
                      _("Penyelesaian rencana aksi per kategori (SDM dan kelembagaan, "
                        "infrastruktur, aplikasi, literasi)"),
                      _("Catatan monev program sampai akhir %(year)s (kemajuan terakhir tiap "
                        "program)") % {"year": cycle.year},
                      _completion(masterplan, cycle.year)))
    items.append(Item("07-penilaian-mandiri.xlsx", _("Penilaian mandiri dan nilai penilai"),
                      _("Evaluasi %(year)s: nilai, catatan dan tautan bukti per komponen dan "
                        "dimensi") % {"year": cycle.year}, _self_assessment(evaluation)))
    survey_file, summary = _survey(evaluation)
    items.append(Item("08-ringkasan-survei-warga.xlsx", _("Ringkasan survei warga"),
                      _("Survei warga %(year)s: %(count)s tanggapan (minimal %(needed)s)")
                      % {"year": cycle.year, "count": format_number(summary.responses),
                         "needed": format_number(summary.needed)}, survey_file))
    created = timezone.now()
    title = _("Paket Bukti Evaluasi Smart City %(year)s — %(region)s") % {
        "year": cycle.year, "region": region.display_name}
    return Pack(title, {"region": region, "cycle": cycle, "masterplan": masterplan,
                        "created": clock.format_datetime(created, region),
                        "institutions": institutions, "font_faces": font_faces()}, items)


def index_html(pack):
    with translation.override("id"):
        return render_to_string("evaluation/evidence_index.html", {
            **pack.context, "title": pack.title, "index_name": INDEX_NAME, "items": pack.items,
            "files": [item for item in pack.items if item.content is not None]})


def pack_zip(pack):
    """(zip bytes, number of files) of a gathered pack, its index PDF first."""
    document = HTML(string=break_long_words(index_html(pack)), base_url=None,
                    url_fetcher=DataOnlyFetcher()).render()
    buffer = io.BytesIO()
    files = [item for item in pack.items if item.content is not None]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(INDEX_NAME, document.write_pdf())
        for item in files:
            archive.writestr(item.path, item.content)
    return buffer.getvalue(), len(files) + 1


def _document(job):
    evaluation = job.evidence_pack.evaluation
    masterplan = job.masterplan
    return Document(html=lambda: gather(evaluation, masterplan), typeset=pack_zip,
                    stem=f"bukti/{masterplan.region.code}/{evaluation.cycle.year}/paket-bukti")


def _download_name(job):
    region = job.masterplan.region
    stamp = clock.format_stamp(job.finished_at or job.created_at, region)
    return (f"paket-bukti-evaluasi-{job.evidence_pack.evaluation.cycle.year}-{region.code}-"
            f"{slugify(region.display_name)}-{stamp}.zip")


def _origin(job):
    year = job.evidence_pack.evaluation.cycle.year
    url = reverse("evaluation_evidence", kwargs={"region_code": job.masterplan.region.code,
                                                 "year": year})
    return url, _("Paket bukti evaluasi %(year)s") % {"year": year}


KIND = DocumentKind(
    key=EVIDENCE, document=_document,
    label=lambda job: _("Paket bukti evaluasi %(year)s")
    % {"year": job.evidence_pack.evaluation.cycle.year},
    download_name=_download_name, origin=_origin, failed=FAILED,
    select_related=("evidence_pack__evaluation__cycle",),
    extension="zip", media_type="application/zip", file_type="ZIP", count_unit="berkas")


def _delete_job(sender, instance, **kwargs):
    """A pack's render job goes with its evaluation (the link is deleted by the cascade)."""
    RenderJob.objects.filter(pk=instance.job_id).delete()


post_delete.connect(_delete_job, sender=EvidencePackRender,
                    dispatch_uid="evaluation_evidence_pack_job")
