"""Text normalization shared by header matching and label mapping: one definition, so a label
that matches in one place matches everywhere."""

from __future__ import annotations

import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "\u00a0": " "})


def normalize_label(text: str) -> str:
    """Case-, width-, apostrophe- and whitespace-insensitive form of a label."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    return " ".join(text.casefold().split()).rstrip(":")
