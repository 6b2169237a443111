"""Cycles for the evaluation's tests."""

from evaluation import services


def make_cycle(year=2026, regions=(), **fields):
    cycle = services.create_cycle(year, **fields)
    cycle.extra_regions.set(regions)
    services.sync_participants(cycle)
    return cycle
