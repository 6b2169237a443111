"""SWOT worksheet pages: htmx and plain posts, refusals (422), conflicts, read-only views."""

import re

import pytest
from django.urls import reverse

from readiness.models import ReadinessEntry
from swot import worksheets
from swot.models import Strategy, SwotItem, Worksheet
from swot.worksheet_forms import ItemForm, StrategyForm

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def sheet(world):
    return world.masterplans["own"].worksheets.get(dimension__code="governance")


def url(name, sheet, **kwargs):
    return reverse(name, kwargs={"region_code": sheet.masterplan.region.code,
                                 "worksheet_pk": sheet.pk, **kwargs})


def plain(html):
    """The text of an HTML fragment, tags removed and whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def form_data(form, **changes):
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list):
            value = [str(getattr(v, "pk", v)) for v in value]
        data[form.add_prefix(name)] = "" if value is None else value
    data.update({form.add_prefix(name): value for name, value in changes.items()})
    return data


def test_overview_lists_the_worksheets_with_completion(client, world, sheet):
    worksheets.add_item(sheet, factor="S", text="SDM kompeten")
    client.force_login(world.user("ketua"))
    response = client.get(reverse("swot_overview", kwargs={"region_code": world.own.code}))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Smart Governance" in text and "Kesiapan Suprastruktur" in text
    assert plain(text).count("0/8") == 8 and "1/8" in text
    assert 'name="title"' in text


def test_read_only_roles_see_the_grid_without_forms(client, world, sheet):
    s1 = worksheets.add_item(sheet, factor="S", text="SDM pemerintahan kompeten")
    o1 = worksheets.add_item(sheet, factor="O", text="Ada perguruan tinggi")
    worksheets.add_strategy(sheet, quadrant="SO", text="Kolaborasi inovasi", items=[s1, o1])
    for role in ("dewan", "pembimbing", "admin"):
        client.force_login(world.user(role))
        text = client.get(url("swot_worksheet", sheet)).content.decode()
        # Reviewers may comment (the comment block below the grid); the grid has no forms.
        text = text.split('<section class="comment-block', 1)[0]
        assert "S1 SDM pemerintahan kompeten" in plain(text)
        assert "SO1 Kolaborasi inovasi Memadukan: S1, O1" in plain(text)
        assert "hx-post" not in text and "<textarea" not in text and "Tambah butir" not in text
        overview = client.get(reverse("swot_overview", kwargs={"region_code": world.own.code}))
        assert 'name="title"' not in overview.content.decode()


def test_the_grid_follows_the_guide_layout(client, world, sheet):
    client.force_login(world.user("anggota"))
    text = client.get(url("swot_worksheet", sheet)).content.decode()
    order = [text.index(marker) for marker in (
        "Faktor Internal / Faktor Eksternal", 'id="kotak-S"', 'id="kotak-W"', 'id="kotak-O"',
        'id="kuadran-SO"', 'id="kuadran-WO"', 'id="kotak-T"', 'id="kuadran-ST"',
        'id="kuadran-WT"')]
    assert order == sorted(order)
    assert "Strategi Peluang dan Kekuatan" in text and "Strategi Kelemahan dan Ancaman" in text


def test_htmx_item_add_returns_the_grid(client, world, sheet):
    client.force_login(world.user("anggota"))
    response = client.post(url("swot_item_add", sheet),
                           {"factor": "S", "text": "SDM pemerintahan kompeten"}, **HTMX)
    assert response.status_code == 200
    text = response.content.decode()
    assert "<html" not in text and 'id="swot-grid"' in text
    assert "Butir S1 ditambahkan." in text and "S1 SDM pemerintahan kompeten" in plain(text)
    item = SwotItem.objects.get(worksheet=sheet)
    assert (item.code, item.updated_by) == ("S1", world.user("anggota"))


def test_plain_post_item_add_redirects_to_the_item(client, world, sheet):
    client.force_login(world.user("ketua"))
    response = client.post(url("swot_item_add", sheet), {"factor": "T", "text": "Brain drain"})
    item = SwotItem.objects.get(worksheet=sheet)
    assert response.status_code == 302
    assert response["Location"] == url("swot_worksheet", sheet) + f"#butir-{item.pk}"


@pytest.mark.parametrize("data,message", [
    ({"factor": "S", "text": "   "}, "Tuliskan uraian butir; butir kosong tidak disimpan."),
    ({"factor": "S", "text": "  sdm   PEMERINTAHAN kompeten"},
     "Butir ini sudah ada di kotak Kekuatan (S) sebagai S1."),
    ({"factor": "X", "text": "Sesuatu"}, "Faktor SWOT tidak dikenal."),
    ({"text": "Sesuatu"}, "Faktor SWOT tidak dikenal."),
])
def test_refused_items_answer_422_and_save_nothing(client, world, sheet, data, message):
    worksheets.add_item(sheet, factor="S", text="SDM pemerintahan kompeten")
    client.force_login(world.user("anggota"))
    for extra in (HTMX, {}):
        response = client.post(url("swot_item_add", sheet), data, **extra)
        assert response.status_code == 422
        assert message in response.content.decode()
        assert ("<html" in response.content.decode()) == (extra == {})
    assert SwotItem.objects.filter(worksheet=sheet).count() == 1


def test_item_edit_saves_text_and_evidence(client, world, sheet):
    item = worksheets.add_item(sheet, factor="W", text="Belum ada DRP")
    drp = world.masterplans["own"].readiness_entries.get(sub_area__code="government_resources",
                                                         component__number=13)
    client.force_login(world.user("anggota"))
    data = form_data(ItemForm(instance=item), text="Belum ada rencana pemulihan bencana data",
                     evidence=[str(drp.pk)])
    response = client.post(url("swot_item_edit", sheet, item_pk=item.pk), data, **HTMX)
    assert response.status_code == 200
    text = response.content.decode()
    chip = reverse("readiness_table", kwargs={"region_code": "32.73", "table": "ii-3"})
    assert f'href="{chip}#isian-{drp.pk}"' in text
    item.refresh_from_db()
    assert (item.text, item.version, list(item.evidence.all())) == (
        "Belum ada rencana pemulihan bencana data", 2, [drp])


def test_a_stale_item_edit_is_refused_showing_the_other_change(client, world, sheet):
    item = worksheets.add_item(sheet, factor="S", text="Pusat data")
    stale = form_data(ItemForm(instance=item), text="Pusat data versi Budi")
    client.force_login(world.user("ketua"))
    client.post(url("swot_item_edit", sheet, item_pk=item.pk),
                form_data(ItemForm(instance=item), text="Pusat data versi Ani"), **HTMX)
    client.force_login(world.user("anggota"))
    for extra in (HTMX, {}):
        response = client.post(url("swot_item_edit", sheet, item_pk=item.pk), stale, **extra)
        assert response.status_code == 422
        text = response.content.decode()
        assert "sudah diubah oleh" in text and "Pusat data versi Ani" in text
        assert "Pusat data versi Budi" in text  # the refused input is kept in the form
    item.refresh_from_db()
    assert (item.text, item.version) == ("Pusat data versi Ani", 2)


def test_moving_items_by_htmx_and_plain_post(client, world, sheet):
    a = worksheets.add_item(sheet, factor="O", text="A")
    b = worksheets.add_item(sheet, factor="O", text="B")
    client.force_login(world.user("anggota"))
    response = client.post(url("swot_item_move", sheet, item_pk=b.pk), {"arah": "naik"}, **HTMX)
    assert response.status_code == 200 and "Butir dipindahkan menjadi O1." in response.content.decode()
    assert "O1 B" in plain(response.content.decode())
    response = client.post(url("swot_item_move", sheet, item_pk=b.pk), {"arah": "turun"})
    assert response["Location"].endswith(f"#butir-{b.pk}")
    assert [i.text for i in SwotItem.objects.filter(worksheet=sheet).order_by("position")] == ["A", "B"]
    response = client.post(url("swot_item_move", sheet, item_pk=a.pk), {"arah": "naik"}, **HTMX)
    assert response.status_code == 422
    assert "O1 sudah berada di urutan teratas." in response.content.decode()


def test_deleting_an_item_in_use_is_refused_naming_the_strategy(client, world, sheet):
    s1 = worksheets.add_item(sheet, factor="S", text="SDM")
    t1 = worksheets.add_item(sheet, factor="T", text="Brain drain")
    worksheets.add_strategy(sheet, quadrant="ST", text="Pemberdayaan", items=[s1, t1])
    client.force_login(world.user("anggota"))
    for extra in (HTMX, {}):
        response = client.post(url("swot_item_delete", sheet, item_pk=t1.pk), **extra)
        assert response.status_code == 422
        assert "Butir T1 tidak dapat dihapus karena dipadukan dalam strategi ST1." in \
            response.content.decode()
    assert SwotItem.objects.filter(pk=t1.pk).exists()
    free = worksheets.add_item(sheet, factor="T", text="Bencana")
    response = client.post(url("swot_item_delete", sheet, item_pk=free.pk),
                           {"version": str(free.version)}, **HTMX)
    assert response.status_code == 200 and "Butir T2 dihapus." in response.content.decode()
    assert not SwotItem.objects.filter(pk=free.pk).exists()


def test_an_item_of_another_worksheet_or_region_is_not_found_here(client, world, sheet):
    other_sheet = world.masterplans["own"].worksheets.get(dimension__code="economy")
    elsewhere = worksheets.add_item(other_sheet, factor="S", text="Startup")
    foreign_sheet = world.masterplans["other"].worksheets.get(dimension__code="governance")
    foreign = worksheets.add_item(foreign_sheet, factor="S", text="Asing")
    client.force_login(world.user("ketua"))
    for item in (elsewhere, foreign):
        response = client.post(url("swot_item_edit", sheet, item_pk=item.pk),
                               form_data(ItemForm(instance=item), text="diubah"))
        assert response.status_code == 404
    foreign_url = reverse("swot_worksheet", kwargs={"region_code": world.own.code,
                                                    "worksheet_pk": foreign_sheet.pk})
    assert client.get(foreign_url).status_code == 404
    assert set(SwotItem.objects.values_list("text", flat=True)) == {"Startup", "Asing"}


def test_htmx_strategy_add_shows_it_in_its_quadrant(client, world, sheet):
    s1 = worksheets.add_item(sheet, factor="S", text="SDM kompeten")
    o1 = worksheets.add_item(sheet, factor="O", text="Perguruan tinggi")
    client.force_login(world.user("anggota"))
    response = client.post(url("swot_strategy_add", sheet), {
        "quadrant": "SO", "text": "Kolaborasi SDM dan kampus", "items": [s1.pk, o1.pk]}, **HTMX)
    assert response.status_code == 200
    text = response.content.decode()
    cell = text[text.index('id="kuadran-SO"'):text.index('id="kuadran-WO"')]
    assert "SO1 Kolaborasi SDM dan kampus Memadukan: S1, O1" in plain(cell)
    assert "Dipadukan dalam SO1" in plain(text)


@pytest.mark.parametrize("quadrant,chosen,message", [
    ("SO", ["S1"], "Strategi SO memerlukan minimal satu butir Peluang (O)."),
    ("WT", [], "Strategi WT harus memadukan butir SWOT"),
    ("WO", ["S1", "O1"], "Strategi WO hanya memadukan butir Kelemahan (W) dan Peluang (O); S1 "
                         "tidak termasuk kuadran ini."),
    ("SO", ["S1", "other"], "Butir yang dipilih tidak ada di kertas kerja ini"),
    ("SO", ["S1", "foreign"], "Butir yang dipilih tidak ada di kertas kerja ini"),
    ("XX", ["S1", "O1"], "Kuadran strategi tidak dikenal."),
])
def test_refused_strategies_answer_422_and_save_nothing(client, world, sheet, quadrant, chosen,
                                                         message):
    items = {"S1": worksheets.add_item(sheet, factor="S", text="SDM"),
             "O1": worksheets.add_item(sheet, factor="O", text="Kampus")}
    other_sheet = world.masterplans["own"].worksheets.get(dimension__code="economy")
    items["other"] = worksheets.add_item(other_sheet, factor="O", text="Investor")
    foreign_sheet = world.masterplans["other"].worksheets.get(dimension__code="governance")
    items["foreign"] = worksheets.add_item(foreign_sheet, factor="O", text="Asing")
    client.force_login(world.user("ketua"))
    data = {"quadrant": quadrant, "text": "Strategi", "items": [items[c].pk for c in chosen]}
    for extra in (HTMX, {}):
        response = client.post(url("swot_strategy_add", sheet), data, **extra)
        assert response.status_code == 422
        assert message in response.content.decode()
    assert not Strategy.objects.exists() and not Strategy.items.through.objects.exists()


def test_a_stale_strategy_edit_is_refused(client, world, sheet):
    w1 = worksheets.add_item(sheet, factor="W", text="SDM sedikit")
    o1 = worksheets.add_item(sheet, factor="O", text="Kampus")
    o2 = worksheets.add_item(sheet, factor="O", text="Program nasional")
    strategy = worksheets.add_strategy(sheet, quadrant="WO", text="Kerja sama", items=[w1, o1])
    stale = form_data(StrategyForm(instance=strategy), text="Versi Budi")
    client.force_login(world.user("ketua"))
    response = client.post(url("swot_strategy_edit", sheet, strategy_pk=strategy.pk),
                           form_data(StrategyForm(instance=strategy), text="Versi Ani",
                                     items=[str(w1.pk), str(o2.pk)]))
    assert response["Location"].endswith(f"#strategi-{strategy.pk}")
    client.force_login(world.user("anggota"))
    response = client.post(url("swot_strategy_edit", sheet, strategy_pk=strategy.pk), stale, **HTMX)
    assert response.status_code == 422
    text = response.content.decode()
    assert "sudah diubah oleh" in text and "Versi Ani" in text and "O2 Program nasional" in text
    strategy.refresh_from_db()
    assert strategy.text == "Versi Ani" and {i.code for i in strategy.items.all()} == {"W1", "O2"}


def test_deleting_a_strategy(client, world, sheet):
    s1 = worksheets.add_item(sheet, factor="S", text="SDM")
    t1 = worksheets.add_item(sheet, factor="T", text="Brain drain")
    strategy = worksheets.add_strategy(sheet, quadrant="ST", text="Pemberdayaan", items=[s1, t1])
    client.force_login(world.user("anggota"))
    response = client.post(url("swot_strategy_delete", sheet, strategy_pk=strategy.pk),
                           {"version": "1"})
    assert response["Location"].endswith("#kuadran-ST")
    assert not Strategy.objects.exists()
    assert worksheets.delete_item(s1)  # no longer in use


def test_evidence_page_sets_evidence_and_refuses_other_masterplans(client, world, sheet):
    item = worksheets.add_item(sheet, factor="S", text="Pusat data tersedia")
    own = world.masterplans["own"].readiness_entries.get(sub_area__code="government_resources",
                                                         component__number=12)
    ReadinessEntry.objects.filter(pk=own.pk).update(interpretation="baik")
    foreign = world.masterplans["other"].readiness_entries.get(
        sub_area__code="government_resources", component__number=12)
    page = url("swot_item_evidence", sheet, item_pk=item.pk)
    client.force_login(world.user("anggota"))
    text = client.get(page).content.decode()
    assert "Tabel II.10 Analisis Kesiapan Organisasi Masyarakat Daerah" in text
    assert text.count('name="evidence"') == 75 and "calon" in text
    response = client.post(page, {"evidence": [own.pk, foreign.pk], "version": "1"})
    assert response.status_code == 422
    assert "Bukti hanya dapat diambil dari analisis kesiapan masterplan ini." in \
        response.content.decode()
    assert not item.evidence.exists()
    response = client.post(page, {"evidence": [own.pk], "version": "1"})
    assert response["Location"].endswith(f"#butir-{item.pk}")
    assert list(item.evidence.all()) == [own]
    # A suggestion once cited is no longer suggested in this worksheet.
    assert own not in worksheets.suggestions(sheet)["S"]


def test_suggestions_are_offered_in_the_add_form(client, world, sheet):
    masterplan = world.masterplans["own"]
    ReadinessEntry.objects.filter(masterplan=masterplan, sub_area__code="digital",
                                  component__number__in=[1, 3]).update(interpretation="baik")
    ReadinessEntry.objects.filter(masterplan=masterplan, sub_area__code="policy",
                                  component__number=1).update(interpretation="buruk")
    client.force_login(world.user("anggota"))
    text = client.get(url("swot_worksheet", sheet)).content.decode()
    strengths = text[text.index('id="kotak-S"'):text.index('id="kotak-W"')]
    weaknesses = text[text.index('id="kotak-W"'):text.index('id="kotak-O"')]
    assert "2 calon dari analisis kesiapan" in plain(strengths)
    assert "persentase luas area dengan jaringan 4G atau 3G" in strengths
    assert "1 calon dari analisis kesiapan" in plain(weaknesses)
    assert "Peraturan Daerah tentang Dewan Smart City" in weaknesses
    entry = masterplan.readiness_entries.get(sub_area__code="policy", component__number=1)
    response = client.post(url("swot_item_add", sheet), {
        "factor": "W", "text": "Belum ada Perda Dewan Smart City", "evidence": [entry.pk]}, **HTMX)
    assert response.status_code == 200
    weaknesses = response.content.decode()
    assert "calon dari analisis kesiapan" not in plain(
        weaknesses[weaknesses.index('id="kotak-W"'):weaknesses.index('id="kotak-O"')])


def test_topic_worksheets_are_added_refused_and_deleted(client, world, sheet):
    client.force_login(world.user("ketua"))
    add = reverse("swot_worksheet_add", kwargs={"region_code": world.own.code})
    response = client.post(add, {"title": "Pengelolaan sampah"})
    topic = Worksheet.objects.get(title="Pengelolaan sampah")
    assert response["Location"] == url("swot_worksheet", topic)
    for title, message in [("pengelolaan  SAMPAH", "Kertas kerja “pengelolaan  SAMPAH” sudah ada."),
                           ("", "Tuliskan topik kertas kerja.")]:
        response = client.post(add, {"title": title})
        assert response.status_code == 422 and message in response.content.decode()
    response = client.post(url("swot_worksheet_delete", sheet))
    assert response.status_code == 422 and "tidak dapat dihapus" in response.content.decode()
    response = client.post(url("swot_worksheet_delete", topic), {"version": "1"})
    assert response["Location"] == reverse("swot_overview", kwargs={"region_code": world.own.code})
    assert not Worksheet.objects.filter(pk=topic.pk).exists()
    assert world.masterplans["own"].worksheets.count() == 9


def test_region_dashboard_shows_each_worksheets_filled_boxes(client, world, sheet):
    s1 = worksheets.add_item(sheet, factor="S", text="SDM")
    o1 = worksheets.add_item(sheet, factor="O", text="Kampus")
    worksheets.add_strategy(sheet, quadrant="SO", text="Kolaborasi", items=[s1, o1])
    client.force_login(world.user("dewan"))
    text = client.get(reverse("region_detail", kwargs={"region_code": world.own.code})).content.decode()
    section = text[text.index("Analisis SWOT dan strategi TOWS"):]
    assert "3/72" in section[:400]
    assert re.search(rf'href="{url("swot_worksheet", sheet)}">Smart Governance</a>\s*<span[^>]*>3/8',
                     section)


def test_worksheet_page_queries_do_not_grow_with_content(client, world, sheet,
                                                         django_assert_max_num_queries):
    client.force_login(world.user("anggota"))
    worksheet_url = url("swot_worksheet", sheet)
    client.get(worksheet_url)
    entries = list(world.masterplans["own"].readiness_entries.all()[:12])
    for n in range(6):
        items = [worksheets.add_item(sheet, factor=f, text=f"Butir {f} {n}",
                                     evidence=entries[2 * n:2 * n + 2]) for f in "SWOT"]
        worksheets.add_strategy(sheet, quadrant="SO", text=f"Strategi {n}",
                                items=[items[0], items[2]])
        worksheets.add_strategy(sheet, quadrant="WT", text=f"Strategi {n}",
                                items=[items[1], items[3]])
    with django_assert_max_num_queries(25):
        response = client.get(worksheet_url)
    assert response.status_code == 200 and "WT6" in response.content.decode()
