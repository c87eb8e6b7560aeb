"""The sample documents' entry points.

A part of `samples.documents` (see its docstring).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from samples.documents.constants import (
    ANNEX_HEADER_ROW,
    ANNUAL_DIR,
    BOARD_DIR,
    CELL_SEPARATOR,
    DEFAULT_SEED,
    DEFAULT_YEARS,
    GENERATOR_MODULE,
    GENERATOR_VERSION,
    MANIFEST_NAME,
)
from samples.documents.model import build_model
from samples.documents.published import PublishedFigures, load_published_figures
from samples.documents.render import (
    DocumentEntry,
    render_annual_report,
    render_appeal,
    render_funding_annex,
    render_upr_report,
    render_vftc_report,
)
from samples.documents.truth import _cross_source, _expected_annual, _expected_board, _published_used


@dataclass
class DocumentsManifest:
    """Both families' manifests (each written to its folder as manifest.json)."""

    annual_reports: dict[str, Any]
    fund_board_reports: dict[str, Any]

    @property
    def files(self) -> list[dict[str, Any]]:
        return [*self.annual_reports["files"], *self.fund_board_reports["files"]]

    @staticmethod
    def to_json(part: Mapping[str, Any]) -> str:
        return json.dumps(part, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _family_header(seed: int, years: Sequence[int], published: PublishedFigures) -> dict[str, Any]:
    return {
        "generator": {"module": GENERATOR_MODULE, "version": GENERATOR_VERSION},
        "seed": seed,
        "years": list(years),
        "published_figures": {
            "file": "samples/data/published_figures.csv",
            "sha256": published.sha256,
            "note": "the project's published record; tests check it against ../shared/reference",
        },
        "cell_separator": CELL_SEPARATOR,
    }


_STALE_PATTERNS: Final = {
    ANNUAL_DIR: ("ohchr_report_*.pdf", "ohchr_report_*_funding_annex.xlsx", "human_rights_appeal_*.pdf"),
    BOARD_DIR: (
        "vftc_board_report_*.pdf",
        "upr_funds_report_*.pdf",  # the combined UPR report of earlier generator versions
        "upr_participation_fund_report_*.pdf",
        "vffta_report_*.pdf",
    ),
}


def generate_documents(
    out_dir: Path, years: range = DEFAULT_YEARS, seed: int = DEFAULT_SEED
) -> DocumentsManifest:
    """Write every document of `years` under `out_dir`/annual_reports and
    `out_dir`/fund_board_reports, with a manifest.json in each; return the manifests.

    Same arguments and published figures -> byte-identical files. Earlier generated files in
    the two folders are removed first, so a year that is no longer generated leaves nothing.
    """
    if not years or years.step != 1 or years.start < DEFAULT_YEARS.start:
        raise ValueError(f"years must be consecutive and start no earlier than {DEFAULT_YEARS.start}")
    published = load_published_figures()
    models = build_model(seed, list(years), published)
    annual_dir, board_dir = out_dir / ANNUAL_DIR, out_dir / BOARD_DIR
    for folder in (annual_dir, board_dir):
        folder.mkdir(parents=True, exist_ok=True)
        for pattern in _STALE_PATTERNS[folder.name]:
            for stale in folder.glob(pattern):
                stale.unlink()

    annual: list[DocumentEntry] = []
    board: list[DocumentEntry] = []
    for year in years:
        m = models[year]
        annual.append(render_annual_report(annual_dir / f"ohchr_report_{year}.pdf", m, seed, out_dir))
        if year in ANNEX_HEADER_ROW:
            annual.append(
                render_funding_annex(annual_dir / f"ohchr_report_{year}_funding_annex.xlsx", m, seed, out_dir)
            )
        annual.append(render_appeal(annual_dir / f"human_rights_appeal_{year + 1}.pdf", m, seed, out_dir))
        board.append(render_vftc_report(board_dir / f"vftc_board_report_{year}.pdf", m, seed, out_dir))
        for code, name in (("UPR_PARTICIPATION", "upr_participation_fund_report"), ("VFFTA", "vffta_report")):
            board.append(
                render_upr_report(board_dir / f"{name}_{year}.pdf", m, seed, out_dir, fund_code=code)
            )

    cross = _cross_source(models)
    notes = {
        "synthetic": "Every figure not listed under published_figures_used is invented, and so is "
        "every narrative.",
        "cell_separator": "In pypdfium2's text a table row is the cells joined by ' \\u00a0' (space + "
        "no-break space); see the samples.documents docstring.",
        "rows": "data_rows excludes the heading, header, sub-total and totals rows; PDF pages are 1-based.",
        "break_helpers": "tests make bad documents with samples.documents.write_annual_report("
        "path, year, break_total=...) & co. and truncate_copy(); none is in sources/.",
    }
    annual_manifest = {
        **_family_header(seed, years, published),
        "files": [f.to_dict() for f in annual],
        "expected": _expected_annual(models, annual),
        "cross_source": cross,
        "published_figures_used": _published_used(published, models),
        "notes": notes,
    }
    board_manifest = {
        **_family_header(seed, years, published),
        "files": [f.to_dict() for f in board],
        "expected": _expected_board(models),
        "cross_source": cross,
        "notes": notes,
    }
    manifest = DocumentsManifest(annual_manifest, board_manifest)
    (annual_dir / MANIFEST_NAME).write_text(manifest.to_json(annual_manifest), encoding="utf-8", newline="\n")
    (board_dir / MANIFEST_NAME).write_text(manifest.to_json(board_manifest), encoding="utf-8", newline="\n")
    return manifest


# -- helpers for tests that need a bad or a single document ---------------------------------

_BREAKABLE: Final[Mapping[str, tuple[str, ...]]] = {
    "annual_report": ("contributions_by_donor", "fund_contributions", "field_expenditure"),
    "funding_annex": ("contributions_by_donor", "fund_contributions"),
    "vftc_board_report": ("board_contributions", "fund_statement"),
    "upr_participation_fund_report": ("board_contributions", "fund_statement"),
    "vffta_report": ("board_contributions", "fund_statement"),
}


def _single(
    document_type: str,
    path: Path,
    year: int,
    seed: int,
    break_total: bool | str,
    render: Callable[..., DocumentEntry],
) -> dict[str, Any]:
    table = None
    if break_total:
        table = _BREAKABLE[document_type][0] if break_total is True else str(break_total)
        if table not in _BREAKABLE[document_type]:
            raise ValueError(f"{document_type}: cannot break {table!r}; one of {_BREAKABLE[document_type]}")
    model = build_model(seed, [year], load_published_figures())[year]
    path.parent.mkdir(parents=True, exist_ok=True)
    kwargs = {"break_total": table} if document_type in _BREAKABLE else {}
    return render(path, model, seed, path.parent, **kwargs).to_dict()


def write_annual_report(
    path: Path, year: int, *, seed: int = DEFAULT_SEED, break_total: bool | str = False
) -> dict[str, Any]:
    """Write one annual report to `path`; return its manifest entry. With `break_total` (True =
    the donor table, or a table id of `_BREAKABLE`) the totals row is 1,000 USD off the sum of
    its rows while every other table still adds up: a totals_mismatch the parser must report."""
    return _single("annual_report", path, year, seed, break_total, render_annual_report)


def write_funding_annex(
    path: Path, year: int, *, seed: int = DEFAULT_SEED, break_total: bool | str = False
) -> dict[str, Any]:
    return _single("funding_annex", path, year, seed, break_total, render_funding_annex)


def write_appeal(path: Path, year: int, *, seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """The Appeal with the provisional figures of `year` (published January `year` + 1)."""
    return _single("appeal", path, year, seed, False, render_appeal)


def write_vftc_board_report(
    path: Path, year: int, *, seed: int = DEFAULT_SEED, break_total: bool | str = False
) -> dict[str, Any]:
    return _single("vftc_board_report", path, year, seed, break_total, render_vftc_report)


def write_upr_participation_fund_report(
    path: Path, year: int, *, seed: int = DEFAULT_SEED, break_total: bool | str = False
) -> dict[str, Any]:
    render = functools.partial(render_upr_report, fund_code="UPR_PARTICIPATION")
    return _single("upr_participation_fund_report", path, year, seed, break_total, render)


def write_vffta_report(
    path: Path, year: int, *, seed: int = DEFAULT_SEED, break_total: bool | str = False
) -> dict[str, Any]:
    render = functools.partial(render_upr_report, fund_code="VFFTA")
    return _single("vffta_report", path, year, seed, break_total, render)


def truncate_copy(source: Path, target: Path, keep: float | int = 0.5) -> Path:
    """A copy of `source` cut after `keep` bytes (int) or that fraction of its size (float):
    a truncated PDF, as a failed download leaves it (``bytes[:n]``)."""
    data = source.read_bytes()
    n = keep if isinstance(keep, int) else int(len(data) * keep)
    target.write_bytes(data[:n])
    return target
