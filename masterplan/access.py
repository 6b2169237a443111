"""Who may do what in which region: the single place access is decided.

A user's reach comes from their memberships (one role per region) and from the Kominfo admin
flag. `ROLE_ACTIONS` and `ADMIN_ACTIONS` are the whole policy; `rules.py` turns them into
django-rules permissions for object checks and `region_q` into a queryset filter, so the two can
never disagree. Views use `region_for` / `scoped_get`: an object outside the user's regions
answers 404, a visible object with a forbidden action answers 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Membership, Region, Role

VIEW = "view"  # read a region's masterplan and its content
EDIT = "edit"  # change a region's masterplan content
MANAGE_TEAM = "manage_team"  # add and remove the region's team accounts
REVIEW = "review"  # comment on content, write Bimtek reports
CREATE_MASTERPLAN = "create_masterplan"  # start a masterplan, choose the current one
MANAGE_REGION = "manage_region"  # region data and batch; admins only
PUBLISH = "publish"  # publish the region's masterplan on the public portal, or withdraw it

ROLE_ACTIONS = {
    Role.KETUA: {VIEW, EDIT, MANAGE_TEAM, CREATE_MASTERPLAN, PUBLISH},
    Role.ANGGOTA: {VIEW, EDIT},
    Role.DEWAN: {VIEW},
    Role.PEMBIMBING: {VIEW, REVIEW},
}
# Admins oversee every region but leave a region's content to its own team.
ADMIN_ACTIONS = {VIEW, MANAGE_TEAM, REVIEW, CREATE_MASTERPLAN, MANAGE_REGION, PUBLISH}
ACTIONS = {VIEW, EDIT, MANAGE_TEAM, REVIEW, CREATE_MASTERPLAN, MANAGE_REGION, PUBLISH}

DENIED_MESSAGES = {
    VIEW: "Anda tidak memiliki akses ke wilayah ini.",
    EDIT: "Hanya tim pelaksana wilayah ini yang dapat mengubah isi masterplan.",
    MANAGE_TEAM: "Hanya ketua tim pelaksana atau admin Kominfo yang dapat mengelola akun tim.",
    REVIEW: "Hanya tim pembimbing wilayah ini atau admin Kominfo yang dapat memberi tinjauan.",
    CREATE_MASTERPLAN: "Hanya ketua tim pelaksana atau admin Kominfo yang dapat mengelola masterplan.",
    MANAGE_REGION: "Hanya admin Kominfo yang dapat mengelola data wilayah.",
    PUBLISH: "Hanya ketua tim pelaksana atau admin Kominfo yang dapat menerbitkan masterplan.",
}


def _check_action(action):
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}")


def region_roles(user):
    """{region_id: role} for the user, loaded once per user object (i.e. once per request)."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, "_region_roles_cache", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("region_id", "role"))
        user._region_roles_cache = cached
    return cached


def forget_region_roles(user):
    user.__dict__.pop("_region_roles_cache", None)


def is_admin(user):
    return bool(user.is_authenticated and user.is_admin)


def region_ids_for(user, action):
    """The ids of the regions where `user` may do `action`; None means every region."""
    _check_action(action)
    if is_admin(user) and action in ADMIN_ACTIONS:
        return None
    return member_region_ids_for(user, action)


def member_region_ids_for(user, action):
    """The ids of the regions where `user` may do `action` through their own membership (the
    admin flag aside), e.g. REVIEW: the regions they are the assigned pembimbing of."""
    _check_action(action)
    return {rid for rid, role in region_roles(user).items() if action in ROLE_ACTIONS[role]}


def region_q(model, user, action):
    """A Q filter on `model` (which names its REGION_FIELD) for the regions of region_ids_for."""
    ids = region_ids_for(user, action)
    if ids is None:
        return Q()
    path = model.REGION_FIELD
    lookup = "pk__in" if path == "pk" else f"{path}__in"
    return Q(**{lookup: ids})


def can(user, action, region):
    """May `user` do `action` in `region`?"""
    _check_action(action)
    if is_admin(user) and action in ADMIN_ACTIONS:
        return True
    role = region_roles(user).get(region.pk)
    return role is not None and action in ROLE_ACTIONS[role]


def member_can(user, action, region):
    """May `user` do `action` in `region` through their own membership there (the admin flag
    aside)? E.g. MANAGE_TEAM: the region's ketua; REVIEW: its assigned pembimbing."""
    _check_action(action)
    role = region_roles(user).get(region.pk)
    return role is not None and action in ROLE_ACTIONS[role]


def role_in(user, region):
    return region_roles(user).get(region.pk)


def region_of(obj):
    """Follow the model's REGION_FIELD path from `obj` to its Region."""
    path = type(obj).REGION_FIELD
    if path == "pk":
        return obj
    for part in path.split("__"):
        obj = getattr(obj, part)
    return obj


def require(user, action, region):
    if not can(user, action, region):
        raise PermissionDenied(_(DENIED_MESSAGES[action]))


def region_for(user, code, action=VIEW):
    """The region with `code` if the user can see it (else 404) and may do `action` (else 403)."""
    region = Region.objects.restrict(user, VIEW).filter(code=code).select_related(
        "province", "batch").first()
    if region is None:
        raise Http404(_("Wilayah tidak ditemukan."))
    require(user, action, region)
    return region


def scoped_get(queryset, user, action=VIEW, **lookup):
    """One object of a region-scoped queryset, visible to `user` (else 404), `action` allowed (else 403)."""
    obj = queryset.restrict(user, VIEW).filter(**lookup).first()
    if obj is None:
        raise Http404(_("Data tidak ditemukan."))
    require(user, action, region_of(obj))
    return obj
