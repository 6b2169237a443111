"""Logging in through the real form, and what a regional account can (not) reach afterwards."""


import pytest
from django.conf import settings

from masterplan.models import Region, Role

from ..factories import MasterplanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "rahasia-123"  # UserFactory's password
OWN_REGION = "32.73"  # Kota Bandung
OTHER_REGION = "35.10"  # Kabupaten Banyuwangi


@pytest.fixture
def anggota(live_server):
    """An anggota of Kota Bandung, whose region has a current masterplan."""
    region = Region.objects.get(code=OWN_REGION)
    user = UserFactory(username="anggota.browser")
    MembershipFactory(user=user, region=region, role=Role.ANGGOTA)
    masterplan = MasterplanFactory(region=region)
    return user, masterplan


def test_anggota_reaches_own_region_only(page, login, live_server, anggota):
    user, masterplan = anggota

    login(user.username, PASSWORD)
    # The dashboard sends a single-region account straight to its region.
    assert page.url == f"{live_server.url}/wilayah/{OWN_REGION}/"
    body = page.locator("body")
    assert "Kota Bandung" in body.inner_text()
    assert masterplan.title in body.inner_text()
    assert page.get_by_role("heading", name=masterplan.title).is_visible()

    # Another region is out of reach: it does not exist for this account.
    response = page.goto(f"/wilayah/{OTHER_REGION}/")
    assert response.status == 404
    assert "Halaman tidak ditemukan" in page.locator("body").inner_text()

    # An admin page exists but is refused.
    response = page.goto("/kelola/akun/")
    assert response.status == 403
    assert "Akses ditolak" in page.locator("body").inner_text()


def test_wrong_password_shows_error_on_login_form(page, login, live_server, anggota):
    user, _ = anggota

    login(user.username, "bukan-kata-sandinya")

    assert page.url == f"{live_server.url}/masuk/"
    # The message is in the form's error alert (the field label also says "Nama pengguna",
    # so the whole page text would prove nothing).
    error = page.locator("form .alert-danger")
    assert error.is_visible()
    assert error.inner_text().strip() == (
        "Nama pengguna atau kata sandi salah. Perhatikan huruf besar/kecil.")
    assert page.locator("input[name=password]").is_visible()
    # Not logged in: the dashboard still sends the visitor to the login form.
    page.goto("/")
    assert page.url.startswith(f"{live_server.url}/masuk/")


def test_repeated_failures_lock_the_account(page, login, live_server, anggota):
    user, _ = anggota
    assert settings.AXES_FAILURE_LIMIT == 5

    # The limit-th failure locks the username+address pair (axes records it in the database,
    # which live_server flushes after each test, so the lockout cannot leak into other tests).
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(user.username, "salah-lagi")

    # Even the right password now gets the lockout page (axes answers 429) instead of a session.
    response = login(user.username, PASSWORD)
    assert response.status == 429
    assert page.url == f"{live_server.url}/masuk/"
    assert "Akun dikunci sementara" in page.locator("body").inner_text()
    page.goto("/")
    assert page.url.startswith(f"{live_server.url}/masuk/")
