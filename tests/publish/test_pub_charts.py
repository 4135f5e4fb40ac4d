"""Charts: one specification per structure, the values as data; gaps where suppressed."""

from __future__ import annotations

import re

from akassemonitor.publish import _charts
from akassemonitor.publish._charts import Point

MONTHS = ["2022M01", "2022M02", "2022M03"]


def _bar_heights(svg: str) -> list[float]:
    """The heights of the bars, left to right (a ``path`` "M x,y h w v height ..." each)."""
    group = re.search(r'<g class="mark-rect role-mark[^"]*">(.*?)</g>', svg, re.S)
    assert group is not None
    paths = re.findall(r'<path[^>]* d="M[^h]+h[^v]+v([0-9.]+)', group[1])
    return [round(float(height), 3) for height in paths]


def test_a_structure_is_built_once_and_each_reports_values_are_drawn():
    _charts._bars_spec.cache_clear()
    first = _charts.monthly_bars(
        [Point(m, "", v) for m, v in zip(MONTHS, [10.0, 20.0, 30.0], strict=True)],
        MONTHS,
        "Forløb test",
    )
    second = _charts.monthly_bars(
        [Point(m, "", v) for m, v in zip(MONTHS, [30.0, 20.0, 10.0], strict=True)],
        MONTHS,
        "Forløb test",
    )
    info = _charts._bars_spec.cache_info()
    assert (info.misses, info.hits) == (1, 1)
    heights_first, heights_second = _bar_heights(first), _bar_heights(second)
    assert len(heights_first) == len(heights_second) == 3
    assert heights_first == heights_second[::-1]
    # Another title is another structure.
    _charts.monthly_bars([Point("2022M01", "", 1.0)], MONTHS, "Personer test")
    assert _charts._bars_spec.cache_info().misses == 2


def test_suppressed_months_come_as_data_and_are_marked_only_where_suppressed():
    shown = _charts.monthly_bars([Point(m, "", 5.0) for m in MONTHS], MONTHS, "Forløb")
    gap = _charts.monthly_bars(
        [Point("2022M01", "", 5.0), Point("2022M02", "", None), Point("2022M03", "", 7.0)],
        MONTHS,
        "Forløb",
    )
    assert ">*</text>" not in shown
    assert gap.count(">*</text>") == 1
    assert len(_bar_heights(gap)) == 2


def test_the_highlighted_akasse_is_data_not_structure():
    shares = [("A", 0.5, "50 %"), ("B", 0.3, "30 %"), ("C", 0.2, "20 %")]
    _charts._share_bars_spec.cache_clear()
    a = _charts.share_bars(shares, highlight="A")
    b = _charts.share_bars(shares, highlight="B")
    assert _charts._share_bars_spec.cache_info().hits == 1
    colours = [re.findall(r'fill="(#[0-9a-f]{6})"', svg) for svg in (a, b)]
    assert _charts.PRIMARY in colours[0] and _charts.OTHER_AKASSE in colours[0]
    assert colours[0] != colours[1]


def test_the_period_mean_is_data_and_its_line_is_drawn():
    points = [Point(m, "", v) for m, v in zip(MONTHS, [0.8, 0.9, None], strict=True)]
    _charts._focus_spec.cache_clear()
    svgs = [
        _charts.focus_chart(points, MONTHS, [], 0.85, "Mål 85 %", mean, text)
        for mean, text in ((0.86, "Gns. 86 %"), (0.87, "Gns. 87 %"))
    ]
    assert _charts._focus_spec.cache_info().hits == 1
    assert "Gns. 86 %" in svgs[0] and "Gns. 87 %" in svgs[1]
    assert all(">*</text>" in svg for svg in svgs)


def test_compiled_once_to_vega_and_drawn_as_from_vega_lite():
    import vl_convert

    _charts._lines_spec.cache_clear()
    points = [Point(m, "", v) for m, v in zip(MONTHS, [3.0, None, 5.0], strict=True)]
    other = [Point(m, "", v) for m, v in zip(MONTHS, [1.0, 2.0, None], strict=True)]
    _charts.monthly_lines(points, MONTHS, [], "Personer")
    svg = _charts.monthly_lines(other, MONTHS, [], "Personer")
    spec = _charts._lines_spec(tuple(MONTHS), (), "Personer", False, ",d")
    assert spec._vega is not None  # the second chart came from the compiled Vega
    direct = vl_convert.vegalite_to_svg(
        {
            **spec.vegalite,
            "datasets": {
                _charts.VALUES: _charts._records(other),
                _charts.HIDDEN: _charts._hidden(other),
            },
            "config": _charts._config(),
        },
        format_locale="da-DK",
        allowed_base_urls=[],
    )
    expected = direct.replace('class="marks"', 'class="marks chart"', 1)
    assert svg == _charts._ARIA_PARTS.sub("", expected)
