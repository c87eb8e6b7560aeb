"""Amounts as UN tables print them: thousand separators (comma, NBSP, thin space), dashes for
zero, parentheses for negatives."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# --------------------------------------------------------------------------- amounts


_DASHES = {"-", "–", "—", "‒", "−"}
_NUMBER = re.compile(r"^[-−]?\d+(?:\.\d+)?$")
_GROUPED = re.compile(r"^[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")


def parse_amount(text: str | None) -> Decimal | None:
    """An amount as printed: `1,234,567`, `(12,345)` negative, `-`/`–` zero, empty None.

    Raises ValueError for anything else: a parser must reject the row, not guess.
    """
    if text is None:
        return None
    value = _SPACES.sub("", str(text))
    if not value:
        return None
    if value in _DASHES:
        return Decimal(0)
    negative = value.startswith("(") and value.endswith(")")
    if negative:
        value = value[1:-1]
    if not (_NUMBER.match(value) or _GROUPED.match(value)):
        raise ValueError(f"not an amount: {text!r}")
    try:
        number = Decimal(value.replace(",", "").replace("−", "-"))
    except InvalidOperation as exc:  # pragma: no cover - the patterns above admit only numbers
        raise ValueError(f"not an amount: {text!r}") from exc
    return -number if negative else number


def parse_number(text: str | None) -> Decimal | None:
    """A count or a percentage as printed (`78`, `42.5`, `42.5 %`); ValueError otherwise."""
    if text is None:
        return None
    value = str(text).strip().rstrip("%").strip()
    return parse_amount(value) if value else None


def format_amount(value: Decimal) -> str:
    """An amount as reports print it, for reasons a person compares with the page."""
    text = f"{abs(value):,.2f}".removesuffix(".00")
    return f"({text})" if value < 0 else text
