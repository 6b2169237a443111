from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from masterplan.services import current_masterplan
from masterplan.workbook import importer, safety
from masterplan.workbook.errors import WorkbookError
from masterplan.workbook.export import NoCurrentMasterplan

from ._regions import region_by_code

KINDS = {importer.ADDED: "added", importer.CHANGED: "changed", importer.REMOVED: "removed"}


def describe(diff):
    """The preview as lines of English text (values as in the workbook)."""
    lines = []
    for sheet_diff in diff.changed_sheets:
        lines.append(f"Sheet “{sheet_diff.sheet.title}”: {sheet_diff.added} added, "
                     f"{sheet_diff.changed} changed, {sheet_diff.removed} removed")
        for change in sheet_diff.changes:
            where = f"row {change.line}" if change.line else "(not in the file)"
            lines.append(f"  {KINDS[change.kind]} {where}: {change.label}")
            for field in change.fields:
                lines.append(f"      {field.label}: {_show(field.old_display)} → {_show(field.new_display)}")
    return lines


def _show(text):
    if not text:
        return "(empty)"
    text = text.replace("\n", " ⏎ ")
    return text if len(text) <= 80 else text[:77] + "..."


class Command(BaseCommand):
    help = ("Import a filled-in workbook (.xlsx) into a region's current masterplan: print the "
            "changes, then apply them all at once (or nothing with --dry-run).")

    def add_arguments(self, parser):
        parser.add_argument("region_code", help="Kemendagri code, e.g. 32.73")
        parser.add_argument("file", help="the .xlsx file, as exported by export_workbook")
        parser.add_argument("--dry-run", action="store_true", help="only print the changes")

    def handle(self, *args, **options):
        region = region_by_code(options["region_code"])
        masterplan = current_masterplan(region)
        if masterplan is None:
            raise CommandError(str(NoCurrentMasterplan(region)))
        masterplan.region = region
        path = Path(options["file"])
        try:
            safety.check_size(path.stat().st_size)
            data = path.read_bytes()
        except WorkbookError as error:
            raise CommandError(self.failure(path, error)) from None
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
        try:
            diff = importer.preview(masterplan, data)
        except WorkbookError as error:
            raise CommandError(self.failure(path, error)) from None
        for line in describe(diff):
            self.stdout.write(line)
        if diff.is_empty:
            self.stdout.write("No changes: the workbook matches the masterplan.")
            return
        if options["dry_run"]:
            self.stdout.write(f"{diff.total} changes; dry run, nothing saved.")
            return
        try:
            applied = importer.apply(masterplan, data, None, diff.digest)
        except importer.StalePreview:
            raise CommandError("The masterplan changed while importing; nothing was saved. "
                               "Run the command again to see the new changes.") from None
        except WorkbookError as error:
            raise CommandError(self.failure(path, error)) from None
        self.stdout.write(f"Applied {applied.total} changes to “{masterplan.title}”.")

    def failure(self, path, error):
        return "\n".join([f"{path} was refused; nothing was saved:"] + error.messages("en"))
