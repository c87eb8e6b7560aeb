"""Amount cells of tabular exports (request logs), as the exporting office wrote them.

Spreadsheets and export tools write amounts with the office's own decimal mark and thousands
separators ("1 234,56", "1.234,56", "1,234.56", "1'234"). A cell is read only when its form
says what it is, or the file's other amounts show the decimal mark: never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import polars as pl

_GROUPED = {
    ",": re.compile(r"^\d{1,3}(?:,\d{3})+$"),
    ".": re.compile(r"^\d{1,3}(?:\.\d{3})+$"),
}
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f']")
_NUMBER = re.compile(r"^-?[\d.,]+$")


def _decimal_mark(texts: Iterable[str]) -> str | None:
    """The file's decimal mark, from the amounts that show it unambiguously, or None when they
    show none or disagree. "1.234,56" (both marks: the last is decimal), "1,234,567" (a
    repeated mark separates thousands) and "1234,5" (not three digits after it) show it;
    "1,234" does not."""
    seen: set[str] = set()
    for text in texts:
        digits = _SPACES.sub("", text).lstrip("-")
        marks = [c for c in digits if c in ",."]
        if not marks:
            continue
        last = marks[-1]
        if len(set(marks)) == 2:
            seen.add(last)
        elif len(marks) > 1:
            seen.add("." if last == "," else ",")
        elif len(digits) - digits.rfind(last) - 1 != 3:
            seen.add(last)
    return seen.pop() if len(seen) == 1 else None


def parse_amount_text(text: str, decimal_mark: str | None) -> tuple[float | None, str | None]:
    """One amount cell -> (value, None) or (None, why it is not read).

    Thousands separators are spaces (NBSP, thin space), apostrophes, or the mark that is not
    the decimal one, in groups of three. "1 234,56" and "1.234,56" are 1234.56; "1,234" is
    1234 or 1.234 depending on the export's convention, so it is read only when other amounts
    of the file show the decimal mark, and is otherwise rejected as ambiguous: never a guess.
    """
    compact = _SPACES.sub("", text)
    if not _NUMBER.match(compact):
        return None, "not a number"
    sign, digits = ("-", compact[1:]) if compact.startswith("-") else ("", compact)
    marks = {c for c in digits if c in ",."}
    if len(marks) == 2:
        mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        whole, _, fraction = digits.rpartition(mark)
        if not _GROUPED["." if mark == "," else ","].match(whole) or not fraction.isdigit():
            return None, "the thousands separators are not in groups of three"
        number = whole.replace("," if mark == "." else ".", "") + "." + fraction
    elif len(marks) == 1:
        (mark,) = marks
        whole, _, fraction = digits.rpartition(mark)
        grouped = bool(_GROUPED[mark].match(digits))
        if digits.count(mark) > 1:
            if not grouped:
                return None, "not a number"
            number = digits.replace(mark, "")
        elif len(fraction) == 3 and grouped:
            # "1,234" / "1.234": thousands or decimals, as the file's other amounts say.
            if decimal_mark is None:
                return None, f"ambiguous: '{mark}' may separate thousands or decimals"
            number = digits.replace(mark, "") if decimal_mark != mark else f"{whole}.{fraction}"
        elif decimal_mark is not None and decimal_mark != mark:
            return None, f"'{mark}' is not this file's decimal mark '{decimal_mark}'"
        else:
            number = f"{whole or '0'}.{fraction}"
    else:
        number = digits
    try:
        return float(Decimal(sign + number)), None
    except InvalidOperation:
        return None, "not a number"


# A bare integer reads the same under any convention and shows no decimal mark: cast in polars.
# (Up to 15 digits, which a float holds exactly, as Decimal -> float would give.)
_PLAIN_INTEGER = r"^-?[0-9]{1,15}$"


def parse_amounts(*distinct: pl.Series) -> dict[str, tuple[pl.Expr, pl.Expr]]:
    """Per amount column (its distinct cells given), (value read, why not) as expressions."""
    written = {values.name: values.filter(~values.str.contains(_PLAIN_INTEGER)) for values in distinct}
    mark = _decimal_mark(text for values in written.values() for text in values.to_list())
    out: dict[str, tuple[pl.Expr, pl.Expr]] = {}
    for values in distinct:
        column = values.name
        texts = written[column]
        parsed = [parse_amount_text(text, mark) for text in texts.to_list()]
        lookup = values.to_frame(column).select(
            pl.when(pl.col(column).str.contains(_PLAIN_INTEGER))
            .then(pl.col(column).cast(pl.Float64))
            .otherwise(
                pl.col(column).replace_strict(
                    texts, [p[0] for p in parsed], default=None, return_dtype=pl.Float64
                )
            )
            .alias("value"),
            pl.col(column)
            .replace_strict(texts, [p[1] for p in parsed], default=None, return_dtype=pl.String)
            .alias("problem"),
        )
        out[column] = (
            pl.col(column).replace_strict(values, lookup["value"], default=None, return_dtype=pl.Float64),
            pl.col(column).replace_strict(values, lookup["problem"], default=None, return_dtype=pl.String),
        )
    return out
