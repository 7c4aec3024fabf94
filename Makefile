# The README's two promises: `make demo` and `make test`, on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_WORKERS ?= 2

.PHONY: demo test lint types pytest cards suiteapp e2e bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/salesorders demo

test: lint types pytest cards suiteapp

lint: $(STAMP)
	$(BIN)/ruff check server tests bench
	$(BIN)/ruff format --check server tests bench

types: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -n $(PYTEST_WORKERS) -q

cards:
	@if [ -f cards/package.json ]; then $(MAKE) -C cards test; fi

suiteapp:
	@if [ -f suiteapp/package.json ]; then $(MAKE) -C suiteapp test; fi

bench: $(STAMP)
	$(BIN)/python -m bench.suiteql_overhead

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
