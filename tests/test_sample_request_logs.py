"""The committed request-log sample is exactly what the generator writes, and keeps the promises
its manifest makes: row counts, planted defects at the stated rows, a clean contract for every
other row, and ground truth that a plain re-computation from the files reproduces.

The files are read here independently of the generator (csv module, polars/calamine for XLSX),
so that a bug in the generator's model cannot hide behind the same code reading it back.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import itertools
import json
import re
import statistics
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

import pytest

from samples import request_logs as rl
from samples.upr_reviews import review_before

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "sources"
COMMITTED = SOURCES / "request_logs"
SEEDS = REPO / "dbt_project" / "seeds" / "reference"
REGENERATE = "regenerate with: tcw sources generate"

ID_PATTERN = re.compile(r"^TCR-(\d{4})-(\d{5,})$")
UPR_PATTERN = re.compile(r"^\d{2,3}\.\d{1,3}(; \d{2,3}\.\d{1,3})*$")
EMAIL_PATTERN = re.compile(r"^[a-z0-9.-]+@[a-z0-9.-]+\.example$")
CSV_DATE_FORMATS = {"YYYY-MM-DD": "%Y-%m-%d", "DD/MM/YYYY": "%d/%m/%Y"}
VARIANT_TO_ISO3 = {v: s.iso3 for s in rl.STATES for v in s.variants}


def _seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _norm(label: str) -> str:
    return " ".join(label.split()).casefold()


AREA_OF_LABEL = {_norm(r["label"]): r["thematic_area_code"] for r in _seed("thematic_area_labels.csv")}
FUND_LABELS = {r["label"] for r in _seed("fund_labels.csv")}
FX = {(r["currency"], int(r["year"])): Decimal(r["usd_per_unit"]) for r in _seed("fx_rates.csv")}


@dataclass(frozen=True)
class Row:
    number: int  # physical row: header = 1
    raw: tuple[Any, ...]  # the cells as stored, for exact-copy comparison
    values: dict[str, Any]  # canonical column -> str | int | date | None


@dataclass(frozen=True)
class ParsedFile:
    entry: dict[str, Any]
    header: list[str]
    rows: list[Row]


def _cell(text: str) -> str | None:
    return text if text != "" else None


def _read_csv(path: Path, entry: dict[str, Any]) -> ParsedFile:
    text = path.read_bytes().decode(entry["encoding"])  # utf-8-sig strips the BOM
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=entry["delimiter"]))
    date_format = CSV_DATE_FORMATS[entry["date_format"]]
    rows = []
    for number, record in enumerate(records[1:], start=2):
        assert len(record) == len(rl.COLUMNS), f"{path.name} row {number}: {len(record)} cells"
        values: dict[str, Any] = dict(zip(rl.COLUMNS, map(_cell, record), strict=True))
        for column in ("received_on", "event_date"):
            values[column] = dt.datetime.strptime(record[rl.COLUMNS.index(column)], date_format).date()
        for column in ("estimated_cost", "funded_amount"):
            values[column] = int(values[column]) if values[column] is not None else None
        rows.append(Row(number, tuple(record), values))
    return ParsedFile(entry, records[0], rows)


def _sheet_records(path: Path, sheet: str) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    records = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    return [[None if value == "" else value for value in record] for record in records]


def _read_xlsx(path: Path, entry: dict[str, Any]) -> ParsedFile:
    records = _sheet_records(path, entry["sheet"])
    header = tuple(str(h) for h in records[0])
    rows = []
    for number, record in enumerate(records[1:], start=2):
        values = dict(zip(rl.COLUMNS, record, strict=True))
        # Real date cells come back as dates, amounts as numbers.
        for column in ("received_on", "event_date"):
            assert isinstance(values[column], dt.date), (path, number, column, values[column])
            if isinstance(values[column], dt.datetime):
                values[column] = values[column].date()
        for column in ("estimated_cost", "funded_amount"):
            assert values[column] is None or isinstance(values[column], int | float), (path, number, column)
        rows.append(Row(number, tuple(record), values))
    return ParsedFile(entry, header, rows)


def _parse(entry: dict[str, Any]) -> ParsedFile:
    path = SOURCES / entry["path"]
    return _read_xlsx(path, entry) if entry["format"] == "xlsx" else _read_csv(path, entry)


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return json.loads((COMMITTED / rl.MANIFEST_NAME).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed(manifest: dict[str, Any]) -> dict[str, ParsedFile]:
    return {entry["path"]: _parse(entry) for entry in manifest["files"]}


@pytest.fixture(scope="module")
def defect_rows(manifest: dict[str, Any]) -> set[tuple[str, int]]:
    return {(d["file"], d["row"]) for d in manifest["defects"]}


def _valid_rows(
    parsed: dict[str, ParsedFile], defect_rows: set[tuple[str, int]]
) -> Iterator[tuple[ParsedFile, Row]]:
    for path, parsed_file in parsed.items():
        for row in parsed_file.rows:
            if (path, row.number) not in defect_rows:
                yield parsed_file, row


# ------------------------------------------------------------------------------------------
# The committed files are current
# ------------------------------------------------------------------------------------------


def test_regenerated_sample_is_byte_identical(tmp_path: Path) -> None:
    out = tmp_path / "request_logs"
    rl.generate_request_logs(out)
    committed = sorted(p.name for p in COMMITTED.iterdir())
    generated = sorted(p.name for p in out.iterdir())
    assert generated == committed, f"files differ from the committed sample; {REGENERATE}"
    stale = [n for n in generated if (out / n).read_bytes() != (COMMITTED / n).read_bytes()]
    assert not stale, f"stale committed files {stale}; {REGENERATE}"


def test_committed_sample_is_small() -> None:
    size = sum(p.stat().st_size for p in COMMITTED.iterdir())
    assert size < 15 * 1024 * 1024, f"{size / 1e6:.1f} MB"


def test_manifest_describes_the_generator_and_years(manifest: dict[str, Any]) -> None:
    assert manifest["generator"] == {"module": rl.GENERATOR_MODULE, "version": rl.GENERATOR_VERSION}
    assert manifest["seed"] == rl.DEFAULT_SEED
    assert manifest["years"] == list(rl.DEFAULT_YEARS)
    assert [f["year"] for f in manifest["files"]] == manifest["years"]
    formats = Counter(f["format"] for f in manifest["files"])
    assert formats == {"csv": 9, "xlsx": 5}
    assert {f["encoding"] for f in manifest["files"] if f["format"] == "csv"} == {
        "utf-8",
        "utf-8-sig",
        "cp1252",
    }
    assert {f["delimiter"] for f in manifest["files"] if f["format"] == "csv"} == {",", ";", "\t"}
    assert Counter(f["date_format"] for f in manifest["files"])["DD/MM/YYYY"] in (2, 3)
    assert 3 <= sum(f["header_wording"] != "standard" for f in manifest["files"]) <= 4


# ------------------------------------------------------------------------------------------
# Files against the manifest
# ------------------------------------------------------------------------------------------


def test_manifest_rows_hashes_and_rejects_match_files(
    manifest: dict[str, Any], parsed: dict[str, ParsedFile]
) -> None:
    defects_per_file: dict[str, Counter[str]] = defaultdict(Counter)
    for defect in manifest["defects"]:
        defects_per_file[defect["file"]][defect["rule"]] += 1
    for entry in manifest["files"]:
        path = SOURCES / entry["path"]
        assert path.name == f"request_log_{entry['year']}.{entry['format']}"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], path.name
        assert len(parsed[entry["path"]].rows) == entry["rows"], path.name
        rejects = entry["expected_rejects"]
        assert entry["expected_loaded"] + sum(rejects.values()) == entry["rows"]
        assert rejects == dict(defects_per_file[entry["path"]]), path.name


def test_csv_lines_are_rows_and_quoting_is_the_csv_modules(manifest: dict[str, Any]) -> None:
    for entry in manifest["files"]:
        if entry["format"] != "csv":
            continue
        data = (SOURCES / entry["path"]).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") == (entry["encoding"] == "utf-8-sig")
        text = data.decode(entry["encoding"])
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=entry["delimiter"]))
        # No field holds a line break, so a row number is a line number.
        assert text.count("\n") == len(records) == entry["rows"] + 1
        assert text.count("\r\n") == (len(records) if entry["line_terminator"] == "\r\n" else 0)
        buffer = io.StringIO(newline="")
        csv.writer(buffer, delimiter=entry["delimiter"], lineterminator=entry["line_terminator"]).writerows(
            records
        )
        assert buffer.getvalue() == text.removeprefix("\ufeff"), entry["path"]


def test_xlsx_header_is_row_one_with_real_dates(manifest: dict[str, Any]) -> None:
    for entry in manifest["files"]:
        if entry["format"] != "xlsx":
            continue
        assert entry["sheet"] == f"Requests {entry['year']}"
        with zipfile.ZipFile(SOURCES / entry["path"]) as archive:
            sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
        assert '<row r="1"' in sheet_xml and '<dimension ref="A1:' in sheet_xml
        header = _sheet_records(SOURCES / entry["path"], entry["sheet"])[0]
        assert header == list(rl.HEADER_SETS[entry["header_wording"]])


def test_headers_use_only_declared_wordings(parsed: dict[str, ParsedFile]) -> None:
    assert set(rl.HEADER_WORDINGS) == set(rl.COLUMNS)
    used: set[str] = set()
    for path, parsed_file in parsed.items():
        assert len(parsed_file.header) == len(rl.COLUMNS), path
        for column, wording in zip(rl.COLUMNS, parsed_file.header, strict=True):
            assert wording in rl.HEADER_WORDINGS[column], (path, column, wording)
            used.add(wording)
    declared = {w for wordings in rl.HEADER_WORDINGS.values() for w in wordings}
    assert used == declared, f"declared but never used: {declared - used}"


# ------------------------------------------------------------------------------------------
# Defects and the contract of valid rows
# ------------------------------------------------------------------------------------------


def _broken_rules(row: Row, earlier: set[tuple[Any, ...]]) -> set[str]:
    v = row.values
    broken = set()
    if not v["request_id"]:
        broken.add("missing_request_id")
    if v["requesting_state"] not in VARIANT_TO_ISO3:
        broken.add("unknown_country")
    if v["event_date"] < v["received_on"]:
        broken.add("event_before_receipt")
    if row.raw in earlier:
        broken.add("duplicate_event")
    if v["estimated_cost"] < 0 or (v["funded_amount"] is not None and v["funded_amount"] < 0):
        broken.add("negative_amount")
    if v["status"] not in rl.STATUSES:
        broken.add("unknown_status")
    return broken


def test_every_defect_is_at_its_row_and_breaks_exactly_its_rule(
    manifest: dict[str, Any], parsed: dict[str, ParsedFile]
) -> None:
    defects = manifest["defects"]
    assert 10 <= len(defects) <= 20
    per_rule = Counter(d["rule"] for d in defects)
    assert set(per_rule) == set(rl.DEFECT_RULES) and all(1 <= c <= 3 for c in per_rule.values())
    assert len({d["file"] for d in defects}) >= 4
    expected = {(d["file"], d["row"]): d["rule"] for d in defects}
    for path, parsed_file in parsed.items():
        seen: set[tuple[Any, ...]] = set()
        for row in parsed_file.rows:
            broken = _broken_rules(row, seen)
            rule = expected.get((path, row.number))
            assert broken == ({rule} if rule else set()), (path, row.number, broken, rule)
            seen.add(row.raw)


def test_valid_rows_keep_the_contract(
    parsed: dict[str, ParsedFile], defect_rows: set[tuple[str, int]]
) -> None:
    channels = {c for c, _ in rl.CHANNELS}
    funded_statuses = {"Accepted", "In delivery", "Completed"}
    for parsed_file, row in _valid_rows(parsed, defect_rows):
        v, where = row.values, (parsed_file.entry["path"], row.number)
        match = ID_PATTERN.match(v["request_id"])
        assert match and int(match[1]) == v["received_on"].year, where
        assert v["event_date"].year == parsed_file.entry["year"], where
        assert v["event_date"].weekday() < 5, where
        if v["status"] == "Received":
            assert v["event_date"] == v["received_on"], where
        assert v["channel"] in channels, where
        assert _norm(v["thematic_area"]) in AREA_OF_LABEL, where
        assert v["upr_recommendations"] is None or UPR_PATTERN.match(v["upr_recommendations"])
        assert (v["currency"], parsed_file.entry["year"]) in FX, where
        assert v["estimated_cost"] > 0, where
        funded, source = v["funded_amount"], v["funding_source"]
        assert (funded is None) == (source is None), where
        if v["status"] in funded_statuses:
            assert funded is not None, where
        if v["status"] in ("Received", "Under assessment", "Declined"):
            assert funded is None, where
        if funded is not None:
            assert 0 <= funded <= v["estimated_cost"] and source in FUND_LABELS, where
        assert v["focal_point"] and EMAIL_PATTERN.match(v["focal_point_email"]), where
        assert all("\n" not in x and "\r" not in x for x in row.raw if isinstance(x, str))


# Each status's allowed predecessors in the lifecycle.
LIFECYCLE = {
    "Received": set(),
    "Under assessment": {"Received"},
    "Accepted": {"Received", "Under assessment"},
    "Declined": {"Received", "Under assessment"},
    "In delivery": {"Accepted"},
    "Completed": {"In delivery"},
    "Withdrawn": {"Received", "Under assessment", "Accepted", "In delivery"},
}


def _requests(
    parsed: dict[str, ParsedFile], defect_rows: set[tuple[str, int]]
) -> dict[str, list[dict[str, Any]]]:
    by_id: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for _, row in _valid_rows(parsed, defect_rows):
        by_id[row.values["request_id"]].append(row.values)
    return by_id


def test_requests_follow_the_lifecycle_and_keep_their_attributes(
    parsed: dict[str, ParsedFile], defect_rows: set[tuple[str, int]]
) -> None:
    requests = _requests(parsed, defect_rows)
    assert 1000 * 14 <= len(requests) <= 1500 * 14
    events = sum(len(e) for e in requests.values())
    assert 3 <= events / len(requests) <= 5
    for request_id, rows in requests.items():
        statuses = [r["status"] for r in sorted(rows, key=lambda r: r["event_date"])]
        assert len(statuses) == len(set(statuses)), (request_id, statuses)
        assert statuses[0] == "Received", (request_id, statuses)
        for before, after in itertools.pairwise(statuses):
            assert before in LIFECYCLE[after], (request_id, statuses)
        assert "Withdrawn" not in statuses[:-1], (request_id, statuses)
        dates = sorted(r["event_date"] for r in rows)
        assert len(set(dates)) == len(dates), (request_id, "two events on one day")
        for column in (
            "received_on",
            "estimated_cost",
            "currency",
            "upr_recommendations",
            "responding_office",
        ):
            assert len({r[column] for r in rows}) == 1, (request_id, column)
        assert len({VARIANT_TO_ISO3[r["requesting_state"]] for r in rows}) == 1, request_id
        assert len({AREA_OF_LABEL[_norm(r["thematic_area"])] for r in rows}) == 1, request_id


def test_names_and_labels_vary_realistically(
    parsed: dict[str, ParsedFile], defect_rows: set[tuple[str, int]]
) -> None:
    names = Counter(row.values["requesting_state"] for _, row in _valid_rows(parsed, defect_rows))
    for iso3 in ("VEN", "CIV", "TUR", "KEN", "COL", "UKR"):
        emitted = {n for n in names if VARIANT_TO_ISO3.get(n) == iso3}
        assert len(emitted) >= 4, (iso3, emitted)
    assert {"委内瑞拉玻利瓦尔共和国", "Côte d’Ivoire", "Cote d'Ivoire", "Türkiye", "Turkey", "Kenya*"} <= set(
        names
    )
    # The same request is written differently on different rows.
    requests = _requests(parsed, defect_rows)
    assert sum(len({r["requesting_state"] for r in rows}) > 1 for rows in requests.values()) > 1000
    labels = Counter(row.values["thematic_area"] for _, row in _valid_rows(parsed, defect_rows))
    assert any(label != label.strip() for label in labels)
    # A request cites UPR recommendations only once its State has a sample review before it
    # (samples/upr_reviews.py: 8 States, one review per cycle from 2012); among those requests
    # about a third do, as before the citations pointed at the sample reports.
    first = [rows[0] for rows in requests.values()]
    reviewed = [
        row
        for row in first
        if review_before(VARIANT_TO_ISO3.get(row["requesting_state"], ""), row["received_on"]) is not None
    ]
    upr = [row["upr_recommendations"] is not None for row in reviewed]
    assert len(reviewed) > 2000 and 0.30 <= sum(upr) / len(upr) <= 0.40
    assert sum(row["upr_recommendations"] is not None for row in first) == sum(upr)


def test_every_state_variant_is_unique_and_latin_where_needed() -> None:
    all_variants = [v for s in rl.STATES for v in s.variants]
    assert len(all_variants) == len(set(all_variants)), "a variant names two States"
    assert 60 <= len(rl.STATES) <= 80
    for state in rl.STATES:
        assert 2 <= len(state.variants) <= 5, state.iso3
        assert any(rl._is_cp1252(v) for v in state.variants), state.iso3
    assert set(rl.SENTINEL_STATES) <= {s.iso3 for s in rl.STATES}


def test_every_state_variant_resolves(
    manifest: dict[str, Any], parsed: dict[str, ParsedFile], defect_rows: set[tuple[str, int]]
) -> None:
    from pipelines.reference.countries import resolve_country

    def resolved(name: str) -> Any:
        try:
            result = resolve_country(name)
        except (LookupError, ValueError):
            return None
        return getattr(result, "iso3", result)

    emitted = {row.values["requesting_state"] for _, row in _valid_rows(parsed, defect_rows)}
    names = {v: s.iso3 for s in rl.STATES for v in s.variants}
    assert emitted <= set(names)
    wrong = {n: (iso3, resolved(n)) for n, iso3 in names.items() if resolved(n) != iso3}
    assert not wrong, f"names not resolved to their ISO3 (expected, got): {wrong}"
    unknown = {d["description"].split("'")[1] for d in manifest["defects"] if d["rule"] == "unknown_country"}
    assert all(resolved(n) is None for n in unknown), unknown


# ------------------------------------------------------------------------------------------
# Ground truth re-computed from the files
# ------------------------------------------------------------------------------------------


def _metrics(requests: list[dict[str, Any]], year: int) -> dict[str, Any]:
    end = dt.date(year, 12, 31)
    counts = Counter()
    ages, waits = [], []
    upr = 0
    amount = Decimal(0)
    for r in requests:
        events = r["events"]
        if r["received"].year == year:
            counts["received"] += 1
            upr += r["upr"]
            amount += Decimal(r["cost"]) * FX[(r["currency"], year)]
        for status in ("Accepted", "Declined", "Completed", "Withdrawn"):
            if status in events and events[status].year == year:
                counts[status.lower()] += 1
                if status in ("Accepted", "Declined"):
                    waits.append((events[status] - r["received"]).days)
        closed = [events[s] for s in rl.CLOSING_STATUSES if s in events]
        if r["received"] <= end and not any(d <= end for d in closed):
            counts["open_at_year_end"] += 1
            ages.append((end - r["received"]).days)
    answered = counts["accepted"] + counts["declined"]
    return {
        **{
            c: counts[c]
            for c in ("received", "accepted", "declined", "completed", "withdrawn", "open_at_year_end")
        },
        "oldest_open_age_days": max(ages) if ages else None,
        "median_days_to_respond": float(statistics.median(waits)) if waits else None,
        "positive_response_rate": round(counts["accepted"] / answered, 4) if answered else None,
        "amount_requested_usd": float(amount.quantize(Decimal("0.01"), ROUND_HALF_EVEN)),
        "upr_linked_share": round(upr / counts["received"], 4) if counts["received"] else None,
    }


def test_expected_needs_match_a_recomputation_from_the_files(
    manifest: dict[str, Any], parsed: dict[str, ParsedFile], defect_rows: set[tuple[str, int]]
) -> None:
    requests = []
    for rows in _requests(parsed, defect_rows).values():
        first = next(r for r in rows if r["status"] == "Received")
        requests.append(
            {
                "iso3": VARIANT_TO_ISO3[first["requesting_state"]],
                "area": AREA_OF_LABEL[_norm(first["thematic_area"])],
                "received": first["received_on"],
                "cost": first["estimated_cost"],
                "currency": first["currency"],
                "upr": first["upr_recommendations"] is not None,
                "events": {r["status"]: r["event_date"] for r in rows},
            }
        )
    needs = manifest["expected_needs"]
    assert needs["sentinel_states"] == sorted(rl.SENTINEL_STATES)
    assert needs["metrics"] == list(rl.NEEDS_METRICS)

    totals = [{**_metrics(requests, y), "year": y} for y in manifest["years"]]
    assert needs["totals_by_year"] == totals

    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in requests:
        if r["iso3"] in rl.SENTINEL_STATES:
            groups[(r["iso3"], r["area"])].append(r)
    expected = []
    for year in manifest["years"]:
        for (iso3, area), members in sorted(groups.items()):
            metrics = _metrics(members, year)
            if any(
                metrics[c]
                for c in ("received", "accepted", "declined", "completed", "withdrawn", "open_at_year_end")
            ):
                expected.append({**metrics, "country_iso3": iso3, "thematic_area_code": area, "year": year})
    assert needs["by_state_year_area"] == expected


def test_sentinels_have_plenty_of_requests_every_year(manifest: dict[str, Any]) -> None:
    received: Counter[tuple[str, int]] = Counter()
    for entry in manifest["expected_needs"]["by_state_year_area"]:
        received[(entry["country_iso3"], entry["year"])] += entry["received"]
    for iso3 in rl.SENTINEL_STATES:
        for year in manifest["years"]:
            assert received[(iso3, year)] >= 25, (iso3, year, received[(iso3, year)])


# ------------------------------------------------------------------------------------------
# Other parameters
# ------------------------------------------------------------------------------------------


def test_benchmark_scale_writes_utf8_csv_only(tmp_path: Path) -> None:
    manifest = rl.generate_request_logs(tmp_path, years=range(2012, 2015), scale=1.5, seed=7)
    assert [f.format for f in manifest.files] == ["csv"] * 3
    assert {(f.encoding, f.delimiter, f.date_format) for f in manifest.files} == {
        ("utf-8", ",", "YYYY-MM-DD")
    }
    assert manifest.files[0].expected_loaded > 1.5 * 1000 * 2
    assert {d.rule for d in manifest.defects} == {"missing_request_id", "duplicate_event"}
    on_disk = json.loads((tmp_path / rl.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert on_disk == manifest.to_dict()
    for f in manifest.files:
        assert sum(1 for _ in (tmp_path / Path(f.path).name).open(encoding="utf-8")) == f.rows + 1
