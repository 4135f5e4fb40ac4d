"""Published cells indexed once by key, and turned into document cells.

``PublishedCells.get`` filters a DataFrame per call; a report reads about a thousand
cells, ten reports ten thousand, so the publisher indexes the frame once into a dict.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from akassemonitor.cells import PublishedCells
from akassemonitor.months import Month
from akassemonitor.publish._formats import (
    MISSING_MARK,
    SUPPRESSED_MARK,
    display_decimals,
    display_style,
    format_cell,
)
from akassemonitor.publish._model import Cell, CellKey


@dataclass(frozen=True)
class PublishedValue:
    value: float | None  # None: suppressed or empty
    suppressed: bool


class CellIndex:
    """Read-only lookup of published cells by (measure, month, akasse, category)."""

    def __init__(self, published: PublishedCells) -> None:
        frame = published.frame
        self._cells: dict[CellKey, PublishedValue] = {}
        for measure, month, akasse, category, value, suppressed in zip(
            frame.measure.astype(str),
            frame.month.fillna("").astype(str),
            frame.akasse.astype(str),
            frame.category.fillna("").astype(str),
            frame.value,
            frame.suppressed,
            strict=True,
        ):
            number = None if value is None or math.isnan(value) else float(value)
            self._cells[(measure, month, akasse, category)] = PublishedValue(
                number, bool(suppressed)
            )
        self.months: frozenset[str] = frozenset(k[1] for k in self._cells if k[1])
        self.akasser: frozenset[str] = frozenset(k[2] for k in self._cells)

    def hidden(self) -> tuple[int, int]:
        """(cells shown as ``*``, cells) of the whole release (the annex's information loss)."""
        return sum(c.suppressed for c in self._cells.values()), len(self._cells)

    def value(
        self, measure: str, month: Month | str = "", akasse: str = "", category: str = ""
    ) -> float | None:
        """The published number, or None where suppressed, empty or absent."""
        found = self._cells.get((measure, str(month), akasse, category))
        return None if found is None else found.value

    def cell(
        self, measure: str, month: Month | str = "", akasse: str = "", category: str = ""
    ) -> Cell:
        """The document cell showing one published cell, formatted the Danish way."""
        key: CellKey = (measure, str(month), akasse, category)
        found = self._cells.get(key)
        style = display_style(measure)
        decimals = display_decimals(measure)
        if found is None:
            return Cell(MISSING_MARK, None, style, decimals, key)
        if found.suppressed:
            return Cell(SUPPRESSED_MARK, None, style, decimals, key, suppressed=True)
        return Cell(
            format_cell(measure, found.value, False), found.value, style, decimals, key
        )

    def report_months(self) -> frozenset[str]:
        """Months that carry ``personer_omfattet_andel``: the month the cells were made for."""
        return frozenset(
            k[1] for k in self._cells if k[0] == "personer_omfattet_andel" and k[1]
        )
