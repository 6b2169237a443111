"""The pages under the Content-Security-Policy: confirmations without inline handlers, the
headers as the browser gets them, and the harness's check that fails every browser test whose
pages made the browser report a policy violation (conftest.page; docs/deploy.md, "Security
headers")."""

import pytest
from django.urls import get_resolver
from django.urls.resolvers import URLResolver

from masterplan.models import Region, Role
from roadmap.models import Opd

from ..factories import AdminFactory, MasterplanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "rahasia-123"  # UserFactory's password
REGION = "32.73"  # Kota Bandung


@pytest.fixture
def ketua(live_server):
    region = Region.objects.get(code=REGION)
    user = UserFactory(username="ketua.csp")
    MembershipFactory(user=user, region=region, role=Role.KETUA)
    MasterplanFactory(region=region)
    Opd.objects.create(region=region, name="Dinas Perhubungan", short_name="Dishub")
    return user


def test_delete_asks_first_and_keeps_the_row_when_cancelled(page, login, ketua):
    login(ketua.username, PASSWORD)
    page.goto(f"/wilayah/{REGION}/opd/")
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    page.get_by_role("button", name="Hapus Dinas Perhubungan").click()
    page.wait_for_timeout(300)
    assert questions == ["Hapus OPD ini dari daftar?"]
    assert Opd.objects.filter(name="Dinas Perhubungan").exists()

    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    with page.expect_navigation():
        page.get_by_role("button", name="Hapus Dinas Perhubungan").click()
    assert len(questions) == 2
    assert not Opd.objects.filter(name="Dinas Perhubungan").exists()


def test_pages_are_sent_with_the_policy_and_private_caching(page, login, ketua):
    login(ketua.username, PASSWORD)
    response = page.goto(f"/wilayah/{REGION}/")
    headers = response.headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "camera=()" in headers["permissions-policy"]
    assert headers["cache-control"] == "private, no-store"
    # The navbar's dropdown (Bootstrap's script) still works under the policy.
    page.locator(".navbar .dropdown-toggle").last.click()  # the account menu
    page.get_by_role("button", name="Keluar").wait_for(state="visible")


def test_the_harness_catches_a_violation(page, login, ketua, policy_violations):
    login(ketua.username, PASSWORD)
    page.goto(f"/wilayah/{REGION}/")
    page.evaluate("""document.body.insertAdjacentHTML(
        'beforeend', '<img src="data:," onerror="document.title = 1">')""")
    page.wait_for_timeout(300)
    assert any("Content Security Policy" in message for message in policy_violations)
    assert page.title() != "1"
    policy_violations.clear()  # seen on purpose: let this test pass


def answers_get(pattern):
    view_class = getattr(pattern.callback, "view_class", None)
    return view_class is None or (hasattr(view_class, "get") and "get" in view_class.http_method_names)


def simple_pages(patterns=None, prefix=""):
    """Every page whose address needs no argument but the region's code, except POST-only views,
    the ones that act or download on GET (the open-data files among them), and XML for machines
    (the portal's sitemap.xml, which the browser's own XML viewer would style inline) and the
    API's OpenAPI schema (a YAML file)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        path = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from simple_pages(pattern.url_patterns, path)
        elif ("<" not in path.replace("<str:region_code>", "") and answers_get(pattern)
              and not any(word in path for word in ("keluar", "unduh", "ekspor/", ".xml", ".json",
                                                    ".csv", "api/schema/"))):
            yield "/" + path.replace("<str:region_code>", REGION)


@pytest.mark.parametrize("role", ["admin", "ketua"])
def test_every_simple_page_renders_without_a_policy_violation(page, login, ketua, role, policy_violations):
    user = AdminFactory(username="admin.csp") if role == "admin" else ketua
    login(user.username, PASSWORD)
    visited = []
    for path in simple_pages():
        response = page.goto(path)
        assert response.status < 500, path
        visited.append(path)
        assert not policy_violations, (path, policy_violations)
    assert len(visited) > 40
