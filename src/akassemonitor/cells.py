"""The hand-off between stages: tidy tables of cells (SPEC §4).

Two types make the discretion boundary a type rather than a convention:

* :class:`ExactCells`: every measure's exact value (and, for shares and means, the
  exact denominator). Internal: written only to ``measures.csv``.
* :class:`PublishedCells`: the same keys after disclosure control, rounded for
  publication, with suppressed cells carrying no value at all. Publishers (reports,
  spreadsheets, dashboard) accept only this type, so they cannot show a small count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd

from akassemonitor.catalogue import MEASURE_BY_ID

KEY_COLUMNS = ["measure", "month", "akasse", "category"]
CELL_COLUMNS = [*KEY_COLUMNS, "value"]
SUPPRESSED = "*"
NINE_DECIMALS = Decimal("1e-9")


def round_half_away(value: float, decimals: int) -> float:
    """Round half away from zero, after first rounding to 9 decimals (SPEC §3).

    The 9-decimal step means float noise (0.8499999999999999) never flips a digit.
    """
    nine = Decimal(repr(value)).quantize(NINE_DECIMALS, rounding=ROUND_HALF_UP)
    return float(nine.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def round9(value: float) -> float:
    """The 9-decimal rounding applied to shares and means before any test or rounding."""
    return float(Decimal(repr(value)).quantize(NINE_DECIMALS, rounding=ROUND_HALF_UP))


def sort_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """The one ordering of every cell file: by measure, month, a-kasse, category (as text)."""
    return frame.sort_values(KEY_COLUMNS, kind="mergesort").reset_index(drop=True)


@dataclass(frozen=True)
class ExactCells:
    """Exact cells: columns measure, month, akasse, category, value, denominator.

    ``value`` is a float, NaN where a share or mean has denominator 0; ``denominator``
    is the count behind a share or mean (NaN for counts). ``month`` and ``category``
    are ``""`` where the measure has no such key.
    """

    frame: pd.DataFrame

    def __post_init__(self) -> None:
        missing = {*CELL_COLUMNS, "denominator"} - set(self.frame.columns)
        if missing:
            raise ValueError(f"exact cells lack columns {sorted(missing)}")

    def value(self, measure: str, month: str = "", akasse: str = "", category: str = "") -> float:
        return float(_one_cell(self.frame, measure, month, akasse, category).value)

    def to_csv(self, path: Path) -> None:
        """``measures.csv``: counts as integers, shares at full precision, empty for 0/0."""
        out = self.frame[CELL_COLUMNS].copy()
        out["value"] = [
            _format_exact(m, v) for m, v in zip(out.measure, out.value, strict=True)
        ]
        sort_cells(out).to_csv(path, index=False, lineterminator="\n")


@dataclass(frozen=True)
class PublishedCells:
    """Disclosure-controlled cells: columns measure, month, akasse, category, value, suppressed.

    ``value`` is already rounded for publication and NaN where ``suppressed``.
    """

    frame: pd.DataFrame

    def __post_init__(self) -> None:
        missing = {*CELL_COLUMNS, "suppressed"} - set(self.frame.columns)
        if missing:
            raise ValueError(f"published cells lack columns {sorted(missing)}")
        leaked = self.frame.suppressed & self.frame.value.notna()
        if leaked.any():
            raise ValueError("a suppressed cell carries a value")

    def get(
        self, measure: str, month: str = "", akasse: str = "", category: str = ""
    ) -> float | None:
        """The published value, or None where it is suppressed or empty."""
        value = _one_cell(self.frame, measure, month, akasse, category).value
        return None if pd.isna(value) else float(value)

    def text(self, measure: str, month: str = "", akasse: str = "", category: str = "") -> str:
        """The cell as written in ``published.csv`` (``*`` when suppressed)."""
        hit = _one_cell(self.frame, measure, month, akasse, category)
        return format_published(measure, hit.value, bool(hit.suppressed))

    def to_csv(self, path: Path) -> None:
        out = self.frame[KEY_COLUMNS].copy()
        out["value"] = [
            format_published(m, v, s)
            for m, v, s in zip(self.frame.measure, self.frame.value, self.frame.suppressed,
                               strict=True)
        ]
        sort_cells(out).to_csv(path, index=False, lineterminator="\n")

    @classmethod
    def read_csv(cls, path: Path) -> PublishedCells:
        """Read a ``published.csv`` back (for audit, ``--previous`` and publishers).

        A file that is not one (garbage, truncated, another CSV) raises ValueError naming
        the file and, where there is one, the line.
        """

        fix = "write it again with 'akassemonitor measures' (or restore it from the release)"
        try:
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            what = "is empty" if isinstance(exc, pd.errors.EmptyDataError) else "is not CSV text"
            raise ValueError(f"{path}: {what}, so not a published.csv; {fix}") from None
        missing = set(CELL_COLUMNS) - set(raw.columns)
        if missing:
            raise ValueError(
                f"{path}: not a published.csv (lacks columns {sorted(missing)}); "
                "point to the file written by 'akassemonitor measures'"
            )
        unknown = ~raw.measure.isin(list(MEASURE_BY_ID))
        suppressed = raw.value == SUPPRESSED
        value = pd.to_numeric(raw.value.where(~suppressed & (raw.value != "")), errors="coerce")
        not_number = value.isna() & ~suppressed & (raw.value != "")
        months = raw.month.str.fullmatch(r"(\d{4}M(0[1-9]|1[0-2]))?")
        bad = unknown | not_number | ~months.fillna(False).astype(bool) | raw.isna().any(axis=1)
        if bad.any():
            line = int(bad.to_numpy().argmax()) + 2  # the header is line 1
            raise ValueError(
                f"{path}, line {line}: not a cell of a published.csv (an unknown measure, a "
                "month not written YYYYMmm, a value that is neither a number nor '*', or a "
                f"missing value); the file is truncated or damaged. {fix[0].upper()}{fix[1:]}"
            )
        frame = raw[KEY_COLUMNS].copy()
        frame["value"] = value.astype(float)
        frame["suppressed"] = suppressed
        return cls(frame)


def _format_exact(measure: str, value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    info = MEASURE_BY_ID[measure]
    if info.kind in ("count", "flag"):
        return str(int(value))
    return repr(float(value))


def format_published(measure: str, value: float, suppressed: bool) -> str:
    """One ``published.csv`` value: ``*``, an integer, or a fixed number of decimals."""
    if suppressed:
        return SUPPRESSED
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    decimals = MEASURE_BY_ID[measure].decimals
    if decimals is None:
        return str(int(value))
    return f"{round_half_away(float(value), decimals):.{decimals}f}"


def _one_cell(frame: pd.DataFrame, measure: str, month: str, akasse: str, category: str
              ) -> pd.Series:
    """The one row of ``frame`` with this key (KeyError when there is none or several)."""
    hit = frame[
        (frame.measure == measure)
        & (frame.month == month)
        & (frame.akasse == akasse)
        & (frame.category == category)
    ]
    if len(hit) != 1:
        raise KeyError(f"no single cell {measure}/{month}/{akasse}/{category}")
    return hit.iloc[0]
