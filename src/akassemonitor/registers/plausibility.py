"""Registers that are valid by SPEC §7 but cannot be what the user meant.

Two kinds, both data-quality warnings (the rows stay used, as the spec says):

- an *empty register*: a file with only its header, or whose every row was quarantined;
  with ``--strict`` the run fails instead;
- *implausible dates*: before ``rules.PLAUSIBLE_FROM`` or after the day of the run.
  They also never make a report month valid (:func:`last_plausible_month`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import ibis
import pandas as pd

from akassemonitor.months import Month
from akassemonitor.quality import DataQuality, Warning
from akassemonitor.registers.rules import DATE_COLUMNS, PLAUSIBLE_FROM

if TYPE_CHECKING:
    from akassemonitor.store import Store

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


def implausible_date_warnings(store: Store, today: dt.date | None = None) -> list[Warning]:
    """Per register and date column: how many dates fall outside the plausible window.

    One aggregate query per register, as portable Ibis (it runs in any engine).
    """
    first, last = _window(today)
    warnings = []
    for register, columns in DATE_COLUMNS.items():
        table = store.con.table(register)
        counts = {}
        for column in columns:
            counts[f"{column}__early"] = (table[column] < ibis.date(first)).sum()
            counts[f"{column}__late"] = (table[column] > ibis.date(last)).sum()
        row = table.aggregate(**counts).execute().iloc[0]
        for column in columns:
            early = _int(row[f"{column}__early"])
            late = _int(row[f"{column}__late"])
            if early + late == 0:
                continue
            parts = []
            if early:
                parts.append(f"{early:,} before {first}")
            if late:
                parts.append(f"{late:,} after {last} (the day of the run)")
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


def last_plausible_month(store: Store, today: dt.date | None = None) -> Month | None:
    """The last month a plausible spell date (start or end) falls in; None if none does."""
    first, last = _window(today)
    table = store.forloeb
    latest = []
    for column in DATE_COLUMNS["forloeb"]:
        value = table[column]
        inside = (value >= ibis.date(first)) & (value <= ibis.date(last))
        latest.append(value.max(where=inside).name(column))
    row = table.aggregate(latest).execute().iloc[0]
    found = [pd.Timestamp(v).date() for v in row if v is not None and not pd.isna(v)]
    return Month.of(max(found)) if found else None


def _window(today: dt.date | None) -> tuple[dt.date, dt.date]:
    return dt.date.fromisoformat(PLAUSIBLE_FROM), today or dt.date.today()


def _int(value: object) -> int:
    return 0 if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]
