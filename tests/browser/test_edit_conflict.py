"""Two people edit the same masterplan identity in two browsers: the refused save, saved again,
keeps the other person's change, and a field both changed must be chosen explicitly."""

import pytest
from django.urls import reverse

from masterplan.models import Masterplan, Region, Role

from ..factories import MasterplanFactory, MembershipFactory, UserFactory
from .conftest import DEFAULT_TIMEOUT, submit_login

pytestmark = pytest.mark.browser
PASSWORD = "rahasia-123"


@pytest.fixture
def two_sessions(browser, live_server):
    """Two pages in separate browser contexts (two people), each logged in."""
    region = Region.objects.get(code="32.73")
    masterplan = MasterplanFactory(region=region, title="Judul awal")
    pages, contexts = [], []
    for username, role in (("ani.ketua", Role.KETUA), ("budi.anggota", Role.ANGGOTA)):
        MembershipFactory(user=UserFactory(username=username), region=region, role=role)
        context = browser.new_context(base_url=live_server.url, locale="id-ID")
        context.set_default_timeout(DEFAULT_TIMEOUT)
        contexts.append(context)
        page = context.new_page()
        submit_login(page, username, PASSWORD)
        pages.append(page)
    try:
        yield masterplan, pages
    finally:
        for context in contexts:
            context.close()


def test_resaving_a_refused_form_keeps_the_other_change_and_asks_for_a_choice(two_sessions):
    masterplan, (ani, budi) = two_sessions
    url = reverse("masterplan_edit", kwargs={"region_code": "32.73",
                                             "masterplan_pk": masterplan.pk})
    ani.goto(url)
    budi.goto(url)

    # Different fields: Ani's title, Budi's period. Budi's save is refused, then saved again.
    ani.get_by_label("Judul").fill("Judul dari Ani")
    ani.get_by_role("button", name="Simpan").click()
    ani.wait_for_url("**/wilayah/32.73/")
    budi.get_by_label("Masa berlaku (tahun)").fill("5")
    with budi.expect_response(lambda response: response.request.method == "POST") as refused:
        budi.get_by_role("button", name="Simpan").click()
    assert refused.value.status == 422
    budi.get_by_text("sudah diubah oleh").wait_for()
    assert budi.get_by_label("Judul").input_value() == "Judul dari Ani"
    budi.get_by_role("button", name="Simpan").click()
    budi.wait_for_url("**/wilayah/32.73/")
    stored = Masterplan.objects.get(pk=masterplan.pk)
    assert (stored.title, stored.period_years) == ("Judul dari Ani", 5)

    # The same field: Budi must choose between his title and Ani's.
    ani.goto(url)
    budi.goto(url)
    ani.get_by_label("Judul").fill("Judul kedua Ani")
    ani.get_by_role("button", name="Simpan").click()
    ani.wait_for_url("**/wilayah/32.73/")
    budi.get_by_label("Judul").fill("Judul kedua Budi")
    budi.get_by_role("button", name="Simpan").click()
    choice = budi.locator("fieldset.conflict-choice")
    choice.wait_for()
    budi.get_by_role("button", name="Simpan").click()  # no choice yet: refused again
    budi.get_by_text("isian Anda atau isian mereka").first.wait_for()
    assert Masterplan.objects.get(pk=masterplan.pk).title == "Judul kedua Ani"
    budi.get_by_label("Isian mereka: Judul kedua Ani").check()
    budi.get_by_role("button", name="Simpan").click()
    budi.wait_for_url("**/wilayah/32.73/")
    assert Masterplan.objects.get(pk=masterplan.pk).title == "Judul kedua Ani"
