"""The ranking of a cycle by the published final index: nationally, within each province, and a
summary per province; and a region's own rank, which its team sees without the others' scores.

Ranks are competition ranks: regions with the same final share a rank and the next rank skips
as many places (1, 2, 2, 4). Within a rank, regions are listed by code. A region's province is
its `province`; a province taking part itself is ranked in its own province. Only regions with a
published result are ranked; everything is read in one query per cycle however many regions.
"""

from dataclasses import dataclass
from decimal import Decimal

from .models import COMPONENTS, PublishedResult
from .scoring import rounded


@dataclass
class Standing:
    """One region's place in a cycle's ranking."""

    result: PublishedResult
    rank: int
    province_rank: int = 0

    @property
    def region(self):
        return self.result.evaluation.region

    @property
    def province(self):
        return province_of(self.region)

    @property
    def final(self):
        return self.result.final


@dataclass
class ProvinceSummary:
    province: object  # Region (kind provinsi)
    count: int
    mean: Decimal
    best: list  # [Standing] sharing the province's first rank


@dataclass
class RegionRank:
    """A region's rank without anyone else's score: `rank` of `total` nationally, and within
    its province."""

    rank: int
    total: int
    province_rank: int
    province_total: int


def province_of(region):
    """The province a region is ranked in: its province, or itself when it is one."""
    return region.province if region.province_id else region


def _province_key(region_id, province_id):
    return province_id or region_id


def competition_ranks(values):
    """The competition rank of each of `values` (higher is better), in the same order:
    [90, 80, 80, 70] -> [1, 2, 2, 4]."""
    ordered = sorted(values, reverse=True)
    first = {}
    for position, value in enumerate(ordered, start=1):
        first.setdefault(value, position)
    return [first[value] for value in values]


def standings(cycle):
    """Every region of `cycle` with a published result, best first (by code within a rank),
    with its national and provincial rank."""
    results = list(PublishedResult.objects.filter(evaluation__cycle=cycle).select_related(
        "evaluation__region__province").order_by(
        "-final", "evaluation__region__code"))
    rows = [Standing(result, rank) for result, rank in
            zip(results, competition_ranks([result.final for result in results]), strict=True)]
    by_province = {}
    for row in rows:
        region = row.region
        by_province.setdefault(_province_key(region.pk, region.province_id), []).append(row)
    for members in by_province.values():
        for row, rank in zip(members, competition_ranks([row.final for row in members]),
                             strict=True):
            row.province_rank = rank
    return rows


def in_province(rows, province):
    """The standings of `rows` in `province` (a Region of kind provinsi)."""
    return [row for row in rows if province_of(row.region).pk == province.pk]


def provinces(rows):
    """The provinces of `rows`, by code."""
    found = {province_of(row.region).pk: province_of(row.region) for row in rows}
    return sorted(found.values(), key=lambda province: province.code)


def province_summaries(rows):
    """Per province of `rows` (by code): how many regions are ranked, their mean final index
    (rounded half up to two places) and the best of them (all who share its first rank)."""
    groups = {}
    for row in rows:
        groups.setdefault(province_of(row.region).pk, []).append(row)
    summaries = []
    for members in groups.values():
        total = sum((row.final for row in members), Decimal(0))
        summaries.append(ProvinceSummary(
            province_of(members[0].region), len(members), rounded(total / len(members)),
            [row for row in members if row.province_rank == 1]))
    return sorted(summaries, key=lambda summary: summary.province.code)


def region_ranks(evaluations):
    """{evaluation id: RegionRank} of those of `evaluations` with a published result: one
    query reading the finals of their cycles, nothing else of the other regions."""
    evaluations = list(evaluations)
    cycles = {evaluation.cycle_id for evaluation in evaluations}
    finals = PublishedResult.objects.filter(evaluation__cycle__in=cycles).values_list(
        "evaluation_id", "evaluation__cycle_id", "final", "evaluation__region_id",
        "evaluation__region__province_id")
    by_cycle = {}
    own = {}
    for evaluation_id, cycle_id, final, region_id, province_id in finals:
        key = _province_key(region_id, province_id)
        by_cycle.setdefault(cycle_id, []).append((final, key))
        own[evaluation_id] = (final, key)
    ranks = {}
    for evaluation in evaluations:
        if evaluation.pk not in own:
            continue
        final, key = own[evaluation.pk]
        everyone = by_cycle[evaluation.cycle_id]
        neighbours = [value for value, province in everyone if province == key]
        ranks[evaluation.pk] = RegionRank(
            1 + sum(value > final for value, _province in everyone), len(everyone),
            1 + sum(value > final for value in neighbours), len(neighbours))
    return ranks


def region_rank(evaluation):
    """The RegionRank of one evaluation, or None without a published result."""
    return region_ranks([evaluation]).get(evaluation.pk)


def component_values(row):
    """The five published component indices of a standing, in the order of COMPONENTS."""
    return [getattr(row.result, component) for component in COMPONENTS]
