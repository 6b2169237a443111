"""The "Kinerja" sheet: the self-assessed performance of the dimension elements."""

from masterplan.models import DimensionElement
from masterplan.text_limits import limit
from masterplan.workbook.base import (
    KEY_HEADER,
    LABEL,
    CellReader,
    Row,
    Sheet,
    mark,
    put,
    put_header,
    put_key,
    put_title,
    set_widths,
    update_versioned,
)

from ..models import PerformanceAssessment
from .common import JUDGEMENT_COLUMNS, display_judgement, fixed_rows

DIMENSI, ELEMEN, P_BAIK, P_SEDANG, P_BURUK, P_CATATAN = range(2, 8)
PERFORMANCE_FIRST_ROW = 4


class PerformanceSheet(Sheet):
    key = "readiness.performance"
    title = "Kinerja"
    order = 200
    group = "Penilaian kinerja dan analisis masa depan"
    fields = {"rating": "Penilaian", "note": "Catatan"}

    def display(self, name, value):
        if name == "rating":
            return display_judgement(value)
        return super().display(name, value)

    def current_rows(self, masterplan, ctx):
        assessments = {a.element_id: a for a in masterplan.performance_assessments.all()}
        rows = []
        for element in (DimensionElement.objects.filter(dimension__edition=masterplan.edition_id)
                        .select_related("dimension").order_by("dimension__number", "letter")):
            assessment = assessments.get(element.pk)
            row = Row(f"{element.dimension.code}.{element.code}",
                      f"{element.dimension.title} — {element.letter}. {element.title}",
                      {"rating": assessment.rating if assessment else "",
                       "note": assessment.note if assessment else ""},
                      obj=assessment)
            row.element = element
            rows.append(row)
        return rows

    def write(self, ws, masterplan, rows, ctx):
        put_title(ws, 1, "Penilaian Kinerja 18 Elemen Smart City", DIMENSI)
        put(ws, 2, 1, KEY_HEADER, LABEL)
        put_header(ws, 2, DIMENSI, "Dimensi", rows=2)
        put_header(ws, 2, ELEMEN, "Elemen", rows=2)
        put_header(ws, 2, P_BAIK, "Penilaian", columns=3)
        put_header(ws, 2, P_CATATAN, "Catatan", rows=2)
        for offset, (label, _code) in enumerate(JUDGEMENT_COLUMNS):
            put_header(ws, 3, P_BAIK + offset, label)
        for line, row in enumerate(rows, start=PERFORMANCE_FIRST_ROW):
            put_key(ws, line, row.key)
            put(ws, line, DIMENSI, row.element.dimension.title)
            put(ws, line, ELEMEN, f"{row.element.letter}. {row.element.title}")
            for offset, (_label, code) in enumerate(JUDGEMENT_COLUMNS):
                put(ws, line, P_BAIK + offset, mark(row.values["rating"], code))
            put(ws, line, P_CATATAN, row.values["note"])
        set_widths(ws, {1: 6, DIMENSI: 22, ELEMEN: 36, P_BAIK: 7, P_SEDANG: 7, P_BURUK: 7,
                        P_CATATAN: 50})

    def parse(self, data, masterplan, current, ctx, errors):
        reader = CellReader(data, errors)
        reader.expect_headers(2, {DIMENSI: "Dimensi", ELEMEN: "Elemen", P_BAIK: "Penilaian",
                                  P_CATATAN: "Catatan"})
        reader.expect_headers(3, {P_BAIK + i: label for i, (label, _code) in enumerate(JUDGEMENT_COLUMNS)})
        if errors:
            return []
        return fixed_rows(data, reader, errors, current, PERFORMANCE_FIRST_ROW, DIMENSI, P_CATATAN,
                           lambda line: {
                               "rating": reader.judgement(
                                   line, [(P_BAIK + i, label, code)
                                          for i, (label, code) in enumerate(JUDGEMENT_COLUMNS)],
                                   "Penilaian"),
                               "note": reader.text(line, P_CATATAN, "Catatan",
                                                   max_length=limit("readiness.PerformanceAssessment.note")),
                           })

    def apply(self, masterplan, changes, user, ctx):
        for change in changes:
            values = {f.name: f.new or "" for f in change.fields}
            if change.current.obj is not None:
                update_versioned(change.current.obj, values, user)
            else:
                PerformanceAssessment.objects.create(masterplan=masterplan,
                                                     element=change.current.element,
                                                     updated_by=user, **values)

