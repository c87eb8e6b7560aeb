"""Reading CSV and XLSX exports as real offices write them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter

from pipelines.ingest.tables import UnreadableSourceError, read_tabular

SYNONYMS = {"request_id": ("Request ID", "Ref."), "state": ("Requesting State", "State"), "note": ("Note",)}
REQUIRED = ("request_id", "state")


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", "\t"), ("utf-16", ",")],
)
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    text = (
        delimiter.join(["Ref.", "State", "Note"])
        + "\n"
        + delimiter.join(["A-1", "Côte d'Ivoire", "x"])
        + "\n"
    )
    path = tmp_path / "log.csv"
    path.write_bytes(text.encode(encoding))
    table = read_tabular(path, SYNONYMS, REQUIRED)
    assert table.delimiter == delimiter
    assert table.frame.select("request_id", "state", "source_row").rows() == [("A-1", "Côte d'Ivoire", 2)]


def test_csv_row_numbers_survive_quoted_newlines_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text('Request ID,State,Note\nA-1,Kenya,"two\nlines"\n\nA-2,Chile,\n', encoding="utf-8")
    table = read_tabular(path, SYNONYMS, REQUIRED)
    assert table.frame.select("request_id", "source_row").rows() == [("A-1", 3), ("A-2", 5)]


def test_xlsx_shifted_header_keeps_the_rows_a_person_sees(tmp_path: Path) -> None:
    path = tmp_path / "log.xlsx"
    with xlsxwriter.Workbook(path) as workbook:
        sheet = workbook.add_worksheet("Requests 2015")
        sheet.write(0, 0, "Requests received in 2015")  # a title row above the header
        sheet.write_row(2, 1, ["Request ID", "Requesting State", "Note"])
        sheet.write_row(3, 1, ["A-1", "Kenya"])
        sheet.write_datetime(4, 3, dt.datetime(2015, 3, 4), workbook.add_format({"num_format": "yyyy-mm-dd"}))
        sheet.write_row(4, 1, ["A-2", "Chile"])
    table = read_tabular(path, SYNONYMS, REQUIRED)
    assert table.sheet == "Requests 2015"
    assert table.header_row == 3
    assert table.frame.select("request_id", "note", "source_row").rows() == [
        ("A-1", None, 4),
        ("A-2", "2015-03-04", 5),
    ]


def test_missing_columns_name_the_file_and_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "log_2015.csv"
    path.write_text("Identifier,Nation\nA-1,Kenya\n", encoding="utf-8")
    with pytest.raises(
        UnreadableSourceError, match=r"log_2015\.csv: no header row with the columns request_id, state"
    ):
        read_tabular(path, SYNONYMS, REQUIRED)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty_2015.csv", b"", "file is empty"),
        ("broken_2015.xlsx", b"PK\x03\x04 this is not a workbook", "not a readable XLSX workbook"),
        ("notes_2015.pdf", b"%PDF-1.7", "unsupported file type"),
    ],
)
def test_unreadable_files_fail_with_their_name(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableSourceError, match=problem) as caught:
        read_tabular(path, SYNONYMS, REQUIRED)
    assert name in str(caught.value)


def test_utf8_csv_header_below_non_ascii_titles_keeps_the_rows_a_person_sees(tmp_path: Path) -> None:
    # UTF-8 files go to polars as bytes from the header line on: the title lines' multi-byte
    # characters must not shift where the header starts, nor the row numbers.
    path = tmp_path / "log.csv"
    text = (
        "Demandes reçues en 2021 — État ✓\r\n\r\n"
        'Request ID,State,Note\r\nA-1,Türkiye,  \r\nA-2, Chile ,"a, b"\r\n'
    )
    path.write_bytes(text.encode("utf-8"))
    table = read_tabular(path, SYNONYMS, REQUIRED)
    assert (table.encoding, table.header_row) == ("utf-8", 3)
    assert table.frame.select("request_id", "state", "note", "source_row").rows() == [
        ("A-1", "Türkiye", None, 4),
        ("A-2", "Chile", "a, b", 5),
    ]


def test_csv_row_numbers_survive_a_lone_cr_inside_a_quoted_field(tmp_path: Path) -> None:
    # A lone CR ends a line for a person's editor: the rows after it sit one line lower.
    path = tmp_path / "log.csv"
    path.write_bytes(b'Request ID,State,Note\nA-1,Kenya,"two\rlines"\nA-2,Chile,\n')
    table = read_tabular(path, SYNONYMS, REQUIRED)
    assert table.frame.select("request_id", "source_row").rows() == [("A-1", 3), ("A-2", 4)]
