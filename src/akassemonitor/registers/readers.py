"""Reading a register file (CSV in its dialects, or Parquet) into a table of text.

Every value comes out as a trimmed string, ``""`` becoming null, so the checks treat
CSV and Parquet alike. Only the register's own columns are read (extra columns are
ignored, and never copied anywhere). A ``cpr`` column is read as such here and
replaced by its pseudonym straight after (see ``pseudonyms``), before any check.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from akassemonitor.registers.errors import InputError
from akassemonitor.registers.schema import Register

ROW = "row"  # 1-based data row number in the file
PERSON = "person_id"
CPR = "cpr"

UTF8_BOM = b"\xef\xbb\xbf"
_CHUNK = 16 * 1024 * 1024
_MAX_HEADER = 1024 * 1024
_ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "cp1252": "Windows-1252"}


@dataclass(frozen=True)
class RawRegister:
    """A register file as read: the ``row`` number, then its register columns as text."""

    register: Register
    source: Path
    table: pa.Table
    dialect: str  # how the file was read, for progress messages

    @property
    def file_columns(self) -> tuple[str, ...]:
        """The register columns found in the file, in file order."""
        return tuple(name for name in self.table.column_names if name != ROW)


def read_register(path: Path, register: Register) -> RawRegister:
    """Read ``path`` (``.csv`` or ``.parquet``) as text columns; raise InputError if unreadable."""
    if path.suffix == ".parquet":
        return _read_parquet(path, register)
    return _read_csv(path, register)


# --- CSV -----------------------------------------------------------------------------


def detect_encoding(path: Path) -> str:
    """``utf-8-sig``, ``utf-8`` or ``cp1252``: a strict UTF-8 decode of the bytes decides.

    The bytes are checked in chunks; pure-ASCII chunks are skipped cheaply, so a large
    file costs about one read. A file starting with a UTF-8 byte-order mark must be
    valid UTF-8 throughout (a BOM on a Windows-1252 file is a broken export).
    """
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    lines_before = 0
    with path.open("rb") as handle:
        has_bom = handle.read(len(UTF8_BOM)) == UTF8_BOM
        handle.seek(0)
        try:
            while chunk := handle.read(_CHUNK):
                # Skipping is safe only when no multi-byte sequence is pending.
                if not (chunk.isascii() and not decoder.getstate()[0]):
                    decoder.decode(chunk)
                lines_before += chunk.count(b"\n")
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            if has_bom:
                raise InputError(
                    f"{path.name} starts with a UTF-8 byte-order mark but is not valid UTF-8 "
                    f"(an invalid byte near line {lines_before + 1} or later). Save the file "
                    "again as UTF-8 (or as Windows-1252 without a byte-order mark)."
                ) from None
            return "cp1252"
    return "utf-8-sig" if has_bom else "utf-8"


def choose_delimiter(header: str) -> str:
    """``;`` when the header line has more semicolons than commas, else ``,`` (SPEC §7)."""
    return ";" if header.count(";") > header.count(",") else ","


def _read_csv(path: Path, register: Register) -> RawRegister:
    encoding = detect_encoding(path)
    header = _header_line(path, encoding)
    delimiter = choose_delimiter(header)
    header_names = next(csv.reader([header], delimiter=delimiter))
    names = [name.strip().lstrip("\ufeff").strip() for name in header_names]
    wanted = _resolve_columns(register, names, path)
    # Our own column names (trimmed) replace the header row; unwanted or repeated
    # names get placeholders so pyarrow never sees a clash among columns we skip.
    column_names = [
        name if name in wanted and names.index(name) == i else f"__ignored_{i}"
        for i, name in enumerate(names)
    ]
    dialect = f"CSV, {_ENCODING_NAMES[encoding]}, delimiter '{delimiter}'"
    if _header_only(path):  # pyarrow cannot skip a header that has no line after it
        empty = pa.table({name: pa.array([], pa.string()) for name in wanted})
        return RawRegister(register, path, _normalised(empty, wanted), dialect)
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                column_names=column_names,
                skip_rows=1,
                encoding="utf8" if encoding.startswith("utf-8") else encoding,
            ),
            parse_options=pacsv.ParseOptions(delimiter=delimiter),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in wanted},
                include_columns=wanted,
                strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise _parse_error(path, encoding, delimiter, len(names), exc) from None
    return RawRegister(register, path, _normalised(table, wanted), dialect)


def _header_line(path: Path, encoding: str) -> str:
    with path.open("rb") as handle:
        head = handle.readline(_MAX_HEADER)
    if not head.strip(UTF8_BOM + b" \t\r\n"):
        raise InputError(
            f"{path.name} is empty or its first line is blank. The first line must be the "
            "header with the column names (see docs/input-format.md)."
        )
    if head.startswith(b"PAR1"):
        raise InputError(
            f"{path.name} is a Parquet file with a .csv name. Rename it to {path.stem}.parquet."
        )
    if head.startswith(b"PK\x03\x04"):
        raise InputError(
            f"{path.name} is a zip archive (perhaps an Excel workbook), not a CSV text file. "
            "Export the sheet as CSV (UTF-8) and use that file."
        )
    if b"\x00" in head:
        raise InputError(
            f"{path.name} contains NUL bytes in its first line: it is a binary file or UTF-16 "
            "text, not CSV. Save it as CSV in UTF-8 (or Windows-1252)."
        )
    try:
        return head.decode(encoding).rstrip("\r\n")
    except UnicodeDecodeError:
        raise _undecodable(path) from None


def _header_only(path: Path) -> bool:
    """True when nothing but blank space follows the header line."""
    with path.open("rb") as handle:
        handle.readline(_MAX_HEADER)
        while chunk := handle.read(4096):
            if chunk.strip():
                return False
    return True


def _undecodable(path: Path) -> InputError:
    return InputError(
        f"{path.name} is neither UTF-8 nor Windows-1252 text (it holds bytes that neither "
        "encoding defines); it may be a binary file. Save it as CSV in UTF-8."
    )


def _parse_error(
    path: Path, encoding: str, delimiter: str, columns: int, exc: Exception
) -> InputError:
    if isinstance(exc, UnicodeDecodeError):
        return _undecodable(path)
    bad = _first_ragged_line(path, encoding, delimiter, columns)
    if bad is not None:
        line, fields = bad
        return InputError(
            f"{path.name} could not be read as CSV: line {line} has {fields} value(s) where "
            f"the header has {columns}. Give every row one value per header column, and put "
            f"values that contain the delimiter '{delimiter}' or a line break in double quotes."
        )
    return InputError(
        f"{path.name} could not be read as CSV ({_without_row_content(str(exc))}). Check the "
        "file's quoting and line endings, or save it again as CSV from the source system."
    )


def _first_ragged_line(
    path: Path, encoding: str, delimiter: str, columns: int
) -> tuple[int, int] | None:
    """The first line whose row has a wrong number of values (slow; error path only)."""
    try:
        with path.open(encoding=encoding, newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            next(reader, None)
            for row in reader:
                if row and len(row) != columns:
                    return reader.line_num, len(row)
    except (UnicodeDecodeError, csv.Error):
        return None
    return None


def _without_row_content(message: str) -> str:
    # pyarrow quotes the offending row after "got N:"; it may hold personal data.
    message = re.sub(r"(got \d+)\s*:.*", r"\1", message, flags=re.DOTALL)
    return message.strip()[:300]


# --- Parquet -------------------------------------------------------------------------


def _read_parquet(path: Path, register: Register) -> RawRegister:
    try:
        schema = pq.read_schema(path)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(
            f"{path.name} could not be read as Parquet ({_without_row_content(str(exc))}). "
            "Check that it is a Parquet file (if it is CSV text, name it "
            f"{path.stem}.csv), or write it again from the source system."
        ) from None
    original = {name.strip(): name for name in schema.names}
    names = [name.strip() for name in schema.names]
    wanted = _resolve_columns(register, names, path)
    try:
        table = pq.read_table(path, columns=[original[name] for name in wanted])
    except (pa.ArrowException, OSError) as exc:
        raise InputError(
            f"{path.name} could not be read as Parquet ({_without_row_content(str(exc))}). "
            "The file may be truncated or damaged; write it again from the source system."
        ) from None
    columns = [_as_text(table.column(i), name, path) for i, name in enumerate(wanted)]
    text = pa.table(columns, names=wanted)
    return RawRegister(register, path, _normalised(text, wanted), "Parquet")


def _as_text(column: pa.ChunkedArray, name: str, path: Path) -> pa.ChunkedArray:
    """A Parquet column as text: dates as ``YYYY-MM-DD``, booleans as ``true``/``false``."""
    kind = column.type
    if pa.types.is_dictionary(kind):
        column = column.cast(kind.value_type)
        kind = kind.value_type
    if pa.types.is_timestamp(kind):
        # The calendar date as written, in the timestamp's own time zone if it has one.
        local = pc.local_timestamp(column) if kind.tz else column
        return pc.cast(pc.cast(local, pa.date32(), safe=False), pa.string())
    if (
        pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or pa.types.is_date(kind)
        or pa.types.is_boolean(kind)
        or pa.types.is_integer(kind)
    ):
        return pc.cast(column, pa.string())
    raise InputError(
        f"{path.name}: column {name} has the Parquet type {kind}, which this register does not "
        "accept. Write it as text (string); dates may also be date or timestamp columns and "
        "individuel a boolean column."
    )


# --- Both ----------------------------------------------------------------------------


def _resolve_columns(register: Register, names: list[str], path: Path) -> list[str]:
    """The register columns to read, in file order; InputError when one is missing."""
    known = {*register.required, *register.optional, CPR}
    repeated = sorted({name for name in names if name in known and names.count(name) > 1})
    if repeated:
        raise InputError(
            f"{path.name}: the column(s) {', '.join(repeated)} appear more than once in the "
            "header. Keep one of each (remove or rename the others)."
        )
    if CPR in names and PERSON in names:
        raise InputError(
            f"{path.name} has both a cpr and a person_id column. Give one of them: person_id "
            "for pseudonyms you made, or cpr to let akassemonitor pseudonymise CPR numbers; "
            "remove the other column."
        )
    given = {*names, PERSON} if CPR in names else set(names)
    missing = [name for name in register.required if name not in given]
    if missing:
        found = ", ".join(name or "(empty name)" for name in names)
        plural = "s" if len(missing) > 1 else ""
        raise InputError(
            f"{path.name} lacks the required column{plural} {', '.join(missing)}. Columns "
            f"found: {found}. Add or rename the column{plural} so the header names exactly "
            f"{', '.join(register.required)} (lower case; see docs/input-format.md)."
        )
    return [name for name in names if name in known]


def _normalised(table: pa.Table, names: list[str]) -> pa.Table:
    """The ``row`` number, then each column trimmed with ``""`` made null."""
    columns = [pa.chunked_array([np.arange(1, table.num_rows + 1, dtype=np.int64)])]
    for name in names:
        trimmed = pc.utf8_trim_whitespace(table.column(name))
        columns.append(pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed))
    return pa.table(columns, names=[ROW, *names])
