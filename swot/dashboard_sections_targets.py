"""Dashboard sections of the gap analysis, vision and mission, and sasaran.

Each completion function costs a fixed number of queries however many masterplans it is given:

* Analisis kesenjangan: subjects (the edition's 6 dimensions and 3 readiness elements) with at
  least one gap row, of 9.
* Visi dan misi: the 8 items of swot.vision.completeness_items.
* Sasaran: dimensions whose sasaran are all complete (at least one sasaran; each with at least one
  indicator, every indicator with a baseline and a final-year target), of 6; the parts show per
  dimension the complete sasaran of all its sasaran.
"""

from collections import defaultdict

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from masterplan.models import Dimension
from masterplan.sections import Part, Progress, Section, register
from readiness.models import ReadinessElement

from . import targets, vision
from .models import GapRow


def _counts_per_edition(model, edition_ids):
    return dict(model.objects.filter(edition__in=edition_ids).values("edition")
                .annotate(n=Count("id")).values_list("edition", "n").order_by())


def gap_completion(masterplans):
    masterplans = list(masterplans)
    editions = {mp.edition_id for mp in masterplans}
    dimensions = _counts_per_edition(Dimension, editions)
    elements = _counts_per_edition(ReadinessElement, editions)
    covered = defaultdict(set)
    for masterplan_id, dimension_id, element_id in (
            GapRow.objects.filter(masterplan__in=masterplans)
            .values_list("masterplan_id", "dimension_id", "readiness_element_id")
            .distinct().order_by()):
        covered[masterplan_id].add(("d", dimension_id) if dimension_id else ("r", element_id))
    return {mp.pk: Progress(len(covered[mp.pk]),
                            dimensions.get(mp.edition_id, 0) + elements.get(mp.edition_id, 0))
            for mp in masterplans}


def vision_completion(masterplans):
    return {pk: Progress(sum(done for _label, done in items), len(items))
            for pk, items in vision.completeness(masterplans).items()}


def _dimensions_by_edition(masterplans):
    result = defaultdict(list)
    for dimension in Dimension.objects.filter(
            edition__in={mp.edition_id for mp in masterplans}).order_by("number"):
        result[dimension.edition_id].append(dimension)
    return result


def sasaran_completion(masterplans):
    masterplans = list(masterplans)
    dimensions = _dimensions_by_edition(masterplans)
    per_dimension = targets.completeness(masterplans)
    result = {}
    for mp in masterplans:
        cells = per_dimension.get(mp.pk, {})
        done = sum(1 for dimension in dimensions[mp.edition_id]
                   if cells.get(dimension.pk, (0, 0))[1] and
                   cells[dimension.pk][0] == cells[dimension.pk][1])
        result[mp.pk] = Progress(done, len(dimensions[mp.edition_id]))
    return result


def sasaran_parts(masterplans):
    masterplans = list(masterplans)
    dimensions = _dimensions_by_edition(masterplans)
    per_dimension = targets.completeness(masterplans)
    result = {}
    for mp in masterplans:
        url = reverse("sasaran_list", kwargs={"region_code": mp.region.code})
        cells = per_dimension.get(mp.pk, {})
        result[mp.pk] = [Part(dimension.title, f"{url}#dimensi-{dimension.code}",
                              Progress(*cells.get(dimension.pk, (0, 0))))
                         for dimension in dimensions[mp.edition_id]]
    return result


register(Section(key="gap_analysis", title=_("Analisis kesenjangan (Tabel II.11)"), order=45,
                 url_name="gap_analysis", completion=gap_completion, short=_("Kesenjangan")))
register(Section(key="vision", title=_("Visi dan misi"), order=50, url_name="vision",
                 completion=vision_completion, short=_("Visi-misi")))
register(Section(key="sasaran", title=_("Sasaran"), order=55, url_name="sasaran_list",
                 completion=sasaran_completion, parts=sasaran_parts, short=_("Sasaran")))
