"""The migrations, applied to an empty database as `make run` and a deployment apply them, give
the schema of the models and the reference rows the loaders give the test database (which
pytest.ini builds from the models, without the migrations, for speed); and no model change lacks
its migration."""

import json
import os
import subprocess
import sys
import uuid

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

PROJECT_ROOT = settings.BASE_DIR
# Rows per table, printed by the migrated database's own process.
COUNT_ROWS = """
import json
from django.db import connection
with connection.cursor() as cursor:
    counts = {}
    for table in connection.introspection.table_names():
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
print(json.dumps(counts))
"""
# Django's own bookkeeping, which the two ways of building a database fill differently.
BOOKKEEPING = {"django_migrations"}


def manage(database_url, *args):
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def empty_database(tmp_path):
    """The URL of an empty database of the test database's kind."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
        return
    name = f"test_migrations_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(dbname="postgres", user=db["USER"], password=db["PASSWORD"],
                             host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432)
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        yield f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def row_counts():
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db
def test_the_migrations_give_the_models_tables_and_the_loaders_reference_rows(empty_database):
    migrated = manage(empty_database, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    counted = manage(empty_database, "shell", "-c", COUNT_ROWS)
    assert counted.returncode == 0, counted.stderr[-3000:]
    after_migrations = json.loads(counted.stdout.strip().splitlines()[-1])
    from_models = row_counts()  # in this test's transaction: the reference data alone
    assert set(after_migrations) - BOOKKEEPING == set(from_models) - BOOKKEEPING
    differing = {table: (after_migrations[table], from_models[table])
                 for table in from_models if table not in BOOKKEEPING
                 and after_migrations[table] != from_models[table]}
    assert differing == {}, "rows (migrations, loaders): " + repr(differing)
    assert from_models["masterplan_region"] == 552


def test_every_model_change_has_its_migration(empty_database):
    checked = manage(empty_database, "makemigrations", "--check", "--dry-run")
    assert checked.returncode == 0, checked.stdout[-3000:] + checked.stderr[-3000:]
