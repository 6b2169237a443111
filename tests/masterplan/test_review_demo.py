"""The demo's review of Kota Bandung: status history, comment threads and notifications."""

import pytest
from django.core.management import call_command

from masterplan.models import Comment, MasterplanStatus, Notification, Region, StatusChange

pytestmark = pytest.mark.django_db


def counts():
    return (StatusChange.objects.count(), Comment.objects.count(),
            Comment.objects.filter(resolved_at__isnull=False).count(),
            Notification.objects.count())


def test_demo_review_history_threads_and_idempotence():
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    bandung = Region.objects.get(code="32.73").masterplans.get(is_current=True)
    assert (bandung.status, bandung.bimtek_number) == (MasterplanStatus.DIAJUKAN, 2)
    history = list(bandung.status_changes.order_by("changed_at").values_list(
        "transition", "to_status", "bimtek_number"))
    assert history == [("submit", "diajukan", 1), ("revise", "perlu_revisi", 1),
                       ("submit", "diajukan", 1), ("approve", "disetujui", 1),
                       ("continue", "draf", 1), ("submit", "diajukan", 2)]
    assert bandung.status_changes.get(transition="revise").comment

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
