"""The score preview's arithmetic: each part from a region filled by hand (preview_helpers), the
hints of what raises it, the Rencana Aksi completion table and the weighted final."""

from decimal import Decimal as D

import pytest

from evaluation import scoring
from evaluation.preview import action_plan_completion, completion_total, estimate
from masterplan.models import Masterplan

from ..roadmap import roadmap_helpers as roadmap
from .helpers import make_cycle
from .preview_helpers import (
    TODAY,
    add_survey,
    fill_programs,
    fill_quick_wins,
    fill_region,
    judge_readiness,
    set_institutions,
    set_regulations,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(world):
    return make_cycle(2026, [world.own], survey_min_responses=2).participants.get()


@pytest.fixture
def masterplan(world):
    return world.masterplans["own"]


def test_baseline_is_the_mean_of_readiness_institutions_and_regulations(evaluation, masterplan):
    judge_readiness(masterplan)  # all baik: 100
    set_institutions(masterplan)  # Dewan in force, Tim expired, a forum: 2 of 3
    set_regulations(masterplan, ["ditetapkan", "draf", "draf", "belum_ada"])  # 1 of 4
    part = estimate(evaluation, today=TODAY).part("baseline")
    expected = scoring.rounded((D(1) + D(2) / 3 + D(1) / 4) / 3 * 100)
    assert part.value == expected == D("63.89")
    assert part.shown == "63,9"
    assert "Kelembagaan: 2 dari 3 terpenuhi" in part.inputs[1]
    assert "Regulasi ditetapkan: 1 dari 4" in part.inputs
    assert part.raises == [
        "SK Tim Pelaksana tidak berlaku lagi sejak 1 September 2026; perbarui SK-nya",
        "2 regulasi masih draf", "1 regulasi belum ada"]


def test_baseline_hints_name_missing_decrees_poor_components_and_forums(evaluation, masterplan):
    judge_readiness(masterplan, "sedang", poor=3)
    set_institutions(masterplan, council=None, team=None, forum=False)
    set_regulations(masterplan, ["ditetapkan"] * 3 + ["dibahas_dprd"])
    part = estimate(evaluation, today=TODAY).part("baseline")
    assert part.raises == ["3 komponen kesiapan bernilai buruk",
                           "Dewan Smart City belum memiliki SK", "Tim Pelaksana belum memiliki SK",
                           "Belum ada forum pendukung smart city yang dicatat",
                           "1 regulasi masih dibahas DPRD"]
    assert part.inputs[0].startswith("Indeks kesiapan ") and "dari 100" in part.inputs[0]


def test_baseline_is_unknown_while_no_readiness_component_is_judged(evaluation, masterplan):
    part = estimate(evaluation, today=TODAY).part("baseline")
    assert part.value is None and part.shown == "–"
    assert part.reason == "Tabel kesiapan belum dinilai, jadi baseline belum dapat diperkirakan."
    assert part.inputs[0] == "Indeks kesiapan: belum dinilai"
    assert part.raises[0].endswith("komponen kesiapan belum dinilai")


def test_the_action_plan_completion_counts_programs_started_by_the_year(masterplan):
    fill_programs(masterplan)
    rows = {row.key: row for row in action_plan_completion(masterplan, 2026)}
    assert list(rows) == ["sdm", "infrastruktur", "aplikasi", "literasi"]
    policy = rows["sdm"]
    assert (policy.label, policy.category) == ("SDM dan kelembagaan", "kebijakan")
    assert policy.category_label == "Kebijakan dan kelembagaan"
    # A's latest record up to 2026 is 50 % (its 100 % of 2027 does not count yet); B is done.
    assert (policy.planned, policy.finished, policy.recorded) == (2, 1, 2)
    assert (policy.mean_progress, policy.share_done, policy.score) == (D(75), D(50), D("62.5"))
    assert (rows["aplikasi"].planned, rows["aplikasi"].finished, rows["aplikasi"].recorded) \
        == (1, 0, 0)
    assert rows["aplikasi"].mean_progress == 0 and rows["aplikasi"].score == 0
    assert rows["infrastruktur"].planned == 0 and rows["infrastruktur"].score is None
    assert rows["literasi"].mean_progress is None and rows["literasi"].share_done is None
    later = {row.key: row for row in action_plan_completion(masterplan, 2027)}
    assert (later["sdm"].finished, later["infrastruktur"].planned) == (2, 1)
    total = completion_total(rows.values())
    assert (total.planned, total.finished, total.mean_progress) == (3, 1, D(50))


def test_output_blends_the_categories_with_programs(evaluation, masterplan):
    fill_programs(masterplan)
    part = estimate(evaluation, today=TODAY).part("output")
    assert part.value == D("31.25")  # mean(kebijakan 62,5; aplikasi 0)
    assert part.inputs == [
        "SDM dan kelembagaan: 1 dari 2 program selesai, rata-rata kemajuan 75%",
        "Infrastruktur: belum ada program yang dimulai sampai 2026 (tidak dihitung)",
        "Aplikasi: 0 dari 1 program selesai, rata-rata kemajuan 0%",
        "Literasi: belum ada program yang dimulai sampai 2026 (tidak dihitung)"]
    assert part.raises == ["SDM dan kelembagaan: 1 dari 2 program belum selesai",
                           "Aplikasi: 1 dari 1 program belum selesai",
                           "1 program belum memiliki catatan monev sampai 2026 (dihitung 0%)"]


def test_output_is_unknown_without_a_program_started_by_the_year(evaluation, masterplan):
    roadmap.program(masterplan, "Nanti", start=(2028, 1), end=(2028, 4))
    part = estimate(evaluation, today=TODAY).part("output")
    assert part.value is None and part.reason == "Belum ada program yang dimulai sampai 2026."


def test_outcome_is_the_mean_kpi_achievement_against_the_years_targets(evaluation, masterplan):
    fill_programs(masterplan)
    part = estimate(evaluation, today=TODAY).part("outcome")
    # A: latest 2026 actual 60 of 80 → 75 %; B (turun): 4 against 5 → 100 %; C: no actual → 0.
    assert part.value == scoring.rounded((D(75) + D(100) + D(0)) / 3) == D("58.33")
    assert part.inputs == ["3 KPI dengan target 2026: rata-rata capaian 58,3%",
                           "2 KPI dengan realisasi 2026, 1 di antaranya mencapai target"]
    assert part.raises == ["1 KPI belum memiliki realisasi 2026",
                           "1 KPI belum mencapai target 2026",
                           "Capaian terendah: “Layanan daring” (75% dari target)"]


def test_outcome_caps_an_exceeded_target_and_respects_lower_is_better(evaluation, masterplan):
    item = roadmap.program(masterplan, "Program E")
    up = roadmap.kpi(item, "Naik", targets={2026: 50})
    down = roadmap.kpi(item, "Turun", targets={2026: 4}, direction="turun")
    roadmap.record(item, 2026, 3, progress=60, actuals={up: 80, down: 8})
    part = estimate(evaluation, today=TODAY).part("outcome")
    assert part.value == D(75)  # naik 160 % capped at 100; turun 4 ÷ 8 = 50 %


def test_outcome_is_unknown_without_targets_for_the_year(evaluation, masterplan):
    item = roadmap.program(masterplan, "Program F", start=(2027, 1), end=(2027, 4))
    roadmap.kpi(item, targets={2027: 10})
    part = estimate(evaluation, today=TODAY).part("outcome")
    assert part.value is None and part.reason == "Belum ada KPI program dengan target 2026."


def test_impact_waits_for_enough_survey_responses_then_takes_the_survey_index(evaluation):
    part = estimate(evaluation, today=TODAY).part("impact")
    assert part.value is None
    assert part.raises == ["Survei warga baru 0 dari 2 tanggapan"]
    assert part.reason.startswith("Survei warga baru 0 dari 2 tanggapan")
    add_survey(evaluation, [4])
    assert estimate(evaluation, today=TODAY).part("impact").raises == [
        "Survei warga baru 1 dari 2 tanggapan"]
    add_survey(evaluation, [5])
    part = estimate(evaluation, today=TODAY).part("impact")
    assert part.value == D("87.50")  # mean 4,5 on 1–5 → (4,5 − 1) ÷ 4 × 100
    assert "Rata-rata jawaban 4,5 pada skala 1–5" in part.inputs
    assert part.raises == ["Rata-rata terendah: “Layanan publik makin mudah diakses” (4,5 dari 5)"]


def test_quick_win_scores_status_with_a_bonus_for_an_impact_analysis(evaluation, masterplan):
    fill_quick_wins(masterplan)
    part = estimate(evaluation, today=TODAY).part("quick_win")
    # selesai + analysis 1; berjalan 0,8 × 0,5 = 0,4; rencana + analysis 0,2; unflagged left out.
    assert part.value == scoring.rounded(D("1.6") / 3 * 100) == D("53.33")
    assert part.inputs == ["3 quick win: 1 selesai, 1 berjalan, 1 rencana",
                           "2 dengan analisis dampak tertulis"]
    assert part.raises == ["1 quick win masih berstatus rencana",
                           "1 quick win masih berjalan, belum selesai",
                           "1 quick win belum memiliki analisis dampak"]


def test_quick_win_is_unknown_without_quick_wins(evaluation):
    part = estimate(evaluation, today=TODAY).part("quick_win")
    assert part.value is None and part.reason == "Belum ada program quick win."


def test_the_final_is_the_weighted_sum_with_the_cycles_weights(world):
    masterplan = world.masterplans["own"]
    cycle = make_cycle(2026, [world.own], survey_min_responses=2, weight_impact=D(30),
                       weight_quick_win=D(10))
    evaluation = cycle.participants.get()
    fill_region(masterplan)
    add_survey(evaluation, [4, 5])
    preview = estimate(evaluation, today=TODAY)
    values = preview.values
    assert [part.weight for part in preview.parts] == [D(10), D(20), D(30), D(30), D(10)]
    assert preview.final == scoring.weighted_sum(cycle.weights, values)
    assert all(value is not None for value in values.values())
    assert preview.final == scoring.rounded(
        (10 * values["baseline"] + 20 * values["output"] + 30 * values["outcome"]
         + 30 * values["impact"] + 10 * values["quick_win"]) / 100)
    assert preview.final_reason == ""


def test_the_final_is_unknown_while_a_part_is_and_says_which(evaluation, masterplan):
    fill_region(masterplan)
    preview = estimate(evaluation, today=TODAY)
    assert preview.final is None and preview.final_shown == "–"
    assert preview.final_reason == \
        "Perkiraan indeks akhir belum dapat dihitung: Impact belum diketahui."


def test_parts_follow_the_cycles_scale(world):
    masterplan = world.masterplans["own"]
    evaluation = make_cycle(2026, [world.own], scale_max=D(5)).participants.get()
    fill_programs(masterplan)
    assert estimate(evaluation, today=TODAY).part("output").value == D("1.56")  # 31,25 % of 5


def test_a_region_without_a_current_masterplan_gets_only_impact(evaluation, masterplan):
    Masterplan.objects.filter(pk=masterplan.pk).update(is_current=False)
    preview = estimate(evaluation, today=TODAY)
    assert preview.masterplan is None and preview.completion == []
    unknown = [part.component for part in preview.parts if part.value is None]
    assert unknown == ["baseline", "output", "outcome", "impact", "quick_win"]
    assert preview.part("output").reason.startswith(
        "Wilayah ini belum memiliki masterplan yang berlaku")
    assert preview.part("impact").raises == ["Survei warga baru 0 dari 2 tanggapan"]


def test_the_worked_example_of_the_documentation(evaluation, masterplan):
    """docs/evaluation.md, "Score preview": the default weights 10/20/30/20/20."""
    fill_region(masterplan)
    add_survey(evaluation, [4, 5])
    preview = estimate(evaluation, today=TODAY)
    assert preview.values == {"baseline": D("63.89"), "output": D("31.25"),
                              "outcome": D("58.33"), "impact": D("87.50"),
                              "quick_win": D("53.33")}
    assert preview.final == D("58.30") and preview.final_shown == "58,3"
