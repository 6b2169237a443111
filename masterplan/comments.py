"""Review comments anchored to parts of a masterplan: the anchor registry, who may do what, and
the services that write, reply to, resolve, reopen and count comments.

Anchors. Apps declare which models can be commented on with `register_anchor` (the project's
declarations are in comment_anchors.py, imported from MasterplanConfig.ready()). An anchor kind
names its dashboard section (masterplan.sections keys), a label for the object and the URL where
it is shown. An object belongs to the masterplan reached by its REGION_FIELD path without the
trailing `__region` (e.g. `worksheet__masterplan__region` -> `worksheet__masterplan`); a
catalogue object (a readiness table) has no masterplan of its own and is anchored together with
a masterplan of its guide edition. Anything else is refused with REFUSED_ANCHOR, nothing saved.

Threads. A root comment and its replies, one level deep: a reply to a reply joins the root's
thread. Only the root is resolved or reopened; a thread is open while its root is unresolved.

Who. Top-level comments: the region's pembimbing and Kominfo admins (access.REVIEW). Replies,
resolving and reopening: those, and the region's team (ketua, anggota: the access.EDIT role),
whatever the masterplan's status. Dewan reads only. The permissions `masterplan.comment` and
`masterplan.take_part_in_comments` (masterplan/rules.py) say so.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import access, notifications
from .models import Comment, Masterplan

REFUSED_ANCHOR = gettext_lazy("Objek yang dikomentari bukan milik masterplan wilayah ini.")
MAX_TEXT = Comment._meta.get_field("text").max_length
LABEL_LENGTH = 300


# --- the anchor registry -------------------------------------------------------------------

@dataclass(frozen=True)
class AnchorKind:
    key: str  # the content type's natural key, "app_label.model_name" (used in URLs)
    section: str  # the dashboard section the objects belong to (masterplan.sections)
    title: str  # what kind of object, e.g. "Komponen kesiapan"
    label: Callable  # (obj) -> str, shown and copied into the comment
    url: Callable  # (obj, masterplan) -> str, the page showing the object (may raise NoReverseMatch)
    # For catalogue objects without a masterplan of their own: (masterplan) -> Q on the model.
    catalogue: Callable | None = None
    select_related: tuple = ()

    @property
    def model(self):
        return apps.get_model(self.key)

    def masterplan_filter(self, masterplan):
        """Q matching this kind's objects that belong to `masterplan`."""
        if self.catalogue is not None:
            return self.catalogue(masterplan)
        path = masterplan_path(self.model)
        if path is None:
            raise ImproperlyConfiguredAnchor(self.key)
        return Q(pk=masterplan.pk) if path == "pk" else Q(**{path: masterplan})


class ImproperlyConfiguredAnchor(Exception):
    pass


_anchors: dict[str, AnchorKind] = {}


def register_anchor(key, *, section, title, label, url, catalogue=None, select_related=()):
    """Declare model `key` ("app_label.model_name") as something reviewers can comment on."""
    kind = AnchorKind(key.lower(), section, title, label, url, catalogue, tuple(select_related))
    _anchors[kind.key] = kind
    return kind


def anchor_kinds():
    return list(_anchors.values())


def model_key(model_or_obj):
    meta = model_or_obj._meta
    return f"{meta.app_label}.{meta.model_name}"


def kind_of(model_or_obj):
    return _anchors.get(model_key(model_or_obj))


def kind_by_key(key):
    return _anchors.get(key)


def masterplan_path(model):
    """The lookup from `model` to its masterplan: "pk" for Masterplan itself, else its
    REGION_FIELD without `__region`; None if the model has no masterplan."""
    if model is Masterplan:
        return "pk"
    path = getattr(model, "REGION_FIELD", "")
    if path.endswith("__region"):
        return path.removesuffix("__region")
    return None


def masterplan_id_of(obj):
    """The id of the masterplan `obj` belongs to (None for catalogue objects)."""
    path = masterplan_path(type(obj))
    if path is None:
        return None
    if path == "pk":
        return obj.pk
    *parts, last = path.split("__")
    for part in parts:
        obj = getattr(obj, part)
    return getattr(obj, f"{last}_id")


def anchor_label(kind, obj):
    return str(kind.label(obj))[:LABEL_LENGTH]


def anchor_url(kind, obj, masterplan):
    """The page showing the object; the region's page if that page does not exist (yet)."""
    try:
        return kind.url(obj, masterplan)
    except NoReverseMatch:
        return reverse("region_detail", kwargs={"region_code": masterplan.region.code})


def find_anchor(masterplan, key, object_pk):
    """The object `key`/`object_pk` if it may be commented on within `masterplan`.

    Raises LookupError for a kind that is not registered, ValidationError(REFUSED_ANCHOR) for
    an object that does not exist or belongs to another masterplan."""
    kind = _anchors.get(key)
    if kind is None:
        raise LookupError(key)
    obj = (kind.model._default_manager.filter(kind.masterplan_filter(masterplan), pk=object_pk)
           .select_related(*kind.select_related).first())
    if obj is None:
        raise ValidationError(REFUSED_ANCHOR, code="foreign_anchor")
    return kind, obj


# --- who may do what -----------------------------------------------------------------------

def require_comment(user, region):
    """Starting a thread: `masterplan.comment` (the region's pembimbing and Kominfo admins)."""
    if not user.has_perm("masterplan.comment", region):
        raise PermissionDenied(_("Hanya tim pembimbing wilayah ini atau admin Kominfo yang dapat "
                                 "memulai komentar."))


def require_take_part(user, region):
    """Replying, resolving, reopening: `masterplan.take_part_in_comments` (reviewers and the
    region's team, in any status)."""
    if not user.has_perm("masterplan.take_part_in_comments", region):
        raise PermissionDenied(_("Hanya tim pembimbing, admin Kominfo, dan tim pelaksana wilayah "
                                 "ini yang dapat membalas atau menyelesaikan komentar."))


def written_by_team(author_role):
    """Was a comment written in the region's team (ketua, anggota)? A thread whose last word is
    the team's waits for its reviewers."""
    return author_role in notifications.TEAM_ROLES


def role_label_key(user, region):
    """The role a comment's author writes in: their role in the region, else "admin"."""
    role = access.role_in(user, region)
    if role is None and access.is_admin(user):
        return "admin"
    return role or ""


# --- services ------------------------------------------------------------------------------

def _clean_text(text):
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Tuliskan komentar terlebih dahulu.")})
    if len(text) > MAX_TEXT:
        raise ValidationError({"text": _("Komentar paling panjang %(n)s karakter.") % {"n": MAX_TEXT}})
    return text


def add_comment(masterplan, anchor, author, text):
    """Start a thread on `anchor` (an object of a registered kind) of `masterplan`."""
    region = masterplan.region
    require_comment(author, region)
    text = _clean_text(text)
    kind = kind_of(anchor)
    if kind is None:
        raise ValidationError(REFUSED_ANCHOR, code="foreign_anchor")
    # Checked against the database, not the object handed in.
    kind, anchor = find_anchor(masterplan, kind.key, anchor.pk)
    with transaction.atomic():
        comment = Comment.objects.create(
            masterplan=masterplan, content_type=ContentType.objects.get_for_model(kind.model),
            object_id=anchor.pk, section_key=kind.section, anchor_label=anchor_label(kind, anchor),
            author=author, author_role=role_label_key(author, region), text=text)
        notifications.comment_added(comment)
    return comment


def root_of(comment):
    return comment if comment.parent_id is None else comment.parent


def add_reply(comment, author, text):
    """Reply in the thread of `comment` (a reply to a reply joins the same thread)."""
    root = root_of(comment)
    region = root.masterplan.region
    require_take_part(author, region)
    text = _clean_text(text)
    with transaction.atomic():
        reply = Comment.objects.create(
            masterplan_id=root.masterplan_id, content_type_id=root.content_type_id,
            object_id=root.object_id, section_key=root.section_key,
            anchor_label=root.anchor_label, parent=root, author=author,
            author_role=role_label_key(author, region), text=text)
        notifications.reply_added(reply, root)
    return reply


def resolve(comment, user):
    """Mark the thread resolved; False if it already was (nothing changed)."""
    root = root_of(comment)
    require_take_part(user, root.masterplan.region)
    now = timezone.now()
    changed = Comment.objects.filter(pk=root.pk, resolved_at__isnull=True).update(
        resolved_at=now, resolved_by=user)
    if changed:
        root.resolved_at, root.resolved_by = now, user
    return bool(changed)


def reopen(comment, user):
    """Open a resolved thread again; False if it was open (nothing changed)."""
    root = root_of(comment)
    require_take_part(user, root.masterplan.region)
    changed = Comment.objects.filter(pk=root.pk, resolved_at__isnull=False).update(
        resolved_at=None, resolved_by=None)
    if changed:
        root.resolved_at, root.resolved_by = None, None
    return bool(changed)


# --- reading -------------------------------------------------------------------------------

def threads(comments):
    """Root comments of `comments` (ordered oldest first) with `.reply_list` attached."""
    roots, replies = [], defaultdict(list)
    for comment in comments:
        if comment.parent_id is None:
            roots.append(comment)
        else:
            replies[comment.parent_id].append(comment)
    for root in roots:
        root.reply_list = replies.get(root.pk, [])
    return roots


def threads_on(masterplan, anchor):
    """The threads on one anchor, in one query."""
    content_type = ContentType.objects.get_for_model(type(anchor))
    return threads(Comment.objects.filter(
        masterplan=masterplan, content_type=content_type, object_id=anchor.pk)
        .select_related("author", "resolved_by").order_by("created_at", "pk"))


def thread(root):
    """`root` with its `.reply_list`, in one query."""
    replies = list(Comment.objects.filter(parent=root).select_related("author")
                   .order_by("created_at", "pk"))
    root.reply_list = replies
    return root


def anchor_counts(masterplan_id, model):
    """{object_id: (open threads, all threads)} for the anchors of `model`, in one query."""
    content_type = ContentType.objects.get_for_model(model)
    rows = (Comment.objects.filter(masterplan_id=masterplan_id, content_type=content_type,
                                   parent__isnull=True)
            .values("object_id")
            .annotate(open=Count("pk", filter=Q(resolved_at__isnull=True)), total=Count("pk"))
            .values_list("object_id", "open", "total").order_by())
    return {object_id: (open_, total) for object_id, open_, total in rows}


def open_counts_by_section(masterplan_ids):
    """{masterplan_id: {section_key: open threads}} in one query."""
    result = defaultdict(dict)
    if not masterplan_ids:
        return result
    rows = (Comment.objects.filter(masterplan_id__in=masterplan_ids, parent__isnull=True,
                                   resolved_at__isnull=True)
            .values("masterplan_id", "section_key").annotate(n=Count("pk"))
            .values_list("masterplan_id", "section_key", "n").order_by())
    for masterplan_id, section_key, n in rows:
        result[masterplan_id][section_key] = n
    return result
