"""The "Kesenjangan" sheet: the gap analysis, Tabel II.11 (see the package docstring)."""

from masterplan.guide import guide
from masterplan.text_limits import limit
from masterplan.workbook.base import (
    KEY_HEADER,
    LABEL,
    CellReader,
    Row,
    Sheet,
    delete_versioned,
    put,
    put_header,
    put_key,
    put_title,
    renumber,
    set_widths,
    update_versioned,
)
from masterplan.workbook.cells import decode, encode, new_key, normalized, plain, split_cell, stash
from masterplan.workbook.importer import ADDED, REMOVED

from .. import gap
from ..models import GapRow
from .citations import STRATEGIES_HEADER, strategy_id, strategy_resolver, strategy_sort
from .common import (
    display_position,
    evidence_index,
    gap_data,
    load_worksheets,
    report_evidence,
    subjects_of,
    swot_data,
    worksheet_labels,
)

G_NO, G_SUBJECT, G_TO_BE, G_AS_IS, G_ACTION, G_STRATEGIES, G_EVIDENCE = range(2, 9)
GAP_HEADERS = {G_NO: "No", G_SUBJECT: "Dimensi/Elemen kesiapan",
               G_TO_BE: "Kondisi masa yang akan datang (to be)", G_AS_IS: "Kondisi saat ini (as is)",
               G_ACTION: "Strategi, program kerja dan langkah aksi", G_STRATEGIES: STRATEGIES_HEADER,
               G_EVIDENCE: "Komponen kesiapan"}
GAP_FIRST_ROW = 3


class GapSheet(Sheet):
    key = "swot.gap"
    title = "Kesenjangan"
    order = 470
    group = "Kesenjangan, visi misi dan sasaran"
    fields = {"position": "No", "subject": "Dimensi/Elemen kesiapan",
              "to_be": "Kondisi masa yang akan datang (to be)", "as_is": "Kondisi saat ini (as is)",
              "action": "Strategi, program kerja dan langkah aksi", "strategies": "Strategi TOWS",
              "evidence": "Komponen kesiapan"}

    def display(self, name, value):
        if name == "position":
            return display_position(value)
        if name == "strategies":
            return "\n".join(label for label, _key in decode(value))
        return super().display(name, value)

    def current_rows(self, masterplan, ctx):
        rows, evidence, cited = gap_data(masterplan, ctx)
        subjects = subjects_of(masterplan, ctx)
        titles = {subject.key: subject.title for subject in subjects.subjects}
        data, index = swot_data(masterplan, ctx), evidence_index(masterplan, ctx)
        worksheet_list = load_worksheets(masterplan, ctx)
        labels = worksheet_labels(worksheet_list)
        sort = strategy_sort(worksheet_list)
        result = []
        for rank, row in enumerate(rows):
            strategies = sorted(((s.worksheet_id, s.quadrant, s.rank, s) for pk in cited[row.pk]
                                 if (s := data.strategy_by_pk.get(pk))), key=sort)
            result.append(Row(f"g{row.pk}", f"{rank + 1}. {plain(row.to_be)[:80]}", {
                "position": rank, "subject": titles.get(gap.subject_key(row), ""),
                "to_be": row.to_be, "as_is": row.as_is, "action": row.action,
                "strategies": encode((f"{labels[ws_pk]} {s.sheet_code}", f"{ws_pk}:s{s.pk}")
                                      for ws_pk, _q, _r, s in strategies),
                "evidence": index.value(evidence[row.pk])}, obj=row))
        return result

    def write(self, ws, masterplan, rows, ctx):
        table = guide(masterplan.edition.code).get("gap_analysis", {}).get("table", {})
        put_title(ws, 1, f"{table.get('table_id', 'Tabel II.11')} "
                         f"{table.get('title', 'Analisis Kesenjangan')}", G_NO)
        put(ws, 2, 1, KEY_HEADER, LABEL)
        for column, header in GAP_HEADERS.items():
            put_header(ws, 2, column, header)
        for line, row in enumerate(rows, start=GAP_FIRST_ROW):
            values = row.values
            put_key(ws, line, row.key)
            put(ws, line, G_NO, values["position"] + 1)
            put(ws, line, G_SUBJECT, values["subject"])
            put(ws, line, G_TO_BE, values["to_be"])
            put(ws, line, G_AS_IS, values["as_is"])
            put(ws, line, G_ACTION, values["action"])
            put(ws, line, G_STRATEGIES, self.display("strategies", values["strategies"]))
            put(ws, line, G_EVIDENCE, values["evidence"])
        set_widths(ws, {1: 6, G_NO: 5, G_SUBJECT: 22, G_TO_BE: 40, G_AS_IS: 40, G_ACTION: 45,
                        G_STRATEGIES: 22, G_EVIDENCE: 16})
        ws.freeze_panes = ws.cell(row=GAP_FIRST_ROW, column=G_TO_BE)

    def parse(self, data, masterplan, current, ctx, errors):
        reader = CellReader(data, errors)
        reader.expect_headers(2, GAP_HEADERS)
        if errors:
            return []
        subjects = subjects_of(masterplan, ctx)
        aliases = subjects.aliases()
        index = evidence_index(masterplan, ctx)
        known = {row.key for row in current}
        resolve = strategy_resolver(masterplan, ctx)
        seen, rows = {}, []
        for line in range(GAP_FIRST_ROW, data.max_row + 1):
            if data.is_blank(line, G_SUBJECT, G_EVIDENCE):
                continue  # a blank row, or only a No
            key = reader.key(line)
            if key and key not in known:
                errors.add("unknown_row", line, "No", key=key[:20])
                continue
            if key in seen:
                errors.add("duplicate_row", line, "No", key=key, other=seen[key])
                continue
            key = key or new_key(line)
            seen[key] = line
            subject_text = reader.text(line, G_SUBJECT, GAP_HEADERS[G_SUBJECT], required=True).strip()
            subject = aliases.get(normalized(subject_text))
            if subject_text and subject is None:
                errors.add("swot_unknown_subject", line, GAP_HEADERS[G_SUBJECT], found=subject_text[:40],
                           what="dimensi atau elemen kesiapan",
                           choices=", ".join(s.title for s in subjects.subjects))
            texts = {name: reader.text(line, column, GAP_HEADERS[column], required=True,
                                       max_length=limit(f"swot.GapRow.{name}")).strip()
                     for name, column in (("to_be", G_TO_BE), ("as_is", G_AS_IS), ("action", G_ACTION))}
            strategies = resolve(reader.text(line, G_STRATEGIES, GAP_HEADERS[G_STRATEGIES]), line, errors)
            entry_ids, unknown = index.parse(reader.text(line, G_EVIDENCE, GAP_HEADERS[G_EVIDENCE]))
            report_evidence(errors, line, GAP_HEADERS[G_EVIDENCE], unknown)
            rows.append(Row(key, f"{len(rows) + 1}. {plain(texts['to_be'])[:80]}", {
                "position": len(rows), "subject": subject.title if subject else "", **texts,
                "strategies": strategies, "evidence": index.value(entry_ids)}, line=line))
        stash(ctx, "swot.gap_rows")["order"] = [(row.key, row.values["position"]) for row in rows]
        return rows

    def apply(self, masterplan, changes, user, ctx):
        list(GapRow.objects.select_for_update().filter(masterplan=masterplan).values_list("pk"))
        subjects = subjects_of(masterplan, ctx).by_title()
        index = evidence_index(masterplan, ctx)
        applied = stash(ctx, "swot.applied")
        objects = {}
        for change in changes:
            if change.kind == REMOVED:
                delete_versioned(change.current.obj)
        for change in changes:
            if change.kind == REMOVED:
                continue
            values = change.new.values
            names = {f.name for f in change.fields}
            subject = subjects[values["subject"]]
            pk = int(subject.key[1:])
            content = {"to_be": values["to_be"], "as_is": values["as_is"], "action": values["action"],
                       "dimension_id": pk if subject.key[0] == gap.DIMENSION else None,
                       "readiness_element_id": pk if subject.key[0] == gap.ELEMENT else None}
            if change.kind == ADDED:
                row = GapRow.objects.create(masterplan=masterplan, position=values["position"],
                                            updated_by=user, **content)
                names = set(values)
            else:
                row = change.current.obj
                old = change.current.values
                links = ({"strategies", "evidence"} & names) and (
                    {k for _l, k in decode(old["strategies"])} != {k for _l, k in decode(values["strategies"])}
                    or old["evidence"] != values["evidence"])
                if names - {"position", "strategies", "evidence"} or links:
                    update_versioned(row, content, user)
                if not links:
                    names -= {"strategies", "evidence"}
            objects[change.key] = row
            if "evidence" in names:
                row.evidence.set(index.by_label[label] for label in split_cell(values["evidence"], r"\n"))
            if "strategies" in names:
                row.strategies.set(strategy_id(key, applied) for _label, key in
                                   decode(values["strategies"]))
        stash(ctx, "swot.gap_objects").update(objects)  # for sheets citing new gap rows
        current = {row.key: row.obj for row in self.current_rows(masterplan, ctx)}
        final = stash(ctx, "swot.gap_rows")
        renumber(GapRow, [(objects.get(key) or current[key], position)
                           for key, position in final.get("order", [])])
