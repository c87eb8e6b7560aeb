"""Run a Great Expectations suite from `expectations/` where the data lives and build Data Docs.

A SQL datasource over the warehouse (DuckDB through duckdb-engine, or PostgreSQL through
psycopg 3): the metrics are computed by the database, nothing is copied into pandas. GX 1.24
needs a workaround for duckdb-engine (gx_sql_results.py). GX is imported here only, lazily: it
costs seconds to import.
"""

from __future__ import annotations

import csv
import functools
import json
import os
import urllib.parse
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipelines.settings import EXPECTATIONS_DIR, SEEDS_DIR, Settings, get_settings
from pipelines.validation.gx_sql_results import buffer_sql_results, recognise_duckdb
from pipelines.warehouses import DuckDBWarehouse, PostgresWarehouse, Warehouse
from pipelines.warehouses.build_reads import in_build_schemas

DATASOURCE = "tcw_warehouse"


@dataclass(frozen=True)
class ValidationSummary:
    suite: str
    success: bool
    evaluated: int
    failed: list[dict[str, Any]] = field(default_factory=list)
    data_docs: Path | None = None

    def describe(self) -> str:
        if self.success:
            return f"{self.suite}: all {self.evaluated} expectations met"
        lines = [f"{self.suite}: {len(self.failed)} of {self.evaluated} expectations failed"]
        lines += [f"- {f['batch']}: {f['expectation']} {f['kwargs']}: {f['observed']}" for f in self.failed]
        return "\n".join(lines)


def seed_codes(reference: str) -> list[str]:
    """The codes of a dbt seed column, "<seed>.<column>" (e.g. "thematic_areas.thematic_area_code"):
    suites take enumerated codes from the seeds that define them rather than a copy in the JSON."""
    seed, column = reference.split(".", 1)
    path = SEEDS_DIR / f"{seed}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or column not in rows[0]:
        raise ValueError(f"{path}: no column {column!r} for a suite's seed parameter")
    return [row[column] for row in rows]


def seed_parameters(definition: dict[str, Any]) -> dict[str, list[str]]:
    """The suite's `meta.seed_parameters` ({parameter: "<seed>.<column>"}) resolved to codes."""
    references: dict[str, str] = definition.get("meta", {}).get("seed_parameters", {})
    return {name: seed_codes(reference) for name, reference in references.items()}


def load_suite_definition(name: str) -> dict[str, Any]:
    path = EXPECTATIONS_DIR / f"{name}.json"
    definition: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if definition.get("name") != name:
        raise ValueError(f"{path}: suite name {definition.get('name')!r} does not match the file name")
    return definition


# The Data Docs index lists the newest validation results only: rendering it loads each result
# it lists, so an index of the whole history costs more with every run.
INDEX_LIMIT = 100


@functools.cache
def _context(gx_dir: Path) -> Any:
    """One file context per GX folder and process (a run's checks share it): creating one
    reads and writes its whole configuration, about a second each time."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    buffer_sql_results()

    gx_dir.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(gx_dir))
    # Progress bars in run logs are noise, one per metric.
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    sites = context.variables.data_docs_sites or {}
    for site in sites.values():
        site.setdefault("site_index_builder", {"class_name": "DefaultSiteIndexBuilder"})
        site["site_index_builder"]["validation_results_limit"] = INDEX_LIMIT
    context.variables.data_docs_sites = sites
    return context


@functools.cache
def _site(gx_dir: Path) -> Any:
    """The Data Docs site's builder, made once per context. GX's build_data_docs makes a new one
    per call, copies its 4 MB of static assets every time, and renders every page of the site
    when given no resource to render (measured: 4-5 s of a one-year run, most of it pages of
    earlier runs); the sections and the index are built here one by one instead. GX 1.24
    internals (tests/test_validation.py: test_data_docs_render_each_result_once)."""
    context = _context(gx_dir)
    ((name, config),) = context.variables.data_docs_sites.items()
    return context._init_site_builder_for_data_docs_site_creation(site_name=name, site_config=config)


@dataclass(frozen=True)
class SqlSource:
    """Where a suite's rows live, for GX's SQL datasource: a SQLAlchemy URL, the engine's
    options, and the prefix of the build schemas a query is rewritten to (PostgreSQL)."""

    url: str
    engine_options: dict[str, Any] = field(default_factory=dict)
    schema_prefix: str = ""

    def query(self, sql: str) -> str:
        return in_build_schemas(sql, self.schema_prefix) if self.schema_prefix else sql


# The environment variable GX reads a PostgreSQL password from (`${...}` in the connection
# string): the datasource is saved in great_expectations.yml, the password must not be.
PASSWORD_VARIABLE = "TCW_GX_PG_PASSWORD"
# DuckDB's memory for the suites' queries on the build (sql_source).
VALIDATION_MEMORY_LIMIT = "500MB"


def sql_source(store: Warehouse) -> SqlSource:
    """The build the checks audit: the DuckDB build file, read-only (ingestion and dbt have
    closed it by then; a read-write connection in this process would conflict), or the
    PostgreSQL build schemas through psycopg 3."""
    if isinstance(store, PostgresWarehouse):
        parts = urlsplit(store.url.url)
        auth = urllib.parse.quote(store.url.user, safe="")
        if store.url.password:
            os.environ[PASSWORD_VARIABLE] = store.url.password
            auth += f":${{{PASSWORD_VARIABLE}}}"
        netloc = f"{auth}@{store.url.host}:{store.url.port}"
        url = parts._replace(scheme="postgresql+psycopg", netloc=netloc).geturl()
        return SqlSource(url, schema_prefix=store.prefix)
    assert isinstance(store, DuckDBWarehouse), store
    # DuckDB's default limit is 80 % of the machine's memory: at 10M events the suite's queries
    # (the provenance uniqueness groups every row) held 1.3 GB of this process.
    connect_args = {"read_only": True, "config": {"memory_limit": VALIDATION_MEMORY_LIMIT}}
    return SqlSource(f"duckdb:///{store.settings.build_db}", {"connect_args": connect_args})


@functools.cache
def _datasource(gx_dir: Path, url: str, engine_options: str) -> Any:
    """The warehouse's SQL datasource, registered once per context and build (about 0.1 s a
    registration: GX tests the connection and rewrites its configuration file)."""
    datasource = _context(gx_dir).data_sources.add_or_update_sql(
        DATASOURCE, connection_string=url, kwargs=json.loads(engine_options)
    )
    # Its connection test pooled a connection: no connection outlives the validation (DuckDB
    # refuses this process's next writer while one of another configuration is open).
    datasource.get_engine().dispose()
    return datasource


@functools.cache
def _suite(gx_dir: Path, definition: str) -> Any:
    """The suite as GX stores it, saved once per context and version of its JSON file."""
    import great_expectations as gx

    return _context(gx_dir).suites.add_or_update(gx.ExpectationSuite(**json.loads(definition)))


def _validation_definition(gx_dir: Path, suite_name: str, source: SqlSource, query: str) -> Any:
    """The suite's validation definition over a query asset of the warehouse. The asset and the
    definition are made again for every query (it names the run's years), and GX refuses a
    definition made before its asset changed (ValidationDefinitionRelatedResourcesFreshnessError)."""
    import great_expectations as gx

    datasource = _datasource(gx_dir, source.url, json.dumps(source.engine_options, sort_keys=True))
    if any(a.name == suite_name for a in datasource.assets):
        datasource.delete_asset(suite_name)
    batch = datasource.add_query_asset(suite_name, query=query).add_batch_definition_whole_table("rows")
    suite = _suite(gx_dir, json.dumps(load_suite_definition(suite_name), sort_keys=True))
    return _context(gx_dir).validation_definitions.add_or_update(
        gx.ValidationDefinition(name=suite_name, data=batch, suite=suite)
    )


def render_data_docs_index(paths: Settings | None = None) -> Path:
    """Render the Data Docs index page (the newest INDEX_LIMIT results) once per run, after its
    checks, which render only their own results' pages; with it the pages of the suites that
    have none yet or changed since (expectations/), and the static assets when missing."""
    from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier

    paths = paths or get_settings()
    site = _site(paths.gx_dir)
    pages = paths.data_docs_index.parent
    stale = [
        ExpectationSuiteIdentifier(name=suite.stem)
        for suite in sorted(EXPECTATIONS_DIR.glob("*.json"))
        if _older(pages / "expectations" / f"{suite.stem}.html", suite)
    ]
    if stale:  # never an empty list: GX renders every page then
        site.site_section_builders["expectations"].build(resource_identifiers=stale)
    if not (pages / "static").is_dir():
        site.target_store.copy_static_assets()
    site.site_index_builder.build(build_index=True)
    return paths.data_docs_index


def _render_results(gx_dir: Path, identifiers: list[Any]) -> None:
    """The pages of these validation results, as GX's validations section renders each, without
    its listing of every result stored (a cost that grows with every run's history)."""
    from great_expectations.data_context.types.resource_identifiers import SiteSectionIdentifier

    section = _site(gx_dir).site_section_builders["validations"]
    for identifier in identifiers:
        rendered = section.renderer_class.render(section.source_store.get(identifier))
        page = section.view_class.render(
            rendered, data_context_id=section.data_context_id, show_how_to_buttons=section.show_how_to_buttons
        )
        section.target_store.set(SiteSectionIdentifier(section.name, identifier), page)


def _older(page: Path, source: Path) -> bool:
    """The page is missing, or older than the file it renders."""
    return not page.exists() or page.stat().st_mtime < source.stat().st_mtime


# What a first validation asks of GX: whether each expectation holds, with its counts and
# observed values, but no sample of unexpected values. A sample is a query per expectation that
# scans every row when there is nothing to find (at 10M events, 5 of the suite's 12 s). A
# validation that fails is run again with samples (SUMMARY, GX's default), so that a failure
# still shows the rows behind it.
COUNTS_ONLY = {"result_format": "BASIC", "partial_unexpected_count": 0}
WITH_SAMPLES = {"result_format": "SUMMARY"}


def validate_query(
    suite_name: str,
    source: SqlSource,
    batches: Iterable[tuple[str, str, dict[str, Any]]],
    paths: Settings | None = None,
    samples: bool = True,
) -> ValidationSummary:
    """Validate the warehouse's rows with the named suite, where they live: each batch is
    (label, query in the build's layer names, expectation parameters), usually one for the
    run's years. Renders this call's Data Docs pages; failures are reported per label.
    `paths` locate the GX context (the warehouse resource's; default the environment's);
    `samples`: list some unexpected values of each expectation (COUNTS_ONLY without)."""
    paths = paths or get_settings()
    seeded = seed_parameters(load_suite_definition(suite_name))
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    success, evaluated, failed, identifiers = True, 0, [], []
    run_name = f"{suite_name}-{uuid.uuid4().hex[:12]}"
    for label, query, parameters in batches:
        definition = _validation_definition(paths.gx_dir, suite_name, source, source.query(query))
        engine = definition.data.data_asset.datasource.get_execution_engine()
        recognise_duckdb(engine)
        run_id = RunIdentifier(run_name=f"{run_name}-{label}")
        try:
            result = definition.run(
                expectation_parameters={**seeded, **parameters},
                run_id=run_id,
                result_format=WITH_SAMPLES if samples else COUNTS_ONLY,
            )
        finally:
            engine.close()  # see _validation_definition
        # The key GX stored the result under (ValidationDefinition.run): listing the store to
        # find it would cost more with every run's history.
        identifiers += [
            ValidationResultIdentifier(
                expectation_suite_identifier=ExpectationSuiteIdentifier(name=suite_name),
                run_id=run_id,
                batch_identifier=result.results[0].expectation_config.kwargs["batch_id"],
            )
        ][: len(result.results)]
        success = success and bool(result.success)
        evaluated += len(result.results)
        failed += [
            {
                "batch": label,
                "expectation": r.expectation_config.type,
                "kwargs": {k: v for k, v in r.expectation_config.kwargs.items() if k != "batch_id"},
                "observed": r.result.get("observed_value", r.result.get("partial_unexpected_list")),
            }
            for r in result.results
            if not r.success
        ]
    # Render this call's results only: rebuilding every page of the site costs time that grows
    # with each run's history (8 s per check after a few dozen runs, measured here). The index,
    # the suites' pages and the static assets are rendered once per run (render_data_docs_index).
    _render_results(paths.gx_dir, identifiers)
    return ValidationSummary(
        suite=suite_name,
        success=success,
        evaluated=evaluated,
        failed=failed,
        data_docs=_page(paths.gx_dir, identifiers[-1]) if identifiers else paths.data_docs_index,
    )


def _page(gx_dir: Path, identifier: Any) -> Path:
    """The Data Docs page of one validation result (the index may not be rendered yet)."""
    url = _site(gx_dir).get_resource_url(resource_identifier=identifier, only_if_exists=False)
    return Path(urllib.parse.unquote(urllib.parse.urlparse(str(url)).path))
