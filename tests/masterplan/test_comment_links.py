"""Every kind of object a comment can anchor to leads to its comments from the object's own page:
the page (and the row, for an object shown in a list) its anchor kind names."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from masterplan import comments

from .comment_helpers import MAKERS, anchor_url, make_anchor

pytestmark = pytest.mark.django_db
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
TEXT = "Mohon dilengkapi sumber datanya."


class Part(HTMLParser):
    """The element with id `element_id` (else <main>) of a page: its text and its links and
    form targets, as {url: text of the link}."""

    def __init__(self, element_id):
        super().__init__()
        self.element_id = element_id
        self.depth = 0  # inside the element while > 0
        self.found = False
        self.text = []
        self.targets = {}
        self.link = None  # the href of the <a> being read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if not self.depth:
            wanted = (attrs.get("id") == self.element_id if self.element_id else tag == "main")
            if not wanted or self.found:
                return
            self.found = True
        if tag not in VOID:
            self.depth += 1
        if tag == "a" and attrs.get("href"):
            self.link = attrs["href"]
            self.targets.setdefault(self.link, "")
        if tag == "form" and attrs.get("action"):
            self.targets.setdefault(attrs["action"], "")

    def handle_endtag(self, tag):
        if not self.depth or tag in VOID:
            return
        self.depth -= 1
        if tag == "a":
            self.link = None

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)
            if self.link is not None:
                self.targets[self.link] += data

    @classmethod
    def of(cls, response, element_id):
        assert response.status_code == 200
        part = cls(element_id)
        part.feed(response.content.decode())
        assert part.found, f"the page has no element #{element_id}"
        part.text = " ".join(" ".join(part.text).split())
        return part


def object_page(masterplan, key, anchor):
    """The path and the fragment (element id) of the page showing the object."""
    kind = comments.kind_by_key(key)
    path, _hash, fragment = comments.anchor_url(kind, anchor, masterplan).partition("#")
    return path, fragment


def test_every_registered_kind_is_checked():
    assert {kind.key for kind in comments.anchor_kinds()} == set(MAKERS)


@pytest.mark.parametrize("key", sorted(MAKERS))
def test_the_objects_own_page_leads_to_its_comments(client, world, key):
    masterplan = world.masterplans["own"]
    anchor = make_anchor(key, masterplan)
    path, fragment = object_page(masterplan, key, anchor)
    assert path != reverse("region_detail", kwargs={"region_code": world.own.code}), \
        "the object has a page of its own"
    thread = anchor_url(world.own, key, anchor)

    # A reviewer finds where to write the first comment on the object.
    client.force_login(world.user("pembimbing"))
    part = Part.of(client.get(path), fragment)
    assert thread in part.targets, f"{path}#{fragment} does not lead to {thread}"

    # Once there is an open thread, everyone reading the page finds it, with its count.
    comments.add_comment(masterplan, anchor, world.user("pembimbing"), TEXT)
    for role in ("pembimbing", "ketua", "anggota", "dewan", "admin"):
        client.force_login(world.user(role))
        part = Part.of(client.get(path), fragment)
        if thread in part.targets and part.targets[thread].strip():
            assert re.search(r"\b1\b", part.targets[thread]), (role, part.targets[thread])
        else:  # the threads are shown on the page itself
            assert TEXT in part.text and "1 terbuka" in part.text, (role, path, fragment)


def test_the_program_page_counts_open_threads_only(client, world):
    masterplan = world.masterplans["own"]
    program = make_anchor("roadmap.program", masterplan)
    path, _fragment = object_page(masterplan, "roadmap.program", program)
    thread = anchor_url(world.own, "roadmap.program", program)
    first = comments.add_comment(masterplan, program, world.user("pembimbing"), "Satu")
    comments.add_comment(masterplan, program, world.user("pembimbing"), "Dua")
    client.force_login(world.user("ketua"))
    assert Part.of(client.get(path), "").targets[thread].strip() == "Komentar (2)"
    comments.resolve(first, world.user("ketua"))
    assert Part.of(client.get(path), "").targets[thread].strip() == "Komentar (1)"


def test_a_reader_sees_no_link_to_an_object_nobody_commented_on(client, world):
    """Team and dewan cannot start a thread: with none to read there is nothing to follow."""
    masterplan = world.masterplans["own"]
    program = make_anchor("roadmap.program", masterplan)
    path, _fragment = object_page(masterplan, "roadmap.program", program)
    client.force_login(world.user("dewan"))
    assert anchor_url(world.own, "roadmap.program", program) not in Part.of(
        client.get(path), "").targets


def test_the_program_list_counts_comments_without_a_query_per_program(
        client, world, django_assert_max_num_queries):
    masterplan = world.masterplans["own"]
    programs = [make_anchor("roadmap.program", masterplan) for _ in range(12)]
    for program in programs[::3]:
        comments.add_comment(masterplan, program, world.user("pembimbing"), TEXT)
    url = reverse("program_list", kwargs={"region_code": world.own.code})
    client.force_login(world.user("pembimbing"))
    client.get(url)  # warm per-process caches (guide, content types)
    with django_assert_max_num_queries(17):
        response = client.get(url)
    part = Part.of(response, "")
    for program in programs:
        label = part.targets[anchor_url(world.own, "roadmap.program", program)].strip()
        assert label == ("1 komentar terbuka" if program in programs[::3] else "+ Komentari")

