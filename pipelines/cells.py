"""Cells that a spreadsheet would run: source text reaches extracts as text, never as a formula.

A State, a thematic area or a highlight title is copied from a source file that anyone could
have typed into; a value such as `=HYPERLINK("http://x","click")` or `@SUM(A1)` would run when
a report author opens the CSV in Excel. Text cells starting with a formula trigger are written
with a leading apostrophe (the OWASP "CSV injection" advice, which Excel shows as text); numbers
are numbers and stay as they are, so a negative balance is still -5.00.
"""

from __future__ import annotations

import polars as pl

# What Excel, LibreOffice and Google Sheets read as the start of a formula (tab and carriage
# return too: some import dialogs strip them and then see the next character).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_TRIGGER_PATTERN = r"^[=+\-@\t\r]"


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with every text cell that starts like a formula prefixed by an apostrophe."""
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    if not text:
        return frame
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(_TRIGGER_PATTERN))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in text
    )


# xlsxwriter's write() turns a string starting with "=" into a formula and a string that looks
# like a URL into a hyperlink; these options keep every string a string (text cells).
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
