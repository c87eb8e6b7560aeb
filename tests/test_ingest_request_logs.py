"""The request-log parser on a small hand-made export with one row per rule."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import polars as pl

from pipelines.ingest.request_logs import HEADER_SYNONYMS, discover, parse_request_log, reporting_year_of

HEADER = [
    "Request ID", "Requesting State", "Received on", "Event date", "Status", "Channel", "Thematic area",
    "UPR recommendations", "Responding office", "Estimated cost", "Currency", "Funded amount",
    "Funding source", "Focal point", "Focal point e-mail",
]  # fmt: skip
GOOD = [
    "TCR-2015-00001", "Kenya*", "2015-02-01", "2015-02-01", "Received", "Note verbale", "Rule of law",
    "115.23; 115.40", "OHCHR Geneva", "12,500.00", "EUR", "", "", "Jane Doe", "jane.doe@example.org",
]  # fmt: skip


def row(**changes: str) -> list[str]:
    values = dict(zip(HEADER, GOOD, strict=True))
    values.update(changes)
    return [values[h] for h in HEADER]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([HEADER, *rows])
    return path


def test_every_rule_lands_in_rejects_with_a_reason_and_nothing_is_lost(tmp_path: Path) -> None:
    rows = [
        row(),  # row 2: good
        row(**{"Status": "Accepted", "Event date": "20/03/2015", "Funded amount": "10000",
               "Funding source": "VFTC", "Requesting State": "République du Kenya"}),  # row 3: good
        row(**{"Request ID": ""}),  # 4
        row(**{"Requesting State": "Atlantis"}),  # 5
        row(**{"Event date": "2015-01-15", "Status": "Declined"}),  # 6 before receipt
        row(**{"Status": "Pending?"}),  # 7
        row(**{"Estimated cost": "-5"}),  # 8
        row(),  # 9 duplicate of row 2
        row(**{"Event date": "2016-01-03", "Status": "Completed"}),  # 10 outside the year
        row(**{"Thematic area": "Space exploration"}),  # 11
        row(**{"Currency": "XYZ"}),  # 12
        row(**{"Received on": "31/31/2015"}),  # 13
    ]  # fmt: skip
    result = parse_request_log(write_csv(tmp_path / "request_log_2015.csv", rows), 2015, tmp_path)
    assert result.rows_read == 12
    assert result.rows.height + result.rejects.height == result.rows_read
    assert result.rows["source_row"].to_list() == [2, 3]
    rules = dict(zip(result.rejects["source_row"], result.rejects["rule"], strict=True))
    assert rules == {
        4: "missing_request_id",
        5: "unknown_country",
        6: "event_before_receipt",
        7: "unknown_status",
        8: "negative_amount",
        9: "duplicate_event",
        10: "event_outside_reporting_year",
        11: "unknown_thematic_area",
        12: "unknown_currency",
        13: "unparseable_date",
    }
    reasons = dict(zip(result.rejects["source_row"], result.rejects["reason"], strict=True))
    assert "'Atlantis'" in reasons[5]
    assert "already given at row 2" in reasons[9]
    assert "'Pending?'" in reasons[7]
    assert set(result.rejects["source_file"]) == {"request_log_2015.csv"}


def test_loaded_rows_are_typed_resolved_and_keep_provenance(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "request_log_2015.csv", [row()])
    result = parse_request_log(path, 2015, tmp_path)
    loaded = result.rows.row(0, named=True)
    assert loaded["country_iso3"] == "KEN"
    assert loaded["country_name"] == "Kenya*"
    assert loaded["status"] == "received"
    assert loaded["thematic_area_code"] == "rule_of_law"
    assert str(loaded["estimated_cost"]) == "12500.00"
    assert loaded["currency"] == "EUR"
    assert loaded["source_sha256"] == result.sha256 and len(result.sha256) == 64
    assert loaded["source_row"] == 2


def test_personal_data_is_only_kept_as_a_keyed_hash(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "request_log_2015.csv", [row(), row(**{"Requesting State": "Atlantis"})])
    result = parse_request_log(path, 2015, tmp_path)
    everything = json.dumps(result.rows.with_columns(pl.all().cast(pl.String)).to_dicts()) + json.dumps(
        result.rejects.to_dicts()
    )
    assert "Jane" not in everything and "jane.doe" not in everything
    hashed = result.rows["focal_point_hash"][0]
    assert len(hashed) == 32 and hashed in result.rejects["raw_values"][0]


def test_discovery_finds_files_by_the_year_in_their_name(tmp_path: Path) -> None:
    for name in ("request_log_2014.csv", "request_log_2015.xlsx", "README.md", "manifest.json"):
        (tmp_path / name).write_text("x")
    assert reporting_year_of(tmp_path / "export 2019 final.csv") == 2019
    assert {y: [p.name for p in ps] for y, ps in discover(tmp_path).items()} == {
        2014: ["request_log_2014.csv"],
        2015: ["request_log_2015.xlsx"],
    }
    assert list(discover(tmp_path, [2015])) == [2015]


def test_header_synonyms_cover_every_wording_the_sample_generator_uses() -> None:
    from pipelines.text import normalize_label
    from samples.request_logs import HEADER_WORDINGS

    known = {normalize_label(w) for canonical, words in HEADER_SYNONYMS.items() for w in (canonical, *words)}
    flat = [w for words in HEADER_WORDINGS.values() for w in words]
    assert [w for w in flat if normalize_label(w) not in known] == []
