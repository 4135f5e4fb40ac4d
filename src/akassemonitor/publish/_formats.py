"""Danish number and period formatting: the one place that knows the locale.

Every figure in a report is shown at exactly its published precision, so the text a
reader sees is the published cell and nothing else (no second rounding):

* counts: ``3.850`` (thousands ``.``);
* shares (published with 3 decimals): a percent with 1 decimal, ``85,3 %``;
* means of counts (published with 2 decimals): ``2,90``;
* the focus mean (a mean of shares, 3 decimals): a percent, ``86,3 %``;
* the focus flag: ``Opfyldt`` / ``Ikke opfyldt``.

The space before ``%`` is a no-break space (U+00A0), as in the CLDR Danish pattern,
so a percent never wraps over two lines. Suppressed cells are ``*``; a key with no
cell at all is ``–``.
"""

from __future__ import annotations

from collections.abc import Sequence

from babel.numbers import format_decimal, format_percent

from akassemonitor.catalogue import Display, measure_info
from akassemonitor.months import Month

LOCALE = "da_DK"
NBSP = "\u00a0"
SUPPRESSED_MARK = "*"
MISSING_MARK = "–"

Style = Display

FLAG_TEXT = {1: "Opfyldt", 0: "Ikke opfyldt"}


def display_style(measure_id: str) -> Style:
    """How a measure's value is shown: counts, percents, plain decimals or a flag."""
    return measure_info(measure_id).display


def display_decimals(measure_id: str) -> int:
    """Decimals shown: the published decimals, less two for a percent."""
    decimals = measure_info(measure_id).decimals or 0
    return max(0, decimals - 2) if display_style(measure_id) == "percent" else decimals


def format_count(value: float) -> str:
    """``3850`` → ``3.850``."""
    return format_decimal(int(round(value)), format="#,##0", locale=LOCALE)


def format_percent_value(share: float, decimals: int = 1) -> str:
    """``0.853`` → ``85,3 %`` (no-break space before ``%``)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + NBSP + "%"
    return format_percent(share, format=pattern, locale=LOCALE)


def format_decimal_value(value: float, decimals: int) -> str:
    """``2.9`` with 2 decimals → ``2,90``."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def format_cell(measure_id: str, value: float | None, suppressed: bool) -> str:
    """A published cell as shown in a report: ``*`` when suppressed, ``–`` when absent."""
    if suppressed:
        return SUPPRESSED_MARK
    if value is None:
        return MISSING_MARK
    style = display_style(measure_id)
    if style == "count":
        return format_count(value)
    if style == "flag":
        return FLAG_TEXT[int(value)]
    if style == "percent":
        return format_percent_value(value, display_decimals(measure_id))
    return format_decimal_value(value, display_decimals(measure_id))


def month_span_text(first: Month, last: Month) -> str:
    """``september 2020 til og med april 2022``; one month alone is just its name."""
    if first == last:
        return first.danish_name
    return f"{first.danish_name} til og med {last.danish_name}"


def month_runs(months: Sequence[Month]) -> list[tuple[Month, Month]]:
    """Consecutive runs of the given months, as (first, last) pairs in order."""
    runs: list[tuple[Month, Month]] = []
    for month in sorted(set(months)):
        if runs and runs[-1][1] + 1 == month:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs


def months_text(months: Sequence[Month]) -> str:
    """Danish text for a set of months, run by run, the last joined with ``og``.

    E.g. ``september 2020 til og med december 2020 og juli 2021 til og med april 2022``.
    """
    parts = [month_span_text(first, last) for first, last in month_runs(months)]
    if not parts:
        return "ingen måneder"
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " og " + parts[-1]


def akasse_label(akasse: str, alle: str) -> str:
    """The a-kasse as written in a report; the whole trial is ``Alle a-kasser``."""
    return "Alle a-kasser" if akasse == alle else akasse
