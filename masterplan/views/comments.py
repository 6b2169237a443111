"""Review comments: thread and per-anchor pages, the POST endpoints (new comment, reply, resolve,
reopen), a region's comment list, the reviewers' inbox across regions, and notifications.

A comment block (templates/masterplan/comments/_block.html) is included on content pages by
`{% comment_thread masterplan anchor %}`; its forms post here. An htmx request gets the updated
block back (422 with the message when the input is refused); a plain post is redirected back to
`next` (the page the block was on) or, when refused, sees the block's page again with the
message (422). A comment on an object that is not the region's current masterplan's answers 422
with comments.REFUSED_ANCHOR and saves nothing. Commenting is not a content edit: it is allowed
in every status (`content_write = False`).
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, Max, OuterRef, Subquery, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from .. import access, comments
from ..models import Comment, Notification
from ..sections import all_sections
from .base import MasterplanMixin

THREAD_VIEW = "utas"  # the `tampilan` of a block showing one thread (the thread page)
ROLE_LABELS = {
    "pembimbing": gettext_lazy("Tim Pembimbing"), "admin": gettext_lazy("Admin Kominfo"),
    "ketua": gettext_lazy("Ketua Tim Pelaksana"), "anggota": gettext_lazy("Anggota Tim"),
}


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def block_id(key, object_pk):
    return f"komentar-{key.replace('.', '-')}-{object_pk}"


def safe_next(request, value):
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()},
                                                 require_https=request.is_secure()):
        return value
    return ""


def block_context(request, *, masterplan, region, kind, anchor=None, anchor_pk=None,
                  thread_list=None, single=None, next_url="", error="", error_thread=None,
                  text=""):
    """Everything _block.html shows: the anchor's threads (or one thread), forms and rights."""
    user = request.user
    anchor_pk = anchor.pk if anchor is not None else anchor_pk
    if single is not None:
        thread_list = [single]
    elif thread_list is None:
        thread_list = comments.threads_on(masterplan, anchor)
    for item in thread_list:
        item.author_role_label = ROLE_LABELS.get(item.author_role, "")
        for reply in item.reply_list:
            reply.author_role_label = ROLE_LABELS.get(reply.author_role, "")
    return {
        "region": region, "masterplan": masterplan, "kind": kind,
        "block_id": f"utas-{single.pk}" if single is not None else block_id(kind.key, anchor_pk),
        "threads": thread_list,
        "open_count": sum(1 for t in thread_list if t.resolved_at is None),
        "single": single is not None, "view_mode": THREAD_VIEW if single is not None else "",
        "add_url": reverse("comment_anchor", kwargs={
            "region_code": region.code, "app_model": kind.key, "object_pk": anchor_pk}),
        "can_comment": user.has_perm("masterplan.comment", region),
        "can_take_part": user.has_perm("masterplan.take_part_in_comments", region),
        "next": next_url or request.get_full_path(),
        "error": error, "error_thread": error_thread, "text": text,
    }


class CommentMixin(MasterplanMixin):
    content_write = False  # commenting is allowed in every status

    def comments_qs(self):
        return Comment.objects.filter(masterplan=self.masterplan)

    def get_comment(self, pk=None):
        """The comment named in the URL (any visible one; the action is checked by the service)."""
        return access.scoped_get(
            self.comments_qs().select_related("author", "resolved_by", "masterplan__region",
                                              "parent"),
            self.request.user, access.VIEW, pk=pk or self.kwargs["comment_pk"])

    def get_root(self):
        comment = self.get_comment()
        return comment if comment.parent_id is None else self.get_comment(comment.parent_id)

    def anchor_of(self, root):
        """(kind, object or None) of a thread; the object may have been deleted since."""
        key = f"{root.content_type.app_label}.{root.content_type.model}"
        kind = comments.kind_by_key(key)
        if kind is None:
            return None, None
        try:
            return comments.find_anchor(self.masterplan, key, root.object_id)
        except ValidationError:
            return kind, None

    def next_url(self):
        return safe_next(self.request, self.request.POST.get("next", ""))

    # --- answering a POST ------------------------------------------------------------------

    def block_response(self, root, *, error="", error_thread=None, text="", status=200):
        """The updated block: one thread on the thread page, else every thread on its anchor."""
        kind, anchor = self.anchor_of(root)
        if self.request.POST.get("tampilan") == THREAD_VIEW or kind is None:
            context = block_context(
                self.request, masterplan=self.masterplan, region=self.region,
                kind=kind or comments.kind_by_key("masterplan.masterplan"),
                anchor_pk=root.object_id, single=comments.thread(root), next_url=self.next_url(),
                error=error, error_thread=error_thread, text=text)
        else:
            context = block_context(
                self.request, masterplan=self.masterplan, region=self.region, kind=kind,
                anchor=anchor, anchor_pk=root.object_id,
                thread_list=None if anchor is not None else comments.threads(
                    self.comments_qs().filter(content_type_id=root.content_type_id,
                                              object_id=root.object_id)
                    .select_related("author", "resolved_by")),
                next_url=self.next_url(), error=error, error_thread=error_thread, text=text)
        return render(self.request, "masterplan/comments/_block.html", context, status=status)

    def done(self, root, message, anchor_fragment):
        if is_htmx(self.request):
            return self.block_response(root)
        messages.success(self.request, message)
        target = self.next_url() or reverse("comment_thread", kwargs={
            "region_code": self.region.code, "comment_pk": root.pk})
        return redirect(f"{target.split('#')[0]}#{anchor_fragment}")

    def refused(self, root, error, status=422, error_thread=None, text=""):
        if is_htmx(self.request):
            return self.block_response(root, error=error, error_thread=error_thread, text=text,
                                       status=status)
        return ThreadView.as_page(self, root, error=error, error_thread=error_thread, text=text,
                                  status=status)


class ThreadView(CommentMixin, TemplateView):
    """One thread: the root comment, its replies, reply and resolve forms."""

    template_name = "masterplan/comments/thread.html"

    def get(self, request, *args, **kwargs):
        return self.as_page(self, self.get_root())

    @staticmethod
    def as_page(view, root, *, error="", error_thread=None, text="", status=200):
        kind, anchor = view.anchor_of(root)
        kind = kind or comments.kind_by_key("masterplan.masterplan")
        context = block_context(view.request, masterplan=view.masterplan, region=view.region,
                                kind=kind, anchor_pk=root.object_id, single=comments.thread(root),
                                error=error, error_thread=error_thread, text=text,
                                next_url=view.request.path)
        context.update(
            root=root, anchor=anchor,
            anchor_url=comments.anchor_url(kind, anchor, view.masterplan) if anchor else "",
            anchor_page=reverse("comment_anchor", kwargs={
                "region_code": view.region.code, "app_model": kind.key,
                "object_pk": root.object_id}),
        )
        return render(view.request, ThreadView.template_name, context, status=status)


class AnchorView(CommentMixin, TemplateView):
    """Every thread on one object, with the form for a new comment (POST: start a thread)."""

    template_name = "masterplan/comments/anchor.html"

    def get_anchor(self):
        try:
            return comments.find_anchor(self.masterplan, self.kwargs["app_model"],
                                        self.kwargs["object_pk"])
        except LookupError:
            raise Http404(_("Objek ini tidak dapat dikomentari.")) from None
        except ValidationError as error:
            raise Http404(error.messages[0]) from None

    def page(self, kind, anchor, *, error="", text="", status=200):
        context = block_context(self.request, masterplan=self.masterplan, region=self.region,
                                kind=kind, anchor=anchor, error=error, text=text,
                                next_url=self.request.path)
        context.update(anchor=anchor, anchor_label=comments.anchor_label(kind, anchor),
                       anchor_url=comments.anchor_url(kind, anchor, self.masterplan))
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        kind, anchor = self.get_anchor()
        return self.page(kind, anchor)

    def post(self, request, *args, **kwargs):
        comments.require_comment(request.user, self.region)
        text = request.POST.get("text", "")
        try:
            kind, anchor = comments.find_anchor(self.masterplan, self.kwargs["app_model"],
                                                self.kwargs["object_pk"])
        except LookupError:
            raise Http404(_("Objek ini tidak dapat dikomentari.")) from None
        except ValidationError as error:
            return self.foreign_anchor(error.messages[0])
        try:
            comment = comments.add_comment(self.masterplan, anchor, request.user, text)
        except ValidationError as error:
            message = " ".join(error.messages)
            if is_htmx(request):
                return render(request, "masterplan/comments/_block.html", block_context(
                    request, masterplan=self.masterplan, region=self.region, kind=kind,
                    anchor=anchor, next_url=self.next_url(), error=message, text=text),
                    status=422)
            return self.page(kind, anchor, error=message, text=text, status=422)
        return self.done(comment, _("Komentar dikirim."), f"komentar-{comment.pk}")

    def foreign_anchor(self, message):
        """The object is not this region's: say so, change nothing."""
        context = {"region": self.region, "masterplan": self.masterplan, "message": message}
        template = ("masterplan/comments/_refused.html" if is_htmx(self.request)
                    else "masterplan/comments/refused.html")
        return render(self.request, template, context, status=422)


class ReplyView(CommentMixin, View):
    def post(self, request, *args, **kwargs):
        root = self.get_root()
        comments.require_take_part(request.user, self.region)
        text = request.POST.get("text", "")
        try:
            reply = comments.add_reply(root, request.user, text)
        except ValidationError as error:
            return self.refused(root, " ".join(error.messages), error_thread=root.pk, text=text)
        return self.done(root, _("Balasan dikirim."), f"komentar-{reply.pk}")


class ResolveView(CommentMixin, View):
    reopen = False

    def post(self, request, *args, **kwargs):
        root = self.get_root()
        comments.require_take_part(request.user, self.region)
        if self.reopen:
            changed = comments.reopen(root, request.user)
            message = _("Komentar dibuka kembali.") if changed else _("Komentar ini sudah terbuka.")
        else:
            changed = comments.resolve(root, request.user)
            message = (_("Komentar ditandai selesai.") if changed
                       else _("Komentar ini sudah diselesaikan."))
        return self.done(root, message, f"utas-{root.pk}")


class RegionCommentsView(MasterplanMixin, TemplateView):
    """The threads of the region's current masterplan, by section; open ones unless `status=semua`."""

    template_name = "masterplan/comments/region.html"
    content_write = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show_all = self.request.GET.get("status") == "semua"
        section = self.request.GET.get("bagian", "")
        roots = (Comment.objects.filter(masterplan=self.masterplan, parent__isnull=True)
                 .select_related("author", "resolved_by")
                 .annotate(reply_count=Count("replies")).order_by("-created_at", "-pk"))
        if not show_all:
            roots = roots.filter(resolved_at__isnull=True)
        if section:
            roots = roots.filter(section_key=section)
        titles = {s.key: s.title for s in all_sections()}
        titles["masterplan"] = _("Masterplan secara umum")
        groups = {}
        for root in roots:
            groups.setdefault(root.section_key, []).append(root)
        order = {s.key: s.order for s in all_sections()}
        context.update(
            groups=[(key, titles.get(key, _("Bagian lain")), items) for key, items in
                    sorted(groups.items(), key=lambda kv: (order.get(kv[0], -1), kv[0]))],
            show_all=show_all, section=section, section_title=titles.get(section, ""),
        )
        return context


class InboxView(LoginRequiredMixin, TemplateView):
    """For pembimbing and admins: every open thread in the regions they review, grouped by
    region, the most recently active first."""

    template_name = "masterplan/comments/inbox.html"
    page_size = 100

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm("masterplan.see_review_pages"):
            raise PermissionDenied(_("Halaman ini untuk tim pembimbing dan admin Kominfo."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        last_reply = Comment.objects.filter(parent=OuterRef("pk")).order_by("-created_at", "-pk")
        roots = (Comment.objects.restrict(self.request.user, access.REVIEW)
                 .filter(parent__isnull=True, resolved_at__isnull=True,
                         masterplan__is_current=True)
                 .select_related("author", "masterplan__region")
                 .annotate(reply_count=Count("replies"),
                           last_at=Coalesce(Max("replies__created_at"), "created_at"),
                           last_role=Subquery(last_reply.values("author_role")[:1]))
                 .order_by("-last_at", "-pk"))
        page = Paginator(roots, self.page_size).get_page(self.request.GET.get("halaman"))
        groups = {}
        for root in page:
            root.waiting = comments.written_by_team(root.last_role)
            groups.setdefault(root.masterplan.region_id, (root.masterplan.region, []))[1].append(
                root)
        context.update(page=page, groups=list(groups.values()))
        return context


class NotificationsView(LoginRequiredMixin, TemplateView):
    """The user's notifications, unread first. POST `id` marks one read (and with `buka`
    goes to its page); POST `semua` marks all read."""

    template_name = "masterplan/comments/notifications.html"
    page_size = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = (Notification.objects.filter(recipient=self.request.user)
                .select_related("masterplan__region")  # each time in its region's zone
                .annotate(is_read=Case(When(read_at__isnull=True, then=0), default=1))
                .order_by("is_read", "-created_at", "-pk"))
        context["page"] = Paginator(rows, self.page_size).get_page(self.request.GET.get("halaman"))
        context["unread"] = Notification.objects.filter(recipient=self.request.user,
                                                        read_at__isnull=True).count()
        return context

    def post(self, request, *args, **kwargs):
        mine = Notification.objects.filter(recipient=request.user)
        now = timezone.now()
        if request.POST.get("semua"):
            count = mine.filter(read_at__isnull=True).update(read_at=now)
            messages.success(request, _("%(n)s notifikasi ditandai sudah dibaca.") % {"n": count})
            return redirect("notifications")
        if request.POST.get("id", "").isdigit():
            notification = get_object_or_404(mine, pk=request.POST["id"])
            if notification.read_at is None:
                mine.filter(pk=notification.pk).update(read_at=now)
            target = safe_next(request, notification.url)
            if request.POST.get("buka") and target:
                return redirect(target)
        return redirect("notifications")
