"""Programs: the program page's forms saved together (KPI grid, financing grid, partners), every
refused input saving nothing, the service checks behind the forms, horizon warnings, quick wins,
completeness, budget totals and concurrent edits."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from masterplan import ordering
from masterplan.editing import VersionConflict
from masterplan.models import Masterplan
from masterplan.numbers import RupiahField
from roadmap import program_editor, program_forms, program_rules, programs
from roadmap.models import Financing, KpiTarget, Partner, Program, ProgramKpi, QuickWin
from swot.models import GapRow

from ..factories import MasterplanFactory
from ..swot.strategic_helpers import make_sasaran
from .program_helpers import (
    add_financing,
    add_kpi,
    all_errors,
    counts,
    editor_data,
    element,
    make_opd,
    make_program,
    new_program_data,
    save,
)

pytestmark = pytest.mark.django_db


def amounts(program):
    return {(year, source): format(amount.normalize(), "f") for year, source, amount in
            Financing.objects.filter(program=program).values_list("year", "source", "amount")}


def targets_of(kpi):
    return {year: format(value.normalize(), "f") for year, value in
            KpiTarget.objects.filter(kpi=kpi).values_list("year", "value")}


# --- saving the whole page ------------------------------------------------------------------------

def test_a_program_with_partners_kpi_grid_and_financing_is_saved_at_once(world):
    masterplan = world.masterplans["own"]
    lead = make_opd(world.own)
    helper = make_opd(world.own, "Dinas Penanaman Modal dan PTSP", "DPMPTSP")
    sasaran = make_sasaran(masterplan)
    data = new_program_data(
        masterplan, horizon="menengah", start_year="2026", end_year="2027",
        lead_opd=str(lead.pk), supporting_opds=[str(helper.pk)], sasaran=[str(sasaran.pk)],
        monitoring_responsible="Bappelitbang", **{
            "mitra-0-kind": "perguruan_tinggi", "mitra-0-name": "Institut Teknologi Bandung",
            "kpi-0-name": "Layanan perizinan daring", "kpi-0-unit": "%",
            "kpi-0-baseline_value": "40", "kpi-0-target_2026": "12,5",
            "kpi-0-target_2027": "1.250,75",
            "dana-2026_apbd": "1.500.000.000", "dana-2027_apbn": "Rp 2.500.000,50"})
    editor, program = save(masterplan, data, user=world.user("anggota"))
    assert program is not None, all_errors(editor)
    program.refresh_from_db()
    assert (program.name, program.lead_opd, program.updated_by) == (
        "Portal layanan terpadu", lead, world.user("anggota"))
    assert list(program.supporting_opds.all()) == [helper]
    assert list(program.sasaran.all()) == [sasaran]
    assert list(program.partners.values_list("kind", "name")) == [
        ("perguruan_tinggi", "Institut Teknologi Bandung")]
    [kpi] = program.kpis.all()
    assert (kpi.name, kpi.unit, format(kpi.baseline_value.normalize(), "f")) == (
        "Layanan perizinan daring", "%", "40")
    assert targets_of(kpi) == {2026: "12.5", 2027: "1250.75"}
    assert amounts(program) == {(2026, "apbd"): "1500000000", (2027, "apbn"): "2500000.5"}
    assert not QuickWin.objects.filter(program=program).exists()


def test_editing_changes_deletes_and_adds_rows(world):
    masterplan = world.masterplans["own"]
    program = make_program(masterplan, end_year=2027, horizon="menengah")
    old = add_kpi(program, "KPI lama", targets={2026: "1"})
    kept = add_kpi(program, "KPI tetap", targets={2026: "5", 2027: "6"}, position=1)
    add_financing(program, 2026, "apbd", "100")
    Partner.objects.create(program=program, kind="swasta", name="PT Lama")
    program = Program.objects.get(pk=program.pk)
    editor = program_editor.ProgramEditor(masterplan, instance=program)
    values = {"kpi-0-DELETE": "on", "kpi-1-target_2027": "7,5", "kpi-1-target_2026": "",
              "kpi-2-name": "KPI baru", "kpi-2-target_2027": "3",
              "dana-2026_apbd": "", "dana-2027_csr": "250.000", "mitra-0-DELETE": "on",
              "mitra-1-kind": "komunitas", "mitra-1-name": "Komunitas Bandung Digital"}
    editor, saved = save(masterplan, editor_data(editor, **values), program=program)
    assert saved is not None, all_errors(editor)
    assert not ProgramKpi.objects.filter(pk=old.pk).exists()
    assert [kpi.name for kpi in saved.kpis.order_by("position")] == ["KPI tetap", "KPI baru"]
    assert targets_of(kept) == {2027: "7.5"}
    assert amounts(saved) == {(2027, "csr"): "250000"}
    assert list(saved.partners.values_list("name", flat=True)) == ["Komunitas Bandung Digital"]
    assert Program.objects.get(pk=program.pk).version == 2


# --- refused input: clear messages, nothing saved ----------------------------------------------

BAD_INPUT = [
    ({"start_year": "2027", "end_year": "2026"},
     "Tahun selesai (2026) tidak boleh sebelum tahun mulai (2027)."),
    ({"start_year": "2040"}, "Tahun mulai harus di dalam periode masterplan 2026–2035."),
    ({"end_year": "2036"}, "Tahun selesai harus di dalam periode masterplan 2026–2035."),
    ({"end_quarter": "1", "start_quarter": "3"},
     "Triwulan selesai tidak boleh sebelum triwulan mulai pada tahun yang sama."),
    ({"dana-2026_apbd": "-1.000"}, "Pembiayaan 2026 (APBD) tidak boleh negatif."),
    ({"dana-2026_apbd": "satu juta"},
     "Pembiayaan 2026 (APBD) harus berupa angka rupiah, mis. 1.500.000.000."),
    ({"dana-2028_hibah": "1.000.000"},
     "Pembiayaan 2028 (Hibah) di luar masa program (2026); kosongkan atau ubah tahun program."),
    ({"kpi-0-name": "Layanan daring", "kpi-0-target_2030": "12,5"},
     "Target tahun 2030 di luar masa program (2026); kosongkan atau ubah tahun program."),
    ({"kpi-0-name": "Layanan daring", "kpi-0-target_2026": "dua belas"},
     "Target tahun 2026 harus berupa angka, mis. 12,5."),
    ({"kpi-0-target_2026": "12"}, "Tuliskan nama indikator KPI ini."),
    ({"mitra-0-kind": "swasta"}, "Tuliskan nama mitranya."),
    ({"category": "infrastruktur"}, "Pilih jenis infrastruktur untuk program infrastruktur pendukung."),
    ({"infrastructure_kind": "noc"},
     "Jenis infrastruktur hanya diisi untuk kategori Infrastruktur pendukung; kosongkan pilihannya."),
    ({"name": ""}, "Tuliskan nama programnya."),
]


@pytest.mark.parametrize("values,message", BAD_INPUT)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(world, values, message):
    masterplan = world.masterplans["own"]
    data = new_program_data(masterplan, **{"kpi-1-name": "KPI yang sah", "kpi-1-target_2026": "5",
                                          "dana-2026_apbn": "1.000.000"})
    data.update(values)
    before = counts()
    editor, program = save(masterplan, data)
    assert program is None
    assert message in all_errors(editor)
    assert counts() == before


def test_opd_of_another_region_is_refused_as_lead_and_as_supporting(world):
    masterplan = world.masterplans["own"]
    foreign = make_opd(world.other, "Dinas Komunikasi dan Informatika Banyuwangi", "Kominfo BWI")
    before = counts()
    editor, program = save(masterplan, new_program_data(
        masterplan, lead_opd=str(foreign.pk), supporting_opds=[str(foreign.pk)]))
    assert program is None
    assert editor.form.errors["lead_opd"] == [
        "OPD pelaksana utama harus dipilih dari daftar OPD wilayah ini."]
    assert editor.form.errors["supporting_opds"] == [
        "OPD pendukung harus dipilih dari daftar OPD wilayah ini."]
    assert counts() == before


def test_links_to_another_masterplan_are_refused(world):
    masterplan, other = world.masterplans["own"], world.masterplans["other"]
    sasaran = make_sasaran(other)
    row = GapRow.objects.create(masterplan=other, to_be="a", as_is="b", action="c",
                                dimension=element(other).dimension)
    before = counts()
    editor, program = save(masterplan, new_program_data(
        masterplan, sasaran=[str(sasaran.pk)], gap_rows=[str(row.pk)]))
    assert program is None
    assert editor.form.errors["sasaran"] == ["Sasaran yang dipilih bukan milik masterplan ini."]
    assert editor.form.errors["gap_rows"] == [
        "Baris analisis kesenjangan yang dipilih bukan milik masterplan ini."]
    assert counts() == before


def test_lead_opd_is_not_repeated_among_the_supporting(world):
    masterplan = world.masterplans["own"]
    lead = make_opd(world.own)
    editor, program = save(masterplan, new_program_data(
        masterplan, lead_opd=str(lead.pk), supporting_opds=[str(lead.pk)]))
    assert program is None
    assert editor.form.errors["supporting_opds"] == [
        "Diskominfo sudah menjadi OPD pelaksana utama; jangan pilih lagi sebagai OPD pendukung."]


def test_refused_edit_leaves_the_program_and_its_rows_as_they_were(world):
    masterplan = world.masterplans["own"]
    program = make_program(masterplan)
    kpi = add_kpi(program, targets={2026: "10"})
    add_financing(program, 2026, "apbd", "500")
    program = Program.objects.get(pk=program.pk)
    data = editor_data(program_editor.ProgramEditor(masterplan, instance=program),
                       name="Nama baru", **{"kpi-0-target_2026": "20", "dana-2026_apbd": "-5"})
    before = counts()
    editor, saved = save(masterplan, data, program=program)
    assert saved is None
    assert "Pembiayaan 2026 (APBD) tidak boleh negatif." in all_errors(editor)
    assert counts() == before
    program.refresh_from_db()
    assert (program.name, program.version) == ("Portal layanan terpadu", 1)
    assert targets_of(kpi) == {2026: "10"}
    assert amounts(program) == {(2026, "apbd"): "500"}


# --- the services check again, inside the saving transaction -------------------------------------

def test_a_foreign_opd_slipping_past_the_form_saves_nothing(world):
    """Should a form ever offer another region's OPD, the service refuses inside the transaction."""
    masterplan = world.masterplans["own"]
    foreign = make_opd(world.other, "Dinas Kominfo Banyuwangi", "Kominfo BWI")
    data = new_program_data(masterplan, lead_opd=str(foreign.pk),
                            **{"kpi-0-name": "KPI", "kpi-0-target_2026": "1",
                               "dana-2026_apbd": "100"})
    editor = program_editor.ProgramEditor(masterplan, data)
    editor.form.fields["lead_opd"].queryset = type(foreign).objects.all()  # a broken form
    assert editor.is_valid()
    before = counts()
    with pytest.raises(ValidationError) as refused:
        editor.save(None)
    assert refused.value.messages == [
        "OPD pelaksana utama “Dinas Kominfo Banyuwangi” bukan OPD Kota Bandung."]
    assert counts() == before
    assert editor.program.pk is None  # the page can be shown again as a new program


def test_check_program_lists_every_foreign_link(world):
    masterplan, other = world.masterplans["own"], world.masterplans["other"]
    program = make_program(masterplan, category="aplikasi", infrastructure_kind="noc")
    program.supporting_opds.add(make_opd(world.other, "Dinas Luar", "DL"))
    program.sasaran.add(make_sasaran(other, text="Sasaran wilayah lain"))
    with pytest.raises(ValidationError) as refused:
        program_rules.check_program(program)
    assert refused.value.messages == [
        "Jenis infrastruktur hanya diisi untuk kategori Infrastruktur pendukung; kosongkan "
        "pilihannya.",
        "OPD pendukung “Dinas Luar” bukan OPD Kota Bandung.",
        "Sasaran “Sasaran wilayah lain” bukan milik masterplan ini."]


def test_set_kpi_targets_refuses_years_outside_the_program_and_non_numbers(world):
    program = make_program(world.masterplans["own"], end_year=2027, horizon="menengah")
    kpi = add_kpi(program, targets={2026: "1"})
    with pytest.raises(ValidationError) as refused:
        program_editor.set_kpi_targets(kpi, {2026: Decimal("2"), 2029: Decimal("3"), 2025: Decimal("1")})
    assert refused.value.messages == [
        "Target KPI “Layanan daring” tahun 2025, 2029 di luar masa program (2026–2027); target "
        "tidak disimpan."]
    with pytest.raises(ValidationError):
        program_editor.set_kpi_targets(kpi, {2026: "dua"})
    assert targets_of(kpi) == {2026: "1"}
    program_editor.set_kpi_targets(kpi, {2026: None, 2027: Decimal("4.5")})
    assert targets_of(kpi) == {2027: "4.5"}


def test_set_financing_refuses_bad_amounts_and_writes_nothing(world):
    program = make_program(world.masterplans["own"])
    add_financing(program, 2026, "apbd", "100")
    with pytest.raises(ValidationError) as refused:
        program_editor.set_financing(program, {(2026, "apbd"): Decimal("200"),
                                         (2026, "apbn"): Decimal("-1"),
                                         (2027, "dak"): Decimal("5"),
                                         (2026, "emas"): Decimal("1"),
                                         (2026, "csr"): "banyak"})
    assert refused.value.messages == [
        "Pembiayaan 2026 (APBN) harus berupa angka rupiah yang tidak negatif, mis. 1.500.000.000.",
        "Pembiayaan 2026 (CSR) harus berupa angka rupiah yang tidak negatif, mis. 1.500.000.000.",
        "Sumber dana “emas” tidak dikenal.",
        "Pembiayaan 2027 (DAK) di luar masa program (2026)."]
    assert amounts(program) == {(2026, "apbd"): "100"}


def test_rupiah_is_read_the_indonesian_way():
    field = RupiahField(required=False)
    assert field.clean("1.500.000.000") == Decimal("1500000000")
    assert field.clean("Rp 1.500.000.000") == Decimal("1500000000")
    assert field.clean("Rp. 2.500.000,50") == Decimal("2500000.50")
    assert field.clean("750000") == Decimal("750000")
    assert field.clean("") is None
    with pytest.raises(ValidationError):
        field.clean("1,5 miliar")


# --- horizon: a warning, never an error ---------------------------------------------------------

def test_horizon_longer_than_its_window_is_a_warning_only(world):
    masterplan = world.masterplans["own"]
    editor, program = save(masterplan, new_program_data(
        masterplan, horizon="pendek", start_year="2026", end_year="2028"))
    assert program is not None, all_errors(editor)
    assert program_rules.horizon_warnings(program) == [
        "Program Jangka pendek (1 tahun) semestinya selesai paling lambat 2026; program ini "
        "berakhir 2028. Periksa jangkanya."]
    program.horizon = "menengah"
    assert program_rules.horizon_warnings(program) == []


def test_a_period_shorter_than_the_horizon_is_pointed_out(world):
    masterplan = world.masterplans["own"]
    Masterplan.objects.filter(pk=masterplan.pk).update(period_years=5)
    masterplan.refresh_from_db()
    program = make_program(masterplan, horizon="panjang", end_year=2030)
    assert program_rules.horizon_warnings(program) == [
        "Periode masterplan 2026–2030 hanya 5 tahun, lebih pendek dari Jangka panjang (10 tahun)."]


# --- quick wins ---------------------------------------------------------------------------------

def test_flagging_creates_the_quick_win_and_unflagging_keeps_its_answers_hidden(world):
    masterplan = world.masterplans["own"]
    editor, program = save(masterplan, new_program_data(masterplan, is_quick_win="on"))
    quick_win = QuickWin.objects.get(program=program)
    quick_win.why = "Antrean perizinan panjang"
    quick_win.save()
    program = Program.objects.get(pk=program.pk)
    data = editor_data(program_editor.ProgramEditor(masterplan, instance=program), is_quick_win=None)
    editor, program = save(masterplan, data, program=program)
    assert program is not None and not program.is_quick_win
    assert QuickWin.objects.get(program=program).why == "Antrean perizinan panjang"
    assert programs.visible_quick_win(program) is None
    assert programs.summary([masterplan])[masterplan.pk] == (0, 1, 0, 0)
    program = Program.objects.get(pk=program.pk)
    data = editor_data(program_editor.ProgramEditor(masterplan, instance=program), is_quick_win="on")
    editor, program = save(masterplan, data, program=program)
    assert programs.visible_quick_win(Program.objects.get(pk=program.pk)).why == \
        "Antrean perizinan panjang"
    assert QuickWin.objects.filter(program=program).count() == 1


def test_quick_win_answers_are_refused_for_an_unflagged_program(world):
    program = make_program(world.masterplans["own"], is_quick_win=True)
    quick_win = program_editor.quick_win_of(program)
    form = program_forms.QuickWinForm({"why": "Alasan", "status": "berjalan",
                                  "version": str(quick_win.version)}, instance=quick_win)
    assert form.is_valid(), form.errors
    Program.objects.filter(pk=program.pk).update(is_quick_win=False)
    with pytest.raises(ValidationError):
        program_editor.save_quick_win(form, None)
    assert QuickWin.objects.get(pk=quick_win.pk).why == ""
    with pytest.raises(ValidationError):
        program_editor.quick_win_of(Program.objects.get(pk=program.pk))


# --- completeness -------------------------------------------------------------------------------

def state(program):
    return programs.completeness(programs.with_completeness(Program.objects.filter(pk=program.pk)).get())


def test_completeness_needs_kpi_with_final_target_lead_opd_and_financing(world):
    masterplan = world.masterplans["own"]
    program = make_program(masterplan, end_year=2027, horizon="menengah")
    assert state(program) == programs.Completeness(kpi=False, pelaksana=False, financing=False)
    add_kpi(program, "KPI 1", targets={2026: "1", 2027: "2"})
    kpi = add_kpi(program, "KPI 2", targets={2026: "1"})  # no target for the end year
    add_financing(program, 2026, "apbd", "0")  # zero is not financing
    Program.objects.filter(pk=program.pk).update(lead_opd=make_opd(world.own))
    result = state(program)
    assert (result.kpi, result.pelaksana, result.financing, result.complete) == (
        False, True, False, False)
    assert result.missing == ["KPI dengan target tahun akhir", "pembiayaan"]
    KpiTarget.objects.create(kpi=kpi, year=2027, value=3)
    add_financing(program, 2027, "apbn", "1000000")
    assert state(program).complete
    assert programs.summary([masterplan])[masterplan.pk] == (1, 1, 0, 0)


def test_summary_counts_answered_quick_wins_of_flagged_programs_only(world):
    masterplan = world.masterplans["own"]
    answered = program_editor.quick_win_of(make_program(masterplan, "A", is_quick_win=True))
    for name in program_rules.QUICK_WIN_FIELDS:
        setattr(answered, name, "jawaban")
    answered.save()
    program_editor.quick_win_of(make_program(masterplan, "B", is_quick_win=True))  # not answered
    hidden = program_editor.quick_win_of(make_program(masterplan, "C", is_quick_win=True))
    Program.objects.filter(pk=hidden.program_id).update(is_quick_win=False)
    assert programs.summary([masterplan, world.masterplans["other"]]) == {
        masterplan.pk: (0, 3, 1, 2), world.masterplans["other"].pk: (0, 0, 0, 0)}


# --- budget -------------------------------------------------------------------------------------

def test_budget_sums_per_year_and_source_with_totals(world):
    masterplan = world.masterplans["own"]
    first = make_program(masterplan, "A", end_year=2027, horizon="menengah")
    second = make_program(masterplan, "B", horizon="pendek")
    add_financing(first, 2026, "apbd", "1500000000")
    add_financing(first, 2027, "apbd", "500000000.50")
    add_financing(first, 2026, "csr", "250000000")
    add_financing(second, 2026, "apbd", "100000000")
    add_financing(make_program(world.masterplans["other"], "C"), 2026, "apbd", "999")
    result = programs.budget(masterplan)
    assert result.years == list(range(2026, 2036))
    assert [source for source, _label in result.sources()] == [
        "apbd", "apbn", "dak", "kpbu", "csr", "hibah", "lainnya"]
    assert result.by_year[2026]["apbd"] == Decimal("1600000000")
    assert result.by_year[2026]["csr"] == Decimal("250000000")
    assert result.by_year[2027] == {**dict.fromkeys(result.by_year[2027], Decimal("0")),
                                    "apbd": Decimal("500000000.50")}
    assert result.by_year[2035]["apbd"] == Decimal("0")
    assert result.year_totals[2026] == Decimal("1850000000")
    assert result.year_totals[2030] == Decimal("0")
    assert result.source_totals["apbd"] == Decimal("2100000000.50")
    assert result.source_totals["hibah"] == Decimal("0")
    assert result.total == Decimal("2350000000.50")
    only_short = programs.budget(masterplan, programs=Program.objects.filter(horizon="pendek"))
    assert (only_short.total, only_short.by_year[2026]["apbd"]) == (
        Decimal("100000000"), Decimal("100000000"))


def test_budget_keeps_financing_of_years_outside_a_shortened_period(world):
    masterplan = world.masterplans["own"]
    program = make_program(masterplan, end_year=2033, horizon="panjang")
    add_financing(program, 2033, "apbn", "10")
    Masterplan.objects.filter(pk=masterplan.pk).update(period_years=5)
    masterplan.refresh_from_db()
    result = programs.budget(masterplan)
    assert result.years == [2026, 2027, 2028, 2029, 2030, 2033]
    assert result.total == Decimal("10")


def test_budget_of_a_masterplan_without_financing_is_all_zero(world):
    result = programs.budget(world.masterplans["own"])
    assert result.total == Decimal("0")
    assert set(result.year_totals.values()) == {Decimal("0")}


# --- concurrent edits and stale deletes -----------------------------------------------------------

def test_concurrent_edit_is_a_conflict_listing_what_changed_and_saves_nothing(world):
    masterplan = world.masterplans["own"]
    program = make_program(masterplan)
    add_kpi(program, targets={2026: "10"})
    loaded = Program.objects.get(pk=program.pk)
    mine = editor_data(program_editor.ProgramEditor(masterplan, instance=loaded),
                       name="Nama dari saya", **{"dana-2026_apbd": "1.000"})
    theirs = editor_data(program_editor.ProgramEditor(masterplan, instance=Program.objects.get(pk=program.pk)),
                         **{"kpi-0-target_2026": "15", "dana-2026_dak": "2.000"})
    editor, saved = save(masterplan, theirs, program=Program.objects.get(pk=program.pk),
                         user=world.user("ketua"))
    assert saved is not None, all_errors(editor)
    before = counts()
    editor = program_editor.ProgramEditor(masterplan, mine, instance=Program.objects.get(pk=program.pk))
    assert editor.is_valid()
    with pytest.raises(VersionConflict) as conflict:
        editor.save(world.user("anggota"))
    assert counts() == before
    assert Program.objects.get(pk=program.pk).name == "Portal layanan terpadu"
    assert amounts(program) == {(2026, "dak"): "2000"}
    changes = {change.label: (change.before, change.after) for change in conflict.value.changes}
    assert changes == {
        "KPI 1": ("Layanan daring (—), Makin tinggi makin baik, baseline —; 2026: 10",
                  "Layanan daring (—), Makin tinggi makin baik, baseline —; 2026: 15"),
        "Pembiayaan 2026": ("", "DAK 2.000")}
    editor.rebased(conflict.value)
    assert editor.form.non_field_errors()
    # Both changed the grids: posting the shown page again needs a choice between the grids as
    # the user filled them in and the other person's; the name only the user changed is kept.
    again = program_editor.ProgramEditor(masterplan, editor.form.data,
                                   instance=Program.objects.get(pk=program.pk))
    assert not again.is_valid()
    assert "isian Anda atau isian mereka" in str(again.form.errors)
    again = program_editor.ProgramEditor(masterplan, {**editor.form.data,
                                                "pilihan____terkait__": "mereka"},
                                   instance=Program.objects.get(pk=program.pk))
    assert again.is_valid()
    again.save(world.user("anggota"))
    assert Program.objects.get(pk=program.pk).name == "Nama dari saya"
    assert amounts(program) == {(2026, "dak"): "2000"}
    assert targets_of(ProgramKpi.objects.get(program=program)) == {2026: "15"}


def test_stale_delete_is_refused(world):
    program = make_program(world.masterplans["own"])
    add_kpi(program)
    Program.objects.filter(pk=program.pk).update(version=2)
    with pytest.raises(ordering.RowChanged):
        program_editor.delete_program(program, 1)
    assert Program.objects.filter(pk=program.pk).exists()
    program_editor.delete_program(program, 2)
    assert not Program.objects.filter(pk=program.pk).exists()
    assert not ProgramKpi.objects.exists()


def test_years_of_another_period_stay_selectable_but_are_refused(world):
    masterplan = MasterplanFactory(region=world.own, is_current=False, start_year=2030)
    program = make_program(masterplan, start_year=2030, end_year=2030)
    Masterplan.objects.filter(pk=masterplan.pk).update(start_year=2031)
    masterplan.refresh_from_db()
    program.masterplan = masterplan
    editor = program_editor.ProgramEditor(masterplan, instance=program)
    assert ("2030", "2030 (di luar periode)") in [
        (str(value), str(label)) for value, label in editor.form.fields["start_year"].choices]
    editor, saved = save(masterplan, editor_data(editor), program=program)
    assert saved is None
    assert "Tahun mulai 2030 di luar periode masterplan 2031–2040." in all_errors(editor)


def test_every_message_shows_at_once(world):
    """A target outside the program is reported even while another part of the page is wrong."""
    masterplan = world.masterplans["own"]
    editor, program = save(masterplan, new_program_data(
        masterplan, name="", **{"kpi-0-name": "KPI", "kpi-0-target_2029": "5",
                                "dana-2026_apbd": "-1", "dana-2030_dak": "10"}))
    assert program is None
    assert set(all_errors(editor)) == {
        "Tuliskan nama programnya.",
        "Target tahun 2029 di luar masa program (2026); kosongkan atau ubah tahun program.",
        "Pembiayaan 2026 (APBD) tidak boleh negatif.",
        "Pembiayaan 2030 (DAK) di luar masa program (2026); kosongkan atau ubah tahun program."}


def test_financing_is_shown_with_thousands_separators(world):
    program = make_program(world.masterplans["own"])
    add_financing(program, 2026, "apbd", "1500000000.50")
    editor = program_editor.ProgramEditor(world.masterplans["own"], instance=program)
    assert editor.financing["2026_apbd"].value() == "1.500.000.000,5"
