"""An import never silently reverts a change made in the app after the workbook was exported:
such a row is refused cell by cell, with who changed it and the value kept."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from masterplan import clock
from masterplan.editing import data_value, save_versioned
from masterplan.workbook import importer
from masterplan.workbook.errors import WorkbookError
from readiness.forms import EntryForm
from readiness.models import ReadinessEntry

from .workbook_helpers import db_state, edit, entry, export_bytes, fill, row_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def masterplan(world):
    return fill(world.masterplans["own"], world.user("anggota"))


def save_in_app(item, user, **changes):
    form = EntryForm(instance=item)
    data = {form.add_prefix(name): data_value(form[name]) for name in form.fields}
    data.update({form.add_prefix(name): value for name, value in changes.items()})
    form = EntryForm(data, instance=ReadinessEntry.objects.get(pk=item.pk))
    assert form.is_valid(), form.errors
    return save_versioned(form, user)


def set_number(key, value):
    def change(workbook):
        ws = workbook["II.2 SDM"]
        ws.cell(row=row_of(ws, key), column=5).value = value
    return change


def test_a_row_changed_in_the_app_after_the_export_is_refused_cell_by_cell(masterplan, world):
    content = export_bytes(masterplan)
    first = entry(masterplan, "human_resources", 1)
    save_in_app(first, world.user("ketua"), note="Catatan dari aplikasi")
    content = edit(content, set_number("c1", 99))
    before = db_state(masterplan)

    with pytest.raises(WorkbookError) as refused:
        importer.preview(masterplan, content)

    messages = refused.value.messages()
    assert len(messages) == 2  # the number typed in the workbook and the note it still holds
    assert all(f"Lembar “II.2 SDM”, baris {row_of_c1(content)}" in message for message in messages)
    assert any("“Catatan dari aplikasi” di aplikasi tidak ditimpa" in message
               for message in messages)
    assert all(str(world.user("ketua")) in message and "Unduh ulang buku kerja" in message
               for message in messages)
    when = clock.format_datetime(ReadinessEntry.objects.get(pk=first.pk).updated_at,
                                 masterplan.region)
    assert all(f"pada {when}," in message for message in messages)
    assert db_state(masterplan) == before


def row_of_c1(content):
    return row_of(load_workbook(io.BytesIO(content))["II.2 SDM"], "c1")


def test_a_row_the_workbook_leaves_alone_but_the_app_changed_is_not_reverted(masterplan, world):
    content = export_bytes(masterplan)
    third = entry(masterplan, "human_resources", 3)
    save_in_app(third, world.user("ketua"), note="Catatan baru")
    content = edit(content, set_number("c1", 99))

    with pytest.raises(WorkbookError) as refused:
        importer.apply(masterplan, content, world.user("anggota"), "any digest")

    assert any("“Catatan baru” di aplikasi tidak ditimpa" in message
               for message in refused.value.messages())
    assert ReadinessEntry.objects.get(pk=third.pk).note == "Catatan baru"
    assert entry(masterplan, "human_resources", 1).value_number != Decimal("99")


def test_changes_made_before_the_export_do_not_block_the_import(masterplan, world):
    save_in_app(entry(masterplan, "human_resources", 3), world.user("ketua"), note="Lebih dulu")
    content = edit(export_bytes(masterplan), set_number("c1", 99))
    diff = importer.preview(masterplan, content)
    importer.apply(masterplan, content, world.user("anggota"), diff.digest)
    assert entry(masterplan, "human_resources", 1).value_number == Decimal("99")
    assert entry(masterplan, "human_resources", 3).note == "Lebih dulu"
