"""The outlook analysis' sheets: "Analisis Masa Depan" (its four narratives) and "Daya Saing" (the
competitiveness table, indicators by the region and its benchmark cities)."""

from collections import defaultdict

from django.db.models import Max
from openpyxl.utils import get_column_letter

from masterplan.text_limits import limit
from masterplan.workbook.base import (
    KEY_HEADER,
    LABEL,
    CellReader,
    Row,
    Sheet,
    put,
    put_header,
    put_key,
    put_title,
    set_widths,
    update_versioned,
)
from masterplan.workbook.cells import new_key
from masterplan.workbook.importer import ADDED, CHANGED, REMOVED

from ..models import (
    BenchmarkCity,
    BenchmarkScope,
    CompetitivenessIndicator,
    CompetitivenessValue,
    OutlookAnalysis,
)
from .common import fixed_rows, load_outlook

BAGIAN, URAIAN = 2, 3


class OutlookSheet(Sheet):
    key = "readiness.outlook"
    title = "Analisis Masa Depan"
    order = 300
    group = "Penilaian kinerja dan analisis masa depan"
    fields = {"text": "Uraian"}

    def current_rows(self, masterplan, ctx):
        outlook = load_outlook(masterplan, ctx)
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
        return fixed_rows(data, reader, errors, current, 3, BAGIAN, URAIAN,
                           lambda line: {"text": reader.text(
                               line, URAIAN, "Uraian",
                               max_length=limit(f"readiness.OutlookAnalysis.{reader.key(line)}"))})

    def apply(self, masterplan, changes, user, ctx):
        values = {change.key: change.new.values["text"] for change in changes}
        outlook = load_outlook(masterplan, ctx)
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
    group = "Penilaian kinerja dan analisis masa depan"
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
            key = key or new_key(line)
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
        outlook = load_outlook(masterplan, ctx)
        if outlook is not None:
            update_versioned(outlook, {}, user)
