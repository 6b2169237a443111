"""The merge after an edit conflict, through the pages: every refused save answers 422, and the
refused page, posted again as a browser would post it, keeps the other person's change."""

from html import unescape
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from masterplan.editing import data_value
from masterplan.forms import MasterplanForm
from masterplan.models import Masterplan
from readiness.forms import EntryForm, OutlookForm, PerformanceForm
from readiness.models import OutlookAnalysis, PerformanceAssessment, ReadinessEntry
from roadmap.models import Opd
from roadmap.opds import OpdForm
from swot.models import SwotItem
from swot.worksheet_forms import ItemForm

from ..roadmap.program_helpers import make_opd

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


class FormParser(HTMLParser):
    """The fields of every <form> of a page, as a browser would post them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.current, self.textarea, self.select = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = []
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.current.append((attrs["name"], attrs.get("value", "on")))
            elif kind not in ("submit", "button", "file"):
                self.current.append((attrs["name"], attrs.get("value", "")))
        elif tag == "textarea":
            self.textarea = [attrs.get("name"), ""]
        elif tag == "select":
            self.select = attrs.get("name")
        elif tag == "option" and self.select and "selected" in attrs:
            self.current.append((self.select, attrs.get("value", "")))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.current.append((name, unescape(text).removeprefix("\n")))
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.current = None


def page_form(response, field):
    """The posted data of the page's form that holds `field`."""
    parser = FormParser()
    parser.feed(response.content.decode())
    for fields in parser.forms:
        if any(name == field for name, _value in fields):
            data = {}
            for name, value in fields:
                data.setdefault(name, []).append(value)
            return data
    raise AssertionError(f"no form with {field}")


def loaded(form):
    return {form.add_prefix(name): data_value(form[name]) for name in form.fields}


def changed(form, **values):
    return {**loaded(form), **{form.add_prefix(name): value for name, value in values.items()}}


class Page:
    def __init__(self, client, world, url, make_form, extra=None):
        self.client, self.world, self.url = client, world, url
        self.make_form, self.extra = make_form, extra or {}
        self.form = make_form()  # both people open the page now

    def post(self, role, data):
        self.client.force_login(self.world.user(role))
        return self.client.post(self.url, data, **self.extra)

    def conflict(self, first, second):
        """The first person saves `first`, the second `second` from the same page: refused."""
        saved = self.post("ketua", changed(self.form, **first))
        assert saved.status_code in (200, 302), saved.content.decode()[:500]
        refused = self.post("anggota", changed(self.form, **second))
        assert refused.status_code == 422
        text = refused.content.decode()
        assert "sudah diubah oleh" in text
        return refused


def masterplan_page(client, world):
    masterplan = world.masterplans["own"]
    url = reverse("masterplan_edit", kwargs={"region_code": world.own.code,
                                             "masterplan_pk": masterplan.pk})
    return Page(client, world, url, lambda: MasterplanForm(
        instance=Masterplan.objects.get(pk=masterplan.pk))), \
        lambda: Masterplan.objects.get(pk=masterplan.pk)


def outlook_page(client, world):
    masterplan = world.masterplans["own"]
    url = reverse("outlook", kwargs={"region_code": world.own.code})
    return Page(client, world, url, lambda: OutlookForm(instance=masterplan.outlook)), \
        lambda: OutlookAnalysis.objects.get(masterplan=masterplan)


def entry_row(client, world):
    entry = world.masterplans["own"].readiness_entries.order_by("pk").first()
    url = reverse("readiness_entry", kwargs={"region_code": world.own.code,
                                             "table": entry.sub_area.slug, "entry_pk": entry.pk})
    return Page(client, world, url, lambda: EntryForm(
        instance=ReadinessEntry.objects.get(pk=entry.pk)), extra=HTMX), \
        lambda: ReadinessEntry.objects.get(pk=entry.pk)


def opd_row(client, world):
    opd = make_opd(world.own)
    url = reverse("opd_edit", kwargs={"region_code": world.own.code, "opd_pk": opd.pk})
    return Page(client, world, url, lambda: OpdForm(
        instance=Opd.objects.get(pk=opd.pk), region=world.own, prefix=f"opd{opd.pk}")), \
        lambda: Opd.objects.get(pk=opd.pk)


def swot_item(client, world):
    sheet = world.masterplans["own"].worksheets.get(dimension__code="governance")
    item = SwotItem.objects.create(worksheet=sheet, factor="S", text="Pusat data")
    url = reverse("swot_item_edit", kwargs={"region_code": world.own.code,
                                            "worksheet_pk": sheet.pk, "item_pk": item.pk})
    return Page(client, world, url, lambda: ItemForm(
        instance=SwotItem.objects.get(pk=item.pk)), extra=HTMX), \
        lambda: SwotItem.objects.get(pk=item.pk)


PAGES = {
    "identitas-masterplan": (masterplan_page, {"title": "Judul rekan"}, {"period_years": "5"},
                             "title"),
    "analisis-masa-depan": (outlook_page, {"trends": "Tren rekan"},
                            {"institutions": "Kelembagaan saya"}, "trends"),
    "baris-kesiapan-htmx": (entry_row, {"source": "BPS rekan"}, {"note": "Catatan saya"}, "note"),
    "baris-opd": (opd_row, {"name": "Dinas rekan"}, {"short_name": "Saya"}, "name"),
    "butir-swot-htmx": (swot_item, {"text": "Pusat data rekan"}, None, "text"),
}


@pytest.mark.parametrize("order", ["A-dulu", "B-dulu"])
@pytest.mark.parametrize("key", list(PAGES))
def test_the_refused_page_saved_again_keeps_the_other_persons_change(client, world, key, order):
    make, theirs, mine, _clash = PAGES[key]
    if mine is None:
        pytest.skip("one editable text field on this row")
    page, stored = make(client, world)
    first, second = (theirs, mine) if order == "A-dulu" else (mine, theirs)
    refused = page.conflict(first, second)
    again = page_form(refused, page.form.add_prefix("snapshot"))
    response = page.post("anggota", again)
    assert response.status_code in (200, 302), response.content.decode()[:800]
    obj = stored()
    for name, value in {**theirs, **mine}.items():
        assert str(getattr(obj, name)) == value


@pytest.mark.parametrize("key", list(PAGES))
def test_a_field_both_changed_is_chosen_on_the_page(client, world, key):
    make, _theirs, _mine, name = PAGES[key]
    page, stored = make(client, world)
    refused = page.conflict({name: "Isian rekan"}, {name: "Isian saya"})
    text = refused.content.decode()
    assert "Isian Anda: Isian saya" in text and "Isian mereka: Isian rekan" in text
    again = page_form(refused, page.form.add_prefix("snapshot"))
    unchosen = page.post("anggota", again)
    assert unchosen.status_code == 422
    assert "isian Anda atau isian mereka" in unchosen.content.decode()
    assert getattr(stored(), name) == "Isian rekan"
    choice = page.form.add_prefix(f"pilihan__{name}")
    assert page.post("anggota", {**again, choice: "anda"}).status_code in (200, 302)
    assert getattr(stored(), name) == "Isian saya"


def test_a_grid_row_changed_by_others_is_merged_and_rows_not_touched_are_not_conflicts(
        client, world):
    masterplan = world.masterplans["own"]
    url = reverse("performance", kwargs={"region_code": world.own.code})
    rows = list(PerformanceAssessment.objects.filter(masterplan=masterplan).order_by("pk")[:2])

    def grid(**changes):
        data = {}
        for row in PerformanceAssessment.objects.filter(masterplan=masterplan):
            form = PerformanceForm(instance=row)
            data.update(loaded(form))
        data.update(changes)
        return data

    stale = grid()
    first = PerformanceForm(instance=rows[0]).add_prefix
    second = PerformanceForm(instance=rows[1]).add_prefix
    client.force_login(world.user("ketua"))
    assert client.post(url, {**stale, first("note"): "Catatan rekan",
                             second("note"): "Catatan rekan 2"}).status_code == 302
    client.force_login(world.user("anggota"))
    refused = client.post(url, {**stale, first("rating"): "baik"})
    assert refused.status_code == 422  # row 1 changed by both (other fields); row 2 untouched
    again = page_form(refused, first("snapshot"))
    assert client.post(url, again).status_code == 302
    rows = [PerformanceAssessment.objects.get(pk=row.pk) for row in rows]
    assert (rows[0].rating, rows[0].note, rows[1].note) == ("baik", "Catatan rekan",
                                                            "Catatan rekan 2")


def test_the_competitiveness_table_merges_cell_by_cell(client, world):
    masterplan = world.masterplans["own"]
    url = reverse("competitiveness", kwargs={"region_code": world.own.code})
    client.force_login(world.user("ketua"))
    page = client.get(url)
    start = page_form(page, "version")
    start.update({"city-new0-name": ["Kota Medan"], "ind-new0-name": ["Indeks layanan"],
                  "cell-new0-own-value": ["10"]})
    assert client.post(url, start).status_code == 302
    loaded = page_form(client.get(url), "version")  # both people open the table now
    city = masterplan.benchmark_cities.get()
    indicator = masterplan.competitiveness_indicators.get()
    own_cell, city_cell = f"cell-{indicator.pk}-own-value", f"cell-{indicator.pk}-{city.pk}-value"

    assert client.post(url, {**loaded, own_cell: ["11"]}).status_code == 302  # Ani
    client.force_login(world.user("anggota"))
    refused = client.post(url, {**loaded, city_cell: ["20"]})  # Budi, another cell
    assert refused.status_code == 422
    again = page_form(refused, "version")
    assert again[own_cell] == ["11"] and again[city_cell] == ["20"]
    assert client.post(url, again).status_code == 302

    loaded = page_form(client.get(url), "version")
    client.force_login(world.user("ketua"))
    assert client.post(url, {**loaded, own_cell: ["12"]}).status_code == 302
    client.force_login(world.user("anggota"))
    refused = client.post(url, {**loaded, own_cell: ["13"]})  # the same cell
    assert refused.status_code == 422
    assert "Indeks layanan — daerah sendiri (nilai)" in refused.content.decode()
    assert page_form(refused, "version")[own_cell] == ["12"]  # theirs, until retyped
