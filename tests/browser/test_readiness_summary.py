"""A pembimbing finds a region in the index overview and opens its maturity chart."""

import pytest

from masterplan.models import Region, Role
from readiness.models import PerformanceAssessment, ReadinessEntry

from ..factories import MasterplanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "rahasia-123"  # UserFactory's password
OWN_REGION = "32.73"  # Kota Bandung
OTHER_REGION = "35.10"  # Kabupaten Banyuwangi, not assigned


@pytest.fixture
def pembimbing(live_server):
    region = Region.objects.get(code=OWN_REGION)
    user = UserFactory(username="pembimbing.browser")
    MembershipFactory(user=user, region=region, role=Role.PEMBIMBING)
    masterplan = MasterplanFactory(region=region)
    MasterplanFactory(region=Region.objects.get(code=OTHER_REGION))
    # Readiness: Tabel II.2 all baik (100); performance: every element sedang (66.7).
    ReadinessEntry.objects.filter(masterplan=masterplan, sub_area__code="human_resources").update(
        interpretation="baik")
    PerformanceAssessment.objects.filter(masterplan=masterplan).update(rating="sedang")
    return user


def test_pembimbing_opens_the_overview_then_a_maturity_chart(page, login, live_server, pembimbing):
    login(pembimbing.username, PASSWORD)

    page.get_by_role("link", name="Indeks", exact=True).click()
    page.wait_for_url(f"{live_server.url}/analisis/indeks/")
    table = page.locator("#tabel-indeks-wilayah")
    assert table.is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() == 1  # only the assigned region
    row_text = rows.first.inner_text()
    assert "Kota Bandung" in row_text and "Kabupaten Banyuwangi" not in row_text
    assert "100,0" in row_text and "66,7" in row_text and "Developing" in row_text

    rows.first.get_by_role("link", name="Kota Bandung").click()
    page.wait_for_url(f"{live_server.url}/wilayah/{OWN_REGION}/kematangan/")
    chart = page.locator("svg[role=img]")
    assert chart.count() == 1 and chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] > 200 and box["height"] > 200
    assert chart.locator("circle.point").count() == 1
    assert page.get_by_test_id("tingkat-kematangan").inner_text().strip() == "Developing"
    labels = chart.locator("text.level-label").all_text_contents()
    assert labels == ["Initial", "Developing", "Managed", "Optimized"]
