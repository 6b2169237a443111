"""Every page a role may open is reachable by links from its landing page.

Each demo account (one per role), and an anonymous visitor, starts at "/" (the login page for
the visitor) and follows the links of the pages it reaches, a few pages per URL pattern; a URL
pattern the access matrix lets that role open (GET) that no page links to fails the test, unless
it is listed below with the reason it needs no link."""

import pytest
from django.core.management import call_command
from django.test import Client

from masterplan.models import User

from .access_expectations import EXPECTATIONS, OK
from .crawl import crawl

ACCOUNTS = {"anonymous": None, "admin": "admin", "pembimbing": "pembimbing", "ketua": "ketua.bandung",
            "anggota": "anggota.bandung", "dewan": "dewan.bandung"}

# Pages no link needs to lead to, and why.
UNLINKED = {
    "login": "the sign-in page, for those signed out",
    "password_reset": "linked from the sign-in page, for those signed out",
    "password_reset_done": "where the reset form sends its user",
    "password_reset_confirm": "reached from the e-mail",
    "password_reset_complete": "where the confirm form sends its user",
    "password_change_done": "where the password form sends its user",
    "workspace_nav": "fetched by the navigation itself (htmx)",
    "healthz": "for load balancers",
    "portal_sitemap": "for search engines",
    "region_list": "a regional account has one region, where its landing page takes it",
    # Objects the demo does not hold; each page links them once they exist (their browser tests).
    "render_job": "a book render, listed on the books page once one is made",
    "render_job_download": "a rendered book, linked from its render job",
    "batch_export_detail": "an export of all regions' books, listed once one is made",
    "batch_export_download": "the export's archive, linked from it",
    "bimtek_attachment": "a report attachment, listed on its visit once uploaded",
    "portal_book": "a published book, linked from the region's portal page once rendered (the "
                   "test suite's seed renders none; tests/browser/test_portal.py downloads one)",
    "workbook_import": "an uploaded workbook's preview, where the upload form sends its user",
    # The REST API is read by programs, not followed by links; its docs page lists it.
    **{name: "an API endpoint, listed by /api/docs/ and /api/"
       for name in EXPECTATIONS if name.startswith("api_") and name != "api_docs"},
}
# Pages a role may open that are another role's work, and why that role gets no link.
UNLINKED_FOR = {
    "anonymous": {"evaluation_survey_public": "a region's survey link, handed to citizens by the "
                                              "region (its survey page links it)"},
    "admin": {"bimtek_notes": "the pembimbing writes the report; the admin reads it on the visit",
              "bimtek_report_edit": "the same", "bimtek_visit_edit": "the same"},
}


@pytest.fixture(scope="module")
def demo(module_db_setup):
    module_db_setup(lambda: call_command("seed_demo", verbosity=0))


@pytest.mark.parametrize("role", list(ACCOUNTS))
def test_every_page_a_role_may_open_is_linked_from_its_landing_page(demo, db, role):
    client = Client()
    if ACCOUNTS[role]:
        client.force_login(User.objects.get(username=ACCOUNTS[role]))
    reached = crawl(client)
    allowed = {name for name, case in EXPECTATIONS.items()
               if case.get is not None and case.get.own.get(role) == OK}
    missing = sorted(allowed - set(reached) - set(UNLINKED) - set(UNLINKED_FOR.get(role, {})))
    assert missing == [], f"{role}: never linked: {missing}"
