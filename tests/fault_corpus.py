"""The fault corpus of issue 10: bad inputs as a real office produces them, one source file
changed at a time, each with the outcome it must have.

Outcomes:
- REJECT: the bad rows are kept in raw.rejects with their rule; the year's other rows load.
- FAILURE: the year fails with a clear message naming the file; its previous load (and so the
  last publication) stays.
- BLOCKED: the year loads into the build, but a blocking check fails with the reason, so
  nothing is published and the last good publication stays.
- PUBLISHED: the input is right after all (a real export's shape) and is read correctly.

tests/test_fault_corpus.py runs every case; docs/reliability.md is the same table in prose.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REJECT, FAILURE, BLOCKED, PUBLISHED = "reject", "failure", "blocked", "published"

REQUEST_LOG = "request_logs/request_log_2021.csv"


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


def _write(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def _set(column: str, value: str, rows: int = 3) -> Callable[[Path], None]:
    """Put `value` into `column` of the first `rows` data rows."""

    def mutate(sources: Path) -> None:
        path = sources / REQUEST_LOG
        header, data = _rows(path)
        for row in data[:rows]:
            row[header.index(column)] = value
        _write(path, header, data)

    return mutate


def _truncate_bytes(share: float) -> Callable[[Path], None]:
    def mutate(sources: Path) -> None:
        path = sources / REQUEST_LOG
        content = path.read_bytes()
        path.write_bytes(content[: int(len(content) * share)])

    return mutate


def _keep_lines(share: float) -> Callable[[Path], None]:
    """An export cut at a line boundary (nothing looks broken in the file itself)."""

    def mutate(sources: Path) -> None:
        path = sources / REQUEST_LOG
        header, data = _rows(path)
        _write(path, header, data[: int(len(data) * share)])

    return mutate


def _drop_column(column: str) -> Callable[[Path], None]:
    def mutate(sources: Path) -> None:
        path = sources / REQUEST_LOG
        header, data = _rows(path)
        index = header.index(column)
        _write(path, header[:index] + header[index + 1 :], [r[:index] + r[index + 1 :] for r in data])

    return mutate


def _shift_fields(sources: Path) -> None:
    """A row with one field missing: the focal point's name moves under 'Funding source'."""
    path = sources / REQUEST_LOG
    header, data = _rows(path)
    index = header.index("Funded amount")
    data[0] = data[0][:index] + data[0][index + 1 :]
    _write(path, header, data)


def _title_lines(sources: Path) -> None:
    path = sources / REQUEST_LOG
    path.write_bytes(b"OHCHR request log\nExported 2022-01-05\n" + path.read_bytes())


def _undecodable(sources: Path) -> None:
    path = sources / REQUEST_LOG
    content = bytearray(path.read_bytes())
    at = content.index(b"\n", len(content) // 2) + 1
    content[at:at] = b"\xff\xfe\x81"
    path.write_bytes(bytes(content))


def _header_only(sources: Path) -> None:
    path = sources / REQUEST_LOG
    header, _ = _rows(path)
    _write(path, header, [])


def _copied_twice(sources: Path) -> None:
    path = sources / REQUEST_LOG
    (path.parent / "request_log_2021 (1).csv").write_bytes(path.read_bytes())


def _broken_vftc_donors(sources: Path) -> None:
    from samples.documents import write_vftc_board_report

    write_vftc_board_report(
        sources / "fund_board_reports" / "vftc_board_report_2019.pdf", 2019, break_total="board_contributions"
    )


@dataclass(frozen=True)
class Case:
    name: str
    issue_bullet: str  # where issue 10 describes it
    mutate: Callable[[Path], None]
    outcome: str
    says: tuple[str, ...]  # words the reject rule, failure or check reason must contain
    year: int = 2021
    family: str = "request_logs"


CASES = [
    Case(
        "truncated export (60 % of bytes)",
        "1. truncated export",
        _truncate_bytes(0.6),
        FAILURE,
        ("request_log_2021.csv",),
    ),
    Case(
        "export cut at a line (60 % of rows)",
        "1. truncated export",
        _keep_lines(0.6),
        FAILURE,
        ("rows read against", "--accept-drop", "request_log_2021.csv"),
    ),
    Case(
        "Excel serial dates",
        "1. dates as spreadsheets write them",
        _set("Event date", "44260"),
        PUBLISHED,
        (),
    ),
    Case(
        "impossible date 2021-02-30",
        "1. dates as spreadsheets write them",
        _set("Event date", "2021-02-30"),
        REJECT,
        ("unparseable_date",),
    ),
    Case(
        "formula in a State cell",
        "1. formulas and markup in extracts",
        _set("Requesting State", '=HYPERLINK("http://x","click")'),
        REJECT,
        ("unknown_country",),
    ),
    Case(
        "markup in a thematic-area cell",
        "1. formulas and markup in extracts",
        _set("Thematic area", "<img src=x onerror=alert(1)>"),
        REJECT,
        ("unknown_thematic_area",),
    ),
    Case(
        "'Estimated cost' column removed",
        "1. wrong figures published",
        _drop_column("Estimated cost"),
        FAILURE,
        ("Estimated cost", "request_log_2021.csv"),
    ),
    Case(
        "empty currency beside an amount",
        "1. wrong figures published",
        _set("Currency", ""),
        REJECT,
        ("missing_currency",),
    ),
    Case(
        "decimal-comma amounts",
        "1. wrong figures published",
        _set("Estimated cost", "1 234,56"),
        PUBLISHED,
        (),
    ),
    Case(
        "board report donor table that does not add up",
        "1. wrong figures published",
        _broken_vftc_donors,
        BLOCKED,
        ("vftc_board_report_2019.pdf", "rejected whole", "totals_mismatch"),
        year=2019,
        family="documents",
    ),
    Case(
        "a field missing: focal point under another header",
        "1. personal data in rejects",
        _shift_fields,
        REJECT,
        (),
    ),
    Case(
        "two title lines above the CSV header",
        "2. good rows lost with their year",
        _title_lines,
        PUBLISHED,
        (),
    ),
    Case(
        "undecodable byte",
        "2. good rows lost with their year",
        _undecodable,
        FAILURE,
        ("request_log_2021.csv",),
    ),
    Case(
        "header-only file",
        "4. a failed load reaches the published warehouse",
        _header_only,
        FAILURE,
        ("request_log_2021.csv",),
    ),
    Case(
        "same file copied twice",
        "2. good rows lost with their year",
        _copied_twice,
        FAILURE,
        ("request_log_2021.csv", "request_log_2021 (1).csv", "same events"),
    ),
]
