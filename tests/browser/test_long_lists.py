"""A region with many programs in the browser: the program list a page at a time, a dimension
chosen from its counts, and a roadmap group loaded when opened and paged in place."""

import pytest

from demo.grow import grow
from masterplan.models import Region, Role
from roadmap.programs import PAGE_SIZE, programs_of

from ..factories import MasterplanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "rahasia-123"
PROGRAMS = 80  # four pages of the list; each horizon more than one page of the roadmap


@pytest.fixture
def dewan(live_server):
    region = Region.objects.get(code="32.73")
    user = UserFactory(username="dewan.program")
    MembershipFactory(user=user, region=region, role=Role.DEWAN)
    masterplan = MasterplanFactory(region=region)
    grow(masterplan, PROGRAMS)
    return user, masterplan


def test_page_through_programs_and_a_roadmap_group(page, login, dewan, policy_violations):
    user, masterplan = dewan
    ordered = list(programs_of(masterplan))
    login(user.username, PASSWORD)

    page.goto("/wilayah/32.73/program/")
    page.get_by_text("Halaman 1 dari 4").wait_for()
    assert page.locator('li[id^="program-"]').count() == PAGE_SIZE
    page.get_by_role("link", name="Berikutnya").click()
    page.get_by_text("Halaman 2 dari 4").wait_for()
    page.locator(f"#program-{ordered[PAGE_SIZE].pk}").wait_for()
    assert page.locator(f"#program-{ordered[0].pk}").count() == 0
    page.get_by_role("link", name="Sebelumnya").click()
    page.get_by_text("Halaman 1 dari 4").wait_for()

    # A dimension from the counts: only its programs, every one on one page.
    page.get_by_test_id("per-dimensi").get_by_role("link", name="2. Smart Branding").click()
    page.get_by_test_id("saringan-aktif").wait_for()
    branding = [program for program in ordered if program.element.dimension.code == "branding"]
    assert page.locator('li[id^="program-"]').count() == len(branding)
    page.get_by_role("link", name=branding[0].name).click()
    page.get_by_role("heading", name=branding[0].name).wait_for()

    # The roadmap: a horizon's programs load when it is opened, and page inside it.
    page.goto("/wilayah/32.73/peta-jalan/")
    group = page.locator("#jangka-pendek")
    assert group.locator("table").count() == 0
    group.locator("summary").click()
    group.get_by_text("Halaman 1 dari 2").wait_for()
    first_rows = group.locator("tbody tr").count()
    assert first_rows == PAGE_SIZE
    first_name = group.locator("tbody tr").first.locator("a").first.text_content()
    group.get_by_role("link", name="Berikutnya").click()
    group.get_by_text("Halaman 2 dari 2").wait_for()
    assert "/peta-jalan/" in page.url and "halaman" not in page.url  # paged in place
    assert group.locator("tbody tr").first.locator("a").first.text_content() != first_name

    # A dimension's timeline draws only its page of programs.
    dimension = page.locator("#dimensi-governance")
    dimension.locator("summary").click()
    dimension.get_by_test_id("gantt").wait_for()
    governance = [program for program in ordered if program.element.dimension.code == "governance"]
    assert dimension.locator("g[data-program]").count() == min(len(governance), PAGE_SIZE)
    assert policy_violations == []
