"""The core's django-rules permissions (masterplan/rules.py): role × object state tables."""

import pytest
from django.contrib.auth.models import AnonymousUser

from masterplan.models import MasterplanStatus, Role
from tests.factories import MembershipFactory, UserFactory

S = MasterplanStatus
ROLES = ("admin", "pembimbing", "ketua", "anggota", "dewan")


def allowed(world, perm, obj):
    """The roles of the world that have `perm` on `obj`."""
    return {role for role in ROLES if world.user(role).has_perm(perm, obj)}


@pytest.mark.parametrize(("perm", "roles"), [
    ("masterplan.view", set(ROLES)),
    ("masterplan.edit", {"ketua", "anggota"}),
    ("masterplan.review", {"admin", "pembimbing"}),
    ("masterplan.manage_team", {"admin", "ketua"}),
    ("masterplan.render_document", {"admin", "pembimbing", "ketua", "anggota"}),
    ("masterplan.comment", {"admin", "pembimbing"}),
    ("masterplan.take_part_in_comments", {"admin", "pembimbing", "ketua", "anggota"}),
    ("masterplan.submit", {"ketua"}),
    ("masterplan.request_revision", {"admin", "pembimbing"}),
    ("masterplan.approve", {"admin", "pembimbing"}),
    ("masterplan.continue_drafting", {"admin", "ketua"}),
    ("masterplan.finalize", {"admin", "pembimbing"}),
    ("masterplan.legalize", {"admin", "ketua"}),
])
def test_region_permissions_by_role(world, perm, roles):
    # Asked of the region and of a region-scoped object (its masterplan) alike.
    assert allowed(world, perm, world.own) == roles
    assert allowed(world, perm, world.masterplans["own"]) == roles
    # Another region's: only the admin's reach goes there.
    assert allowed(world, perm, world.other) == roles & {"admin"}


@pytest.mark.parametrize(("status", "roles"), [
    (S.DRAF, {"ketua", "anggota"}),
    (S.PERLU_REVISI, {"ketua", "anggota"}),
    (S.DIAJUKAN, set()),
    (S.DISETUJUI, set()),
    (S.FINAL, set()),
    (S.DITETAPKAN, set()),
])
def test_edit_content_needs_the_team_and_an_editable_status(world, status, roles):
    masterplan = world.masterplans["own"]
    masterplan.status = status
    assert allowed(world, "masterplan.edit_content", masterplan) == roles
    # Asked of a region (not a masterplan) it has no status to allow the change.
    assert allowed(world, "masterplan.edit_content", world.own) == set()


def test_admin_pages_permissions_are_the_admins(world):
    for perm in ("masterplan.manage_accounts", "masterplan.manage_batches"):
        assert allowed(world, perm, None) == {"admin"}


def test_review_pages_are_for_admins_and_the_pembimbing_of_any_region(world):
    assert allowed(world, "masterplan.see_review_pages", None) == {"admin", "pembimbing"}
    elsewhere = UserFactory(username="pembimbing.lain")
    MembershipFactory(user=elsewhere, region=world.other, role=Role.PEMBIMBING)
    assert elsewhere.has_perm("masterplan.see_review_pages")
    # A pembimbing assigned to no region (any more) reviews nothing.
    assert not UserFactory(username="pembimbing.tanpa.wilayah").has_perm("masterplan.see_review_pages")
    assert not AnonymousUser().has_perm("masterplan.see_review_pages")


def test_a_superuser_is_an_admin_not_an_account_that_may_do_everything(world):
    superuser = UserFactory(username="super.uji", is_superuser=True)
    assert superuser.has_perm("masterplan.review", world.own)
    assert superuser.has_perm("masterplan.legalize", world.own)
    assert superuser.has_perm("masterplan.manage_accounts")
    # Admins leave a region's content to its team: no edit, no submission.
    assert not superuser.has_perm("masterplan.edit", world.own)
    assert not superuser.has_perm("masterplan.edit_content", world.masterplans["own"])
    assert not superuser.has_perm("masterplan.submit", world.own)


def test_an_inactive_account_has_no_permission(world):
    ketua = world.user("ketua")
    ketua.is_active = False
    ketua.save()
    ketua = type(ketua).objects.get(pk=ketua.pk)
    assert not ketua.has_perm("masterplan.view", world.own)
    assert not ketua.has_perm("masterplan.submit", world.own)

