"""AKASSE_DUCKDB_MEMORY caps DuckDB's memory (docs/engines.md, Speed)."""

from __future__ import annotations

import pytest

from akassemonitor.store import connect


def _limit(con) -> str:  # type: ignore[no-untyped-def]
    return str(con.raw_sql("SELECT current_setting('memory_limit')").fetchone()[0])


def test_memory_limit_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AKASSE_DUCKDB_MEMORY", raising=False)
    default = _limit(connect())
    monkeypatch.setenv("AKASSE_DUCKDB_MEMORY", "1GB")
    capped = _limit(connect())
    assert capped == "953.6 MiB"  # 1 GB as DuckDB shows it
    assert capped != default
    assert default == "667.5 MiB"  # DEFAULT_DUCKDB_MEMORY, 700 MB: the process within ~1 GB
