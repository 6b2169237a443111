"""Renders stay bounded whatever the text: long unbroken words are cut before typesetting."""

import time

import pytest
from django.core.management import call_command

from bimtek import rendering as report_rendering
from bimtek.models import Report
from books.documents import request_render
from books.worst_case import fill_longest
from masterplan.models import Region
from masterplan.rendering.typesetting import (
    LONG_RUN,
    PIECE,
    ZERO_WIDTH_SPACE,
    DocumentTooLarge,
    break_long_words,
    typeset_bounded,
)
from masterplan.services import current_masterplan


def test_long_runs_get_a_break_every_few_characters():
    word = "a" * (3 * PIECE + 5)
    html = break_long_words(f"<td>{word} pendek</td>")
    pieces = html.removeprefix("<td>").removesuffix(" pendek</td>").split(ZERO_WIDTH_SPACE)
    assert pieces == ["a" * PIECE] * 3 + ["a" * 5]


def test_ordinary_words_entities_and_markup_are_left_alone():
    short = "k" * (LONG_RUN - 1)
    assert break_long_words(f"<p>{short} ketidakberlangsungannya</p>") == (
        f"<p>{short} ketidakberlangsungannya</p>")
    embedded = "x" * 200
    html = (f'<style>@font-face {{ src: url("data:font/woff;base64,{embedded}") }}</style>'
            f'<a href="#{embedded}" title="{embedded}">ok</a><!--{embedded}-->')
    assert break_long_words(html) == html
    # An entity is one character and is never cut in the middle.
    broken = break_long_words("<p>" + "&amp;" * (2 * PIECE) + "</p>")
    assert broken == "<p>" + "&amp;" * PIECE + ZERO_WIDTH_SPACE + "&amp;" * PIECE + "</p>"


# --- the worst case: every typed text at its maximum, unbroken ---------------------------------

@pytest.fixture
def worst_case_demo(db):
    call_command("seed_demo")
    masterplan = current_masterplan(Region.objects.get(code="32.73"))
    written = fill_longest(masterplan, rows=1)
    # Every limited field of the table is filled (the demo has rows of every kind but stage notes,
    # which no book prints).
    assert {key for key, count in written.items() if not count} == {"masterplan.StageCheck.note"}
    return masterplan


def test_books_and_a_report_render_with_the_longest_texts_unbroken(worst_case_demo, django_capture_on_commit_callbacks):
    masterplan = worst_case_demo
    visit = Report.objects.filter(visit__masterplan=masterplan).order_by("pk").first().visit
    with django_capture_on_commit_callbacks(execute=True):
        jobs = [request_render(masterplan, book, None) for book in ("1", "2", "3")]
        jobs.append(report_rendering.request_render(visit, None))
    for job in jobs:
        job.refresh_from_db()
        assert (job.status, job.message) == ("succeeded", ""), job
        assert job.page_count > 1


def test_typesetting_out_of_memory_or_time_fails_cleanly():
    with pytest.raises(DocumentTooLarge) as memory:
        typeset_bounded(lambda html: bytearray(512 * 1024 * 1024), "", memory_mib=256, seconds=30)
    assert memory.value.memory_mib == 256
    with pytest.raises(DocumentTooLarge) as timeout:
        typeset_bounded(lambda html: time.sleep(30), "", memory_mib=4096, seconds=1)
    assert timeout.value.seconds == 1
    assert typeset_bounded(lambda html: (html.encode(), 1), "ok", memory_mib=4096, seconds=30) == (b"ok", 1)
    with pytest.raises(RuntimeError, match="ValueError: invalid literal"):
        typeset_bounded(lambda html: int("rusak"), "", memory_mib=4096, seconds=30)


def test_a_render_over_its_memory_ends_failed_saying_the_document_is_too_large(
        world, settings, django_capture_on_commit_callbacks):
    settings.RENDER_TYPESET_MEMORY_MIB = 64  # far below what WeasyPrint needs
    with django_capture_on_commit_callbacks(execute=True):
        job = request_render(world.masterplans["own"], "3", None)
    job.refresh_from_db()
    assert (job.status, job.progress) == ("failed", 40)
    assert job.message.startswith("Dokumen terlalu besar untuk dibuat") and "64 MiB" in job.message
