"""The SWOT worksheets' sheets, one per worksheet (see the package docstring for the layout)."""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from openpyxl.utils import get_column_letter

from masterplan.guide import guide
from masterplan.text_limits import limit
from masterplan.workbook.base import (
    LABEL,
    CellReader,
    Row,
    Sheet,
    clean_text,
    delete_versioned,
    put,
    put_header,
    put_key,
    put_title,
    renumber,
    set_widths,
    update_versioned,
)
from masterplan.workbook.cells import decode, encode, new_key, normalized, row_id, rule_text, split_cell, stash
from masterplan.workbook.importer import ADDED, REMOVED

from .. import worksheets
from ..models import Factor, Quadrant, Strategy, SwotItem, Worksheet, WorksheetKind
from .common import evidence_index, load_worksheets, report_evidence, swot_data

TOPIC_SLOTS = 50
NOTE = "note"  # key of explanatory rows, never read

# List columns (the grid uses B-D).
JENIS, KODE, URAIAN, DIPADUKAN, BUKTI = 2, 3, 4, 5, 6
LIST_HEADERS = {JENIS: "Jenis", KODE: "Kode", URAIAN: "Uraian", DIPADUKAN: "Butir yang dipadukan",
                BUKTI: "Bukti (komponen kesiapan)"}
LIST_MARK = "#daftar"
WORKSHEET_ROW, GRID_FIRST_ROW = 2, 4
GRID_COLUMNS = (2, 3, 4)
CODE = re.compile(r"(SO|WO|ST|WT|S|W|O|T)\s*0*(\d{1,4})")
DEFAULT_BOXES = {"corner": "Faktor Internal / Faktor Eksternal", "S": "Kekuatan", "W": "Kelemahan",
                 "O": "Peluang", "T": "Ancaman", "SO": "Strategi Peluang dan Kekuatan",
                 "WO": "Strategi Kelemahan dan Peluang", "ST": "Strategi Ancaman dan Kekuatan",
                 "WT": "Strategi Kelemahan dan Ancaman"}


def _hash(text):
    return hashlib.sha1(text.encode()).hexdigest()[:8]


def _kind_label(letters):
    return str(Factor(letters).label) if letters in Factor.values else f"Strategi {letters}"


def _kind_names(letters):
    names = {letters, _kind_label(letters), f"{_kind_label(letters)} ({letters})"}
    if letters in Quadrant.values:
        names.add(Quadrant(letters).label)
    return {normalized(str(name)) for name in names}


def _box_name(letters):
    if letters in Factor.values:
        return f"kotak {worksheets.factor_label(letters)}"
    return f"kuadran {letters}"


def _grid_layout(masterplan, ctx):
    """{box: label} of the guide's Lampiran II (edition-specific, defaults if absent)."""
    def load():
        labels = dict(DEFAULT_BOXES)
        sheet = guide(masterplan.edition.code).get("swot", {}).get("worksheet", {})
        for row in sheet.get("layout", []):
            for box in row:
                labels[box["box"]] = box["label"]
        return labels, f"{sheet.get('appendix', 'Lampiran II')} {sheet.get('title', 'Kertas Kerja Analisis SWOT')}"
    return ctx.once("swot.layout", load)


@dataclass
class ListRow:
    """One row of a worksheet's list as read from the file."""

    line: int
    key: str
    letters: str
    number: int
    text: str
    tokens: list = field(default_factory=list)  # strategies: the cited codes
    evidence: list = field(default_factory=list)  # items: entry pks
    final_code: str = ""

    @property
    def row_key(self):
        return self.key or new_key(self.line)


@dataclass(frozen=True)
class _Cited:
    """An item as worksheets.quadrant_errors sees it (factor, code, order)."""

    factor: str
    code: str
    position: int
    pk: int | None = None


class WorksheetSheet(Sheet):
    """The Lampiran II sheet of one worksheet (subclassed per worksheet by `worksheet_sheet`)."""

    group = "Analisis SWOT dan strategi TOWS (Lampiran II)"
    subject = ""  # "dimension" or "readiness" with `code`, or "topic" with `slot`
    code = ""
    slot = 0
    fields = {"title": "Topik", "code": "Kode", "text": "Uraian", "items": "Butir yang dipadukan",
              "evidence": "Bukti (komponen kesiapan)"}

    def worksheet(self, masterplan, ctx):
        found = load_worksheets(masterplan, ctx)
        if self.subject == WorksheetKind.TOPIC:
            topics = [ws for ws in found if ws.kind == WorksheetKind.TOPIC]
            return topics[self.slot - 1] if len(topics) >= self.slot else None
        for ws in found:
            if self.subject == WorksheetKind.DIMENSION and ws.dimension_id and ws.dimension.code == self.code:
                return ws
            if (self.subject == WorksheetKind.READINESS and ws.readiness_element_id
                    and ws.readiness_element.code == self.code):
                return ws
        return None

    def applies_to(self, masterplan, ctx):
        return self.worksheet(masterplan, ctx) is not None

    def display(self, name, value):
        if name == "items":
            return ", ".join(label for label, _key in decode(value))
        return super().display(name, value)

    def current_rows(self, masterplan, ctx):
        ws = self.worksheet(masterplan, ctx)
        stash(ctx, "swot.sheet_titles")[ws.pk] = self.title  # the gap sheet accepts it as a name
        data, evidence = swot_data(masterplan, ctx), evidence_index(masterplan, ctx)
        rows = []
        if ws.kind == WorksheetKind.TOPIC:
            rows.append(Row(f"ws{ws.pk}", "Topik kertas kerja", {"title": ws.title}, obj=ws))
        for factor in worksheets.FACTORS:
            for item in data.items[ws.pk][factor]:
                rows.append(Row(f"i{item.pk}", f"{item.sheet_code} {item.text}", {
                    "code": item.sheet_code, "text": item.text,
                    "evidence": evidence.value(data.evidence[item.pk])}, obj=item))
        for quadrant in worksheets.QUADRANTS:
            for strategy in data.strategies[ws.pk][quadrant]:
                cited = sorted((data.item_by_pk[pk] for pk in data.combined[strategy.pk]
                                if pk in data.item_by_pk), key=worksheets.item_sort_key)
                rows.append(Row(f"s{strategy.pk}", f"{strategy.sheet_code} {strategy.text}", {
                    "code": strategy.sheet_code, "text": strategy.text,
                    "items": encode((item.sheet_code, f"i{item.pk}") for item in cited)},
                    obj=strategy))
        return rows

    # --- export ---

    def write(self, ws, masterplan, rows, ctx):
        worksheet = self.worksheet(masterplan, ctx)
        boxes, title = _grid_layout(masterplan, ctx)
        items = {letter: [] for letter in worksheets.FACTORS}
        strategies = {letter: [] for letter in worksheets.QUADRANTS}
        for row in rows:
            if row.key.startswith("i"):
                items[row.obj.factor].append(row)
            elif row.key.startswith("s"):
                strategies[row.obj.quadrant].append(row)
        put_title(ws, 1, f"{title} — {worksheet.name}", JENIS)
        put_key(ws, WORKSHEET_ROW, f"ws{worksheet.pk}")
        put(ws, WORKSHEET_ROW, JENIS, "Kertas kerja" if worksheet.kind != WorksheetKind.TOPIC
            else "Topik kertas kerja", LABEL)
        put(ws, WORKSHEET_ROW, KODE, worksheet.title if worksheet.kind == WorksheetKind.TOPIC
            else worksheet.name)
        put_key(ws, 3, NOTE)
        put(ws, 3, JENIS, "Tabel Lampiran II di bawah ini hanya ringkasan. Ubah, tambah atau hapus "
                          "butir dan strategi pada daftar di bawah tabel.", None)
        line = GRID_FIRST_ROW
        for header, cells in self._grid(boxes, items, strategies):
            put_key(ws, line, "g:" + ".".join(_hash(clean_text(text)) for text in cells))
            for column, text in zip(GRID_COLUMNS, cells, strict=True):
                if header:
                    put_header(ws, line, column, text)
                else:
                    put(ws, line, column, text)
            line += 1
        line += 1
        put_key(ws, line, NOTE)
        put(ws, line, JENIS, "Daftar butir dan strategi (dibaca saat impor). Strategi memadukan kode "
                             "butir lembar ini, mis. “S1, O2”; bukti ditulis “II.3 no 18”, satu per "
                             "baris. Baris baru: kolom kunci (A) dibiarkan kosong.", None)
        line += 1
        put_key(ws, line, LIST_MARK)
        for column, header in LIST_HEADERS.items():
            put_header(ws, line, column, header)
        for row in rows:
            if row.key.startswith("ws"):
                continue
            line += 1
            letters = row.values["code"].rstrip("0123456789")
            put_key(ws, line, row.key)
            put(ws, line, JENIS, _kind_label(letters))
            put(ws, line, KODE, row.values["code"])
            put(ws, line, URAIAN, row.values["text"])
            put(ws, line, DIPADUKAN, self.display("items", row.values.get("items", "")))
            put(ws, line, BUKTI, row.values.get("evidence", ""))
        set_widths(ws, {1: 8, JENIS: 40, KODE: 45, URAIAN: 50, DIPADUKAN: 18, BUKTI: 24})

    @staticmethod
    def _grid(boxes, items, strategies):
        """[(is header, [B, C, D])]: Lampiran II, one numbered entry per cell."""
        def label(box):
            return f"{boxes[box]} ({box})"

        def item(rows, index):
            return f"{rows[index].values['code']} {rows[index].values['text']}" if index < len(rows) else ""

        def strategy(rows, index):
            if index >= len(rows):
                return ""
            values = rows[index].values
            codes = ", ".join(code for code, _key in decode(values["items"]))
            return f"{values['code']} [{codes}] {values['text']}"

        grid = [(True, [boxes["corner"], label("S"), label("W")])]
        for index in range(max(len(items["S"]), len(items["W"]), 1)):
            grid.append((False, ["", item(items["S"], index), item(items["W"], index)]))
        for external, left, right in (("O", "SO", "WO"), ("T", "ST", "WT")):
            grid.append((True, [label(external), label(left), label(right)]))
            for index in range(max(len(items[external]), len(strategies[left]),
                                   len(strategies[right]), 1)):
                grid.append((False, [item(items[external], index), strategy(strategies[left], index),
                                     strategy(strategies[right], index)]))
        return grid

    # --- import ---

    def parse(self, data, masterplan, current, ctx, errors):
        worksheet = self.worksheet(masterplan, ctx)
        parsed_sheets = stash(ctx, "swot.parsed")
        parsed_sheets[worksheet.pk] = None  # not usable by the gap sheet unless read cleanly
        reader = CellReader(data, errors)
        expected = f"ws{worksheet.pk}"
        found = reader.key_at(WORKSHEET_ROW, 1)
        if found != expected:
            errors.add("swot_wrong_worksheet", WORKSHEET_ROW, None, key=found[:20], expected=expected)
            return []
        marker = next((line for line in range(1, data.max_row + 1) if reader.key(line) == LIST_MARK),
                      None)
        if marker is None:
            errors.add("swot_missing_section", None, None, section="Daftar butir dan strategi",
                       key=LIST_MARK)
            return []
        reader.expect_headers(marker, LIST_HEADERS)
        if errors:
            return []
        rows = []
        if worksheet.kind == WorksheetKind.TOPIC:
            rows.append(self._topic_title(data, reader, errors, masterplan, worksheet, ctx))
        current_by_key = {row.key: row for row in current if not row.key.startswith("ws")}
        entries = self._read_list(data, reader, errors, marker, current_by_key,
                                  evidence_index(masterplan, ctx))
        by_code = self._number(entries)
        self._check_grid(data, reader, errors, marker, entries)
        self._check_texts(entries, errors)
        self._check_strategies(entries, by_code, errors)
        for entry in entries:
            if entry.letters in Factor.values:
                values = {"code": entry.final_code, "text": entry.text,
                          "evidence": evidence_index(masterplan, ctx).value(entry.evidence)}
            else:
                cited = {by_code[code].row_key: by_code[code] for code in entry.tokens if code in by_code}
                cited = sorted(cited.values(), key=lambda e: (worksheets.FACTORS.index(e.letters),
                                                              int(e.final_code[1:])))
                values = {"code": entry.final_code, "text": entry.text,
                          "items": encode((e.final_code, e.row_key) for e in cited)}
            rows.append(Row(entry.row_key, f"{entry.final_code} {entry.text}", values, line=entry.line))
        if not errors:
            parsed_sheets[worksheet.pk] = {
                e.letters + str(e.number): (e.final_code, e.row_key)
                for e in entries if e.letters in Quadrant.values}
            stash(ctx, "swot.rows")[worksheet.pk] = entries
        return rows

    def _check_grid(self, data, reader, errors, marker, entries):
        """Refuse typing in the grid, unless the cell shows what the list now says (someone who
        changed the list may tidy the grid the same way)."""
        agreed = set()
        for entry in entries:
            for code in (f"{entry.letters}{entry.number}", entry.final_code):
                cited = f" [{', '.join(entry.tokens)}]" if entry.letters in Quadrant.values else ""
                agreed.add(normalized(f"{code}{cited} {entry.text}"))
        for line in range(GRID_FIRST_ROW, marker):
            key = reader.key(line)
            if key == NOTE:
                continue
            if key.startswith("g:"):
                hashes = key[2:].split(".")
                for column, expected in zip(GRID_COLUMNS, hashes, strict=False):
                    text = reader.text(line, column, get_column_letter(column))
                    if _hash(text) != expected and normalized(text) not in agreed:
                        errors.add("swot_grid_edited", line, get_column_letter(column))
                        return
            elif not data.is_blank(line, GRID_COLUMNS[0], BUKTI):
                errors.add("swot_grid_edited", line, None)
                return

    def _topic_title(self, data, reader, errors, masterplan, worksheet, ctx):
        max_length = Worksheet._meta.get_field("title").max_length
        title = reader.text(WORKSHEET_ROW, KODE, "Topik", max_length=max_length, required=True).strip()
        if title and normalized(title) != normalized(worksheet.title):
            try:
                worksheets.check_topic_title(masterplan, title)
            except ValidationError as error:
                for message in error.messages:
                    errors.add("swot_rule", WORKSHEET_ROW, "Topik", detail=rule_text(message))
            renamed = stash(ctx, "swot.topic_titles")
            other = renamed.setdefault(normalized(title), self.title)
            if other != self.title:
                errors.add("swot_rule", WORKSHEET_ROW, "Topik",
                           detail=rule_text(f"Kertas kerja “{title}” sudah ada (lembar {other})."))
        return Row(f"ws{worksheet.pk}", "Topik kertas kerja", {"title": title}, line=WORKSHEET_ROW)

    def _read_list(self, data, reader, errors, marker, current_by_key, evidence):
        entries, seen_keys, seen_codes = [], {}, {}
        for line in range(marker + 1, data.max_row + 1):
            if data.is_blank(line, JENIS, BUKTI):
                continue
            key = reader.key(line)
            if key:
                if key not in current_by_key:
                    errors.add("unknown_row", line, "Kode", key=key[:20])
                    continue
                if key in seen_keys:
                    errors.add("duplicate_row", line, "Kode", key=key, other=seen_keys[key])
                    continue
                seen_keys[key] = line
            raw = reader.text(line, KODE, "Kode").strip()
            match = CODE.fullmatch(raw.upper())
            if not match or int(match.group(2)) < 1:
                errors.add("swot_bad_code", line, "Kode", code=raw[:20])
                continue
            letters, number = match.group(1), int(match.group(2))
            code = f"{letters}{number}"
            if code in seen_codes:
                errors.add("swot_duplicate_code", line, "Kode", code=code, other=seen_codes[code])
                continue
            seen_codes[code] = line
            kind = reader.text(line, JENIS, "Jenis").strip()
            if kind and normalized(kind) not in _kind_names(letters):
                errors.add("swot_kind_mismatch", line, "Jenis", found=kind[:40], code=code,
                           expected=_kind_label(letters))
            if key:
                obj = current_by_key[key].obj
                old = obj.factor if key.startswith("i") else obj.quadrant
                if old != letters:
                    errors.add("swot_kind_changed", line, "Kode", old=current_by_key[key].values["code"],
                               new=code, what="butir" if key.startswith("i") else "strategi",
                               box="kotak" if key.startswith("i") else "kuadran")
                    continue
            entry = ListRow(line, key, letters, number,
                            reader.text(line, URAIAN, "Uraian", required=True,
                                        max_length=limit("swot.SwotItem.text" if key.startswith("i")
                                                         else "swot.Strategy.text")).strip())
            combined = reader.text(line, DIPADUKAN, LIST_HEADERS[DIPADUKAN])
            cited = reader.text(line, BUKTI, LIST_HEADERS[BUKTI])
            if letters in Factor.values:
                if combined.strip():
                    errors.add("swot_only_strategies", line, LIST_HEADERS[DIPADUKAN])
                entry.evidence, unknown = evidence.parse(cited)
                report_evidence(errors, line, LIST_HEADERS[BUKTI], unknown)
            else:
                if cited.strip():
                    errors.add("swot_only_items", line, LIST_HEADERS[BUKTI])
                entry.tokens = [token.upper() for token in re.split(r"[\s,;\[\]]+", combined) if token]
            entries.append(entry)
        return entries

    @staticmethod
    def _number(entries):
        """Number each box 1, 2, ... in the order of the codes written; {code written: entry}."""
        boxes = defaultdict(list)
        for entry in entries:
            boxes[entry.letters].append(entry)
        for letters, box in boxes.items():
            for rank, entry in enumerate(sorted(box, key=lambda e: (e.number, e.line))):
                entry.final_code = f"{letters}{rank + 1}"
        return {f"{e.letters}{e.number}": e for e in entries if e.letters in Factor.values}

    @staticmethod
    def _check_texts(entries, errors):
        """No two items of a box (strategies of a quadrant) with the same text, as on the pages."""
        seen = {}
        for entry in sorted(entries, key=lambda e: e.line):
            if not entry.text:
                continue
            first = seen.setdefault((entry.letters, normalized(entry.text)), entry)
            if first is not entry:
                errors.add("swot_duplicate_text", entry.line, "Uraian",
                           what="butir" if entry.letters in Factor.values else "strategi",
                           box=_box_name(entry.letters), code=f"{first.letters}{first.number}",
                           other=first.line)

    @staticmethod
    def _check_strategies(entries, by_code, errors):
        label = LIST_HEADERS[DIPADUKAN]
        for entry in entries:
            if entry.letters not in Quadrant.values:
                continue
            unknown = [token for token in entry.tokens if token not in by_code]
            if unknown:
                errors.add("swot_unknown_item", entry.line, label, codes=", ".join(unknown[:8])[:80])
                continue
            cited = [_Cited(by_code[token].letters, token, by_code[token].number)
                     for token in dict.fromkeys(entry.tokens)]
            for message in worksheets.quadrant_errors(entry.letters, cited):
                errors.add("swot_quadrant", entry.line, label, detail=rule_text(message))

    # --- apply ---

    def apply(self, masterplan, changes, user, ctx):
        worksheet = self.worksheet(masterplan, ctx)
        Worksheet.objects.select_for_update().filter(pk=worksheet.pk).first()  # as the pages do
        evidence = evidence_index(masterplan, ctx)
        applied = stash(ctx, "swot.applied")  # (worksheet pk, row key) -> saved object
        removed = [c for c in changes if c.kind == REMOVED]
        for change in sorted(removed, key=lambda c: c.key[:1] != "s"):  # strategies, then items
            delete_versioned(change.current.obj)
        saved = [c for c in changes if c.kind != REMOVED]
        for change in saved:
            if change.key.startswith("ws"):
                update_versioned(worksheet, {"title": change.new.values["title"]}, user)
        lists = [c for c in saved if not c.key.startswith("ws")]
        # Items before strategies: a new strategy may combine a new item.
        for change in sorted(lists, key=lambda c: "items" in c.new.values):
            values = change.new.values
            letters = values["code"].rstrip("0123456789")
            is_item = letters in Factor.values
            if change.kind == ADDED:
                obj = (SwotItem if is_item else Strategy).objects.create(
                    worksheet=worksheet, text=values["text"], updated_by=user,
                    position=int(values["code"][len(letters):]) - 1,
                    **({"factor": letters} if is_item else {"quadrant": letters}))
                links_changed = True
            else:
                obj = change.current.obj
                names = {f.name for f in change.fields}
                links_changed = self._link_keys(change.current.values) != self._link_keys(values)
                if "text" in names or links_changed:
                    update_versioned(obj, {"text": values["text"]}, user)
            applied[(worksheet.pk, change.key)] = obj
            if not links_changed:
                continue  # only renumbered: the positions are set below
            if is_item:
                obj.evidence.set(evidence.by_label[label]
                                 for label in split_cell(values["evidence"], r"\n"))
            else:
                obj.items.set(row_id(key, lambda key: applied[(worksheet.pk, key)].pk)
                              for _code, key in decode(values["items"]))
        # Positions follow the codes of the file (numbered densely by parse).
        for entry in stash(ctx, "swot.rows").get(worksheet.pk, []):
            obj = applied.get((worksheet.pk, entry.row_key))
            if obj is None:
                obj = self._current_object(masterplan, ctx, entry.row_key)
            renumber(type(obj), [(obj, int(entry.final_code[len(entry.letters):]) - 1)])

    @staticmethod
    def _link_keys(values):
        if "items" in values:
            return {key for _code, key in decode(values["items"])}
        return set(split_cell(values.get("evidence", ""), r"\n"))

    @staticmethod
    def _current_object(masterplan, ctx, key):
        data = swot_data(masterplan, ctx)
        return (data.item_by_pk if key.startswith("i") else data.strategy_by_pk)[int(key[1:])]


# Sheet titles (at most 31 characters) of the 2017 guide's worksheets: (kind, code, title).
WORKSHEET_SHEETS = [
    (WorksheetKind.DIMENSION, "governance", "SWOT Governance"),
    (WorksheetKind.DIMENSION, "branding", "SWOT Branding"),
    (WorksheetKind.DIMENSION, "economy", "SWOT Economy"),
    (WorksheetKind.DIMENSION, "living", "SWOT Living"),
    (WorksheetKind.DIMENSION, "society", "SWOT Society"),
    (WorksheetKind.DIMENSION, "environment", "SWOT Environment"),
    (WorksheetKind.READINESS, "structure", "SWOT Struktur"),
    (WorksheetKind.READINESS, "infrastructure", "SWOT Infrastruktur"),
    (WorksheetKind.READINESS, "superstructure", "SWOT Suprastruktur"),
]
WORKSHEET_ORDER, TOPIC_ORDER = 400, 410


def worksheet_sheet(subject, code, title, order, slot=0):
    return type(f"WorksheetSheet_{subject}_{code or slot}", (WorksheetSheet,), {
        "key": f"swot.worksheet.{subject}.{code or slot}", "title": title, "order": order,
        "subject": subject, "code": code, "slot": slot,
    })


