# Draftroom: `make demo` runs it on SQLite with demo data; `make test` runs lint and every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# A Python 3.12+ that really runs (pyenv shims exist even when they cannot run).
PYTHON ?= $(shell for c in python3.13 python3.12 "$$(pyenv prefix 3.13.0 2>/dev/null)/bin/python3.13" "$$(pyenv prefix 3.12.1 2>/dev/null)/bin/python3.12"; do \
	if $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then echo $$c; break; fi; done)

.PHONY: venv demo test lint format bench messages clean

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "Draftroom needs Python 3.12 or newer; none found." >&2; exit 1; fi
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

# The demo is a development server on SQLite unless DATABASE_URL says otherwise.
DEMO_ENV := DATABASE_URL=$${DATABASE_URL:-sqlite:///db.sqlite3} DEBUG=$${DEBUG:-true}

# PORT=8001 make demo serves on another port.
PORT ?= 8000

demo: $(STAMP)
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py seed_demo
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# One pytest worker per core (pytest-xdist); TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto

test: lint
	@$(PY) scripts/testenv.py -- $(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Interface translations: collect every wrapped string into locale/{fr,es}, then compile them.
# Translate what makemessages added (no empty or fuzzy msgstr) before compiling and committing.
I18N_ENV := DEBUG=true DATABASE_URL=sqlite:///:memory:
I18N_SKIP := --ignore=.venv --ignore=bench --ignore=tests --ignore=scripts --ignore=static --ignore=staticfiles

messages: $(STAMP)
	$(I18N_ENV) $(PY) manage.py makemessages --no-obsolete --no-location -l fr -l es $(I18N_SKIP)
	$(I18N_ENV) $(PY) manage.py compilemessages $(I18N_SKIP)

# The benchmark: its own PostgreSQL database (draftroom_bench), gunicorn on loopback, bench/results.md.
bench: $(STAMP)
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
