"""Figures cached per masterplan and content version (masterplan/figures.py): computed once,
never read after a change."""

import pytest
from django.urls import reverse

from masterplan import figures, sections, stages
from masterplan.models import Masterplan, StageCheck

pytestmark = pytest.mark.django_db


def done(states, masterplan):
    return {state.number for state in states[masterplan.pk] if state.done}


def test_completion_is_computed_once_per_content_version(world, django_assert_num_queries):
    own = world.masterplans["own"]
    first = sections.completion_table([own])
    with django_assert_num_queries(1):  # the committed content versions; nothing computed
        again = sections.completion_table([own])
    assert again == first
    assert [section.key for section, _progress in again[own.pk]] == [
        section.key for section in sections.all_sections()]


def test_the_dashboard_parts_are_computed_once_and_follow_a_change(
        world, django_assert_num_queries):
    own = world.masterplans["own"]
    first = sections.parts_table(own)
    assert "stages" in first and "readiness" in first
    with django_assert_num_queries(1):  # the committed content version; nothing computed
        assert sections.parts_table(own) == first
    StageCheck.objects.create(masterplan=own, number=1, done=True, note="Tim lengkap")
    ticked = [part.progress.done for part in sections.parts_table(own)["stages"]]
    assert ticked[0] == 1 and [part.progress.done for part in first["stages"]][0] == 0


def test_a_change_is_seen_at_once_even_through_an_instance_loaded_before_it(world):
    own = world.masterplans["own"]
    loaded = Masterplan.objects.get(pk=own.pk)
    assert 1 not in done(stages.states([loaded]), own)
    StageCheck.objects.create(masterplan=own, number=1, done=True, note="Tim lengkap")
    assert 1 in done(stages.states([loaded]), own)  # `loaded` still holds the old version
    stage_progress = dict((s.key, p) for s, p in sections.completion_table([loaded])[own.pk])
    assert stage_progress["stages"].done == 1


def test_a_tick_on_the_stages_page_shows_on_the_next_page(client, world):
    own = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    url = reverse("stages", kwargs={"region_code": world.own.code})
    assert client.get(url).status_code == 200  # computes and caches the stage states
    client.post(url, {"number": 1, "done": "on",
                      "note": "Tim: ahli pembangunan daerah, ahli TIK, ahli manajemen"})
    assert 1 in done(stages.states([own]), own)


def test_only_the_masterplans_without_a_current_entry_are_computed(world):
    own, other = world.masterplans["own"], world.masterplans["other"]
    computed = []

    def compute(masterplans):
        computed.append(sorted(mp.pk for mp in masterplans))
        return {mp.pk: mp.pk * 10 for mp in masterplans}

    assert figures.cached("probe", [own], compute) == {own.pk: own.pk * 10}
    assert figures.cached("probe", [own, other], compute) == {own.pk: own.pk * 10,
                                                              other.pk: other.pk * 10}
    StageCheck.objects.create(masterplan=other, number=1, done=True, note="Tim lengkap")
    figures.cached("probe", [own, other], compute)
    assert computed == [[own.pk], [other.pk], [other.pk]]


def test_figures_computed_under_other_settings_are_not_reused(settings):
    before = figures.fingerprint()
    settings.READINESS_WEIGHTS = {"baik": 4, "sedang": 2, "buruk": 0}
    assert figures.fingerprint() != before
