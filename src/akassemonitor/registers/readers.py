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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from akassemonitor import privacy
from akassemonitor.privacy import mask
from akassemonitor.registers.errors import InputError
from akassemonitor.registers.schema import Register

ROW = "row"  # 1-based data row number in the file
PERSON = "person_id"
CPR = "cpr"

UTF8_BOM = b"\xef\xbb\xbf"
_CHUNK = 16 * 1024 * 1024
# The bytes where Windows-1252 and Latin-1 differ (Latin-1's C1 controls).
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_MAX_HEADER = 1024 * 1024
_MAX_FIELD = 2**31 - 1
_LINE_END = re.compile(rb"\r\n|\r|\n")
_BLOCK = 1 << 20  # pyarrow's default parse block
_MAX_BLOCK = 1 << 30
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

    @property
    def num_rows(self) -> int:
        return int(self.table.num_rows)


def read_register(path: Path, register: Register) -> RawRegister:
    """Read ``path`` (``.csv`` or ``.parquet``) as text columns; raise InputError if unreadable."""
    raw = _read_parquet(path, register) if path.suffix == ".parquet" else _read_csv(path, register)
    _refuse_cpr_numbers(raw)
    return raw


def _refuse_cpr_numbers(raw: RawRegister) -> None:
    """Stop when ``person_id`` or the id column holds raw CPR numbers (SPEC §6).

    They would be stored and shown as they are; a ``cpr`` column is pseudonymised instead.
    """
    for name in (PERSON, raw.register.id_column):
        if name not in raw.table.column_names:
            continue
        looks = privacy.cpr_like(raw.table.column(name))
        count = pc.sum(pc.cast(pc.fill_null(looks, False), pa.int64())).as_py() or 0
        if not count:
            continue
        first = raw.table.column(ROW).filter(pc.fill_null(looks, False))[0].as_py()
        raise cpr_numbers_error(raw.source, name, count, first)


def cpr_numbers_error(source: Path, name: str, count: int, first: int) -> InputError:
    """``count`` values of ``name`` look like raw CPR numbers, the first in data row ``first``."""
    if name == PERSON:
        fix = (
            "Name the column cpr instead, and give a pseudonym key (privacy.key_file in "
            "akassemonitor.toml or the environment variable AKASSEMONITOR_PSEUDONYM_KEY): "
            "akassemonitor then replaces every CPR number by its pseudonym at ingest"
        )
    else:
        fix = (
            f"An id must not be a CPR number: give {name} the source system's own ids "
            "(or numbers you make up)"
        )
    return InputError(
        f"{source.name}: {count:,} value(s) of {name} look like raw CPR numbers "
        f"({privacy.MASK}), the first in data row {first:,}; raw CPR numbers are never "
        f"stored (SPEC §6), so nothing is read. {fix}."
    )


# --- CSV -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scan:
    """What one pass over a CSV file's bytes tells before parsing."""

    encoding: str  # utf-8-sig, utf-8 or cp1252
    line_end: bytes  # b"\n" (also for \r\n) or b"\r" (old Mac)
    quotes: int  # number of double-quote characters
    nul_line: int | None  # the first line holding a NUL byte, if any
    size: int
    delimiters: dict[bytes, int]  # the number of commas and of semicolons
    c1_bytes: bool  # any byte 0x80-0x9F: Windows-1252 then differs from Latin-1


def scan_csv(path: Path) -> _Scan:
    """Encoding, line ends, quotes and NUL bytes of ``path``, in one read of its bytes.

    A strict UTF-8 decode decides the encoding: ``utf-8-sig``, ``utf-8`` or ``cp1252``.
    Pure-ASCII chunks are not decoded, so a large file costs about one read. A file
    starting with a UTF-8 byte-order mark must be valid UTF-8 throughout (a BOM on a
    Windows-1252 file is a broken export).
    """
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    utf8 = True
    bad_line: int | None = None
    lf = cr = quotes = size = commas = semicolons = 0
    nul_line: int | None = None
    c1_bytes = False
    with _open_binary(path) as handle:
        has_bom = handle.read(len(UTF8_BOM)) == UTF8_BOM
        handle.seek(0)
        while chunk := handle.read(_CHUNK):
            ascii_chunk = chunk.isascii()
            if not (c1_bytes or ascii_chunk):
                c1_bytes = _C1_BYTES.search(chunk) is not None
            if utf8 and not (ascii_chunk and not decoder.getstate()[0]):
                # Skipping is safe only when no multi-byte sequence is pending.
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8, bad_line = False, lf + 1
            if nul_line is None and b"\x00" in chunk:
                before = chunk[: chunk.index(b"\x00")]
                nul_line = max(lf + before.count(b"\n"), cr + before.count(b"\r")) + 1
            lf += chunk.count(b"\n")
            cr += chunk.count(b"\r")
            quotes += chunk.count(b'"')
            commas += chunk.count(b",")
            semicolons += chunk.count(b";")
            size += len(chunk)
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8, bad_line = False, lf + 1
    if not utf8 and has_bom:
        raise InputError(
            f"{path.name} starts with a UTF-8 byte-order mark but is not valid UTF-8 "
            f"(an invalid byte near line {bad_line} or later). Save the file "
            "again as UTF-8 (or as Windows-1252 without a byte-order mark)."
        )
    encoding = ("utf-8-sig" if has_bom else "utf-8") if utf8 else "cp1252"
    line_end = b"\r" if cr and not lf else b"\n"
    return _Scan(encoding, line_end, quotes, nul_line, size,
                 {b",": commas, b";": semicolons}, c1_bytes)


def detect_encoding(path: Path) -> str:
    """``utf-8-sig``, ``utf-8`` or ``cp1252`` (see :func:`scan_csv`)."""
    return scan_csv(path).encoding


def choose_delimiter(header: str) -> str:
    """``;`` when the header line has more semicolons than commas, else ``,`` (SPEC §7)."""
    return ";" if header.count(";") > header.count(",") else ","


@dataclass(frozen=True)
class CsvLayout:
    """What a CSV file is, found before its rows are parsed (shared by both readers)."""

    facts: _Scan
    delimiter: str
    names: list[str]  # the header's names, trimmed
    wanted: list[str]  # the register columns to read, in file order
    column_names: list[str]  # one per file column: ours, or a placeholder
    dialect: str
    header_only: bool  # nothing but blank space after the header line


def inspect_csv(path: Path, register: Register) -> CsvLayout:
    """Encoding, delimiter and header of ``path``; InputError for a file no reader can use."""
    facts = scan_csv(path)
    encoding = facts.encoding
    header = _header_line(path, facts)
    if facts.nul_line is not None:
        raise InputError(
            f"{path.name} contains a NUL byte (a zero byte, not text) on line {facts.nul_line}. "
            "The file is damaged or not plain text: export it again from the source system "
            "as CSV in UTF-8 (or Windows-1252)."
        )
    delimiter = choose_delimiter(header)
    if header.count("\t") > max(header.count(";"), header.count(","), 0) and "\t" in header:
        raise InputError(
            f"{path.name} is separated by tabs (its header line holds tab characters, not "
            "commas or semicolons). akassemonitor reads CSV with a comma or a semicolon as "
            "delimiter: save the file again as CSV with ',' or ';' between the values."
        )
    with _csv_field_limit():
        header_names = next(csv.reader([header], delimiter=delimiter))
    names = [name.strip().lstrip("\ufeff").strip() for name in header_names]
    wanted = _resolve_columns(register, names, path)
    # Our own column names (trimmed) replace the header row; unwanted or repeated
    # names get placeholders so a reader never sees a clash among columns we skip.
    column_names = [
        name if name in wanted and names.index(name) == i else f"__ignored_{i}"
        for i, name in enumerate(names)
    ]
    dialect = f"CSV, {_ENCODING_NAMES[encoding]}, delimiter '{delimiter}'"
    if facts.line_end == b"\r":
        dialect += ", old-Mac line ends"
    header_only = _header_only(path, facts.line_end)
    if not header_only and facts.quotes % 2:
        raise _unclosed_quote(path, facts, delimiter)
    return CsvLayout(facts, delimiter, names, wanted, column_names, dialect, header_only)


def _read_csv(path: Path, register: Register) -> RawRegister:
    layout = inspect_csv(path, register)
    facts, delimiter, names = layout.facts, layout.delimiter, layout.names
    encoding, wanted, column_names = facts.encoding, layout.wanted, layout.column_names
    dialect = layout.dialect
    if layout.header_only:  # pyarrow cannot skip a header with nothing after
        empty = pa.table({name: pa.array([], pa.string()) for name in wanted})
        return RawRegister(register, path, _normalised(empty, wanted), dialect)
    # A quoted value may hold a line break (docs/input-format.md); the parser must then
    # find row ends itself, which is slower, so only when the file has a quote at all.
    newlines_in_values = facts.quotes > 0
    block_size = _BLOCK
    while True:
        try:
            table = pacsv.read_csv(
                path,
                read_options=pacsv.ReadOptions(
                    column_names=column_names,
                    skip_rows=1,
                    encoding="utf8" if encoding.startswith("utf-8") else encoding,
                    block_size=block_size,
                ),
                parse_options=pacsv.ParseOptions(
                    delimiter=delimiter, newlines_in_values=newlines_in_values
                ),
                convert_options=pacsv.ConvertOptions(
                    column_types={name: pa.string() for name in wanted},
                    include_columns=wanted,
                    strings_can_be_null=False,
                ),
            )
            break
        except pa.ArrowInvalid as exc:
            # A row longer than a parse block (a huge quoted value): larger blocks.
            if "straddl" in str(exc) and block_size < min(facts.size + 1, _MAX_BLOCK):
                block_size = min(max(block_size * 16, facts.size + 1), _MAX_BLOCK)
                continue
            raise _parse_error(path, encoding, delimiter, len(names), exc) from None
        except UnicodeDecodeError as exc:
            raise _parse_error(path, encoding, delimiter, len(names), exc) from None
    return RawRegister(register, path, _normalised(table, wanted), dialect)


def _open_binary(path: Path):  # type: ignore[no-untyped-def]
    try:
        return path.open("rb")
    except PermissionError:
        raise InputError(
            f"{path} cannot be read: permission denied for the user running akassemonitor. "
            "Give that user read access to the file (e.g. chmod o+r, or ask its owner), "
            "or copy it to a folder you can read."
        ) from None
    except IsADirectoryError:
        raise InputError(
            f"{path} is a folder, not a file. Put the register file itself there."
        ) from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read ({exc.strerror}). Check the file.") from None


@contextmanager
def _csv_field_limit() -> Iterator[None]:
    """The csv module's field limit (128 kB) raised for a while: a header may be long."""
    before = csv.field_size_limit(_MAX_FIELD)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _header_line(path: Path, facts: _Scan) -> str:
    with _open_binary(path) as handle:
        head = handle.read(_MAX_HEADER)
    line, *more = _LINE_END.split(head, maxsplit=1)
    if not more and facts.size > _MAX_HEADER:
        raise InputError(
            f"{path.name}: the first line is longer than {_MAX_HEADER // (1024 * 1024)} MB, so "
            "it is no header of column names. The first line must be the header (see "
            "docs/input-format.md); check that the file is CSV text with line breaks."
        )
    if not line.strip(UTF8_BOM + b" \t\r\n"):
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
    if b"\x00" in line:
        raise InputError(
            f"{path.name} contains NUL bytes in its first line: it is a binary file or UTF-16 "
            "text, not CSV. Save it as CSV in UTF-8 (or Windows-1252)."
        )
    try:
        return line.decode(facts.encoding)
    except UnicodeDecodeError:
        raise _undecodable(path) from None


def _header_only(path: Path, line_end: bytes) -> bool:
    """True when nothing but blank space follows the header line."""
    with _open_binary(path) as handle:
        head = handle.read(_MAX_HEADER)
        rest = _LINE_END.split(head, maxsplit=1)[1:]
        if rest and rest[0].strip():
            return False
        while chunk := handle.read(4096):
            if chunk.strip():
                return False
    return True


def _unclosed_quote(path: Path, facts: _Scan, delimiter: str) -> InputError:
    """The line whose double quote is never closed (an odd count of quotes in the file)."""
    opened = 0
    inside = False
    with _open_binary(path) as handle:
        for number, line in enumerate(_lines(handle, facts.line_end), start=1):
            if line.count(b'"') % 2:
                inside = not inside
                if inside:
                    opened = number
    return InputError(
        f"{path.name}: line {opened} opens a double quote (\") that is never closed, so "
        "everything after it would be read as one value. Close the quote, write a quote "
        'inside a quoted value as two ("") , or remove it; then every row is read again.'
    )


def _lines(handle, line_end: bytes) -> Iterator[bytes]:  # type: ignore[no-untyped-def]
    """The lines of a binary file ending in CR LF, LF or CR (as pyarrow reads them)."""
    rest = b""
    while chunk := handle.read(_CHUNK):
        parts = _LINE_END.split(rest + chunk)
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


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
        with path.open(encoding=encoding, newline="") as handle, _csv_field_limit():
            reader = csv.reader(handle, delimiter=delimiter)
            next(reader, None)
            for row in reader:
                if row and len(row) != columns:
                    return reader.line_num, len(row)
    except (UnicodeDecodeError, csv.Error, OSError):
        return None
    return None


def _without_row_content(message: str) -> str:
    # pyarrow quotes the offending row after "got N:"; it may hold personal data.
    message = re.sub(r"(got \d+)\s*:.*", r"\1", message, flags=re.DOTALL)
    message = re.sub(r"\s*\(try to increase block size\?\)", "", message)
    return mask(message.strip()[:300])


# --- Parquet -------------------------------------------------------------------------


def parquet_columns(path: Path, register: Register) -> tuple[pa.Schema, dict[str, str], list[str]]:
    """The file's Arrow schema, its trimmed names -> names as written, the columns to read."""
    try:
        schema = pq.read_schema(path)
    except (pa.ArrowException, OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"{path.name} could not be read as Parquet ({_without_row_content(str(exc))}). "
            "Check that it is a Parquet file (if it is CSV text, name it "
            f"{path.stem}.csv), or write it again from the source system."
        ) from None
    original = {name.strip(): name for name in schema.names}
    names = [name.strip() for name in schema.names]
    return schema, original, _resolve_columns(register, names, path)


def _read_parquet(path: Path, register: Register) -> RawRegister:
    _, original, wanted = parquet_columns(path, register)
    try:
        table = pq.read_table(path, columns=[original[name] for name in wanted])
        columns = [_as_text(table.column(i), name, path) for i, name in enumerate(wanted)]
        text = _normalised(pa.table(columns, names=wanted), wanted)
    except (pa.ArrowException, OSError, UnicodeDecodeError) as exc:
        # Damaged pages can also surface as invalid UTF-8 text once the values are read.
        raise InputError(
            f"{path.name} could not be read as Parquet ({_without_row_content(str(exc))}). "
            "The file may be truncated or damaged; write it again from the source system."
        ) from None
    return RawRegister(register, path, text, "Parquet")


DATE_COLUMNS = frozenset({"start_dato", "slut_dato", "dato"})
BOOLEAN_COLUMNS = frozenset({"individuel"})


def _as_text(column: pa.ChunkedArray, name: str, path: Path) -> pa.ChunkedArray:
    """A Parquet column as text: dates as ``YYYY-MM-DD``, booleans as ``true``/``false``.

    A column whose Parquet type cannot hold its values (a date as a number, a code as a
    boolean) stops the run with one message for the file, not one quarantine per row.
    """
    kind = column.type
    if pa.types.is_dictionary(kind):
        column = column.cast(kind.value_type)
        kind = kind.value_type
    text = pa.types.is_string(kind) or pa.types.is_large_string(kind)
    if name in DATE_COLUMNS:
        if pa.types.is_timestamp(kind):
            # The calendar date as written, in the timestamp's own time zone if it has one.
            local = pc.local_timestamp(column) if kind.tz else column
            return pc.cast(pc.cast(local, pa.date32(), safe=False), pa.string())
        if text or pa.types.is_date(kind):
            return pc.cast(column, pa.string())
        raise _wrong_type(
            path, name, kind, "a date column (date32 or timestamp) or text YYYY-MM-DD",
            "a number is no date (days since 1970 and 20220401 both occur); convert the "
            "column to dates in the program that wrote the file",
        )
    if name in BOOLEAN_COLUMNS:
        if text or pa.types.is_boolean(kind) or pa.types.is_integer(kind):
            return pc.cast(column, pa.string())
        raise _wrong_type(
            path, name, kind, "a boolean column, integers 1/0, or text (1/0, true/false, ja/nej)",
            "write it as a boolean column",
        )
    if text or pa.types.is_integer(kind):
        return pc.cast(column, pa.string())
    raise _wrong_type(
        path, name, kind, "text (string; ids may also be integers)", "write it as a string column"
    )


def _wrong_type(path: Path, name: str, kind: pa.DataType, accepted: str, fix: str) -> InputError:
    return InputError(
        f"{path.name}: column {name} has the Parquet type {kind}, which cannot hold its values; "
        f"it must be {accepted}. The whole column has the wrong type, so no row is read: {fix}."
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
