import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from masterplan import access
from masterplan.models import Masterplan, Membership, Region

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_team_member_sees_only_their_region(world):
    anggota = world.user("anggota")
    assert list(Region.objects.restrict(anggota, access.VIEW)) == [world.own]
    assert list(Masterplan.objects.restrict(anggota, access.VIEW)) == [world.masterplans["own"]]
    assert set(Membership.objects.restrict(anggota).values_list("region_id", flat=True)) == {
        world.own.pk}


def test_admin_sees_every_region_but_edits_none(world):
    admin = world.user("admin")
    assert Region.objects.restrict(admin, access.VIEW).count() == 552
    assert Region.objects.restrict(admin, access.EDIT).count() == 0
    assert access.can(admin, access.MANAGE_REGION, world.other)
    assert not access.can(admin, access.EDIT, world.own)


@pytest.mark.parametrize("role,allowed", [
    ("ketua", {"view", "edit", "manage_team", "create_masterplan", "publish"}),
    ("anggota", {"view", "edit"}),
    ("dewan", {"view"}),
    ("pembimbing", {"view", "review"}),
])
def test_role_actions_in_own_region_and_none_elsewhere(world, role, allowed):
    user = world.user(role)
    for action in access.ACTIONS:
        assert access.can(user, action, world.own) == (action in allowed), action
        assert not access.can(user, action, world.other), action
    # The django-rules permissions agree with the access layer.
    for action in access.ACTIONS:
        assert user.has_perm(f"masterplan.{action}", world.own) == (action in allowed)


def test_user_without_membership_and_inactive_user_see_nothing(world):
    assert Region.objects.restrict(UserFactory(), access.VIEW).count() == 0
    anggota = world.user("anggota")
    anggota.is_active = False
    access.forget_region_roles(anggota)
    assert Region.objects.restrict(anggota, access.VIEW).count() == 0


def test_scoped_get_answers_404_outside_and_403_for_forbidden_action(world):
    dewan = world.user("dewan")
    other_plan = world.masterplans["other"]
    with pytest.raises(Http404):
        access.scoped_get(Masterplan.objects.all(), dewan, access.VIEW, pk=other_plan.pk)
    with pytest.raises(PermissionDenied):
        access.scoped_get(Masterplan.objects.all(), dewan, access.EDIT,
                          pk=world.masterplans["own"].pk)
    assert access.scoped_get(Masterplan.objects.all(), dewan, access.VIEW,
                             pk=world.masterplans["own"].pk) == world.masterplans["own"]


def test_region_for_unknown_code_is_404(world):
    with pytest.raises(Http404):
        access.region_for(world.user("admin"), "99.99")


def test_region_roles_are_loaded_once_per_user_object(world, django_assert_num_queries):
    anggota = world.user("anggota")
    access.forget_region_roles(anggota)
    with django_assert_num_queries(1):
        for _ in range(5):
            access.can(anggota, access.VIEW, world.own)
