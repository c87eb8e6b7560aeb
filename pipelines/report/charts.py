"""The overview's charts as inline SVG, written directly.

matplotlib took about 2 s of a year's publication (text layout and tight_layout for 4 to 5
charts, plus its import) to draw a few bars; these charts are plain shapes and text, so they
are written as SVG elements. Equal data gives equal bytes (no ids, no date).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape

WIDTH = 760
COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728")
FONT = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"'
CHAR_WIDTH = 6.6  # an average character of the 11 px labels, in px


def _ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least `top` (steps of 1, 2 or 5 times a power of ten)."""
    if top <= 0 or not math.isfinite(top):
        return [0.0, 1.0]
    rough = top / count
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    return [i * step for i in range(math.ceil(top / step - 1e-9) + 1)]


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 11, extra: str = "") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>'
        f"{escape(text)}</text>"
    )


def _svg(height: float, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" {FONT} role="img" aria-label="{escape(title)}">'
        + _text(8, 18, title, size=14)
        + "".join(body)
        + "</svg>"
    )


def bar_chart(
    labels: Sequence[str | None], series: dict[str, Sequence[float | None]], title: str, unit: str
) -> str:
    """Horizontal bars, one colour per series, labels read top-down, the axis in `unit`."""
    names = ["" if label is None else str(label) for label in labels]
    left = min(300.0, max(60.0, CHAR_WIDTH * max((len(n) for n in names), default=0) + 16))
    right, top = WIDTH - 20, 34 + (18 if len(series) > 1 else 0)
    band = 22.0 if len(series) > 1 else 18.0
    plot_bottom = top + band * len(names)
    values = {name: [0.0 if v is None else float(v) for v in vs] for name, vs in series.items()}
    ticks = _ticks(max((v for vs in values.values() for v in vs), default=0.0))
    scale = (right - left) / ticks[-1]
    body = []
    for tick in ticks:
        x = left + tick * scale
        body.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{plot_bottom:.1f}" stroke="#e5e5e5"/>')
        body.append(_text(x, plot_bottom + 14, f"{tick:,.0f}", "middle", 10))
    body.append(_text((left + right) / 2, plot_bottom + 32, unit, "middle"))
    height = band * 0.8 / len(series)
    for row, label in enumerate(names):
        y = top + row * band + band * 0.1
        body.append(_text(left - 6, y + band * 0.4 + 4, label, "end"))
        for index, name in enumerate(values):
            width = max(0.0, values[name][row] * scale)
            body.append(
                f'<rect x="{left}" y="{y + index * height:.1f}" width="{width:.1f}" '
                f'height="{height:.1f}" fill="{COLOURS[index % len(COLOURS)]}"/>'
            )
    body.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{plot_bottom:.1f}" stroke="#333"/>')
    if len(series) > 1:
        x = left
        for index, name in enumerate(values):
            colour = COLOURS[index % len(COLOURS)]
            body.append(f'<rect x="{x:.1f}" y="28" width="12" height="10" fill="{colour}"/>')
            body.append(_text(x + 16, 37, name))
            x += 16 + CHAR_WIDTH * len(name) + 20
    return _svg(plot_bottom + 44, body, title)


def line_chart(
    years: Sequence[int], values: Sequence[float], title: str, unit: str, label: Callable[[float], str]
) -> str:
    """A series over years (one point a year), the axis in `unit`, ticks written by `label`."""
    left, right, top, bottom = 70.0, WIDTH - 20.0, 34.0, 214.0
    ticks = _ticks(max(values, default=0.0))
    y_scale = (bottom - top) / ticks[-1]
    step = (right - left) / max(1, len(years) - 1)
    body = []
    for tick in ticks:
        y = bottom - tick * y_scale
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#e5e5e5"/>')
        body.append(_text(left - 6, y + 4, label(tick), "end", 10))
    middle = (top + bottom) / 2
    body.append(_text(14, middle, unit, "middle", extra=f' transform="rotate(-90 14 {middle:.1f})"'))
    points = [(left + i * step, bottom - v * y_scale) for i, v in enumerate(values)]
    for (x, _), year in zip(points, years, strict=True):
        body.append(_text(x, bottom + 16, str(year), "middle", 10))
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    body.append(f'<polyline points="{path}" fill="none" stroke="{COLOURS[0]}" stroke-width="2"/>')
    body.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{COLOURS[0]}"/>' for x, y in points)
    body.append(f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#333"/>')
    return _svg(bottom + 30, body, title)
