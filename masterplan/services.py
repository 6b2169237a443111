"""Core business logic: masterplans, accounts and memberships.

Views call these functions after the access layer has allowed the action; every function that
writes more than one row runs in one transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from . import access, content_version
from .editing import bump_version
from .models import GuideEdition, Masterplan, Membership, Region, Role, User

TEAM_ROLES = {Role.KETUA, Role.ANGGOTA, Role.DEWAN}
# Roles a ketua tim pelaksana may give inside their own region; the rest are the admins' to give.
KETUA_GRANTABLE_ROLES = {Role.ANGGOTA, Role.DEWAN}


# Functions run in the same transaction as a new masterplan's creation (each app's ensure_rows
# registers here from its registrations.py) so every masterplan starts complete and the pages
# only read. Existing masterplans got their rows from each app's data migration; rows a grown
# catalogue calls for are added by load_reference_data (initialize_all_masterplans).
_masterplan_initializers = []


def on_masterplan_created(initializer):
    _masterplan_initializers.append(initializer)
    return initializer


def initialize_masterplan(masterplan):
    """Create each app's per-masterplan rows; idempotent, so it also repairs older masterplans."""
    with content_version.collecting():  # rows created in bulk send no signal
        for initializer in _masterplan_initializers:
            initializer(masterplan)
        content_version.masterplan_changed(masterplan.pk)


def initialize_all_masterplans():
    """initialize_masterplan for every masterplan, each in its own transaction."""
    for masterplan in Masterplan.objects.select_related("edition", "region").order_by("pk"):
        with transaction.atomic():
            initialize_masterplan(masterplan)


def latest_edition():
    return GuideEdition.objects.order_by("-year", "-pk").first()


def current_masterplan(region):
    return region.masterplans.filter(is_current=True).select_related("edition").first()


def default_title(region, start_year, period_years):
    return _("Masterplan Smart City %(region)s %(start)s–%(end)s") % {
        "region": region.display_name.removeprefix("Provinsi "),
        "start": start_year,
        "end": start_year + period_years - 1,
    }


@transaction.atomic
def create_masterplan(*, region, user, start_year, period_years=10, title="", make_current=True,
                      edition=None):
    edition = edition or latest_edition()
    if edition is None:
        raise ValidationError(_("Belum ada edisi panduan. Jalankan load_reference_data."))
    masterplan = Masterplan(
        region=region, edition=edition, start_year=start_year, period_years=period_years,
        title=title or default_title(region, start_year, period_years),
        created_by=user, updated_by=user,
    )
    masterplan.full_clean(exclude=["is_current"])
    if make_current:
        # Lock the region row so two concurrent "make current" requests serialise.
        Region.objects.select_for_update().filter(pk=region.pk).first()
        region.masterplans.filter(is_current=True).update(is_current=False)
        masterplan.is_current = True
    masterplan.save()
    initialize_masterplan(masterplan)
    return masterplan


@transaction.atomic
def set_current_masterplan(masterplan, user):
    Region.objects.select_for_update().filter(pk=masterplan.region_id).first()
    masterplan.region.masterplans.filter(is_current=True).exclude(pk=masterplan.pk).update(
        is_current=False)
    Masterplan.objects.filter(pk=masterplan.pk).update(is_current=True)
    bump_version(masterplan, user)
    masterplan.is_current = True
    return masterplan


def annotate_current_status(regions):
    current = Masterplan.objects.filter(region=OuterRef("pk"), is_current=True)
    return regions.annotate(
        current_status=Subquery(current.values("status")[:1]),
        current_masterplan_id=Subquery(current.values("pk")[:1]),
    )


def validate_membership(user_account, region, role):
    """Raise ValidationError if `user_account` may not hold `role` in `region`."""
    if user_account.is_admin and role != Role.PEMBIMBING:
        raise ValidationError(_("Admin Kominfo tidak dapat menjadi anggota tim daerah."))
    existing = Membership.objects.filter(user=user_account).exclude(region=region)
    if role in TEAM_ROLES and existing.exists():
        other = existing.select_related("region").first()
        raise ValidationError(
            _("Akun ini sudah terdaftar di %(region)s. Akun tim daerah hanya untuk satu wilayah.")
            % {"region": other.region.display_name})
    if role == Role.PEMBIMBING and existing.filter(role__in=TEAM_ROLES).exists():
        raise ValidationError(_("Akun tim daerah tidak dapat sekaligus menjadi pembimbing."))


def grantable_roles(granting_user, region):
    if access.is_admin(granting_user):
        return list(Role)
    if access.can(granting_user, access.MANAGE_TEAM, region):
        return [role for role in Role if role in KETUA_GRANTABLE_ROLES]
    return []


@transaction.atomic
def set_membership(*, granted_by, user_account, region, role):
    """Give `user_account` `role` in `region` (replacing an earlier role there)."""
    if role not in grantable_roles(granted_by, region):
        raise ValidationError(_("Anda tidak dapat memberikan peran %(role)s.")
                              % {"role": Role(role).label})
    current = Membership.objects.filter(user=user_account, region=region).first()
    if current is not None and current.role not in grantable_roles(granted_by, region):
        raise ValidationError(_("Anda tidak dapat mengubah peran %(role)s.")
                              % {"role": current.get_role_display()})
    validate_membership(user_account, region, role)
    membership, _created = Membership.objects.update_or_create(
        user=user_account, region=region, defaults={"role": role})
    access.forget_region_roles(user_account)
    return membership


@transaction.atomic
def remove_membership(*, removed_by, membership):
    if membership.role not in grantable_roles(removed_by, membership.region):
        raise ValidationError(_("Anda tidak dapat mencabut peran %(role)s.")
                              % {"role": membership.get_role_display()})
    if membership.user_id == removed_by.pk:
        raise ValidationError(_("Anda tidak dapat mencabut peran Anda sendiri."))
    membership.delete()


@transaction.atomic
def create_account(*, created_by, username, password, full_name="", email="",
                   is_kominfo_admin=False, region=None, role=None):
    """Create an account, optionally with its first membership, all or nothing."""
    if is_kominfo_admin and not access.is_admin(created_by):
        raise ValidationError(_("Hanya admin Kominfo yang dapat membuat akun admin."))
    account = User(username=username, full_name=full_name, email=email,
                   is_kominfo_admin=is_kominfo_admin)
    account.set_password(password)
    account.full_clean(exclude=["password"])
    account.save()
    if region is not None and role:
        set_membership(granted_by=created_by, user_account=account, region=region, role=role)
    return account


def team_of(region):
    return (Membership.objects.filter(region=region).select_related("user")
            .order_by("role", "user__full_name", "user__username"))
