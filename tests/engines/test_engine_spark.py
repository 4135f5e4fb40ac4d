"""Spark's default catalog forgets a run's tables but not their folders: each run writes
into a database of its own, dropped when it ends (docs/engines.md, *A Spark cluster*)."""

from __future__ import annotations

import shutil
from pathlib import Path

import ibis

from akassemonitor import store


def _location(session, database: str) -> Path:  # type: ignore[no-untyped-def]
    rows = session.sql(f"DESCRIBE DATABASE {database}").collect()
    where = next(row[1] for row in rows if row[0] == "Location")
    return Path(where.removeprefix("file:"))


def test_a_run_does_not_meet_the_folders_an_earlier_run_left(spark_session) -> None:  # type: ignore[no-untyped-def]
    session = spark_session
    session.catalog.setCurrentDatabase("default")  # as a fresh process starts
    # What an earlier run left: the folder of its forloeb table, which Spark's catalog
    # (in memory) no longer knows. Writing forloeb in the default database fails on it.
    left = _location(session, "default") / "forloeb"
    left.mkdir(parents=True, exist_ok=True)
    (left / "part-00000.parquet").write_bytes(b"left by an earlier run")
    try:
        con = store.connect("spark")
        database = session.catalog.currentDatabase()
        assert database.startswith(store.RUN_DATABASE)
        table = con.create_table("forloeb", ibis.memtable({"a": [1, 2]}), overwrite=True)
        assert table.count().to_pyarrow().as_py() == 2
        own = _location(session, database)
        assert (own / "forloeb").is_dir()
        assert store.connect("spark") is not None  # a second connection: the same database
        assert session.catalog.currentDatabase() == database
        store._drop_database(session, database)
        assert not own.exists()
        assert (left / "part-00000.parquet").read_bytes() == b"left by an earlier run"
    finally:
        session.catalog.setCurrentDatabase("default")
        shutil.rmtree(left)
