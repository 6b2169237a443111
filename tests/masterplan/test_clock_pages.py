"""Real pages show every time as masterplan/clock.py writes it, in the zone of their region:
a Makassar masterplan's comment thread, notifications, book render history, status history and
changes page in WITA, never in UTC or as an ISO string."""

import datetime
import re

import pytest
from django.urls import reverse

from books.documents import BOOK
from masterplan import comments
from masterplan.models import (
    Comment,
    ExportBatch,
    Notification,
    Region,
    RenderJob,
    Role,
    StatusChange,
    WorkbookImport,
)

from ..factories import AdminFactory, MasterplanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# 16.30 UTC on 3 December: 23.30 WIB the same day, 00.30 WITA the next.
MOMENT = datetime.datetime(2026, 12, 3, 16, 30, 5, tzinfo=UTC)
SHOWN_WITA = "4 Desember 2026 00.30 WITA"
LATER = datetime.datetime(2026, 12, 4, 2, 7, tzinfo=UTC)
LATER_WITA = "4 Desember 2026 10.07 WITA"
# What a time must never look like on a page: UTC, an ISO or Django's default rendering.
FOREIGN = re.compile(r"UTC|\+00:?00|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\d{1,2}:\d{2}|a\.m\.|p\.m\.|"
                     r"\b\d{2}-\d{2}-\d{4}\b")


@pytest.fixture
def makassar():
    region = Region.objects.get(code="73.71")
    masterplan = MasterplanFactory(region=region)
    ketua = UserFactory(username="ketua.makassar")
    pembimbing = UserFactory(username="pembimbing.makassar")
    MembershipFactory(user=ketua, region=region, role=Role.KETUA)
    MembershipFactory(user=pembimbing, region=region, role=Role.PEMBIMBING)
    return region, masterplan, ketua, pembimbing


def visible_text(html):
    """The page's text as a reader sees it (tags, scripts and attribute values left out)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]*>", " ", html)


def assert_only_clock_times(html):
    text = visible_text(html)
    assert not FOREIGN.search(text), FOREIGN.search(text)
    assert "UTC" not in html and "+00:00" not in html


def page(client, user, name, region, **kwargs):
    client.force_login(user)
    response = client.get(reverse(name, kwargs={"region_code": region.code, **kwargs}))
    assert response.status_code == 200
    return response.content.decode()


def test_a_comment_thread_shows_its_times_in_the_regions_zone(client, makassar):
    region, masterplan, ketua, pembimbing = makassar
    root = comments.add_comment(masterplan, masterplan, pembimbing, "Lengkapi visi.")
    reply = comments.add_reply(root, ketua, "Sudah kami lengkapi.")
    comments.resolve(root, pembimbing)
    Comment.objects.filter(pk=root.pk).update(created_at=MOMENT, resolved_at=LATER)
    Comment.objects.filter(pk=reply.pk).update(created_at=LATER)

    html = page(client, ketua, "comment_thread", region, comment_pk=root.pk)
    assert SHOWN_WITA in html
    assert f"Diselesaikan oleh {pembimbing}, {LATER_WITA}." in html
    assert html.count(LATER_WITA) == 2  # the reply and the resolution
    assert_only_clock_times(html)

    listing = client.get(reverse("region_comments", kwargs={"region_code": region.code}),
                         {"status": "semua"}).content.decode()
    assert SHOWN_WITA in listing
    assert_only_clock_times(listing)


def test_the_reviewers_inbox_shows_each_region_in_its_own_zone(client, makassar, world):
    region, masterplan, ketua, pembimbing = makassar
    MembershipFactory(user=pembimbing, region=world.own, role=Role.PEMBIMBING)
    in_makassar = comments.add_comment(masterplan, masterplan, pembimbing, "Visi?")
    in_bandung = comments.add_comment(world.masterplans["own"], world.masterplans["own"],
                                      pembimbing, "Misi?")
    Comment.objects.filter(pk__in=[in_makassar.pk, in_bandung.pk]).update(created_at=MOMENT)
    client.force_login(pembimbing)
    html = client.get(reverse("comment_inbox")).content.decode()
    assert SHOWN_WITA in html and "3 Desember 2026 23.30 WIB" in html
    assert_only_clock_times(html)


def test_notifications_name_the_zone_of_their_region(client, makassar, world):
    region, masterplan, ketua, pembimbing = makassar
    comments.add_comment(masterplan, masterplan, pembimbing, "Periksa tabel II.2.")
    Notification.objects.filter(recipient=ketua).update(created_at=MOMENT)
    Notification.objects.create(recipient=ketua, kind="status", text="Tanpa masterplan",
                                masterplan=None)
    Notification.objects.filter(recipient=ketua, masterplan=None).update(created_at=MOMENT)
    client.force_login(ketua)
    html = client.get(reverse("notifications")).content.decode()
    assert SHOWN_WITA in html
    assert "3 Desember 2026 23.30 WIB" in html  # one not tied to a region
    assert_only_clock_times(html)


def test_the_render_history_shows_its_times_in_the_regions_zone(client, makassar):
    region, masterplan, ketua, _pembimbing = makassar
    job = RenderJob.objects.create(masterplan=masterplan, kind=BOOK, part="1", requested_by=ketua,
                                   status="succeeded", finished_at=LATER, page_count=12)
    RenderJob.objects.filter(pk=job.pk).update(created_at=MOMENT)

    html = page(client, ketua, "books", region)
    assert SHOWN_WITA in html  # the history: when it was asked for
    assert LATER_WITA in html  # the latest job: when it was done
    assert_only_clock_times(html)
    fragment = page(client, ketua, "render_job", region, job_pk=job.pk)
    assert LATER_WITA in fragment
    assert_only_clock_times(fragment)


def test_status_history_workbook_uploads_and_changes_page_use_the_regions_zone(client, makassar):
    region, masterplan, ketua, _pembimbing = makassar
    change = StatusChange.objects.create(masterplan=masterplan, transition="submit",
                                         from_status="draf", to_status="diajukan",
                                         changed_by=ketua)
    StatusChange.objects.filter(pk=change.pk).update(changed_at=MOMENT)
    upload = WorkbookImport.objects.create(masterplan=masterplan, uploaded_by=ketua,
                                           original_name="buku-kerja.xlsx", file="buku-kerja.xlsx",
                                           changes_hash="x" * 64)
    WorkbookImport.objects.filter(pk=upload.pk).update(created_at=LATER)

    status = page(client, ketua, "masterplan_status", region)
    assert SHOWN_WITA in status
    assert_only_clock_times(status)
    workbook = page(client, ketua, "workbook", region)
    assert LATER_WITA in workbook
    assert_only_clock_times(workbook)
    changes = page(client, ketua, "masterplan_changes", region)
    # The starting points and the moment the page counts from (the last submission).
    assert f"{SHOWN_WITA} · Diajukan" in changes
    assert f"perubahan sejak {SHOWN_WITA}." in changes
    assert_only_clock_times(changes)


def test_a_batch_export_of_many_regions_is_named_in_wib(client):
    batch = ExportBatch.objects.create(requested_by=None, parts="1")
    ExportBatch.objects.filter(pk=batch.pk).update(created_at=MOMENT)
    batch.refresh_from_db()
    assert str(batch) == "Ekspor 3 Desember 2026 23.30 WIB"
    client.force_login(AdminFactory())
    html = client.get(reverse("batch_export")).content.decode()
    assert "Ekspor 3 Desember 2026 23.30 WIB" in html
    assert_only_clock_times(html)
