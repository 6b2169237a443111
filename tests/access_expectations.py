"""Who may reach each URL of the project (the access matrix, tests/test_access_matrix.py): an
Expect per role for GET and POST, in the user's own region and another one."""

from collections.abc import Callable
from dataclasses import dataclass, field

from .access_kwargs import (
    account_kwargs,
    account_membership_kwargs,
    anggota_membership_kwargs,
    api_actual_kwargs,
    api_masterplan_kwargs,
    api_record_kwargs,
    application_kwargs,
    batch_kwargs,
    bimtek_attachment_kwargs,
    bimtek_visit_kwargs,
    changes_section_kwargs,
    comment_anchor_kwargs,
    comment_kwargs,
    download_kwargs,
    entry_kwargs,
    export_batch_kwargs,
    extra_entry_kwargs,
    forum_kwargs,
    gap_row_kwargs,
    indicator_kwargs,
    masterplan_kwargs,
    mission_kwargs,
    monev_program_kwargs,
    monev_record_kwargs,
    narrative_kwargs,
    opd_kwargs,
    program_kwargs,
    public_book_kwargs,
    published_download_kwargs,
    published_region_kwargs,
    quick_win_kwargs,
    region_kwargs,
    regulation_kwargs,
    render_job_kwargs,
    report_job_kwargs,
    reset_kwargs,
    risk_kwargs,
    sasaran_kwargs,
    swot_item_kwargs,
    swot_strategy_kwargs,
    swot_topic_kwargs,
    swot_worksheet_kwargs,
    table_kwargs,
    token_kwargs,
    workbook_import_kwargs,
)

OK, LOGIN, DENIED, MISSING, REDIRECT = "ok", "login", "403", "404", "redirect"
UNAUTHENTICATED = "401"  # the API: a write without a token or a session
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


def published_page():
    """A page of the public portal about one region: everyone, signed in or not, reads it while
    the region's masterplan is published (own region); nobody at all when it is not (other)."""
    return Expect({role: OK for role in ROLES}, {role: MISSING for role in ROLES})


def admin_page():
    return Expect({"anonymous": LOGIN, **{role: DENIED for role in EVERY_ROLE}, "admin": OK})


def signed_in_page():
    return Expect({"anonymous": LOGIN, **{role: OK for role in EVERY_ROLE}})


def public_page(signed_in=OK):
    return Expect({"anonymous": OK, **{role: signed_in for role in EVERY_ROLE}})


def api_region_resource():
    """An API resource of one region: unknown (404) to anonymous requests while unpublished,
    read by every role of the region, unknown to other regions' roles (admins read all)."""
    own = {"anonymous": MISSING, **{role: OK for role in EVERY_ROLE}}
    other = {"anonymous": MISSING, **{role: MISSING for role in EVERY_ROLE}, "admin": OK}
    return Expect(own, other)


def api_write():
    """An API write: 401 without a token or session; the view itself answers everyone else
    (its access checks come after the input's shape, see tests/opendata/test_api_write.py)."""
    return Expect({"anonymous": UNAUTHENTICATED, **{role: OK for role in EVERY_ROLE}})


def as_anonymous(expect):
    """What a token gets from a page that reads no token: the anonymous outcome for every role."""
    def anonymous(outcomes):
        return {role: outcomes["anonymous"] for role in outcomes}
    return Expect(anonymous(expect.own), anonymous(expect.other) if expect.other else None)


@dataclass
class Case:
    """`token_get` / `token_post`: the outcome for a request with each role's personal API
    token (Authorization: Bearer ...) instead of a session; every /api/, /data/ and /profil/
    URL has them (tests/test_access_matrix.py)."""

    kwargs: Callable = lambda world, region: {}
    get: Expect | None = None
    post: Expect | None = None
    post_data: dict = field(default_factory=dict)
    token_get: Expect | None = None
    token_post: Expect | None = None


def public_data(kwargs=lambda world, region: {}):
    """An open-data page or file: the same for everyone, a token changes nothing."""
    return Case(kwargs, get=public_page(), token_get=public_page())


def api_read(kwargs=lambda world, region: {}, get=None):
    """An API read: a token reaches what a session of the same account reaches."""
    get = get or public_page()
    return Case(kwargs, get=get, token_get=get)


def _api_dataset_cases():
    from opendata.datasets import DATASETS

    cases = {}
    for name in DATASETS:
        cases[f"api_{name}_list"] = api_read()
        if name != "masterplan":
            cases[f"api_region_{name}_list"] = api_read(region_kwargs, api_region_resource())
    cases["api_monev_list"] = Case(get=public_page(), token_get=public_page(),
                                   post=api_write(), token_post=api_write())
    return cases


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
    # Asked for by browsers on their own, signed in or not: a redirect to the static icon.
    "favicon": Case(get=Expect({role: REDIRECT for role in ROLES})),
    # Load balancers' probe: no login, the same answer for everyone.
    "healthz": Case(get=public_page()),
    # Dashboards and region lists (already filtered to what each role may see).
    "dashboard": Case(get=Expect({"anonymous": LOGIN, "admin": OK, "pembimbing": OK,
                                  "ketua": REDIRECT, "anggota": REDIRECT, "dewan": REDIRECT})),
    "region_list": Case(get=signed_in_page()),
    # One region.
    "workspace_nav": Case(region_kwargs, get=region_page(EVERY_ROLE)),
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
    "readiness_table_save": Case(table_kwargs, post=region_page(TEAM, admin=DENIED)),
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
    "masterplan_changes_section": Case(changes_section_kwargs, get=region_page(EVERY_ROLE)),
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
    "roadmap_programs": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "roadmap_export": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "monitoring_worksheet": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "monitoring_program": Case(monev_program_kwargs, get=region_page(EVERY_ROLE)),
    "monitoring_record_add": Case(monev_program_kwargs, get=region_page(TEAM, admin=DENIED),
                                  post=region_page(TEAM, admin=DENIED)),
    "monitoring_record_edit": Case(monev_record_kwargs, get=region_page(TEAM, admin=DENIED),
                                   post=region_page(TEAM, admin=DENIED)),
    "monitoring_record_delete": Case(monev_record_kwargs, post=region_page(TEAM, admin=DENIED)),
    # The risk register (roadmap/roadmap_urls.py): read by every role, a program's risks added,
    # changed and deleted by the region's team only.
    "risk_register": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "risk_add": Case(monev_program_kwargs, get=region_page(TEAM, admin=DENIED),
                     post=region_page(TEAM, admin=DENIED)),
    "risk_edit": Case(risk_kwargs, get=region_page(TEAM, admin=DENIED),
                      post=region_page(TEAM, admin=DENIED)),
    "risk_delete": Case(risk_kwargs, post=region_page(TEAM, admin=DENIED)),
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
    # The public portal (portal/urls.py): no login; a region's pages only while its masterplan
    # is published, for admins too. Publishing (portal/region_urls.py): every role reads the
    # page and its log; the ketua and admins publish and withdraw.
    "portal_national": Case(get=public_page()),
    "portal_sitemap": Case(get=public_page()),
    "portal_region": Case(published_region_kwargs, get=published_page()),
    "portal_programs": Case(published_region_kwargs, get=published_page()),
    "portal_roadmap": Case(published_region_kwargs, get=published_page()),
    "portal_kpi": Case(published_region_kwargs, get=published_page()),
    "portal_institutions": Case(published_region_kwargs, get=published_page()),
    "portal_book": Case(public_book_kwargs, get=published_page()),
    "publication": Case(region_kwargs, get=region_page(EVERY_ROLE), post=region_page({"ketua"})),
    "publication_withdraw": Case(published_region_kwargs, post=region_page({"ketua"})),
    # Open data (opendata/urls.py): published masterplans only, the same for everyone.
    "opendata_index": public_data(),
    "opendata_dictionary": public_data(),
    "opendata_dictionary_file": public_data(),
    "opendata_dictionary_csv": public_data(),
    "opendata_bundle": public_data(),
    "opendata_download": public_data(download_kwargs),
    "opendata_region": public_data(published_region_kwargs),
    "opendata_region_bundle": public_data(published_region_kwargs),
    "opendata_region_download": public_data(published_download_kwargs),
    # The profile page and personal API tokens: the account's own; a token does not sign in.
    "profile": Case(get=signed_in_page(), post=signed_in_page(),
                    token_get=as_anonymous(signed_in_page()),
                    token_post=as_anonymous(signed_in_page())),
    "profile_token_revoke": Case(
        token_kwargs, post=Expect({"anonymous": LOGIN, **{role: MISSING for role in EVERY_ROLE},
                                   "anggota": OK}),
        token_post=Expect({role: LOGIN for role in ROLES})),
    # The REST API (opendata/api/): lists are filtered to what each request may read; one
    # region's resources are unknown outside it while it is unpublished.
    "api_root": api_read(),
    "api_schema": api_read(),
    "api_docs": api_read(),
    "api_region_list": api_read(),
    "api_region_detail": api_read(region_kwargs, api_region_resource()),
    "api_masterplan_detail": api_read(api_masterplan_kwargs, api_region_resource()),
    **_api_dataset_cases(),
    "api_monev_detail": api_read(api_record_kwargs, api_region_resource()),
    "api_kpi_actual": api_read(api_actual_kwargs, api_region_resource()),
}

# The yearly evaluation's URLs, one module per part (tests/access_evaluation/).
from .access_evaluation import evaluation_cases  # noqa: E402

EXPECTATIONS.update(evaluation_cases())
