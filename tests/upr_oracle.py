"""Agreement of the UPR parser with the third-party oracle (`upr/oracle.csv`), shared by the
test and the benchmark: recall and precision on (file, paragraph, recommending State ISO3)
and position agreement on the matched keys."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
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


@dataclass
class Agreement:
    oracle_files: set[str]
    oracle: dict[Key, str | None]
    parsed: dict[Key, str]
    unresolved_oracle: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def matched(self) -> set[Key]:
        return set(self.oracle) & set(self.parsed)

    @property
    def recall(self) -> float:
        return len(self.matched) / len(self.oracle)

    @property
    def precision(self) -> float:
        return len(self.matched) / len(self.parsed)

    @property
    def position_pairs(self) -> list[tuple[Key, str | None, str]]:
        return [(k, self.oracle[k], self.parsed[k]) for k in sorted(self.matched) if self.oracle[k]]

    @property
    def position_agreement(self) -> float:
        pairs = self.position_pairs
        return sum(o == p for _, o, p in pairs) / len(pairs)


def load_oracle(path: Path) -> tuple[dict[Key, str | None], set[str], list[tuple[str, str, str]]]:
    oracle: dict[Key, str | None] = {}
    files: set[str] = set()
    unresolved: list[tuple[str, str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            files.add(row["pdf_file"])
            name = row["recommending_state_as_written"].strip().rstrip(";")
            iso3 = resolve_state(name)
            if iso3 is None:
                unresolved.append((row["pdf_file"], row["recommendation_number"], name))
                continue
            oracle[(row["pdf_file"], row["recommendation_number"].strip(), iso3)] = DECISIONS.get(
                row["decision_as_written"].strip()
            )
    return oracle, files, unresolved


def agreement(rows: pl.DataFrame, oracle_csv: Path) -> Agreement:
    oracle, files, unresolved = load_oracle(oracle_csv)
    parsed = {
        (f, p, i): pos
        for f, p, i, pos in rows.select("source_file", "paragraph", "recommending_iso3", "position").iter_rows()
        if f in files
    }
    return Agreement(files, oracle, parsed, unresolved)
