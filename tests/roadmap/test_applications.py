"""The e-Gov application inventory: the form's rules, symmetric exchanges, the summary and the
dashboard sections."""

import datetime

import pytest

from masterplan.editing import VersionConflict
from masterplan.ordering import RowChanged
from masterplan.sections import Progress
from roadmap import applications
from roadmap.applications import ApplicationForm, save_application, summary
from roadmap.dashboard_sections_institutions import (
    applications_completion,
    institutions_completion,
    institutions_parts,
)
from roadmap.models import Application, Institution, InstitutionMember, Regulation

from ..swot.strategic_helpers import form_data
from .institution_helpers import make_app, make_opd, make_program

pytestmark = pytest.mark.django_db


def post(app, masterplan, **values):
    form = ApplicationForm(instance=app, masterplan=masterplan)
    return ApplicationForm(form_data(form, **values), instance=app, masterplan=masterplan)


def create(masterplan, user=None, **values):
    form = post(Application(masterplan=masterplan), masterplan, **values)
    assert form.is_valid(), form.errors
    return save_application(form, user)


def partners(app):
    return sorted(app.exchanges_with.values_list("name", flat=True))


def rows():
    return list(Application.objects.order_by("pk").values_list(
        "pk", "version", "name", "is_interoperable", "owner_opd", "function"))


def test_an_application_is_created_with_its_gap_analysis_and_programs(world):
    masterplan = world.masterplans["own"]
    kominfo, program = make_opd(world.own), make_program(masterplan)
    app = create(masterplan, world.user("anggota"), name="  e-Office   Pemkot ",
                 owner_opd=str(kominfo.pk), function="kantor_virtual", users="Seluruh ASN",
                 works="Disposisi daring", not_works="Arsip lama", improve="Migrasi arsip",
                 integration_programs=[str(program.pk)])
    app.refresh_from_db()
    assert (app.name, app.owner_opd, app.function, app.users, app.masterplan) == \
        ("e-Office Pemkot", kominfo, "kantor_virtual", "Seluruh ASN", masterplan)
    assert (app.works, app.not_works, app.improve) == ("Disposisi daring", "Arsip lama",
                                                     "Migrasi arsip")
    assert list(app.integration_programs.all()) == [program]
    assert app.updated_by == world.user("anggota")


def test_exchanges_are_symmetric_and_bump_the_partner(world):
    masterplan = world.masterplans["own"]
    simpeg = make_app(masterplan, "SIMPEG", "kepegawaian", interoperable=True)
    office = create(masterplan, name="e-Office", function="kantor_virtual", is_interoperable="on",
                    exchanges_with=[str(simpeg.pk)])
    assert partners(office) == ["SIMPEG"]
    assert partners(simpeg) == ["e-Office"]
    simpeg.refresh_from_db()
    assert simpeg.version == 2  # an open edit form of SIMPEG now sees the change
    # Removing it from either side removes it from both.
    form = post(simpeg, masterplan, exchanges_with=[])
    assert form.is_valid(), form.errors
    save_application(form, None)
    assert partners(office) == partners(simpeg) == []


def test_partner_form_opened_before_an_exchange_sees_a_conflict(world):
    masterplan = world.masterplans["own"]
    simpeg = make_app(masterplan, "SIMPEG", "kepegawaian", interoperable=True)
    open_form = post(Application.objects.get(pk=simpeg.pk), masterplan, users="BKPSDM")
    create(masterplan, name="e-Office", function="kantor_virtual", is_interoperable="on",
           exchanges_with=[str(simpeg.pk)])
    assert open_form.is_valid()
    with pytest.raises(VersionConflict) as conflict:
        save_application(open_form, None)
    assert partners(simpeg) == ["e-Office"]
    assert "Bertukar data dengan" in [change.label for change in conflict.value.changes]


def bad_input(world, case):
    """(posted values, field, message) for one kind of bad input."""
    masterplan, other = world.masterplans["own"], world.masterplans["other"]
    simda = make_app(masterplan, "SIMDA Keuangan", interoperable=True)
    closed = make_app(masterplan, "JDIH", "legislasi", interoperable=False)
    return {
        "other_masterplan_partner": (
            {"exchanges_with": [str(make_app(other, "SIMDA Banyuwangi", interoperable=True).pk)]},
            "exchanges_with",
            "Aplikasi yang dipilih untuk pertukaran data bukan aplikasi masterplan ini."),
        "other_region_opd": (
            {"owner_opd": str(make_opd(world.other, "Diskominfo Banyuwangi").pk)},
            "owner_opd", "OPD yang dipilih bukan OPD wilayah ini."),
        "other_masterplan_program": (
            {"integration_programs": [str(make_program(other).pk)]},
            "integration_programs", "Program yang dipilih bukan program masterplan ini."),
        "not_interoperable_but_exchanging": (
            {"is_interoperable": None, "exchanges_with": [str(simda.pk)]}, "is_interoperable",
            "Aplikasi yang bertukar data dengan aplikasi lain adalah interoperabel: centang "
            "“Interoperabel” atau kosongkan daftar pertukaran datanya."),
        "partner_not_interoperable": (
            {"exchanges_with": [str(closed.pk)]}, "exchanges_with",
            "JDIH belum ditandai interoperabel; tandai dulu di halaman aplikasinya."),
        "duplicate_name": ({"name": "simda  keuangan"}, "name",
                           "Aplikasi bernama “simda keuangan” sudah ada di inventaris."),
        "no_name": ({"name": ""}, "name", "Tuliskan nama aplikasi."),
        "no_function": ({"function": ""}, "function", "Pilih fungsi pemerintahan yang dilayani."),
        "unknown_function": ({"function": "hiburan"}, "function",
                             "Fungsi pemerintahan tidak dikenal."),
    }[case]


BAD_CASES = ["other_masterplan_partner", "other_region_opd", "other_masterplan_program",
             "not_interoperable_but_exchanging", "partner_not_interoperable", "duplicate_name",
             "no_name", "no_function", "unknown_function"]


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(world, case):
    masterplan = world.masterplans["own"]
    values, field, message = bad_input(world, case)
    before = rows()
    form = post(Application(masterplan=masterplan), masterplan,
                **{"name": "Aplikasi baru", "function": "keuangan", "is_interoperable": "on",
                   **values})
    assert not form.is_valid()
    assert form.errors[field] == [message]
    assert rows() == before


def test_an_application_that_exchanges_data_cannot_be_unmarked(world):
    masterplan = world.masterplans["own"]
    simda = make_app(masterplan, "SIMDA", interoperable=True)
    pajak = create(masterplan, name="Pajak Online", function="keuangan", is_interoperable="on",
                   exchanges_with=[str(simda.pk)])
    before = rows()
    form = post(simda, masterplan, is_interoperable=None)  # still lists Pajak Online
    assert "is_interoperable" in form.errors
    assert rows() == before
    assert partners(pajak) == ["SIMDA"]


def test_a_partner_unmarked_meanwhile_refuses_the_save(world):
    """The form was valid when checked; the partner changed before the transaction."""
    masterplan = world.masterplans["own"]
    simda = make_app(masterplan, "SIMDA", interoperable=True)
    form = post(Application(masterplan=masterplan), masterplan, name="Pajak Online",
                function="keuangan", is_interoperable="on", exchanges_with=[str(simda.pk)])
    assert form.is_valid()
    Application.objects.filter(pk=simda.pk).update(is_interoperable=False)
    before = rows()
    with pytest.raises(Exception, match="baru saja ditandai tidak interoperabel"):
        save_application(form, None)
    assert rows() == before


def test_delete_checks_the_version_and_bumps_partners(world):
    masterplan = world.masterplans["own"]
    simda = make_app(masterplan, "SIMDA", interoperable=True)
    pajak = create(masterplan, name="Pajak Online", function="keuangan", is_interoperable="on",
                   exchanges_with=[str(simda.pk)])
    simda.refresh_from_db()
    with pytest.raises(RowChanged):
        applications.delete_application(pajak, pajak.version + 1)
    applications.delete_application(pajak, pajak.version)
    assert not Application.objects.filter(pk=pajak.pk).exists()
    assert partners(simda) == []
    assert Application.objects.get(pk=simda.pk).version == simda.version + 1


# --- summary and dashboard ---------------------------------------------------------------------

def test_summary_counts_and_lists_functions_without_applications(world):
    masterplan = world.masterplans["own"]
    make_app(masterplan, "SIPD", "perencanaan", interoperable=True)
    make_app(masterplan, "e-Musrenbang", "perencanaan", interoperable=True)
    make_app(masterplan, "SIMDA", "keuangan", interoperable=True)
    make_app(masterplan, "JDIH", "legislasi")
    make_app(masterplan, "Perizinan", "pelayanan_publik", interoperable=True)
    make_app(masterplan, "Portal data", "lainnya")
    make_app(world.masterplans["other"], "e-Office Banyuwangi", "kantor_virtual")
    result = summary(applications.applications_of(masterplan))
    assert (result.total, result.interoperable, result.covered) == (6, 4, 4)
    assert [app.name for app in result.not_interoperable] == ["JDIH", "Portal data"]
    assert [(f.item, f.label) for f in result.uncovered] == [
        (16, "Kantor virtual pemerintah daerah"),
        (17, "Monitoring dan evaluasi pembangunan daerah"),
        (18, "Pengelolaan kepegawaian daerah")]
    planning = result.functions[0]
    assert (planning.item, planning.count, planning.interoperable) == (14, 2, 2)
    assert [f.item for f in result.functions] == [14, 15, 16, 17, 18, 19, 20]


def test_empty_inventory_summary(world):
    result = summary(applications.applications_of(world.masterplans["own"]))
    assert (result.total, result.interoperable, result.covered, len(result.uncovered)) == \
        (0, 0, 0, 7)


def test_application_section_counts_covered_functions_in_one_query(
        world, django_assert_num_queries):
    own, other = world.masterplans["own"], world.masterplans["other"]
    make_app(own, "SIPD", "perencanaan")
    make_app(own, "e-Musrenbang", "perencanaan")
    make_app(own, "Portal data", "lainnya")
    make_app(own, "SIMPEG", "kepegawaian")
    with django_assert_num_queries(1):
        result = applications_completion([own, other])
    assert result == {own.pk: Progress(2, 7), other.pk: Progress(0, 7)}


def test_institution_section_counts_bodies_forums_and_guide_regulations(
        world, django_assert_num_queries):
    own, other = world.masterplans["own"], world.masterplans["other"]
    with django_assert_num_queries(3):
        assert institutions_completion([own, other]) == {own.pk: Progress(0, 7),
                                                         other.pk: Progress(0, 7)}
    dewan = Institution.objects.get(masterplan=own, kind="dewan")
    Institution.objects.filter(pk=dewan.pk).update(decree_number="188/1",
                                                   decree_date=datetime.date(2025, 3, 17))
    # A decree without a ketua does not count yet.
    assert institutions_completion([own])[own.pk] == Progress(0, 7)
    InstitutionMember.objects.create(institution=dewan, name="Wali Kota", role="ketua",
                                     unsur="pemerintah_daerah")
    Institution.objects.filter(masterplan=own, kind="tim").update(
        decree_number="800/1", decree_date=datetime.date(2025, 9, 15))  # expired still counts
    Institution.objects.create(masterplan=own, kind="forum", name="Forum A", contact="a")
    Institution.objects.create(masterplan=own, kind="forum", name="Forum B", contact="b")
    Regulation.objects.filter(masterplan=own, code="perda_masterplan").update(status="draf")
    Regulation.objects.filter(masterplan=own, code="juklak_juknis").update(status="ditetapkan")
    Regulation.objects.create(masterplan=own, title="Perwal lain", status="ditetapkan")
    assert institutions_completion([own, other]) == {own.pk: Progress(5, 7),
                                                     other.pk: Progress(0, 7)}
    parts = institutions_parts([own])[own.pk]
    assert [(part.progress.done, part.progress.total) for part in parts] == [(3, 3), (2, 4)]
    assert parts[1].url == "/wilayah/32.73/regulasi/"
