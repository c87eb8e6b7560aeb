"""Run a Great Expectations suite from `expectations/` over a pandas frame and build Data Docs.

Frames, not SQL: GX 1.24 over DuckDB through duckdb-engine returns empty metrics (GX #11579,
duckdb_engine #734), so checks read one reporting year at a time from DuckDB into pandas and
validate that. GX is imported here only, lazily: it costs seconds to import.
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

from pipelines.settings import EXPECTATIONS_DIR, SEEDS_DIR, Settings, get_settings

DATASOURCE = "tcw_frames"


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


def _validation_definition(gx_dir: Path, suite_name: str, asset_name: str) -> Any:
    """The suite's validation definition over a pandas frame asset. Not cached: registering
    another suite's asset replaces the datasource, and GX refuses a definition made before
    (ValidationDefinitionRelatedResourcesFreshnessError)."""
    import great_expectations as gx

    context = _context(gx_dir)
    source = context.data_sources.add_or_update_pandas(DATASOURCE)
    asset = next((a for a in source.assets if a.name == asset_name), None) or source.add_dataframe_asset(
        asset_name
    )
    batch = next((b for b in asset.batch_definitions if b.name == "frame"), None) or (
        asset.add_batch_definition_whole_dataframe("frame")
    )
    suite = context.suites.add_or_update(gx.ExpectationSuite(**load_suite_definition(suite_name)))
    return context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=f"{suite_name}__{asset_name}", data=batch, suite=suite)
    )


def render_data_docs_index(paths: Settings | None = None) -> Path:
    """Render the Data Docs index page (the newest INDEX_LIMIT results): once per run, after
    its checks, which render only their own pages."""
    paths = paths or get_settings()
    _context(paths.gx_dir).build_data_docs(resource_identifiers=[], build_index=True)
    return paths.data_docs_index


def validate_batches(
    suite_name: str,
    asset_name: str,
    batches: Iterable[tuple[str, Any, dict[str, Any]]],
    paths: Settings | None = None,
) -> ValidationSummary:
    """Validate pandas frames with the named suite, one batch at a time (a reporting year each,
    so memory holds one year), then rebuild the Data Docs site once.

    `batches` yields (label, frame, expectation parameters); failures are reported per label.
    `paths` locate the GX context (the warehouse resource's; default the environment's).
    """
    paths = paths or get_settings()
    context = _context(paths.gx_dir)
    definition = _validation_definition(paths.gx_dir, suite_name, asset_name)
    seeded = seed_parameters(load_suite_definition(suite_name))
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    success, evaluated, failed, identifiers = True, 0, [], []
    run_name = f"{suite_name}-{uuid.uuid4().hex[:12]}"
    for label, frame, parameters in batches:
        run_id = RunIdentifier(run_name=f"{run_name}-{label}")
        result = definition.run(
            batch_parameters={"dataframe": frame},
            expectation_parameters={**seeded, **parameters},
            run_id=run_id,
        )
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
    # with each run's history (8 s per check after a few dozen runs, measured here). The index
    # is rendered once per run (render_data_docs_index).
    context.build_data_docs(resource_identifiers=identifiers, build_index=False)
    return ValidationSummary(
        suite=suite_name,
        success=success,
        evaluated=evaluated,
        failed=failed,
        data_docs=_page(context, identifiers[-1]) if identifiers else paths.data_docs_index,
    )


def _page(context: Any, identifier: Any) -> Path:
    """The Data Docs page of one validation result (the index may not be rendered yet)."""
    (site,) = context.get_docs_sites_urls(resource_identifier=identifier, only_if_exists=False)[:1]
    return Path(urllib.parse.unquote(urllib.parse.urlparse(str(site["site_url"])).path))
