# Two commands set up a fresh machine:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install lint

$(BIN)/tactful: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,dev]'
	touch $(BIN)/tactful

# The tests also cover the Spark engine (an optional extra for users).
$(VENV)/.spark: $(BIN)/tactful
	$(BIN)/pip install -q -e '.[spark]'
	touch $(VENV)/.spark

install: $(BIN)/tactful

demo: install
	$(BIN)/tactful demo

test: install $(VENV)/.spark
	TACTFUL_TEST_DATABASE_URL=$${TACTFUL_TEST_DATABASE_URL:-$$(scripts/start-postgres || true)} \
	  $(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests
