"""Registers that are valid by SPEC §7 but cannot be what the user meant.

Two kinds, both data-quality warnings (the rows stay used, as the spec says):

- an *empty register*: a file with only its header, or whose every row was quarantined;
  with ``--strict`` the run fails instead;
- *implausible dates*: before ``rules.PLAUSIBLE_FROM`` or after the day of the run.
  They also never make a report month valid (:func:`last_plausible_month`).
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.compute as pc

from akassemonitor.months import Month
from akassemonitor.quality import DataQuality, Warning
from akassemonitor.registers.rules import DATE_COLUMNS, PLAUSIBLE_FROM

EMPTY = "empty_register"
IMPLAUSIBLE = "implausible_date"


def empty_register_warnings(quality: DataQuality) -> list[Warning]:
    """One warning per register with no used row (header only, or all quarantined)."""
    warnings = []
    for r in quality.reconciliation:
        if r.used:
            continue
        if r.read == 0:
            text = f"{r.source} has a header but no rows: the register is empty"
            text_da = f"{r.source} har overskrifter, men ingen rækker: registret er tomt"
        else:
            reasons = [q for q in quality.quarantined if q.register == r.register]
            main = max(reasons, key=lambda q: q.rows).reason if reasons else "?"
            text = (
                f"every one of the {r.read:,} rows of {r.source} was quarantined (mostly "
                f"{main}): no row is used; check the file's columns and their format"
            )
            text_da = (
                f"Alle {r.read:,} rækker i {r.source} er sat i karantæne: ingen række bruges"
            )
        warnings.append(Warning(r.register, EMPTY, text, text_da, r.read))
    return warnings


def implausible_date_warnings(
    tables: dict[str, pa.Table], today: dt.date | None = None
) -> list[Warning]:
    """Per register and date column: how many dates fall outside the plausible window."""
    first, last = _window(today)
    warnings = []
    for register, columns in DATE_COLUMNS.items():
        table = tables.get(register)
        if table is None:
            continue
        for column in columns:
            values = table.column(column)
            early = _count(pc.less(values, first))
            late = _count(pc.greater(values, last))
            if early + late == 0:
                continue
            parts = []
            if early:
                parts.append(f"{early:,} before {first.as_py()}")
            if late:
                parts.append(f"{late:,} after {last.as_py()} (the day of the run)")
            warnings.append(
                Warning(
                    register=register,
                    code=IMPLAUSIBLE,
                    text=f"{column}: implausible dates, {' and '.join(parts)}; used as written, "
                    "but check them in the source (a placeholder such as 9999-12-31?)",
                    text_da=f"{column}: usandsynlige datoer (før 1.1.2000 eller efter "
                    "kørselsdagen); brugt som angivet",
                    rows=early + late,
                )
            )
    return warnings


def last_plausible_month(forloeb: pa.Table, today: dt.date | None = None) -> Month | None:
    """The last month a plausible spell date (start or end) falls in; None if none does."""
    first, last = _window(today)
    latest: dt.date | None = None
    for column in DATE_COLUMNS["forloeb"]:
        values = forloeb.column(column)
        inside = pc.and_(pc.greater_equal(values, first), pc.less_equal(values, last))
        found = pc.max(values.filter(pc.fill_null(inside, False))).as_py()
        if found is not None and (latest is None or found > latest):
            latest = found
    return Month.of(latest) if latest is not None else None


def _window(today: dt.date | None) -> tuple[pa.Scalar, pa.Scalar]:
    first = dt.date.fromisoformat(PLAUSIBLE_FROM)
    return pa.scalar(first, pa.date32()), pa.scalar(today or dt.date.today(), pa.date32())


def _count(mask: pa.ChunkedArray) -> int:
    return int(pc.sum(pc.cast(pc.fill_null(mask, False), pa.int64())).as_py() or 0)
