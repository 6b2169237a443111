"""The published results (admins record them, by form or CSV upload) and the ranking (admins and
pembimbing; a region's team sees only its own rank, on its own pages)."""

from ..access_expectations import DENIED, LOGIN, OK, Case, Expect, admin_page
from .kwargs import year_kwargs


def result_kwargs(world, region):
    """The own region's result form (the form is the admins' page: the other variant is not
    asked for, as for every admin page)."""
    return {"year": year_kwargs(world, region)["year"], "region_code": region.code}


CASES = {
    "evaluation_results": Case(year_kwargs, get=admin_page()),
    # POST only: without a file the upload is refused (422) for admins.
    "evaluation_results_import": Case(year_kwargs, post=admin_page()),
    "evaluation_result_edit": Case(result_kwargs, get=admin_page(), post=admin_page()),
    "evaluation_ranking": Case(year_kwargs, get=Expect({
        "anonymous": LOGIN, "admin": OK, "pembimbing": OK, "ketua": DENIED, "anggota": DENIED,
        "dewan": DENIED})),
}
