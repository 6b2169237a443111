"""manage.py export_workbook / import_workbook: same service as the pages, English messages."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from masterplan.models import Masterplan
from masterplan.workbook.export import export_current

from .workbook_helpers import cell_values, db_state, edit, entry, fill, timestamp_cells

pytestmark = pytest.mark.django_db


@pytest.fixture
def masterplan(world):
    return fill(world.masterplans["own"])


def test_export_writes_the_current_masterplan(masterplan, tmp_path, capsys):
    target = tmp_path / "bandung.xlsx"
    call_command("export_workbook", "32.73", "-o", str(target))
    assert f"wrote the workbook of “{masterplan.title}” to {target}" in capsys.readouterr().out
    # The same service the download page uses (the export time aside).
    content = target.read_bytes()
    skip = timestamp_cells(content)
    assert cell_values(content, skip) == cell_values(export_current(masterplan.region).content, skip)


def test_export_refuses_unknown_region_and_region_without_masterplan(world, tmp_path):
    with pytest.raises(CommandError, match="Unknown region code '99.99'"):
        call_command("export_workbook", "99.99", "-o", str(tmp_path / "x.xlsx"))
    Masterplan.objects.filter(region__code="32.73").update(is_current=False)
    with pytest.raises(CommandError, match=r"Region 32\.73 \(Kota Bandung\) has no current masterplan"):
        call_command("export_workbook", "32.73", "-o", str(tmp_path / "x.xlsx"))
    assert not (tmp_path / "x.xlsx").exists()


def test_import_dry_run_prints_the_changes_and_saves_nothing(masterplan, tmp_path, capsys):
    path = tmp_path / "diubah.xlsx"
    path.write_bytes(edit(export_current(masterplan.region).content, lambda wb: (
        wb["II.2 SDM"].__setitem__("E4", 13), wb["II.2 SDM"].__setitem__("G4", None))))
    before = db_state(masterplan)
    call_command("import_workbook", "32.73", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "Sheet “II.2 SDM”: 0 added, 1 changed, 0 removed" in out
    assert "  changed row 4: 1. Jumlah komunitas minat bakat/hobbie/kreatif di daerah" in out
    assert "      Angka: 12,5 → 13" in out
    assert "      Interpretasi: Baik → (empty)" in out
    assert "1 changes; dry run, nothing saved." in out
    assert db_state(masterplan) == before


def test_import_applies_the_changes(masterplan, tmp_path, capsys):
    path = tmp_path / "diubah.xlsx"
    path.write_bytes(edit(export_current(masterplan.region).content,
                          lambda wb: wb["II.2 SDM"].__setitem__("E4", 13)))
    call_command("import_workbook", "32.73", str(path))
    assert f"Applied 1 changes to “{masterplan.title}”." in capsys.readouterr().out
    item = entry(masterplan, "human_resources", 1)
    assert (item.value_number, item.version) == (Decimal("13"), 2)
    call_command("import_workbook", "32.73", str(path))
    assert "No changes: the workbook matches the masterplan." in capsys.readouterr().out


def test_import_errors_are_in_english_and_nothing_is_saved(masterplan, world, tmp_path):
    path = tmp_path / "salah.xlsx"
    path.write_bytes(edit(export_current(masterplan.region).content,
                          lambda wb: wb["II.2 SDM"].__setitem__("E7", "banyak")))
    before = db_state(masterplan)
    with pytest.raises(CommandError) as refused:
        call_command("import_workbook", "32.73", str(path))
    assert str(refused.value) == (f"{path} was refused; nothing was saved:\n"
                                  "Sheet “II.2 SDM”, row 7, column Angka: not a number.")
    # A workbook of another region, a file that is not a workbook, a missing file.
    with pytest.raises(CommandError, match="This workbook belongs to region 32.73, not 35.10."):
        call_command("import_workbook", "35.10", str(path))
    csv = tmp_path / "data.xlsx"
    csv.write_text("Kode,Nama\n")
    with pytest.raises(CommandError, match=r"The file is not an Excel workbook \(\.xlsx\)\."):
        call_command("import_workbook", "32.73", str(csv))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_workbook", "32.73", str(tmp_path / "tidak-ada.xlsx"))
    with pytest.raises(CommandError, match="Unknown region code '99.99'"):
        call_command("import_workbook", "99.99", str(path))
    assert db_state(masterplan) == before
