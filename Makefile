# Two commands do everything: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n auto

.PHONY: run test install migrate demo check clean node_modules screenshots

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

install: $(STAMP)

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	@echo
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

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
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Rewrite the README's screenshots in docs/screenshots/ from the browser tests.
screenshots: $(STAMP) $(NODE_STAMP)
	ACTIONLOG_SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser -q

check: $(STAMP)
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) node_modules db.sqlite3 db.sqlite3-* var staticfiles
