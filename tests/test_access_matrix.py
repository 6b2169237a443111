"""The access matrix: every URL pattern of the project, every role, own region and another region.

Each named URL must have an entry in EXPECTATIONS (tests/access_expectations.py, with the URL
arguments in tests/access_kwargs.py), or `test_every_url_has_an_expectation`
fails: a new page cannot ship without saying who may reach it. For region pages, a role is
checked against its own region (Kota Bandung) and another region (Kabupaten Banyuwangi): the
other region's objects must answer 404 to everyone but admins.

Outcomes: OK (GET 200; POST answered by the view itself: 200, refused input 400/422, or a
redirect that is not to the login page), LOGIN (redirect to the login page), DENIED (403),
MISSING (404), UNAUTHENTICATED (401, the API without credentials), and REDIRECT for pages that
send a signed-in user elsewhere on purpose.

Every role is also tried with a personal API token instead of a session where the case says
what a token gets (`token_get`, `token_post`); every /api/, /data/ and /profil/ URL must say it.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .access_expectations import (
    DENIED,
    EXPECTATIONS,
    LOGIN,
    MISSING,
    OK,
    REDIRECT,
    ROLES,
    UNAUTHENTICATED,
)

TOKEN_PREFIXES = ("api/", "data/", "profil/")  # opendata/urls.py


def url_names(patterns=None, namespace=""):
    """Every URL pattern name of the project (unnamed patterns yield None so they fail too)."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else None


def test_every_url_has_an_expectation():
    names = list(url_names())
    assert None not in names, "every URL pattern needs a name so the access matrix can cover it"
    assert sorted(set(names) - set(EXPECTATIONS)) == [], "URLs without an access expectation"
    assert sorted(set(EXPECTATIONS) - set(names)) == [], "expectations for URLs that do not exist"


def test_every_api_and_open_data_url_says_what_a_token_gets():
    from opendata import urls

    assert all(str(pattern.pattern).startswith(TOKEN_PREFIXES) for pattern in urls.urlpatterns)
    missing = []
    for name in url_names(urls.urlpatterns):
        case = EXPECTATIONS[name]
        missing += [f"{name} {method}" for method in ("get", "post")
                    if getattr(case, method) is not None
                    and getattr(case, f"token_{method}") is None]
    assert missing == [], "API, open-data and profile URLs without a token expectation"


def _cases():
    for name, case in EXPECTATIONS.items():
        for method in ("get", "post"):
            for auth in ("session", "token"):
                expect = getattr(case, method if auth == "session" else f"token_{method}")
                if expect is None:
                    continue
                for target in ("own", "other") if expect.other else ("own",):
                    suffix = "" if auth == "session" else "-token"
                    yield pytest.param(name, method, target, auth,
                                       id=f"{name}-{method}-{target}{suffix}")


def outcome(response):
    status = response.status_code
    if status in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("login")):
            return LOGIN
        return REDIRECT
    # 400, 422: the view handled the request and refused the input (form errors, API input).
    return {200: OK, 201: OK, 204: OK, 400: OK, 422: OK, 401: UNAUTHENTICATED, 403: DENIED,
            404: MISSING}.get(status, str(status))


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploads made by kwargs functions (workbook imports) go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


def check_role(world, name, method, target, role, auth="session"):
    """Request the URL as `role` (signed in, or with a personal API token when `auth` is
    "token"); None when the outcome is the expected one, else what went wrong.

    Runs in a savepoint that is rolled back, with the URL's objects made afresh, so a POST of one
    role (a delete, an import) never changes what the next role finds."""
    from opendata.tokens import create_token

    case = EXPECTATIONS[name]
    expect = getattr(case, method if auth == "session" else f"token_{method}")
    expected = (expect.other if target == "other" else expect.own)[role]
    world = world.fresh()
    region = world.other if target == "other" else world.own
    url = name
    with transaction.atomic():
        try:
            url = reverse(name, kwargs=case.kwargs(world, region))
            client = Client()
            headers = {}
            if role != "anonymous" and auth == "token":
                headers["Authorization"] = f"Bearer {create_token(world.user(role), 'uji')[1]}"
            elif role != "anonymous":
                client.force_login(world.user(role))
            extra = {"content_type": "application/json"} if url.startswith("/api/") else {}
            response = getattr(client, method)(url, case.post_data, headers=headers, **extra)
        except Exception as error:  # noqa: BLE001 - reported with the URL and role below
            return f"{method.upper()} {url} as {role} ({auth}, {target} region): raised {error!r}"
        finally:
            transaction.set_rollback(True)
    got = outcome(response)
    # A POST that the view handled may answer with the page (form errors) or a redirect.
    allowed = (OK, REDIRECT) if method == "post" and expected == OK else (expected,)
    if got in allowed:
        return None
    return (f"{method.upper()} {url} as {role} ({auth}, {target} region): expected {expected}, "
            f"got {got} ({response.status_code})")


@pytest.mark.parametrize("name,method,target,auth", list(_cases()))
def test_access(module_world, name, method, target, auth):
    """Every role against one URL, method and region; the message lists every role that failed."""
    roles = ROLES if auth == "session" else [role for role in ROLES if role != "anonymous"]
    failures = [failure for role in roles
                if (failure := check_role(module_world, name, method, target, role, auth))]
    assert not failures, "\n".join(failures)
