import pytest
from django.urls import reverse

from masterplan.models import Batch, Masterplan, Membership, Region, User

from ..factories import BatchFactory, MasterplanFactory

pytestmark = pytest.mark.django_db


def test_dashboard_sends_a_team_member_to_their_region(client, world):
    client.force_login(world.user("anggota"))
    response = client.get(reverse("dashboard"))
    assert response["Location"] == reverse("region_detail", kwargs={"region_code": "32.73"})


def test_region_page_lists_sections_with_completion(client, world):
    client.force_login(world.user("dewan"))
    text = client.get(reverse("region_detail", kwargs={"region_code": "32.73"})).content.decode()
    assert "Kota Bandung" in text
    assert world.masterplans["own"].title in text
    # Ketua, anggota and pembimbing are all assigned: the team section is complete.
    assert "Tim penyusun" in text and "3/3" in text
    assert "Ubah identitas masterplan" not in text  # read-only role


def test_account_without_region_gets_an_explanation(client, db):
    from ..factories import UserFactory

    client.force_login(UserFactory())
    assert "belum ditugaskan" in client.get(reverse("dashboard")).content.decode()


def test_pembimbing_sees_only_assigned_regions(client, world):
    client.force_login(world.user("pembimbing"))
    page = client.get(reverse("region_list")).context["page"]
    assert [r.code for r in page] == ["32.73"]


def test_admin_region_list_filters_sorts_and_paginates(client, world):
    client.force_login(world.user("admin"))
    url = reverse("region_list")
    everything = client.get(url).context["page"]
    assert everything.paginator.count == 552
    jabar = client.get(url, {"province": "32"}).context["page"]
    assert jabar.paginator.count == 28  # the province itself and its 27 kabupaten/kota
    kota = client.get(url, {"province": "32", "kind": "kota", "urut": "-nama"}).context["page"]
    names = [r.name for r in kota]
    assert names == sorted(names, reverse=True) and len(names) == 9
    drafts = client.get(url, {"status": "draf"}).context["page"]
    assert {r.code for r in drafts} == {"32.73", "35.10"}
    assert client.get(url, {"status": "none"}).context["page"].paginator.count == 550
    batch = Batch.objects.get(year=2017)
    Region.objects.filter(code__in=["32.73", "11.01"]).update(batch=batch)
    assert {r.code for r in client.get(url, {"batch": batch.pk}).context["page"]} == {
        "11.01", "32.73"}
    assert "Kota Bandung" in client.get(url, {"q": "bandung"}).content.decode()


def test_region_list_query_count_does_not_grow_with_regions(client, world,
                                                           django_assert_max_num_queries):
    """Each dashboard section costs a fixed number of queries for the whole page: listing the
    two masterplans of the world costs as much as listing 25."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.user("admin"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("region_list"), {"status": "draf"})
    added = list(Region.objects.filter(province__code="11"))  # Aceh's 23 kabupaten/kota
    for region in added:
        MasterplanFactory(region=region)
    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("region_list"), {"status": "draf"})
    assert len(response.context["page"]) == 2 + len(added)


def test_ketua_creates_an_anggota_account_for_their_region(client, world):
    client.force_login(world.user("ketua"))
    url = reverse("region_team", kwargs={"region_code": "32.73"})
    response = client.post(url, {"username": "anggota.baru", "full_name": "Anggota Baru",
                                 "email": "", "password1": "Bandung-Smart-2026",
                                 "password2": "Bandung-Smart-2026", "role": "anggota"})
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="anggota.baru")
    assert (membership.region.code, membership.role) == ("32.73", "anggota")


def test_ketua_cannot_create_a_pembimbing_and_nothing_is_saved(client, world):
    client.force_login(world.user("ketua"))
    url = reverse("region_team", kwargs={"region_code": "32.73"})
    response = client.post(url, {"username": "palsu", "full_name": "Palsu",
                                 "password1": "Bandung-Smart-2026",
                                 "password2": "Bandung-Smart-2026", "role": "pembimbing"})
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not User.objects.filter(username="palsu").exists()


def test_admin_account_form_rejects_weak_password_in_indonesian(client, world):
    client.force_login(world.user("admin"))
    response = client.post(reverse("account_create"), {
        "username": "baru", "full_name": "Akun Baru", "password1": "12345678",
        "password2": "12345678"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "terlalu umum" in text or "seluruhnya angka" in text
    assert not User.objects.filter(username="baru").exists()


def test_admin_creates_account_and_assigns_regions(client, world):
    client.force_login(world.user("admin"))
    response = client.post(reverse("account_create"), {
        "username": "pembimbing.baru", "full_name": "Pembimbing Baru",
        "password1": "Pendamping-Kuat-77", "password2": "Pendamping-Kuat-77",
        "region": "35.10", "role": "pembimbing"})
    account = User.objects.get(username="pembimbing.baru")
    assert response["Location"] == reverse("account_edit", kwargs={"account_pk": account.pk})
    client.post(reverse("account_membership_add", kwargs={"account_pk": account.pk}),
                {"region": "32.73", "role": "pembimbing"})
    assert set(account.memberships.values_list("region__code", flat=True)) == {"32.73", "35.10"}
    # An unknown region code is refused with a message and changes nothing.
    response = client.post(reverse("account_membership_add", kwargs={"account_pk": account.pk}),
                           {"region": "99.99", "role": "pembimbing"}, follow=True)
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert account.memberships.count() == 2


def test_batch_members_are_set_by_codes_and_unknown_codes_refused(client, world):
    batch = BatchFactory()
    client.force_login(world.user("admin"))
    url = reverse("batch_edit", kwargs={"batch_pk": batch.pk})
    client.post(url, {"codes": "32.73, 35.10"})
    assert set(batch.regions.values_list("code", flat=True)) == {"32.73", "35.10"}
    response = client.post(url, {"codes": "32.73\n99.99"})
    assert "Kode wilayah tidak dikenal: 99.99" in response.content.decode()
    assert set(batch.regions.values_list("code", flat=True)) == {"32.73", "35.10"}


def test_ketua_starts_a_new_masterplan_and_makes_an_older_one_current(client, world):
    client.force_login(world.user("ketua"))
    client.post(reverse("masterplan_create", kwargs={"region_code": "32.73"}),
                {"title": "", "start_year": 2028, "period_years": 10, "make_current": "on"})
    current = Masterplan.objects.get(region=world.own, is_current=True)
    assert current.start_year == 2028
    client.post(reverse("masterplan_set_current", kwargs={
        "region_code": "32.73", "masterplan_pk": world.masterplans["own"].pk}))
    assert Masterplan.objects.get(region=world.own, is_current=True) == world.masterplans["own"]


def test_repeated_failed_logins_lock_the_account_with_an_indonesian_message(client, world):
    login = reverse("login")
    for _ in range(4):
        response = client.post(login, {"username": "anggota.uji", "password": "salah"})
        assert response.status_code == 200
        assert "Nama pengguna atau kata sandi salah" in response.content.decode()
    # The fifth failure locks; from then on even the right password is refused.
    assert client.post(login, {"username": "anggota.uji", "password": "salah"}).status_code == 429
    response = client.post(login, {"username": "anggota.uji", "password": "rahasia-123"})
    assert response.status_code == 429
    assert "Akun dikunci sementara" in response.content.decode()
