"""GET requests only read: every page of the access matrix, opened by a role that may see it,
runs no INSERT, UPDATE or DELETE (sessions, last_login, the login-attempt log and the stored
figures aside). The rows a page shows are created when the masterplan starts (services.on_masterplan_created)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.test_access_matrix import EXPECTATIONS, OK, ROLES

pytestmark = pytest.mark.django_db

WRITE = re.compile(r'^\s*(INSERT|UPDATE|DELETE)\b[^"]*"(\w+)"', re.IGNORECASE)
# Bookkeeping of signing in, not content; and the stored figures, a cache of what is computed
# from content (masterplan/figures.py), filled by the page that first reads a stale one; and a
# personal API token's last use, written at most once an hour (opendata/tokens.py).
ALLOWED_TABLES = {"django_session", "masterplan_storedfigure", "opendata_apitoken"}
ALLOWED_PREFIXES = ("axes_",)
# Roles tried in this order: the first that may open the page opens it.
PREFERENCE = ["ketua", "anggota", "pembimbing", "dewan", "admin", "anonymous"]


def _content_writes(queries):
    writes = []
    for query in queries:
        match = WRITE.match(query["sql"])
        if match is None:
            continue
        table = match.group(2)
        if table in ALLOWED_TABLES or table.startswith(ALLOWED_PREFIXES):
            continue
        if table.endswith("user") and re.search(r'SET "last_login"', query["sql"]):
            continue
        writes.append(query["sql"])
    return writes


def _get_pages():
    for name, case in sorted(EXPECTATIONS.items()):
        if case.get is None:
            continue
        role = next((role for role in PREFERENCE if case.get.own.get(role) == OK), None)
        if role is not None:
            yield pytest.param(name, role, id=name)


def test_roles_cover_the_matrix():
    assert set(PREFERENCE) == set(ROLES)


def _token_gets():
    for name, case in sorted(EXPECTATIONS.items()):
        if case.token_get is None:
            continue
        role = next((role for role in PREFERENCE if case.token_get.own.get(role) == OK), None)
        if role not in (None, "anonymous"):
            yield pytest.param(name, role, id=f"{name}-token")


@pytest.mark.parametrize("name,role", list(_token_gets()))
def test_get_with_a_token_writes_nothing(client, world, name, role):
    from opendata.tokens import create_token

    case = EXPECTATIONS[name]
    url = reverse(name, kwargs=case.kwargs(world, world.own))
    header = {"Authorization": f"Bearer {create_token(world.user(role), 'uji')[1]}"}
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=header)
    assert response.status_code == 200, f"GET {url} with {role}'s token: {response.status_code}"
    assert _content_writes(captured.captured_queries) == [], f"GET {url} with a token wrote"


@pytest.mark.parametrize("name,role", list(_get_pages()))
def test_get_writes_nothing(client, world, settings, tmp_path, name, role):
    settings.MEDIA_ROOT = tmp_path / "media"
    case = EXPECTATIONS[name]
    url = reverse(name, kwargs=case.kwargs(world, world.own))
    if role != "anonymous":
        client.force_login(world.user(role))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code in (200, 302), f"GET {url} as {role}: {response.status_code}"
    assert _content_writes(captured.captured_queries) == [], f"GET {url} as {role} wrote"
