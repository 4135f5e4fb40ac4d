"""Interactive charts: Vega-Lite specifications drawn in the browser by vega-embed.

The report's charts (``publish._charts``) are drawn once, to SVG; these are the same
kinds of chart (monthly bars, stacked bars, lines, share bars, the focus chart) in
the same colours, with what a screen adds: the width of the page and a tooltip on
every mark. The tooltip shows the value as the report prints it (``3.850``,
``85,3 %``) and ``*`` for a suppressed cell; a suppressed month is a gap with a ``*``
on the axis that answers to the pointer as well.

The data are published cells, already formatted by the report's formatter: the
browser formats nothing itself, so it cannot show a figure the release does not.
Small sparklines for the overview are plain inline SVG (no script needed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from akassemonitor.codes import CATEGORY_LABELS
from akassemonitor.publish._charts import (
    CATEGORY_COLOURS,
    EXCLUDED_FILL,
    INK,
    MEAN_COLOUR,
    MUTED,
    OTHER_AKASSE,
    PRIMARY,
    TARGET_COLOUR,
)

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an identifier, never fetched
HEIGHT = 220
NBSP = "\u00a0"
NULL = "datum.value === null"
NOT_NULL = "datum.value !== null"


@dataclass(frozen=True)
class Datum:
    """One value of a chart: its month or label, series, number (None: ``*``) and text."""

    x: str
    series: str
    value: float | None
    text: str


def _records(data: Sequence[Datum]) -> list[dict[str, Any]]:
    return [
        {"x": d.x, "series": CATEGORY_LABELS.get(d.series, d.series), "value": d.value,
         "text": d.text}
        for d in data
    ]


def _tooltip(x_title: str, with_series: bool) -> list[dict[str, str]]:
    tip = [{"field": "x", "type": "nominal", "title": x_title}]
    if with_series:
        tip.append({"field": "series", "type": "nominal", "title": "Serie"})
    tip.append({"field": "text", "type": "nominal", "title": "Værdi"})
    return tip


def _month_x(months: Sequence[str]) -> dict[str, Any]:
    return {
        "field": "x",
        "type": "ordinal",
        "sort": list(months),
        "scale": {"domain": list(months)},
        "title": None,
        "axis": {"labelAngle": -45, "labelOverlap": "greedy", "ticks": False},
    }


def _count_y(title: str, fmt: str = ",d") -> dict[str, Any]:
    return {"field": "value", "type": "quantitative", "title": title,
            "axis": {"format": fmt, "tickCount": 5}}


def _percent_axis() -> dict[str, Any]:
    return {"labelExpr": f"format(datum.value * 100, '.0f') + '{NBSP}%'", "tickCount": 5,
            "title": None}


def _stars(months: Sequence[str], with_series: bool) -> dict[str, Any]:
    """A ``*`` on the axis for each suppressed month; it has the tooltip too."""
    return {
        "transform": [{"filter": NULL}],
        "mark": {"type": "text", "baseline": "bottom", "dy": -2, "fontSize": 15,
                 "color": MUTED},
        "encoding": {
            "x": _month_x(months),
            "y": {"datum": 0},
            "text": {"value": "*"},
            "tooltip": _tooltip("Måned", with_series),
        },
    }


def _top(layers: list[dict[str, Any]], data: list[dict[str, Any]], description: str,
         height: int = HEIGHT) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "height": height,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "data": {"values": data},
        "layer": layers,
        "config": _config(),
    }


def _config() -> dict[str, Any]:
    return {
        "font": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
        "view": {"stroke": None},
        "background": "white",
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal",
                 "labelColor": INK, "titleColor": INK, "gridColor": "#e3e7ec",
                 "domainColor": "#767676", "labelLimit": 0},
        "legend": {"labelFontSize": 12, "orient": "bottom", "direction": "horizontal",
                   "columns": 2, "symbolType": "square", "title": None, "labelLimit": 0,
                   "labelColor": INK},
    }


def _colour(codes: Sequence[str]) -> dict[str, Any]:
    labels = [CATEGORY_LABELS[c] for c in codes]
    return {"field": "series", "type": "nominal", "sort": labels,
            "scale": {"domain": labels, "range": [CATEGORY_COLOURS[c] for c in codes]}}


def monthly_bars(data: Sequence[Datum], months: Sequence[str], y_title: str,
                 description: str) -> dict[str, Any]:
    """One count per month as bars."""
    bars = {
        "transform": [{"filter": NOT_NULL}],
        "mark": {"type": "bar", "color": PRIMARY, "width": {"band": 0.75}},
        "encoding": {"x": _month_x(months), "y": _count_y(y_title),
                     "tooltip": _tooltip("Måned", False)},
    }
    return _top([bars, _stars(months, False)], _records(data), description)


def monthly_stacked(data: Sequence[Datum], months: Sequence[str], codes: Sequence[str],
                    y_title: str, description: str) -> dict[str, Any]:
    """Categories per month as stacked bars; suppressed parts are left out (the table
    under the chart shows them as ``*``)."""
    order = {CATEGORY_LABELS[c]: i for i, c in enumerate(codes)}
    records = [{**r, "order": order[r["series"]]} for r in _records(data)]
    bars = {
        "transform": [{"filter": NOT_NULL}],
        "mark": {"type": "bar", "width": {"band": 0.75}},
        "encoding": {
            "x": _month_x(months),
            "y": {**_count_y(y_title), "stack": "zero"},
            "color": _colour(codes),
            "order": {"field": "order", "type": "quantitative"},
            "tooltip": _tooltip("Måned", True),
        },
    }
    return _top([bars], records, description, HEIGHT + 40)


def monthly_lines(data: Sequence[Datum], months: Sequence[str], codes: Sequence[str],
                  y_title: str, description: str, *, y_format: str = ",d") -> dict[str, Any]:
    """One line per category (one line when ``codes`` is empty), dots to point at."""
    colour: dict[str, Any] = _colour(codes) if codes else {"value": PRIMARY}
    encoding = {"x": _month_x(months), "y": _count_y(y_title, y_format), "color": colour}
    line = {"mark": {"type": "line", "strokeWidth": 2, "invalid": "break-paths-show-domains"},
            "encoding": encoding}
    dots = {
        "transform": [{"filter": NOT_NULL}],
        "mark": {"type": "point", "filled": True, "size": 45, "opacity": 1},
        "encoding": {**encoding, "tooltip": _tooltip("Måned", bool(codes))},
    }
    layers: list[dict[str, Any]] = [line, dots]
    if not codes:
        layers.append(_stars(months, False))
    return _top(layers, _records(data), description, HEIGHT + (40 if codes else 0))


def share_bars(data: Sequence[Datum], description: str, *, codes: Sequence[str] | None = None,
               highlight: str | None = None) -> dict[str, Any]:
    """Horizontal bars of shares (``x`` is the label), with the printed share beside."""
    labels = [d.x for d in data]
    records = [{**r, "highlight": r["x"] == highlight} for r in _records(data)]
    if codes is not None:
        colour: dict[str, Any] = {"field": "x", "type": "nominal", "legend": None,
                                  "scale": {"domain": labels,
                                            "range": [CATEGORY_COLOURS[c] for c in codes]}}
    elif highlight is not None:
        colour = {"condition": {"test": "datum.highlight", "value": PRIMARY},
                  "value": OTHER_AKASSE}
    else:
        colour = {"value": PRIMARY}
    y = {"field": "x", "type": "nominal", "sort": labels, "title": None,
         "axis": {"labelLimit": 220}}
    x = {"field": "value", "type": "quantitative", "title": None, "axis": None,
         "scale": {"domain": [0, 1]}}
    tooltip = _tooltip("", False)[1:]
    tooltip.insert(0, {"field": "x", "type": "nominal", "title": "Kategori"})
    bars: dict[str, Any] = {"transform": [{"filter": NOT_NULL}],
            "mark": {"type": "bar", "height": {"band": 0.7}},
            "encoding": {"y": y, "x": x, "color": colour, "tooltip": tooltip}}
    text: dict[str, Any] = {
            "mark": {"type": "text", "align": "left", "dx": 4, "color": INK, "fontSize": 12},
            "encoding": {"y": y, "x": x, "text": {"field": "text"}, "tooltip": tooltip},
            "transform": [{"filter": NOT_NULL}]}
    stars: dict[str, Any] = {"transform": [{"filter": NULL}],
             "mark": {"type": "text", "align": "left", "dx": 4, "color": MUTED, "fontSize": 14},
             "encoding": {"y": y, "x": {"datum": 0, "type": "quantitative",
                                        "scale": {"domain": [0, 1]}},
                          "text": {"field": "text"}, "tooltip": tooltip}}
    return _top([bars, text, stars], records, description, 26 * len(labels))


def focus_chart(data: Sequence[Datum], months: Sequence[str], excluded: Sequence[str],
                target: float, target_text: str, mean: float | None, mean_text: str,
                description: str) -> dict[str, Any]:
    """Monthly focus shares, the target, the period mean, excluded months shaded."""
    excluded_set = set(excluded)
    records = [{**r, "status": "Udgået" if r["x"] in excluded_set else "Indgår"}
               for r in _records(data)]
    x = _month_x(months)
    y_scale = {"domain": [0, 1]}
    y = {"field": "value", "type": "quantitative", "scale": y_scale, "axis": _percent_axis()}
    layers: list[dict[str, Any]] = []
    if excluded_set:
        layers.append({
            "data": {"values": [{"x": m, "top": 1} for m in months if m in excluded_set]},
            "mark": {"type": "bar", "color": EXCLUDED_FILL, "width": {"band": 1}},
            "encoding": {"x": x, "y": {"field": "top", "type": "quantitative",
                                       "scale": y_scale}},
        })
    layers.append({"mark": {"type": "line", "color": PRIMARY, "strokeWidth": 2,
                            "invalid": "break-paths-show-domains"},
                   "encoding": {"x": x, "y": y}})
    tooltip = [*_tooltip("Måned", False), {"field": "status", "type": "nominal",
                                          "title": "Fokusmål"}]
    layers.append({
        "transform": [{"filter": NOT_NULL}],
        "mark": {"type": "point", "size": 50, "opacity": 1, "filled": True},
        "encoding": {
            "x": x, "y": y, "tooltip": tooltip,
            "color": {"field": "status", "type": "nominal",
                      "scale": {"domain": ["Indgår", "Udgået"], "range": [PRIMARY, MUTED]},
                      "legend": {"title": None, "orient": "bottom"}},
        },
    })
    lines = [(target, target_text, TARGET_COLOUR, [5, 3])]
    if mean is not None:
        lines.append((mean, mean_text, MEAN_COLOUR, []))
    for value, text, colour, dash in lines:
        layers.append({
            "data": {"values": [{"y": value, "t": text}]},
            "mark": {"type": "rule", "color": colour, "strokeWidth": 1.5, "strokeDash": dash},
            "encoding": {"y": {"field": "y", "type": "quantitative", "scale": y_scale},
                         "tooltip": {"field": "t", "type": "nominal"}},
        })
    stars = _stars(months, False)
    stars["encoding"]["tooltip"] = tooltip[:2]
    layers.append(stars)
    return _top(layers, records, description, HEIGHT + 30)


def sparkline(values: Sequence[float | None], label: str, *, width: int = 120,
              height: int = 28) -> str:
    """A small inline SVG line of a series; gaps where a value is suppressed.

    ``label`` is its text alternative (the series in words, e.g. the first and last
    shown values).
    """
    shown = [v for v in values if v is not None]
    pad = 2
    points: list[list[str]] = []
    if shown and len(values) >= 2:
        low, high = min(shown), max(shown)
        span = (high - low) or 1.0
        step = (width - 2 * pad) / (len(values) - 1)
        run: list[str] = []
        for i, v in enumerate(values):
            if v is None:
                if run:
                    points.append(run)
                run = []
                continue
            y = height - pad - (v - low) / span * (height - 2 * pad)
            run.append(f"{pad + i * step:.1f},{y:.1f}")
        if run:
            points.append(run)
    paths = "".join(
        f'<polyline points="{" ".join(run)}" fill="none" stroke="{PRIMARY}" '
        'stroke-width="1.5" stroke-linejoin="round"/>'
        if len(run) > 1
        else f'<circle cx="{run[0].split(",")[0]}" cy="{run[0].split(",")[1]}" r="1.5" '
        f'fill="{PRIMARY}"/>'
        for run in points
    )
    return (
        f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(label)}">{paths}</svg>'
    )
