"""The "Visi Misi" sheet: the vision, the missions and the guide's two checklists (see the
package docstring)."""

from masterplan.text_limits import LIMITS, limit
from masterplan.workbook.base import (
    LABEL,
    MARK,
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
from masterplan.workbook.cells import NEW_PREFIX, YES, flag, new_key, stash
from masterplan.workbook.importer import ADDED, REMOVED

from .. import services
from ..models import Mission, Vision, VisionCheck, VisionCheckKind
from .common import display_position

VISION_MARK, MISSION_MARK, CRITERIA_MARK, QUALITY_MARK = "#visi", "#misi", "#kriteria", "#syarat"
V_NO, V_TEXT, V_MET, V_REASON = 2, 3, 4, 5
MET = YES
VISION_SECTIONS = {
    VISION_MARK: ("Visi dan rujukannya", {V_NO: "Bagian", V_TEXT: "Uraian"}),
    MISSION_MARK: ("Misi", {V_NO: "No", V_TEXT: "Misi"}),
    CRITERIA_MARK: ("Kriteria rumusan visi", {V_NO: "No", V_TEXT: "Kriteria rumusan visi",
                                              V_MET: "Terpenuhi", V_REASON: "Alasan singkat"}),
    QUALITY_MARK: ("Syarat visi yang baik", {V_NO: "No", V_TEXT: "Syarat visi yang baik",
                                             V_MET: "Terpenuhi", V_REASON: "Alasan singkat"}),
}
CHECK_SECTIONS = {VisionCheckKind.CRITERION: CRITERIA_MARK, VisionCheckKind.QUALITY: QUALITY_MARK}


class VisionSheet(Sheet):
    key = "swot.vision"
    title = "Visi Misi"
    order = 480
    group = "Kesenjangan, visi misi dan sasaran"
    fields = {"text": "Uraian", "position": "No", "met": "Terpenuhi", "justification": "Alasan singkat"}

    def display(self, name, value):
        if name == "position":
            return display_position(value)
        if name == "met":
            return "Ya" if value == MET else ""
        return super().display(name, value)

    def load(self, masterplan, ctx):
        def load():
            vision = Vision.objects.filter(masterplan=masterplan).first()
            missions = list(Mission.objects.filter(masterplan=masterplan).order_by("position", "pk"))
            checks = {(check.kind, check.number): check
                      for check in VisionCheck.objects.filter(masterplan=masterplan)}
            return vision, missions, checks, services.vision_catalogue(masterplan.edition.code)
        return ctx.once("swot.vision", load)

    def current_rows(self, masterplan, ctx):
        vision, missions, checks, catalogue = self.load(masterplan, ctx)
        rows = [Row(f"v:{name}", str(Vision._meta.get_field(name).verbose_name),
                    {"text": getattr(vision, name) if vision else ""}, obj=vision)
                for name in Vision.TEXT_FIELDS]
        rows += [Row(f"m{mission.pk}", f"Misi {rank + 1}", {"position": rank, "text": mission.text},
                     obj=mission, labels={"text": "Misi"}) for rank, mission in enumerate(missions)]
        for kind, section in CHECK_SECTIONS.items():
            for number, title, description in catalogue.get(kind, []):
                check = checks.get((kind, number))
                row = Row(f"c:{kind}:{number}", f"{VISION_SECTIONS[section][0]} {number}. {title}",
                          {"met": flag(check and check.met),
                           "justification": check.justification if check else ""}, obj=check)
                row.check = (kind, number, title, description)
                rows.append(row)
        return rows

    def write(self, ws, masterplan, rows, ctx):
        put_title(ws, 1, "Visi dan Misi Smart City Daerah", V_NO)
        sections = {VISION_MARK: [], MISSION_MARK: [], CRITERIA_MARK: [], QUALITY_MARK: []}
        for row in rows:
            if row.key.startswith("v:"):
                sections[VISION_MARK].append(row)
            elif row.key.startswith("m"):
                sections[MISSION_MARK].append(row)
            else:
                sections[CHECK_SECTIONS[row.check[0]]].append(row)
        line = 3
        for mark_key, (_title, headers) in VISION_SECTIONS.items():
            put_key(ws, line, mark_key)
            for column, header in headers.items():
                put_header(ws, line, column, header)
            for row in sections[mark_key]:
                line += 1
                put_key(ws, line, row.key)
                if mark_key == VISION_MARK:
                    put(ws, line, V_NO, row.label, LABEL)
                    put(ws, line, V_TEXT, row.values["text"])
                elif mark_key == MISSION_MARK:
                    put(ws, line, V_NO, row.values["position"] + 1)
                    put(ws, line, V_TEXT, row.values["text"])
                else:
                    _kind, number, title, description = row.check
                    put(ws, line, V_NO, number)
                    put(ws, line, V_TEXT, f"{title}: {description}" if description else title)
                    put(ws, line, V_MET, MARK if row.values["met"] == MET else "")
                    put(ws, line, V_REASON, row.values["justification"])
            line += 3 if mark_key == MISSION_MARK else 2  # room for new missions
        set_widths(ws, {1: 8, V_NO: 28, V_TEXT: 80, V_MET: 11, V_REASON: 50})

    def parse(self, data, masterplan, current, ctx, errors):
        reader = CellReader(data, errors)
        markers = {}
        for line in range(1, data.max_row + 1):
            key = reader.key(line)
            if key in VISION_SECTIONS:
                if key in markers:
                    errors.add("duplicate_row", line, None, key=key, other=markers[key])
                markers[key] = line
        for mark_key, (title, headers) in VISION_SECTIONS.items():
            if mark_key not in markers:
                errors.add("swot_missing_section", None, None, section=title, key=mark_key)
            else:
                reader.expect_headers(markers[mark_key], headers)
        if errors:
            return []
        by_key = {row.key: row for row in current}
        ends = sorted(markers.values()) + [data.max_row + 1]
        rows, seen = [], {}
        for mark_key, start in sorted(markers.items(), key=lambda kv: kv[1]):
            end = ends[ends.index(start) + 1]
            prefix = {VISION_MARK: "v:", MISSION_MARK: "m", CRITERIA_MARK: "c:", QUALITY_MARK: "c:"}[mark_key]
            for line in range(start + 1, end):
                if data.is_blank(line, V_NO, V_REASON):
                    continue
                key = reader.key(line)
                if key and (key not in by_key or not key.startswith(prefix)):
                    errors.add("unknown_row", line, None, key=key[:20])
                    continue
                if key in seen:
                    errors.add("duplicate_row", line, None, key=key, other=seen[key])
                    continue
                if not key and mark_key != MISSION_MARK:
                    if mark_key == VISION_MARK or not data.is_blank(line, V_MET, V_REASON):
                        errors.add("no_new_rows", line)
                    continue  # a note someone wrote beside a checklist is not read
                key = key or new_key(line)
                seen[key] = line
                rows.append(self._read(reader, errors, line, key, by_key.get(key), mark_key, rows))
        for row in current:
            if not row.key.startswith("m") and row.key not in seen:
                errors.add("missing_row", label=row.label)
        missions = [row for row in rows if row.key not in by_key or row.key.startswith("m")]
        stash(ctx, "swot.vision_rows")["missions"] = [(row.key, row.values["position"]) for row in missions]
        return rows

    @staticmethod
    def _read(reader, errors, line, key, current, mark_key, rows):
        if mark_key == VISION_MARK:
            max_length = LIMITS.get(f"swot.Vision.{key.removeprefix('v:')}")
            text = reader.text(line, V_TEXT, "Uraian", max_length=max_length).strip()
            return Row(key, current.label, {"text": text},
                       line=line)
        if mark_key == MISSION_MARK:
            position = sum(1 for row in rows if row.key.startswith(("m", NEW_PREFIX)))
            text = reader.text(line, V_TEXT, "Misi", required=True,
                               max_length=limit("swot.Mission.text")).strip()
            return Row(key, f"Misi {position + 1}", {"position": position, "text": text}, line=line,
                       labels={"text": "Misi"})
        _kind, _number, title, _description = current.check
        met = reader.judgement(line, [(V_MET, "Terpenuhi", MET)], "Terpenuhi")
        justification = reader.text(line, V_REASON, "Alasan singkat",
                                    max_length=limit("swot.VisionCheck.justification")).strip()
        if met == MET and not justification:
            errors.add("swot_met_needs_reason", line, "Alasan singkat", title=title)
        row = Row(key, current.label, {"met": met, "justification": justification}, line=line)
        row.check = current.check
        return row

    def apply(self, masterplan, changes, user, ctx):
        vision, missions, checks, _catalogue = self.load(masterplan, ctx)
        texts, objects = {}, {}
        for change in changes:
            if change.kind == REMOVED:
                delete_versioned(change.current.obj)
        for change in changes:
            if change.kind == REMOVED:
                continue
            values, names = change.new.values, {f.name for f in change.fields}
            if change.key.startswith("v:"):
                texts[change.key[2:]] = values["text"]
            elif change.key.startswith("c:"):
                content = {"met": values["met"] == MET, "justification": values["justification"]}
                if change.current.obj is not None:
                    update_versioned(change.current.obj, content, user)
                else:
                    _c, kind, number = change.key.split(":")
                    VisionCheck.objects.create(masterplan=masterplan, kind=kind, number=int(number),
                                               updated_by=user, **content)
            elif change.kind == ADDED:
                objects[change.key] = Mission.objects.create(
                    masterplan=masterplan, position=values["position"], text=values["text"],
                    updated_by=user)
            elif "text" in names:
                update_versioned(change.current.obj, {"text": values["text"]}, user)
        if texts and vision is not None:
            update_versioned(vision, texts, user)  # one UPDATE: the rows are one object
        elif texts:
            Vision.objects.create(masterplan=masterplan, updated_by=user, **texts)
        by_key = {f"m{mission.pk}": mission for mission in missions}
        renumber(Mission, [(objects.get(key) or by_key[key], position) for key, position in
                            stash(ctx, "swot.vision_rows").get("missions", [])])
