import pytest
from django.core.exceptions import ValidationError

from masterplan import services
from masterplan.models import Masterplan, Membership, Role, User

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_create_masterplan_defaults_to_ten_years_current_and_latest_edition(world):
    ketua = world.user("ketua")
    masterplan = services.create_masterplan(region=world.own, user=ketua, start_year=2027)
    assert (masterplan.start_year, masterplan.end_year, masterplan.period_years) == (2027, 2036, 10)
    assert masterplan.title == "Masterplan Smart City Kota Bandung 2027–2036"
    assert masterplan.edition.code == "2017"
    assert masterplan.status == "draf"
    assert services.current_masterplan(world.own) == masterplan
    assert Masterplan.objects.filter(region=world.own, is_current=True).count() == 1


def test_a_new_masterplan_need_not_become_current(world):
    previous = services.current_masterplan(world.own)
    services.create_masterplan(region=world.own, user=world.user("ketua"), start_year=2030,
                               make_current=False)
    assert services.current_masterplan(world.own) == previous


def test_set_current_switches_the_one_current_masterplan(world):
    old = services.current_masterplan(world.own)
    new = services.create_masterplan(region=world.own, user=world.user("ketua"),
                                     start_year=2030, make_current=False)
    services.set_current_masterplan(new, world.user("ketua"))
    assert services.current_masterplan(world.own) == new
    old.refresh_from_db()
    assert not old.is_current


def test_invalid_period_is_refused_and_nothing_saved(world):
    count = Masterplan.objects.count()
    with pytest.raises(ValidationError):
        services.create_masterplan(region=world.own, user=world.user("ketua"), start_year=2027,
                                   period_years=0)
    assert Masterplan.objects.count() == count
    assert services.current_masterplan(world.own) == world.masterplans["own"]


def test_ketua_may_grant_only_anggota_and_dewan(world):
    ketua = world.user("ketua")
    newcomer = UserFactory()
    services.set_membership(granted_by=ketua, user_account=newcomer, region=world.own,
                            role=Role.ANGGOTA)
    with pytest.raises(ValidationError):
        services.set_membership(granted_by=ketua, user_account=newcomer, region=world.own,
                                role=Role.PEMBIMBING)
    with pytest.raises(ValidationError):
        services.set_membership(granted_by=ketua, user_account=UserFactory(), region=world.own,
                                role=Role.KETUA)


def test_team_accounts_belong_to_one_region_only(world):
    admin = world.user("admin")
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        services.set_membership(granted_by=admin, user_account=world.user("anggota"),
                                region=world.other, role=Role.ANGGOTA)
    # A pembimbing may be assigned to many regions.
    services.set_membership(granted_by=admin, user_account=world.user("pembimbing"),
                            region=world.other, role=Role.PEMBIMBING)
    assert world.user("pembimbing").memberships.count() == 2


def test_nobody_removes_their_own_role(world):
    ketua = world.user("ketua")
    with pytest.raises(ValidationError):
        services.remove_membership(removed_by=ketua, membership=world.memberships["own"]["ketua"])
    services.remove_membership(removed_by=ketua, membership=world.memberships["own"]["anggota"])
    assert not Membership.objects.filter(pk=world.memberships["own"]["anggota"].pk).exists()


def test_create_account_with_a_refused_role_saves_no_account(world):
    before = User.objects.count()
    with pytest.raises(ValidationError):
        services.create_account(created_by=world.user("ketua"), username="baru", password="x" * 12,
                                region=world.own, role=Role.PEMBIMBING)
    assert User.objects.count() == before
