"""The yearly evaluation in the demo: the 2025 cycle (older weights 10/20/30/30/10) and the
2026 cycle (10/20/30/20/20), both taking the demo regions' batch. Kota Bandung filled its
self-assessment of 2025 and was scored; in 2026 it has filled Baseline and Output so far.

Idempotent: a cycle is created once and a score is written only while it is empty."""

from datetime import UTC, date, datetime, time
from decimal import Decimal as D

from evaluation import services
from evaluation.models import EvaluationCycle, Score
from masterplan.models import User

from . import evaluation_results, evaluation_survey

OLDER_WEIGHTS = {"weight_baseline": D(10), "weight_output": D(20), "weight_outcome": D(30),
                 "weight_impact": D(30), "weight_quick_win": D(10)}
# Bandung's self-assessment per component (the six dimensions vary around it).
SELF_2025 = {"baseline": 72, "output": 64, "outcome": 58, "impact": 61, "quick_win": 70}
ASSESSED_2025 = {"baseline": 70, "output": 60, "outcome": 55, "impact": 60, "quick_win": 68}
SELF_2026 = {"baseline": 78, "output": 69}
NOTES = {
    "baseline": "Perwali Masterplan Smart City dan SK Dewan Smart City sudah terbit.",
    "output": "Aplikasi layanan terpadu dan jaringan fiber OPD selesai dibangun.",
}
LINKS = "https://jdih.bandung.go.id/\nhttps://smartcity.bandung.go.id/"


def seed(full, empty):
    batch = full.region.batch
    ketua = User.objects.filter(username="ketua.bandung").first()
    pembimbing = User.objects.filter(username="pembimbing").first()
    cycles = {}
    for year, weights, stages in (
            (2025, OLDER_WEIGHTS, (date(2025, 4, 1), date(2025, 6, 30), date(2025, 8, 1),
                                   date(2025, 9, 30))),
            (2026, {}, (date(2026, 4, 1), date(2026, 6, 30), date(2026, 8, 3),
                        date(2026, 10, 30)))):
        cycle = EvaluationCycle.objects.filter(year=year).first()
        if cycle is None:
            cycle = services.create_cycle(year, **weights, stage1_start=stages[0],
                                          stage1_end=stages[1], stage2_start=stages[2],
                                          stage2_end=stages[3])
            cycle.batches.add(batch)
        services.sync_participants(cycle)
        cycles[year] = cycle
    bandung_2025 = cycles[2025].participants.get(region=full.region)
    _fill(bandung_2025, SELF_2025, ketua, assessed=ASSESSED_2025, assessor=pembimbing)
    _fill(cycles[2026].participants.get(region=full.region), SELF_2026, ketua)
    evaluation_results.seed(cycles)  # 2025's published results and ranking
    evaluation_survey.seed(cycles, full.region)
    return cycles


def _fill(evaluation, self_scores, ketua, assessed=None, assessor=None):
    # Filled during the cycle's stage I, scored during its stage II (09.00 WIB).
    cycle = evaluation.cycle
    filled_at = datetime.combine(cycle.stage1_end, time(2, 0), tzinfo=UTC)
    assessed_at = datetime.combine(cycle.stage2_end, time(2, 0), tzinfo=UTC)
    scores = list(Score.objects.filter(evaluation=evaluation, self_score__isnull=True)
                  .select_related("dimension"))
    for score in scores:
        if score.component in self_scores:
            score.self_score = D(self_scores[score.component] + score.dimension.number - 3)
            score.self_note = NOTES.get(score.component, "")
            score.evidence_links = LINKS if score.dimension.number == 1 else ""
            score.self_updated_by, score.self_updated_at = ketua, filled_at
        if assessed and score.component in assessed:
            score.assessor_score = D(assessed[score.component] + score.dimension.number - 3)
            score.assessed_by, score.assessed_at = assessor, assessed_at
    Score.objects.bulk_update(scores, ["self_score", "self_note", "evidence_links",
                                       "self_updated_by", "self_updated_at", "assessor_score",
                                       "assessed_by", "assessed_at"])
