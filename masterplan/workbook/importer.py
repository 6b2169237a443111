"""Import: read an uploaded workbook safely, compare it with the masterplan, apply the changes.

`preview(masterplan, data)` checks the file (safety.py), the Info sheet (region and guide
edition), parses every sheet and returns a WorkbookDiff: per sheet, rows added, changed (field by
field, old -> new) and removed, plus a digest of those changes. `apply(...)` recomputes the diff
in one transaction with the masterplan row locked and applies it only if its digest is still the
one the person previewed (else StalePreview carries the new diff); a versioned row changed in the
meantime (StaleData) or a constraint violation rolls everything back. A workbook that would
change or remove a row saved in the app after the workbook's export time (Info "Stempel ekspor")
is refused cell by cell (`changed_since_export`): the workbook holds no record of what it was
exported with, so it cannot tell its own edits from stale values, and never reverts the app.

The upload lifecycle of the browser (WorkbookImport: pending -> applied | cancelled) is at the
bottom: start_import, refresh_preview, confirm_import, cancel_import.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import clock, content_version
from ..models import Masterplan, WorkbookImport
from . import safety
from .base import Context, Row, Sheet, StaleData, clean_text
from .errors import CellError, ErrorList, WorkbookError
from .export import INFO_EDITION, INFO_EXPORT_STAMP, INFO_REGION_CODE
from .registry import INFO_TITLE, sheets_for

ADDED, CHANGED, REMOVED = "added", "changed", "removed"


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: object
    new: object
    old_display: str
    new_display: str


@dataclass
class RowChange:
    kind: str  # ADDED, CHANGED or REMOVED
    key: str
    label: str
    line: int | None  # the row in the uploaded sheet (None for removed rows)
    current: Row | None
    new: Row | None
    fields: list = field(default_factory=list)  # [FieldChange]


@dataclass
class SheetDiff:
    sheet: Sheet
    changes: list  # [RowChange]

    def count(self, kind):
        return sum(1 for change in self.changes if change.kind == kind)

    @property
    def added(self):
        return self.count(ADDED)

    @property
    def changed(self):
        return self.count(CHANGED)

    @property
    def removed(self):
        return self.count(REMOVED)


@dataclass
class WorkbookDiff:
    sheets: list  # [SheetDiff], every sheet of the workbook
    ctx: Context = None

    @property
    def changed_sheets(self):
        return [sheet_diff for sheet_diff in self.sheets if sheet_diff.changes]

    @property
    def is_empty(self):
        return not self.changed_sheets

    @property
    def total(self):
        return sum(len(sheet_diff.changes) for sheet_diff in self.sheets)

    @property
    def digest(self):
        """A hash of the changes (not of the file): equal digests mean the same changes."""
        payload = [
            [sheet_diff.sheet.key, change.kind, change.key,
             [[f.name, _canonical(f.old), _canonical(f.new)] for f in change.fields]]
            for sheet_diff in self.sheets for change in sheet_diff.changes
        ]
        return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


class StalePreview(Exception):
    """The masterplan changed since the preview: `diff` is the preview of now."""

    def __init__(self, diff):
        super().__init__("the masterplan changed since the preview")
        self.diff = diff


def _canonical(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def _empty(value):
    return value is None or value == ""


def _same(old, new):
    return (_empty(old) and _empty(new)) or old == new


# --- reading ---------------------------------------------------------------------------------

def info_values(data):
    """{label: value as text} of the Info sheet (column A label, column B value)."""
    values = {}
    for row in range(1, data.max_row + 1):
        label = data.value(row, 1)
        if isinstance(label, str) and label.strip():
            value = data.value(row, 2)
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            values[label.strip().casefold()] = "" if value is None else clean_text(value).strip()
    return values


def check_info(data, masterplan):
    if data is None:
        raise WorkbookError([CellError("missing_sheet", INFO_TITLE)])
    values = info_values(data)
    errors = []
    for label in (INFO_REGION_CODE, INFO_EDITION):
        if label.casefold() not in values:
            errors.append(CellError("info_missing", INFO_TITLE, params={"label": label}))
    if errors:
        raise WorkbookError(errors)
    region_code = values[INFO_REGION_CODE.casefold()]
    if region_code != masterplan.region.code:
        raise WorkbookError([CellError("wrong_region", params={
            "found": region_code or "?", "expected": masterplan.region.code})])
    edition = values[INFO_EDITION.casefold()]
    if edition != masterplan.edition.code:
        raise WorkbookError([CellError("wrong_edition", params={
            "found": edition or "?", "expected": masterplan.edition.code})])


def parse_workbook(masterplan, data):
    """[(sheet, current rows, parsed rows)] for every sheet, or WorkbookError listing every
    problem of every sheet."""
    safety.check_archive(data)
    ctx = Context(masterplan)
    sheets = sheets_for(masterplan, ctx)
    sheet_data = safety.read_sheets(data, [INFO_TITLE] + [sheet.title for sheet in sheets])
    check_info(sheet_data.get(INFO_TITLE), masterplan)
    ctx.exported_at = export_stamp(sheet_data.get(INFO_TITLE))
    errors, parsed = [], []
    for sheet in sheets:
        if sheet.title not in sheet_data:
            errors.append(CellError("missing_sheet", sheet.title))
            continue
        sheet_errors = ErrorList(sheet.title)
        current = sheet.current_rows(masterplan, ctx)
        rows = sheet.parse(sheet_data[sheet.title], masterplan, current, ctx, sheet_errors)
        errors.extend(sheet_errors.errors)
        parsed.append((sheet, current, rows))
    if errors:
        raise WorkbookError(errors)
    return ctx, parsed


def diff_sheet(sheet, current, parsed):
    """Added, changed and removed rows between the database (`current`) and the sheet."""
    by_key = {row.key: row for row in current}
    parsed_keys = {row.key for row in parsed}
    changes = []
    for row in parsed:
        old = by_key.get(row.key)
        if old is None:
            fields = [_field_change(sheet, row, None, name, None, value)
                      for name, value in row.values.items() if not _empty(value)]
            changes.append(RowChange(ADDED, row.key, row.label, row.line, None, row, fields))
            continue
        names = list(old.values) + [name for name in row.values if name not in old.values]
        fields = [_field_change(sheet, row, old, name, old.values.get(name), row.values.get(name))
                  for name in names
                  if not _same(old.values.get(name), row.values.get(name))]
        if fields:
            changes.append(RowChange(CHANGED, row.key, old.label, row.line, old, row, fields))
    for row in current:
        if row.key not in parsed_keys:
            fields = [_field_change(sheet, None, row, name, value, None)
                      for name, value in row.values.items() if not _empty(value)]
            changes.append(RowChange(REMOVED, row.key, row.label, None, row, None, fields))
    return changes


def _field_change(sheet, new_row, old_row, name, old, new):
    label = None
    for row in (new_row, old_row):
        if row is not None and name in row.labels:
            label = row.labels[name]
            break
    label = label or sheet.fields.get(name, name)
    return FieldChange(name, str(label), old, new, sheet.display(name, old), sheet.display(name, new))


def export_stamp(info):
    """The exact export time of the workbook (None for a workbook without the stamp)."""
    stamp = info_values(info).get(INFO_EXPORT_STAMP.casefold(), "")
    try:
        exported_at = datetime.datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return exported_at if exported_at.tzinfo else None


def changed_since_export(sheet_diffs, exported_at, region=None):
    """A cell the import would change in a row someone changed in the app after the export would
    silently revert that person's change (the workbook still holds the old value): one CellError
    per such cell, saying when in the zone of `region`. Rows added in the app after the export
    would be removed: one per row."""
    if exported_at is None:
        return []
    errors = []
    for sheet_diff in sheet_diffs:
        for change in sheet_diff.changes:
            obj = change.current.obj if change.current is not None else None
            updated_at = getattr(obj, "updated_at", None)
            if change.kind == ADDED or updated_at is None or updated_at <= exported_at:
                continue
            params = {"who": str(getattr(obj, "updated_by", None) or "pengguna lain"),
                      "when": clock.format_datetime(updated_at, region)}
            if change.kind == REMOVED:
                errors.append(CellError("changed_in_app", sheet_diff.sheet.title, None, None,
                                        {**params, "value": change.label}))
                continue
            for field_change in change.fields:
                errors.append(CellError("changed_in_app", sheet_diff.sheet.title, change.line,
                                        field_change.label,
                                        {**params, "value": field_change.old_display or "—"}))
    return errors


def preview(masterplan, data):
    """The WorkbookDiff of the workbook `data` (bytes) against the masterplan; WorkbookError if the
    file is refused (also when it would overwrite a row changed in the app after the export).
    Saves nothing."""
    ctx, parsed = parse_workbook(masterplan, data)
    diff = WorkbookDiff([SheetDiff(sheet, diff_sheet(sheet, current, rows))
                         for sheet, current, rows in parsed], ctx)
    errors = changed_since_export(diff.sheets, getattr(ctx, "exported_at", None),
                                  masterplan.region)
    if errors:
        raise WorkbookError(errors)
    return diff


# --- applying --------------------------------------------------------------------------------

def apply(masterplan, data, user, expected_digest):
    """Apply the workbook's changes all or nothing, if they are still those previewed
    (`expected_digest`). Returns the applied WorkbookDiff; raises StalePreview or WorkbookError."""
    try:
        # The sheets' rows bump the masterplan's content version once, with the import.
        with content_version.collecting():
            # Serialise imports (and version checks) of one masterplan.
            Masterplan.objects.select_for_update().filter(pk=masterplan.pk).first()
            diff = preview(masterplan, data)
            if diff.digest != expected_digest:
                raise StalePreview(diff)
            for sheet_diff in diff.changed_sheets:
                sheet_diff.sheet.apply(masterplan, sheet_diff.changes, user, diff.ctx)
            content_version.masterplan_changed(masterplan.pk)
    except StaleData:
        raise StalePreview(preview(masterplan, data)) from None
    except IntegrityError as error:
        raise WorkbookError([CellError("conflict", params={"detail": str(error)[:200]})]) from None
    return diff


# --- uploads from the browser ------------------------------------------------------------------

def read_upload(uploaded):
    """The bytes of an UploadedFile, refusing an oversized one before reading it."""
    safety.check_size(uploaded.size)
    return b"".join(uploaded.chunks())


def start_import(masterplan, user, uploaded):
    """Check and preview an upload. Returns (WorkbookImport or None when nothing would change,
    diff); WorkbookError if refused (then nothing is stored)."""
    data = read_upload(uploaded)
    diff = preview(masterplan, data)
    if diff.is_empty:
        return None, diff
    workbook_import = WorkbookImport(
        masterplan=masterplan, uploaded_by=user, original_name=(uploaded.name or "")[:200],
        changes_hash=diff.digest)
    workbook_import.file.save("upload.xlsx", ContentFile(data), save=False)
    try:
        workbook_import.save()
    except Exception:
        workbook_import.file.delete(save=False)
        raise
    return workbook_import, diff


def _stored_data(workbook_import):
    try:
        with workbook_import.file.open("rb") as stored:
            return stored.read()
    except (OSError, ValueError):
        raise WorkbookError([CellError("stored_missing")]) from None


def refresh_preview(workbook_import):
    """(diff, changed_since_upload) of a pending import. Only reads: the page sends the digest
    of what it shows, and confirm_import applies only if the changes are still those."""
    diff = preview(workbook_import.masterplan, _stored_data(workbook_import))
    return diff, diff.digest != workbook_import.changes_hash


@dataclass
class Outcome:
    applied: bool
    diff: WorkbookDiff | None = None
    already_decided: bool = False


def confirm_import(workbook_import, user, seen_digest=None):
    """Apply a pending import if its changes are still those previewed (`seen_digest`, the
    digest the page showed, or else the stored hash); otherwise the new preview, with the hash
    updated."""
    masterplan = workbook_import.masterplan
    data = _stored_data(workbook_import)
    try:
        with transaction.atomic():
            # Lock the row the caller already reached through the access layer (no double apply).
            locked = WorkbookImport.objects.select_for_update().filter(pk=workbook_import.pk).first()
            if locked is None or locked.status != WorkbookImport.Status.PENDING:
                return Outcome(applied=False, already_decided=True)
            diff = apply(masterplan, data, user, seen_digest or locked.changes_hash)
            locked.status = WorkbookImport.Status.APPLIED
            locked.decided_by = user
            locked.decided_at = timezone.now()
            locked.save(update_fields=["status", "decided_by", "decided_at"])
    except StalePreview as stale:
        WorkbookImport.objects.filter(pk=workbook_import.pk).update(changes_hash=stale.diff.digest)
        workbook_import.changes_hash = stale.diff.digest
        return Outcome(applied=False, diff=stale.diff)
    workbook_import.refresh_from_db()
    return Outcome(applied=True, diff=diff)


def cancel_import(workbook_import, user):
    """Discard a pending import and its stored file. False if it was already decided."""
    with transaction.atomic():
        updated = WorkbookImport.objects.filter(
            pk=workbook_import.pk, status=WorkbookImport.Status.PENDING).update(
            status=WorkbookImport.Status.CANCELLED, decided_by=user, decided_at=timezone.now())
        if updated:
            name = workbook_import.file.name
            storage = workbook_import.file.storage
            transaction.on_commit(lambda: storage.delete(name))
    workbook_import.refresh_from_db()
    return bool(updated)
