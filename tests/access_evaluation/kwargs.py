"""URL arguments of the evaluation's pages: a cycle in which both the own and the other region
take part."""

CYCLE_YEAR = 2026


def cycle(world):
    from evaluation import services
    from evaluation.models import EvaluationCycle

    found = EvaluationCycle.objects.filter(year=CYCLE_YEAR).first()
    if found is None:
        found = services.create_cycle(CYCLE_YEAR)
        found.extra_regions.set([world.own, world.other])
        services.sync_participants(found)
    return found


def evaluation_of(world, region):
    return cycle(world).participants.get(region=region)


def year_kwargs(world, region):
    cycle(world)
    return {"year": CYCLE_YEAR}


def region_year_kwargs(world, region):
    cycle(world)
    return {"region_code": region.code, "year": CYCLE_YEAR}


def component_kwargs(world, region):
    return {**region_year_kwargs(world, region), "component": "outcome"}
