"""The readiness app's sheets of the masterplan workbook (see masterplan/workbook/__init__.py).

- one sheet per readiness table, Tabel II.2–II.10, laid out like the guide's table;
- "Kinerja": the self-assessed performance of the 18 dimension elements;
- "Analisis Masa Depan": the four narratives of the outlook analysis;
- "Daya Saing": the competitiveness table, indicators by the region and its benchmark cities.

Registered from ReadinessConfig.ready(). Every sheet's column A is the hidden key column.
"""

from collections import defaultdict

from django.db.models import Max
from openpyxl.utils import get_column_letter

from masterplan.models import DimensionElement
from masterplan.text_limits import limit
from masterplan.workbook.base import (
    KEY_HEADER,
    LABEL,
    CellReader,
    Row,
    Sheet,
    delete_versioned,
    mark,
    put,
    put_header,
    put_key,
    put_title,
    set_widths,
    update_versioned,
)
from masterplan.workbook.importer import ADDED, CHANGED, REMOVED
from masterplan.workbook.registry import register

from .models import (
    BenchmarkCity,
    BenchmarkScope,
    CompetitivenessIndicator,
    CompetitivenessValue,
    Component,
    Interpretation,
    OutlookAnalysis,
    PerformanceAssessment,
    ReadinessEntry,
)
from .services import sub_areas

JUDGEMENT_COLUMNS = [("Baik", Interpretation.BAIK), ("Sedang", Interpretation.SEDANG),
                     ("Buruk", Interpretation.BURUK)]
JUDGEMENT_LABELS = {code: label for label, code in JUDGEMENT_COLUMNS}
EXTRA_MARK = "+"


def _display_judgement(value):
    return JUDGEMENT_LABELS.get(value, value or "")


def _outlook(masterplan, ctx):
    """The masterplan's outlook analysis, shared by the sheets of one run (its version guards the
    narratives and the competitiveness table)."""
    return ctx.once("readiness.outlook",
                    lambda: OutlookAnalysis.objects.filter(masterplan=masterplan).first())


# --- Tabel II.2–II.10 --------------------------------------------------------------------------

# Columns of a readiness table (A is the key column).
NO, KOMPONEN, NILAI, ANGKA, SATUAN, BAIK, SEDANG, BURUK, SUMBER, TAHUN, CATATAN = range(2, 13)
TABLE_HEADERS = {NO: "No", KOMPONEN: "Komponen", NILAI: "Nilai/Kondisi", ANGKA: "Angka",
                 SATUAN: "Satuan", BAIK: "Interpretasi", SUMBER: "Sumber data",
                 TAHUN: "Tahun data", CATATAN: "Catatan"}
TABLE_FIRST_ROW = 4


def _readiness_data(masterplan, ctx):
    """{sub-area code: (sub_area, [components], {component id: entry}, [extra entries])}, in
    three queries for all tables."""
    def load():
        tables = {}
        by_id = {}
        for sub_area in sub_areas(masterplan.edition_id):
            by_id[sub_area.pk] = tables[(sub_area.element.code, sub_area.code)] = (
                sub_area, [], {}, [])
        for component in Component.objects.filter(sub_area_id__in=by_id).order_by("number"):
            by_id[component.sub_area_id][1].append(component)
        for entry in (masterplan.readiness_entries.filter(sub_area_id__in=by_id)
                      .order_by("created_at", "pk")):
            table = by_id[entry.sub_area_id]
            if entry.component_id:
                table[2][entry.component_id] = entry
            else:
                table[3].append(entry)
        return tables
    return ctx.once("readiness.tables", load)


ENTRY_FIELDS = ("value_text", "value_number", "value_unit", "interpretation", "source",
                "source_year", "note")


def _entry_values(entry):
    if entry is None:
        return {name: None if name in ("value_number", "source_year") else "" for name in ENTRY_FIELDS}
    return {name: getattr(entry, name) for name in ENTRY_FIELDS}


class ReadinessTableSheet(Sheet):
    """One readiness table (subclassed per table by `table_sheet`)."""

    element_code = ""
    sub_area_code = ""
    fields = {"extra_text": "Komponen", "value_text": "Nilai/Kondisi", "value_number": "Angka",
              "value_unit": "Satuan", "interpretation": "Interpretasi", "source": "Sumber data",
              "source_year": "Tahun data", "note": "Catatan"}

    def table(self, masterplan, ctx):
        return _readiness_data(masterplan, ctx).get((self.element_code, self.sub_area_code))

    def applies_to(self, masterplan, ctx):
        return self.table(masterplan, ctx) is not None

    def display(self, name, value):
        if name == "interpretation":
            return _display_judgement(value)
        return super().display(name, value)

    def current_rows(self, masterplan, ctx):
        sub_area, components, entries, extras = self.table(masterplan, ctx)
        rows = [Row(f"c{component.number}", f"{component.number}. {component.text}",
                    _entry_values(entries.get(component.pk)), obj=entries.get(component.pk))
                for component in components]
        rows += [Row(f"x{entry.pk}", f"{EXTRA_MARK} {entry.extra_text}",
                     {"extra_text": entry.extra_text.strip(), **_entry_values(entry)}, obj=entry)
                 for entry in extras]
        return rows

    def write(self, ws, masterplan, rows, ctx):
        sub_area, components, _entries, _extras = self.table(masterplan, ctx)
        texts = {f"c{component.number}": (component.number, component.text) for component in components}
        put_title(ws, 1, f"{sub_area.table_id} {sub_area.table_title}", NO)
        put(ws, 2, 1, KEY_HEADER, LABEL)
        for column, header in TABLE_HEADERS.items():
            if column == BAIK:
                put_header(ws, 2, BAIK, header, columns=3)
            else:
                put_header(ws, 2, column, header, rows=2)
        for offset, (label, _code) in enumerate(JUDGEMENT_COLUMNS):
            put_header(ws, 3, BAIK + offset, label)
        for line, row in enumerate(rows, start=TABLE_FIRST_ROW):
            values = row.values
            number, text = texts.get(row.key, (EXTRA_MARK, values.get("extra_text", "")))
            put_key(ws, line, row.key)
            put(ws, line, NO, number)
            put(ws, line, KOMPONEN, text)
            put(ws, line, NILAI, values["value_text"])
            put(ws, line, ANGKA, values["value_number"])
            put(ws, line, SATUAN, values["value_unit"])
            for offset, (_label, code) in enumerate(JUDGEMENT_COLUMNS):
                put(ws, line, BAIK + offset, mark(values["interpretation"], code))
            put(ws, line, SUMBER, values["source"])
            put(ws, line, TAHUN, values["source_year"])
            put(ws, line, CATATAN, values["note"])
        set_widths(ws, {1: 6, NO: 5, KOMPONEN: 45, NILAI: 30, ANGKA: 12, SATUAN: 10, BAIK: 7,
                        SEDANG: 7, BURUK: 7, SUMBER: 22, TAHUN: 8, CATATAN: 30})
        ws.freeze_panes = ws.cell(row=TABLE_FIRST_ROW, column=KOMPONEN)

    def parse(self, data, masterplan, current, ctx, errors):
        sub_area, components, entries, extras = self.table(masterplan, ctx)
        reader = CellReader(data, errors)
        reader.expect_headers(2, TABLE_HEADERS)
        reader.expect_headers(3, {BAIK + i: label for i, (label, _code) in enumerate(JUDGEMENT_COLUMNS)})
        if errors:
            return []
        by_number = {component.number: component for component in components}
        names = {component.text.strip().casefold(): "No " + str(component.number)
                 for component in components}
        extra_keys = {f"x{entry.pk}" for entry in extras}
        seen, rows = {}, []
        for line in range(TABLE_FIRST_ROW, data.max_row + 1):
            if data.is_blank(line, NO, CATATAN):
                continue
            number = _component_number(data.value(line, NO))
            if number is None:
                errors.add("bad_no", line, "No")
                continue
            values = {}
            if number == EXTRA_MARK:
                key = reader.key(line)
                if key and key not in extra_keys:
                    errors.add("unknown_row", line, "No", key=key)
                    continue
                key = key or f"new@{line}"
                text = reader.text(line, KOMPONEN, "Komponen", max_length=300, required=True).strip()
                other = names.setdefault(text.casefold(), str(line))
                if text and other != str(line):
                    errors.add("duplicate_name", line, "Komponen", name=text, other=other)
                values["extra_text"] = text
                label = f"{EXTRA_MARK} {text}"
            else:
                component = by_number.get(number)
                if component is None:
                    errors.add("unknown_component", line, "No", number=number, table=sub_area.table_id)
                    continue
                key, label = f"c{number}", f"{number}. {component.text}"
            if key in seen:
                errors.add("duplicate_row", line, "No", key=key, other=seen[key])
                continue
            seen[key] = line
            values.update(
                value_text=reader.text(line, NILAI, "Nilai/Kondisi",
                                       max_length=limit("readiness.ReadinessEntry.value_text")),
                value_number=reader.decimal(line, ANGKA, "Angka"),
                value_unit=reader.text(line, SATUAN, "Satuan", max_length=40),
                interpretation=reader.judgement(
                    line, [(BAIK + i, label_, code) for i, (label_, code) in enumerate(JUDGEMENT_COLUMNS)],
                    "Interpretasi"),
                source=reader.text(line, SUMBER, "Sumber data", max_length=200),
                source_year=reader.year(line, TAHUN, "Tahun data"),
                note=reader.text(line, CATATAN, "Catatan",
                                 max_length=limit("readiness.ReadinessEntry.note")),
            )
            rows.append(Row(key, label, values, line=line))
        for component in components:
            if f"c{component.number}" not in seen:
                errors.add("missing_component", number=component.number)
        return rows

    def apply(self, masterplan, changes, user, ctx):
        sub_area, components, _entries, _extras = self.table(masterplan, ctx)
        by_number = {component.number: component for component in components}
        for change in changes:
            if change.kind == REMOVED:
                delete_versioned(change.current.obj)
                continue
            values = {f.name: _db_value(f.name, f.new) for f in change.fields}
            entry = change.current.obj if change.current else None
            if entry is not None:
                update_versioned(entry, values, user)
            elif change.kind == ADDED:  # a component the region added in the sheet
                ReadinessEntry.objects.create(masterplan=masterplan, sub_area=sub_area,
                                              updated_by=user, **values)
            else:  # a catalogue component whose entry does not exist yet
                component = by_number[int(change.key[1:])]
                ReadinessEntry.objects.create(masterplan=masterplan, sub_area=sub_area,
                                              component=component, updated_by=user, **values)


def _db_value(name, value):
    if name in ("value_number", "source_year"):
        return value
    return value or ""


def _component_number(value):
    """An int component number, EXTRA_MARK for an added component (also a blank No), or None."""
    if value is None:
        return EXTRA_MARK
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = str(value).strip()
    if text in ("", EXTRA_MARK):
        return EXTRA_MARK
    if text.isdigit():
        return int(text)
    return None


# Sheet titles (at most 31 characters), by (element code, sub-area code) of the 2017 guide.
TABLE_SHEETS = [
    ("structure", "human_resources", "II.2 SDM"),
    ("structure", "government_resources", "II.3 SD Pemerintahan"),
    ("structure", "fiscal_capacity", "II.4 Keuangan Daerah"),
    ("infrastructure", "physical", "II.5 Infrastruktur Fisik"),
    ("infrastructure", "digital", "II.6 Infrastruktur Digital"),
    ("infrastructure", "social", "II.7 Infrastruktur Sosial"),
    ("superstructure", "policy", "II.8 Kebijakan"),
    ("superstructure", "institutional", "II.9 Kelembagaan"),
    ("superstructure", "civil_society", "II.10 Organisasi Masyarakat"),
]


def table_sheet(element_code, sub_area_code, title, order):
    return type(f"ReadinessTableSheet_{sub_area_code}", (ReadinessTableSheet,), {
        "key": f"readiness.{element_code}.{sub_area_code}", "title": title, "order": order,
        "element_code": element_code, "sub_area_code": sub_area_code,
    })


# --- Kinerja ---------------------------------------------------------------------------------

DIMENSI, ELEMEN, P_BAIK, P_SEDANG, P_BURUK, P_CATATAN = range(2, 8)
PERFORMANCE_FIRST_ROW = 4


class PerformanceSheet(Sheet):
    key = "readiness.performance"
    title = "Kinerja"
    order = 200
    fields = {"rating": "Penilaian", "note": "Catatan"}

    def display(self, name, value):
        if name == "rating":
            return _display_judgement(value)
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
        return _fixed_rows(data, reader, errors, current, PERFORMANCE_FIRST_ROW, DIMENSI, P_CATATAN,
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


def _fixed_rows(data, reader, errors, current, first_row, first_column, last_column, read_values):
    """Rows of a sheet whose rows are fixed (keyed in column A): none added, none removed."""
    by_key = {row.key: row for row in current}
    seen, rows = {}, []
    for line in range(first_row, data.max_row + 1):
        if data.is_blank(line, first_column, last_column):
            continue
        key = reader.key(line)
        if not key:
            errors.add("no_new_rows", line)
            continue
        if key not in by_key:
            errors.add("unknown_row", line, key=key)
            continue
        if key in seen:
            errors.add("duplicate_row", line, key=key, other=seen[key])
            continue
        seen[key] = line
        rows.append(Row(key, by_key[key].label, read_values(line), line=line))
    for row in current:
        if row.key not in seen:
            errors.add("missing_row", label=row.label)
    return rows


# --- Analisis Masa Depan -----------------------------------------------------------------------

BAGIAN, URAIAN = 2, 3


class OutlookSheet(Sheet):
    key = "readiness.outlook"
    title = "Analisis Masa Depan"
    order = 300
    fields = {"text": "Uraian"}

    def current_rows(self, masterplan, ctx):
        outlook = _outlook(masterplan, ctx)
        return [Row(name, str(OutlookAnalysis._meta.get_field(name).verbose_name),
                    {"text": getattr(outlook, name) if outlook else ""}, obj=outlook)
                for name in OutlookAnalysis.NARRATIVE_FIELDS]

    def write(self, ws, masterplan, rows, ctx):
        put_title(ws, 1, "Analisis Masa Depan", BAGIAN)
        put(ws, 2, 1, KEY_HEADER, LABEL)
        put_header(ws, 2, BAGIAN, "Bagian")
        put_header(ws, 2, URAIAN, "Uraian")
        for line, row in enumerate(rows, start=3):
            put_key(ws, line, row.key)
            put(ws, line, BAGIAN, row.label)
            put(ws, line, URAIAN, row.values["text"])
        set_widths(ws, {1: 6, BAGIAN: 40, URAIAN: 100})

    def parse(self, data, masterplan, current, ctx, errors):
        reader = CellReader(data, errors)
        reader.expect_headers(2, {BAGIAN: "Bagian", URAIAN: "Uraian"})
        if errors:
            return []
        return _fixed_rows(data, reader, errors, current, 3, BAGIAN, URAIAN,
                           lambda line: {"text": reader.text(
                               line, URAIAN, "Uraian",
                               max_length=limit(f"readiness.OutlookAnalysis.{reader.key(line)}"))})

    def apply(self, masterplan, changes, user, ctx):
        values = {change.key: change.new.values["text"] for change in changes}
        outlook = _outlook(masterplan, ctx)
        if outlook is None:
            OutlookAnalysis.objects.create(masterplan=masterplan, updated_by=user, **values)
        else:
            update_versioned(outlook, values, user)  # one UPDATE: the four rows are one object


# --- Daya Saing ------------------------------------------------------------------------------

INDIKATOR, SATUAN_DS, FIRST_CITY_COLUMN = 2, 3, 4
KEY_ROW, NAME_ROW, SCOPE_ROW, LABEL_ROW, FIRST_INDICATOR_ROW = 2, 3, 4, 5, 6
OWN = "own"
SCOPES = {scope.label.casefold(): scope.value for scope in BenchmarkScope}
SCOPES.update({scope.value: scope.value for scope in BenchmarkScope})


class CompetitivenessSheet(Sheet):
    """Indicators as rows; per column pair (Nilai, Tahun) the region itself, then each city.
    Row 2 (hidden) holds the column keys: "own" and "k<city id>"; new cities have none."""

    key = "readiness.competitiveness"
    title = "Daya Saing"
    order = 310
    fields = {"name": "Nama", "scope": "Lingkup", "unit": "Satuan"}

    def display(self, name, value):
        if name == "scope":
            return str(BenchmarkScope(value).label) if value in BenchmarkScope.values else value
        return super().display(name, value)

    def load(self, masterplan, ctx):
        def load():
            cities = list(masterplan.benchmark_cities.all())
            indicators = list(masterplan.competitiveness_indicators.all())
            cells = {(cell.indicator_id, f"k{cell.city_id}" if cell.city_id else OWN): cell
                     for cell in CompetitivenessValue.objects.filter(indicator__masterplan=masterplan)}
            return cities, indicators, cells
        return ctx.once("readiness.competitiveness", load)

    def current_rows(self, masterplan, ctx):
        cities, indicators, cells = self.load(masterplan, ctx)
        own_name = masterplan.region.display_name
        columns = [(OWN, own_name)] + [(f"k{city.pk}", city.name) for city in cities]
        rows = [Row(f"city:k{city.pk}", f"Kota pembanding {city.name}",
                    {"name": city.name, "scope": city.scope}, obj=city) for city in cities]
        for indicator in indicators:
            values, labels = {"name": indicator.name, "unit": indicator.unit}, {}
            for column, name in columns:
                cell = cells.get((indicator.pk, column))
                values[f"value:{column}"] = cell.value if cell else None
                values[f"year:{column}"] = cell.year if cell else None
                labels[f"value:{column}"] = f"Nilai — {name}"
                labels[f"year:{column}"] = f"Tahun — {name}"
            rows.append(Row(f"i{indicator.pk}", indicator.name, values, obj=indicator, labels=labels))
        return rows

    def write(self, ws, masterplan, rows, ctx):
        cities, _indicators, _cells = self.load(masterplan, ctx)
        columns = [(OWN, masterplan.region.display_name, "Wilayah sendiri")] + [
            (f"k{city.pk}", city.name, city.get_scope_display()) for city in cities]
        put_title(ws, 1, "Analisis Daya Saing", INDIKATOR)
        put(ws, KEY_ROW, 1, KEY_HEADER, LABEL)
        put_header(ws, NAME_ROW, INDIKATOR, "Indikator", rows=3)
        put_header(ws, NAME_ROW, SATUAN_DS, "Satuan", rows=3)
        widths = {1: 6, INDIKATOR: 40, SATUAN_DS: 12}
        for index, (column_key, name, scope) in enumerate(columns):
            column = FIRST_CITY_COLUMN + 2 * index
            put_key(ws, KEY_ROW, column_key, column)
            put_header(ws, NAME_ROW, column, name, columns=2)
            put_header(ws, SCOPE_ROW, column, str(scope), columns=2)
            put_header(ws, LABEL_ROW, column, "Nilai")
            put_header(ws, LABEL_ROW, column + 1, "Tahun")
            widths.update({column: 14, column + 1: 8})
        ws.row_dimensions[KEY_ROW].hidden = True
        line = FIRST_INDICATOR_ROW
        for row in rows:
            if not row.key.startswith("i"):
                continue
            put_key(ws, line, row.key)
            put(ws, line, INDIKATOR, row.values["name"])
            put(ws, line, SATUAN_DS, row.values["unit"])
            for index, (column_key, _name, _scope) in enumerate(columns):
                put(ws, line, FIRST_CITY_COLUMN + 2 * index, row.values[f"value:{column_key}"])
                put(ws, line, FIRST_CITY_COLUMN + 2 * index + 1, row.values[f"year:{column_key}"])
            line += 1
        set_widths(ws, widths)
        ws.freeze_panes = ws.cell(row=FIRST_INDICATOR_ROW, column=FIRST_CITY_COLUMN)

    def parse(self, data, masterplan, current, ctx, errors):
        cities, indicators, _cells = self.load(masterplan, ctx)
        reader = CellReader(data, errors)
        reader.expect_headers(NAME_ROW, {INDIKATOR: "Indikator", SATUAN_DS: "Satuan"})
        if errors:
            return []
        columns = self._parse_columns(data, reader, errors, masterplan, cities)
        if errors:
            return []
        rows = [Row(f"city:{key}", f"Kota pembanding {name}", {"name": name, "scope": scope},
                    line=NAME_ROW) for key, _column, name, scope in columns if key != OWN]
        known = {f"i{indicator.pk}" for indicator in indicators}
        last_column = max(data.max_column(), SATUAN_DS)
        seen, names = {}, {}
        for line in range(FIRST_INDICATOR_ROW, data.max_row + 1):
            if data.is_blank(line, INDIKATOR, last_column):
                continue
            key = reader.key(line)
            if key and key not in known:
                errors.add("unknown_row", line, key=key)
                continue
            if key in seen:
                errors.add("duplicate_row", line, key=key, other=seen[key])
                continue
            key = key or f"new@{line}"
            seen[key] = line
            name = reader.text(line, INDIKATOR, "Indikator", max_length=200, required=True).strip()
            other = names.setdefault(name, line)
            if name and other != line:
                errors.add("duplicate_name", line, "Indikator", name=name, other=other)
            values = {"name": name,
                      "unit": reader.text(line, SATUAN_DS, "Satuan", max_length=40).strip()}
            labels = {}
            for column_key, column, city_name, _scope in columns:
                values[f"value:{column_key}"] = reader.decimal(line, column, f"Nilai ({city_name})")
                values[f"year:{column_key}"] = reader.year(line, column + 1, f"Tahun ({city_name})")
                labels[f"value:{column_key}"] = f"Nilai — {city_name}"
                labels[f"year:{column_key}"] = f"Tahun — {city_name}"
            rows.append(Row(key, name, values, line=line, labels=labels))
        return rows

    def _parse_columns(self, data, reader, errors, masterplan, cities):
        """[(column key, first column, name, scope)] of the region and the cities."""
        known = {f"k{city.pk}" for city in cities}
        columns, names = [], {}
        last_column = data.max_column()
        for column in range(FIRST_CITY_COLUMN, last_column + 1, 2):
            letter = get_column_letter(column)
            key = reader.key_at(KEY_ROW, column)
            name = reader.text(NAME_ROW, column, letter, max_length=120).strip()
            if not key and not name and data.is_blank(SCOPE_ROW, column, column + 1):
                if any(not data.is_blank(line, column, column + 1)
                       for line in range(FIRST_INDICATOR_ROW, data.max_row + 1)):
                    errors.add("orphan_values", NAME_ROW, letter)
                continue
            reader.expect_headers(LABEL_ROW, {column: "Nilai", column + 1: "Tahun"})
            if not columns:
                if key != OWN:
                    errors.add("missing_own_column", KEY_ROW, letter)
                    return []
                columns.append((OWN, column, masterplan.region.display_name, ""))
                continue
            if key and key not in known:
                errors.add("unknown_column", KEY_ROW, letter, key=key)
                continue
            if not name:
                errors.add("required", NAME_ROW, letter)
                continue
            scope = SCOPES.get(reader.text(SCOPE_ROW, column, letter).strip().casefold())
            if scope is None:
                errors.add("bad_scope", SCOPE_ROW, letter)
            other = names.setdefault(name.casefold(), letter)
            if other != letter:
                errors.add("duplicate_name", NAME_ROW, letter, name=name, other=other)
            key = key or f"knew@{letter}"
            if any(existing == key for existing, *_rest in columns):
                errors.add("unknown_column", KEY_ROW, letter, key=key)
                continue
            columns.append((key, column, name, scope))
        if not columns:
            errors.add("missing_own_column", KEY_ROW, get_column_letter(FIRST_CITY_COLUMN))
        return columns

    def apply(self, masterplan, changes, user, ctx):
        cities, indicators, cells = self.load(masterplan, ctx)
        by_kind = defaultdict(list)
        for change in changes:
            by_kind[("city" if change.key.startswith("city:") else "indicator", change.kind)].append(change)
        # Removals first, so a name can move to another row or column in the same import.
        for change in by_kind[("indicator", REMOVED)] + by_kind[("city", REMOVED)]:
            change.current.obj.delete()
        removed_cities = {change.key.removeprefix("city:") for change in by_kind[("city", REMOVED)]}
        for change in by_kind[("city", CHANGED)]:
            city = change.current.obj
            city.name, city.scope = change.new.values["name"], change.new.values["scope"]
            city.save(update_fields=["name", "scope"])
        column_cities = {f"k{city.pk}": city for city in cities}
        order = (masterplan.benchmark_cities.aggregate(top=Max("order"))["top"] or 0) + 1
        for change in by_kind[("city", ADDED)]:
            column_cities[change.key.removeprefix("city:")] = BenchmarkCity.objects.create(
                masterplan=masterplan, name=change.new.values["name"],
                scope=change.new.values["scope"], order=order)
            order += 1
        order = (masterplan.competitiveness_indicators.aggregate(top=Max("order"))["top"] or 0) + 1
        for change in by_kind[("indicator", CHANGED)] + by_kind[("indicator", ADDED)]:
            values = change.new.values
            if change.kind == ADDED:
                indicator = CompetitivenessIndicator.objects.create(
                    masterplan=masterplan, name=values["name"], unit=values["unit"], order=order)
                order += 1
            else:
                indicator = change.current.obj
                indicator.name, indicator.unit = values["name"], values["unit"]
                indicator.save(update_fields=["name", "unit"])
            touched = {f.name.split(":", 1)[1] for f in change.fields if ":" in f.name}
            for column in touched - removed_cities:
                city = None if column == OWN else column_cities[column]
                value, year = values.get(f"value:{column}"), values.get(f"year:{column}")
                cell = cells.get((indicator.pk, column))
                if value is None and year is None:
                    if cell is not None:
                        cell.delete()
                elif cell is not None:
                    cell.value, cell.year = value, year
                    cell.save(update_fields=["value", "year"])
                else:
                    CompetitivenessValue.objects.create(indicator=indicator, city=city,
                                                        value=value, year=year)
        # The competitiveness form is guarded by the outlook analysis' version: bump it.
        outlook = _outlook(masterplan, ctx)
        if outlook is not None:
            update_versioned(outlook, {}, user)


register(*[table_sheet(element, sub_area, title, 100 + index)
           for index, (element, sub_area, title) in enumerate(TABLE_SHEETS)])
register(PerformanceSheet, OutlookSheet, CompetitivenessSheet)
