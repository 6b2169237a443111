"""axe-core (vendored) on the demo: no serious or critical WCAG 2.1 AA violation on any page a
role reaches by links from its landing page, and neither at 1366 px nor at 390 px does a page
scroll sideways (a wide table scrolls inside its own box; the navigation fits the laptop). The
main pages are also checked with axe at phone width, where the navigation collapses.

One test per role, so the crawls run side by side. The anggota is left out: an anggota opens the
ketua's pages, from the same templates, with the team-management controls less (EDIT is the
same right); that every page of the anggota is linked stays tests/test_reachability.py's check."""

from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

from ..access_expectations import EXPECTATIONS, OK
from .conftest import DEFAULT_TIMEOUT, InFlightRequests, submit_login

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe-core-4.12.1" / "axe.min.js").read_text()
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "masterplan-demo"
# Of the roles the ketua sees the most controls on the most pages (see CONTRAST).
ACCOUNTS = {"ketua.bandung": "ketua", "admin": "admin", "pembimbing": "pembimbing",
            "dewan.bandung": "dewan"}
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 900}
# Checked with axe at phone width too, where the navigation collapses behind its button.
PHONE_PAGES = {
    "ketua.bandung": ["/", "/wilayah/32.73/kesiapan/tabel/ii-2/", "/wilayah/32.73/program/",
                      "/wilayah/32.73/status/", "/wilayah/32.73/buku/"],
    "admin": ["/", "/analisis/indeks/"],
    "pembimbing": ["/wilayah/32.73/swot/", "/wilayah/32.73/perubahan/"],
    "dewan.bandung": ["/wilayah/32.73/peta-jalan/"],
}
# axe's colour-contrast rule takes four fifths of its time. Contrast comes from the stylesheet
# and the classes a page's template uses, not from the role, so it is checked once per URL
# pattern: by the ketua on every page it reaches, by another role only on the pages the access
# matrix keeps from the ketua. Every other rule runs on every page of every role.
CONTRAST = "color-contrast"


def ketua_may_open(url_name):
    case = EXPECTATIONS.get(url_name)
    return bool(case and case.get and case.get.own.get("ketua") == OK)


# Rules a vendored third-party page breaks in markup and styles of its own making: Swagger UI
# (the API's docs for developers, drf-spectacular-sidecar) puts a button inside each operation's
# summary button and colours its method badges and buttons below AA contrast (static/css/
# api-docs.css darkens the page head's). Every other rule still runs there.
VENDORED_MARKUP = {"api_docs": {"nested-interactive", CONTRAST}}


def violations(page, contrast=True, url_name=None):
    page.evaluate(AXE)  # evaluated by the test driver, not a page script (the CSP stays on)
    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    skipped = set(VENDORED_MARKUP.get(url_name, ())) | (set() if contrast else {CONTRAST})
    if skipped:
        options["rules"] = {rule: {"enabled": False} for rule in skipped}
    result = page.evaluate("options => axe.run(document, options)", options)
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']} {v['help']}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def open_settled(page, path):
    """Opens `path` and waits for the navigation to swap in its figures (fetched after load), so
    axe sees the page as it stays."""
    page.goto(path)
    page.wait_for_selector("#workspace-nav[hx-get]", state="detached")


def linked_paths(page):
    """The paths of this app the page links to."""
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
        parts = urlsplit(href)
        if parts.netloc == urlsplit(page.url).netloc and not parts.path.startswith("/static/"):
            yield parts.path


def each_page_by_links(page):
    """Follows the links from the landing page, opening one page of every URL pattern reached
    (breadth first), and yields each page's URL name once it has settled. That every page a role
    may open is linked at all is tests/test_reachability.py's check."""
    queue, seen = deque(["/"]), set()
    while queue:
        path = queue.popleft()
        try:
            response = page.goto(path)
        except PlaywrightError:  # a download (a PDF, a workbook): not a page
            continue
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        page.wait_for_selector("#workspace-nav[hx-get]", state="detached")
        name = resolve(urlsplit(page.url).path).url_name
        if name == "api_docs":  # Swagger UI draws the page after loading the schema
            page.wait_for_selector(".swagger-ui .opblock")
        yield name
        for linked in linked_paths(page):
            try:
                name = resolve(linked).url_name
            except Resolver404:
                continue
            if name not in seen:
                seen.add(name)
                queue.append(linked)


@pytest.mark.parametrize("username", ACCOUNTS)
def test_every_page_a_role_reaches_passes_axe_and_fits_a_phone(browser, live_server, username):
    call_command("seed_demo", verbosity=0)
    found, pages = [], 0
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=DESKTOP)
    context.set_default_timeout(DEFAULT_TIMEOUT)
    in_flight = InFlightRequests(context)
    page = context.new_page()
    submit_login(page, username, PASSWORD)
    for name in each_page_by_links(page):
        pages += 1
        path = urlsplit(page.url).path
        contrast = ACCOUNTS[username] == "ketua" or not ketua_may_open(name)
        found += [f"{username} {path}: {v}"
                  for v in violations(page, contrast=contrast, url_name=name)]
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
            found.append(f"{username} {path}: at 1366 px the page scrolls sideways")
        page.set_viewport_size(PHONE)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
            found.append(f"{username} {path}: at 390 px the page scrolls sideways")
        page.set_viewport_size(DESKTOP)
    page.set_viewport_size(PHONE)
    for path in PHONE_PAGES.get(username, []):
        open_settled(page, path)
        found += [f"{username} {path} at 390 px: {v}" for v in violations(page)]
    in_flight.wait_until_answered(page)
    context.close()
    # The crawl found the role's workspace, not just its landing page.
    assert pages > 30, pages
    assert found == [], "\n".join(found)
