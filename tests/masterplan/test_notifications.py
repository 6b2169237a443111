"""Notifications and their emails for new comments, replies and status transitions."""

import pytest
from celery.signals import task_prerun
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from masterplan import comments, workflow
from masterplan.models import Comment, Notification, NotificationKind

from ..factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def notified(kind=None):
    rows = Notification.objects.all() if kind is None else Notification.objects.filter(kind=kind)
    return sorted(rows.values_list("recipient__username", flat=True))


def test_a_new_comment_notifies_the_team_by_app_and_email_on_commit(
        world, mailoutbox, django_capture_on_commit_callbacks):
    masterplan = world.masterplans["own"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        comment = comments.add_comment(masterplan, masterplan, world.user("pembimbing"),
                                       "Bab pendahuluan perlu data kependudukan terbaru.")
    assert notified() == ["anggota.uji", "ketua.uji"]  # written with the comment
    assert mailoutbox == [] and len(callbacks) == 1  # the emails wait for the commit
    callbacks[0]()
    assert sorted(m.to[0] for m in mailoutbox) == ["anggota.uji@example.org",
                                                    "ketua.uji@example.org"]
    message = mailoutbox[0]
    assert message.subject == "[Masterplan Smart City] Komentar baru untuk Kota Bandung"
    assert "mengomentari Masterplan: " in message.body
    # Mailed links are absolute: a mail client has no page to resolve a path against.
    assert (f"Buka: https://masterplan.example.go.id/wilayah/32.73/komentar/{comment.pk}/"
            f"#komentar-{comment.pk}") in message.body
    notification = Notification.objects.get(recipient=world.user("ketua"))
    assert notification.kind == NotificationKind.COMMENT and notification.masterplan == masterplan
    assert notification.url == f"/wilayah/32.73/komentar/{comment.pk}/#komentar-{comment.pk}"
    assert "Bab pendahuluan perlu data kependudukan terbaru." in notification.text


def test_a_reply_notifies_the_thread_and_the_pembimbing_but_not_its_author(
        world, mailoutbox, django_capture_on_commit_callbacks):
    masterplan = world.masterplans["own"]
    root = comments.add_comment(masterplan, masterplan, world.user("admin"), "Mohon diperbaiki")
    comments.add_reply(root, world.user("ketua"), "Akan kami perbaiki")
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        reply = comments.add_reply(root, world.user("anggota"), "Sudah diperbaiki di bab II")
    # Root author (admin), earlier writer (ketua) and the region's pembimbing; not anggota.
    assert notified(NotificationKind.REPLY) == ["admin.uji", "ketua.uji", "pembimbing.uji"]
    assert sorted(m.to[0] for m in mailoutbox) == [
        "admin.uji@example.org", "ketua.uji@example.org", "pembimbing.uji@example.org"]
    assert all(m.subject.endswith("Balasan komentar untuk Kota Bandung") for m in mailoutbox)
    assert Notification.objects.filter(url__endswith=f"#komentar-{reply.pk}").count() == 3


def test_a_pembimbing_replying_in_their_own_thread_is_not_told(world, mailoutbox,
                                                               django_capture_on_commit_callbacks):
    masterplan = world.masterplans["own"]
    root = comments.add_comment(masterplan, masterplan, world.user("pembimbing"), "Catatan")
    comments.add_reply(root, world.user("anggota"), "Baik")
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        comments.add_reply(root, world.user("pembimbing"), "Terima kasih")
    assert notified() == ["anggota.uji"]
    assert [m.to for m in mailoutbox] == [["anggota.uji@example.org"]]


def test_a_transition_notifies_team_and_pembimbing_after_commit(
        world, mailoutbox, django_capture_on_commit_callbacks):
    masterplan = world.masterplans["own"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.apply(masterplan, "submit", world.user("ketua"), bimtek_number=1)
    assert not Notification.objects.exists() and mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert notified(NotificationKind.STATUS) == ["anggota.uji", "pembimbing.uji"]
    assert sorted(m.to[0] for m in mailoutbox) == ["anggota.uji@example.org",
                                                    "pembimbing.uji@example.org"]
    assert mailoutbox[0].subject == "[Masterplan Smart City] Status masterplan Kota Bandung: Diajukan"
    note = Notification.objects.filter(recipient=world.user("anggota")).get()
    assert note.url == "/wilayah/32.73/status/"
    assert "kini “Diajukan” untuk Bimtek #1 (Ajukan untuk ditinjau oleh" in note.text

    Notification.objects.all().delete()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply(masterplan, "revise", world.user("pembimbing"),
                       comment="Lengkapi analisis kesenjangan.")
    assert notified() == ["anggota.uji", "ketua.uji"]
    assert "kini “Perlu revisi” (Minta revisi oleh" in mailoutbox[0].body
    assert "Catatan: “Lengkapi analisis kesenjangan.”" in mailoutbox[0].body


def test_a_refused_transition_notifies_nobody(world, mailoutbox,
                                               django_capture_on_commit_callbacks):
    from django.core.exceptions import PermissionDenied

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        workflow.apply(world.masterplans["own"], "submit", world.user("anggota"), bimtek_number=1)
    assert not Notification.objects.exists() and mailoutbox == []


def test_accounts_without_a_deliverable_address_get_no_email(world, mailoutbox,
                                                              django_capture_on_commit_callbacks):
    masterplan = world.masterplans["own"]
    world.user("ketua").email = ""
    world.user("ketua").save()
    anggota2 = UserFactory(username="anggota.demo", email="anggota@demo.invalid")
    MembershipFactory(user=anggota2, region=world.own, role="anggota")
    gone = UserFactory(username="anggota.nonaktif", is_active=False)
    MembershipFactory(user=gone, region=world.own, role="anggota")
    with django_capture_on_commit_callbacks(execute=True):
        comments.add_comment(masterplan, masterplan, world.user("pembimbing"), "Catatan")
    assert notified() == ["anggota.demo", "anggota.uji", "ketua.uji"]
    assert [m.to for m in mailoutbox] == [["anggota.uji@example.org"]]


def test_a_rolled_back_comment_leaves_no_notification_and_sends_nothing(
        world, mailoutbox, django_capture_on_commit_callbacks):
    masterplan = world.masterplans["own"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            comments.add_comment(masterplan, masterplan, world.user("pembimbing"), "Catatan")
            raise RuntimeError("rolled back")
    assert callbacks == [] and mailoutbox == []
    assert not Comment.objects.exists() and not Notification.objects.exists()


def test_a_failing_mail_server_is_logged_and_keeps_the_comment(
        world, settings, caplog, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.masterplan.test_notifications.BrokenBackend"
    masterplan = world.masterplans["own"]
    with django_capture_on_commit_callbacks(execute=True):
        comments.add_comment(masterplan, masterplan, world.user("pembimbing"), "Catatan")
    assert Comment.objects.count() == 1 and Notification.objects.count() == 2
    assert "Could not send the notification email" in caplog.text


def test_the_comment_view_sends_on_commit(client, world, mailoutbox,
                                          django_capture_on_commit_callbacks):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("pembimbing"))
    url = f"/wilayah/32.73/komentar/objek/masterplan.masterplan/{masterplan.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"text": "Secara umum sudah baik."})
    assert response.status_code == 302
    assert len(mailoutbox) == 2 and notified() == ["anggota.uji", "ketua.uji"]


def test_the_emails_go_through_a_celery_task_that_takes_notification_ids(
        world, mailoutbox, django_capture_on_commit_callbacks):
    sent = []

    def record(sender=None, task=None, kwargs=None, **extra):
        sent.append((getattr(task, "name", sender), kwargs))

    task_prerun.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            comments.add_comment(world.masterplans["own"], world.masterplans["own"],
                                 world.user("pembimbing"), "Mohon lengkapi data.")
    finally:
        task_prerun.disconnect(record)
    [(name, kwargs)] = sent
    assert name == "masterplan.send_notification_emails"
    ids = sorted(Notification.objects.values_list("pk", flat=True))
    assert sorted(kwargs["notification_ids"]) == ids and kwargs["subject"].startswith("[Masterplan")
    assert len(mailoutbox) == 2

