"""The store: the checked registers in an engine, embedded DuckDB by default.

Measures are Ibis expressions over the three tables here, so the same definitions
compile for any backend Ibis supports; only :func:`open_store` knows the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ibis
import pandas as pd
import pyarrow as pa

from akassemonitor.months import Month
from akassemonitor.registers.schema import REGISTERS


@dataclass(frozen=True)
class Store:
    """An Ibis connection holding the tables ``forloeb``, ``samtaler``, ``tilbud``."""

    con: Any  # ibis BaseBackend

    @property
    def forloeb(self) -> ibis.Table:
        return self.con.table("forloeb")

    @property
    def samtaler(self) -> ibis.Table:
        return self.con.table("samtaler")

    @property
    def tilbud(self) -> ibis.Table:
        return self.con.table("tilbud")


def open_store(tables: dict[str, pa.Table], db_path: Path | None = None) -> Store:
    """Load checked register tables into DuckDB (in memory, or the file ``db_path``)."""
    con = ibis.duckdb.connect(str(db_path) if db_path else ":memory:")
    for register in REGISTERS:
        table = tables[register.name]
        if table.schema != register.schema:
            table = table.cast(register.schema)
        con.create_table(register.name, obj=table, overwrite=True)
    return Store(con)


def connect_existing(db_path: Path) -> Store:
    """Open a DuckDB file written earlier with ``--db`` (tables must exist)."""
    con = ibis.duckdb.connect(str(db_path))
    missing = [r.name for r in REGISTERS if r.name not in con.list_tables()]
    if missing:
        raise ValueError(f"{db_path}: no table(s) {', '.join(missing)}; load the registers first")
    return Store(con)


def data_span(store: Store) -> tuple[Month | None, Month | None]:
    """The first and last month any spell date falls in (None, None for no spells)."""
    f = store.forloeb
    row = f.agg(
        first=f.start_dato.min(),
        last_start=f.start_dato.max(),
        last_end=f.slut_dato.max(),
    ).execute().iloc[0]
    if row["first"] is None or pd.isna(row["first"]):
        return None, None
    ends = [d for d in (row["last_start"], row["last_end"]) if d is not None and not pd.isna(d)]
    return Month.of(pd.Timestamp(row["first"]).date()), Month.of(pd.Timestamp(max(ends)).date())
