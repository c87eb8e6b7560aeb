"""What a run shows on the console: one line of progress per step (what is read, built,
checked, published), not Dagster's event stream. Every event still goes to the Dagster event
log (the UI, `tcw run -v`); Python warnings the project has chosen to live with are kept out of
the console (`quiet_known_warnings`), any other still shows.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from dataclasses import dataclass

from dagster import LoggerDefinition


def quiet_known_warnings() -> None:
    """Ignore, in this process, the warnings the project has decided to live with (pyproject's
    pytest filterwarnings says the same for the tests). Dagster labels partitioned asset checks
    and backfill policies preview/beta, and time-partition freshness checks superseded
    (FreshnessPolicy is no check and does not cover a yearly deadline): features used on
    purpose, with Dagster pinned. sqlglotrs (under dagster-dbt) announces its own deprecation."""
    from dagster import BetaWarning, PreviewWarning, SupersessionWarning

    warnings.filterwarnings("ignore", category=PreviewWarning)
    warnings.filterwarnings("ignore", category=BetaWarning)
    warnings.filterwarnings(
        "ignore",
        message=r"Function `build_(time_partition_freshness_checks|sensor_for_freshness_checks)` is superse",
        category=SupersessionWarning,
    )
    warnings.filterwarnings("ignore", message="sqlglotrs is deprecated", category=DeprecationWarning)


# What each step does, in words; a step not listed shows its Dagster step key.
STEP_LABELS = {
    "raw__countries": "Reading the country reference (pycountry, CLDR, seeds)",
    "raw__request_events": "Reading request logs",
    "raw_documents": "Reading annual reports, appeals, annexes and board reports",
    "dbt_models": "dbt: building staging, intermediate and marts (the seeds first), running dbt tests",
    "publications__extracts": "Publishing the database and the extracts",
}


def step_label(step_key: str) -> str:
    if step_key in STEP_LABELS:
        return STEP_LABELS[step_key]
    if "gx_" in step_key:
        return "Checking with Great Expectations: " + step_key.split("gx_", 1)[1]
    return "Checking: " + step_key.rsplit("__", 1)[-1]


@dataclass(frozen=True)
class StepEvent:
    """A step started, succeeded or failed; `text` is what the console shows."""

    kind: str  # "start", "success", "failure", "check_failed"
    step_key: str
    text: str


class _Handler(logging.Handler):
    def __init__(self, callback: Callable[[StepEvent], None]) -> None:
        super().__init__(level=logging.DEBUG)
        self.callback = callback

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event")
        if event is None or not event.step_key:
            return
        kind = {
            "STEP_START": "start",
            "STEP_SUCCESS": "success",
            "STEP_FAILURE": "failure",
        }.get(event.event_type_value)
        if kind is None and event.event_type_value == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            if not evaluation.passed:
                name = evaluation.asset_check_key.to_user_string()
                self.callback(StepEvent("check_failed", event.step_key, name))
            return
        if kind is not None:
            self.callback(StepEvent(kind, event.step_key, step_label(event.step_key)))


def progress_logger(callback: Callable[[StepEvent], None]) -> LoggerDefinition:
    """A Dagster logger that turns step events into StepEvents for `callback`."""

    def _init(_context: object) -> logging.Logger:
        log = logging.Logger("tcw.progress", level=logging.DEBUG)
        log.addHandler(_Handler(callback))
        return log

    return LoggerDefinition(_init, description="tc-warehouse console progress")
