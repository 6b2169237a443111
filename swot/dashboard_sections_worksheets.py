"""The SWOT worksheets on the dashboards: one section, one part per worksheet.

A worksheet's progress counts its filled boxes: the four factor boxes with at least one item and
the four TOWS quadrants with at least one strategy, out of eight. Both functions cost one query
however many masterplans (worksheets.completion).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from masterplan.sections import Part, Progress, Section, register

from . import worksheets


def swot_completion(masterplans):
    table = worksheets.completion(masterplans)
    return {mp.pk: Progress(sum(row.filled for row in table[mp.pk]),
                            worksheets.BOXES * len(table[mp.pk]))
            for mp in masterplans}


def _worksheet_url(worksheet):
    return reverse("swot_worksheet", kwargs={"region_code": worksheet.masterplan.region.code,
                                             "worksheet_pk": worksheet.pk})


def swot_parts(masterplans):
    table = worksheets.completion(masterplans)
    return {mp.pk: [Part(row.worksheet.name, _worksheet_url(row.worksheet), row.progress)
                    for row in table[mp.pk]]
            for mp in masterplans}


register(Section(key="swot", title=_("Analisis SWOT dan strategi TOWS"), order=40,
                 url_name="swot_overview", completion=swot_completion, parts=swot_parts))
