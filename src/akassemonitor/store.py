"""The store: the checked registers in an engine, embedded DuckDB by default.

Measures and checks are Ibis expressions over the tables here, so the same definitions
run on every engine Ibis supports; only :func:`connect` knows the engines by name.

An engine is named by a URL (``--engine``, see ``docs/engines.md``):

* nothing, ``duckdb`` or ``duckdb://``: DuckDB in memory (the default);
* ``duckdb:///path/file.duckdb`` or a path ending in ``.duckdb``/``.db``: a DuckDB file;
* ``postgresql://user@host:port/database[?sslmode=...]``: PostgreSQL; the password comes
  from the environment (``PGPASSWORD``), ``~/.pgpass`` or a service file as libpq reads
  them, never from the URL (a URL holding one is refused);
* ``spark`` (local mode, all cores) or ``spark://host:7077`` (a cluster's master; no
  user or password in it, Spark's settings from ``SPARK_CONF_DIR``).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import ibis
import pandas as pd
import pyarrow as pa

from akassemonitor.months import Month
from akassemonitor.registers.schema import REGISTERS

DEFAULT_ENGINE = "duckdb"
DEFAULT_DUCKDB_MEMORY = "700MB"  # DuckDB's memory_limit unless AKASSE_DUCKDB_MEMORY says
# Connection parameters of a PostgreSQL URL that are secrets: refused (docs/engines.md).
SECRET_PARAMETERS = frozenset({"password", "sslpassword"})


class EngineError(ValueError):
    """An engine URL that cannot be used; the message names the option and the fix."""


@dataclass(frozen=True)
class EngineURL:
    """A parsed ``--engine`` value: the kind and where, without any secret."""

    kind: str  # "duckdb", "postgres" or "spark"
    target: str  # DuckDB file (or ":memory:"), a PostgreSQL URL without password, a master
    text: str  # as given, for messages (a password in it is refused at parse time)

    @property
    def display(self) -> str:
        return {"duckdb": "DuckDB", "postgres": "PostgreSQL", "spark": "Spark"}[self.kind] + (
            "" if self.target == ":memory:" else f" ({self.target})"
        )


def parse_engine(text: str | None) -> EngineURL:
    """Parse an ``--engine`` value; raise EngineError (a ValueError) if it is not one."""
    value = (text or DEFAULT_ENGINE).strip()
    lower = value.lower()
    if lower in ("duckdb", "duckdb://", "duckdb://:memory:", ":memory:"):
        return EngineURL("duckdb", ":memory:", value)
    if lower.startswith("duckdb://"):
        path = value[len("duckdb://"):]
        return EngineURL("duckdb", path or ":memory:", value)
    if lower.endswith((".duckdb", ".db")) and "://" not in value:
        return EngineURL("duckdb", value, value)
    if lower.startswith(("postgresql://", "postgres://")):
        parts = urlsplit(value)
        query = parse_qs(parts.query, keep_blank_values=True)
        if parts.password is not None or SECRET_PARAMETERS & {k.lower() for k in query}:
            raise EngineError(
                "--engine: the PostgreSQL URL holds a password. Leave it out of the command "
                "line (it would land in shell history, process lists and logs): set "
                "PGPASSWORD in the environment, put it in ~/.pgpass (or PGPASSFILE), or "
                "name a service of ~/.pg_service.conf (?service=NAME), and give "
                "postgresql://user@host:port/database"
            )
        _port_of(parts, "postgresql://user@host:5432/akasse")
        if not parts.path.strip("/") and "service" not in query:
            raise EngineError(
                f"--engine {value!r}: name the database, e.g. postgresql://user@host/akasse "
                "(or a service: postgresql://?service=akasse)"
            )
        return EngineURL("postgres", value, value)
    if lower.startswith("spark://"):
        parts = urlsplit(value)
        if "@" in parts.netloc:
            raise EngineError(
                "--engine: a Spark master URL holds no user or password; give "
                "spark://host:7077. Spark's own authentication (spark.authenticate.secret) "
                "goes in spark-defaults.conf in SPARK_CONF_DIR, never on the command line"
            )
        _spark_masters(value)  # refuses a bad host or port
        return EngineURL("spark", value, value)
    if lower == "spark" or lower.startswith("local"):
        return EngineURL("spark", "local[*]" if lower == "spark" else value, value)
    raise EngineError(
        f"--engine {value!r} is not an engine this tool knows. Give duckdb (in memory, the "
        "default), a DuckDB file (duckdb:///path/to/file.duckdb), "
        "postgresql://user@host:port/database, spark (local) or spark://host:7077"
    )


def _port_of(parts: Any, example: str) -> int | None:
    try:
        return int(parts.port) if parts.port is not None else None
    except ValueError:
        raise EngineError(
            f"--engine: the port in {parts.scheme}://{parts.hostname or ''}:... is not a "
            f"number from 1 to 65535; e.g. {example}"
        ) from None


def connect(engine: EngineURL | str | None = None) -> Any:
    """An Ibis connection to ``engine`` (an EngineURL or its text; None: DuckDB in memory)."""
    url = engine if isinstance(engine, EngineURL) else parse_engine(engine)
    if url.kind == "duckdb":
        # DuckDB spills what does not fit its memory limit to a temporary folder.
        # AKASSE_DUCKDB_MEMORY (e.g. "4GB") sets the limit; the default keeps the whole
        # process within about 1 GB (the interpreter and its libraries take ~0.3 GB).
        limit = os.environ.get("AKASSE_DUCKDB_MEMORY") or DEFAULT_DUCKDB_MEMORY
        return ibis.duckdb.connect(url.target, memory_limit=limit)
    if url.kind == "postgres":
        return _connect_postgres(url)
    return _connect_spark(url)


def _connect_postgres(url: EngineURL) -> Any:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise EngineError(
            "--engine postgresql://...: the PostgreSQL driver is not installed; "
            "pip install 'akassemonitor[postgres]'"
        ) from None
    parts = urlsplit(url.target)
    # Only what the URL names: libpq fills the rest from PGHOST, PGPORT, PGUSER,
    # PGDATABASE, a service (?service= or PGSERVICE) and PGPASSWORD or ~/.pgpass itself.
    # (None, not Ibis's default port 5432, so PGPORT and a service's port apply.)
    kwargs: dict[str, Any] = {
        "database": unquote(parts.path.strip("/")) or None,
        "host": parts.hostname or None,
        "port": parts.port,
        "user": unquote(parts.username) if parts.username else None,
    }
    # Other libpq parameters from the query (sslmode=verify-full, sslrootcert=...,
    # service=..., connect_timeout=..., application_name=...); an unknown one is
    # libpq's error at connect. ``options`` is joined to the session settings.
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    # Session settings for the checks' large temporary tables and sorts (warehouse.py);
    # the URL's options, then PGOPTIONS, if set, come after them and win.
    from akassemonitor.registers.warehouse import session_options

    kwargs["options"] = " ".join(
        filter(None, [session_options(), query.pop("options", None), os.environ.get("PGOPTIONS")])
    )
    kwargs.update(query)
    try:
        return ibis.postgres.connect(**kwargs)
    except Exception as exc:  # psycopg's OperationalError; its text holds no password
        raise EngineError(
            f"--engine {url.text}: cannot connect to PostgreSQL ({_first_line(exc)}). Check "
            "host, port, user and database; the password comes from PGPASSWORD or ~/.pgpass"
        ) from None


def _connect_spark(url: EngineURL) -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineError(
            "--engine spark: PySpark is not installed; pip install 'akassemonitor[spark]' "
            "(it needs Java 17)"
        ) from None
    if url.target.lower().startswith("spark://"):
        _reach_spark_master(url)
    builder = (
        SparkSession.builder.master(url.target)
        .appName("akassemonitor")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", os.environ.get("AKASSE_SPARK_PARTITIONS", "8"))
        .config("spark.ui.enabled", "false")
    )
    if not url.target.lower().startswith("spark://"):
        # Local mode: the driver on the loopback only. A cluster's executors must reach
        # the driver, so there Spark's own choice (SPARK_LOCAL_IP, spark.driver.host in
        # spark-defaults.conf) stands.
        builder = builder.config("spark.driver.host", "127.0.0.1").config(
            "spark.driver.bindAddress", "127.0.0.1"
        )
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # py4j's error from the JVM (no Java, a refused master, ...)
        raise EngineError(
            f"--engine {url.text}: Spark could not start ({_first_line(exc)}). Check Java 17 "
            "(JAVA_HOME) and the master's address, or use --engine duckdb"
        ) from None
    _database_of_this_run(session)
    return ibis.pyspark.connect(session)


RUN_DATABASE = "akassemonitor_run_"  # the prefix of a run's own Spark database


def _database_of_this_run(session: Any) -> None:
    """With Spark's default catalog (in memory), the tables a run writes go into a
    database of the run's own, dropped with their folders when the process ends.

    That catalog forgets the tables when the process ends, but their folders stay in the
    warehouse (``./spark-warehouse`` unless configured), and the next run's table of the
    same name then fails (``LOCATION_ALREADY_EXISTS``). A database named for the run
    (under the same warehouse, so a cluster's executors reach it too) never meets an
    old folder. A catalog that lasts (Hive) knows its tables: there the current
    database stands, so that ``load`` then ``release`` without ``--data`` work.
    A second connection in one process (the tests) keeps the run's database."""
    if _spark_catalog(session) == "hive":
        return
    if session.catalog.currentDatabase().startswith(RUN_DATABASE):
        return
    name = f"{RUN_DATABASE}{uuid.uuid4().hex[:12]}"
    session.sql(f"CREATE DATABASE {name}")
    session.catalog.setCurrentDatabase(name)
    atexit.register(_drop_database, session, name)


def _spark_catalog(session: Any) -> str:
    """``hive`` (a catalog that lasts) or ``in-memory`` (Spark's default)."""
    return str(session.conf.get("spark.sql.catalogImplementation", "in-memory"))


def _drop_database(session: Any, name: str) -> None:
    with contextlib.suppress(Exception):  # the JVM may be gone already
        session.sql(f"DROP DATABASE IF EXISTS {name} CASCADE")


def _spark_masters(value: str) -> list[tuple[str, int]]:
    """The (host, port) of each master in ``spark://host:7077`` or, for standby masters,
    ``spark://host1:7077,host2:7077``."""
    masters = []
    for one in value[len("spark://"):].rstrip("/").split(","):
        parts = urlsplit(f"spark://{one}")
        port = _port_of(parts, "spark://host:7077")
        if not parts.hostname:
            raise EngineError(f"--engine {value!r}: name the master's host, e.g. spark://host:7077")
        masters.append((parts.hostname, port or 7077))
    return masters


def _reach_spark_master(url: EngineURL) -> None:
    """A cluster's master (one of them) answers on its port, checked before the JVM
    starts (which otherwise retries for a minute and fails with a Java stack trace)."""
    problems = []
    masters = _spark_masters(url.target)
    for host, port in masters:
        try:
            with socket.create_connection((host, port), timeout=10):
                return
        except OSError as exc:
            problems.append((f"{host}:{port}", str(exc.strerror or exc)))
    if len(problems) == 1:
        where, why = problems[0]
        what = f"the Spark master at {where} cannot be reached ({why})"
    else:
        listed = "; ".join(f"{where}: {why}" for where, why in problems)
        what = f"no Spark master can be reached ({listed})"
    raise EngineError(
        f"--engine {url.text}: {what}. Check the host and the port (usually 7077), or use "
        "--engine spark for Spark on this machine"
    )


def forgotten_at_exit(con: Any, url: EngineURL) -> str | None:
    """Why tables written to Spark do not outlive this process, or None: Spark's default
    catalog is in memory (a catalog that lasts: ``spark.sql.catalogImplementation hive``
    in spark-defaults.conf). (``load`` into DuckDB in memory, the default engine, is a
    check of the files alone, and says nothing.)"""
    if con.name == "pyspark":
        catalog = _spark_catalog(con._session)
        if catalog != "hive":
            return (
                f"Spark's catalog is {catalog!r}: the tables last only as long as this run "
                "(they are dropped when it ends), so a later run without --data will "
                "not find them; set spark.sql.catalogImplementation hive (and the site's "
                "metastore) in spark-defaults.conf in SPARK_CONF_DIR"
            )
    return None


def upload(con: Any, table: pa.Table, name: str) -> ibis.Table:
    """An Arrow table as an Ibis table of ``con`` (for the duration of the connection).

    DuckDB takes an Ibis memtable (it reads the Arrow memory in place); PostgreSQL a
    temporary table filled by COPY (``registers.warehouse``), analysed.
    Spark gets the Arrow table straight (``createDataFrame``) as a temporary
    view: Ibis's memtable goes through pandas there, which turns empty texts into "NaN".
    """
    if con.name == "postgres":  # COPY, not Ibis's one INSERT per row
        from akassemonitor.registers.warehouse import copy_arrow

        return con.table(copy_arrow(con, table, name))
    if con.name != "pyspark":
        return ibis.memtable(table)
    from pyspark.sql import SparkSession

    session = SparkSession.getActiveSession()
    assert session is not None, "a Spark connection has an active session"
    session.createDataFrame(table).createOrReplaceTempView(name)
    return con.table(name)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


@dataclass(frozen=True)
class Store:
    """An Ibis connection holding the tables ``forloeb``, ``samtaler``, ``tilbud``."""

    con: Any  # ibis BaseBackend
    # A table of the engine holding the samtaler check's group-by by samtale_id
    # (registers.checks.conversations_of), when the checks kept it (DuckDB).
    conversations_table: str | None = None

    @property
    def forloeb(self) -> ibis.Table:
        return self.con.table("forloeb")

    @property
    def samtaler(self) -> ibis.Table:
        return self.con.table("samtaler")

    @property
    def tilbud(self) -> ibis.Table:
        return self.con.table("tilbud")

    @property
    def name(self) -> str:
        return str(self.con.name)


def open_store(
    tables: dict[str, pa.Table], db_path: Path | None = None, *, con: Any = None
) -> Store:
    """Load checked register tables into ``con`` (default: DuckDB in memory, or ``db_path``)."""
    if con is None:
        con = ibis.duckdb.connect(str(db_path) if db_path else ":memory:")
    for register in REGISTERS:
        table = tables[register.name]
        if table.schema != register.schema:
            table = table.cast(register.schema)
        uploaded = upload(con, table, f"_upload_{register.name}")
        con.create_table(register.name, obj=uploaded, overwrite=True)
    return Store(con)


def connect_existing(con: Any, where: str = "the engine") -> Store:
    """The registers the engine already holds (``akassemonitor load``, or a warehouse's own).

    Each table must have the register's columns with its types (docs/engines.md);
    raises EngineError naming what is missing.
    """
    schemas = {}
    for register in REGISTERS:
        # con.table, not list_tables (which ibis 12 breaks on DuckDB 2); a missing
        # table raises ibis's TableNotFound or the engine's own error.
        with contextlib.suppress(Exception):
            schemas[register.name] = con.table(register.name).schema()
    missing = [r.name for r in REGISTERS if r.name not in schemas]
    if missing:
        raise EngineError(
            f"{where} holds no table(s) {', '.join(missing)}; load the registers first "
            "(akassemonitor load --data FOLDER --engine ...) or give --data"
        )
    for register in REGISTERS:
        schema = schemas[register.name]
        for field in register.schema:
            expected = ibis.dtype(field.type)
            if field.name not in schema:
                raise EngineError(
                    f"{where}: table {register.name} lacks the column {field.name} "
                    f"({expected}); see docs/engines.md for the expected tables"
                )
            found = schema[field.name]
            if type(found) is not type(expected):
                raise EngineError(
                    f"{where}: column {register.name}.{field.name} is {found}, expected "
                    f"{expected}; see docs/engines.md for the expected tables"
                )
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


@dataclass(frozen=True)
class SchemaStore:
    """The three registers as unbound tables of their schemas, bound to no engine.

    Measures over it compile to any dialect (``ibis.to_sql(expr, dialect=...)``)
    without a connection: the SQL snapshots in ``tests/sql_snapshots`` are made so.
    """

    conversations_table: str | None = None  # no checks ran: the measures group the rows

    @property
    def forloeb(self) -> ibis.Table:
        return ibis.table(ibis.Schema.from_pyarrow(REGISTERS[0].schema), name="forloeb")

    @property
    def samtaler(self) -> ibis.Table:
        return ibis.table(ibis.Schema.from_pyarrow(REGISTERS[1].schema), name="samtaler")

    @property
    def tilbud(self) -> ibis.Table:
        return ibis.table(ibis.Schema.from_pyarrow(REGISTERS[2].schema), name="tilbud")
