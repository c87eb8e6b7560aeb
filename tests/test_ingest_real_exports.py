"""CSV and XLSX exports as real office tools write them: encodings (Mac Roman, UTF-16, BOMs),
CR-only line ends, title lines, cover sheets, truncated copies, missing columns. Each file is
made here with the bytes such an export has."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from pipelines.ingest.tables import (
    TruncatedSourceError,
    UndecodableSourceError,
    UnreadableSourceError,
    read_tabular,
)

SYNONYMS = {"request_id": ("Request ID", "Ref."), "state": ("Requesting State", "State"), "note": ("Note",)}
REQUIRED = ("request_id", "state")
# French and Portuguese place names: in Mac Roman "é" is 0x8E, "ç" 0x8D, "è" 0x8F, "Å" 0x81,
# and 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in cp1252.
ROWS = [("A-1", "Côte d'Ivoire", "Réunion à Genève"), ("A-2", "Curaçao", "Åland, São Tomé")]


def export(rows: list[tuple[str, ...]], delimiter: str = ",", line_end: str = "\n") -> str:
    lines = [delimiter.join(("Request ID", "Requesting State", "Note")), *(delimiter.join(r) for r in rows)]
    return line_end.join(lines) + line_end


def test_mac_roman_export_is_detected_and_decoded(tmp_path: Path) -> None:
    data = export(ROWS, ";").encode("mac_roman")
    assert any(byte in data for byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D))  # no cp1252 fallback reads it
    path = tmp_path / "request_log_2015.csv"
    path.write_bytes(data)
    table = read_tabular(path, SYNONYMS, REQUIRED)
    assert table.encoding == "mac-roman"
    assert table.frame.select("request_id", "state", "note").rows() == ROWS


def test_cp1252_export_is_not_taken_for_mac_roman(tmp_path: Path) -> None:
    path = tmp_path / "request_log_2015.csv"
    path.write_bytes(export([("A-1", "Côte d'Ivoire", "Réunion à Genève – 2015")], ";").encode("cp1252"))
    table = read_tabular(path, SYNONYMS, REQUIRED)
    assert table.encoding == "cp1252"
    assert table.frame["note"].to_list() == ["Réunion à Genève – 2015"]


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")],
)
def test_byte_order_marks_are_trusted(tmp_path: Path, bom: bytes, codec: str) -> None:
    path = tmp_path / "request_log_2015.csv"
    path.write_bytes(bom + export(ROWS, "\t", "\r\n").encode(codec))
    table = read_tabular(path, SYNONYMS, REQUIRED)
    assert table.frame.select("request_id", "state", "note").rows() == ROWS
    assert table.frame.columns[0] == "source_row" and table.header_row == 1  # no BOM left in the header


def test_undecodable_file_names_the_file_the_offset_and_what_was_tried(tmp_path: Path) -> None:
    path = tmp_path / "request_log_2015.csv"
    data = b"Request ID,Requesting State\nA-1,Kenya\n" + bytes(range(128, 256)) * 4 + b"\x00" * 64
    path.write_bytes(data)
    with pytest.raises(UndecodableSourceError) as caught:
        read_tabular(path, SYNONYMS, REQUIRED)
    message = str(caught.value)
    assert message.startswith("request_log_2015.csv: cannot decode")
    assert "byte offset 38" in message  # the first byte that is not UTF-8
    assert all(name in message for name in ("utf-8", "cp1252", "mac_roman"))
    # A data error, handled like every unreadable file (the assets fail without retry).
    assert isinstance(caught.value, UnreadableSourceError)


def test_utf16_bom_with_a_cut_character_is_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "request_log_2015.csv"
    path.write_bytes(b"\xff\xfe" + export(ROWS).encode("utf-16-le") + b"A")
    with pytest.raises(UndecodableSourceError, match=r"request_log_2015\.csv: .*utf-16.*byte offset \d+"):
        read_tabular(path, SYNONYMS, REQUIRED)


def test_cr_only_line_ends_read_like_lf(tmp_path: Path) -> None:
    rows = [(f"A-{i}", "Kenya", f"note {i}") for i in range(1, 2001)]
    lf, cr = tmp_path / "lf_2015.csv", tmp_path / "cr_2015.csv"
    lf.write_bytes(export(rows, ";").encode("mac_roman"))
    cr.write_bytes(export(rows, ";", "\r").encode("mac_roman"))
    from_lf, from_cr = read_tabular(lf, SYNONYMS, REQUIRED), read_tabular(cr, SYNONYMS, REQUIRED)
    assert from_cr.delimiter == ";"
    assert from_cr.frame.height == 2000
    assert from_cr.frame.equals(from_lf.frame)
    assert from_cr.frame["source_row"][-1] == 2001


def test_title_lines_above_the_csv_header(tmp_path: Path) -> None:
    path = tmp_path / "request_log_2021.csv"
    title = "Requests for technical assistance 2021\nExported 2022-01-10 by the request tracker\n\n"
    path.write_text(title + export(ROWS, ";"), encoding="utf-8")
    table = read_tabular(path, SYNONYMS, REQUIRED)
    assert table.delimiter == ";" and table.header_row == 4
    assert table.frame.select("request_id", "source_row").rows() == [("A-1", 5), ("A-2", 6)]


def test_no_header_within_the_search_bound_fails_clearly(tmp_path: Path) -> None:
    path = tmp_path / "request_log_2021.csv"
    path.write_text("note\n" * 40 + export(ROWS), encoding="utf-8")
    expected = r"request_log_2021\.csv: no header row .* in the first 30 lines"
    with pytest.raises(UnreadableSourceError, match=expected):
        read_tabular(path, SYNONYMS, REQUIRED)


@pytest.mark.parametrize("cover", ["blank", "cover"])
def test_xlsx_header_on_a_later_sheet(tmp_path: Path, cover: str) -> None:
    path = tmp_path / "request_log_2021.xlsx"
    with xlsxwriter.Workbook(path) as workbook:
        first = workbook.add_worksheet("Sheet1" if cover == "blank" else "Cover")
        if cover == "cover":
            first.write(0, 0, "Requests for technical assistance, 2021")
            first.write(2, 0, "Prepared by the Methodology, Education and Training Section")
        data = workbook.add_worksheet("Requests")
        data.write_row(1, 0, ["Request ID", "Requesting State", "Note"])
        data.write_row(2, 0, list(ROWS[0]))
    table = read_tabular(path, SYNONYMS, REQUIRED)
    assert table.sheet == "Requests" and table.header_row == 2
    assert table.frame.select("request_id", "source_row").rows() == [("A-1", 3)]


def test_xlsx_without_a_header_on_any_sheet_names_the_sheets(tmp_path: Path) -> None:
    path = tmp_path / "request_log_2021.xlsx"
    with xlsxwriter.Workbook(path) as workbook:
        workbook.add_worksheet("Cover").write(0, 0, "Nothing here")
        workbook.add_worksheet("Notes").write(0, 0, "Nor here")
    with pytest.raises(UnreadableSourceError, match=r"any of the sheets 'Cover', 'Notes'"):
        read_tabular(path, SYNONYMS, REQUIRED)


@pytest.mark.parametrize(
    "tail",
    [
        "A-3,Keny",  # cut inside the second field
        'A-3,Kenya,"a note that was cut',  # cut inside a quoted field
    ],
)
def test_truncated_last_line_stops_the_file(tmp_path: Path, tail: str) -> None:
    path = tmp_path / "request_log_2021.csv"
    path.write_text(export(ROWS) + tail, encoding="utf-8")
    with pytest.raises(TruncatedSourceError, match=r"request_log_2021\.csv: .*(line 4|\(4\)).*cut short"):
        read_tabular(path, SYNONYMS, REQUIRED)


def test_complete_last_row_without_a_final_line_break_loads(tmp_path: Path) -> None:
    path = tmp_path / "request_log_2021.csv"
    path.write_text(export(ROWS).rstrip("\n"), encoding="utf-8")
    assert read_tabular(path, SYNONYMS, REQUIRED).frame.height == 2


def test_missing_expected_column_names_the_file_and_the_column(tmp_path: Path) -> None:
    path = tmp_path / "request_log_2021.csv"
    path.write_text("Request ID,Requesting State\nA-1,Kenya\n", encoding="utf-8")
    with pytest.raises(
        UnreadableSourceError, match=r"request_log_2021\.csv: the header \(row 1\) has no column note"
    ):
        read_tabular(path, SYNONYMS, REQUIRED, expected=("note",))


def test_utf8_file_with_damaged_bytes_is_not_read_as_mac_roman(tmp_path: Path) -> None:
    path = tmp_path / "request_log_2015.csv"
    good = export([("A-1", "Україна", "Кот-д'Ивуар"), ("A-2", "اليمن", "Genève")] * 20).encode("utf-8")
    cut = good.index("Genève".encode()) + 3  # after "Gen": a character boundary
    path.write_bytes(good[:cut] + b"\x81\x8d\x9d" + good[cut:])
    with pytest.raises(UndecodableSourceError) as caught:
        read_tabular(path, SYNONYMS, REQUIRED)
    assert str(caught.value).startswith("request_log_2015.csv: cannot decode the file: it is UTF-8")
    assert f"byte offset {cut}:" in str(caught.value)
