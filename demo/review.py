"""Demo review of Kota Bandung's masterplan: its status history and comment threads.

History, made with workflow.apply so the StatusChange rows are real: submitted for Bimtek #1,
revision requested (with a note), submitted again, approved, drafting continued, submitted for
Bimtek #2 and revision requested again, so the masterplan is now `perlu_revisi`: its team can
edit everything, and the status and changes pages show the submissions and the reviews. The module
runs last in seed(), after every module that writes content, as a review follows the writing.

Threads from `pembimbing`, with replies from `ketua.bandung` and `anggota.bandung`: on readiness
tables, on a component judged buruk, on a SWOT strategy, on a sasaran and on the masterplan;
some resolved, some open. They go through masterplan.comments, so the team's notifications are
real too; the transitions' notifications are made by the receiver once seed_demo commits.
Demo accounts have `.invalid` addresses, so no email is sent. Timestamps are moved into the
past to read like a review that took two months.

Idempotent: the transitions of HISTORY not yet recorded are made (none once all are; a demo
seeded before the last ones were added gets them), unless the recorded history is not the start
of HISTORY (someone moved the masterplan on by hand); the threads only while it has no comments.
"""

from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from masterplan import comments, workflow
from masterplan.models import (
    Comment,
    MasterplanStatus,
    Notification,
    NotificationKind,
    StatusChange,
    User,
)
from readiness.models import ReadinessEntry
from readiness.services import sub_area_by_slug
from swot.models import Sasaran, Strategy

# (transition, actor, arguments, days ago)
HISTORY = [
    ("submit", "ketua.bandung", {"bimtek_number": 1}, 62),
    ("revise", "pembimbing", {"comment": "Lengkapi sumber dan tahun data pada tabel kesiapan "
                                         "(Tabel II.2–II.4) dan kaitkan strategi TOWS dengan "
                                         "butir SWOT yang dipadukan."}, 58),
    ("submit", "ketua.bandung", {"bimtek_number": 1}, 45),
    ("approve", "pembimbing", {"comment": "Draf Bimtek #1 disetujui; lanjutkan ke penyusunan "
                                          "program untuk Bimtek #2."}, 41),
    ("continue", "ketua.bandung", {}, 40),
    ("submit", "ketua.bandung", {"bimtek_number": 2}, 2),
    ("revise", "pembimbing", {"comment": "Hasil Bimtek #2: isi target tahun akhir setiap "
                                         "indikator sasaran, masukkan program pusat data "
                                         "cadangan ke rencana aksi jangka pendek, lalu ajukan "
                                         "kembali."}, 1),
]


def _history(masterplan, users):
    done = list(masterplan.status_changes.order_by("changed_at", "pk")
                .values_list("transition", flat=True))
    if done != [code for code, *_rest in HISTORY[:len(done)]]:
        return
    if not done and masterplan.status != MasterplanStatus.DRAF:
        return
    now = timezone.now()
    mark = _last_notification_pk()
    changes = []
    for code, username, arguments, days in HISTORY[len(done):]:
        change = workflow.apply(masterplan, code, users[username], **arguments)
        change.changed_at = now - timedelta(days=days)
        StatusChange.objects.filter(pk=change.pk).update(changed_at=change.changed_at)
        changes.append(change)
    if changes:
        # Registered after the transitions' own callbacks, so it runs after their notifications.
        transaction.on_commit(partial(_settle_status_notifications, masterplan.pk, changes, mark))


def _settle_status_notifications(masterplan_id, changes, after_pk):
    """Date each transition's notifications like the transition; all but the last are read.

    Each transition's notifications are one bulk insert with one text, and consecutive
    transitions of HISTORY differ in text, so runs of equal text (made after `after_pk`) are the
    transitions in order."""
    groups = []
    for row in Notification.objects.filter(masterplan_id=masterplan_id, pk__gt=after_pk,
                                           kind=NotificationKind.STATUS).order_by("pk"):
        if groups and groups[-1][0].text == row.text:
            groups[-1].append(row)
        else:
            groups.append([row])
    if len(groups) != len(changes):
        return
    for index, (change, rows) in enumerate(zip(changes, groups, strict=True)):
        last = index == len(changes) - 1
        Notification.objects.filter(pk__in=[row.pk for row in rows]).update(
            created_at=change.changed_at, read_at=None if last else change.changed_at)


def _anchors(masterplan):
    """The objects the demo threads are about (None where the content demo has none)."""
    buruk = (ReadinessEntry.objects.filter(masterplan=masterplan, interpretation="buruk",
                                           component__isnull=False)
             .select_related("sub_area", "component").order_by("sub_area", "component__number"))
    return {
        "table_ii_3": sub_area_by_slug(masterplan.edition_id, "ii-3"),
        "table_ii_2": sub_area_by_slug(masterplan.edition_id, "ii-2"),
        "buruk": buruk.filter(sub_area__code="infrastructure").first() or buruk.first(),
        "strategy": Strategy.objects.filter(worksheet__masterplan=masterplan)
        .order_by("worksheet__order", "quadrant", "position").first(),
        "sasaran": Sasaran.objects.filter(masterplan=masterplan).first(),
        "masterplan": masterplan,
    }


# anchor, days ago, pembimbing's comment, [(author, days ago, reply)], resolved by (or None)
THREADS = [
    ("table_ii_3", 59,
     "Beberapa komponen tabel ini belum mencantumkan tahun data. Mohon lengkapi agar indeks "
     "kesiapan dapat dibandingkan antar tahun.",
     [("anggota.bandung", 52, "Tahun data sudah kami lengkapi dari BKPSDM dan Diskominfo.")],
     "anggota.bandung"),
    ("buruk", 57,
     "Komponen ini dinilai buruk. Mohon jelaskan penyebabnya pada catatan dan pastikan "
     "penanganannya muncul di analisis kesenjangan serta program jangka pendek.",
     [("ketua.bandung", 50, "Penyebabnya belum ada situs cadangan. Kami tambahkan baris "
                            "kesenjangan dan program pusat data cadangan."),
      ("pembimbing", 3, "Baris kesenjangan sudah ada; program pusat data cadangan belum "
                        "terlihat di rencana aksi. Mohon dilengkapi sebelum Bimtek #2.")],
     None),
    ("strategy", 56,
     "Strategi ini belum menyebut target yang terukur. Sebutkan layanan mana yang "
     "diintegrasikan lebih dahulu.",
     [("anggota.bandung", 48, "Sudah kami rinci: perizinan dan kependudukan lebih dahulu."),
      ("pembimbing", 44, "Baik, sudah jelas.")],
     "pembimbing"),
    ("sasaran", 1,
     "Target tahun akhir (2035) indikator sasaran ini belum diisi. Tanpa target akhir, "
     "capaian sasaran tidak dapat dievaluasi.",
     [], None),
    ("table_ii_2", 1,
     "Data kriminalitas memakai tahun 2024 sedangkan komponen lain 2025. Jika data 2025 "
     "sudah terbit, mohon diperbarui.",
     [("anggota.bandung", 0, "Data 2025 dari Polrestabes baru terbit bulan depan; akan kami "
                             "perbarui.")],
     None),
    ("masterplan", 1,
     "Untuk Bimtek #2 mohon siapkan paparan program jangka pendek per dimensi beserta "
     "indikator keberhasilannya.",
     [], None),
]


def _backdate(comment, days, after_pk):
    when = timezone.now() - timedelta(days=days)
    Comment.objects.filter(pk=comment.pk).update(created_at=when)
    Notification.objects.filter(pk__gt=after_pk).update(created_at=when)
    return when


def _last_notification_pk():
    return Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _threads(masterplan, users):
    if Comment.objects.filter(masterplan=masterplan).exists():
        return
    anchors = _anchors(masterplan)
    for anchor_key, days, text, replies, resolved_by in THREADS:
        anchor = anchors.get(anchor_key)
        if anchor is None:
            continue
        mark = _last_notification_pk()
        root = comments.add_comment(masterplan, anchor, users["pembimbing"], text)
        _backdate(root, days, mark)
        last_days = days
        for username, reply_days, reply_text in replies:
            mark = _last_notification_pk()
            reply = comments.add_reply(root, users[username], reply_text)
            _backdate(reply, reply_days, mark)
            last_days = reply_days
        if resolved_by:
            comments.resolve(root, users[resolved_by])
            when = timezone.now() - timedelta(days=max(last_days - 1, 0))
            Comment.objects.filter(pk=root.pk).update(resolved_at=when)
            # What was settled then has been read since.
            Notification.objects.filter(url__contains=f"/komentar/{root.pk}/").update(
                read_at=when)


def seed(full, empty):
    users = {user.username: user for user in User.objects.filter(
        username__in=["pembimbing", "ketua.bandung", "anggota.bandung"])}
    _threads(full, users)
    _history(full, users)
