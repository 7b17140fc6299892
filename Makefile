# Two commands do everything: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n auto
# The app defaults to production mode; these targets run it in development mode, on purpose.
DEV := DEBUG=true

.PHONY: run test install migrate demo check clean node_modules screenshots bench export-pictures fidelity

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

install: $(STAMP)

migrate: $(STAMP)
	$(DEV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(DEV) $(BIN)/python manage.py load_demo

# The embedded default: a Celery worker with beat on kombu's filesystem transport
# (no Redis) sends reminders on schedule; emails are written to var/emails/.
# Emailed links point at the address served (make run PORT=8100 gives links on :8100).
RUN_ENV := $(DEV) CELERY_BROKER_URL=filesystem:// \
	EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend \
	SITE_URL=http://$(HOST):$(PORT)

run: demo
	@mkdir -p var/emails
	@echo
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C to stop)."
	@echo "Reminders: a Celery worker with beat runs beside it (log in var/celery.log); emails go to var/emails/."
	@$(RUN_ENV) $(BIN)/celery -A actionlog worker --beat --pool solo --loglevel INFO \
	  --schedule var/celerybeat-schedule > var/celery.log 2>&1 & echo $$! > var/celery.pid; \
	trap 'kill $$(cat var/celery.pid) 2>/dev/null; rm -f var/celery.pid' EXIT INT TERM; \
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# axe-core for the accessibility checks in tests/browser, from package-lock.json.
# Without npm those tests are skipped (failed in CI) and `make test` still runs.
NODE_STAMP := node_modules/.package-lock.json

$(NODE_STAMP): package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --silent || echo "npm ci failed: the accessibility tests will not run"; \
	else \
	  echo "npm not found: the accessibility tests will not run (install Node.js and npm)"; \
	fi

node_modules: $(NODE_STAMP)

test: $(STAMP) $(NODE_STAMP)
	$(DEV) $(BIN)/python -m pytest $(PYTEST_ARGS)

# Rewrite the README's screenshots in docs/screenshots/ from the browser tests.
screenshots: $(STAMP) $(NODE_STAMP)
	$(DEV) ACTIONLOG_SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser -q

# Benchmarks: generates its data (PostgreSQL database actionlog_bench* and SQLite under
# var/bench/), loads the pages with hey, writes docs/benchmarks.md. See bench/run.py for
# BENCH_* settings (e.g. BENCH_DATABASES=sqlite BENCH_BOARDS=5 for a quick run).
bench: $(STAMP)
	$(BIN)/python bench/run.py

# The importers' scorecards on the corpus in tests/fidelity/: printed, and written to docs/fidelity.md.
fidelity: $(STAMP)
	$(DEV) ACTIONLOG_FIDELITY_REPORT=1 $(BIN)/python -m pytest tests/fidelity -n 0 -p no:randomly -q

# Lint and format (ruff), types (mypy with django-stubs, which loads the settings), the layer
# contract (import-linter, in pyproject.toml), Django's checks, and no model change without its migration.
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEV) $(BIN)/mypy boards actionlog
	$(BIN)/lint-imports
	$(DEV) $(BIN)/python manage.py check
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run

# Render the demo log's Word and PDF exports to PNG in docs/exports/ (LibreOffice and pdftoppm).
export-pictures: $(STAMP)
	$(DEV) PYTHON=$(BIN)/python bash docs/render-exports.sh

clean:
	rm -rf $(VENV) node_modules db.sqlite3 db.sqlite3-* var staticfiles
