import pytest
from django.core.management import CommandError, call_command

from masterplan.models import Masterplan, Membership, Region, User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    counts = (User.objects.count(), Membership.objects.count(), Masterplan.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Membership.objects.count(), Masterplan.objects.count()) == counts
    assert counts == (8, 8, 2)
    ketua = User.objects.get(username="ketua.bandung")
    assert ketua.check_password("masterplan-demo")
    assert Region.objects.get(code="32.73").masterplans.get(is_current=True).period_years == 10
    assert User.objects.get(username="admin").is_kominfo_admin


def test_load_reference_data_reports_counts(capsys):
    call_command("load_reference_data")
    assert "regions: 552" in capsys.readouterr().out


def test_unknown_region_code_is_refused_in_english_and_nothing_created():
    before = (User.objects.count(), Masterplan.objects.count())
    with pytest.raises(CommandError, match="Unknown region code '99.99'"):
        call_command("add_account", "someone", region="99.99", role="ketua")
    with pytest.raises(CommandError, match="Unknown region code"):
        call_command("start_masterplan", "32.99")
    assert (User.objects.count(), Masterplan.objects.count()) == before


def test_add_account_with_role_and_start_masterplan(capsys):
    call_command("add_account", "ketua.bogor", region="32.71", role="ketua", full_name="Ketua Bogor")
    assert "Initial password:" in capsys.readouterr().out
    account = User.objects.get(username="ketua.bogor")
    assert account.memberships.get().region.code == "32.71"
    call_command("start_masterplan", "32.71", start_year=2027, years=5)
    masterplan = Masterplan.objects.get(region__code="32.71", is_current=True)
    assert (masterplan.start_year, masterplan.end_year) == (2027, 2031)


def test_add_account_twice_is_refused():
    call_command("add_account", "ganda", password="kata-sandi-panjang")
    with pytest.raises(CommandError):
        call_command("add_account", "ganda", password="kata-sandi-panjang")
    assert User.objects.filter(username="ganda").count() == 1
