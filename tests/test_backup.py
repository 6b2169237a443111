"""The backup routine of docs/deploy.md ("Backups", "Restore") works: a database dumped with
`pg_dump -Fc` and restored with `pg_restore` into an empty database gives the same workbook
export of Kota Bandung (a masterplan with 12 programs, their KPIs, targets, financing and M&E
records), cell by cell, as the original."""

import io
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection
from openpyxl import load_workbook

from demo.grow import grow
from masterplan.models import Region
from masterplan.workbook.export import INFO_EXPORT_STAMP, INFO_EXPORTED_AT, export_current

from .factories import MasterplanFactory

pytestmark = [pytest.mark.heavy, pytest.mark.django_db(transaction=True)]

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def server_url(name):
    db = connection.settings_dict
    return (f"postgresql://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{name}")


def cells(content):
    """{sheet: [row values]} of a workbook, but for the time it was exported."""
    workbook = load_workbook(io.BytesIO(content))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)
                          if row[0] not in (INFO_EXPORTED_AT, INFO_EXPORT_STAMP)]
            for sheet in workbook.worksheets}


@pytest.fixture
def empty_database():
    if connection.vendor != "postgresql":
        pytest.skip("the routine is PostgreSQL's pg_dump and pg_restore")
    name = f"restore_{uuid.uuid4().hex[:12]}"
    subprocess.run(["psql", server_url("postgres"), "-c", f'CREATE DATABASE "{name}"'],
                   check=True, capture_output=True)
    yield name
    subprocess.run(["psql", server_url("postgres"), "-c", f'DROP DATABASE IF EXISTS "{name}"'],
                   check=True, capture_output=True)


def test_a_dump_restored_into_an_empty_database_exports_the_same_workbook(empty_database,
                                                                          tmp_path):
    masterplan = MasterplanFactory(region=Region.objects.get(code="32.73"))
    grow(masterplan, 12)
    original = export_current(masterplan.region).content

    dump = tmp_path / "db.dump"
    subprocess.run(["pg_dump", "-Fc", "--file", str(dump),
                    server_url(connection.settings_dict["NAME"])], check=True, capture_output=True)
    subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "-d",
                    server_url(empty_database), str(dump)], check=True, capture_output=True)

    restored_file = tmp_path / "restored.xlsx"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings",
                   "DATABASE_URL": server_url(empty_database)}
    exported = subprocess.run(
        [sys.executable, "manage.py", "export_workbook", "32.73", "-o", str(restored_file)],
        cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True)
    assert exported.returncode == 0, exported.stderr
    restored = cells(restored_file.read_bytes())
    assert len(restored) > 20 and sum(len(rows) for rows in restored.values()) > 200
    assert restored == cells(original)
