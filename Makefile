# Quick start: `make report` (set-up included) and `make test`. See README.md.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AS_OF ?=
REGION ?= hanoi
LANG_OPT ?= all

.PHONY: setup report test test-fast lint format bench clean help validate assess explain history template

# Extra options for the command targets, e.g. make assess ARGS="--lang en --set cnht_enterprises:2025=1020"
ARGS ?=
T ?=

help:
	@echo "make report  - set up .venv and render the Hanoi assessment into reports/"
	@echo "make test    - set up .venv and run the whole test suite (slowest tests listed)"
	@echo "make test-fast - the tests without the end-to-end ones (about half a minute)"
	@echo "make validate / make assess / make history - the cnht commands (options: ARGS=\"...\")"
	@echo "make explain T=TARGET_ID - explain one target (e.g. T=plan_2025_enterprises)"
	@echo "make template OUT=FILE.xlsx - the Excel workbook for the Department's figures"
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
	@$(BIN)/python -m cnht_analysis.kernel >> $(SETUP_LOG) 2>&1 || true
	@touch $(STAMP)
	@echo "cnht: ready; to use the cnht command in this shell: . $(VENV)/bin/activate"

setup: $(STAMP)

report: setup
	@echo "cnht: rendering the assessment (about half a minute) ..."
	@$(BIN)/cnht render --region $(REGION) --lang $(LANG_OPT) $(if $(AS_OF),--as-of $(AS_OF),)

# Two workers (pytest-xdist): the machine the suite is measured on has two cores.
TEST_WORKERS ?= 2
test: setup
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --durations=15

test-fast: setup
	$(BIN)/python -m pytest -n $(TEST_WORKERS) -m "not e2e" --durations=10

validate: setup
	@$(BIN)/cnht validate $(ARGS)

assess: setup
	@$(BIN)/cnht assess $(ARGS)

history: setup
	@$(BIN)/cnht history $(ARGS)

explain: setup
	@test -n "$(T)" || { echo "cnht: which target? make explain T=TARGET_ID (ids: make assess ARGS=--ids)"; exit 2; }
	@$(BIN)/cnht explain $(T) $(ARGS)

OUT ?= so-lieu-ha-noi.xlsx
template: setup
	@$(BIN)/cnht template --out $(OUT) $(ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .hypothesis
