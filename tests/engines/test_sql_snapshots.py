"""The compiled SQL of every measure, per dialect, checked in: a change shows its SQL diff.

Snapshots live in ``tests/sql_snapshots/<dialect>/<measure>.sql`` for DuckDB,
PostgreSQL, Spark and SQL Server (compile only: no server here). Regenerate after a
deliberate change with::

    AKASSE_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest -q tests/engines/test_sql_snapshots.py

and review the diff. The measures are compiled over unbound tables
(``store.SchemaStore``) for the default configuration and report month 2022M04; the
random names Ibis gives in-memory tables (the key grids) are numbered in order.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import ibis
import pytest

from akassemonitor.config import Config
from akassemonitor.measures import COMPUTE, MeasureContext
from akassemonitor.months import Month
from akassemonitor.store import SchemaStore

SNAPSHOTS = Path(__file__).parent.parent / "sql_snapshots"
DIALECTS = ("duckdb", "postgres", "pyspark", "mssql")
UPDATE = os.environ.get("AKASSE_UPDATE_SNAPSHOTS") == "1"
_MEMTABLE = re.compile(r"ibis_[a-z]+_memtable_[a-z0-9]+")


def _normalised(sql: str) -> str:
    names: dict[str, str] = {}
    return _MEMTABLE.sub(lambda m: names.setdefault(m[0], f"memtable_{len(names)}"), sql) + "\n"


@pytest.fixture(scope="module", params=DIALECTS)
def compile_sql(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    dialect = request.param
    if dialect == "pyspark":  # Ibis compiles Spark SQL through a connected backend only
        con = ibis.pyspark.connect(request.getfixturevalue("spark_session"))
        return dialect, con.compile
    return dialect, lambda expr: ibis.to_sql(expr, dialect=dialect)


@pytest.mark.parametrize("measure_id", list(COMPUTE))
def test_measure_sql_matches_its_snapshot(compile_sql, measure_id: str) -> None:  # type: ignore[no-untyped-def]
    dialect, compile_ = compile_sql
    ctx = MeasureContext(SchemaStore(), Config(), Month.parse("2022M04"))  # type: ignore[arg-type]
    sql = _normalised(str(compile_(COMPUTE[measure_id](ctx))))
    path = SNAPSHOTS / dialect / f"{measure_id}.sql"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sql, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}; make it with AKASSE_UPDATE_SNAPSHOTS=1"
    assert sql == path.read_text(encoding="utf-8"), (
        f"{measure_id} compiles to other {dialect} SQL than {path}; if intended, regenerate "
        "(AKASSE_UPDATE_SNAPSHOTS=1) and review the diff"
    )
