"""Roadmap: initialising a masterplan's regulations and institutions.

Program, monitoring, institution and application logic lives in the modules beside this one."""

from simple_history.utils import bulk_create_with_history

from masterplan.guide import guide

from .models import Institution, InstitutionKind, Regulation


def ensure_rows(masterplan):
    """The guide's regulation list and the (empty) Dewan and Tim Pelaksana. Idempotent."""
    have = set(masterplan.regulations.exclude(code="").values_list("code", flat=True))
    bulk_create_with_history([
        Regulation(masterplan=masterplan, code=item["code"], title=item["text"], position=item["no"])
        for item in guide(masterplan.edition.code)["regulations"]["items"]
        if item["code"] not in have
    ], Regulation)
    for kind in (InstitutionKind.COUNCIL, InstitutionKind.TEAM):
        Institution.objects.get_or_create(masterplan=masterplan, kind=kind)
