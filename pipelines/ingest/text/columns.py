"""Pages in reading order: columns read one after the other, panels as label/value pairs.

PDFium returns the text of a page in content-stream order and the line reader (`extract.py`)
groups it by baseline, which on a two-column page puts the two columns' lines side by side. Here
the page's text rectangles (`PdfTextPage.count_rects` / `get_rect`, one per run of text on a
line, with `get_text_bounded` for their text) are ordered by a recursive cut: a vertical gutter
that no rectangle crosses splits the region into columns read left to right; without one, wide
horizontal gaps split it into bands read top to bottom, each band cut again. A key-facts panel
(label over value, or label beside value) comes out as bands of one or two short parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipelines.ingest.text.extract import open_document, text_pages
from pipelines.ingest.text.prose import LINE_END_HYPHEN, is_furniture, normalize_chars

# A gutter narrower than this (PDF points) is a word space, not a column gap.
GUTTER = 7.0
# A horizontal gap wider than this fraction of the text height separates bands; line leading
# inside a column stays under it.
BAND_GAP = 0.9
# Runs of one line closer than this fraction of the text height are one phrase (a word space).
WORD_SPACE = 0.4
# Running headers and footers stand in this fraction of the page height at its top and bottom.
MARGIN = 0.07
# A run less than this fraction of its neighbour's height, raised above its baseline, is a
# footnote mark (`Population size¹`).
SUPERSCRIPT = 0.6


@dataclass(frozen=True, slots=True)
class Segment:
    """One run of text on a line; PDF coordinates (y grows upwards)."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def page_segments(textpage: object) -> list[Segment]:
    """The text runs of a page, footnote marks dropped. PDFium returns a typesetter's hyphen as
    U+0002 in bounded text: kept as the layer's line-end hyphen mark."""
    count = textpage.count_rects()  # type: ignore[attr-defined]
    raw: list[Segment] = []
    for index in range(count):
        left, bottom, right, top = textpage.get_rect(index)  # type: ignore[attr-defined]
        text = textpage.get_text_bounded(left, bottom, right, top)  # type: ignore[attr-defined]
        text = normalize_chars(text.replace("\x02", LINE_END_HYPHEN)).strip()
        if text:
            raw.append(Segment(left, bottom, right, top, text))
    kept = [segment for segment in raw if not _is_mark(segment, raw)]
    return _merge_runs(kept)


def _is_mark(segment: Segment, others: Sequence[Segment]) -> bool:
    if not segment.text.isdigit() or len(segment.text) > 2:
        return False
    for other in others:
        touching = abs(other.x1 - segment.x0) < 1.5 or abs(segment.x1 - other.x0) < 1.5
        if other is not segment and touching and segment.height < SUPERSCRIPT * other.height:
            return segment.y0 > other.y0 + 0.2 * other.height
    return False


def _centre(segment: Segment) -> float:
    return (segment.y0 + segment.y1) / 2


def _merge_runs(segments: Sequence[Segment]) -> list[Segment]:
    """Runs that touch on one line are one segment (PDFium cuts `Parti|ci|pation` at font
    changes and gives a line-end hyphen its own, smaller rectangle)."""
    lines: list[list[Segment]] = []
    for segment in sorted(segments, key=lambda s: -_centre(s)):
        if lines and abs(_centre(lines[-1][0]) - _centre(segment)) < 0.4 * max(lines[-1][0].height, 1.0):
            lines[-1].append(segment)
        else:
            lines.append([segment])
    merged: list[Segment] = []
    for line in lines:
        run: Segment | None = None
        for segment in sorted(line, key=lambda s: s.x0):
            gap = segment.x0 - run.x1 if run is not None else 0.0
            if run is not None and -1.0 <= gap < WORD_SPACE * max(run.height, 1.0):
                top, bottom = max(run.y1, segment.y1), min(run.y0, segment.y0)
                joiner = " " if gap >= 1.0 else ""
                run = Segment(run.x0, bottom, segment.x1, top, run.text + joiner + segment.text)
                continue
            if run is not None:
                merged.append(run)
            run = segment
        if run is not None:
            merged.append(run)
    return merged


def reading_order(segments: Sequence[Segment]) -> list[list[Segment]]:
    """Blocks of segments in reading order; each block a column piece or a band that no
    further cut splits, its segments top to bottom."""
    if not segments:
        return []
    gutter = _gutter(segments)
    if gutter is not None:
        left = [s for s in segments if s.x1 <= gutter]
        right = [s for s in segments if s.x1 > gutter]
        return reading_order(left) + reading_order(right)
    bands = _bands(segments)
    if len(bands) > 1:
        return [block for band in bands for block in reading_order(band)]
    return [sorted(segments, key=lambda s: (-s.y1, s.x0))]


def _gutter(segments: Sequence[Segment]) -> float | None:
    """The x of the widest vertical gap no segment crosses, with text on both sides."""
    spans = sorted((s.x0, s.x1) for s in segments)
    best: tuple[float, float] | None = None
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= GUTTER and (best is None or x0 - reach > best[1] - best[0]):
            best = (reach, x0)
        reach = max(reach, x1)
    return None if best is None else (best[0] + best[1]) / 2


def _bands(segments: Sequence[Segment]) -> list[list[Segment]]:
    """Segments cut at horizontal gaps wider than BAND_GAP text heights, top to bottom."""
    ordered = sorted(segments, key=lambda s: -s.y1)
    heights = sorted(s.height for s in segments)
    gap = BAND_GAP * heights[len(heights) // 2]
    bands: list[list[Segment]] = [[ordered[0]]]
    floor = ordered[0].y0
    for segment in ordered[1:]:
        if floor - segment.y1 > gap:
            bands.append([])
        bands[-1].append(segment)
        floor = min(floor, segment.y0)
    return bands


def read_columns(path: Path) -> list[list[list[Segment]]]:
    """Every page of `path` as blocks in reading order."""
    with open_document(path) as document:
        return [
            reading_order([s for s in page_segments(textpage) if not _furniture(s, page.get_height())])
            for _, page, textpage in text_pages(document, path)
        ]


def _furniture(segment: Segment, height: float) -> bool:
    """Running header and footer (in the top and bottom margins: `UN HUMAN RIGHTS IN THE
    FIELD`, `UN Human Rights Report 2020 401`) and symbol or job-number runs anywhere (a bare
    number inside the page is a value: `Year established 2008`)."""
    in_margin = segment.y0 > (1 - MARGIN) * height or segment.y1 < MARGIN * height
    return in_margin or (is_furniture(segment.text) and not segment.text.strip().isdigit())


def label_value_pairs(blocks: Sequence[Sequence[Segment]]) -> list[tuple[str, str]]:
    """Label/value pairs of a key-facts panel at the start of `blocks` (it ends at the first
    block of more than three lines, the prose after it). A line of two segments is a label
    beside its value (`Type of engagement | Human rights staff`); a line of several segments
    over a line of as many is labels over values (`Population size` over `145.93 million`)."""
    panel: list[Segment] = []
    for block in blocks:
        if len(block) > 3:
            break
        panel.extend(block)
    rows: list[list[Segment]] = []
    for segment in sorted(panel, key=lambda s: -(s.y0 + s.y1) / 2):
        centre = (segment.y0 + segment.y1) / 2
        if rows and abs((rows[-1][0].y0 + rows[-1][0].y1) / 2 - centre) < 0.5 * max(segment.height, 1.0):
            rows[-1].append(segment)
        else:
            rows.append([segment])
    pairs: list[tuple[str, str]] = []
    index = 0
    while index < len(rows):
        row = sorted(rows[index], key=lambda s: s.x0)
        below = sorted(rows[index + 1], key=lambda s: s.x0) if index + 1 < len(rows) else []
        if len(row) > 2 and len(below) == len(row):
            pairs.extend((label.text, value.text) for label, value in zip(row, below, strict=True))
            index += 2
            continue
        if len(row) == 2:
            pairs.append((row[0].text, row[1].text))
        index += 1
    return pairs
