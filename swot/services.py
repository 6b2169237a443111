"""Strategic analysis: initialising a masterplan's worksheets, vision and checklists.

Worksheet and TOWS logic lives in swot/worksheets.py; gap rows, vision and sasaran in
swot/gap.py, swot/vision.py and swot/targets.py."""

from simple_history.utils import bulk_create_with_history

from masterplan.guide import guide
from masterplan.models import Dimension
from readiness.models import ReadinessElement

from .models import Vision, VisionCheck, VisionCheckKind, Worksheet, WorksheetKind


def vision_catalogue(edition_code):
    """{kind: [(printed number, title, description)]} of the guide's two vision checklists."""
    vision = guide(edition_code)["vision"]
    return {
        VisionCheckKind.CRITERION: [(item["no"], item["text"], "")
                                    for item in vision["statement_criteria"]],
        VisionCheckKind.QUALITY: [(item["no"], item["term"], item["description"])
                                  for item in vision["good_vision_qualities"]],
    }


def ensure_rows(masterplan):
    """Nine worksheets (six dimensions, three readiness elements), the vision and its checklist
    rows. Idempotent."""
    have_dimensions = set(masterplan.worksheets.exclude(dimension=None)
                          .values_list("dimension_id", flat=True))
    have_elements = set(masterplan.worksheets.exclude(readiness_element=None)
                        .values_list("readiness_element_id", flat=True))
    new = [Worksheet(masterplan=masterplan, kind=WorksheetKind.DIMENSION, dimension=dimension,
                     order=dimension.number)
           for dimension in Dimension.objects.filter(edition=masterplan.edition_id)
           .exclude(pk__in=have_dimensions)]
    new += [Worksheet(masterplan=masterplan, kind=WorksheetKind.READINESS,
                      readiness_element=element, order=10 + element.number)
            for element in ReadinessElement.objects.filter(edition=masterplan.edition_id)
            .exclude(pk__in=have_elements)]
    bulk_create_with_history(new, Worksheet)
    Vision.objects.get_or_create(masterplan=masterplan)
    have_checks = set(masterplan.vision_checks.values_list("kind", "number"))
    bulk_create_with_history([
        VisionCheck(masterplan=masterplan, kind=kind, number=number)
        for kind, items in vision_catalogue(masterplan.edition.code).items()
        for number, _title, _description in items if (kind, number) not in have_checks
    ], VisionCheck)
