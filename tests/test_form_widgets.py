"""What the forms of the project show, checked on every page they are on.

The pages are those of the access matrix (tests/access_expectations.py), each opened by every
role that may open it in its own region, since the forms differ by role (the team edits,
reviewers comment and review, admins manage). The forms are found, not listed, so a new page or
form is checked without being named here.

- A select's empty choice is "— pilih —" (masterplan/form_rendering.py) or a label the form
  chose itself, never Django's "---------".
"""

import re

import pytest
from django.urls import reverse

from .test_access_matrix import EXPECTATIONS, OK

DJANGO_EMPTY_LABEL = "---------"


def pages():
    for name, case in sorted(EXPECTATIONS.items()):
        if case.get is not None:
            roles = [role for role, outcome in case.get.own.items() if outcome == OK]
            if roles:
                yield pytest.param(name, roles, id=name)


def page_url(world, name):
    """The URL of page `name` in the own region (its objects made afresh)."""
    return reverse(name, kwargs=EXPECTATIONS[name].kwargs(world, world.own))


def opened(client, world, url, role):
    """The page's HTML as `role` sees it ("" for a download)."""
    client.logout()
    if role != "anonymous":
        client.force_login(world.user(role))
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} as {role}: {response.status_code}"
    if not response["Content-Type"].startswith("text/html"):
        return url, ""
    return url, response.content.decode()


def empty_options(page):
    """The labels of the page's empty choices (`<option value="">`)."""
    return [label.strip() for label in re.findall(
        r'<option value=""[^>]*>([^<]*)</option>', page)]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploads made by kwargs functions (workbook imports) go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("name,roles", list(pages()))
def test_no_select_shows_djangos_empty_label(client, module_world, name, roles):
    problems = []
    url = page_url(module_world, name)
    for role in roles:
        url, page = opened(client, module_world, url, role)
        if DJANGO_EMPTY_LABEL in page:
            problems.append(f"{url} as {role}: {empty_options(page)}")
    assert not problems, "\n".join(problems)


def test_the_walk_finds_selects_with_an_empty_choice(client, module_world):
    """The walk reaches empty choices, of a model field's choices and of a foreign key, and
    shows them as "— pilih —" (it must not pass by finding no select)."""
    _url, page = opened(client, module_world, page_url(module_world, "program_add"), "ketua")
    assert "— pilih —" in empty_options(page)
    _url, page = opened(client, module_world, page_url(module_world, "region_edit"), "admin")
    assert empty_options(page) == ["— pilih —"]  # the batch, a foreign key
