"""Personal API tokens: shown once, stored hashed, revoked by their owner, last use written at
most once an hour; requests over the configured rate answer 429."""

import datetime
import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opendata import tokens
from opendata.models import ApiToken

pytestmark = pytest.mark.django_db


def test_the_profile_page_creates_a_token_shown_once_and_stores_only_its_digest(client, world):
    client.force_login(world.user("dewan"))
    response = client.post("/profil/", {"name": "Dasbor Bappeda"})
    assert response.status_code == 200
    raw = response.context["created"]["raw"]
    assert raw.startswith("mpsc_") and len(raw) >= 45
    assert raw in response.content.decode()
    token = ApiToken.objects.get(user=world.user("dewan"))
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert token.prefix == raw[:13]
    stored = [str(value) for value in ApiToken.objects.values_list(flat=False).get()]
    assert raw not in stored and all(raw not in value for value in stored)
    page = client.get("/profil/").content.decode()
    assert raw not in page and token.prefix in page and "Dasbor Bappeda" in page
    assert client.get("/api/wilayah/32.73/", headers={"Authorization": f"Bearer {raw}"}
                      ).status_code == 200


def test_a_nameless_token_is_refused(client, world):
    client.force_login(world.user("ketua"))
    response = client.post("/profil/", {"name": "  "})
    assert response.status_code == 422 and "Beri nama token" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_revoked_token_no_longer_works_and_only_its_owner_revokes_it(client, world):
    token, raw = tokens.create_token(world.user("ketua"), "Skrip")
    header = {"Authorization": f"Token {raw}"}
    assert client.get("/api/wilayah/32.73/", headers=header).status_code == 200
    client.force_login(world.user("anggota"))
    assert client.post(f"/profil/token/{token.pk}/cabut/").status_code == 404
    client.force_login(world.user("ketua"))
    assert client.post(f"/profil/token/{token.pk}/cabut/").status_code == 302
    client.logout()
    response = client.get("/api/wilayah/32.73/", headers=header)
    assert response.status_code == 401
    assert response.json()["detail"] == "Token API tidak valid atau sudah dicabut."
    assert client.get("/api/program/", headers={"Authorization": "Bearer salah"}).status_code == 401


def test_last_use_is_written_at_most_once_an_hour(client, world):
    token, raw = tokens.create_token(world.user("dewan"), "Skrip")
    header = {"Authorization": f"Bearer {raw}"}

    def writes():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/program/", headers=header).status_code == 200
        return [query["sql"] for query in captured.captured_queries
                if query["sql"].startswith(("UPDATE", "INSERT", "DELETE"))]

    first = writes()
    assert len(first) == 1 and "opendata_apitoken" in first[0]
    assert writes() == []
    ApiToken.objects.filter(pk=token.pk).update(
        last_used_at=timezone.now() - datetime.timedelta(hours=2))
    assert len(writes()) == 1


def test_requests_over_the_rate_answer_429(client, world, settings):
    settings.API_THROTTLE_RATES = {"anon": "3/minute", "token": "2/minute", "session": "5/minute"}
    for _ in range(3):
        assert client.get("/api/program/").status_code == 200
    response = client.get("/api/program/")
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Terlalu banyak permintaan")
    # Each token has its own count, apart from the address's.
    _token, raw = tokens.create_token(world.user("dewan"), "Skrip")
    header = {"Authorization": f"Bearer {raw}"}
    assert [client.get("/api/program/", headers=header).status_code for _ in range(3)] == [
        200, 200, 429]
    _token, other = tokens.create_token(world.user("ketua"), "Skrip")
    assert client.get("/api/program/", headers={"Authorization": f"Bearer {other}"}
                      ).status_code == 200
