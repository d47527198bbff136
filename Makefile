# crosswire dev tasks. Two commands from a fresh clone:  make demo  /  make test
PY       ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
PIP      := $(BIN)/python -m pip
STAMP    := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
PG_URL    = $(shell scripts/pg.sh url)

.PHONY: demo test install install-dev services bench eval lint clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install -q -c constraints.txt -e '.[web,postgres]'
	touch $@

$(DEVSTAMP): $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP) $@

install: $(STAMP)
install-dev: $(DEVSTAMP)

## make demo: install, run the whole pipeline on the bundled sample corpus, print what it found
demo: $(STAMP)
	$(BIN)/crosswire demo --db demo.db

## make services: system packages (PostgreSQL, Chromium) when missing, and a PostgreSQL on 127.0.0.1
services:
	scripts/system-deps.sh
	scripts/pg.sh start

## make test: dev extras, services, the whole suite (SQLite and PostgreSQL, browser tests in Chromium)
test: $(DEVSTAMP) services
	CROSSWIRE_TEST_PG_URL=$(PG_URL) $(BIN)/python -m pytest $(PYTEST_ARGS)

## make bench: throughput, memory, clustering curve, API load (prints tables; see benchmarks/README.md)
bench: $(DEVSTAMP) services
	CROSSWIRE_TEST_PG_URL=$(PG_URL) $(BIN)/python -m benchmarks.run $(BENCH_ARGS)

## make eval: quality on the benchmark data (../shared/benchdata)
eval: $(STAMP)
	$(BIN)/crosswire eval

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests benchmarks

clean:
	scripts/pg.sh stop
	rm -rf .pg demo.db demo.db-wal demo.db-shm test-output bench-output
