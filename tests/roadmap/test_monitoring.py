"""Monitoring and evaluation: periods, the record form and service, conflicts, KPI achievement,
its effect on the performance index, the pages and the dashboard section."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masterplan.editing import VersionConflict
from masterplan.models import Masterplan, MasterplanStatus
from masterplan.ordering import RowChanged
from masterplan.sections import all_sections
from readiness import services as readiness_services
from readiness.models import PerformanceAssessment
from roadmap import monitoring
from roadmap.models import KpiActual, MonitoringRecord

from ..factories import MasterplanFactory, region
from .roadmap_helpers import kpi, opd, program, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def masterplan(world):
    return world.masterplans["own"]


@pytest.fixture
def portal(masterplan):
    """2026 TW II – 2027 TW I, two KPIs with targets for both years."""
    item = program(masterplan, "Portal layanan", start=(2026, 2), end=(2027, 1),
                   lead_opd=opd(masterplan.region))
    kpi(item, "Layanan daring", targets={2026: 80, 2027: 90})
    kpi(item, "Waktu layanan (hari)", direction="turun", unit="hari",
        targets={2026: 10, 2027: 5})
    return item


def kpis_of(item):
    return list(item.kpis.order_by("position", "pk"))


def post_data(item, **values):
    """What the record form posts: period, progress, the three questions, the workplan."""
    data = {"year": "2026", "quarter": "2", "progress_percent": "40",
            "works": "Portal sudah dapat diakses warga", "not_works": "Integrasi data lambat",
            "improve": "Percepat integrasi NIK", "followup_what": "Rapat integrasi data",
            "followup_when": "Juli 2026", "followup_who": "Diskominfo"}
    data.update(values)
    return data


def record_form(item, data=None, instance=None):
    return monitoring.RecordForm(data, instance=instance or MonitoringRecord(program=item),
                                 program=item)


# --- periods ----------------------------------------------------------------------------------

def test_periods_lie_within_the_program_run(portal):
    assert monitoring.program_quarters(portal) == [(2026, 2), (2026, 3), (2026, 4), (2027, 1)]
    monitoring.validate_period(portal, 2026, 2)
    monitoring.validate_period(portal, 2027, 1)
    for year, quarter in ((2026, 1), (2027, 2), (2025, 4), (2030, 1)):
        with pytest.raises(ValidationError, match="di luar masa program"):
            monitoring.validate_period(portal, year, quarter)
    with pytest.raises(ValidationError):
        monitoring.validate_period(portal, 2026, 5)


def test_schedule_follows_the_monitoring_frequency(masterplan):
    quarterly = program(masterplan, "Triwulanan", start=(2026, 2), end=(2027, 3))
    half = program(masterplan, "Semesteran", start=(2026, 2), end=(2027, 3),
                   monitoring_frequency="semesteran")
    yearly = program(masterplan, "Tahunan", start=(2026, 2), end=(2027, 3),
                     monitoring_frequency="tahunan")
    assert len(monitoring.due_periods(quarterly)) == 6
    assert monitoring.due_periods(half) == [(2026, 2), (2026, 4), (2027, 2), (2027, 3)]
    assert monitoring.due_periods(yearly) == [(2026, 4), (2027, 3)]  # and the last quarter


def test_latest_finished_quarter_and_default_period(masterplan):
    assert monitoring.latest_finished_quarter(date(2026, 5, 10)) == (2026, 1)
    assert monitoring.latest_finished_quarter(date(2026, 1, 31)) == (2025, 4)
    assert monitoring.default_period(masterplan, date(2026, 11, 27)) == (2026, 3)
    assert monitoring.default_period(masterplan, date(2020, 1, 1)) == (2026, 1)
    assert monitoring.default_period(masterplan, date(2040, 1, 1)) == (2035, 4)


def test_a_new_record_proposes_the_latest_finished_period_still_missing(portal):
    early, late = date(2026, 5, 1), date(2026, 11, 27)
    assert monitoring.next_period(portal, [], early) == (2026, 2)  # nothing finished: the first
    assert monitoring.next_period(portal, [], late) == (2026, 3)
    done = [record(portal, 2026, 3)]
    assert monitoring.next_period(portal, done, late) == (2026, 2)
    done += [record(portal, 2026, 2), record(portal, 2026, 4), record(portal, 2027, 1)]
    assert monitoring.next_period(portal, done, late) == (2026, 2)  # all done: the first quarter


# --- the record form and service --------------------------------------------------------------

def test_record_and_kpi_actuals_are_saved_together(world, portal):
    online, days = kpis_of(portal)
    form = record_form(portal, post_data(portal, **{f"realisasi_{online.pk}": "72,5",
                                                    f"realisasi_{days.pk}": "12"}))
    assert form.is_valid(), form.errors
    saved = monitoring.save_record(form, world.user("anggota"))
    assert (saved.year, saved.quarter, saved.progress_percent) == (2026, 2, 40)
    assert saved.updated_by == world.user("anggota")
    assert saved.followup_who == "Diskominfo"
    assert dict(saved.actuals.values_list("kpi_id", "value")) == {
        online.pk: Decimal("72.5"), days.pk: Decimal(12)}

    # Blank removes an actual, a changed value is updated.
    form = record_form(portal, post_data(portal, version=str(saved.version),
                                         **{f"realisasi_{online.pk}": "75"}),
                       instance=MonitoringRecord.objects.get(pk=saved.pk))
    assert form.is_valid(), form.errors
    monitoring.save_record(form, world.user("ketua"))
    assert dict(saved.actuals.values_list("kpi_id", "value")) == {online.pk: Decimal(75)}


def test_a_period_outside_the_program_or_taken_is_refused(portal):
    form = record_form(portal, post_data(portal, year="2027", quarter="2"))
    assert not form.is_valid()
    assert "Periode TW II 2027 di luar masa program (TW II 2026 – TW I 2027)." in \
        form.errors["year"]
    form = record_form(portal, post_data(portal, year="2031"))
    assert not form.is_valid() and "di luar masa program" in form.errors["year"][0]
    record(portal, 2026, 2)
    form = record_form(portal, post_data(portal))
    assert not form.is_valid()
    assert "sudah ada" in form.errors["year"][0]
    # Another period of the same program is fine, and so is progress within 0-100 only.
    assert record_form(portal, post_data(portal, quarter="3")).is_valid()
    form = record_form(portal, post_data(portal, quarter="3", progress_percent="101"))
    assert not form.is_valid() and "progress_percent" in form.errors


def test_actuals_of_another_programs_kpi_are_refused(masterplan, portal):
    other = program(masterplan, "Program lain", start=(2026, 1), end=(2026, 4))
    foreign = kpi(other, "KPI program lain", targets={2026: 1})
    form = record_form(portal, post_data(portal, **{f"realisasi_{foreign.pk}": "5"}))
    assert not form.is_valid()
    assert "KPI lain ditolak" in form.non_field_errors()[0]
    # The service refuses it too, whatever calls it, and writes nothing.
    saved = record(portal, 2026, 3)
    online = kpis_of(portal)[0]
    with pytest.raises(ValidationError, match="KPI lain ditolak"):
        monitoring.save_actuals(saved, {online.pk: Decimal(1), foreign.pk: Decimal(5)})
    assert not KpiActual.objects.exists()


def test_service_checks_the_period_again_inside_the_transaction(world, portal):
    form = record_form(portal, post_data(portal))
    assert form.is_valid()
    form.instance.year = 2030  # as if something changed it after validation
    with pytest.raises(ValidationError, match="di luar masa program"):
        monitoring.save_record(form, world.user("anggota"))
    assert not MonitoringRecord.objects.exists()


def test_concurrent_edit_is_refused_with_the_changes_and_nothing_saved(world, portal):
    online, _days = kpis_of(portal)
    saved = record(portal, 2026, 2, progress=30, actuals={online: 50})
    first = record_form(portal, instance=MonitoringRecord.objects.get(pk=saved.pk))
    second = record_form(portal, instance=MonitoringRecord.objects.get(pk=saved.pk))

    def posted(form, **values):
        data = {name: form[name].value() for name in form.fields}
        data = {name: "" if value is None else str(value) for name, value in data.items()}
        data.update(values)
        return data

    form = record_form(portal, posted(first, progress_percent="60",
                                      **{f"realisasi_{online.pk}": "65"}),
                       instance=MonitoringRecord.objects.get(pk=saved.pk))
    assert form.is_valid(), form.errors
    monitoring.save_record(form, world.user("ketua"))

    late = record_form(portal, posted(second, progress_percent="45", works="Versi lama",
                                      **{f"realisasi_{online.pk}": "55"}),
                       instance=MonitoringRecord.objects.get(pk=saved.pk))
    assert late.is_valid(), late.errors
    with pytest.raises(VersionConflict) as conflict:
        monitoring.save_record(late, world.user("anggota"))
    changes = {change.label: (change.before, change.after) for change in conflict.value.changes}
    assert changes["Kemajuan (%)"] == ("30", "60")
    assert changes["Realisasi Layanan daring"] == ("50", "65")
    saved.refresh_from_db()
    assert saved.progress_percent == 60 and saved.works == ""
    assert saved.actuals.get().value == Decimal(65)
    # The rebased form keeps the late input and now carries the current version.
    rebased = late.rebased(conflict.value)
    assert rebased["progress_percent"].value() == "45"
    assert rebased["version"].value() == str(saved.version)


def test_delete_needs_the_version_the_page_showed(world, portal):
    saved = record(portal, 2026, 2, actuals={kpis_of(portal)[0]: 1})
    MonitoringRecord.objects.filter(pk=saved.pk).update(version=2)
    with pytest.raises(RowChanged):
        monitoring.delete_record(saved, 1)
    assert MonitoringRecord.objects.filter(pk=saved.pk).exists()
    monitoring.delete_record(saved, 2)
    assert not MonitoringRecord.objects.exists() and not KpiActual.objects.exists()


# --- KPI achievement --------------------------------------------------------------------------

def test_kpi_percent_is_direction_aware_and_capped():
    assert monitoring.kpi_percent("naik", Decimal(60), Decimal(80)) == pytest.approx(75)
    assert monitoring.kpi_percent("naik", Decimal(120), Decimal(80)) == 100
    assert monitoring.kpi_percent("turun", Decimal(20), Decimal(10)) == pytest.approx(50)
    assert monitoring.kpi_percent("turun", Decimal(8), Decimal(10)) == 100
    assert monitoring.kpi_percent("naik", Decimal(-5), Decimal(10)) == 0
    assert monitoring.kpi_percent("turun", Decimal(1), Decimal(0)) == 0
    assert monitoring.kpi_percent("turun", Decimal(0), Decimal(0)) == 100


def test_kpi_achievement_uses_the_latest_actual_against_that_years_target(masterplan, portal):
    online, days = kpis_of(portal)
    record(portal, 2026, 2, actuals={online: 40, days: 30})
    record(portal, 2026, 4, actuals={online: 60})  # latest for online: 60 / 80 = 75
    record(portal, 2027, 1, actuals={days: 4})  # turun: 4 <= 5 -> 100 (capped)
    achievement = monitoring.kpi_achievement([masterplan])[masterplan.pk]
    assert achievement.kpis[online.pk].percent == pytest.approx(75)
    assert (achievement.kpis[online.pk].year, achievement.kpis[online.pk].quarter) == (2026, 4)
    assert achievement.kpis[days.pk].target == Decimal(5)
    assert achievement.kpis[days.pk].percent == 100
    assert achievement.programs[portal.pk] == pytest.approx(87.5)
    governance = achievement.dimensions["governance"]
    assert (governance.index, governance.programs, governance.kpis) == (
        pytest.approx(87.5), 1, 2)
    assert achievement.index == pytest.approx(87.5)

    # Up to TW III 2026: online 40/80 = 50, days 10/30 = 33.3.
    until = monitoring.kpi_achievement([masterplan], until=(2026, 3))[masterplan.pk]
    assert until.programs[portal.pk] == pytest.approx((50 + 100 / 3) / 2)


def test_kpi_without_a_target_for_the_actuals_year_is_not_scored(masterplan, portal):
    online, _days = kpis_of(portal)
    item = program(masterplan, "Tanpa target 2026", start=(2026, 1), end=(2026, 4))
    untargeted = kpi(item, "KPI tanpa target", targets={2027: 10})
    record(item, 2026, 1, actuals={untargeted: 5})
    achievement = monitoring.kpi_achievement([masterplan])[masterplan.pk]
    assert achievement.kpis[untargeted.pk].percent is None
    assert item.pk not in achievement.programs
    assert achievement.index is None


def test_program_and_dimension_achievement_are_means(world, masterplan):
    a = program(masterplan, "A", start=(2026, 1), end=(2026, 4))
    b = program(masterplan, "B", start=(2026, 1), end=(2026, 4))
    c = program(masterplan, "C", dimension="living", start=(2026, 1), end=(2026, 4))
    a1, a2 = kpi(a, "A1", targets={2026: 100}), kpi(a, "A2", targets={2026: 10})
    b1 = kpi(b, "B1", targets={2026: 100})
    c1 = kpi(c, "C1", direction="turun", targets={2026: 10})
    record(a, 2026, 1, actuals={a1: 60, a2: 10})  # 60 and 100 -> 80
    record(b, 2026, 1, actuals={b1: 50})  # 50
    record(c, 2026, 1, actuals={c1: 40})  # 10/40 -> 25
    other = world.masterplans["other"]
    result = monitoring.kpi_achievement([masterplan, other])
    mine = result[masterplan.pk]
    assert mine.programs == {a.pk: pytest.approx(80), b.pk: pytest.approx(50),
                             c.pk: pytest.approx(25)}
    assert mine.dimensions["governance"].index == pytest.approx(65)
    assert mine.dimensions["living"].index == pytest.approx(25)
    assert mine.index == pytest.approx(45)
    assert [group.code for group in mine.ordered_dimensions()] == ["governance", "living"]
    assert result[other.pk].index is None and result[other.pk].dimensions == {}


def test_kpi_achievement_costs_three_queries_however_many_masterplans(
        world, masterplan, django_assert_num_queries):
    masterplans = [masterplan, world.masterplans["other"]]
    for target in masterplans:
        for number in range(5):
            item = program(target, f"Program {number}")
            first = kpi(item, "K1", targets={2026: 10})
            record(item, 2026, 1, actuals={first: number})
    with django_assert_num_queries(3):
        result = monitoring.kpi_achievement(masterplans)
    assert all(result[target.pk].index is not None for target in masterplans)


# --- the performance index --------------------------------------------------------------------

def rate(masterplan, code, rating):
    PerformanceAssessment.objects.filter(masterplan=masterplan, element__code=code).update(
        rating=rating)


def test_performance_is_the_mean_of_self_assessment_and_kpi_achievement(masterplan):
    """The worked example of docs/readiness-index.md."""
    rate(masterplan, "public_service", "baik")
    rate(masterplan, "bureaucracy", "sedang")
    rate(masterplan, "public_policy", "sedang")
    rate(masterplan, "mobility", "baik")
    before, groups = readiness_services.performance_indices([masterplan])[masterplan.pk]
    assert before == pytest.approx((700 / 9 + 100) / 2)
    a = program(masterplan, "A", start=(2026, 1), end=(2026, 4))
    b = program(masterplan, "B", start=(2026, 1), end=(2026, 4))
    a1, a2 = kpi(a, "A1", targets={2026: 100}), kpi(a, "A2", targets={2026: 10})
    b1 = kpi(b, "B1", targets={2026: 100})
    record(a, 2026, 1, actuals={a1: 60, a2: 10})
    record(b, 2026, 1, actuals={b1: 50})
    # A dimension with KPI achievement only (no self-assessment) takes the achievement.
    e = program(masterplan, "E", dimension="environment", start=(2026, 1), end=(2026, 4))
    record(e, 2026, 1, actuals={kpi(e, "E1", targets={2026: 10}): 5})

    overall, groups = readiness_services.performance_indices([masterplan])[masterplan.pk]
    by_code = {group.code: group for group in groups}
    assert by_code["governance"].index == pytest.approx((700 / 9 + 65) / 2)  # 71.4
    assert round(by_code["governance"].index, 1) == 71.4
    assert by_code["living"].index == pytest.approx(100)  # no KPI actuals: unchanged
    assert by_code["environment"].index == pytest.approx(50)
    assert by_code["branding"].index is None
    assert by_code["governance"].judged == 3  # the self-assessment counts stay
    assert overall == pytest.approx(((700 / 9 + 65) / 2 + 100 + 50) / 3)
    own, _groups = readiness_services.performance_indices([masterplan],
                                                          with_evidence=False)[masterplan.pk]
    assert own == pytest.approx(before)
    assert readiness_services.maturity([masterplan])[masterplan.pk][1] == pytest.approx(overall)


def test_maturity_page_and_index_overview_show_the_combined_performance(client, world,
                                                                        masterplan):
    rate(masterplan, "public_service", "sedang")  # self-assessment 66.7 (governance only)
    item = program(masterplan, "A", start=(2026, 1), end=(2026, 4))
    record(item, 2026, 1, actuals={kpi(item, "A1", targets={2026: 100}): 100})
    combined = (200 / 3 + 100) / 2  # 83.3
    client.force_login(world.user("dewan"))
    page = client.get(reverse("maturity", kwargs={"region_code": world.own.code}))
    assert page.context["performance"] == pytest.approx(combined)
    assert "83,3" in page.content.decode()
    client.force_login(world.user("admin"))
    overview = client.get(reverse("index_overview"))
    rows = {row.region.code: row for row in overview.context["page"]}
    assert rows[world.own.code].performance == pytest.approx(combined)
    assert rows[world.other.code].performance is None


# --- pages --------------------------------------------------------------------------------------

def test_worksheet_shows_the_periods_records_and_achievement(client, world, masterplan, portal):
    online, days = kpis_of(portal)
    record(portal, 2026, 2, progress=35, actuals={online: 72}, works="Portal daring",
           not_works="Integrasi lambat", improve="Percepat NIK", followup_what="Rapat data",
           followup_when="Juli 2026", followup_who="Diskominfo")
    later = program(masterplan, "Dimulai 2027", start=(2027, 1), end=(2027, 4))
    client.force_login(world.user("pembimbing"))
    url = reverse("monitoring_worksheet", kwargs={"region_code": world.own.code})
    response = client.get(url, {"tahun": "2026", "triwulan": "2"})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.program for row in rows] == [portal]  # the 2027 program is not running yet
    row = response.context["page"].object_list[0]  # with its KPIs, read for the page shown
    assert row.record.progress_percent == 35 and row.due
    assert [(item.kpi, item.target, item.actual) for item in row.kpis] == [
        (online, Decimal(80), Decimal(72)), (days, Decimal(10), None)]
    assert row.kpis[0].percent == pytest.approx(90)
    html = response.content.decode()
    for text in ("Lampiran III", "Portal daring", "Integrasi lambat", "Percepat NIK",
                 "Rapat data", "Juli 2026", "Diskominfo", "35%", "TW II 2026"):
        assert text in html
    assert response.context["achievement"].index == pytest.approx(90)
    # Another period: the record is not there, the program is.
    q3 = client.get(url, {"tahun": "2026", "triwulan": "3"})
    assert q3.context["rows"][0].record is None
    assert "belum ada catatan" in q3.content.decode()
    assert [row.program for row in client.get(url, {"tahun": "2027", "triwulan": "2"})
            .context["rows"]] == [later]
    # An invalid period falls back to the default and says so.
    assert client.get(url, {"tahun": "1999", "triwulan": "1"}).context["invalid_period"]


def test_worksheet_costs_the_same_queries_for_1_and_30_programs(
        client, world, masterplan, portal, django_assert_max_num_queries):
    record(portal, 2026, 2, actuals={kpis_of(portal)[0]: 1})
    client.force_login(world.user("anggota"))
    url = reverse("monitoring_worksheet", kwargs={"region_code": world.own.code})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"tahun": "2026", "triwulan": "2"}).status_code == 200
    for number in range(29):
        item = program(masterplan, f"Program {number}", start=(2026, 1), end=(2027, 4),
                       lead_opd=opd(masterplan.region))
        first = kpi(item, "K1", targets={2026: 10})
        kpi(item, "K2", targets={2026: 10, 2027: 20})
        record(item, 2026, 2, actuals={first: number})
    with django_assert_max_num_queries(len(queries)):
        response = client.get(url, {"tahun": "2026", "triwulan": "2"})
    assert len(response.context["rows"]) == 30


def test_program_page_lists_records_schedule_and_achievement(client, world, portal):
    online, _days = kpis_of(portal)
    saved = record(portal, 2026, 2, progress=40, actuals={online: 60})
    client.force_login(world.user("dewan"))
    response = client.get(reverse("monitoring_program", kwargs={
        "region_code": world.own.code, "program_pk": portal.pk}))
    assert response.status_code == 200
    assert [r.pk for r in response.context["records"]] == [saved.pk]
    assert [(p.label, bool(p.record)) for p in response.context["schedule"]] == [
        ("TW II 2026", True), ("TW III 2026", False), ("TW IV 2026", False),
        ("TW I 2027", False)]
    assert response.context["program_achievement"] == pytest.approx(75)
    html = response.content.decode()
    assert f'id="catatan-{saved.pk}"' in html
    assert "Tambah catatan monev" not in html  # the Dewan reads only


def test_record_pages_add_edit_and_delete(client, world, portal):
    online, days = kpis_of(portal)
    client.force_login(world.user("anggota"))
    kwargs = {"region_code": world.own.code, "program_pk": portal.pk}
    add = reverse("monitoring_record_add", kwargs=kwargs)
    page = client.get(add)
    assert page.status_code == 200
    assert (page.context["form"].instance.year, page.context["form"].instance.quarter) == \
        monitoring.next_period(portal, [])
    response = client.post(add, post_data(portal, **{f"realisasi_{online.pk}": "1.250,5"}))
    assert response.status_code == 302
    saved = MonitoringRecord.objects.get()
    assert saved.actuals.get().value == Decimal("1250.5")
    refused = client.post(add, post_data(portal, quarter="1"))
    assert refused.status_code == 422
    assert "di luar masa program" in refused.content.decode()

    edit = reverse("monitoring_record_edit", kwargs={**kwargs, "record_pk": saved.pk})
    form = client.get(edit).context["form"]
    data = {name: "" if form[name].value() is None else str(form[name].value())
            for name in form.fields}
    data.update(progress_percent="55", **{f"realisasi_{days.pk}": "9"})
    assert client.post(edit, data).status_code == 302
    saved.refresh_from_db()
    assert saved.progress_percent == 55 and saved.actuals.count() == 2
    stale = client.post(edit, data)  # the same (old) version again: a conflict, not a save
    assert stale.status_code == 422
    assert "sudah diubah" in stale.content.decode()

    delete = reverse("monitoring_record_delete", kwargs={**kwargs, "record_pk": saved.pk})
    assert client.post(delete, {"version": "1"}).status_code == 302
    assert MonitoringRecord.objects.filter(pk=saved.pk).exists()  # stale version: kept
    assert client.post(delete, {"version": str(saved.version)}).status_code == 302
    assert not MonitoringRecord.objects.exists()


def test_records_follow_the_status_freeze(client, world, masterplan, portal):
    saved = record(portal, 2026, 2)
    Masterplan.objects.filter(pk=masterplan.pk).update(status=MasterplanStatus.DIAJUKAN)
    client.force_login(world.user("ketua"))
    kwargs = {"region_code": world.own.code, "program_pk": portal.pk}
    assert client.get(reverse("monitoring_record_add", kwargs=kwargs)).status_code == 403
    assert client.post(reverse("monitoring_record_add", kwargs=kwargs),
                       post_data(portal, quarter="3")).status_code == 403
    assert client.post(reverse("monitoring_record_delete",
                               kwargs={**kwargs, "record_pk": saved.pk}),
                       {"version": "1"}).status_code == 403
    assert MonitoringRecord.objects.count() == 1
    page = client.get(reverse("monitoring_program", kwargs=kwargs))
    assert page.status_code == 200 and "Tambah catatan monev" not in page.content.decode()


def test_another_regions_program_and_record_are_not_found(client, world, portal):
    other_program = program(world.masterplans["other"], "Program Banyuwangi")
    other_record = record(other_program, 2026, 1)
    client.force_login(world.user("ketua"))
    own = {"region_code": world.own.code}
    assert client.get(reverse("monitoring_program", kwargs={
        **own, "program_pk": other_program.pk})).status_code == 404
    assert client.get(reverse("monitoring_record_edit", kwargs={
        **own, "program_pk": portal.pk, "record_pk": other_record.pk})).status_code == 404


# --- the dashboard --------------------------------------------------------------------------

def test_dashboard_section_counts_programs_recorded_for_the_latest_finished_quarter(
        world, masterplan, portal):
    sections = {section.key: section for section in all_sections()}
    assert sections["monitoring"].order == 80
    assert sections["monitoring"].url_name == "monitoring_worksheet"
    yearly = program(masterplan, "Tahunan", start=(2026, 1), end=(2027, 4),
                     monitoring_frequency="tahunan")
    program(masterplan, "Belum mulai", start=(2027, 1), end=(2027, 4))
    program(masterplan, "Sudah selesai", start=(2026, 1), end=(2026, 2))
    running = program(masterplan, "Berjalan", start=(2026, 1), end=(2026, 4))
    record(running, 2026, 3)
    record(yearly, 2026, 2)  # an extra record in another quarter does not count
    today = date(2026, 11, 27)  # latest finished: TW III 2026
    progress = monitoring.monitoring_progress([masterplan, world.masterplans["other"]], today)
    # Due in TW III 2026: portal and "Berjalan" (the yearly program reports in TW IV).
    assert progress[masterplan.pk] == (1, 2)
    assert progress[world.masterplans["other"].pk] == (0, 0)


def test_new_masterplans_without_programs_have_no_achievement():
    masterplan = MasterplanFactory(region=region("51.71"))  # a region without one yet
    assert monitoring.kpi_achievement([masterplan])[masterplan.pk].index is None
    assert monitoring.performance_evidence([masterplan]) == {masterplan.pk: {}}


# --- messages with a percent sign ----------------------------------------------------------------

@pytest.mark.parametrize("progress,message", [
    ("-1", "Kemajuan paling kecil 0%."),
    ("101", "Kemajuan paling besar 100%."),
    ("١٢٣", "Kemajuan paling besar 100%."),  # Arabic-Indic digits: read as 123
])
def test_progress_out_of_range_is_refused_with_its_percent_message(client, world, portal, progress,
                                                                   message):
    client.force_login(world.user("ketua"))
    add = reverse("monitoring_record_add",
                  kwargs={"region_code": world.own.code, "program_pk": portal.pk})
    response = client.post(add, post_data(portal, progress_percent=progress))
    assert response.status_code == 422
    assert response.context["form"].errors["progress_percent"] == [message]
    assert message in response.content.decode()
    assert not MonitoringRecord.objects.exists()


@pytest.mark.parametrize("actual,start", [
    ("NaN", "Realisasi “Cakupan 100% OPD” harus berupa angka"),
    ("abc", "Realisasi “Cakupan 100% OPD” harus berupa angka"),
    ("1e999", "Realisasi “Cakupan 100% OPD” harus berupa angka"),  # no exponents, as in the workbook
    (str(10**20), "Realisasi “Cakupan 100% OPD” terlalu panjang"),
])
def test_a_kpi_name_with_a_percent_sign_is_shown_as_written_in_its_messages(portal, actual, start):
    item = kpi(portal, "Cakupan 100% OPD", targets={2026: 50})
    form = record_form(portal, post_data(portal, **{f"realisasi_{item.pk}": actual}))
    assert not form.is_valid()
    [error] = form.errors[monitoring.actual_field_name(item.pk)]
    assert error.startswith(start)
