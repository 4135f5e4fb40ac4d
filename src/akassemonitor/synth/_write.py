"""Writing registers chunk by chunk, as CSV (SPEC §2 dialects) or Parquet."""

from __future__ import annotations

import io
from pathlib import Path
from types import TracebackType

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

FORMATS = ("csv", "parquet")
PARQUET_COMPRESSION = "zstd"
# DuckDB's own row-group size: a reader scans the groups of a file in parallel, so a
# register written as one group of a million rows is read on one thread.
PARQUET_ROW_GROUP = 122_880


class RegisterWriter:
    """Appends tables of one schema to a CSV or Parquet file; use as a context manager.

    CSV: a header line, then values unquoted (no value holds a delimiter, quote or line
    break; pyarrow refuses to write one that does), ISO dates, empty for null, booleans
    as ``1``/``0``. Parquet: row groups of at most :data:`PARQUET_ROW_GROUP` rows.
    """

    def __init__(
        self,
        path: Path,
        fmt: str,
        schema: pa.Schema,
        *,
        encoding: str = "utf-8",
        delimiter: str = ",",
    ) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, got {fmt!r}")
        self.path = path
        self.fmt = fmt
        self.schema = schema
        self.encoding = encoding
        self.delimiter = delimiter
        self.rows = 0
        self._parquet: pq.ParquetWriter | None = None
        self._csv: io.BufferedWriter | None = None
        if fmt == "parquet":
            self._parquet = pq.ParquetWriter(path, schema, compression=PARQUET_COMPRESSION)
        else:
            self._csv = open(path, "wb")  # noqa: SIM115 - closed in close()
            header = delimiter.join(schema.names) + "\n"
            self._csv.write(header.encode(encoding))

    def write(self, table: pa.Table) -> None:
        table = table.select(self.schema.names).cast(self.schema)
        self.rows += table.num_rows
        if self._parquet is not None:
            self._parquet.write_table(table, row_group_size=PARQUET_ROW_GROUP)
            return
        assert self._csv is not None
        buffer = io.BytesIO()
        options = pacsv.WriteOptions(
            include_header=False, delimiter=self.delimiter, quoting_style="none"
        )
        pacsv.write_csv(_csv_ready(table), buffer, options)
        data = buffer.getvalue()
        if self.encoding != "utf-8":
            data = data.decode("utf-8").encode(self.encoding)
        self._csv.write(data)

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
        if self._csv is not None:
            self._csv.close()

    def __enter__(self) -> RegisterWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _csv_ready(table: pa.Table) -> pa.Table:
    """Booleans as ``1``/``0``; pyarrow would write ``true``/``false``."""
    columns = [
        pc.cast(column, pa.int8()) if pa.types.is_boolean(column.type) else column
        for column in table.columns
    ]
    return pa.table(columns, names=table.column_names)


def text_schema(schema: pa.Schema) -> pa.Schema:
    """The same columns, all text: how a register with malformed values is written."""
    return pa.schema([(field.name, pa.string()) for field in schema])
