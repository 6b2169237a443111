"""In-app notifications, each also sent by email: new comments, replies and status transitions.

Who is told:
* a new comment: the region's ketua and anggota;
* a reply: everyone who wrote in the thread and the region's pembimbing;
* a status transition (workflow.status_changed): the region's ketua, anggota and pembimbing.
The person who acted is never told about their own action; inactive accounts are skipped.

The Notification rows are written in the caller's transaction (a refused comment leaves none);
the emails go out through a Celery task sent once that transaction commits (in-process without a
broker), one message per recipient through the settings' EMAIL_BACKEND (console unless
EMAIL_HOST is set), with links made absolute by SITE_URL. Accounts without an email address,
or with one on the reserved `.invalid` domain (the demo accounts), get no email. A failing mail
server is logged and does not undo anything.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from . import workflow
from .models import Comment, Membership, Notification, NotificationKind, Role

logger = logging.getLogger(__name__)

TEAM_ROLES = (Role.KETUA, Role.ANGGOTA)
SUBJECT_PREFIX = "[Masterplan Smart City] "


def members(region, roles):
    """The active accounts holding one of `roles` in `region`."""
    return [m.user for m in Membership.objects.filter(region=region, role__in=roles,
                                                      user__is_active=True)
            .select_related("user").order_by("user__username")]


def deliverable(address):
    address = (address or "").strip()
    return bool(address) and not address.lower().endswith(".invalid")


def notify(users, *, masterplan, kind, text, url, subject, exclude=None):
    """Create one notification per distinct active user (except `exclude`) and send each an
    email once the current transaction commits. Returns the notifications."""
    seen, recipients = set(), []
    for user in users:
        if user is None or not user.is_active or user.pk in seen:
            continue
        if exclude is not None and user.pk == exclude.pk:
            continue
        seen.add(user.pk)
        recipients.append(user)
    text = Truncator(text).chars(400)
    created = Notification.objects.bulk_create([
        Notification(recipient=user, masterplan=masterplan, kind=kind, text=text, url=url)
        for user in recipients])
    mailed = [notification.pk for notification, user in zip(created, recipients, strict=True)
              if deliverable(user.email)]
    if mailed:
        from .tasks import send_notification_emails  # tasks import this module

        transaction.on_commit(partial(send_notification_emails.delay, notification_ids=mailed,
                                      subject=SUBJECT_PREFIX + subject))
    return created


def absolute(url):
    """A link for an email: the site's address (SITE_URL) in front of a path."""
    return f"{settings.SITE_URL.rstrip('/')}{url}" if url.startswith("/") else url


def email_body(text, url):
    link = absolute(url)
    parts = [text]
    if url:
        parts.append(_("Buka: %(link)s") % {"link": link})
    parts.append(_("Pesan ini dikirim otomatis oleh aplikasi Masterplan Smart City Daerah. Semua "
                   "notifikasi Anda ada di menu Notifikasi."))
    return "\n\n".join(parts)


def send_emails(notification_ids, subject):
    """Mail each notification to its recipient, one message each over one connection (called by
    the task after commit); failures are logged, not raised."""
    connection = get_connection()
    for notification in (Notification.objects.filter(pk__in=notification_ids)
                         .select_related("recipient").order_by("pk")):
        address = notification.recipient.email.strip()
        if not deliverable(address):
            continue
        try:
            send_mail(subject, email_body(notification.text, notification.url), None, [address],
                      connection=connection)
        except Exception:  # noqa: BLE001  (the change is committed; a mail failure must not hide it)
            logger.exception("Could not send the notification email to %s", address)


def _excerpt(text):
    return Truncator(" ".join(text.split())).chars(120)


def thread_url(region, root, comment=None):
    url = reverse("comment_thread", kwargs={"region_code": region.code, "comment_pk": root.pk})
    return f"{url}#komentar-{(comment or root).pk}"


def comment_added(comment):
    """A new thread: the region's ketua and anggota are told."""
    region = comment.masterplan.region
    return notify(
        members(region, TEAM_ROLES), masterplan=comment.masterplan, kind=NotificationKind.COMMENT,
        text=_("%(author)s mengomentari %(anchor)s: “%(text)s”") % {
            "author": comment.author, "anchor": comment.anchor_label,
            "text": _excerpt(comment.text)},
        url=thread_url(region, comment),
        subject=_("Komentar baru untuk %(region)s") % {"region": region.display_name},
        exclude=comment.author)


def reply_added(reply, root):
    """A reply: everyone who wrote in the thread and the region's pembimbing are told."""
    region = root.masterplan.region
    writers = [c.author for c in Comment.objects.filter(Q(pk=root.pk) | Q(parent=root))
               .select_related("author").order_by("created_at", "pk")]
    return notify(
        writers + members(region, (Role.PEMBIMBING,)), masterplan=root.masterplan,
        kind=NotificationKind.REPLY,
        text=_("%(author)s membalas komentar pada %(anchor)s: “%(text)s”") % {
            "author": reply.author, "anchor": root.anchor_label, "text": _excerpt(reply.text)},
        url=thread_url(region, root, reply),
        subject=_("Balasan komentar untuk %(region)s") % {"region": region.display_name},
        exclude=reply.author)


@receiver(workflow.status_changed, dispatch_uid="masterplan.notifications.status_changed")
def status_changed(sender, masterplan, change, **kwargs):
    """A committed transition: the region's team and pembimbing are told."""
    region = masterplan.region
    transition = workflow.TRANSITIONS.get(change.transition)
    values = {"region": region.display_name, "status": change.get_to_status_display(),
              "action": transition.label if transition else change.transition,
              "user": change.changed_by or _("sistem"), "n": change.bimtek_number}
    if transition is not None and transition.needs_bimtek and change.bimtek_number:
        text = _("Status masterplan %(region)s kini “%(status)s” untuk Bimtek #%(n)s "
                 "(%(action)s oleh %(user)s).") % values
    else:
        text = _("Status masterplan %(region)s kini “%(status)s” (%(action)s oleh %(user)s).") \
            % values
    if change.comment:
        text += " " + _("Catatan: “%(text)s”") % {"text": _excerpt(change.comment)}
    with transaction.atomic():
        return notify(
            members(region, (*TEAM_ROLES, Role.PEMBIMBING)), masterplan=masterplan,
            kind=NotificationKind.STATUS, text=text,
            url=reverse("masterplan_status", kwargs={"region_code": region.code}),
            subject=_("Status masterplan %(region)s: %(status)s") % {
                "region": region.display_name, "status": change.get_to_status_display()},
            exclude=change.changed_by)
