"""masterplan.numbers: one way to read and show numbers and rupiah. The same text gives the same
value in a page's form and in a workbook cell, and is shown the same way everywhere."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import reverse

from masterplan import numbers
from masterplan.workbook import importer
from masterplan.workbook.base import CellReader, SheetData
from masterplan.workbook.errors import ErrorList
from readiness.forms import EntryForm
from roadmap.models import Financing, KpiTarget, ProgramKpi
from roadmap.program_forms import FinancingForm, KpiForm
from swot import targets
from swot.models import Indicator, IndicatorTarget

from ..readiness.test_entry_views import HTMX, entry_url, first_entry, row_data
from ..roadmap.roadmap_helpers import financing, kpi, program
from ..roadmap.workbook_kpi_helpers import find, set_row
from ..swot.strategic_helpers import make_indicator, make_sasaran
from ..swot.workbook_swot_helpers import target_column
from .workbook_helpers import edit, module_workbook_fixtures, row_of

# --- reading -------------------------------------------------------------------------------------

# text -> (parse_number, parse_rupiah); None: not a number.
READ = {
    "1.234,5": ("1234.5", "1234.5"),
    "1.234": ("1234", "1234"),
    "1.250": ("1250", "1250"),
    "1.500.000": ("1500000", "1500000"),
    "12,5": ("12.5", "12.5"),
    "12.5": ("12.5", "12.5"),  # a dot not grouping three digits is a decimal point
    "0.125": ("0.125", "0.125"),
    "-1.250": ("-1250", "-1250"),
    "-3,5": ("-3.5", "-3.5"),
    " 1 000 ": ("1000", "1000"),
    "1\u00a0000": ("1000", "1000"),
    "Rp 1.500.000": (None, "1500000"),
    "Rp. 2.500.000,50": (None, "2500000.50"),
    "rp1.500": (None, "1500"),
    "abc": (None, None),
    "1,2,3": (None, None),
    "1e5": (None, None),
    "NaN": (None, None),
    "Infinity": (None, None),
    "": (None, None),
    "1..2": (None, None),
    "12.5%": (None, None),
    "Rp": (None, None),
}


def decimal_or_none(text):
    return None if text is None else Decimal(text)


@pytest.mark.parametrize("text", READ)
def test_parse_number_and_parse_rupiah(text):
    number, rupiah = READ[text]
    assert numbers.parse_number(text) == decimal_or_none(number)
    assert numbers.parse_rupiah(text) == decimal_or_none(rupiah)


def cell(text, **options):
    """What the workbook reads from a cell holding `text`, and whether it refused it."""
    errors = ErrorList("Uji")
    value = CellReader(SheetData("Uji", {1: [text]}, set()), errors).decimal(1, 1, "Angka", **options)
    return value, bool(errors.errors)


def field(field_class, text):
    """What a page's field reads from `text` (no limit on digits), or 'refused'."""
    try:
        return field_class(required=False, max_digits=None, decimal_places=None).clean(text)
    except ValidationError:
        return "refused"


@pytest.mark.parametrize("text", [text for text in READ if text.strip()])
def test_a_page_field_and_a_workbook_cell_read_the_same_text_alike(text):
    number, rupiah = READ[text]
    expected = decimal_or_none(number)
    assert cell(text) == (expected, expected is None)
    assert field(numbers.NumberField, text) == ("refused" if expected is None else expected)
    expected = decimal_or_none(rupiah)
    assert cell(text, rupiah=True) == (expected, expected is None)
    assert field(numbers.RupiahField, text) == ("refused" if expected is None else expected)


# --- showing -------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,shown", [
    (Decimal("1234.5"), "1.234,5"), (Decimal("14.6000"), "14,6"), (Decimal("5.12E+11"), "512.000.000.000"),
    (Decimal("1250"), "1.250"), (Decimal("0.125"), "0,125"), (Decimal("-1250.75"), "-1.250,75"),
    (0, "0"), (12.5, "12,5"), (None, ""), ("", ""),
])
def test_format_number(value, shown):
    assert numbers.format_number(value) == shown


@pytest.mark.parametrize("value,shown", [
    (1_500_000, "Rp 1.500.000"), (Decimal("2500000.50"), "Rp 2.500.000,50"),
    (Decimal("2500000.5"), "Rp 2.500.000,50"), (Decimal("1500000000.00"), "Rp 1.500.000.000"),
    (0, "Rp 0"), (None, ""),
])
def test_format_rupiah_and_amount(value, shown):
    assert numbers.format_rupiah(value) == shown
    assert numbers.format_amount(value) == shown.removeprefix("Rp ")


@pytest.mark.parametrize("value,places,shown", [
    (72.45, 1, "72,5"), (100, 1, "100,0"), (0.25, 1, "0,3"), (Decimal("66.6667"), 1, "66,7"),
    (Decimal("1234.5"), 0, "1.235"), (-0.04, 1, "0,0"), (None, 1, ""),
])
def test_format_decimal_rounds_half_up_and_keeps_its_places(value, places, shown):
    assert numbers.format_decimal(value, places) == shown


def test_empty_is_shown_as_asked():
    assert numbers.format_number(None, empty="—") == "—"
    assert numbers.format_rupiah(None, empty="–") == "–"
    assert numbers.format_decimal(None, 1, empty="belum ada") == "belum ada"


def test_template_filters_call_the_number_module():
    template = Template("{% load masterplan_tags %}{{ n|plain_number }} | {{ a|rupiah }} | "
                        "{{ a|rupiah_amount }} | {{ none|plain_number }}{{ none|rupiah }}")
    shown = template.render(Context({"n": Decimal("1234.5000"), "a": Decimal("2500000.50"),
                                     "none": None}))
    assert shown == "1.234,5 | Rp 2.500.000,50 | 2.500.000,50 | "


def test_the_readiness_index_filter_rounds_like_the_charts():
    template = Template("{% load readiness_tags %}{{ a|index_value }} {{ b|index_value }} "
                        "{{ none|index_value }}")
    assert template.render(Context({"a": 0.25, "b": 72.45, "none": None})) == "0,3 72,5 belum dinilai"


# --- fields: values and messages ----------------------------------------------------------------

def messages(form_field, text):
    with pytest.raises(ValidationError) as refused:
        form_field.clean(text)
    return refused.value.messages


def test_number_field_cleans_the_indonesian_way():
    number = numbers.NumberField(required=False)
    assert number.clean("1.234,5") == Decimal("1234.5")
    assert number.clean("1.250") == Decimal("1250")
    assert number.clean("") is None
    assert number.clean(Decimal("7.25")) == Decimal("7.25")


@pytest.mark.parametrize("text", ["abc", "1,2,3", "1e5", "NaN", "Infinity", "1..2", "   "])
def test_number_field_refuses_what_is_not_a_number_in_indonesian(text):
    assert messages(numbers.NumberField(required=False), text) == ["Masukkan sebuah bilangan."]


def test_number_field_messages():
    assert messages(numbers.NumberField(), "") == ["Bidang ini tidak boleh kosong."]
    assert messages(numbers.NumberField(min_value=0), "-1.250") == [
        "Pastikan nilai ini lebih besar dari atau sama dengan 0."]
    assert messages(numbers.NumberField(max_digits=5, decimal_places=2), "123.456") == [
        "Pastikan jumlah angka pada bilangan tidak melebihi 5 angka."]
    # A message of the form's own, with a name holding "%", is formatted once.
    field_ = numbers.NumberField(error_messages={"invalid": "Target “100%% layanan” harus angka."})
    assert messages(field_, "banyak") == ["Target “100% layanan” harus angka."]


def test_rupiah_field_cleans_and_refuses_in_indonesian():
    rupiah = numbers.RupiahField(required=False)
    assert rupiah.clean("Rp 1.500.000") == Decimal("1500000")
    assert rupiah.clean("Rp. 2.500.000,50") == Decimal("2500000.50")
    assert rupiah.clean("750000") == Decimal("750000")
    assert messages(rupiah, "Rp abc") == ["Masukkan sebuah bilangan."]
    assert messages(rupiah, "1,5 miliar") == ["Masukkan sebuah bilangan."]
    assert messages(rupiah, "1,555") == ["Pastikan bilangan tidak memiliki lebih dari 2 angka desimal."]


# --- the same text in the pages and in the workbook ---------------------------------------------

TEXTS = [("1.234,5", Decimal("1234.5")), ("1.234", Decimal("1234")), ("1.250", Decimal("1250")),
         ("12,5", Decimal("12.5"))]
AMOUNTS = [("Rp 1.500.000", Decimal("1500000")), ("Rp. 2.500.000,50", Decimal("2500000.50")),
           ("1.500.000", Decimal("1500000")), ("Rp 750.000", Decimal("750000"))]


def build_masterplan(world):
    """The own masterplan (its readiness rows), a sasaran indicator, a program with a KPI and
    financing: one row in each sheet whose numbers the tests type."""
    masterplan = world.masterplans["own"]
    make_indicator(make_sasaran(masterplan), name="Layanan daring", targets={2027: "10"})
    portal = program(masterplan, "Portal layanan", start=(2026, 1), end=(2027, 4))
    kpi(portal, "Layanan daring", targets={2026: 10})
    financing(portal, 2026, "apbd", 1_000_000)
    return masterplan


filled, exported, world, masterplan = module_workbook_fixtures(build_masterplan)


@pytest.mark.parametrize("text,number", TEXTS)
def test_the_readiness_entry_page_reads_the_text(client, world, text, number):
    entry = first_entry(world.masterplans["own"])
    client.force_login(world.user("anggota"))
    response = client.post(entry_url(entry), row_data(entry, value_number=text, value_unit="orang"),
                           **HTMX)
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.value_number == number
    # The saved row's input holds the number as it reads back ("1234,5"); the read-only row
    # shows it grouped ("1.234,5").
    typed = str(number).replace(".", ",")
    assert f'value="{typed}"' in response.content.decode()
    client.force_login(world.user("dewan"))
    page = client.get(reverse("readiness_table", kwargs={"region_code": world.own.code, "table": "ii-2"}))
    assert f'<div class="small">{numbers.format_number(number)} orang</div>' in page.content.decode()


@pytest.mark.parametrize("text,number", TEXTS)
def test_the_forms_of_every_app_read_the_text_alike(world, text, number):
    masterplan = world.masterplans["own"]
    entry = first_entry(masterplan)
    form = EntryForm(row_data(entry, value_number=text), instance=entry)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["value_number"] == number
    indicator = Indicator.objects.get(sasaran__masterplan=masterplan)
    data = {"name": "Layanan daring", "direction": "naik", "baseline_year": "2025",
            "baseline_value": text, "target_2027": text}
    form = targets.IndicatorForm(data, instance=indicator, sasaran=indicator.sasaran)
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["baseline_value"], form.cleaned_data["target_2027"]) == (number, number)
    item = ProgramKpi.objects.get(program__masterplan=masterplan)
    form = KpiForm({"name": item.name, "direction": "naik", "baseline_value": text,
                    "target_2026": text}, instance=item, years=[2026, 2027])
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["baseline_value"], form.cleaned_data["target_2026"]) == (number, number)


@pytest.mark.parametrize("text,amount", AMOUNTS)
def test_the_financing_form_reads_rupiah(world, text, amount):
    portal = world.masterplans["own"].programs.get()
    form = FinancingForm({"dana-2026_apbd": text}, program=portal, years=[2026])
    assert form.is_valid(), form.errors
    assert form.amounts()[(2026, "apbd")] == amount


@pytest.mark.parametrize("case", range(len(TEXTS)))
def test_the_workbook_sheets_read_the_text_as_the_pages_do(exported, masterplan, case):
    """One upload per text: the readiness Angka, a sasaran target, a KPI baseline and target and
    a financing amount, all typed as text."""
    text, number = TEXTS[case]
    amount_text, amount = AMOUNTS[case]
    indicator = Indicator.objects.get(sasaran__masterplan=masterplan)
    item = ProgramKpi.objects.get(program__masterplan=masterplan)

    def change(workbook):
        workbook["II.2 SDM"]["E4"] = text  # Angka of component 1
        sasaran = workbook["Sasaran"]
        sasaran.cell(row=row_of(sasaran, f"n{indicator.pk}"), column=target_column(2027), value=text)
        kpis = workbook["KPI"]
        set_row(kpis, row_of(kpis, f"k{item.pk}"), {"Baseline": text, "Target 2026": text})
        money = workbook["Pembiayaan"]
        set_row(money, find(money, Kode_program="P1", Sumber_dana="APBD"), {"Tahun 2026": amount_text})

    content = edit(exported, change)
    diff = importer.preview(masterplan, content)
    # The preview shows the numbers as the pages do.
    shown = {(sheet.sheet.title, field.label): field.new_display
             for sheet in diff.changed_sheets for change in sheet.changes for field in change.fields}
    assert shown[("KPI", "Baseline")] == numbers.format_number(number)
    assert shown[("Pembiayaan", "Tahun 2026")] == numbers.format_rupiah(amount)
    importer.apply(masterplan, content, None, diff.digest)
    assert first_entry(masterplan).value_number == number
    assert IndicatorTarget.objects.get(indicator=indicator, year=2027).value == number
    item.refresh_from_db()
    assert item.baseline_value == number
    assert KpiTarget.objects.get(kpi=item, year=2026).value == number
    assert Financing.objects.get(program=item.program, year=2026, source="apbd").amount == amount


def test_the_program_list_shows_the_total_in_rupiah(client, world):
    masterplan = world.masterplans["own"]
    Financing.objects.filter(program__masterplan=masterplan).update(amount=Decimal("2500000.50"))
    client.force_login(world.user("anggota"))
    page = client.get(reverse("program_list", kwargs={"region_code": masterplan.region.code}))
    assert "<strong>Rp 2.500.000,50</strong>" in page.content.decode()
