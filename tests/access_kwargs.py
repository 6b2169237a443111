"""The URL arguments of the access matrix's pages (tests/access_expectations.py): for a world and
a region, the kwargs of one URL, with the objects it names made afresh in that region."""

def region_kwargs(world, region):
    return {"region_code": region.code}


def changes_section_kwargs(world, region):
    return {"region_code": region.code, "section": "readiness"}


def masterplan_kwargs(world, region):
    key = "own" if region == world.own else "other"
    return {"region_code": region.code, "masterplan_pk": world.masterplans[key].pk}


def anggota_membership_kwargs(world, region):
    key = "own" if region == world.own else "other"
    return {"region_code": region.code,
            "membership_pk": world.memberships[key]["anggota"].pk}


def account_kwargs(world, region):
    return {"account_pk": world.users["anggota"].pk}


def account_membership_kwargs(world, region):
    return {"account_pk": world.users["anggota"].pk,
            "membership_pk": world.memberships["own"]["anggota"].pk}


def batch_kwargs(world, region):
    from masterplan.models import Batch

    return {"batch_pk": Batch.objects.first().pk}


def _masterplan(world, region):
    return world.masterplans["own" if region == world.own else "other"]


def table_kwargs(world, region):
    return {"region_code": region.code, "table": "ii-2"}


def entry_kwargs(world, region):
    entry = _masterplan(world, region).readiness_entries.filter(component__number=1,
                                                                sub_area__code="human_resources").get()
    return {"region_code": region.code, "table": "ii-2", "entry_pk": entry.pk}


def extra_entry_kwargs(world, region):
    from readiness.services import add_extra_component, sub_area_by_slug

    masterplan = _masterplan(world, region)
    entry = add_extra_component(masterplan=masterplan, text="Komponen uji",
                                sub_area=sub_area_by_slug(masterplan.edition_id, "ii-2"), user=None)
    return {"region_code": region.code, "table": "ii-2", "entry_pk": entry.pk}


def workbook_import_kwargs(world, region):
    """A pending workbook upload of the target region's current masterplan."""
    from django.core.files.base import ContentFile

    from masterplan.models import WorkbookImport
    from masterplan.workbook.export import export_masterplan

    masterplan = _masterplan(world, region)
    # Every role starts from the same untouched masterplan: its workbook is exported once.
    key = ("workbook", masterplan.pk)
    if key not in world.cache:
        world.cache[key] = export_masterplan(masterplan).content
    upload = WorkbookImport(masterplan=masterplan, original_name="uji.xlsx", changes_hash="-")
    upload.file.save("uji.xlsx", ContentFile(world.cache[key]), save=False)
    upload.save()
    return {"region_code": region.code, "import_pk": upload.pk}


def gap_row_kwargs(world, region):
    """A gap row of the target region's current masterplan (swot/strategy_urls.py)."""
    from swot.models import GapRow

    masterplan = _masterplan(world, region)
    row = GapRow.objects.create(masterplan=masterplan, to_be="Layanan perizinan daring penuh",
                                as_is="Sebagian layanan daring", action="Integrasi layanan",
                                dimension=masterplan.edition.dimensions.first())
    return {"region_code": region.code, "row_pk": row.pk}


def mission_kwargs(world, region):
    from swot.models import Mission

    mission = Mission.objects.create(masterplan=_masterplan(world, region), text="Misi uji")
    return {"region_code": region.code, "mission_pk": mission.pk}


def _sasaran(world, region):
    from swot.models import Sasaran

    masterplan = _masterplan(world, region)
    return Sasaran.objects.create(masterplan=masterplan, text="Sasaran uji",
                                  dimension=masterplan.edition.dimensions.first())


def sasaran_kwargs(world, region):
    return {"region_code": region.code, "sasaran_pk": _sasaran(world, region).pk}


def indicator_kwargs(world, region):
    from swot.models import Indicator

    sasaran = _sasaran(world, region)
    indicator = Indicator.objects.create(sasaran=sasaran, name="Indikator uji")
    return {"region_code": region.code, "sasaran_pk": sasaran.pk, "indicator_pk": indicator.pk}


def _swot_sheet(world, region):
    return _masterplan(world, region).worksheets.get(dimension__code="governance")


def swot_worksheet_kwargs(world, region):
    return {"region_code": region.code, "worksheet_pk": _swot_sheet(world, region).pk}


def swot_topic_kwargs(world, region):
    """A topic worksheet (only those can be deleted) of the target region's masterplan."""
    from swot.worksheets import add_topic_worksheet

    topic = add_topic_worksheet(_masterplan(world, region), "Topik uji")
    return {"region_code": region.code, "worksheet_pk": topic.pk}


def swot_item_kwargs(world, region):
    from swot.worksheets import add_item

    sheet = _swot_sheet(world, region)
    add_item(sheet, factor="S", text="Butir uji pertama")
    item = add_item(sheet, factor="S", text="Butir uji kedua")
    return {"region_code": region.code, "worksheet_pk": sheet.pk, "item_pk": item.pk}


def swot_strategy_kwargs(world, region):
    from swot.worksheets import add_item, add_strategy

    sheet = _swot_sheet(world, region)
    items = [add_item(sheet, factor=factor, text=f"Butir uji {factor}") for factor in "SO"]
    strategy = add_strategy(sheet, quadrant="SO", text="Strategi uji", items=items)
    return {"region_code": region.code, "worksheet_pk": sheet.pk, "strategy_pk": strategy.pk}


def _program(world, region, **fields):
    """A program of the target region's current masterplan (roadmap/program_urls.py)."""
    from masterplan.models import DimensionElement
    from roadmap.models import Program

    masterplan = _masterplan(world, region)
    element = DimensionElement.objects.filter(dimension__edition=masterplan.edition_id).first()
    return Program.objects.create(masterplan=masterplan, name="Program uji", element=element,
                                  category="aplikasi", horizon="pendek",
                                  start_year=masterplan.start_year, end_year=masterplan.start_year,
                                  **fields)


def program_kwargs(world, region):
    return {"region_code": region.code, "program_pk": _program(world, region).pk}


def quick_win_kwargs(world, region):
    return {"region_code": region.code, "program_pk": _program(world, region, is_quick_win=True).pk}


def opd_kwargs(world, region):
    """An OPD of the target region's list."""
    from roadmap.models import Opd

    return {"region_code": region.code, "opd_pk": Opd.objects.create(region=region, name="Dinas Uji").pk}


def bimtek_visit_kwargs(world, region):
    return {"region_code": region.code, "number": 1}


def bimtek_attachment_kwargs(world, region):
    """An attachment of the target region's Bimtek #1 report (bimtek/urls.py)."""
    from django.core.files.base import ContentFile

    from bimtek.models import Attachment
    from bimtek.reports import ensure_report

    report = ensure_report(_masterplan(world, region).bimtek_visits.get(session__number=1))
    attachment = Attachment(report=report, original_name="notulen.pdf",
                            content_type="application/pdf", size=9)
    attachment.file.save("notulen.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    return {"region_code": region.code, "number": 1, "attachment_pk": attachment.pk}


def forum_kwargs(world, region):
    """A supporting forum of the target region's masterplan (roadmap/institution_urls.py)."""
    from roadmap.models import Institution

    forum = Institution.objects.create(masterplan=_masterplan(world, region), kind="forum",
                                       name="Forum uji", contact="forum@example.org")
    return {"region_code": region.code, "forum_pk": forum.pk}


def regulation_kwargs(world, region):
    """A regulation the target region added, with a small PDF document."""
    from django.core.files.base import ContentFile

    from roadmap.models import Regulation

    regulation = Regulation(masterplan=_masterplan(world, region), title="Perwal uji",
                            position=9)
    regulation.document.save("perwal.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    regulation.save()
    return {"region_code": region.code, "regulation_pk": regulation.pk}


def application_kwargs(world, region):
    from roadmap.models import Application

    app = Application.objects.create(masterplan=_masterplan(world, region), name="Aplikasi uji",
                                     function="keuangan")
    return {"region_code": region.code, "application_pk": app.pk}


def render_job_kwargs(world, region):
    from django.core.files.base import ContentFile

    from books.documents import BOOK
    from masterplan.models_render import RenderJob, generated_storage

    masterplan = _masterplan(world, region)
    name = generated_storage().save(f"books/uji/{region.code}.pdf", ContentFile(b"%PDF-1.7\n"))
    job = RenderJob.objects.create(masterplan=masterplan, kind=BOOK, part="3", status="succeeded",
                                   file=name, page_count=1)
    return {"region_code": region.code, "job_pk": job.pk}


def report_job_kwargs(world, region):
    """A render job of the target region's Bimtek #1 report, still queued."""
    from bimtek import rendering

    visit = _masterplan(world, region).bimtek_visits.get(session__number=1)
    job = rendering.request_render(visit, None)
    return {"region_code": region.code, "job_pk": job.pk}


def narrative_kwargs(world, region):
    return {"region_code": region.code, "key": "latar_belakang"}


def _monev_program(world, region):
    """A program running through the masterplan's first year (roadmap/roadmap_urls.py)."""
    from masterplan.models import DimensionElement
    from roadmap.models import Program

    masterplan = _masterplan(world, region)
    return Program.objects.create(
        masterplan=masterplan, name="Program monev uji", category="aplikasi", horizon="pendek",
        element=DimensionElement.objects.filter(dimension__edition=masterplan.edition_id).first(),
        start_year=masterplan.start_year, end_year=masterplan.start_year)


def monev_program_kwargs(world, region):
    return {"region_code": region.code, "program_pk": _monev_program(world, region).pk}


def monev_record_kwargs(world, region):
    from roadmap.models import MonitoringRecord

    program = _monev_program(world, region)
    record = MonitoringRecord.objects.create(program=program, year=program.start_year, quarter=1,
                                             progress_percent=10)
    return {"region_code": region.code, "program_pk": program.pk, "record_pk": record.pk}


def risk_kwargs(world, region):
    """A risk of a program of the target region's current masterplan (roadmap/roadmap_urls.py)."""
    from roadmap.models import ProgramRisk

    risk = ProgramRisk.objects.create(program=_monev_program(world, region),
                                      risk="Keterlambatan pengadaan perangkat", likelihood=2,
                                      impact=3)
    return {"region_code": region.code, "risk_pk": risk.pk}


def _comment(world, region):
    """An open thread on the target region's masterplan (masterplan/comments.py)."""
    from masterplan.comments import add_comment

    masterplan = _masterplan(world, region)
    return add_comment(masterplan, masterplan, world.user("admin"), "Komentar uji")


def comment_kwargs(world, region):
    return {"region_code": region.code, "comment_pk": _comment(world, region).pk}


def comment_anchor_kwargs(world, region):
    masterplan = _masterplan(world, region)
    table = masterplan.readiness_entries.filter(sub_area__code="human_resources").first().sub_area
    return {"region_code": region.code, "app_model": "readiness.subarea", "object_pk": table.pk}


def export_batch_kwargs(world, region):
    from django.core.files.base import ContentFile

    from masterplan.models_render import ExportBatch

    batch = ExportBatch.objects.create(requested_by=world.user("admin"))
    batch.archive.save("uji.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18), save=True)
    return {"batch_pk": batch.pk}


def reset_kwargs(world, region):
    return {"uidb64": "MQ", "token": "set-password"}


def _publish_own(world, region):
    """The own region's masterplan published (as a draft), the other region's not: the portal's
    pages of the other region must answer 404 to everyone."""
    from portal.models import Publication

    if region == world.own:
        Publication.objects.get_or_create(masterplan=_masterplan(world, region),
                                          defaults={"as_draft": True, "published_at": "2026-12-04T12:00Z"})


def published_region_kwargs(world, region):
    _publish_own(world, region)
    return {"region_code": region.code}


def public_book_kwargs(world, region):
    """A rendered draft book of the region's masterplan, published only in the own region."""
    from django.core.files.base import ContentFile

    from books.documents import BOOK
    from masterplan.models_render import RenderJob, generated_storage

    _publish_own(world, region)
    name = generated_storage().save(f"books/uji/{region.code}-portal.pdf", ContentFile(b"%PDF-1.7\n"))
    job = RenderJob.objects.create(masterplan=_masterplan(world, region), kind=BOOK, part="3",
                                   status="succeeded", file=name, page_count=1,
                                   finished_at="2026-12-04T12:00Z")
    return {"region_code": region.code, "job_pk": job.pk}


# --- open data and the API (opendata/urls.py) --------------------------------------------------

def download_kwargs(world, region):
    return {"dataset": "program", "fmt": "csv"}


def published_download_kwargs(world, region):
    _publish_own(world, region)
    return {"region_code": region.code, "dataset": "kpi", "fmt": "json"}


def api_masterplan_kwargs(world, region):
    return {"pk": _masterplan(world, region).pk}


def api_record_kwargs(world, region):
    return {"pk": monev_record_kwargs(world, region)["record_pk"]}


def api_actual_kwargs(world, region):
    from roadmap.models import MonitoringRecord, ProgramKpi

    record = MonitoringRecord.objects.get(pk=api_record_kwargs(world, region)["pk"])
    kpi = ProgramKpi.objects.create(program=record.program, name="KPI uji")
    return {"pk": record.pk, "kpi_pk": kpi.pk}


def token_kwargs(world, region):
    """A token of the anggota's: theirs to revoke, another account's to everyone else."""
    from opendata.tokens import create_token

    token, _raw = create_token(world.user("anggota"), "Token uji")
    return {"token_pk": token.pk}
