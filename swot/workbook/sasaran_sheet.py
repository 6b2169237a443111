"""The "Sasaran" sheet: sasaran, their indicators and yearly targets (see the package docstring)."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from openpyxl.utils import get_column_letter

from masterplan.text_limits import limit
from masterplan.workbook.base import (
    KEY_HEADER,
    LABEL,
    MARK,
    CellReader,
    Row,
    Sheet,
    delete_versioned,
    normal_decimal,
    put,
    put_header,
    put_key,
    put_title,
    renumber,
    set_widths,
    update_versioned,
)
from masterplan.workbook.cells import YES, flag, new_key, normalized, plain, refused, stash
from masterplan.workbook.importer import ADDED, REMOVED

from .. import gap, targets
from ..models import Direction, Indicator, IndicatorTarget, Sasaran
from .common import display_position, subjects_of

S_DIMENSION, S_TEXT = 2, 3
S_CRITERIA = {name: 4 + index for index, name in enumerate(Sasaran.CRITERIA)}
N_NAME, N_UNIT, N_DIRECTION, N_BASE_YEAR, N_BASE_VALUE, N_SOURCE, N_NOTE = range(10, 17)
FIRST_YEAR = 17
SASARAN_HEADERS = {S_DIMENSION: "Dimensi", S_TEXT: "Sasaran", 4: "Kriteria sasaran",
                   N_NAME: "Indikator", N_UNIT: "Satuan", N_DIRECTION: "Arah (naik/turun)",
                   N_BASE_YEAR: "Baseline", N_SOURCE: "Sumber data", N_NOTE: "Catatan",
                   FIRST_YEAR: "Target"}
SASARAN_FIRST_ROW = 4
DIRECTIONS = {"naik": Direction.UP, "turun": Direction.DOWN}
DIRECTIONS.update({normalized(str(d.label)): d.value for d in Direction})
INDICATOR_FIELDS = ("name", "unit", "direction", "baseline_year", "baseline_value", "data_source", "note")


def _criteria_labels():
    return {name: str(Sasaran._meta.get_field(name).verbose_name) for name in Sasaran.CRITERIA}


class SasaranSheet(Sheet):
    key = "swot.sasaran"
    title = "Sasaran"
    order = 490
    group = "Kesenjangan, visi misi dan sasaran"
    fields = {"dimension": "Dimensi", "position": "Urutan", "text": "Sasaran", **_criteria_labels(),
              "name": "Indikator", "unit": "Satuan", "direction": "Arah", "baseline_year": "Tahun baseline",
              "baseline_value": "Nilai baseline", "data_source": "Sumber data", "note": "Catatan"}

    def display(self, name, value):
        if name == "position":
            return display_position(value)
        if name in Sasaran.CRITERIA:
            return MARK if value else ""
        if name == "direction" and value in Direction.values:
            return f"{value} ({Direction(value).label})"
        return super().display(name, value)

    def load(self, masterplan, ctx):
        def load():
            sasaran = list(Sasaran.objects.filter(masterplan=masterplan).select_related("dimension")
                           .order_by("dimension__number", "position", "pk"))
            indicators = defaultdict(list)
            for indicator in (Indicator.objects.filter(sasaran__masterplan=masterplan)
                              .order_by("position", "pk")):
                indicators[indicator.sasaran_id].append(indicator)
            found = {}
            for indicator_id, year, value in (IndicatorTarget.objects.filter(indicator__sasaran__masterplan=masterplan,
                                                                  year__in=list(masterplan.years))
                                              .values_list("indicator_id", "year", "value")):
                found[(indicator_id, year)] = normal_decimal(value)
            return sasaran, indicators, found
        return ctx.once("swot.sasaran", load)

    @staticmethod
    def _target_labels(masterplan):
        return {f"target:{year}": f"Target {year}" for year in masterplan.years}

    def current_rows(self, masterplan, ctx):
        sasaran, indicators, found = self.load(masterplan, ctx)
        labels = self._target_labels(masterplan)
        rows, ranks = [], defaultdict(int)
        for item in sasaran:
            rank = ranks[item.dimension_id]
            ranks[item.dimension_id] += 1
            rows.append(Row(f"s{item.pk}", f"{item.dimension.title} — {plain(item.text)[:80]}", {
                "dimension": item.dimension.title, "position": rank, "text": item.text,
                **{name: flag(getattr(item, name)) for name in Sasaran.CRITERIA}}, obj=item))
            for position, indicator in enumerate(indicators[item.pk]):
                values = {"position": position, **{name: getattr(indicator, name) for name in INDICATOR_FIELDS}}
                values["baseline_value"] = normal_decimal(indicator.baseline_value)
                values.update({f"target:{year}": found.get((indicator.pk, year)) for year in masterplan.years})
                row = Row(f"n{indicator.pk}", f"Indikator {indicator.name}", values, obj=indicator,
                          labels=labels)
                row.parent = f"s{item.pk}"
                rows.append(row)
        return rows

    def write(self, ws, masterplan, rows, ctx):
        years = list(masterplan.years)
        put_title(ws, 1, f"Sasaran, Indikator dan Target {masterplan.start_year}–{masterplan.end_year}",
                  S_DIMENSION)
        put(ws, 2, 1, KEY_HEADER, LABEL)
        for column, header in SASARAN_HEADERS.items():
            span = {4: len(S_CRITERIA), N_BASE_YEAR: 2, FIRST_YEAR: len(years)}.get(column)
            if span:
                put_header(ws, 2, column, header, columns=span)
            else:
                put_header(ws, 2, column, header, rows=2)
        for name, label in _criteria_labels().items():
            put_header(ws, 3, S_CRITERIA[name], label)
        put_header(ws, 3, N_BASE_YEAR, "Tahun")
        put_header(ws, 3, N_BASE_VALUE, "Nilai")
        for offset, year in enumerate(years):
            put_header(ws, 3, FIRST_YEAR + offset, year)
        for line, row in enumerate(rows, start=SASARAN_FIRST_ROW):
            values = row.values
            put_key(ws, line, row.key)
            if row.key.startswith("s"):
                put(ws, line, S_DIMENSION, values["dimension"])
                put(ws, line, S_TEXT, values["text"])
                for name, column in S_CRITERIA.items():
                    put(ws, line, column, MARK if values[name] else "")
                continue
            for column, name in zip(range(N_NAME, N_NOTE + 1), INDICATOR_FIELDS, strict=True):
                put(ws, line, column, values[name])
            for offset, year in enumerate(years):
                put(ws, line, FIRST_YEAR + offset, values[f"target:{year}"])
        set_widths(ws, {1: 8, S_DIMENSION: 18, S_TEXT: 40, **{c: 6 for c in S_CRITERIA.values()},
                        N_NAME: 34, N_UNIT: 10, N_DIRECTION: 10, N_BASE_YEAR: 8, N_BASE_VALUE: 10,
                        N_SOURCE: 16, N_NOTE: 24,
                        **{FIRST_YEAR + n: 9 for n in range(len(years))}})
        ws.freeze_panes = ws.cell(row=SASARAN_FIRST_ROW, column=S_DIMENSION)

    def _year_columns(self, data, reader, errors, masterplan):
        """{year: column} of the target columns, refusing years outside the period."""
        columns, period = {}, set(masterplan.years)
        for column in range(FIRST_YEAR, data.max_column() + 1):
            letter = get_column_letter(column)
            header = data.value(3, column)
            if header is None or (isinstance(header, str) and not header.strip()):
                if any(data.value(line, column) not in (None, "")
                       for line in range(SASARAN_FIRST_ROW, data.max_row + 1)):
                    errors.add("swot_orphan_column", 3, letter)
                continue
            year = reader.year(3, column, letter)
            if year is None:
                continue
            if year not in period:
                errors.add("swot_target_year", 3, letter, year=year, start=masterplan.start_year,
                           end=masterplan.end_year)
            elif year in columns:
                errors.add("swot_duplicate_year", 3, letter, year=year,
                           other=get_column_letter(columns[year]))
            else:
                columns[year] = column
        for year in sorted(period - set(columns)):
            errors.add("swot_missing_year", 3, None, year=year)
        return columns

    def parse(self, data, masterplan, current, ctx, errors):
        reader = CellReader(data, errors)
        reader.expect_headers(2, SASARAN_HEADERS)
        reader.expect_headers(3, {**{S_CRITERIA[name]: label for name, label in _criteria_labels().items()},
                                  N_BASE_YEAR: "Tahun", N_BASE_VALUE: "Nilai"})
        if errors:
            return []
        year_columns = self._year_columns(data, reader, errors, masterplan)
        if errors:
            return []
        subjects = subjects_of(masterplan, ctx)
        dimensions = subjects.aliases(dimensions_only=True)
        by_key = {row.key: row for row in current}
        last = max(data.max_column(), FIRST_YEAR + len(year_columns) - 1)
        rows, seen, ranks = [], {}, defaultdict(int)
        parent = None
        for line in range(SASARAN_FIRST_ROW, data.max_row + 1):
            if data.is_blank(line, S_DIMENSION, last):
                continue
            key = reader.key(line)
            has_sasaran = not data.is_blank(line, S_DIMENSION, max(S_CRITERIA.values()))
            has_indicator = not data.is_blank(line, N_NAME, last)
            if key and key not in by_key:
                errors.add("unknown_row", line, None, key=key[:20])
                continue
            if key in seen:
                errors.add("duplicate_row", line, None, key=key, other=seen[key])
                continue
            is_sasaran = key.startswith("s") if key else has_sasaran
            key = key or new_key(line)
            seen[key] = line
            if is_sasaran:
                parent = key
            if (has_sasaran and has_indicator) or (is_sasaran and has_indicator) or (not is_sasaran and has_sasaran):
                errors.add("swot_row_kind", line, None)
                continue
            if is_sasaran:
                row = self._read_sasaran(reader, errors, line, key, dimensions, subjects)
                row.values["position"] = ranks[row.values["dimension"]]
                ranks[row.values["dimension"]] += 1
            else:
                if parent is None:
                    errors.add("swot_no_sasaran", line, "Indikator")
                    continue
                if key in by_key and by_key[key].parent != parent:
                    errors.add("swot_indicator_moved", line, "Indikator")
                    continue
                row = self._read_indicator(data, reader, errors, line, key, masterplan, year_columns)
                row.parent = parent
                row.values["position"] = ranks[parent]
                ranks[parent] += 1
            rows.append(row)
        stash(ctx, "swot.sasaran_rows")["order"] = [
            (row.key, row.values["position"], getattr(row, "parent", None)) for row in rows]
        stash(ctx, "swot.sasaran_rows")["dimension"] = {
            row.key: row.values["dimension"] for row in rows if getattr(row, "parent", None) is None}
        return rows

    @staticmethod
    def _read_sasaran(reader, errors, line, key, dimensions, subjects):
        found = reader.text(line, S_DIMENSION, "Dimensi", required=True).strip()
        subject = dimensions.get(normalized(found))
        if found and subject is None:
            errors.add("swot_unknown_subject", line, "Dimensi", found=found[:40], what="dimensi",
                       choices=", ".join(s.title for s in subjects.subjects if s.key[0] == gap.DIMENSION))
        text = reader.text(line, S_TEXT, "Sasaran", required=True,
                           max_length=limit("swot.Sasaran.text")).strip()
        values = {"dimension": subject.title if subject else "", "position": 0, "text": text}
        for name, label in _criteria_labels().items():
            values[name] = reader.judgement(line, [(S_CRITERIA[name], label, YES)], label)
        return Row(key, f"{values['dimension']} — {plain(text)[:80]}", values, line=line)

    def _read_indicator(self, data, reader, errors, line, key, masterplan, year_columns):
        name = reader.text(line, N_NAME, "Indikator", required=True,
                           max_length=Indicator._meta.get_field("name").max_length).strip()
        direction_text = reader.text(line, N_DIRECTION, "Arah (naik/turun)", required=True).strip()
        direction = DIRECTIONS.get(normalized(direction_text), "")
        if direction_text and not direction:
            errors.add("swot_direction", line, "Arah (naik/turun)")
        year = reader.year(line, N_BASE_YEAR, "Tahun baseline")
        value = reader.decimal(line, N_BASE_VALUE, "Nilai baseline")
        if value is not None and year is None and data.is_blank(line, N_BASE_YEAR, N_BASE_YEAR):
            errors.add("swot_baseline_pair", line, "Tahun baseline")
        if year is not None and value is None and data.is_blank(line, N_BASE_VALUE, N_BASE_VALUE):
            errors.add("swot_baseline_pair", line, "Nilai baseline")
        if year is not None and year > masterplan.start_year:
            errors.add("swot_baseline_year", line, "Tahun baseline", year=masterplan.start_year)
        values = {
            "position": 0, "name": name,
            "unit": reader.text(line, N_UNIT, "Satuan",
                                max_length=Indicator._meta.get_field("unit").max_length).strip(),
            "direction": direction, "baseline_year": year, "baseline_value": value,
            "data_source": reader.text(line, N_SOURCE, "Sumber data",
                                       max_length=Indicator._meta.get_field("data_source").max_length).strip(),
            "note": reader.text(line, N_NOTE, "Catatan", max_length=limit("swot.Indicator.note")).strip(),
        }
        for year_, column in sorted(year_columns.items()):
            values[f"target:{year_}"] = reader.decimal(line, column, f"Target {year_}")
        return Row(key, f"Indikator {name}", values, line=line, labels=self._target_labels(masterplan))

    def apply(self, masterplan, changes, user, ctx):
        sasaran_list, indicators, _found = self.load(masterplan, ctx)
        list(Sasaran.objects.select_for_update().filter(masterplan=masterplan).values_list("pk"))
        dimensions = subjects_of(masterplan, ctx).by_title()
        objects = {f"s{item.pk}": item for item in sasaran_list}
        objects.update({f"n{indicator.pk}": indicator for group in indicators.values() for indicator in group})
        removed = [change for change in changes if change.kind == REMOVED]
        for change in sorted(removed, key=lambda c: c.key[:1] != "n"):  # indicators first
            delete_versioned(change.current.obj)
        saved = [change for change in changes if change.kind != REMOVED]
        is_sasaran = {key: parent is None for key, _position, parent in
                      stash(ctx, "swot.sasaran_rows").get("order", [])}
        for change in sorted(saved, key=lambda c: not is_sasaran[c.key]):  # sasaran first
            values, names = change.new.values, {f.name for f in change.fields}
            if is_sasaran[change.key]:
                content = {"dimension_id": int(dimensions[values["dimension"]].key[1:]),
                           "text": values["text"],
                           **{name: values[name] == YES for name in Sasaran.CRITERIA}}
                if change.kind == ADDED:
                    objects[change.key] = Sasaran.objects.create(
                        masterplan=masterplan, position=values["position"], updated_by=user, **content)
                elif names - {"position"}:
                    update_versioned(change.current.obj, content, user)
                continue
            content = {name: values[name] for name in INDICATOR_FIELDS}
            sasaran = objects[change.new.parent]
            sasaran.masterplan = masterplan
            if change.kind == ADDED:
                indicator = objects[change.key] = Indicator.objects.create(
                    sasaran=sasaran, position=values["position"], updated_by=user, **content)
                years = {name for name, value in values.items() if name.startswith("target:") and value is not None}
            else:
                indicator = change.current.obj
                if names - {"position"}:  # targets too: the indicator's form saves them (version)
                    update_versioned(indicator, content, user)
                years = {name for name in names if name.startswith("target:")}
            indicator.sasaran = sasaran
            self._save_targets(indicator, {int(name[7:]): values[name] for name in years}, change)
        stash(ctx, "swot.sasaran_objects").update(objects)  # for sheets citing new sasaran
        order = stash(ctx, "swot.sasaran_rows").get("order", [])
        renumber(Sasaran, [(objects[key], position) for key, position, parent in order if parent is None])
        renumber(Indicator, [(objects[key], position) for key, position, parent in order if parent])

    def _save_targets(self, indicator, values, change):
        if not values:
            return
        try:
            targets.save_targets(indicator, values)
        except ValidationError as error:  # parse checked the same rules; this is the last guard
            raise refused("swot_rule", self, change.line, error) from None
