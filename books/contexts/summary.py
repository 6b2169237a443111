"""Buku III, the executive summary: what a Kepala Daerah reads in ten minutes. Headline figures
first, then the vision, each dimension's strategy with its key programs, the roadmap as one
dimension × horizon matrix, the budget, the quick wins and what the region commits to next."""

from decimal import Decimal

from readiness.charts import maturity_chart, readiness_bars
from readiness.scoring import maturity_label
from readiness.services import maturity, readiness_indices
from roadmap.models import Horizon, RegulationStatus

from .common import budget, common, dimension_sections, institutions, programs

# How many programs the summary names where a whole list would not fit its page; the rest are
# counted and referred to Buku II.
KEY_PROGRAMS = 3  # per dimension, with their period, implementer and budget
MATRIX_NAMES = 3  # per dimension × horizon cell of the roadmap overview
STARTING_NAMES = 8  # among the programs starting in the first year


def _key_programs(members, limit=KEY_PROGRAMS):
    """Quick wins first, then the largest budgets."""
    return sorted(members, key=lambda p: (not p.is_quick_win, -p.total))[:limit]


def _named(members, limit):
    """{"named": the key programs in the order of `members`, "more": how many are left out}."""
    chosen = {program.pk for program in _key_programs(members, limit)}
    return {"named": [p for p in members if p.pk in chosen], "more": len(members) - len(chosen)}


def _headline(masterplan, all_programs, sections):
    readiness_index, performance_index, level = maturity([masterplan])[masterplan.pk]
    _overall, elements = readiness_indices([masterplan])[masterplan.pk]
    return {
        "years": masterplan.end_year - masterplan.start_year + 1,
        "programs": len(all_programs),
        "quick_wins": sum(1 for p in all_programs if p.is_quick_win),
        "readiness": readiness_index,
        "performance": performance_index,
        "level": maturity_label(level) if level else "",
        "readiness_chart": readiness_bars(elements, chart_id="ringkasan-grafik-kesiapan"),
        "maturity_chart": maturity_chart(readiness_index, performance_index,
                                         point_label=masterplan.region.display_name,
                                         chart_id="ringkasan-grafik-kematangan"),
        "dimensions": [{"title": s["dimension"].title, "programs": len(s["programs"]),
                        "quick_wins": s["quick_wins"], "total": s["total"]} for s in sections],
    }


def _next_steps(masterplan, all_programs, context_institutions, regulations):
    """The first year's commitments, derived from the data: its budget, the programs that start
    in it (quick wins first), institutions without a decree yet, regulations not yet enacted."""
    year = masterplan.start_year
    starting = sorted((p for p in all_programs if p.start_year == year),
                      key=lambda p: not p.is_quick_win)
    return {
        "year": year,
        "budget": sum((item.amount for p in all_programs for item in p.financing.all()
                       if item.year == year), Decimal(0)),
        "running": sum(1 for p in all_programs if p.start_year <= year <= p.end_year),
        "programs": starting,
        "starting": _named(starting, STARTING_NAMES),
        "quick_wins": sum(1 for p in starting if p.is_quick_win),
        "institutions": context_institutions,
        "regulations": [r for r in regulations if r.status != RegulationStatus.ENACTED],
    }


def book3(masterplan):
    context = common(masterplan, 3)
    all_programs = programs(masterplan)
    sections = dimension_sections(masterplan, all_programs, context)
    for section in sections:
        section["key_programs"] = _key_programs(section["programs"])
        section["more"] = len(section["programs"]) - len(section["key_programs"])
        section["by_horizon"] = [_named([p for p in section["programs"] if p.horizon == horizon],
                                        MATRIX_NAMES) for horizon in Horizon]
    regulations = list(masterplan.regulations.all())
    context.update(
        vision=masterplan.vision,
        missions=list(masterplan.missions.all()),
        dimension_sections=sections,
        headline=_headline(masterplan, all_programs, sections),
        horizon_pairs=[(h, sum(1 for p in all_programs if p.horizon == h)) for h in Horizon],
        quick_wins=[p for p in all_programs if p.is_quick_win],
        budget=budget(masterplan),
        next_steps=_next_steps(masterplan, all_programs, institutions(masterplan), regulations),
    )
    return context
