# Quick start: `make demo` crawls the offline snapshot site; `make test` runs linters and tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo browse test lint format clean bench bench-smoke

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -rf exports/demo
	$(BIN)/python -m newscrawler demo --archive exports/demo/demo.db

# Datasette with the front door (README "Browsing with Datasette"); ARCHIVE=exports/demo/demo.db
# for the demo's.
ARCHIVE ?= exports/archive.db
browse: $(STAMP)
	$(BIN)/python -m newscrawler browse --archive $(ARCHIVE)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy newscrawler

test: lint
	$(BIN)/python -m pytest

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks (benchmarks/README.md): full scale writes benchmarks/RESULTS.md in ~30+ minutes.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/run.py --scale full

bench-smoke: $(STAMP)
	$(BIN)/python benchmarks/run.py --scale tiny --output /tmp/newscrawler-bench-smoke.md

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
