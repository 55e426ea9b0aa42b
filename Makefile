# Quick start: `make report` (set-up included) and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AS_OF ?=
REGION ?= hanoi
LANG_OPT ?= all

.PHONY: setup report test lint format bench clean help

help:
	@echo "make report  - set up .venv and render the Hanoi assessment into reports/"
	@echo "make test    - set up .venv and run the whole test suite"
	@echo "make lint    - ruff check and format check"
	@echo "make bench   - run the benchmarks and print their table"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

report: setup
	$(BIN)/cnht render --region $(REGION) --lang $(LANG_OPT) $(if $(AS_OF),--as-of $(AS_OF),)

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .hypothesis
