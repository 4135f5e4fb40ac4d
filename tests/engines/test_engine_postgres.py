"""PostgreSQL as a server elsewhere would be used: libpq's parameters and environment, and
the planner's statistics for the tables the tool writes (the throwaway server of
``engine_servers.postgres_server``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from akassemonitor.config import Config
from akassemonitor.measures import MeasureContext
from akassemonitor.months import Month
from akassemonitor.registers import load_registers
from akassemonitor.store import connect
from akassemonitor.synth import generate


def test_postgres_takes_libpq_parameters_from_the_url_and_the_environment(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server elsewhere: libpq's parameters in the URL's query reach the connection, and
    what the URL leaves out (here the port) comes from libpq's environment (PGPORT), not
    from a default of ours."""
    from urllib.parse import urlsplit

    parts = urlsplit(postgres_url)
    monkeypatch.setenv("PGPORT", str(parts.port))
    url = f"postgresql://{parts.username}@{parts.hostname}{parts.path}?application_name=akasse-test"
    con = connect(url)
    try:
        with con.con.cursor() as cursor:
            cursor.execute("SELECT current_setting('application_name'), inet_server_port()")
            assert cursor.fetchone() == ("akasse-test", parts.port)
            cursor.execute("SELECT current_setting('work_mem')")  # the session settings
            assert cursor.fetchone() == ("256MB",)
    finally:
        con.disconnect()


def test_the_shared_relations_are_analysed(postgres_url: str, tmp_path: Path) -> None:
    """The measures' materialised relations and the register tables have statistics
    (a temporary table is never analysed by autovacuum; pg_class.reltuples is -1 until
    ANALYZE)."""
    generate(tmp_path, spells=300)
    config = Config()
    con = connect(postgres_url)
    try:
        loaded = load_registers(tmp_path, config, rejects_dir=None, con=con)
        ctx = MeasureContext(loaded.store, config, Month.parse("2022M04")).materialize()
        names = [getattr(ctx, name).op().name for name in
                 ("conversations", "meetings", "offers", "full_period_spells")]
        names += ["forloeb", "samtaler", "tilbud"]
        with con.con.cursor() as cursor:
            for name in names:
                cursor.execute(
                    "SELECT c.reltuples FROM pg_class c WHERE c.relname = %s "
                    "AND pg_table_is_visible(c.oid)", (name,)
                )
                (reltuples,) = cursor.fetchone()
                assert reltuples >= 0, f"{name} has no statistics"
    finally:
        con.disconnect()
