"""The masterplan workbook: one .xlsx per region's current masterplan, to fill in offline.

The core app owns the framework and the "Info" sheet (region code and name, guide edition,
masterplan title and period, export time); every other sheet comes from an app's registry entry.

Adding sheets from an app
-------------------------
In `<app>/workbook.py` subclass `masterplan.workbook.base.Sheet` and register the classes; import
that module from the app's `AppConfig.ready()` (readiness/apps.py does
`from . import workbook  # noqa: F401`)::

    from masterplan.workbook.base import CellReader, Row, Sheet, put, put_header, put_key
    from masterplan.workbook.registry import register

    @register
    class GoalsSheet(Sheet):
        key = "vision.goals"          # stable and unique: the diff digest and the preview use it
        title = "Tujuan"              # tab name: <= 31 characters, unique, not "Info"
        order = 400                   # readiness uses 100-310; ties are broken by key
        group = "Visi dan misi"       # the part of the masterplan the workbook page lists it under
        fields = {"text": "Tujuan"}   # field -> column label, for the preview and messages

        def applies_to(self, masterplan, ctx):          # optional, default True
            ...
        def current_rows(self, masterplan, ctx):        # -> [Row(key, label, values, obj=...)]
            ...
        def write(self, ws, masterplan, rows, ctx):     # lay the rows out on an empty worksheet
            ...
        def parse(self, data, masterplan, current, ctx, errors):  # SheetData -> [Row]
            ...
        def apply(self, masterplan, changes, user, ctx):          # [importer.RowChange]
            ...

Contract
--------
- Column A of every sheet is the hidden key column: write each row's `Row.key` there with
  `put_key`; rows the person adds have an empty key, so `parse` gives them a key of their own
  (e.g. f"new@{line}") that matches no current row. Keys of rows that exist must be equal in
  `current_rows` and `parse`: the framework diffs by key and by field (importer.diff_sheet).
- `Row.values` are normalized: text as str ("" when empty; read it with `CellReader.text`, which
  strips control characters and normalizes line breaks like `put` does), numbers as Decimal at 4
  places (`CellReader.decimal`), years as int (`CellReader.year`, 1945-2100), judgements as codes
  (`CellReader.judgement`: ✓, v or X in exactly one column). Exported and re-imported unchanged,
  a sheet must report no change (tests/masterplan/test_workbook.py checks the round trip).
- Write every cell with `put`: text is always a literal string (quotePrefix for = + - @), so
  spreadsheet programs evaluate nothing; on import a formula cell is refused.
- `parse` reports problems with `errors.add(kind, row, column_label, **params)` (kinds and their
  Indonesian/English wording in errors.py) and goes on, so a person sees every problem at once;
  check the printed headings with `CellReader.expect_headers` so a moved column is refused.
- `apply` runs inside the import's single transaction. Change versioned objects with
  `update_versioned` / `delete_versioned`: the version is bumped (open edit forms then show a
  conflict) and a row changed since the preview raises StaleData, which rolls everything back
  and shows the new preview.
- `ctx` (base.Context) is shared by all sheets of one export or import: cache queries with
  `ctx.once(name, compute)` so the export costs a fixed number of queries.

Modules: registry (register, sheets_for), base (Sheet, Row, cell helpers), export
(build_workbook, export_current), importer (preview, apply, the WorkbookImport lifecycle),
cells (what sheets share beyond one cell: citing values, row keys, list cells), safety (file
checks before openpyxl), errors (messages; apps add theirs with register_messages). Entry
points: the pages in masterplan/views/workbook.py and `manage.py export_workbook` /
`import_workbook`.
"""
