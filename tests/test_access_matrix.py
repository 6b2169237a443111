"""The access matrix: every URL pattern of the project, every role, own region and another region.

Each named URL must have an entry in EXPECTATIONS, or `test_every_url_has_an_expectation`
fails: a new page cannot ship without saying who may reach it. For region pages, a role is
checked against its own region (Kota Bandung) and another region (Kabupaten Banyuwangi): the
other region's objects must answer 404 to everyone but admins.

Outcomes: OK (GET 200; POST answered by the view itself: 200 or a redirect that is not to the
login page), LOGIN (redirect to the login page), DENIED (403), MISSING (404), and REDIRECT for
pages that send a signed-in user elsewhere on purpose.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

OK, LOGIN, DENIED, MISSING, REDIRECT = "ok", "login", "403", "404", "redirect"
ROLES = ["anonymous", "admin", "pembimbing", "ketua", "anggota", "dewan"]
TEAM = {"ketua", "anggota"}
EVERY_ROLE = {"admin", "pembimbing", "ketua", "anggota", "dewan"}


@dataclass
class Expect:
    """Expected outcome per role for one URL and HTTP method."""

    own: dict  # role -> outcome, in the user's own region (or the only variant for global pages)
    other: dict | None = None  # role -> outcome in a region the user has no role in


def region_page(allowed, admin=OK):
    """A page of one region: `allowed` roles may use it there; admins get `admin` everywhere."""
    own = {"anonymous": LOGIN, "admin": admin}
    other = {"anonymous": LOGIN, "admin": admin}
    for role in EVERY_ROLE - {"admin"}:
        own[role] = OK if role in allowed else DENIED
        other[role] = MISSING
    return Expect(own, other)


def admin_page():
    return Expect({"anonymous": LOGIN, **{role: DENIED for role in EVERY_ROLE}, "admin": OK})


def signed_in_page():
    return Expect({"anonymous": LOGIN, **{role: OK for role in EVERY_ROLE}})


def public_page(signed_in=OK):
    return Expect({"anonymous": OK, **{role: signed_in for role in EVERY_ROLE}})


@dataclass
class Case:
    kwargs: Callable = lambda world, region: {}
    get: Expect | None = None
    post: Expect | None = None
    post_data: dict = field(default_factory=dict)


def region_kwargs(world, region):
    return {"region_code": region.code}


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


EXPECTATIONS = {
    # Sign-in and password pages.
    "login": Case(get=public_page(signed_in=REDIRECT)),
    "logout": Case(post=Expect({role: LOGIN for role in ROLES})),  # always ends at the login page
    "password_change": Case(get=signed_in_page()),
    "password_change_done": Case(get=signed_in_page()),
    "password_reset": Case(get=public_page()),
    "password_reset_done": Case(get=public_page()),
    "password_reset_confirm": Case(kwargs=reset_kwargs, get=public_page()),
    "password_reset_complete": Case(get=public_page()),
    # Dashboards and region lists (already filtered to what each role may see).
    "dashboard": Case(get=Expect({"anonymous": LOGIN, "admin": OK, "pembimbing": OK,
                                  "ketua": REDIRECT, "anggota": REDIRECT, "dewan": REDIRECT})),
    "region_list": Case(get=signed_in_page()),
    # One region.
    "region_detail": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "region_edit": Case(region_kwargs, get=region_page(set()), post=region_page(set())),
    "region_team": Case(region_kwargs, get=region_page(EVERY_ROLE),
                        post=region_page({"ketua"})),
    "region_team_remove": Case(anggota_membership_kwargs, post=region_page({"ketua"})),
    "masterplan_create": Case(region_kwargs, get=region_page({"ketua"}),
                              post=region_page({"ketua"})),
    "masterplan_edit": Case(masterplan_kwargs, get=region_page(TEAM, admin=DENIED),
                            post=region_page(TEAM, admin=DENIED)),
    "masterplan_set_current": Case(masterplan_kwargs, post=region_page({"ketua"})),
    # Readiness, performance and outlook (readiness app).
    "readiness_overview": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "readiness_table": Case(table_kwargs, get=region_page(EVERY_ROLE)),
    "readiness_entry": Case(entry_kwargs, post=region_page(TEAM, admin=DENIED)),
    "readiness_extra_add": Case(table_kwargs, post=region_page(TEAM, admin=DENIED)),
    "readiness_extra_delete": Case(extra_entry_kwargs, post=region_page(TEAM, admin=DENIED)),
    "performance": Case(region_kwargs, get=region_page(EVERY_ROLE),
                        post=region_page(TEAM, admin=DENIED)),
    "outlook": Case(region_kwargs, get=region_page(EVERY_ROLE), post=region_page(TEAM, admin=DENIED)),
    "competitiveness": Case(region_kwargs, get=region_page(EVERY_ROLE),
                            post=region_page(TEAM, admin=DENIED)),
    # Readiness summary, maturity and the cross-region index (readiness/analysis_urls.py).
    "readiness_summary": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "maturity": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "index_overview": Case(get=Expect({"anonymous": LOGIN, "admin": OK, "pembimbing": OK,
                                       "ketua": DENIED, "anggota": DENIED, "dewan": DENIED})),
    "index_overview_export": Case(get=Expect({"anonymous": LOGIN, "admin": OK, "pembimbing": OK,
                                              "ketua": DENIED, "anggota": DENIED,
                                              "dewan": DENIED})),
    # The masterplan workbook (masterplan/views/workbook.py): download for all, upload for the team.
    "workbook": Case(region_kwargs, get=region_page(EVERY_ROLE), post=region_page(TEAM, admin=DENIED)),
    "workbook_download": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "workbook_import": Case(workbook_import_kwargs, get=region_page(TEAM, admin=DENIED),
                            post=region_page(TEAM, admin=DENIED)),
    # Gap analysis, vision and mission, sasaran (swot/strategy_urls.py): read by every role,
    # changed by the region's team only.
    "gap_analysis": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "gap_row_add": Case(region_kwargs, get=region_page(TEAM, admin=DENIED),
                        post=region_page(TEAM, admin=DENIED)),
    "gap_row_edit": Case(gap_row_kwargs, get=region_page(TEAM, admin=DENIED),
                         post=region_page(TEAM, admin=DENIED)),
    "gap_row_delete": Case(gap_row_kwargs, post=region_page(TEAM, admin=DENIED)),
    "gap_row_move": Case(gap_row_kwargs, post=region_page(TEAM, admin=DENIED)),
    "vision": Case(region_kwargs, get=region_page(EVERY_ROLE), post=region_page(TEAM, admin=DENIED)),
    "vision_checks": Case(region_kwargs, get=region_page(EVERY_ROLE),
                          post=region_page(TEAM, admin=DENIED)),
    "mission_add": Case(region_kwargs, post=region_page(TEAM, admin=DENIED)),
    "mission_edit": Case(mission_kwargs, get=region_page(TEAM, admin=DENIED),
                         post=region_page(TEAM, admin=DENIED)),
    "mission_delete": Case(mission_kwargs, post=region_page(TEAM, admin=DENIED)),
    "mission_move": Case(mission_kwargs, post=region_page(TEAM, admin=DENIED)),
    "sasaran_list": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "sasaran_add": Case(region_kwargs, post=region_page(TEAM, admin=DENIED)),
    "sasaran_detail": Case(sasaran_kwargs, get=region_page(EVERY_ROLE),
                           post=region_page(TEAM, admin=DENIED)),
    "sasaran_delete": Case(sasaran_kwargs, post=region_page(TEAM, admin=DENIED)),
    "indicator_add": Case(sasaran_kwargs, get=region_page(TEAM, admin=DENIED),
                          post=region_page(TEAM, admin=DENIED)),
    "indicator_edit": Case(indicator_kwargs, get=region_page(TEAM, admin=DENIED),
                           post=region_page(TEAM, admin=DENIED)),
    "indicator_delete": Case(indicator_kwargs, post=region_page(TEAM, admin=DENIED)),
    # SWOT worksheets and TOWS strategies (swot/worksheet_urls.py).
    "swot_overview": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "swot_worksheet_add": Case(region_kwargs, post=region_page(TEAM, admin=DENIED)),
    "swot_worksheet": Case(swot_worksheet_kwargs, get=region_page(EVERY_ROLE)),
    "swot_worksheet_delete": Case(swot_topic_kwargs, post=region_page(TEAM, admin=DENIED)),
    "swot_item_add": Case(swot_worksheet_kwargs, post=region_page(TEAM, admin=DENIED)),
    "swot_item_edit": Case(swot_item_kwargs, post=region_page(TEAM, admin=DENIED)),
    "swot_item_evidence": Case(swot_item_kwargs, get=region_page(TEAM, admin=DENIED),
                               post=region_page(TEAM, admin=DENIED)),
    "swot_item_move": Case(swot_item_kwargs, post=region_page(TEAM, admin=DENIED)),
    "swot_item_delete": Case(swot_item_kwargs, post=region_page(TEAM, admin=DENIED)),
    "swot_strategy_add": Case(swot_worksheet_kwargs, post=region_page(TEAM, admin=DENIED)),
    "swot_strategy_edit": Case(swot_strategy_kwargs, post=region_page(TEAM, admin=DENIED)),
    "swot_strategy_delete": Case(swot_strategy_kwargs, post=region_page(TEAM, admin=DENIED)),
    # Programs, quick wins and the region's OPD list (roadmap/program_urls.py): read by every
    # role, changed by the region's team only.
    "program_list": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "program_add": Case(region_kwargs, get=region_page(TEAM, admin=DENIED),
                        post=region_page(TEAM, admin=DENIED)),
    "program_detail": Case(program_kwargs, get=region_page(EVERY_ROLE)),
    "program_edit": Case(program_kwargs, get=region_page(TEAM, admin=DENIED),
                         post=region_page(TEAM, admin=DENIED)),
    "program_delete": Case(program_kwargs, get=region_page(TEAM, admin=DENIED),
                           post=region_page(TEAM, admin=DENIED)),
    "program_quick_win": Case(quick_win_kwargs, get=region_page(EVERY_ROLE),
                              post=region_page(TEAM, admin=DENIED)),
    "opd_list": Case(region_kwargs, get=region_page(EVERY_ROLE), post=region_page(TEAM, admin=DENIED)),
    "opd_edit": Case(opd_kwargs, post=region_page(TEAM, admin=DENIED)),
    "opd_delete": Case(opd_kwargs, post=region_page(TEAM, admin=DENIED)),
    "opd_move": Case(opd_kwargs, post=region_page(TEAM, admin=DENIED)),
    # Review workflow: every viewer may post; the transition itself checks the role (422/403).
    "masterplan_status": Case(region_kwargs, get=region_page(EVERY_ROLE),
                              post=region_page(EVERY_ROLE)),
    "masterplan_changes": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "stages": Case(region_kwargs, get=region_page(EVERY_ROLE), post=region_page(TEAM, admin=DENIED)),
    # Bimtek (bimtek/urls.py): every role reads; visit data by pembimbing, ketua and admins;
    # reports by pembimbing and admins; signatures by the region's pembimbing and ketua only.
    "bimtek_overview": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "bimtek_visit": Case(bimtek_visit_kwargs, get=region_page(EVERY_ROLE)),
    "bimtek_visit_edit": Case(bimtek_visit_kwargs, get=region_page({"pembimbing", "ketua"}),
                              post=region_page({"pembimbing", "ketua"})),
    "bimtek_report_edit": Case(bimtek_visit_kwargs, get=region_page({"pembimbing"}),
                               post=region_page({"pembimbing"})),
    "bimtek_notes": Case(bimtek_visit_kwargs, get=region_page({"pembimbing"}),
                         post=region_page({"pembimbing"})),
    # Whoever reads the report may have it rendered (a render job polled on the visit page).
    "bimtek_report_pdf": Case(bimtek_visit_kwargs, post=region_page(EVERY_ROLE)),
    "bimtek_sign": Case(bimtek_visit_kwargs, post=region_page({"pembimbing", "ketua"}, admin=DENIED)),
    "bimtek_unsign": Case(bimtek_visit_kwargs,
                          post=region_page({"pembimbing", "ketua"}, admin=DENIED)),
    "bimtek_attachment_add": Case(bimtek_visit_kwargs, post=region_page({"pembimbing"})),
    "bimtek_attachment": Case(bimtek_attachment_kwargs, get=region_page(EVERY_ROLE)),
    "bimtek_attachment_delete": Case(bimtek_attachment_kwargs, post=region_page({"pembimbing"})),
    "bimtek_matrix": Case(get=admin_page()),
    "bimtek_matrix_export": Case(get=admin_page()),
    "bimtek_my_reports": Case(get=Expect({"anonymous": LOGIN, "admin": DENIED, "pembimbing": OK,
                                          "ketua": DENIED, "anggota": DENIED, "dewan": DENIED})),
    # Institutions, regulations and the e-Gov inventory (roadmap/institution_urls.py): read by
    # every role (documents too), changed by the region's team only.
    "institution_overview": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "institution_council_edit": Case(region_kwargs, get=region_page(TEAM, admin=DENIED),
                                     post=region_page(TEAM, admin=DENIED)),
    "institution_team_edit": Case(region_kwargs, get=region_page(TEAM, admin=DENIED),
                                  post=region_page(TEAM, admin=DENIED)),
    "institution_forum_add": Case(region_kwargs, get=region_page(TEAM, admin=DENIED),
                                  post=region_page(TEAM, admin=DENIED)),
    "institution_forum_edit": Case(forum_kwargs, get=region_page(TEAM, admin=DENIED),
                                   post=region_page(TEAM, admin=DENIED)),
    "institution_forum_delete": Case(forum_kwargs, post=region_page(TEAM, admin=DENIED)),
    "regulation_list": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "regulation_add": Case(region_kwargs, get=region_page(TEAM, admin=DENIED),
                           post=region_page(TEAM, admin=DENIED)),
    "regulation_edit": Case(regulation_kwargs, get=region_page(TEAM, admin=DENIED),
                            post=region_page(TEAM, admin=DENIED)),
    "regulation_delete": Case(regulation_kwargs, post=region_page(TEAM, admin=DENIED)),
    "regulation_document_upload": Case(regulation_kwargs, post=region_page(TEAM, admin=DENIED)),
    "regulation_document_remove": Case(regulation_kwargs, post=region_page(TEAM, admin=DENIED)),
    "regulation_document": Case(regulation_kwargs, get=region_page(EVERY_ROLE)),
    "application_list": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "application_add": Case(region_kwargs, get=region_page(TEAM, admin=DENIED),
                            post=region_page(TEAM, admin=DENIED)),
    "application_edit": Case(application_kwargs, get=region_page(TEAM, admin=DENIED),
                             post=region_page(TEAM, admin=DENIED)),
    "application_delete": Case(application_kwargs, post=region_page(TEAM, admin=DENIED)),
    # Books (masterplan/views/books.py): renders by the team, the pembimbing and admins.
    "books": Case(region_kwargs, get=region_page(EVERY_ROLE),
                  post=region_page({"ketua", "anggota", "pembimbing"})),
    # Render jobs of books and of Bimtek reports alike: everyone who reads the region.
    "render_job": Case(report_job_kwargs, get=region_page(EVERY_ROLE)),
    "render_job_download": Case(render_job_kwargs, get=region_page(EVERY_ROLE)),
    "narratives": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "narrative_edit": Case(narrative_kwargs, get=region_page(EVERY_ROLE),
                           post=region_page(TEAM, admin=DENIED)),
    "book_cover": Case(region_kwargs, get=region_page(EVERY_ROLE),
                       post=region_page(TEAM, admin=DENIED)),
    # Roadmap and monitoring & evaluation (roadmap/roadmap_urls.py): read by every role,
    # M&E records written by the region's team only.
    "roadmap": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "roadmap_export": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "monitoring_worksheet": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "monitoring_program": Case(monev_program_kwargs, get=region_page(EVERY_ROLE)),
    "monitoring_record_add": Case(monev_program_kwargs, get=region_page(TEAM, admin=DENIED),
                                  post=region_page(TEAM, admin=DENIED)),
    "monitoring_record_edit": Case(monev_record_kwargs, get=region_page(TEAM, admin=DENIED),
                                   post=region_page(TEAM, admin=DENIED)),
    "monitoring_record_delete": Case(monev_record_kwargs, post=region_page(TEAM, admin=DENIED)),
    # Review comments (masterplan/comment_urls.py): every role reads; threads are started by the
    # pembimbing and admins, replied to, resolved and reopened by them and the team; dewan reads.
    "region_comments": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "comment_thread": Case(comment_kwargs, get=region_page(EVERY_ROLE)),
    "comment_anchor": Case(comment_anchor_kwargs, get=region_page(EVERY_ROLE),
                           post=region_page({"pembimbing"}), post_data={"text": "Komentar uji"}),
    "comment_reply": Case(comment_kwargs, post=region_page({"pembimbing", *TEAM}),
                          post_data={"text": "Balasan uji"}),
    "comment_resolve": Case(comment_kwargs, post=region_page({"pembimbing", *TEAM})),
    "comment_reopen": Case(comment_kwargs, post=region_page({"pembimbing", *TEAM})),
    "comment_inbox": Case(get=Expect({"anonymous": LOGIN, "admin": OK, "pembimbing": OK,
                                      "ketua": DENIED, "anggota": DENIED, "dewan": DENIED})),
    "notifications": Case(get=signed_in_page(), post=signed_in_page()),
    # Kominfo admin pages.
    "account_list": Case(get=admin_page()),
    "account_create": Case(get=admin_page(), post=admin_page()),
    "account_edit": Case(account_kwargs, get=admin_page(), post=admin_page()),
    "account_membership_add": Case(account_kwargs, post=admin_page()),
    "account_membership_remove": Case(account_membership_kwargs, post=admin_page()),
    "batch_list": Case(get=admin_page()),
    "batch_export": Case(get=admin_page(), post=admin_page()),
    "batch_export_detail": Case(export_batch_kwargs, get=admin_page()),
    "batch_export_download": Case(export_batch_kwargs, get=admin_page()),
    "batch_create": Case(get=admin_page(), post=admin_page()),
    "batch_edit": Case(batch_kwargs, get=admin_page(), post=admin_page()),
}


def url_names(patterns=None, namespace=""):
    """Every URL pattern name of the project (unnamed patterns yield None so they fail too)."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else None


def test_every_url_has_an_expectation():
    names = list(url_names())
    assert None not in names, "every URL pattern needs a name so the access matrix can cover it"
    assert sorted(set(names) - set(EXPECTATIONS)) == [], "URLs without an access expectation"
    assert sorted(set(EXPECTATIONS) - set(names)) == [], "expectations for URLs that do not exist"


def _cases():
    for name, case in EXPECTATIONS.items():
        for method in ("get", "post"):
            expect = getattr(case, method)
            if expect is None:
                continue
            for target in ("own", "other") if expect.other else ("own",):
                yield pytest.param(name, method, target, id=f"{name}-{method}-{target}")


def outcome(response):
    status = response.status_code
    if status in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("login")):
            return LOGIN
        return REDIRECT
    # 422: the view handled the request and refused the input (form errors).
    return {200: OK, 422: OK, 403: DENIED, 404: MISSING}.get(status, str(status))


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploads made by kwargs functions (workbook imports) go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


def check_role(world, name, method, target, role):
    """Request the URL as `role`; None when the outcome is the expected one, else what went wrong.

    Runs in a savepoint that is rolled back, with the URL's objects made afresh, so a POST of one
    role (a delete, an import) never changes what the next role finds."""
    case = EXPECTATIONS[name]
    expect = getattr(case, method)
    expected = (expect.other if target == "other" else expect.own)[role]
    world = world.fresh()
    region = world.other if target == "other" else world.own
    url = name
    with transaction.atomic():
        try:
            url = reverse(name, kwargs=case.kwargs(world, region))
            client = Client()
            if role != "anonymous":
                client.force_login(world.user(role))
            response = getattr(client, method)(url, case.post_data)
        except Exception as error:  # noqa: BLE001 - reported with the URL and role below
            return f"{method.upper()} {url} as {role} ({target} region): raised {error!r}"
        finally:
            transaction.set_rollback(True)
    got = outcome(response)
    # A POST that the view handled may answer with the page (form errors) or a redirect.
    allowed = (OK, REDIRECT) if method == "post" and expected == OK else (expected,)
    if got in allowed:
        return None
    return (f"{method.upper()} {url} as {role} ({target} region): expected {expected}, "
            f"got {got} ({response.status_code})")


@pytest.mark.parametrize("name,method,target", list(_cases()))
def test_access(module_world, name, method, target):
    """Every role against one URL, method and region; the message lists every role that failed."""
    failures = [failure for role in ROLES
                if (failure := check_role(module_world, name, method, target, role))]
    assert not failures, "\n".join(failures)
