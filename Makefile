# The README's two promises: `make demo` and `make test`, on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_WORKERS ?= 2

.PHONY: demo test lint types pytest cards suiteapp e2e bench clean preview-bundle

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP) preview-bundle
	$(BIN)/salesorders demo $(DEMO_ARGS)

# The real card and settings page bundled for the preview page (static/preview/, gitignored); rebuilt only
# when a card source or the preview runtime changed.
PREVIEW_SOURCES := $(shell find cards/src cards/preview/src -type f 2>/dev/null) cards/preview/build.mjs

preview-bundle: static/preview/.built

static/preview/.built: $(PREVIEW_SOURCES) cards/node_modules/.package-lock.json cards/preview/node_modules/.installed
	node cards/preview/build.mjs \
	  --entry cards/src/SalesOrdersCard.tsx --out static/preview/card.js \
	  --entry cards/src/settings/SettingsPage.tsx --out static/preview/settings.js
	touch $@

cards/node_modules/.package-lock.json: cards/package-lock.json
	cd cards && npm ci --no-audit --no-fund
	touch $@

cards/preview/node_modules/.installed: cards/preview/package.json cards/preview/package-lock.json
	cd cards/preview && npm ci --no-audit --no-fund
	touch $@

test: lint types pytest cards suiteapp

lint: $(STAMP)
	$(BIN)/ruff check server tests bench
	$(BIN)/ruff format --check server tests bench

types: $(STAMP)
	$(BIN)/mypy

# The browser tests (tests/e2e, marker e2e) drive the preview page, so its bundle is built first; they share
# one demo per group (--dist loadgroup).
pytest: $(STAMP) preview-bundle
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup -q

e2e: $(STAMP) preview-bundle
	$(BIN)/pytest -q -m e2e tests/e2e

cards:
	@if [ -f cards/package.json ]; then $(MAKE) -C cards test; fi
	@if [ -f cards/preview/package.json ]; then $(MAKE) -C cards/preview test; fi

suiteapp:
	@if [ -f suiteapp/package.json ]; then $(MAKE) -C suiteapp test; fi

bench: $(STAMP)
	$(BIN)/python -m bench.suiteql_overhead

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
