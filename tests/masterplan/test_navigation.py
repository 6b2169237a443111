"""The region workspace: side navigation by the guide's stages, its lazily fetched figures, the
lock banner, the status badges and the overview's next steps."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masterplan import navigation, workflow
from masterplan.models import MasterplanStatus
from roadmap.models import Program, ProgramKpi

from ..access_expectations import EXPECTATIONS
from ..test_access_matrix import url_names

pytestmark = pytest.mark.django_db

# Region pages every role may open that are not entries of the navigation, and why.
NOT_IN_NAVIGATION = {
    "region_detail": "the navigation's first link, “Ringkasan wilayah”",
    "workspace_nav": "the navigation itself",
    "workbook_download": "a download, linked from the workbook page",
    "roadmap_export": "a download, linked from the roadmap page",
}


def region_pages_for_everyone():
    """Pages, not the REST API's answers about a region (read by programs, listed in its docs)."""
    for name, case in EXPECTATIONS.items():
        if name.startswith("api_"):
            continue
        expect = case.get
        if case.kwargs.__name__ == "region_kwargs" and expect is not None \
                and all(outcome == "ok" for role, outcome in expect.own.items() if role != "anonymous"):
            yield name


def test_every_region_page_is_reachable_from_the_navigation():
    covered = {e.url_name for e in navigation.entries()} | {
        name for e in navigation.entries() for name in e.covers}
    missing = sorted(set(region_pages_for_everyone()) - covered - set(NOT_IN_NAVIGATION))
    assert missing == [], "region pages no navigation entry leads to"


def test_entries_name_real_pages_in_known_stages():
    names = set(url_names())
    for entry in navigation.entries():
        assert entry.url_name in names and set(entry.covers) <= names, entry
    with pytest.raises(ValueError):
        navigation.register(navigation.Entry("tidak-ada", "x", "region_team", 1))


def test_a_page_renders_the_links_and_marks_its_entry_without_figures(world):
    client = Client()
    client.force_login(world.users["ketua"])
    html = client.get(reverse("program_list", kwargs={"region_code": world.own.code})).content.decode()
    nav = re.search(r'<nav id="workspace-nav".*?</nav>', html, re.S).group(0)
    assert 'hx-get="/wilayah/32.73/navigasi/?aktif=program_list"' in nav
    assert re.search(r'class="active" aria-current="page"><span class="workspace-title">Program dan '
                     r'quick win', nav)
    for group in navigation.GROUPS:
        assert str(group.title) in nav.replace("&amp;", "&")
    assert "workspace-progress" not in nav  # the figures come from the navigation view


def test_the_navigation_view_adds_completion_and_open_comments_in_fixed_queries(world):
    client = Client()
    client.force_login(world.users["pembimbing"])
    url = reverse("workspace_nav", kwargs={"region_code": world.own.code}) + "?aktif=readiness_table"
    with CaptureQueriesContext(connection) as few:
        html = client.get(url).content.decode()
    masterplan = world.masterplans["own"]
    element = masterplan.edition.dimensions.get(code="governance").elements.first()
    for n in range(12):
        program = Program.objects.create(masterplan=masterplan, name=f"Program {n}", element=element,
                                         category="aplikasi", horizon="pendek", start_year=2026,
                                         end_year=2026)
        ProgramKpi.objects.create(program=program, name=f"KPI {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)  # one or two queries per section, however big the plan
    assert "hx-get" not in html
    assert re.search(r'class="active" aria-current="page"><span class="workspace-title">Analisis '
                     r'kesiapan</span><span class="workspace-progress">0%', html)
    assert re.search(r'Tim penyusun</span><span class="workspace-progress complete">.*?100%', html)


def test_a_locked_masterplan_says_why_on_its_pages_and_an_editable_one_does_not(world):
    masterplan = world.masterplans["own"]
    client = Client()
    client.force_login(world.users["ketua"])
    url = reverse("sasaran_list", kwargs={"region_code": world.own.code})
    assert "lock-banner" not in client.get(url).content.decode()
    type(masterplan).objects.filter(pk=masterplan.pk).update(status=MasterplanStatus.DIAJUKAN)
    html = client.get(url).content.decode()
    assert "lock-banner" in html
    assert str(workflow.LOCK_EXPLANATIONS[MasterplanStatus.DIAJUKAN]) in html
    assert '<span class="badge status-badge status-diajukan"' in client.get(
        reverse("masterplan_status", kwargs={"region_code": world.own.code})).content.decode()


def test_the_overview_leads_with_who_acts_next_and_the_next_steps(world):
    client = Client()
    client.force_login(world.users["ketua"])
    html = client.get(reverse("region_detail", kwargs={"region_code": world.own.code})).content.decode()
    assert str(workflow.NEXT_ACTOR[MasterplanStatus.DRAF]) in html
    steps = re.search(r'<ol class="mb-0 next-steps">(.*?)</ol>', html, re.S).group(1)
    assert steps.count("<li>") == 3
    assert "Lengkapi Analisis masa depan" in steps  # the first incomplete section in the guide's order


def test_status_actions_say_what_happens_before_they_are_confirmed(world):
    client = Client()
    client.force_login(world.users["ketua"])
    html = client.get(reverse("masterplan_status", kwargs={"region_code": world.own.code})).content.decode()
    submit = workflow.TRANSITIONS["submit"]
    assert f'data-confirm="{submit.consequence} Lanjutkan?"' in html
