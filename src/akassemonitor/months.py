"""Calendar months written ``YYYYMmm`` (``2022M04``), as in every output (SPEC §1)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import total_ordering

_MONTH_RE = re.compile(r"^(\d{4})M(\d{2})$")

DANISH_MONTH_NAMES = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


class MonthError(ValueError):
    """A text that is not a month in the form ``YYYYMmm``."""


@total_ordering
@dataclass(frozen=True, slots=True)
class Month:
    """A calendar month."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise MonthError(f"month number must be 1-12, got {self.month}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """Parse ``2022M04``; raise :class:`MonthError` with the expected form otherwise."""
        match = _MONTH_RE.match(str(text).strip())
        if not match:
            raise MonthError(f"{text!r} is not a month; write it as YYYYMmm, e.g. 2022M04")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}M{self.month:02d}"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Month):
            return NotImplemented
        return (self.year, self.month) < (other.year, other.month)

    @property
    def index(self) -> int:
        """Months since year 0; differences of indexes count months."""
        return self.year * 12 + self.month - 1

    def __add__(self, months: int) -> Month:
        index = self.index + months
        return Month(index // 12, index % 12 + 1)

    def __sub__(self, months: int) -> Month:
        return self + (-months)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def danish_name(self) -> str:
        """``april 2022``."""
        return f"{DANISH_MONTH_NAMES[self.month - 1]} {self.year}"


def month_range(first: Month, last: Month) -> list[Month]:
    """All months from ``first`` to ``last``, both included (empty when last < first)."""
    return list(_iter_months(first, last))


def _iter_months(first: Month, last: Month) -> Iterator[Month]:
    current = first
    while current <= last:
        yield current
        current = current + 1


def parse_month_span(text: str) -> list[Month]:
    """Parse ``2021M01..2021M06`` (both ends included) or a single month."""
    if ".." in text:
        start, _, end = text.partition("..")
        first, last = Month.parse(start), Month.parse(end)
        if last < first:
            raise MonthError(f"{text!r}: the span ends before it starts")
        return month_range(first, last)
    return [Month.parse(text)]
