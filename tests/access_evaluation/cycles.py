"""Cycles (admins), the cycle list (admins and pembimbing) and a region's evaluation pages:
every role of the region reads them; the team fills the self-assessment; the region's
pembimbing and admins score."""

from ..access_expectations import (
    DENIED,
    EVERY_ROLE,
    LOGIN,
    OK,
    TEAM,
    Case,
    Expect,
    admin_page,
    region_kwargs,
    region_page,
)
from .kwargs import component_kwargs, region_year_kwargs, year_kwargs

CASES = {
    "evaluation_cycles": Case(get=Expect({"anonymous": LOGIN, "admin": OK, "pembimbing": OK,
                                          "ketua": DENIED, "anggota": DENIED, "dewan": DENIED})),
    "evaluation_cycle_create": Case(get=admin_page(), post=admin_page()),
    "evaluation_cycle_edit": Case(year_kwargs, get=admin_page(), post=admin_page()),
    "evaluation_region": Case(region_kwargs, get=region_page(EVERY_ROLE)),
    "evaluation_detail": Case(region_year_kwargs, get=region_page(EVERY_ROLE)),
    "evaluation_self": Case(component_kwargs, get=region_page(TEAM, admin=DENIED),
                            post=region_page(TEAM, admin=DENIED)),
    "evaluation_assess": Case(component_kwargs, get=region_page({"pembimbing"}),
                              post=region_page({"pembimbing"})),
}
