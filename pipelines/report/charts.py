"""The overview's charts as inline SVG, drawn with pygal.

pygal writes SVG directly from Python (about 50 ms a chart here) where matplotlib took about
2 s of a year's publication for 4 to 5 charts (text layout, tight_layout and its import).
Equal data gives equal bytes: the chart's id is derived from its content instead of pygal's
random one, and no script is kept (the overview is a static page read offline, from a file).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from typing import Any

WIDTH = 760
# pygal embeds its configuration for its tooltip script, which a static page never loads.
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def _config(title: str, height: float, **options: Any) -> dict[str, Any]:
    return {
        "title": title,
        "width": WIDTH,
        "height": round(height),
        "explicit_size": True,
        "disable_xml_declaration": True,
        # pygal links its tooltip script from a web address by default: nothing is fetched.
        "js": [],
        "legend_at_bottom": True,
        "print_values": False,
        **options,
    }


def _render(chart: Any, content: object) -> str:
    # pygal names each chart with a random UUID (Graph.uuid, used in its CSS and ids).
    chart.uuid = hashlib.sha256(repr(content).encode()).hexdigest()[:32]
    return _SCRIPT.sub("", str(chart.render(is_unicode=True)))


def bar_chart(
    labels: Sequence[str | None], series: dict[str, Sequence[float | None]], title: str, unit: str
) -> str:
    """Horizontal bars, one colour per series, labels read top-down, the axis in `unit`."""
    import pygal

    names = ["" if label is None else str(label) for label in labels]
    height = 120 + (22 if len(series) > 1 else 18) * len(names)
    chart = pygal.HorizontalBar(
        **_config(
            title,
            height,
            x_title=unit,
            show_legend=len(series) > 1,
            value_formatter=lambda v: f"{v:,.0f}",
        )
    )
    # HorizontalBar draws the first label at the bottom: reversed, the list reads top-down.
    chart.x_labels = list(reversed(names))
    for name, values in series.items():
        chart.add(name, [None if v is None else float(v) for v in reversed(list(values))])
    return _render(chart, (title, unit, names, {k: list(v) for k, v in series.items()}))


def line_chart(
    years: Sequence[int], values: Sequence[float], title: str, unit: str, label: Callable[[float], str]
) -> str:
    """A series over years (one point a year), the axis in `unit`, ticks written by `label`."""
    import pygal

    chart = pygal.Line(
        **_config(
            title,
            320,
            y_title=unit,
            show_legend=False,
            value_formatter=label,
            x_label_rotation=45,
            # Round figures on the axis only: minor ticks print "1M" three times over.
            show_minor_y_labels=False,
        )
    )
    chart.x_labels = [str(year) for year in years]
    chart.add(title, [float(v) for v in values])
    return _render(chart, (title, unit, list(years), list(values)))
