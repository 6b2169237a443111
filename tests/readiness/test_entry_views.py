import pytest
from django.urls import reverse

from masterplan.models import Masterplan
from readiness.forms import EntryForm
from readiness.models import ReadinessEntry
from readiness.services import add_extra_component, sub_area_by_slug

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def first_entry(masterplan, table="ii-2"):
    sub_area = sub_area_by_slug(masterplan.edition_id, table)
    return masterplan.readiness_entries.filter(sub_area=sub_area, component__number=1).get()


def row_data(entry, **changes):
    form = EntryForm(instance=entry)
    data = {form.add_prefix(name): form[name].value() or "" for name in form.fields}
    data.update({form.add_prefix(name): value for name, value in changes.items()})
    return data


def entry_url(entry):
    return reverse("readiness_entry", kwargs={"region_code": entry.masterplan.region.code,
                                              "table": entry.sub_area.slug, "entry_pk": entry.pk})


def test_htmx_row_save_returns_the_saved_row(client, world):
    entry = first_entry(world.masterplans["own"])
    client.force_login(world.user("anggota"))
    response = client.post(entry_url(entry), row_data(
        entry, value_text="214 komunitas", value_number="214", value_unit="komunitas",
        interpretation="baik", source="Disbudpar", source_year="2025"), **HTMX)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Tersimpan." in text and "<html" not in text
    entry.refresh_from_db()
    assert (entry.value_number, entry.interpretation, entry.version) == (214, "baik", 2)
    assert entry.updated_by == world.user("anggota")


def test_plain_post_saves_and_returns_to_the_row(client, world):
    entry = first_entry(world.masterplans["own"])
    client.force_login(world.user("ketua"))
    response = client.post(entry_url(entry), row_data(entry, interpretation="sedang",
                                                      value_number="12,5", value_unit="%"))
    assert response["Location"].endswith(f"/kesiapan/tabel/ii-2/#isian-{entry.pk}")
    entry.refresh_from_db()
    assert (str(entry.value_number), entry.interpretation) == ("12.5000", "sedang")


@pytest.mark.parametrize("changes,message", [
    ({"value_number": "banyak"}, "Masukkan sebuah bilangan"),
    ({"source_year": "20255"}, "2100"),
    ({"value_unit": "orang"}, "Satuan hanya diisi bersama angkanya."),
    ({"interpretation": "bagus"}, "Masukkan pilihan yang valid"),
])
def test_bad_row_input_is_refused_and_nothing_saved(client, world, changes, message):
    entry = first_entry(world.masterplans["own"])
    client.force_login(world.user("anggota"))
    for extra in ({}, HTMX):
        response = client.post(entry_url(entry), row_data(entry, value_text="baru", **changes),
                               **extra)
        assert response.status_code == 422
        assert message in response.content.decode()
    entry.refresh_from_db()
    assert (entry.value_text, entry.version) == ("", 1)


def test_second_save_of_the_same_row_is_refused_with_the_other_change(client, world):
    entry = first_entry(world.masterplans["own"])
    stale = row_data(entry, value_text="isian Budi", interpretation="buruk")
    client.force_login(world.user("ketua"))
    client.post(entry_url(entry), row_data(entry, value_text="isian Ani", interpretation="baik"),
                **HTMX)
    client.force_login(world.user("anggota"))
    response = client.post(entry_url(entry), stale, **HTMX)
    assert response.status_code == 422
    text = response.content.decode()
    assert "sudah diubah oleh" in text and "isian Ani" in text
    entry.refresh_from_db()
    assert (entry.value_text, entry.interpretation) == ("isian Ani", "baik")


def test_an_entry_of_another_masterplan_is_not_found_through_this_region(client, world):
    other_entry = first_entry(world.masterplans["other"])
    url = reverse("readiness_entry", kwargs={"region_code": world.own.code, "table": "ii-2",
                                             "entry_pk": other_entry.pk})
    client.force_login(world.user("ketua"))
    assert client.post(url, row_data(other_entry, value_text="x")).status_code == 404
    assert ReadinessEntry.objects.get(pk=other_entry.pk).value_text == ""


def test_unknown_table_is_404(client, world):
    client.force_login(world.user("dewan"))
    url = reverse("readiness_table", kwargs={"region_code": world.own.code, "table": "ii-99"})
    assert client.get(url).status_code == 404


def test_extra_component_added_refused_twice_and_deleted(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    url = reverse("readiness_extra_add", kwargs={"region_code": world.own.code, "table": "ii-6"})
    client.post(url, {"text": "Jumlah menara bersama"})
    extra = masterplan.readiness_entries.get(extra_text="Jumlah menara bersama")
    response = client.post(url, {"text": "jumlah menara BERSAMA"}, follow=True)
    assert "sudah ada di tabel ini" in response.content.decode()
    response = client.post(url, {"text": "   "}, follow=True)
    assert "Bidang ini tidak boleh kosong" in response.content.decode()
    assert masterplan.readiness_entries.filter(component__isnull=True).count() == 1
    delete = reverse("readiness_extra_delete", kwargs={"region_code": world.own.code,
                                                       "table": "ii-6", "entry_pk": extra.pk})
    client.post(delete)
    assert not ReadinessEntry.objects.filter(pk=extra.pk).exists()


def test_catalogue_components_cannot_be_deleted(client, world):
    entry = first_entry(world.masterplans["own"])
    client.force_login(world.user("anggota"))
    delete = reverse("readiness_extra_delete", kwargs={"region_code": world.own.code,
                                                       "table": "ii-2", "entry_pk": entry.pk})
    response = client.post(delete, follow=True)
    assert "tidak dapat dihapus" in response.content.decode()
    assert ReadinessEntry.objects.filter(pk=entry.pk).exists()


def test_table_page_shows_progress_and_read_only_rows_for_dewan(client, world):
    masterplan = world.masterplans["own"]
    ReadinessEntry.objects.filter(masterplan=masterplan, sub_area__code="human_resources",
                                  component__number__in=[1, 2]).update(interpretation="baik")
    client.force_login(world.user("dewan"))
    url = reverse("readiness_table", kwargs={"region_code": world.own.code, "table": "ii-2"})
    text = client.get(url).content.decode()
    assert "2 dari 9 komponen dinilai" in text and "Indeks tabel: <strong>100,0" in text
    assert "Tabel II.2 Analisis Kualitas SDM Daerah" in text
    assert "hx-post" not in text and 'name="e' not in text


def test_table_page_query_count_does_not_grow_with_extra_components(
        client, world, django_assert_max_num_queries):
    masterplan = world.masterplans["own"]
    sub_area = sub_area_by_slug(masterplan.edition_id, "ii-2")
    url = reverse("readiness_table", kwargs={"region_code": world.own.code, "table": "ii-2"})
    client.force_login(world.user("anggota"))
    for n in range(15):
        add_extra_component(masterplan=masterplan, sub_area=sub_area, text=f"Tambahan {n}",
                            user=None)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_region_page_lists_each_table_with_its_progress(client, world):
    ReadinessEntry.objects.filter(masterplan=world.masterplans["own"],
                                  sub_area__code="digital").update(interpretation="sedang")
    client.force_login(world.user("pembimbing"))
    text = client.get(reverse("region_detail", kwargs={"region_code": world.own.code})).content.decode()
    assert "Tabel II.6 Analisis Kesiapan Infrastruktur Digital Daerah" in text
    assert "7/7" in text and "7/75" in text


def test_new_masterplan_starts_with_every_component_and_element(world):
    masterplan = Masterplan.objects.get(pk=world.masterplans["own"].pk)
    assert masterplan.readiness_entries.count() == 75
    assert masterplan.performance_assessments.count() == 18
    assert masterplan.outlook.trends == ""
