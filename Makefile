# Masterplan Smart City Daerah: `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000
# `make run` is for a laptop: DEBUG on, SQLite under var/ unless DATABASE_URL says otherwise.
RUN_ENV := DEBUG=$${DEBUG:-1}

.PHONY: run test test-fast lint bench bench-batch loadtest loadtest-mixed books install migrate demo check clean

$(STAMP): requirements.txt requirements-test.txt
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is required") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	mkdir -p var
	$(RUN_ENV) $(PY) manage.py migrate --noinput

demo: migrate
	$(RUN_ENV) $(PY) manage.py seed_demo

run: demo
	$(RUN_ENV) $(PY) manage.py runserver $(HOST)

check: install
	$(RUN_ENV) $(PY) manage.py check
	$(RUN_ENV) $(PY) manage.py makemigrations --check --dry-run

# Two processes; an idle one takes tests queued for the other (worksteal), so a long test near
# the end does not leave a core idle.
test: install
	$(PY) -m pytest -n 2 --dist worksteal

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# Everything but the browser tests, the tests that need a real Celery worker and the heavy ones
# (whole books typeset and read back).
test-fast: install
	$(PY) -m pytest -m "not browser and not worker and not heavy"

# Renders the full demo region's three books and prints the timings (docs/performance.md), then
# the worst case: every typed text at its maximum length, unbroken, and a region grown to 120
# programs (both rolled back afterwards); the workbook and the changes page of the same region;
# the public portal's pages of the demo and of the region grown to 230 programs, against the login page.
bench: demo
	$(RUN_ENV) $(PY) manage.py bench_books 32.73
	$(RUN_ENV) $(PY) manage.py bench_books 32.73 --worst-case
	$(RUN_ENV) $(PY) manage.py bench_books 32.73 --programs 120
	$(RUN_ENV) $(PY) manage.py bench_workbook 32.73
	$(RUN_ENV) $(PY) manage.py bench_changes 32.73
	$(RUN_ENV) $(PY) manage.py bench_portal 32.73

# A batch export of six regions' books (18 PDFs) by Celery workers of 1 and then 2 processes,
# beside a CPU probe of the cores the machine gives; peak memory per worker child. Needs a broker
# (CELERY_BROKER_URL, e.g. Redis); its database is a copy of the load test's demo.
bench-batch: install
	$(RUN_ENV) $(PY) manage.py bench_batch

# The key pages of each role under load, the bare login page interleaved: the demo and a copy with
# Kota Bandung grown to 230 programs, each in a database of its own (var/masterplan_loadtest*,
# or databases of that name on DATABASE_URL's PostgreSQL server; never the one `make run` serves),
# served by gunicorn with 2 workers on loopback and loaded with locust. Writes the table into
# docs/performance.md and stops by itself within 5 minutes.
loadtest: install
	$(RUN_ENV) $(PY) manage.py loadtest

# 50 users for 2 minutes on a copy of the same demo, readers of every role and team members
# replying in a comment thread: no request may fail and every reply answered as saved must be in
# the database afterwards (docs/performance.md, "Mixed load"). Stops within 5 minutes.
loadtest-mixed: install
	$(RUN_ENV) $(PY) manage.py loadtest_mixed

# Both demo regions' books in var/books/<region>/: the PDFs, a contact sheet of each book's pages
# (buku-N.png) for a person to look over, and what the visual checks find (buku-N.txt).
books: demo
	$(RUN_ENV) $(PY) manage.py book_sheets 32.73 35.10 -o var/books

clean:
	rm -rf $(VENV) var/*.sqlite3 .pytest_cache
