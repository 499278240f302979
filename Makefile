# The commands: `make run`, `make test` and `make lint`. Each creates .venv when it is
# missing and (re)install the project when pyproject.toml changes.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/mockint

# -n auto: one worker per core (pytest-xdist); `pytest -n 0` runs in one process.
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -n auto

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py
	$(BIN)/python bench/analysis_quality.py
	$(BIN)/python bench/practice_stats.py

$(VENV)/.installed-lint: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed

# ruff, mypy (strict on core/, see pyproject.toml) and the import contracts
# (core imports neither storage nor Textual; storage never Textual or the CLI;
# the TUI never the CLI).
lint: $(VENV)/.installed-lint
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/unit/test_import_hygiene.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
