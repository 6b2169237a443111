""""Simpan semua" of a readiness table: every changed row in one post, all or nothing."""

import pytest
from django.urls import reverse

from masterplan import workflow
from masterplan.models import MasterplanStatus
from readiness.forms import EntryForm
from readiness.models import ReadinessEntry
from readiness.services import add_extra_component, save_table, sub_area_by_slug, table_entries

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def table(masterplan, slug="ii-2"):
    return sub_area_by_slug(masterplan.edition_id, slug)


def rows(masterplan, slug="ii-2"):
    """The table's entries by their row number on the page (1, 2, ...)."""
    return dict(enumerate(table_entries(masterplan, table(masterplan, slug)), start=1))


def page_data(entries, changes=None):
    """What "Simpan semua" posts for the page showing `entries` as loaded: every row's fields,
    with `changes` ({entry: {field: value}}) typed in."""
    data = {}
    for entry in entries:
        form = EntryForm(instance=entry)
        for name in form.fields:
            value = form[name].value()
            data[form.add_prefix(name)] = "" if value is None else str(value)
        for name, value in (changes or {}).get(entry, {}).items():
            data[form.add_prefix(name)] = value
    return data


def save_url(region, slug="ii-2"):
    return reverse("readiness_table_save", kwargs={"region_code": region.code, "table": slug})


def current(entry):
    return ReadinessEntry.objects.get(pk=entry.pk)


# --- the service -----------------------------------------------------------------------------

def test_every_changed_row_is_saved_and_the_others_are_not_written(world):
    masterplan = world.masterplans["own"]
    by_number = rows(masterplan)
    first, second, third = by_number[1], by_number[2], by_number[3]
    data = page_data(by_number.values(), {
        first: {"value_text": "214 komunitas", "value_number": "1.234,5", "value_unit": "orang",
                "interpretation": "baik"},
        second: {"interpretation": "buruk", "source": "BPS", "source_year": "2024"},
    })
    result = save_table(masterplan, table(masterplan), data, world.user("ketua"))
    assert not result.refused
    assert sorted(result.saved) == sorted([first.pk, second.pk])
    first, second, third = current(first), current(second), current(third)
    assert (first.value_text, str(first.value_number), first.interpretation, first.version) == (
        "214 komunitas", "1234.5000", "baik", 2)
    assert (second.interpretation, second.source, second.source_year, second.version) == (
        "buruk", "BPS", 2024, 2)
    assert first.updated_by == world.user("ketua")
    assert third.version == 1  # unchanged rows are not written
    # The rows shown again are fresh forms of the saved values.
    shown = {form.instance.pk: form for form in result.forms}
    assert len(result.forms) == len(by_number) and not shown[first.pk].is_bound
    assert 'value="1234,5"' in str(shown[first.pk]["value_number"])


def test_one_invalid_row_saves_nothing_and_keeps_what_was_typed(world):
    masterplan = world.masterplans["own"]
    by_number = rows(masterplan)
    good, bad, unit_only = by_number[1], by_number[2], by_number[3]
    data = page_data(by_number.values(), {
        good: {"value_text": "isian yang benar", "interpretation": "sedang"},
        bad: {"value_number": "banyak", "interpretation": "baik"},
        unit_only: {"value_unit": "orang"},
    })
    result = save_table(masterplan, table(masterplan), data, world.user("anggota"))
    assert result.refused and result.invalid == 2 and result.saved == []
    for entry in (good, bad, unit_only):
        fresh = current(entry)
        assert (fresh.value_text, fresh.interpretation, fresh.value_unit, fresh.version) == (
            "", "", "", 1)
    shown = {form.instance.pk: form for form in result.forms}
    assert shown[bad.pk].errors["value_number"] == ["Masukkan sebuah bilangan."]
    assert shown[unit_only.pk].errors["value_unit"] == ["Satuan hanya diisi bersama angkanya."]
    assert not shown[good.pk].errors
    assert shown[good.pk]["value_text"].value() == "isian yang benar"
    assert shown[good.pk]["interpretation"].value() == "sedang"
    assert shown[bad.pk]["value_number"].value() == "banyak"
    assert not shown[by_number[4].pk].is_bound  # rows left alone show their current values


def test_a_row_changed_by_someone_else_meanwhile_saves_nothing_and_is_merged(world):
    masterplan = world.masterplans["own"]
    by_number = rows(masterplan)
    mine, contested = by_number[1], by_number[2]
    loaded = page_data(by_number.values(), {
        mine: {"value_text": "isian Budi"},
        contested: {"value_text": "isian Budi juga", "interpretation": "buruk"},
    })
    # Ani saves the second row (its own row form) after Budi loaded the page.
    other = page_data([contested], {contested: {"value_text": "isian Ani", "note": "catatan Ani"}})
    ani = save_table(masterplan, table(masterplan), other, world.user("ketua"))
    assert ani.saved == [contested.pk]

    result = save_table(masterplan, table(masterplan), loaded, world.user("anggota"))
    assert result.refused and result.conflicts == 1 and result.saved == []
    assert (current(mine).value_text, current(mine).version) == ("", 1)
    assert (current(contested).value_text, current(contested).note) == ("isian Ani", "catatan Ani")
    shown = {form.instance.pk: form for form in result.forms}
    merged = shown[contested.pk]
    assert merged.conflict is not None
    assert merged["note"].value() == "catatan Ani"  # only Ani changed it: hers is taken
    assert merged["interpretation"].value() == "buruk"  # only Budi changed it: his stays
    assert "value_text" in merged.clashes  # both changed it: a choice is asked for
    assert shown[mine.pk]["value_text"].value() == "isian Budi"

    # Choosing, then "Simpan semua" again saves both rows.
    again = dict(merged.data)
    again[merged.add_prefix("pilihan__value_text")] = "anda"
    again.update({key: value for key, value in loaded.items() if key.startswith(f"e{mine.pk}-")})
    result = save_table(masterplan, table(masterplan), again, world.user("anggota"))
    assert sorted(result.saved) == sorted([mine.pk, contested.pk])
    assert (current(contested).value_text, current(contested).note,
            current(contested).interpretation) == ("isian Budi juga", "catatan Ani", "buruk")
    assert current(mine).value_text == "isian Budi"


def test_rows_missing_from_the_post_are_left_alone(world):
    """A component added after the page was loaded has no fields in the post: not blanked."""
    masterplan = world.masterplans["own"]
    sub_area = table(masterplan)
    loaded = list(table_entries(masterplan, sub_area))
    extra = add_extra_component(masterplan=masterplan, sub_area=sub_area, text="Komponen baru",
                                user=None)
    ReadinessEntry.objects.filter(pk=extra.pk).update(value_text="diisi orang lain")
    data = page_data(loaded, {loaded[0]: {"note": "catatan"}})
    result = save_table(masterplan, sub_area, data, world.user("anggota"))
    assert result.saved == [loaded[0].pk]
    assert (current(extra).value_text, current(extra).version) == ("diisi orang lain", 1)
    assert extra.pk in {form.instance.pk for form in result.forms}


def test_nothing_changed_saves_nothing(world):
    masterplan = world.masterplans["own"]
    by_number = rows(masterplan)
    result = save_table(masterplan, table(masterplan), page_data(by_number.values()),
                        world.user("anggota"))
    assert (result.refused, result.saved) == (False, [])
    assert not ReadinessEntry.objects.filter(masterplan=masterplan, version__gt=1).exists()


# --- the view --------------------------------------------------------------------------------

def test_htmx_save_all_answers_the_saved_rows(client, world):
    masterplan = world.masterplans["own"]
    by_number = rows(masterplan)
    client.force_login(world.user("anggota"))
    response = client.post(save_url(world.own), page_data(by_number.values(), {
        by_number[1]: {"interpretation": "baik"}, by_number[2]: {"interpretation": "buruk"},
    }), **HTMX)
    assert response.status_code == 200
    text = response.content.decode()
    assert "<html" not in text and 'id="isian-tabel"' in text
    assert "2 baris disimpan." in text and text.count("Tersimpan.") == 2
    assert 'id="table-status" hx-swap-oob="true"' in text and "2 dari 9 komponen dinilai" in text
    assert "data-unsaved-input" not in text  # nothing left unsaved
    assert (current(by_number[1]).interpretation, current(by_number[2]).interpretation) == (
        "baik", "buruk")


def test_htmx_save_all_with_an_invalid_row_answers_422_with_its_message(client, world):
    masterplan = world.masterplans["own"]
    by_number = rows(masterplan)
    client.force_login(world.user("ketua"))
    response = client.post(save_url(world.own), page_data(by_number.values(), {
        by_number[1]: {"value_text": "ketikan yang tidak boleh hilang"},
        by_number[2]: {"source_year": "20255"},
    }), **HTMX)
    assert response.status_code == 422
    text = response.content.decode()
    assert "1 baris belum benar; tidak ada yang disimpan." in text
    assert "2100" in text  # the year's own message, on its row
    assert "ketikan yang tidak boleh hilang" in text
    # Both changed rows are marked as input not saved (static/js/unsaved.js warns on leaving).
    assert text.count("data-unsaved-input") == 2
    assert current(by_number[1]).value_text == ""


def test_htmx_save_all_in_conflict_answers_422(client, world):
    masterplan = world.masterplans["own"]
    by_number = rows(masterplan)
    entry = by_number[1]
    loaded = page_data(by_number.values(), {entry: {"value_text": "isian Budi"}})
    client.force_login(world.user("ketua"))
    client.post(reverse("readiness_entry", kwargs={
        "region_code": world.own.code, "table": "ii-2", "entry_pk": entry.pk}),
        page_data([entry], {entry: {"value_text": "isian Ani"}}), **HTMX)
    client.force_login(world.user("anggota"))
    response = client.post(save_url(world.own), loaded, **HTMX)
    assert response.status_code == 422
    text = response.content.decode()
    assert "1 baris sudah diubah orang lain" in text and "isian Ani" in text
    assert current(entry).value_text == "isian Ani"


def test_plain_post_redirects_when_saved_and_shows_the_table_when_refused(client, world):
    masterplan = world.masterplans["own"]
    by_number = rows(masterplan)
    client.force_login(world.user("anggota"))
    response = client.post(save_url(world.own), page_data(by_number.values(), {
        by_number[3]: {"interpretation": "sedang"}}), follow=True)
    assert response.redirect_chain[-1][0].endswith("/kesiapan/tabel/ii-2/")
    assert "1 baris disimpan." in response.content.decode()
    assert current(by_number[3]).interpretation == "sedang"

    response = client.post(save_url(world.own), page_data(rows(masterplan).values(), {
        by_number[4]: {"interpretation": "baik"}, by_number[5]: {"value_number": "x"}}))
    assert response.status_code == 422
    text = response.content.decode()
    assert "<html" in text and "Masukkan sebuah bilangan." in text
    assert current(by_number[4]).interpretation == ""


def test_an_entry_of_another_region_posted_here_is_not_touched(client, world):
    other = rows(world.masterplans["other"])[1]
    client.force_login(world.user("ketua"))
    response = client.post(save_url(world.own),
                           page_data([other], {other: {"value_text": "disusupkan"}}))
    assert response.status_code == 302
    assert (current(other).value_text, current(other).version) == ("", 1)


@pytest.mark.parametrize("role", ["dewan", "pembimbing"])
def test_readers_may_not_save(client, world, role):
    by_number = rows(world.masterplans["own"])
    client.force_login(world.user(role))
    response = client.post(save_url(world.own), page_data(
        by_number.values(), {by_number[1]: {"value_text": "x"}}))
    assert response.status_code == 403
    assert current(by_number[1]).value_text == ""


def test_a_submitted_masterplan_is_not_saved(client, world):
    masterplan = world.masterplans["own"]
    workflow.apply(masterplan, "submit", world.user("ketua"), bimtek_number=1)
    assert masterplan.status == MasterplanStatus.DIAJUKAN
    by_number = rows(masterplan)
    client.force_login(world.user("ketua"))
    response = client.post(save_url(world.own), page_data(
        by_number.values(), {by_number[1]: {"value_text": "x"}}))
    assert response.status_code == 403
    assert current(by_number[1]).value_text == ""


def test_save_all_queries_grow_with_the_rows_saved_not_the_rows_shown(
        client, world, django_assert_max_num_queries):
    masterplan = world.masterplans["own"]
    sub_area = table(masterplan)
    for n in range(15):
        add_extra_component(masterplan=masterplan, sub_area=sub_area, text=f"Tambahan {n}",
                            user=None)
    entries = list(table_entries(masterplan, sub_area))
    client.force_login(world.user("anggota"))
    with django_assert_max_num_queries(22):
        response = client.post(save_url(world.own), page_data(
            entries, {entries[0]: {"interpretation": "baik"}}), **HTMX)
    assert response.status_code == 200 and current(entries[0]).interpretation == "baik"
