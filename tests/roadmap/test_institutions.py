"""Institutions: decree and members saved together, the Dewan and Tim rules, forums, validity."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from masterplan.editing import VersionConflict
from masterplan.ordering import RowChanged
from roadmap import institutions
from roadmap.institutions import InstitutionEditor, add_years, validity
from roadmap.models import Institution, InstitutionMember

from .institution_helpers import body_data, council, make_opd, members_of, save_body, team

pytestmark = pytest.mark.django_db
D = datetime.date

COUNCIL_MEMBERS = [
    {"name": "Wali Kota", "role": "ketua", "unsur": "pemerintah_daerah"},
    {"name": "Kepala Diskominfo", "role": "sekretaris", "unsur": "pemerintah_daerah"},
    {"name": "Guru Besar ITB", "role": "anggota", "unsur": "akademisi"},
    {"name": "Ketua KADIN", "role": "anggota", "unsur": "industri"},
]


def snapshot(institution):
    institution.refresh_from_db()
    return (institution.version, institution.decree_number, institution.decree_date,
            members_of(institution))


# --- validity ----------------------------------------------------------------------------------

def test_council_is_valid_five_years_and_team_one_year_from_the_decree_date(world):
    masterplan = world.masterplans["own"]
    dewan, tim = council(masterplan), team(masterplan)
    dewan.decree_date = tim.decree_date = D(2025, 3, 1)
    dewan_valid = validity(dewan, today=D(2026, 11, 27))
    tim_valid = validity(tim, today=D(2026, 11, 27))
    assert (dewan_valid.years, dewan_valid.valid_until, dewan_valid.expired) == \
        (5, D(2030, 2, 28), False)
    assert (tim_valid.years, tim_valid.valid_until, tim_valid.expired) == (1, D(2026, 2, 28), True)


def test_expiry_starts_on_the_anniversary_and_is_announced_before(world):
    tim = team(world.masterplans["own"])
    tim.decree_date = D(2025, 9, 15)
    on_last_day = validity(tim, today=D(2026, 9, 14))
    assert (on_last_day.expired, on_last_day.expires_soon, on_last_day.days_left) == (False, True, 1)
    assert validity(tim, today=D(2026, 9, 15)).expired
    early = validity(tim, today=D(2026, 9, 15) - datetime.timedelta(
        days=institutions.EXPIRES_SOON_DAYS + 1))
    assert (early.expired, early.expires_soon) == (False, False)
    assert validity(tim, today=D(2026, 9, 15) - datetime.timedelta(
        days=institutions.EXPIRES_SOON_DAYS)).expires_soon


def test_no_decree_date_means_unknown_validity_and_forums_have_none(world):
    masterplan = world.masterplans["own"]
    valid = validity(team(masterplan))
    assert (valid.known, valid.expired, valid.expires_soon, valid.valid_until) == \
        (False, False, False, None)
    assert validity(Institution(masterplan=masterplan, kind="forum")) is None


def test_leap_day_decree_ends_on_the_first_of_march():
    assert add_years(D(2024, 2, 29), 1) == D(2025, 3, 1)
    assert add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)


def test_overview_warns_about_an_expired_team_decree_only(world):
    masterplan = world.masterplans["own"]
    Institution.objects.filter(masterplan=masterplan, kind="tim").update(
        decree_number="800/1", decree_date=D(2025, 9, 15))
    Institution.objects.filter(masterplan=masterplan, kind="dewan").update(
        decree_number="188/1", decree_date=D(2025, 3, 17))
    overview = institutions.overview(masterplan, today=D(2026, 11, 27))
    assert [level for level, _message in overview.warnings] == ["danger"]
    assert "Tim Pelaksana" in overview.warnings[0][1]
    assert "14 September 2026" in overview.warnings[0][1]


# --- the Dewan ---------------------------------------------------------------------------------

def test_council_decree_and_members_are_saved_together(world):
    masterplan = world.masterplans["own"]
    dewan = council(masterplan)
    editor = save_body(dewan, masterplan, world.user("anggota"), members=COUNCIL_MEMBERS,
                       decree_number="188.45/Kep.1/2025", decree_date="2025-03-17",
                       selection_process="terbuka")
    assert not editor.has_errors
    dewan.refresh_from_db()
    assert (dewan.decree_number, dewan.decree_date, dewan.selection_process, dewan.version) == \
        ("188.45/Kep.1/2025", D(2025, 3, 17), "terbuka", 2)
    assert dewan.updated_by == world.user("anggota")
    assert members_of(dewan) == [("Wali Kota", "ketua", 0), ("Kepala Diskominfo", "sekretaris", 1),
                                 ("Guru Besar ITB", "anggota", 2), ("Ketua KADIN", "anggota", 3)]


def test_members_can_be_changed_deleted_and_renumbered(world):
    masterplan = world.masterplans["own"]
    dewan = council(masterplan)
    save_body(dewan, masterplan, members=COUNCIL_MEMBERS)
    editor = save_body(council(masterplan), masterplan,
                       edit={1: {"DELETE": "on"}, 2: {"name": "Prof. Guru Besar ITB"}},
                       members=[{"name": "Komunitas", "role": "anggota", "unsur": "masyarakat"}])
    assert not editor.has_errors
    assert members_of(dewan) == [("Wali Kota", "ketua", 0), ("Prof. Guru Besar ITB", "anggota", 1),
                                 ("Ketua KADIN", "anggota", 2), ("Komunitas", "anggota", 3)]


def test_a_council_without_members_may_record_its_decree_first(world):
    masterplan = world.masterplans["own"]
    editor = save_body(council(masterplan), masterplan, decree_number="188/2025",
                       decree_date="2025-01-02")
    assert not editor.has_errors
    assert council(masterplan).decree_number == "188/2025"


@pytest.mark.parametrize("members,message", [
    ([{"name": "A", "role": "anggota", "unsur": "akademisi"}],
     "Dewan Smart City harus memiliki tepat satu ketua; sekarang 0."),
    ([{"name": "A", "role": "ketua", "unsur": "akademisi"},
      {"name": "B", "role": "ketua", "unsur": "industri"}],
     "Dewan Smart City harus memiliki tepat satu ketua; sekarang 2."),
    ([{"name": "A", "role": "ketua", "unsur": "akademisi"},
      {"name": "B", "role": "sekretaris", "unsur": "industri"},
      {"name": "C", "role": "sekretaris", "unsur": "masyarakat"}],
     "Dewan Smart City paling banyak memiliki satu sekretaris; sekarang 2."),
])
def test_council_roles_are_checked_and_nothing_is_saved(world, members, message):
    masterplan = world.masterplans["own"]
    dewan = council(masterplan)
    before = snapshot(dewan)
    editor = save_body(dewan, masterplan, members=members, decree_number="188/2025",
                       decree_date="2025-01-02")
    assert editor.members.non_form_errors() == [message]
    assert snapshot(dewan) == before


def test_council_members_need_an_unsur(world):
    masterplan = world.masterplans["own"]
    dewan = council(masterplan)
    before = snapshot(dewan)
    editor = save_body(dewan, masterplan, members=[{"name": "Tanpa unsur", "role": "ketua"}],
                       decree_number="188/2025", decree_date="2025-01-02")
    assert editor.members.forms[0].errors["unsur"] == ["Pilih unsur anggota Dewan."]
    assert snapshot(dewan) == before


def test_deleting_the_only_ketua_is_refused(world):
    masterplan = world.masterplans["own"]
    dewan = council(masterplan)
    save_body(dewan, masterplan, members=COUNCIL_MEMBERS)
    before = snapshot(dewan)
    editor = save_body(council(masterplan), masterplan, edit={0: {"DELETE": "on"}})
    assert "tepat satu ketua" in editor.members.non_form_errors()[0]
    assert snapshot(dewan) == before


@pytest.mark.parametrize("values,field,message", [
    ({"decree_number": "188/2025", "decree_date": ""}, "decree_date",
     "Isi tanggal keputusan bersama nomornya."),
    ({"decree_number": "", "decree_date": "2025-01-02"}, "decree_number",
     "Isi nomor keputusan bersama tanggalnya."),
    ({"decree_number": "188/2025", "decree_date": "2999-01-01"}, "decree_date",
     "Tanggal keputusan tidak boleh di masa depan."),
    ({"decree_number": "188/2025", "decree_date": "tanggal"}, "decree_date",
     "Tanggal tidak terbaca; gunakan pemilih tanggal."),
])
def test_decree_number_and_date_go_together(world, values, field, message):
    masterplan = world.masterplans["own"]
    dewan = council(masterplan)
    before = snapshot(dewan)
    editor = save_body(dewan, masterplan, members=COUNCIL_MEMBERS[:1], **values)
    assert editor.form.errors[field] == [message]
    assert snapshot(dewan) == before


# --- the Tim Pelaksana -------------------------------------------------------------------------

def test_team_members_need_an_opd_of_this_region(world):
    masterplan = world.masterplans["own"]
    tim = team(masterplan)
    own_opd, foreign_opd = make_opd(world.own), make_opd(world.other, "Diskominfo Banyuwangi")
    before = snapshot(tim)
    editor = save_body(tim, masterplan, decree_number="800/2025", decree_date="2025-09-15",
                       members=[{"name": "Kepala Diskominfo", "role": "ketua", "opd": own_opd.pk},
                                {"name": "Orang luar", "role": "anggota", "opd": foreign_opd.pk},
                                {"name": "Tanpa OPD", "role": "anggota"}])
    assert editor.members.forms[1].errors["opd"] == ["OPD yang dipilih bukan OPD wilayah ini."]
    assert editor.members.forms[2].errors["opd"] == ["Pilih OPD anggota Tim Pelaksana."]
    assert snapshot(tim) == before


def test_team_is_saved_with_opds_positions_and_eselon(world):
    masterplan = world.masterplans["own"]
    tim = team(masterplan)
    kominfo, bappeda = make_opd(world.own), make_opd(world.own, "Bappelitbang")
    editor = save_body(tim, masterplan, decree_number="800/2025", decree_date="2025-09-15",
                       members=[{"name": "Kepala Diskominfo", "role": "ketua", "opd": kominfo.pk,
                                 "position_title": "Kepala Dinas", "eselon": "II.b"},
                                {"name": "Kabid Bappelitbang", "role": "anggota",
                                 "opd": bappeda.pk, "eselon": "III.b"}])
    assert not editor.has_errors
    rows = list(InstitutionMember.objects.filter(institution=tim).order_by("position")
                .values_list("name", "opd__short_name", "eselon"))
    assert rows == [("Kepala Diskominfo", "Diskominfo", "II.b"),
                    ("Kabid Bappelitbang", "Bappelitbang", "III.b")]


def test_team_has_at_most_one_ketua(world):
    masterplan = world.masterplans["own"]
    tim = team(masterplan)
    kominfo = make_opd(world.own)
    before = snapshot(tim)
    editor = save_body(tim, masterplan, members=[
        {"name": "A", "role": "ketua", "opd": kominfo.pk},
        {"name": "B", "role": "ketua", "opd": kominfo.pk}])
    assert editor.members.non_form_errors() == [
        "Tim Pelaksana paling banyak memiliki satu ketua; sekarang 2."]
    assert snapshot(tim) == before


def test_a_member_of_another_body_cannot_be_posted_into_this_one(world):
    """The grid's hidden ids are limited to the body's own members."""
    masterplan = world.masterplans["own"]
    dewan, tim = council(masterplan), team(masterplan)
    save_body(dewan, masterplan, members=COUNCIL_MEMBERS[:1])
    kominfo = make_opd(world.own)
    save_body(tim, masterplan, members=[{"name": "Anggota tim", "role": "anggota",
                                         "opd": kominfo.pk}])
    foreign = InstitutionMember.objects.get(institution=dewan)
    data = body_data(team(masterplan), masterplan)
    data["anggota-0-id"] = str(foreign.pk)
    data["anggota-0-name"] = "Diambil alih"
    before = snapshot(dewan), snapshot(tim)
    editor = InstitutionEditor(team(masterplan), masterplan, data)
    assert not editor.is_valid()
    assert "bukan anggota lembaga ini" in str(editor.members.forms[0].errors["id"])
    assert (snapshot(dewan), snapshot(tim)) == before


# --- concurrent edits --------------------------------------------------------------------------

def test_a_concurrent_member_change_is_refused_with_the_changes_listed(world):
    masterplan = world.masterplans["own"]
    dewan = council(masterplan)
    save_body(dewan, masterplan, members=COUNCIL_MEMBERS[:2])
    first = body_data(council(masterplan), masterplan, edit={1: {"name": "Sekretaris baru"}})
    second = body_data(council(masterplan), masterplan, decree_number="188/2025",
                       decree_date="2025-01-02")
    editor = InstitutionEditor(council(masterplan), masterplan, first)
    assert editor.is_valid()
    editor.save(world.user("ketua"))
    before = snapshot(dewan)
    late = InstitutionEditor(council(masterplan), masterplan, second)
    assert late.is_valid()
    with pytest.raises(VersionConflict) as conflict:
        late.save(world.user("anggota"))
    assert snapshot(dewan) == before
    changes = {change.label: change.after for change in conflict.value.changes}
    assert "Sekretaris baru" in changes["Anggota"]
    rebased = late.rebased(conflict.value)
    assert rebased.form.conflict is conflict.value
    assert rebased.form.data["version"] == str(before[0])


# --- forums ------------------------------------------------------------------------------------

def test_forum_needs_a_name_and_members_or_a_contact(world):
    masterplan = world.masterplans["own"]
    forum = institutions.new_forum(masterplan)
    editor = save_body(forum, masterplan, name="")
    assert editor.form.errors["name"] == ["Tuliskan nama forum."]
    editor = save_body(institutions.new_forum(masterplan), masterplan, name="Forum Kota Sehat")
    assert editor.errors == ["Catat anggota forum atau kontaknya."]
    assert not Institution.objects.filter(masterplan=masterplan, kind="forum").exists()


def test_forum_with_a_contact_or_members_is_added(world):
    masterplan = world.masterplans["own"]
    dinkes = make_opd(world.own, "Dinkes")
    save_body(institutions.new_forum(masterplan), masterplan, name="Forum Kota Sehat",
              managing_opd=str(dinkes.pk), contact="forum@example.org")
    save_body(institutions.new_forum(masterplan), masterplan, name="Komunitas pengembang",
              members=[{"name": "BDG Dev", "position_title": "Komunitas"}])
    forums = Institution.objects.filter(masterplan=masterplan, kind="forum").order_by("pk")
    assert [(forum.name, forum.managing_opd) for forum in forums] == [
        ("Forum Kota Sehat", dinkes), ("Komunitas pengembang", None)]
    assert members_of(forums[1]) == [("BDG Dev", "anggota", 0)]


def test_forum_managing_opd_must_be_of_this_region(world):
    masterplan = world.masterplans["own"]
    foreign = make_opd(world.other, "Dinkes Banyuwangi")
    editor = save_body(institutions.new_forum(masterplan), masterplan, name="Forum",
                       managing_opd=str(foreign.pk), contact="kontak")
    assert editor.form.errors["managing_opd"] == ["OPD yang dipilih bukan OPD wilayah ini."]
    assert not Institution.objects.filter(masterplan=masterplan, kind="forum").exists()


def test_forum_delete_checks_the_version_and_the_council_and_team_stay(world):
    masterplan = world.masterplans["own"]
    save_body(institutions.new_forum(masterplan), masterplan, name="Forum",
              members=[{"name": "Anggota forum"}])
    forum = Institution.objects.get(masterplan=masterplan, kind="forum")
    with pytest.raises(RowChanged):
        institutions.delete_forum(forum, forum.version + 1)
    assert Institution.objects.filter(pk=forum.pk).exists()
    with pytest.raises(ValidationError, match="tidak dapat dihapus"):
        institutions.delete_forum(council(masterplan), council(masterplan).version)
    institutions.delete_forum(forum, forum.version)
    assert not Institution.objects.filter(pk=forum.pk).exists()
    assert not InstitutionMember.objects.filter(institution=forum.pk).exists()
    assert Institution.objects.filter(masterplan=masterplan).count() == 2
