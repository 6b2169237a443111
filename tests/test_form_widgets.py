"""What the forms of the project show, checked on every page they are on.

The pages are those of the access matrix (tests/access_expectations.py), each opened by every
role that may open it in its own region, since the forms differ by role (the team edits,
reviewers comment and review, admins manage). The forms are found, not listed, so a new page or
form is checked without being named here.

- A select's empty choice is "— pilih —" (masterplan/form_rendering.py) or a label the form
  chose itself, never Django's "---------".
- A file input has the project's picker (templates/includes/file_input.html): the browser's
  own button, labelled in the browser's language ("Choose File"), is replaced by a "Pilih berkas"
  button and the chosen file's name; the input itself keeps its label and its descriptions.
"""

import re
from html.parser import HTMLParser

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


class FileInputs(HTMLParser):
    """The file inputs of a page, the texts of its labels (by `for`) and of its elements with an
    id, and the ids of the file pickers' inputs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inputs, self.labels, self.texts, self.in_picker = [], {}, {}, set()
        self._open, self._picker_depth, self._depth = [], None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input":
            if (attrs.get("type") or "").lower() == "file":
                self.inputs.append(attrs)
                if self._picker_depth is not None:
                    self.in_picker.add(attrs.get("id"))
            return
        self._depth += 1
        if "data-file-picker" in attrs and self._picker_depth is None:
            self._picker_depth = self._depth
        key = ("label", attrs["for"]) if tag == "label" and "for" in attrs else attrs.get("id")
        self._open.append((tag, key, attrs))
        if key is not None:
            self.texts.setdefault(key, "")

    def handle_endtag(self, tag):
        if tag == "input" or not self._open:
            return
        _tag, key, _attrs = self._open.pop()
        if self._picker_depth == self._depth:
            self._picker_depth = None
        self._depth -= 1
        if isinstance(key, tuple):
            self.labels.setdefault(key[1], []).append(" ".join(self.texts.pop(key).split()))

    def handle_data(self, data):
        for _tag, key, _attrs in self._open:
            if key is not None:
                self.texts[key] += data


def file_input_problems(page):
    """What is wrong with the file inputs of `page` (HTML)."""
    parsed = FileInputs()
    parsed.feed(page)
    problems = []
    for attrs in parsed.inputs:
        input_id = attrs.get("id")
        labels = parsed.labels.get(input_id, [])
        described = (attrs.get("aria-describedby") or "").split()
        chosen = parsed.texts.get(f"{input_id}_chosen", "").strip()
        if not input_id or input_id not in parsed.in_picker:
            problems.append(f"{attrs.get('name')}: not in a file picker")
        elif "Pilih berkas" not in labels or len(labels) < 2:
            problems.append(f"{input_id}: labels {labels}, not its own and “Pilih berkas”")
        elif chosen != "Belum ada berkas dipilih" or f"{input_id}_chosen" not in described:
            problems.append(f"{input_id}: chosen file shown as {chosen!r}, described by {described}")
        problems += [f"{input_id}: described by {name}, which is not on the page"
                     for name in described if name not in parsed.texts]
    return problems, len(parsed.inputs)


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


@pytest.mark.parametrize("name,roles", list(pages()))
def test_every_file_input_has_the_indonesian_picker(client, module_world, name, roles):
    problems = []
    url = page_url(module_world, name)
    for role in roles:
        url, page = opened(client, module_world, url, role)
        problems += [f"{url} as {role}: {problem}" for problem in file_input_problems(page)[0]]
    assert not problems, "\n".join(problems)


def test_the_walk_finds_the_uploads(client, module_world):
    """The uploads of the project are on the walked pages (it must not pass by finding none):
    the workbook, the book cover's emblem, a regulation's document and Bimtek evidence."""
    found = {}
    for name, role in [("workbook", "ketua"), ("book_cover", "ketua"),
                       ("regulation_edit", "ketua"), ("bimtek_visit", "pembimbing")]:
        _url, page = opened(client, module_world, page_url(module_world, name), role)
        found[name] = file_input_problems(page)
    assert found == {name: ([], 1) for name in found}


def test_the_walk_finds_selects_with_an_empty_choice(client, module_world):
    """The walk reaches empty choices, of a model field's choices and of a foreign key, and
    shows them as "— pilih —" (it must not pass by finding no select)."""
    _url, page = opened(client, module_world, page_url(module_world, "program_add"), "ketua")
    assert "— pilih —" in empty_options(page)
    _url, page = opened(client, module_world, page_url(module_world, "region_edit"), "admin")
    assert empty_options(page) == ["— pilih —"]  # the batch, a foreign key
