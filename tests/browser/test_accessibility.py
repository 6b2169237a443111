"""axe-core (vendored) on the main pages of the demo for each role, at desktop and phone width:
no serious or critical WCAG 2.1 AA violation, and at 390 px no page scrolls sideways (a wide
table scrolls inside its own box)."""

from pathlib import Path

import pytest
from django.core.management import call_command

from .conftest import DEFAULT_TIMEOUT, submit_login

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe-core-4.12.1" / "axe.min.js").read_text()
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {
    "ketua.bandung": ["/", "/wilayah/32.73/kesiapan/tabel/ii-2/", "/wilayah/32.73/program/",
                      "/wilayah/32.73/status/", "/wilayah/32.73/buku/"],
    "pembimbing": ["/", "/wilayah/32.73/", "/wilayah/32.73/swot/", "/wilayah/32.73/komentar/",
                   "/wilayah/32.73/perubahan/"],
    "admin": ["/", "/analisis/indeks/", "/wilayah/35.10/"],
    "dewan.bandung": ["/", "/wilayah/32.73/peta-jalan/"],
}


def violations(page):
    page.evaluate(AXE)  # evaluated by the test driver, not a page script (the CSP stays on)
    result = page.evaluate("names => axe.run(document, {runOnly: {type: 'tag', values: names}})",
                           WCAG_AA)
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']} {v['help']}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_the_main_pages_pass_axe_and_fit_a_phone(browser, live_server):
    call_command("seed_demo", verbosity=0)
    found = []
    for username, paths in PAGES.items():
        for width in (1366, 390):
            context = browser.new_context(base_url=live_server.url, locale="id-ID",
                                          viewport={"width": width, "height": 900})
            context.set_default_timeout(DEFAULT_TIMEOUT)
            page = context.new_page()
            submit_login(page, username, "masterplan-demo")
            for path in paths:
                page.goto(path)
                page.wait_for_load_state("load")
                found += [f"{username} {width}px {path}: {v}" for v in violations(page)]
                if width == 390 and page.evaluate(
                        "document.documentElement.scrollWidth > window.innerWidth + 1"):
                    found.append(f"{username} {width}px {path}: the page scrolls sideways")
            context.close()
    assert found == [], "\n".join(found)
