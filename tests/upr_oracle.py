"""Agreement of the UPR parser with the third-party oracle (`upr/oracle.csv`), shared by the
test and the benchmark: recall and precision on (file, paragraph, recommending State ISO3)
and position agreement on the matched keys.

The oracle cites the n-th recommendation of a printed item that holds several (first-cycle
reports print `100.1 ... (Burkina Faso); take all necessary measures ... (Ireland);`) either
under the printed number or under a number the report does not print, `100.1.1` for the
second, `100.1.2` for the third; it does so for some files and not others. A parsed row
(printed paragraph, part) therefore matches the oracle's key under either citation.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.ingest.upr_reports import resolve_state

# The oracle's decisions as positions (issue 9 section 3); `unknown` stays unmapped.
DECISIONS = {
    "support": "supported",
    "consider": "pending",
    "reject": "noted",
    "noted": "noted",
    "implemented": "already_implemented",
    "implement": "already_implemented",
}

Key = tuple[str, str, str]


def oracle_citation(paragraph: str, part: int) -> str:
    """The oracle's number for the `part`-th recommendation of printed paragraph `paragraph`."""
    return paragraph if part == 1 else f"{paragraph}.{part - 1}"


@dataclass
class Agreement:
    oracle: dict[Key, str | None]
    parsed: dict[tuple[str, str, int, str], str]
    # parsed key -> the oracle key it matched
    matches: dict[tuple[str, str, int, str], Key]
    unresolved_oracle: list[tuple[str, str, str]]

    @property
    def recall(self) -> float:
        return len(set(self.matches.values())) / len(self.oracle)

    @property
    def precision(self) -> float:
        return len(self.matches) / len(self.parsed)

    @property
    def missed(self) -> set[Key]:
        return set(self.oracle) - set(self.matches.values())

    @property
    def extra(self) -> set[tuple[str, str, int, str]]:
        return set(self.parsed) - set(self.matches)

    @property
    def position_pairs(self) -> list[tuple[Key, str | None, str]]:
        return [
            (o, self.oracle[o], self.parsed[p]) for p, o in sorted(self.matches.items()) if self.oracle[o]
        ]

    @property
    def position_agreement(self) -> float:
        pairs = self.position_pairs
        return sum(o == p for _, o, p in pairs) / len(pairs)


# The oracle's README: the number is "from the start of `text`"; 307 rows leave the column
# empty while their text starts "136 1. Continue its efforts...": read it from there.
_TEXT_NUMBER = re.compile(r"^\s*(\d{1,3})[\s.]+(\d{1,3})\b")


def _number_from_text(text: str) -> str:
    match = _TEXT_NUMBER.match(text)
    return f"{match[1]}.{match[2]}" if match else ""


def load_oracle(path: Path) -> tuple[dict[Key, str | None], list[tuple[str, str, str]]]:
    oracle: dict[Key, str | None] = {}
    unresolved: list[tuple[str, str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["recommending_state_as_written"].strip().rstrip(";")
            iso3 = resolve_state(name)
            if iso3 is None:
                unresolved.append((row["pdf_file"], row["recommendation_number"], name))
                continue
            number = row["recommendation_number"].strip() or _number_from_text(row["text"])
            key = (row["pdf_file"], number, iso3)
            oracle[key] = DECISIONS.get(row["decision_as_written"].strip())
    return oracle, unresolved


def agreement(rows: pl.DataFrame, oracle_csv: Path) -> Agreement:
    """Agreement of parsed `rows` (raw.upr_recommendations) with the oracle, on the files the
    oracle has rows for."""
    oracle, unresolved = load_oracle(oracle_csv)
    files = {key[0] for key in oracle} | {u[0] for u in unresolved}
    columns = ("source_file", "paragraph", "part", "recommending_iso3", "position")
    parsed = {(f, p, n, i): pos for f, p, n, i, pos in rows.select(columns).iter_rows() if f in files}
    matches: dict[tuple[str, str, int, str], Key] = {}
    for key in parsed:
        file, paragraph, part, iso3 = key
        for citation in dict.fromkeys((oracle_citation(paragraph, part), paragraph)):
            if (file, citation, iso3) in oracle and (file, citation, iso3) not in matches.values():
                matches[key] = (file, citation, iso3)
                break
    return Agreement(oracle, parsed, matches, unresolved)
