"""Charts: Altair specifications rendered to SVG by vl-convert (no browser, no network).

Each chart function takes plain data (months, values that are None where a cell is
suppressed) and returns an SVG string. Design choices shared by all charts:

* one colour per category code across every report (:data:`CATEGORY_COLOURS`);
* months on the x axis as ``2022M04``, in order, every month of the period present,
  so a suppressed month is a visible gap (no bar, a broken line), never a zero;
* Danish number formats (d3 locale ``da-DK``) and the report's own font, registered
  with vl-convert so text is measured as it is drawn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, wraps
from importlib import resources
from typing import Any, ParamSpec, cast

import altair as alt
import vl_convert
from altair.utils.schemapi import debug_mode

from akassemonitor.codes import (
    CATEGORY_LABELS,
    CONVERSATION_BUCKETS,
    CONVERSATION_TYPES,
    END_REASONS,
    OFFER_CATEGORIES,
    TOTAL,
    UNIQUE,
)
from akassemonitor.publish import _texts as T

FONT_FAMILY = "Source Sans 3"
WIDTH = 600
HEIGHT = 210
INK = "#1d2733"
MUTED = "#5d6978"  # text: 5.6:1 on white, 4.8:1 on the excluded months' shading
PRIMARY = "#1f4e79"
OTHER_AKASSE = "#84909d"
TARGET_COLOUR = "#b03a2e"
MEAN_COLOUR = "#2a7f62"
EXCLUDED_FILL = "#e9edf1"
NBSP = "\u00a0"
_ARIA_PARTS = re.compile(r' (?:role="graphics-[a-z]+"|aria-roledescription="[^"]*")')
P = ParamSpec("P")

# One colour per category code, in every report; colour-blind safe (Okabe-Ito based,
# the lightest darkened to 3:1 against white, WCAG 1.4.11).
CATEGORY_COLOURS: dict[str, str] = {
    # End reasons.
    "FULD_PERIODE": "#1f4e79",
    "BESKAEFTIGELSE": "#009e73",
    "UDMELDT": "#c17d00",
    "SYGDOM": "#d55e00",
    "ANDEN_YDELSE": "#c46a9a",
    "ANDET": "#767676",
    # Conversation types.
    "CV": "#009e73",
    "JOB": "#1f4e79",
    "FAELLES_JOB": "#c17d00",
    "RAADIGHED": "#d55e00",
    UNIQUE: "#1d2733",
    # Offer categories.
    "LOENTILSKUD": "#1f4e79",
    "JOBRETTET_UDDANNELSE": "#009e73",
    "VIRKSOMHEDSPRAKTIK": "#c17d00",
    "VEJLEDNING_OPKVALIFICERING": "#d55e00",
    "RAADIGHEDSAFPROEVNING": "#c46a9a",
    TOTAL: "#1d2733",
    # Conversation buckets.
    "0": "#d55e00",
    "1": "#c17d00",
    "2": "#3a8fc4",
    "3+": "#1f4e79",
}
assert all(
    code in CATEGORY_COLOURS
    for code in (*END_REASONS, *CONVERSATION_TYPES, *OFFER_CATEGORIES, *CONVERSATION_BUCKETS)
)


@dataclass(frozen=True)
class Point:
    """One month's value of one series; None where the cell is suppressed or absent."""

    month: str
    series: str  # a category code ("" for a single series)
    value: float | None


_converter = {"started": False}


def converter_started() -> bool:
    """Whether this process has run vl-convert (which then holds threads: no fork)."""
    return _converter["started"]


@cache
def _register_fonts() -> None:
    """Make vl-convert measure and draw text in the report's font (once per process)."""
    fonts = resources.files("akassemonitor.publish") / "static" / "fonts"
    with resources.as_file(fonts) as directory:
        vl_convert.register_font_directory(str(directory))


def _config() -> dict[str, Any]:
    return {
        # No ARIA attributes inside the SVG: the report gives the whole chart one text
        # alternative (``role="img"`` and ``aria-label``, see _html.labelled_svg).
        "aria": False,
        "font": FONT_FAMILY,
        "view": {"stroke": None},
        "background": "white",
        "axis": {
            "labelFontSize": 11,
            "titleFontSize": 11,
            "titleFontWeight": "normal",
            "labelColor": INK,
            "titleColor": MUTED,
            "gridColor": "#e3e7ec",
            "domainColor": "#9aa5b1",
            "tickColor": "#9aa5b1",
            "ticks": False,
            "labelLimit": 0,
        },
        "legend": {
            "labelFontSize": 11,
            "titleFontSize": 11,
            "orient": "bottom",
            "direction": "horizontal",
            "columns": 3,
            "symbolType": "square",
            "title": None,
            "labelLimit": 0,
        },
    }


# Data sets by name: a chart's specification depends only on its structure (months,
# categories, titles), the same in every report of a month; the values come in as
# named data sets. So Altair builds each specification once per process.
VALUES = "values"
HIDDEN = "hidden"
MEAN = "mean"


class _Spec:
    """A chart's specification: Vega-Lite from Altair, compiled to Vega once.

    Compiling Vega-Lite costs about a third of a conversion, and it does not depend
    on the values: the first conversion compiles, and the values of every conversion
    go into the Vega specification's data sets of the same names. Should the compiler
    not keep a data set by its name, the chart is converted from Vega-Lite every time.
    """

    def __init__(self, vegalite: dict[str, Any]) -> None:
        self.vegalite = vegalite
        self._vega: dict[str, Any] | None = None
        self._compiles = True

    def render(self, **datasets: list[dict[str, Any]]) -> str:
        """The SVG of this chart with these data sets (offline, Danish number formats).

        The SVG keeps its pixel width and height (its intrinsic size when embedded as
        an image); inline in HTML, the stylesheet scales it to the column width.
        """
        _register_fonts()
        _converter["started"] = True
        options: dict[str, Any] = {"format_locale": "da-DK", "allowed_base_urls": []}
        full = {**self.vegalite, "datasets": datasets, "config": _config()}
        if self._vega is None and self._compiles:
            vega = vl_convert.vegalite_to_vega(full)
            named = [d["name"] for d in vega.get("data", []) if "values" in d]
            self._compiles = sorted(n for n in named if n in datasets) == sorted(datasets)
            self._vega = vega if self._compiles else None
        if self._vega is None:
            svg = vl_convert.vegalite_to_svg(full, **options)
        else:
            data = [
                {**d, "values": datasets[d["name"]]}
                if "values" in d and d.get("name") in datasets
                else d
                for d in self._vega["data"]
            ]
            svg = vl_convert.vega_to_svg({**self._vega, "data": data}, **options)
        # One class attribute (a second one would make the SVG invalid XML). The chart
        # is one image with one text alternative: no ARIA roles of its parts (Vega
        # keeps some even with ARIA off, and an image inside an image has no name).
        return _ARIA_PARTS.sub("", svg.replace('class="marks"', 'class="marks chart"', 1))


def _specification(build: Callable[P, alt.TopLevelMixin]) -> Callable[P, _Spec]:
    """Build a chart's specification with Altair once per distinct arguments.

    Altair's objects cost more than the conversion: they are built once per structure
    (the arguments, hashable) and process, without Altair checking each part against
    the schema as it is made. The tests draw every chart, so a broken one still fails
    there (in vl-convert).
    """

    @lru_cache(maxsize=128)
    @wraps(build)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> _Spec:
        with debug_mode(False):
            return _Spec(build(*args, **kwargs).to_dict(validate=False))

    return cast(Callable[P, _Spec], wrapper)


def _month_axis(months: Sequence[str], *, padded: bool = True) -> alt.X:
    """Months in order on the x axis, every month of the period; ``padded=False``: no
    padding between the month bands."""
    scale = (
        alt.Scale(domain=list(months))
        if padded
        else alt.Scale(domain=list(months), paddingInner=0, paddingOuter=0.1)
    )
    return alt.X(
        "month:O",
        sort=list(months),
        scale=scale,
        title=None,
        axis=alt.Axis(labelAngle=-45, labelOverlap=False, ticks=False, labelPadding=4),
    )


def _colour_scale(codes: Sequence[str]) -> alt.Scale:
    return alt.Scale(
        domain=[CATEGORY_LABELS[c] for c in codes], range=[CATEGORY_COLOURS[c] for c in codes]
    )


def _records(points: Sequence[Point]) -> list[dict[str, Any]]:
    return [
        {
            "month": p.month,
            "series": CATEGORY_LABELS.get(p.series, p.series),
            "value": p.value,
        }
        for p in points
    ]


def _hidden(points: Sequence[Point]) -> list[dict[str, Any]]:
    """The suppressed months, for :func:`_suppressed_marks`."""
    return [{"month": p.month, "mark": "*"} for p in points if p.value is None]


def _percent_axis(title: str | None) -> alt.Axis:
    return alt.Axis(
        title=title, labelExpr=f"format(datum.value * 100, '.0f') + '{NBSP}%'", tickCount=5
    )


def _suppressed_marks(months: Sequence[str], x: alt.X | None = None) -> alt.Chart:
    """A small ``*`` on the axis where a month's value is suppressed: a gap, explained.

    Its data set is :data:`HIDDEN` (empty when nothing is suppressed)."""
    return (
        alt.Chart(alt.Data(name=HIDDEN))
        .mark_text(baseline="bottom", dy=-2, fontSize=13, color=MUTED)
        .encode(x=x or _month_axis(months), y=alt.datum(0), text="mark:N")
    )


def monthly_bars(points: Sequence[Point], months: Sequence[str], y_title: str) -> str:
    """One series per month as bars (counts)."""
    spec = _bars_spec(tuple(months), y_title)
    return spec.render(values=_records(points), hidden=_hidden(points))


@_specification
def _bars_spec(months: tuple[str, ...], y_title: str) -> alt.TopLevelMixin:
    bars = (
        alt.Chart(alt.Data(name=VALUES))
        .mark_bar(color=PRIMARY, width={"band": 0.75})
        .encode(
            x=_month_axis(months),
            y=alt.Y("value:Q", title=y_title, axis=alt.Axis(format=",d", tickCount=5)),
        )
    )
    return alt.layer(bars, _suppressed_marks(months)).properties(width=WIDTH, height=HEIGHT)


def monthly_stacked(
    points: Sequence[Point], months: Sequence[str], codes: Sequence[str], y_title: str
) -> str:
    """Several categories per month as stacked bars; suppressed parts are left out."""
    records = [r for r in _records(points) if r["value"] is not None]
    order = {CATEGORY_LABELS[c]: i for i, c in enumerate(codes)}
    for record in records:
        record["order"] = order[record["series"]]
    return _stacked_spec(tuple(months), tuple(codes), y_title).render(values=records)


@_specification
def _stacked_spec(
    months: tuple[str, ...], codes: tuple[str, ...], y_title: str
) -> alt.TopLevelMixin:
    return (
        alt.Chart(alt.Data(name=VALUES))
        .mark_bar(width={"band": 0.75})
        .encode(
            x=_month_axis(months),
            y=alt.Y(
                "value:Q", title=y_title, stack="zero", axis=alt.Axis(format=",d", tickCount=5)
            ),
            color=alt.Color(
                "series:N",
                scale=_colour_scale(codes),
                sort=[CATEGORY_LABELS[c] for c in codes],
            ),
            order=alt.Order("order:Q"),
        )
        .properties(width=WIDTH, height=HEIGHT)
    )


def monthly_lines(
    points: Sequence[Point],
    months: Sequence[str],
    codes: Sequence[str],
    y_title: str,
    *,
    percent: bool = False,
    y_format: str = ",d",
) -> str:
    """One line per category (or one line when ``codes`` is empty); gaps where suppressed."""
    spec = _lines_spec(tuple(months), tuple(codes), y_title, percent, y_format)
    return spec.render(values=_records(points), hidden=_hidden(points))


@_specification
def _lines_spec(
    months: tuple[str, ...], codes: tuple[str, ...], y_title: str, percent: bool, y_format: str
) -> alt.TopLevelMixin:
    if codes:
        colour: Any = alt.Color("series:N", scale=_colour_scale(codes), sort=None)
    else:
        colour = alt.value(PRIMARY)
    axis = _percent_axis(y_title) if percent else alt.Axis(format=y_format, tickCount=5)
    y = alt.Y("value:Q", title=y_title, axis=axis)
    base = alt.Chart(alt.Data(name=VALUES)).encode(x=_month_axis(months), y=y, color=colour)
    lines = base.mark_line(strokeWidth=2, invalid="break-paths-show-domains")
    if codes:
        # Several series: lines only (dots on five lines clutter, and cost drawing time).
        layered: alt.Chart | alt.LayerChart = lines
    else:
        # One series: dots show a month standing alone between suppressed neighbours.
        dots = base.mark_point(filled=True, size=28, opacity=1)
        layered = alt.LayerChart(layer=[lines, dots, _suppressed_marks(months)])
    return layered.properties(width=WIDTH, height=HEIGHT)


def share_bars(
    shares: Sequence[tuple[str, float | None, str]],
    *,
    codes: Sequence[str] | None = None,
    highlight: str | None = None,
) -> str:
    """Horizontal bars of shares with their printed labels.

    ``shares`` holds (label, share or None, label text as shown in the report). Colour:
    by category when ``codes`` are given (same order as ``shares``), else one colour,
    with ``highlight`` (a label) set apart from the rest.
    """
    records = [
        {"label": label, "value": value, "text": text, "highlight": label == highlight}
        for label, value, text in shares
    ]
    labels = tuple(label for label, _, _ in shares)
    spec = _share_bars_spec(
        labels, None if codes is None else tuple(codes), highlight is not None
    )
    return spec.render(values=records)


@_specification
def _share_bars_spec(
    labels: tuple[str, ...], codes: tuple[str, ...] | None, highlight: bool
) -> alt.TopLevelMixin:
    if codes is not None:
        colour: Any = alt.Color("label:N", scale=_colour_scale(codes), legend=None)
    elif highlight:
        colour = alt.condition(alt.datum.highlight, alt.value(PRIMARY), alt.value(OTHER_AKASSE))
    else:
        colour = alt.value(PRIMARY)
    y = alt.Y("label:N", sort=list(labels), title=None, axis=alt.Axis())
    x = alt.X("value:Q", title=None, axis=None, scale=alt.Scale(domain=[0, 1]))
    base = alt.Chart(alt.Data(name=VALUES)).encode(y=y)
    bars = base.mark_bar(height={"band": 0.7}).encode(x=x, color=colour)
    text = base.mark_text(align="left", dx=4, color=INK, fontSize=11).encode(
        x=alt.X("value:Q", scale=alt.Scale(domain=[0, 1]), axis=None),
        text="text:N",
    )
    # A suppressed share has no bar: its "*" stands at the axis.
    hidden = base.mark_text(align="left", dx=4, color=MUTED, fontSize=11).encode(
        x=alt.datum(0), text="text:N"
    ).transform_filter("datum.value == null")
    return alt.layer(bars, text, hidden).properties(width=WIDTH - 200, height=22 * len(labels))


def focus_chart(
    points: Sequence[Point],
    months: Sequence[str],
    excluded: Sequence[str],
    target: float,
    target_text: str,
    mean: float | None,
    mean_text: str,
) -> str:
    """The focus goal: monthly shares, the target line, the period mean, excluded months.

    Excluded months are shaded and their points drawn hollow and grey: shown, and
    visibly not part of the mean.
    """
    excluded_set = set(excluded)
    records = [
        {
            "month": p.month,
            "value": p.value,
            "status": T.M22_EXCLUDED if p.month in excluded_set else T.M22_INCLUDED,
        }
        for p in points
    ]
    mean_above = mean is not None and mean >= target
    spec = _focus_spec(
        tuple(months), tuple(excluded), target, target_text, mean is not None, mean_above
    )
    datasets = {VALUES: records, HIDDEN: _hidden(points)}
    if mean is not None:
        datasets[MEAN] = [{"y": mean, "t": mean_text}]
    return spec.render(**datasets)


@_specification
def _focus_spec(
    months: tuple[str, ...],
    excluded: tuple[str, ...],
    target: float,
    target_text: str,
    has_mean: bool,
    mean_above: bool,
) -> alt.TopLevelMixin:
    excluded_set = set(excluded)
    # No padding between month bands, so the shading of excluded months is one block.
    x = _month_axis(months, padded=False)
    y_scale = alt.Scale(domain=[0, 1])
    y = alt.Y("value:Q", title=None, scale=y_scale, axis=_percent_axis(None))
    layers: list[alt.Chart | alt.LayerChart] = []
    if excluded:
        band = [{"month": m, "top": 1.0} for m in months if m in excluded_set]
        layers.append(
            alt.Chart(alt.Data(values=band))
            .mark_bar(color=EXCLUDED_FILL, width={"band": 1.0})
            .encode(x=x, y=alt.Y("top:Q", scale=y_scale))
        )
        middle = sorted(excluded_set & set(months))
        layers.append(
            alt.Chart(alt.Data(values=[{"month": middle[len(middle) // 2], "t": T.M22_EXCLUDED}]))
            .mark_text(baseline="top", dy=6, color=MUTED, fontSize=11, fontStyle="italic")
            .encode(x=x, y=alt.datum(1.0), text="t:N")
        )
    base = alt.Chart(alt.Data(name=VALUES)).encode(x=x, y=y)
    layers.append(
        base.mark_line(color=PRIMARY, strokeWidth=2, invalid="break-paths-show-domains")
    )
    layers.append(
        base.mark_point(size=36, opacity=1).encode(
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=[T.M22_INCLUDED, T.M22_EXCLUDED], range=[PRIMARY, MUTED]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            fill=alt.Fill(
                "status:N",
                scale=alt.Scale(domain=[T.M22_INCLUDED, T.M22_EXCLUDED], range=[PRIMARY, "white"]),
                legend=None,
            ),
        )
    )
    target_data = alt.Data(values=[{"y": target, "t": target_text}])
    layers.append(_hline(target_data, TARGET_COLOUR, dashed=True, above=not mean_above))
    if has_mean:
        layers.append(_hline(alt.Data(name=MEAN), MEAN_COLOUR, dashed=False, above=mean_above))
    layers.append(_suppressed_marks(months, x))
    return alt.layer(*layers).properties(width=WIDTH, height=HEIGHT + 30)


def _hline(data: alt.Data, colour: str, *, dashed: bool, above: bool) -> alt.LayerChart:
    """A horizontal reference line at ``y`` labelled ``t`` (from ``data``) in the right
    margin, above or below the line.

    The focus chart puts the higher of target and mean above its line and the lower
    below, so the two labels never overlap however close the lines are.
    """
    rule = alt.Chart(data).mark_rule(
        color=colour, strokeWidth=1.5, strokeDash=[5, 3] if dashed else []
    ).encode(y=alt.Y("y:Q"))
    label = alt.Chart(data).mark_text(
        align="left",
        baseline="bottom" if above else "top",
        dx=4,
        dy=-1 if above else 1,
        color=colour,
        fontSize=11,
        fontWeight="bold",
    ).encode(x=alt.value(WIDTH), y=alt.Y("y:Q"), text="t:N")
    return alt.LayerChart(layer=[rule, label])
