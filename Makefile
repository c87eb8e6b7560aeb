# tc-warehouse: `make run` builds the warehouse from the sample sources, `make test` tests it.
# Both create .venv and install the locked dependencies on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export GX_ANALYTICS_ENABLED := false
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home

.PHONY: install run test dev lint bench lock clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.9
	# Compiled bytecode halves start-up (PYTHONDONTWRITEBYTECODE is set on these machines).
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --compile-bytecode requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode --no-deps -e .
	@touch $@

install: $(STAMP)

run: install  ## ingest every year of the sample sources, build and validate the warehouse
	$(BIN)/tcw run

test: install  ## the test suite
	$(BIN)/pytest

dev: install  ## the Dagster UI on this code location
	$(BIN)/dagster dev -w workspace.yaml

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	# The dbt templater connects to a database: give it a scratch one, not the build.
	mkdir -p warehouse
	cd dbt_project && TCW_DUCKDB_PATH=$(CURDIR)/warehouse/lint.duckdb ../$(BIN)/sqlfluff lint models

bench: install  ## throughput and memory figures for docs/benchmarks.md
	$(BIN)/python -m benchmarks.run

lock:  ## re-resolve requirements.lock from pyproject.toml
	$(BIN)/uv pip compile --quiet --python $(BIN)/python --extra dev --universal -o requirements.lock pyproject.toml

clean:
	rm -rf warehouse .dagster_home dbt_project/target
