"""SWOT worksheet logic (swot/worksheets.py): the quadrant rule, items, evidence, strategies,
topic worksheets and completion."""

import pytest
from django.core.exceptions import ValidationError

from masterplan.models import Region
from readiness.models import ReadinessEntry
from swot import worksheets
from swot.dashboard_sections_worksheets import swot_completion, swot_parts
from swot.models import Strategy, SwotItem, Worksheet
from swot.worksheet_forms import ItemForm, StrategyAddForm, StrategyForm

from ..factories import MasterplanFactory

# Written out here rather than imported, so the rule is checked against the guide, not itself.
PAIRS = {"SO": ("S", "O"), "WO": ("W", "O"), "ST": ("S", "T"), "WT": ("W", "T")}
NAMES = {"S": "Kekuatan (S)", "W": "Kelemahan (W)", "O": "Peluang (O)", "T": "Ancaman (T)"}


def unsaved(factor, number=1):
    return SwotItem(factor=factor, position=number - 1)


def texts(queryset):
    return list(queryset.values_list("text", flat=True))


# --- the quadrant rule (no database) ---------------------------------------------------------

@pytest.mark.parametrize("quadrant", list(PAIRS))
@pytest.mark.parametrize("factor", ["S", "W", "O", "T"])
def test_quadrant_rule_accepts_only_its_two_factors(quadrant, factor):
    internal, external = PAIRS[quadrant]
    items = [unsaved(internal), unsaved(external), unsaved(factor, 2)]
    errors = worksheets.quadrant_errors(quadrant, items)
    if factor in PAIRS[quadrant]:
        assert errors == []
    else:
        assert errors == [
            f"Strategi {quadrant} hanya memadukan butir {NAMES[internal]} dan {NAMES[external]}; "
            f"{factor}2 tidak termasuk kuadran ini."]


@pytest.mark.parametrize("quadrant", list(PAIRS))
@pytest.mark.parametrize("factor", ["S", "W", "O", "T"])
def test_a_strategy_of_a_single_factor_is_always_refused(quadrant, factor):
    errors = worksheets.quadrant_errors(quadrant, [unsaved(factor), unsaved(factor, 2)])
    internal, external = PAIRS[quadrant]
    missing = [name for name in (internal, external) if name != factor]
    expected = [f"Strategi {quadrant} memerlukan minimal satu butir {NAMES[code]}." for code in missing]
    if factor not in PAIRS[quadrant]:
        expected.insert(0, f"Strategi {quadrant} hanya memadukan butir {NAMES[internal]} dan "
                           f"{NAMES[external]}; {factor}1, {factor}2 tidak termasuk kuadran ini.")
    assert errors == expected


def test_a_strategy_without_items_is_refused_with_what_to_choose():
    assert worksheets.quadrant_errors("WT", []) == [
        "Strategi WT harus memadukan butir SWOT: pilih minimal satu butir Kelemahan (W) dan satu "
        "butir Ancaman (T)."]


def test_mixed_choices_name_the_wrong_items_in_grid_order():
    items = [unsaved("T", 2), unsaved("O"), unsaved("W"), unsaved("S")]
    assert worksheets.quadrant_errors("SO", items) == [
        "Strategi SO hanya memadukan butir Kekuatan (S) dan Peluang (O); W1, T2 tidak termasuk "
        "kuadran ini."]
    assert worksheets.quadrant_errors("ST", [unsaved("O"), unsaved("W")]) == [
        "Strategi ST hanya memadukan butir Kekuatan (S) dan Ancaman (T); W1, O1 tidak termasuk "
        "kuadran ini.",
        "Strategi ST memerlukan minimal satu butir Kekuatan (S).",
        "Strategi ST memerlukan minimal satu butir Ancaman (T).",
    ]
    several = [unsaved("W"), unsaved("W", 2), unsaved("T"), unsaved("T", 3)]
    assert worksheets.quadrant_errors("WT", several) == []


# --- items -----------------------------------------------------------------------------------

@pytest.fixture
def masterplan(world):
    return world.masterplans["own"]


@pytest.fixture
def sheet(masterplan):
    return masterplan.worksheets.get(dimension__code="governance")


@pytest.fixture
def other_sheet(masterplan):
    return masterplan.worksheets.get(readiness_element__code="structure")


def add(worksheet, factor, text, **kwargs):
    return worksheets.add_item(worksheet, factor=factor, text=text, **kwargs)


def codes(worksheet, factor):
    return [(item.code, item.text) for item in
            SwotItem.objects.filter(worksheet=worksheet, factor=factor).order_by("position")]


def test_new_masterplans_have_the_nine_standard_worksheets(masterplan):
    names = [ws.name for ws in worksheets.worksheets_of(masterplan)]
    assert names == ["Smart Governance", "Smart Branding", "Smart Economy", "Smart Living",
                     "Smart Society", "Smart Environment", "Kesiapan Struktur",
                     "Kesiapan Infrastruktur", "Kesiapan Suprastruktur"]


def test_items_are_numbered_per_factor_box(sheet, world):
    user = world.user("anggota")
    first = add(sheet, "S", "  SDM pemerintahan berkompetensi tinggi  ", user=user)
    add(sheet, "S", "Pusat data tersedia")
    add(sheet, "O", "Ada perguruan tinggi di daerah")
    assert codes(sheet, "S") == [("S1", "SDM pemerintahan berkompetensi tinggi"),
                                 ("S2", "Pusat data tersedia")]
    assert codes(sheet, "O") == [("O1", "Ada perguruan tinggi di daerah")]
    assert first.updated_by == user


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_items_are_refused(sheet, text):
    with pytest.raises(ValidationError, match="butir kosong tidak disimpan"):
        add(sheet, "S", text)
    assert not SwotItem.objects.filter(worksheet=sheet).exists()


def test_duplicates_in_one_box_are_refused_ignoring_case_and_whitespace(sheet, other_sheet):
    add(sheet, "W", "Jumlah SDM pemerintahan sedikit")
    with pytest.raises(ValidationError) as refused:
        add(sheet, "W", "  jumlah SDM   PEMERINTAHAN\nsedikit ")
    assert refused.value.messages == ["Butir ini sudah ada di kotak Kelemahan (W) sebagai W1."]
    # The same words may stand in another box or another worksheet.
    add(sheet, "T", "Jumlah SDM pemerintahan sedikit")
    add(other_sheet, "W", "Jumlah SDM pemerintahan sedikit")
    assert SwotItem.objects.filter(text__iexact="jumlah sdm pemerintahan sedikit").count() == 3


def test_unknown_factor_is_refused(sheet):
    with pytest.raises(ValidationError, match="Faktor SWOT tidak dikenal"):
        add(sheet, "X", "Sesuatu")


def test_editing_an_item_into_a_duplicate_is_refused_by_form_and_service(sheet):
    add(sheet, "S", "Pusat data tersedia")
    second = add(sheet, "S", "Jaringan kantor lengkap")
    prefix = f"i{second.pk}"
    form = ItemForm({f"{prefix}-text": "PUSAT DATA tersedia", f"{prefix}-version": "1"},
                    instance=second)
    assert not form.is_valid()
    assert form.errors["text"] == ["Butir ini sudah ada di kotak Kekuatan (S) sebagai S1."]
    # The service checks again even if a form let it through.
    form = ItemForm({f"{prefix}-text": "Jaringan kantor", f"{prefix}-version": "1"},
                    instance=second)
    assert form.is_valid()
    form.cleaned_data["text"] = "pusat data  tersedia"
    with pytest.raises(ValidationError, match="sebagai S1"):
        worksheets.save_item(form)
    second.refresh_from_db()
    assert (second.text, second.version) == ("Jaringan kantor lengkap", 1)


def test_moving_items_renumbers_the_box_densely(sheet):
    a, b, c = (add(sheet, "S", text) for text in ("A", "B", "C"))
    add(sheet, "W", "Kelemahan tetap W1")
    moved = worksheets.move_item(c, worksheets.UP)
    assert moved.code == "S2"
    assert codes(sheet, "S") == [("S1", "A"), ("S2", "C"), ("S3", "B")]
    worksheets.move_item(SwotItem.objects.get(pk=a.pk), worksheets.DOWN)
    assert codes(sheet, "S") == [("S1", "C"), ("S2", "A"), ("S3", "B")]
    assert codes(sheet, "W") == [("W1", "Kelemahan tetap W1")]


def test_moving_past_either_end_or_in_no_direction_is_refused(sheet):
    a = add(sheet, "O", "A")
    b = add(sheet, "O", "B")
    with pytest.raises(ValidationError, match="O1 sudah berada di urutan teratas"):
        worksheets.move_item(a, worksheets.UP)
    with pytest.raises(ValidationError, match="O2 sudah berada di urutan terbawah"):
        worksheets.move_item(b, worksheets.DOWN)
    with pytest.raises(ValidationError, match="Arah pemindahan tidak dikenal"):
        worksheets.move_item(a, "samping")
    assert codes(sheet, "O") == [("O1", "A"), ("O2", "B")]


def test_moving_repairs_gaps_left_by_older_data(sheet):
    a, b, c = (add(sheet, "T", text) for text in ("A", "B", "C"))
    SwotItem.objects.filter(pk=c.pk).update(position=9)
    worksheets.move_item(SwotItem.objects.get(pk=c.pk), worksheets.UP)
    assert codes(sheet, "T") == [("T1", "A"), ("T2", "C"), ("T3", "B")]


def test_deleting_an_item_renumbers_the_rest(sheet):
    items = [add(sheet, "S", text) for text in ("A", "B", "C")]
    worksheets.delete_item(items[0])
    assert codes(sheet, "S") == [("S1", "B"), ("S2", "C")]


def test_an_item_used_by_strategies_cannot_be_deleted(sheet):
    s1 = add(sheet, "S", "SDM kompeten")
    o1 = add(sheet, "O", "Perguruan tinggi")
    t1 = add(sheet, "T", "Brain drain")
    worksheets.add_strategy(sheet, quadrant="ST", text="Pemberdayaan SDM lokal", items=[s1, t1])
    worksheets.add_strategy(sheet, quadrant="SO", text="Kolaborasi inovasi", items=[s1, o1])
    with pytest.raises(ValidationError) as refused:
        worksheets.delete_item(s1)
    assert refused.value.messages == [
        "Butir S1 tidak dapat dihapus karena dipadukan dalam strategi SO1, ST1. Ubah atau hapus "
        "strategi itu lebih dulu."]
    assert SwotItem.objects.filter(pk=s1.pk).exists()


def test_deleting_an_item_changed_since_it_was_loaded_is_refused(sheet, world):
    item = add(sheet, "W", "Lama")
    SwotItem.objects.filter(pk=item.pk).update(version=2, updated_by=world.user("ketua"))
    with pytest.raises(ValidationError, match="sudah diubah oleh"):
        worksheets.delete_item(item, seen_version=1)
    assert SwotItem.objects.filter(pk=item.pk).exists()
    worksheets.delete_item(item, seen_version=2)
    assert not SwotItem.objects.filter(pk=item.pk).exists()


# --- evidence --------------------------------------------------------------------------------

def entry(masterplan, table, number):
    return masterplan.readiness_entries.get(sub_area__code=table, component__number=number)


def test_items_cite_evidence_of_their_own_masterplan_only(sheet, world):
    own = entry(world.masterplans["own"], "government_resources", 13)
    foreign = entry(world.masterplans["other"], "government_resources", 13)
    item = add(sheet, "W", "Belum ada DRP", evidence=[own])
    assert list(item.evidence.all()) == [own]
    with pytest.raises(ValidationError, match="Bukti hanya dapat diambil dari analisis kesiapan "
                                              "masterplan ini"):
        add(sheet, "W", "Monev semi-manual", evidence=[foreign])
    assert texts(SwotItem.objects.filter(worksheet=sheet)) == ["Belum ada DRP"]


def test_the_edit_form_refuses_evidence_of_another_masterplan(sheet, world):
    item = add(sheet, "W", "Belum ada DRP")
    foreign = entry(world.masterplans["other"], "government_resources", 13)
    prefix = f"i{item.pk}"
    form = ItemForm({f"{prefix}-text": "Belum ada DRP", f"{prefix}-evidence": [foreign.pk],
                     f"{prefix}-version": "1"}, instance=item)
    assert not form.is_valid()
    assert form.errors["evidence"] == [
        "Bukti hanya dapat diambil dari analisis kesiapan masterplan ini."]
    # ... and so does the service, if a form let it through.
    own = entry(world.masterplans["own"], "government_resources", 17)
    form = ItemForm({f"{prefix}-text": "Belum ada DRP", f"{prefix}-evidence": [own.pk],
                     f"{prefix}-version": "1"}, instance=item)
    assert form.is_valid()
    form.cleaned_data["evidence"] = ReadinessEntry.objects.filter(pk=foreign.pk)
    with pytest.raises(ValidationError):
        worksheets.save_item(form)
    assert list(item.evidence.all()) == [] and SwotItem.objects.get(pk=item.pk).version == 1


def test_suggestions_are_baik_for_strengths_and_buruk_for_weaknesses_not_yet_cited(
        masterplan, sheet, other_sheet):
    judged = {("human_resources", 1): "baik", ("human_resources", 2): "baik",
              ("government_resources", 13): "buruk", ("government_resources", 17): "buruk",
              ("government_resources", 4): "sedang"}
    for (table, number), judgement in judged.items():
        ReadinessEntry.objects.filter(pk=entry(masterplan, table, number).pk).update(
            interpretation=judgement)
    suggested = worksheets.suggestions(sheet)
    assert set(suggested) == {"S", "W"}
    assert [e.component.number for e in suggested["S"]] == [1, 2]
    assert [e.component.number for e in suggested["W"]] == [13, 17]
    add(sheet, "W", "Belum ada DRP", evidence=[entry(masterplan, "government_resources", 13)])
    assert [e.component.number for e in worksheets.suggestions(sheet)["W"]] == [17]
    # Citing it in one worksheet leaves it a candidate for the others.
    assert [e.component.number for e in worksheets.suggestions(other_sheet)["W"]] == [13, 17]


# --- strategies ------------------------------------------------------------------------------

@pytest.fixture
def filled(sheet):
    return {code: add(sheet, code[0], f"Butir {code}")
            for code in ("S1", "S2", "W1", "O1", "O2", "T1")}


def test_strategies_are_numbered_per_quadrant_and_name_their_items(sheet, filled):
    first = worksheets.add_strategy(sheet, quadrant="SO", text="Kolaborasi",
                                    items=[filled["O1"], filled["S1"]])
    second = worksheets.add_strategy(sheet, quadrant="SO", text="Inovasi",
                                     items=[filled["S2"], filled["O2"], filled["O1"]])
    wt = worksheets.add_strategy(sheet, quadrant="WT", text="Pekerja lepas",
                                 items=[filled["W1"], filled["T1"]])
    assert (first.code, second.code, wt.code) == ("SO1", "SO2", "WT1")
    grid = worksheets.grid(sheet)
    assert [[i.code for i in s.combined] for s in grid.strategies["SO"]] == [
        ["S1", "O1"], ["S2", "O1", "O2"]]


@pytest.mark.parametrize("quadrant,chosen,messages", [
    ("SO", ["S1"], ["Strategi SO memerlukan minimal satu butir Peluang (O)."]),
    ("WO", ["S1", "O1"], ["Strategi WO hanya memadukan butir Kelemahan (W) dan Peluang (O); S1 "
                          "tidak termasuk kuadran ini.",
                          "Strategi WO memerlukan minimal satu butir Kelemahan (W)."]),
    ("ST", [], ["Strategi ST harus memadukan butir SWOT: pilih minimal satu butir Kekuatan (S) "
                "dan satu butir Ancaman (T)."]),
    ("XX", ["S1", "O1"], ["Kuadran strategi tidak dikenal."]),
])
def test_strategies_breaking_the_quadrant_rule_are_refused_and_nothing_saved(
        sheet, filled, quadrant, chosen, messages):
    with pytest.raises(ValidationError) as refused:
        worksheets.add_strategy(sheet, quadrant=quadrant, text="Strategi",
                                items=[filled[code] for code in chosen])
    assert refused.value.messages == messages
    assert not Strategy.objects.exists()
    assert not Strategy.items.through.objects.exists()


def test_strategies_cannot_cite_items_of_another_worksheet_or_region(sheet, other_sheet, filled,
                                                                      world):
    elsewhere = add(other_sheet, "O", "Butir kertas kerja lain")
    foreign_sheet = world.masterplans["other"].worksheets.get(dimension__code="governance")
    foreign = add(foreign_sheet, "O", "Butir wilayah lain")
    for stranger in (elsewhere, foreign):
        with pytest.raises(ValidationError, match="hanya dapat memadukan butir dari kertas kerja "
                                                  "ini"):
            worksheets.add_strategy(sheet, quadrant="SO", text="Strategi",
                                    items=[filled["S1"], stranger])
        form = StrategyAddForm({"quadrant": "SO", "text": "Strategi",
                                "items": [filled["S1"].pk, stranger.pk]}, worksheet=sheet)
        assert not form.is_valid()
        assert form.errors["items"] == [
            "Butir yang dipilih tidak ada di kertas kerja ini (mungkin sudah dihapus, atau milik "
            "kertas kerja atau wilayah lain)."]
    assert not Strategy.objects.exists() and not Strategy.items.through.objects.exists()


def test_the_service_checks_an_edited_strategy_again(sheet, filled):
    strategy = worksheets.add_strategy(sheet, quadrant="WO", text="Kerja sama",
                                       items=[filled["W1"], filled["O1"]])
    prefix = f"s{strategy.pk}"
    form = StrategyForm({f"{prefix}-text": "Kerja sama baru", f"{prefix}-version": "1",
                         f"{prefix}-items": [filled["W1"].pk, filled["O2"].pk]}, instance=strategy)
    assert form.is_valid(), form.errors
    form.cleaned_data["items"] = [filled["S1"], filled["O2"]]
    with pytest.raises(ValidationError, match="S1 tidak termasuk kuadran ini"):
        worksheets.save_strategy(form)
    strategy.refresh_from_db()
    assert strategy.text == "Kerja sama" and strategy.version == 1
    assert {i.pk for i in strategy.items.all()} == {filled["W1"].pk, filled["O1"].pk}


def test_strategy_form_refuses_wrong_kinds_and_duplicates(sheet, filled):
    worksheets.add_strategy(sheet, quadrant="SO", text="Kolaborasi inovasi",
                            items=[filled["S1"], filled["O1"]])
    form = StrategyAddForm({"quadrant": "SO", "text": "  KOLABORASI   inovasi",
                            "items": [filled["S1"].pk, filled["T1"].pk]}, worksheet=sheet)
    assert not form.is_valid()
    assert form.errors["items"] == [
        "Strategi SO hanya memadukan butir Kekuatan (S) dan Peluang (O); T1 tidak termasuk "
        "kuadran ini.",
        "Strategi SO memerlukan minimal satu butir Peluang (O)."]
    assert form.errors["text"] == ["Strategi ini sudah ada di kuadran SO sebagai SO1."]


def test_deleting_a_strategy_renumbers_its_quadrant(sheet, filled):
    first, second, third = (
        worksheets.add_strategy(sheet, quadrant="ST", text=text, items=[filled["S1"], filled["T1"]])
        for text in ("A", "B", "C"))
    worksheets.delete_strategy(first)
    assert [(s.code, s.text) for s in Strategy.objects.order_by("position")] == [
        ("ST1", "B"), ("ST2", "C")]
    with pytest.raises(ValidationError, match="sudah diubah"):
        worksheets.delete_strategy(third, seen_version=0)


# --- topic worksheets ------------------------------------------------------------------------

def test_topic_worksheets_need_a_unique_title(masterplan, world):
    topic = worksheets.add_topic_worksheet(masterplan, "  Pengelolaan sampah ", world.user("ketua"))
    assert (topic.kind, topic.title, topic.name) == ("topic", "Pengelolaan sampah",
                                                     "Pengelolaan sampah")
    assert [ws.name for ws in worksheets.worksheets_of(masterplan)][-1] == "Pengelolaan sampah"
    for title, message in [("pengelolaan   SAMPAH", "sudah ada"), ("   ", "Tuliskan topik"),
                           ("smart governance", "sudah ada"), ("x" * 161, "160 karakter")]:
        with pytest.raises(ValidationError, match=message):
            worksheets.add_topic_worksheet(masterplan, title)
    assert masterplan.worksheets.count() == 10
    # Titles are unique per masterplan, not across regions.
    worksheets.add_topic_worksheet(world.masterplans["other"], "Pengelolaan sampah")


def test_only_topic_worksheets_can_be_deleted(masterplan, sheet):
    with pytest.raises(ValidationError, match="tidak dapat dihapus"):
        worksheets.delete_worksheet(sheet)
    topic = worksheets.add_topic_worksheet(masterplan, "Transportasi")
    s1, t1 = add(topic, "S", "Angkot terdata"), add(topic, "T", "Kemacetan")
    worksheets.add_strategy(topic, quadrant="ST", text="Integrasi angkot", items=[s1, t1])
    with pytest.raises(ValidationError, match="sudah diubah"):
        worksheets.delete_worksheet(topic, seen_version=5)
    worksheets.delete_worksheet(topic, seen_version=1)
    assert not Worksheet.objects.filter(pk=topic.pk).exists()
    assert not SwotItem.objects.filter(pk=s1.pk).exists() and not Strategy.objects.exists()
    assert masterplan.worksheets.count() == 9


# --- completion ------------------------------------------------------------------------------

def test_completion_counts_items_per_factor_and_strategies_per_quadrant(masterplan, sheet, filled):
    worksheets.add_strategy(sheet, quadrant="SO", text="A", items=[filled["S1"], filled["O1"]])
    worksheets.add_strategy(sheet, quadrant="SO", text="B", items=[filled["S2"], filled["O1"]])
    worksheets.add_strategy(sheet, quadrant="WT", text="C", items=[filled["W1"], filled["T1"]])
    rows = worksheets.completion([masterplan])[masterplan.pk]
    assert len(rows) == 9
    row = rows[0]
    assert row.worksheet == sheet
    assert row.item_counts() == [("S", 2), ("W", 1), ("O", 2), ("T", 1)]
    assert row.strategy_counts() == [("SO", 2), ("WO", 0), ("ST", 0), ("WT", 1)]
    assert (row.filled, row.progress.done, row.progress.total) == (6, 6, 8)
    assert all(other.filled == 0 for other in rows[1:])
    assert swot_completion([masterplan])[masterplan.pk].done == 6
    assert swot_completion([masterplan])[masterplan.pk].total == 72
    parts = swot_parts([masterplan])[masterplan.pk]
    assert (parts[0].title, parts[0].progress.done) == ("Smart Governance", 6)
    assert parts[0].url == f"/wilayah/32.73/swot/{sheet.pk}/"


def test_completion_costs_one_query_however_many_masterplans(world, django_assert_num_queries):
    one = [world.masterplans["own"]]
    many = one + [world.masterplans["other"]] + [
        MasterplanFactory(region=region) for region in Region.objects.filter(kind="kota")
        .exclude(pk__in=[world.own.pk, world.other.pk])[:3]]
    for masterplan in many:
        sheet = masterplan.worksheets.get(dimension__code="economy")
        add(sheet, "S", "Startup digital")
        add(sheet, "O", "Investasi")
    for masterplans in (one, many):
        with django_assert_num_queries(1):
            table = worksheets.completion(masterplans)
        assert [len(table[mp.pk]) for mp in masterplans] == [9] * len(masterplans)
        with django_assert_num_queries(1):
            parts = swot_parts(masterplans)
        with django_assert_num_queries(1):
            progress = swot_completion(masterplans)
        assert {progress[mp.pk].done for mp in masterplans} == {2}
        assert all(len(parts[mp.pk]) == 9 for mp in masterplans)
    assert len(many) == 5
