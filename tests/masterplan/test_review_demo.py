"""The demo's review of Kota Bandung: status history, comment threads and notifications."""

import pytest
from django.core.management import call_command

from masterplan import workflow
from masterplan.models import (
    Comment,
    MasterplanStatus,
    Notification,
    Region,
    StatusChange,
    User,
)

pytestmark = pytest.mark.django_db


def counts():
    return (StatusChange.objects.count(), Comment.objects.count(),
            Comment.objects.filter(resolved_at__isnull=False).count(),
            Notification.objects.count())


def test_demo_review_history_threads_and_idempotence(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the transitions' notifications
        call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    bandung = Region.objects.get(code="32.73").masterplans.get(is_current=True)
    # Reviewed after its Bimtek #2 submission: back with its team, who can edit again.
    assert (bandung.status, bandung.bimtek_number) == (MasterplanStatus.PERLU_REVISI, 2)
    assert bandung.is_editable
    history = list(bandung.status_changes.order_by("changed_at").values_list(
        "transition", "to_status", "bimtek_number", "changed_by__username"))
    assert history == [("submit", "diajukan", 1, "ketua.bandung"),
                       ("revise", "perlu_revisi", 1, "pembimbing"),
                       ("submit", "diajukan", 1, "ketua.bandung"),
                       ("approve", "disetujui", 1, "pembimbing"),
                       ("continue", "draf", 1, "ketua.bandung"),
                       ("submit", "diajukan", 2, "ketua.bandung"),
                       ("revise", "perlu_revisi", 2, "pembimbing")]
    assert all(change.comment for change in bandung.status_changes.filter(transition="revise"))
    # The last review's notification waits unread for the team; the earlier ones were read.
    status_notes = Notification.objects.filter(recipient__username="ketua.bandung",
                                               kind="status")
    assert [note.read_at is None for note in status_notes.order_by("created_at")] == [
        False, False, True]
    assert "Perlu revisi" in status_notes.get(read_at__isnull=True).text

    roots = Comment.objects.filter(masterplan=bandung, parent__isnull=True)
    kinds = {root.content_type.model for root in roots}
    assert {"subarea", "readinessentry", "strategy", "sasaran"} <= kinds
    buruk = roots.get(content_type__model="readinessentry")
    assert buruk.content_type.get_object_for_this_type(pk=buruk.object_id).interpretation == "buruk"
    assert roots.filter(resolved_at__isnull=True).exists()
    assert roots.filter(resolved_at__isnull=False).exists()
    assert {root.author.username for root in roots} == {"pembimbing"}
    replies = Comment.objects.filter(masterplan=bandung, parent__isnull=False)
    assert {"ketua.bandung", "anggota.bandung"} <= {r.author.username for r in replies}
    assert Notification.objects.filter(recipient__username="anggota.bandung",
                                       read_at__isnull=True).exists()
    banyuwangi = Region.objects.get(code="35.10").masterplans.get(is_current=True)
    assert banyuwangi.status == MasterplanStatus.DRAF and not banyuwangi.comments.exists()


def test_a_demo_seeded_before_the_last_review_gets_it_on_the_next_run():
    """Older demos stopped at the Bimtek #2 submission (diajukan); seed_demo adds what is
    missing through the workflow instead of leaving the team unable to edit."""
    call_command("seed_demo")
    bandung = Region.objects.get(code="32.73").masterplans.get(is_current=True)
    last = bandung.status_changes.order_by("-changed_at").first()
    assert (last.transition, last.from_status) == ("revise", MasterplanStatus.DIAJUKAN)
    last.delete()
    type(bandung).objects.filter(pk=bandung.pk).update(status=MasterplanStatus.DIAJUKAN)
    call_command("seed_demo")
    bandung.refresh_from_db()
    assert bandung.status == MasterplanStatus.PERLU_REVISI
    assert list(bandung.status_changes.order_by("changed_at").values_list(
        "transition", flat=True))[-2:] == ["submit", "revise"]
    # A history someone moved on by hand is left alone.
    workflow.apply(bandung, "submit", User.objects.get(username="ketua.bandung"), bimtek_number=2)
    call_command("seed_demo")
    bandung.refresh_from_db()
    assert bandung.status == MasterplanStatus.DIAJUKAN
