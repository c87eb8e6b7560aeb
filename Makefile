# tc-warehouse: `make run` builds the warehouse from the sample sources, `make test` tests it.
# Both create .venv and install the locked dependencies on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export GX_ANALYTICS_ENABLED := false
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
# dagster-dbt's preparer runs the `dbt` it finds on PATH: the venv's.
export PATH := $(CURDIR)/$(BIN):$(PATH)
# dbt's manifest, which the Dagster definitions load: prepared again whenever a file of the dbt
# project is newer (make does the staleness check; `dagster dev` re-parses on every load).
MANIFEST := dbt_project/target/manifest.json
DBT_FILES := $(shell find dbt_project/models dbt_project/seeds dbt_project/macros dbt_project/tests -type f 2>/dev/null) \
	dbt_project/dbt_project.yml dbt_project/profiles.yml \
	pipelines/resources.py  # the parse's --target and --vars (resources._parse_args)

.PHONY: install prepare run test test-fast dev lint bench lock clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.9
	# Compiled bytecode halves start-up (PYTHONDONTWRITEBYTECODE is set on these machines).
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --compile-bytecode requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode --no-deps -e .
	@touch $@

install: $(STAMP)

$(MANIFEST): $(STAMP) $(DBT_FILES)
	$(BIN)/dagster-dbt project prepare-and-package --file pipelines/resources.py
	@touch $@

prepare: $(MANIFEST)  ## parse the dbt project (dagster-dbt's prepare-and-package)

run: prepare  ## ingest every year of the sample sources, build and validate the warehouse
	$(BIN)/tcw run

test: prepare  ## the whole test suite
	$(BIN)/pytest

test-fast: prepare  ## everything but the end-to-end builds (marker e2e), in about a minute
	$(BIN)/pytest -m "not e2e"

dev: prepare  ## the Dagster UI on this code location
	$(BIN)/dagster dev -w workspace.yaml

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	# The dbt templater connects to a database: give it a scratch one, not the build.
	mkdir -p warehouse
	cd dbt_project && TCW_DUCKDB_PATH=$(CURDIR)/warehouse/lint.duckdb ../$(BIN)/sqlfluff lint models

# Every section by default; a piece again with e.g. `make bench BENCH_ARGS="--only floor"`
# (sections and options: python -m benchmarks.run --help).
bench: prepare  ## throughput and memory figures for docs/benchmarks.md
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

lock:  ## re-resolve requirements.lock from pyproject.toml
	$(BIN)/uv pip compile --quiet --python $(BIN)/python --extra dev --universal -o requirements.lock pyproject.toml

clean:
	rm -rf warehouse .dagster_home dbt_project/target
