import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_password_reset_by_email_sets_a_new_password(client, world):
    anggota = world.user("anggota")
    response = client.post(reverse("password_reset"), {"email": anggota.email})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Atur ulang kata sandi Masterplan Smart City"
    link = re.search(r"https?://[^/]+(/kata-sandi/atur/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Atur kata sandi baru" in form_page.content.decode()
    response = client.post(form_page.redirect_chain[-1][0], {
        "new_password1": "Sandi-Baru-Bandung-9", "new_password2": "Sandi-Baru-Bandung-9"})
    assert response["Location"] == reverse("password_reset_complete")
    anggota.refresh_from_db()
    assert anggota.check_password("Sandi-Baru-Bandung-9")


def test_password_reset_for_unknown_email_sends_nothing_and_reveals_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "tidak.ada@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_password_change_requires_the_old_password(client, world):
    anggota = world.user("anggota")
    client.force_login(anggota)
    response = client.post(reverse("password_change"), {
        "old_password": "salah", "new_password1": "Sandi-Baru-Bandung-9",
        "new_password2": "Sandi-Baru-Bandung-9"})
    assert response.status_code == 200
    assert "Sandi lama Anda yang dimasukkan salah" in response.content.decode()
    anggota.refresh_from_db()
    assert anggota.check_password("rahasia-123")


def test_logout_is_a_post_and_ends_the_session(client, world):
    client.force_login(world.user("anggota"))
    assert client.post(reverse("logout"))["Location"] == reverse("login")
    assert client.get(reverse("dashboard"))["Location"].startswith(reverse("login"))
