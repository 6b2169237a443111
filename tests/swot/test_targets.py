"""Sasaran, indicators and yearly targets: warning rules, the target grid (localized decimals,
all or nothing), the target service's period check, conflicts, pages and the dashboard."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masterplan.editing import VersionConflict
from masterplan.models import Masterplan
from swot import targets
from swot.dashboard_sections_targets import sasaran_completion, sasaran_parts
from swot.models import Indicator, IndicatorTarget, Sasaran

from ..factories import MasterplanFactory
from .strategic_helpers import dimension, form_data, make_indicator, make_sasaran, targets_of

pytestmark = pytest.mark.django_db

FULL = {year: str(10 + year - 2026) for year in range(2026, 2036)}  # 10 … 19, final 2035


def kinds(masterplan):
    return [(w.kind, w.obj) for w in targets.warnings(masterplan)]


# --- warnings ------------------------------------------------------------------------------------

def test_a_complete_indicator_gives_no_warning(world):
    masterplan = world.masterplans["own"]
    make_indicator(make_sasaran(masterplan), targets=FULL)
    assert kinds(masterplan) == []


def test_sasaran_without_indicator(world):
    masterplan = world.masterplans["own"]
    sasaran = make_sasaran(masterplan, "living", text="Mobilitas warga meningkat")
    [warning] = targets.warnings(masterplan)
    assert (warning.kind, warning.obj, warning.indicator) == (targets.NO_INDICATOR, sasaran, None)
    assert warning.message == ("Sasaran “Mobilitas warga meningkat” (Smart Living) belum memiliki "
                               "indikator.")


def test_indicator_without_baseline_and_without_final_target(world):
    masterplan = world.masterplans["own"]
    indicator = make_indicator(make_sasaran(masterplan), name="Layanan daring", baseline=None,
                               targets={2026: "12.5", 2034: "40"})
    assert kinds(masterplan) == [(targets.NO_BASELINE, indicator),
                                 (targets.NO_FINAL_TARGET, indicator)]
    messages = [w.message for w in targets.warnings(masterplan)]
    assert messages == ["Indikator “Layanan daring” belum memiliki baseline.",
                        "Indikator “Layanan daring” belum memiliki target tahun akhir (2035)."]


@pytest.mark.parametrize("direction,baseline,final,wrong", [
    ("naik", "50", "40", True),     # higher is better, but the target falls
    ("naik", "50", "60", False),
    ("naik", "50", "50", False),    # holding the level is not the wrong way
    ("turun", "50", "60", True),    # lower is better, but the target rises
    ("turun", "50", "40", False),
    ("turun", "50", "50", False),
])
def test_wrong_direction_depends_on_the_indicator_direction(world, direction, baseline, final,
                                                            wrong):
    masterplan = world.masterplans["own"]
    indicator = make_indicator(make_sasaran(masterplan), direction=direction, baseline=baseline,
                               targets={**FULL, 2035: final})
    assert kinds(masterplan) == ([(targets.WRONG_DIRECTION, indicator)] if wrong else [])


def test_wrong_direction_message_and_the_note_that_silences_it(world):
    masterplan = world.masterplans["own"]
    indicator = make_indicator(make_sasaran(masterplan), name="Sampah ke TPA", direction="turun",
                               baseline="1200", targets={2035: "1250.5"})
    [warning] = targets.warnings(masterplan)
    assert warning.message == (
        "Target 2035 indikator “Sampah ke TPA” (1.250,5) lebih tinggi dari baseline (1.200), "
        "padahal makin rendah makin baik. Beri catatan bila memang disengaja.")
    Indicator.objects.filter(pk=indicator.pk).update(note="TPA baru menampung sampah kota tetangga")
    assert targets.warnings(masterplan) == []


def test_only_the_final_year_decides_the_direction(world):
    masterplan = world.masterplans["own"]
    make_indicator(make_sasaran(masterplan), baseline="50", targets={2026: "45", 2035: "70"})
    assert kinds(masterplan) == []


def test_warnings_of_one_sasaran(world):
    masterplan = world.masterplans["own"]
    first, second = make_sasaran(masterplan), make_sasaran(masterplan, "economy")
    assert [w.sasaran for w in targets.warnings(masterplan, sasaran_id=second.pk)] == [second]
    assert len(targets.warnings(masterplan)) == 2 and first


def test_warnings_cost_the_same_queries_for_1_and_10_sasaran(world):
    masterplan = world.masterplans["own"]
    first = make_sasaran(masterplan)
    make_indicator(first, baseline=None)
    with CaptureQueriesContext(connection) as one:
        assert len(targets.warnings(masterplan)) == 2
    for n in range(9):
        sasaran = make_sasaran(masterplan, ["governance", "economy", "living"][n % 3], text=f"S{n}")
        if n % 2:
            make_indicator(sasaran, baseline=None, targets={2030: "5"})
            make_indicator(sasaran, direction="turun", baseline="5", targets={2035: "9"})
    with CaptureQueriesContext(connection) as ten:
        result = targets.warnings(masterplan)
    assert len(ten) == len(one) == 3
    assert len(result) == 2 + 5 * 1 + 4 * 3


# --- the target service --------------------------------------------------------------------------

def test_targets_outside_the_period_are_refused_and_nothing_is_saved(world):
    indicator = make_indicator(make_sasaran(world.masterplans["own"]), targets={2026: "1"})
    with pytest.raises(ValidationError) as refused:
        targets.save_targets(indicator, {2027: Decimal("2"), 2036: Decimal("3"),
                                         2025: Decimal("4")})
    assert refused.value.messages == [
        "Tahun 2025, 2036 di luar periode masterplan 2026–2035; target tidak disimpan."]
    assert targets_of(indicator) == {2026: "1"}


@pytest.mark.parametrize("value", ["banyak", "NaN", Decimal("Infinity"), Decimal("1.23456"),
                                   Decimal("12345678901234567")])
def test_non_numbers_and_too_long_numbers_are_refused(world, value):
    indicator = make_indicator(make_sasaran(world.masterplans["own"]), targets={2026: "1"})
    with pytest.raises(ValidationError) as refused:
        targets.save_targets(indicator, {2026: Decimal("7"), 2028: value})
    assert refused.value.messages == ["Target tahun 2028 harus berupa angka."]
    assert targets_of(indicator) == {2026: "1"}


def test_none_removes_a_target_and_other_years_are_kept(world):
    indicator = make_indicator(make_sasaran(world.masterplans["own"]),
                               targets={2026: "1", 2027: "2", 2028: "3"})
    targets.save_targets(indicator, {2026: None, 2027: Decimal("2.5"), 2029: Decimal("4")})
    assert targets_of(indicator) == {2027: "2.5", 2028: "3", 2029: "4"}


def test_targets_stored_outside_a_changed_period_are_left_alone(world):
    masterplan = world.masterplans["own"]
    indicator = make_indicator(make_sasaran(masterplan), targets={2026: "1"})
    Masterplan.objects.filter(pk=masterplan.pk).update(start_year=2027)
    indicator = Indicator.objects.select_related("sasaran__masterplan").get(pk=indicator.pk)
    form = targets.IndicatorForm(instance=indicator, sasaran=indicator.sasaran)
    assert form.years[0] == 2027
    bound = targets.IndicatorForm(form_data(form, target_2036="8"), instance=indicator,
                                  sasaran=indicator.sasaran)
    assert bound.is_valid(), bound.errors
    targets.save_indicator(bound, None)
    assert targets_of(indicator) == {2026: "1", 2036: "8"}


# --- the indicator form and its grid -------------------------------------------------------------

def new_indicator_form(sasaran, **values):
    data = {"name": "Layanan publik daring", "unit": "%", "direction": "naik",
            "baseline_year": "2025", "baseline_value": "60", "data_source": "Diskominfo"}
    data.update(values)
    return targets.IndicatorForm(data, instance=Indicator(), sasaran=sasaran)


def test_the_grid_has_one_localized_input_per_year_of_the_period(world):
    sasaran = make_sasaran(world.masterplans["own"])
    form = targets.IndicatorForm(instance=Indicator(), sasaran=sasaran)
    assert [field.label for field in form.target_fields()] == [str(y) for y in range(2026, 2036)]
    form = new_indicator_form(sasaran, target_2026="12,5", target_2030="1.250,75",
                              target_2035="100", baseline_value="7,25", target_2040="5")
    assert form.is_valid(), form.errors
    indicator = targets.save_indicator(form, world.user("anggota"))
    assert targets_of(indicator) == {2026: "12.5", 2030: "1250.75", 2035: "100"}
    assert indicator.baseline_value == Decimal("7.25")
    edit = targets.IndicatorForm(instance=indicator, sasaran=sasaran)
    html = str(edit["target_2026"]) + str(edit["baseline_value"])
    assert 'value="12,5"' in html and 'value="7,25"' in html


@pytest.mark.parametrize("typed,number", [
    ("12,5", "12.5"), ("1.250,75", "1250.75"), ("1.250", "1250"), ("1.000.000", "1000000"),
    ("12.5", "12.5"), ("0.125", "0.125"), ("-3,5", "-3.5"), (" 7 ", "7"), ("12.50", "12.50"),
])
def test_numbers_are_read_the_indonesian_way(typed, number):
    assert targets.NumberField(required=False).clean(typed) == Decimal(number)


def test_a_changed_baseline_is_shown_as_people_write_it_in_the_conflict(world):
    sasaran = make_sasaran(world.masterplans["own"])
    indicator = Indicator.objects.get(pk=make_indicator(sasaran, baseline="10").pk)
    mine = form_data(targets.IndicatorForm(instance=indicator, sasaran=sasaran))
    theirs = targets.IndicatorForm({**mine, "baseline_value": "12,5"}, instance=indicator,
                                   sasaran=sasaran)
    assert theirs.is_valid()
    targets.save_indicator(theirs, None)
    stale = targets.IndicatorForm(mine, instance=Indicator.objects.get(pk=indicator.pk),
                                  sasaran=sasaran)
    assert stale.is_valid()
    with pytest.raises(VersionConflict) as refused:
        targets.save_indicator(stale, None)
    assert [(c.label, c.before, c.after) for c in refused.value.changes] == [
        ("Nilai baseline", "10", "12,5")]


def test_a_non_numeric_target_names_the_year(world):
    form = new_indicator_form(make_sasaran(world.masterplans["own"]), target_2029="naik 5%")
    assert not form.is_valid()
    assert form.errors["target_2029"] == ["Target tahun 2029 harus berupa angka, mis. 12,5."]


@pytest.mark.parametrize("values,field,message", [
    ({"baseline_year": ""}, "baseline_year", "Isi tahun baseline bersama nilainya."),
    ({"baseline_value": ""}, "baseline_value", "Isi nilai baseline bersama tahunnya."),
    ({"baseline_year": "2027"}, "baseline_year",
     "Tahun baseline paling lambat 2026, tahun pertama masterplan."),
    ({"baseline_value": "enam puluh"}, "baseline_value", "Nilai baseline harus berupa angka, mis. 12,5."),
    ({"name": " "}, "name", "Tuliskan nama indikatornya."),
])
def test_bad_indicator_fields(world, values, field, message):
    form = new_indicator_form(make_sasaran(world.masterplans["own"]), **values)
    assert not form.is_valid()
    assert message in form.errors[field]


def test_indicator_and_targets_are_saved_in_one_transaction(world, monkeypatch):
    """A refusal from the target service rolls the indicator's own changes back too."""
    sasaran = make_sasaran(world.masterplans["own"])
    indicator = make_indicator(sasaran, name="Lama", targets={2026: "1"})
    form = targets.IndicatorForm(
        form_data(targets.IndicatorForm(instance=indicator, sasaran=sasaran), name="Baru",
                  target_2026="2"), instance=indicator, sasaran=sasaran)
    assert form.is_valid()
    monkeypatch.setattr(form, "targets", lambda: {2026: Decimal("2"), 2040: Decimal("3")})
    with pytest.raises(ValidationError):
        targets.save_indicator(form, None)
    indicator.refresh_from_db()
    assert (indicator.name, indicator.version, targets_of(indicator)) == ("Lama", 1, {2026: "1"})


def test_concurrent_change_of_a_target_is_listed_in_the_conflict(world):
    sasaran = make_sasaran(world.masterplans["own"])
    indicator = Indicator.objects.get(pk=make_indicator(sasaran, targets={2030: "20"}).pk)
    mine = form_data(targets.IndicatorForm(instance=indicator, sasaran=sasaran))
    theirs = targets.IndicatorForm({**mine, "target_2030": "25"},
                                   instance=Indicator.objects.get(pk=indicator.pk), sasaran=sasaran)
    assert theirs.is_valid()
    targets.save_indicator(theirs, world.user("ketua"))
    stale = targets.IndicatorForm({**mine, "target_2031": "30"},
                                  instance=Indicator.objects.get(pk=indicator.pk), sasaran=sasaran)
    assert stale.is_valid()
    with pytest.raises(VersionConflict) as refused:
        targets.save_indicator(stale, world.user("anggota"))
    assert [(c.label, c.before, c.after) for c in refused.value.changes] == [
        ("Target 2030", "20", "25")]
    assert targets_of(indicator) == {2030: "25"}
    rebased = stale.rebased(refused.value)
    assert rebased.non_field_errors()  # the conflict is shown with the user's input kept
    # Posting the shown form again keeps the other person's target and adds the user's.
    again = targets.IndicatorForm(rebased.data, instance=Indicator.objects.get(pk=indicator.pk),
                                  sasaran=sasaran)
    assert again.is_valid()
    targets.save_indicator(again, world.user("anggota"))
    assert targets_of(indicator) == {2030: "25", 2031: "30"}


# --- pages ---------------------------------------------------------------------------------------

def url(name, world, **kwargs):
    return reverse(name, kwargs={"region_code": world.own.code, **kwargs})


def test_anggota_adds_a_sasaran_and_an_indicator_with_targets(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    response = client.post(url("sasaran_add", world), {
        "dimension": dimension(masterplan, "governance").pk, "text": "Layanan publik terpadu"})
    sasaran = Sasaran.objects.get(masterplan=masterplan)
    assert response.status_code == 302
    assert response["Location"] == url("sasaran_detail", world, sasaran_pk=sasaran.pk)
    assert "belum memiliki indikator" in client.get(response["Location"]).content.decode()

    add = url("indicator_add", world, sasaran_pk=sasaran.pk)
    data = form_data(client.get(add).context["form"], name="Layanan daring", unit="%",
                     baseline_year="2025", baseline_value="60,5",
                     **{f"target_{year}": f"{60 + (year - 2025) * 4},5" for year in range(2026, 2035)})
    response = client.post(add, data)
    indicator = Indicator.objects.get(sasaran=sasaran)
    assert response.status_code == 302 and response["Location"].endswith(f"#indikator-{indicator.pk}")
    page = client.get(url("sasaran_detail", world, sasaran_pk=sasaran.pk)).content.decode()
    assert "belum memiliki target tahun akhir (2035)" in page and "64,5" in page

    edit = url("indicator_edit", world, sasaran_pk=sasaran.pk, indicator_pk=indicator.pk)
    client.post(edit, form_data(client.get(edit).context["form"], target_2035="100"))
    assert targets_of(indicator)[2035] == "100"
    page = client.get(url("sasaran_detail", world, sasaran_pk=sasaran.pk)).content.decode()
    assert "peringatan" not in page


def test_a_bad_target_answers_422_and_saves_nothing(client, world):
    sasaran = make_sasaran(world.masterplans["own"])
    indicator = make_indicator(sasaran, name="Lama", targets={2026: "1"})
    client.force_login(world.user("anggota"))
    edit = url("indicator_edit", world, sasaran_pk=sasaran.pk, indicator_pk=indicator.pk)
    data = form_data(client.get(edit).context["form"], name="Baru", target_2027="2",
                     target_2033="tiga")
    response = client.post(edit, data)
    assert response.status_code == 422
    text = response.content.decode()
    assert "Target tahun 2033 harus berupa angka, mis. 12,5." in text
    assert 'value="tiga"' in text and 'value="Baru"' in text
    indicator.refresh_from_db()
    assert (indicator.name, indicator.version, targets_of(indicator)) == ("Lama", 1, {2026: "1"})


def test_a_year_outside_the_period_cannot_be_posted_through_the_grid(client, world):
    sasaran = make_sasaran(world.masterplans["own"])
    client.force_login(world.user("anggota"))
    add = url("indicator_add", world, sasaran_pk=sasaran.pk)
    data = form_data(client.get(add).context["form"], name="Indikator", target_2026="1",
                     target_2036="9", target_2020="9")
    assert client.post(add, data).status_code == 302
    assert targets_of(Indicator.objects.get(sasaran=sasaran)) == {2026: "1"}


def test_an_empty_sasaran_is_refused_under_its_dimension(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    response = client.post(url("sasaran_add", world), {
        "dimension": dimension(masterplan, "economy").pk, "text": "  "})
    assert response.status_code == 422
    text = response.content.decode()
    economy = text.split('id="dimensi-economy"', 1)[1].split("</section>", 1)[0]
    assert "Tuliskan sasarannya; sasaran kosong tidak disimpan." in economy
    assert not Sasaran.objects.exists()
    response = client.post(url("sasaran_add", world), {"dimension": "999999", "text": "Sesuatu"})
    assert response.status_code == 422 and not Sasaran.objects.exists()


def test_criteria_are_ticked_on_the_sasaran_page(client, world):
    sasaran = make_sasaran(world.masterplans["own"])
    client.force_login(world.user("ketua"))
    detail = url("sasaran_detail", world, sasaran_pk=sasaran.pk)
    data = form_data(client.get(detail).context["form"], specific="on", measurable="on",
                     cost_effective="on")
    assert client.post(detail, data).status_code == 302
    sasaran.refresh_from_db()
    assert [name for name in Sasaran.CRITERIA if getattr(sasaran, name)] == [
        "specific", "measurable", "cost_effective"]


def test_sasaran_edit_conflict_and_stale_delete(client, world):
    sasaran = make_sasaran(world.masterplans["own"], text="Sasaran awal")
    detail = url("sasaran_detail", world, sasaran_pk=sasaran.pk)
    client.force_login(world.user("anggota"))
    stale = form_data(client.get(detail).context["form"])
    client.force_login(world.user("ketua"))
    client.post(detail, {**stale, "text": "Sasaran ketua"})
    client.force_login(world.user("anggota"))
    response = client.post(detail, {**stale, "text": "Sasaran anggota"})
    assert response.status_code == 422 and "Sasaran ketua" in response.content.decode()
    response = client.post(url("sasaran_delete", world, sasaran_pk=sasaran.pk), {"version": "1"})
    assert response.status_code == 422
    assert Sasaran.objects.get(pk=sasaran.pk).text == "Sasaran ketua"


def test_deleting_an_indicator_needs_its_seen_version(client, world):
    sasaran = make_sasaran(world.masterplans["own"])
    indicator = make_indicator(sasaran, targets={2026: "1"})
    client.force_login(world.user("anggota"))
    delete = url("indicator_delete", world, sasaran_pk=sasaran.pk, indicator_pk=indicator.pk)
    assert client.post(delete, {"version": "x"}).status_code == 422
    assert client.post(delete, {"version": "1"}).status_code == 302
    assert not Indicator.objects.exists() and not IndicatorTarget.objects.exists()


def test_an_indicator_of_another_sasaran_is_not_found(client, world):
    own = make_sasaran(world.masterplans["own"])
    other = make_indicator(make_sasaran(world.masterplans["other"]))
    client.force_login(world.user("anggota"))
    edit = url("indicator_edit", world, sasaran_pk=own.pk, indicator_pk=other.pk)
    assert client.get(edit).status_code == 404


@pytest.mark.parametrize("role", ["dewan", "pembimbing", "admin"])
def test_readers_see_sasaran_and_warnings_without_forms(client, world, role):
    sasaran = make_sasaran(world.masterplans["own"], text="Sasaran bersama")
    make_indicator(sasaran, name="Indikator bersama", targets={2026: "12.5"})
    client.force_login(world.user(role))
    listing = client.get(url("sasaran_list", world)).content.decode().split("<main", 1)[1]
    assert "Sasaran bersama" in listing and "belum memiliki target tahun akhir" in listing
    assert "<form" not in listing
    detail = client.get(url("sasaran_detail", world, sasaran_pk=sasaran.pk)).content.decode()
    # Reviewers may comment (the comment block at the end); the sasaran itself has no forms.
    detail = detail.split("<main", 1)[1].split('<section class="comment-block', 1)[0]
    assert "Indikator bersama" in detail and "12,5" in detail and "<form" not in detail


# --- dashboard -----------------------------------------------------------------------------------

def test_sasaran_section_counts_dimensions_with_complete_sasaran(world):
    own, other = world.masterplans["own"], world.masterplans["other"]
    complete = make_sasaran(own, "governance")
    make_indicator(complete, targets=FULL)
    make_indicator(make_sasaran(own, "economy"), targets={2030: "1"})  # no final target
    make_indicator(make_sasaran(own, "living"), baseline=None, targets=FULL)  # no baseline
    make_sasaran(own, "society")  # no indicator
    progress = sasaran_completion([own, other])
    assert (progress[own.pk].done, progress[own.pk].total) == (1, 6)
    assert (progress[other.pk].done, progress[other.pk].total) == (0, 6)
    parts = {part.title: (part.progress.done, part.progress.total)
             for part in sasaran_parts([own])[own.pk]}
    assert parts == {"Smart Governance": (1, 1), "Smart Branding": (0, 0),
                     "Smart Economy": (0, 1), "Smart Living": (0, 1), "Smart Society": (0, 1),
                     "Smart Environment": (0, 0)}


def test_the_final_year_follows_each_masterplans_period(world):
    own = world.masterplans["own"]
    short = MasterplanFactory(region=world.own, is_current=False, period_years=5)
    make_indicator(make_sasaran(own), targets={2030: "1"})
    make_indicator(make_sasaran(short), targets={2030: "1"})
    progress = sasaran_completion([own, short])
    assert (progress[own.pk].done, progress[short.pk].done) == (0, 1)


def test_sasaran_section_costs_the_same_queries_for_many_masterplans(world):
    own = world.masterplans["own"]
    make_indicator(make_sasaran(own), targets=FULL)
    with CaptureQueriesContext(connection) as one:
        sasaran_completion([own])
    many = [own, world.masterplans["other"]] + [
        MasterplanFactory(region=world.own, is_current=False) for _ in range(3)]
    for masterplan in many[1:]:
        make_indicator(make_sasaran(masterplan, "economy"), targets=FULL)
    with CaptureQueriesContext(connection) as five:
        result = sasaran_completion(many)
    assert len(five) == len(one)
    assert all(result[mp.pk].done == 1 for mp in many)


def test_the_region_page_shows_the_three_sections(client, world):
    make_indicator(make_sasaran(world.masterplans["own"]), targets=FULL)
    client.force_login(world.user("dewan"))
    text = client.get(reverse("region_detail", kwargs={"region_code": world.own.code})).content.decode()
    assert "Analisis kesenjangan (Tabel II.11)" in text and "Visi dan misi" in text
    assert f'{url("sasaran_list", world)}#dimensi-governance' in text
