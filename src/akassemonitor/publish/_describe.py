"""The charts' text alternatives, written from the published cells each chart shows.

A chart is drawn for sighted readers; a screen reader (and the tagged PDF's ``/Alt``)
gets a short Danish sentence with the same message: the span, the first and last
figures and the highest month, or each category's figure. Every number in it is a
published cell's text, exactly as the tables show it (``*`` cells are counted, not
shown). The full figures are in the table under every chart.
"""

from __future__ import annotations

from collections.abc import Sequence

from akassemonitor.months import Month
from akassemonitor.publish import _texts as T
from akassemonitor.publish._model import Cell


def _span(months: Sequence[Month]) -> str:
    first, last = months[0], months[-1]
    if first == last:
        return first.danish_name
    return T.ALT_SPAN.format(first=first.danish_name, last=last.danish_name)


def _suppressed(cells: Sequence[Cell]) -> str:
    count = sum(c.suppressed for c in cells)
    if count == 0:
        return ""
    return T.ALT_SUPPRESSED_ONE if count == 1 else T.ALT_SUPPRESSED.format(count=count)


def _end(sentence: str) -> str:
    return f"{sentence}. {T.ALT_TABLE}"


def series(what: str, months: Sequence[Month], cells: Sequence[Cell]) -> str:
    """One figure per month: ``Påbegyndte forløb per måned, september 2020 til april
    2022: fra 855 til 214; højest 2020M09 (1.012)``."""
    shown = [(m, c) for m, c in zip(months, cells, strict=True) if c.number is not None]
    period = _span(months)
    if not shown:
        return _end(T.ALT_SERIES_EMPTY.format(what=what, period=period))
    peak_month, peak = max(shown, key=lambda mc: mc[1].number or 0.0)  # the first highest
    text = T.ALT_SERIES.format(
        what=what,
        period=period,
        first=shown[0][1].text,
        last=shown[-1][1].text,
        peak_month=peak_month,
        peak=peak.text,
    )
    return _end(text + _suppressed(cells))


def values(labelled: Sequence[tuple[str, Cell]]) -> str:
    """``Løntilskud 12, Virksomhedspraktik *, ...``."""
    return ", ".join(T.ALT_VALUE.format(label=label, value=c.text) for label, c in labelled)


def categories(
    what: str, months: Sequence[Month], month: Month, labelled: Sequence[tuple[str, Cell]]
) -> str:
    """Several categories per month: the span, and each category's figure in ``month``."""
    text = T.ALT_CATEGORIES.format(
        what=what, period=_span(months), month=month.danish_name, values=values(labelled)
    )
    return _end(text)


def shares(what: str, labelled: Sequence[tuple[str, Cell]]) -> str:
    """A share per label: ``Andel ...: Fuld forsøgsperiode 46,2 %, ...``."""
    return _end(T.ALT_SHARES.format(what=what, values=values(labelled)))


def focus(
    what: str,
    months: Sequence[Month],
    cells: Sequence[Cell],
    target: str,
    mean: Cell,
    met: Cell,
    excluded: Sequence[Month],
    excluded_text: str,
) -> str:
    """The focus goal: first and last monthly share, the target, the mean and whether
    the goal is met, and the excluded months."""
    shown = [c for c in cells if c.number is not None]
    text = T.ALT_FOCUS.format(
        what=what,
        period=_span(months),
        first=shown[0].text if shown else "*",
        last=shown[-1].text if shown else "*",
        target=target,
        mean=mean.text,
        met=met.text,
    )
    if excluded:
        text += T.ALT_FOCUS_EXCLUDED.format(excluded=excluded_text)
    return _end(text + _suppressed(cells))
