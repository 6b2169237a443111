"""The readiness tables' sheets, Tabel II.2–II.10, one per table, laid out like the guide's table."""

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
from masterplan.workbook.cells import new_key
from masterplan.workbook.importer import ADDED, REMOVED

from ..models import Component, ReadinessEntry
from ..services import sub_areas
from .common import JUDGEMENT_COLUMNS, display_judgement

EXTRA_MARK = "+"

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

    group = "Analisis kesiapan (Tabel II.2–II.10)"
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
            return display_judgement(value)
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
                key = key or new_key(line)
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

