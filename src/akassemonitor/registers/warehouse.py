"""Registers into a PostgreSQL server: read by DuckDB in this process, streamed by COPY.

Ibis hands an Arrow table to PostgreSQL as one ``INSERT`` per row (``executemany``):
at a million spells (3 M conversation rows) that upload was most of the run, and the
Arrow copy most of the Python process's memory. Here the file is read by DuckDB in
this process exactly as for the DuckDB engine (``duckdb_readers``: the same text,
row numbers, messages and pseudonyms), and its rows stream in batches of
:data:`BATCH` as CSV into ``COPY ... FROM STDIN`` of a temporary table on the server,
which is then analysed (PostgreSQL has no statistics for a table it has just filled,
and plans the checks' group-bys and joins by them). Only a batch is held in Python.

Where DuckDB cannot read a file as the pyarrow reader does (``read_into_duckdb``
returns None, or a damaged page shows while the rows stream), ``load`` uses the
pyarrow reader, and :func:`copy_arrow` streams its table the same way.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv

from akassemonitor.registers.duckdb_readers import EngineRegister, quote
from akassemonitor.registers.readers import ROW

BATCH = 100_000  # rows per COPY batch: a few MB of CSV in Python at a time

# PostgreSQL's session settings for the checks: temporary tables (the checks' scratch
# tables, the uploaded registers) live in the session's own buffers, 8 MB by default;
# a sort or hash over millions of rows spills to disk beyond work_mem (4 MB by default).
# Both are per-session settings any user may change (SET), not server configuration.
SESSION_SETTINGS = {"temp_buffers": "256MB", "work_mem": "256MB"}


def session_options() -> str:
    """libpq's ``options`` for :data:`SESSION_SETTINGS` (set before any temporary table)."""
    return " ".join(f"-c {name}={value}" for name, value in SESSION_SETTINGS.items())


def copy_engine_register(raw: EngineRegister, con: Any) -> EngineRegister:
    """``raw`` (read into an embedded DuckDB) as a temporary table of the PostgreSQL ``con``.

    Raises duckdb.Error when DuckDB meets a damaged page while reading (nothing is left
    on the server then). The result's ``scratch`` names the server's table, to drop.
    """
    columns = (ROW, *raw.file_columns)
    local = raw.table.get_backend()
    # DuckDB's own reader (Ibis 12's to_pyarrow_batches calls what DuckDB 2 removed)
    batches = local.con.sql(local.compile(raw.table.select(*columns))).to_arrow_reader(BATCH)
    schema = pa.schema([(ROW, pa.int64()), *((name, pa.string()) for name in raw.file_columns)])
    name = copy_batches(con, f"_raw_{raw.register.name}", schema, batches)
    return replace(raw, table=con.table(name), scratch=(name,))


def copy_arrow(con: Any, table: pa.Table, stem: str) -> str:
    """An Arrow table as a temporary table of the PostgreSQL ``con``; returns its name."""
    return copy_batches(con, stem, table.schema, table.to_batches(max_chunksize=BATCH))


def copy_batches(
    con: Any, stem: str, schema: pa.Schema, batches: Iterable[pa.RecordBatch]
) -> str:
    """Create a temporary table of ``schema`` and fill it by COPY from ``batches``; then
    ANALYZE it. Returns its name; on an error the table is dropped and the error raised."""
    name = f"{stem}_{uuid.uuid4().hex[:8]}"
    import ibis

    con.create_table(name, schema=ibis.Schema.from_pyarrow(schema), temp=True)
    quoted = quote(name)
    column_list = ", ".join(quote(field.name) for field in schema)
    try:
        with con.con.cursor() as cursor, con.con.transaction():
            with cursor.copy(f"COPY {quoted} ({column_list}) FROM STDIN (FORMAT csv)") as copy:
                for chunk in _csv_chunks(batches, schema):
                    copy.write(chunk)
            cursor.execute(f"ANALYZE {quoted}")
    except BaseException:
        con.drop_table(name, force=True)
        raise
    return name


def drop(con: Any, raw: EngineRegister) -> None:
    """Drop the server's table behind ``raw`` (after the checks have read it)."""
    for name in raw.scratch:
        con.drop_table(name, force=True)


def _csv_chunks(batches: Iterable[pa.RecordBatch], schema: pa.Schema) -> Iterator[bytes]:
    """Each batch as CSV without a header: texts quoted (so ``""`` is an empty text, as
    PostgreSQL's CSV reads it), nulls as nothing (PostgreSQL's NULL in CSV)."""
    options = pacsv.WriteOptions(include_header=False, quoting_style="needed")
    for batch in batches:
        if batch.num_rows == 0:
            continue
        buffer = io.BytesIO()
        pacsv.write_csv(batch.cast(schema), buffer, options)
        yield buffer.getvalue()


def analyse(con: Any, name: str) -> None:
    """ANALYZE a table just written on PostgreSQL (nothing on other engines). Autovacuum
    never analyses temporary tables (and a new table only after a while): without
    statistics the planner took 3 M-row scratch tables for a few thousand rows, and
    sorted where a hash aggregate fits (docs/engines.md, "PostgreSQL and Spark at 1 M")."""
    if con.name != "postgres":
        return
    with con.con.cursor() as cursor:
        cursor.execute(f"ANALYZE {quote(name)}")
