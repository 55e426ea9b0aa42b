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

# One line per step; pip's output goes to $(VENV)/setup.log and is shown only when a step fails.
SETUP_LOG := $(VENV)/setup.log
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || { echo "cnht: creating the environment in $(VENV) ..."; \
		$(PYTHON) -m venv $(VENV); }
	@echo "cnht: installing cnht-analysis and its dependencies (about a minute the first time) ..."
	@{ $(BIN)/python -m pip install --upgrade pip && $(BIN)/python -m pip install -e '.[test]'; } \
		> $(SETUP_LOG) 2>&1 || { tail -n 40 $(SETUP_LOG); \
		echo "cnht: installation failed; the whole log is in $(SETUP_LOG)"; exit 1; }
	@touch $(STAMP)
	@echo "cnht: ready; to use the cnht command in this shell: . $(VENV)/bin/activate"

setup: $(STAMP)

report: setup
	@echo "cnht: rendering the assessment (about half a minute) ..."
	@$(BIN)/cnht render --region $(REGION) --lang $(LANG_OPT) $(if $(AS_OF),--as-of $(AS_OF),)

test: setup
	$(BIN)/python -m pytest --durations=15

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .hypothesis
