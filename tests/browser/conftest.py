"""Browser-test harness: Playwright (sync API) driving Debian's chromium against live_server.

The machine running the tests has no internet, so Playwright's own browser downloads are never
used: the tests drive the system chromium at CHROMIUM. CI installs it (.ci/run); when it is
missing the browser tests fail with a clear message instead of being skipped.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in the main thread; Django would otherwise
# refuse ORM calls made there (factories, assertions) as "async unsafe".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Milliseconds; a page of this app renders in well under a second.
DEFAULT_TIMEOUT = 15_000


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole session."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Browser tests need Debian's chromium at {CHROMIUM}, which is missing. "
            "Install it with `apt-get install -y chromium` (.ci/run does this in CI), "
            "or deselect these tests with `-m 'not browser'` (make test-fast).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def is_policy_violation(text):
    """A console message saying the browser refused something under the Content-Security-Policy
    or the Permissions-Policy (e.g. "Refused to execute inline event handler because it violates
    the following Content Security Policy directive ...")."""
    return "Content Security Policy" in text or "Permissions-Policy" in text or "Permissions policy" in text


@pytest.fixture
def policy_violations():
    """The policy violations the browser reported in this test (see `page`)."""
    return []


class InFlightRequests(set):
    """The context's requests still waiting for an answer.

    A test may end while the browser still waits on the server, e.g. for the navigation figures
    a page fetches after it loads. live_server then empties the database under that request,
    which fails the flush (PostgreSQL) or the request; so the page is closed only once every
    request was answered."""

    def __init__(self, context):
        super().__init__()
        context.on("request", lambda request: self.add(request))
        context.on("requestfinished", lambda request: self.discard(request))
        context.on("requestfailed", lambda request: self.discard(request))

    def wait_until_answered(self, page, quiet_ms=300, timeout_ms=DEFAULT_TIMEOUT):
        """Waits until no request was open for `quiet_ms`: a page that just loaded sends its
        own fetches a moment later."""
        waited = quiet = 0
        while quiet < quiet_ms and waited < timeout_ms and not page.is_closed():
            page.wait_for_timeout(50)  # lets Playwright deliver the pending events
            waited += 50
            quiet = quiet + 50 if not self else 0


@pytest.fixture
def page(browser, live_server, policy_violations):
    """A fresh page in its own context (no cookies shared between tests), based at live_server.

    The test fails if the browser reported a policy violation on any of the context's pages: a
    page that needs an inline script or style does not work in production (docs/deploy.md,
    "Security headers")."""
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    context.set_default_timeout(DEFAULT_TIMEOUT)
    context.on("console", lambda message: policy_violations.append(f"{message.type}: {message.text}")
               if is_policy_violation(message.text) else None)
    in_flight = InFlightRequests(context)
    page = context.new_page()
    try:
        yield page
    finally:
        in_flight.wait_until_answered(page)
        context.close()
    if policy_violations:
        pytest.fail("The browser reported policy violations:\n" + "\n".join(policy_violations),
                    pytrace=False)


def submit_login(page, username, password):
    """Log in through the real form at /masuk/; returns the response the submission lands on."""
    page.goto("/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Masuk", exact=True).click()
    return navigation.value


@pytest.fixture
def login(page):
    """`login(username, password)` submits the login form in this test's page."""
    return lambda username, password: submit_login(page, username, password)


@pytest.fixture
def citizen(browser, live_server, policy_violations):
    """A browser of its own, without an account (a context shares no cookies with the ketua's)."""
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    context.set_default_timeout(DEFAULT_TIMEOUT)
    context.on("console", lambda message: policy_violations.append(message.text)
               if is_policy_violation(message.text) else None)
    yield context
    context.close()
