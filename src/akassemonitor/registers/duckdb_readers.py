"""Reading a register file with DuckDB itself, straight into an embedded DuckDB engine.

The pyarrow readers (``readers``) build an Arrow table of text in Python that the engine
then reads in place: at a million spells that copy is most of the process's memory. On
DuckDB the files are read by ``read_parquet`` and ``read_csv`` (every column as text)
instead, into a view or a temporary table of the engine, giving the same text:

* the same columns and names (``readers.inspect_csv`` and ``readers.parquet_columns``
  find them, with the same messages for a missing or repeated column);
* every value trimmed of the same white space as pyarrow's ``utf8_trim_whitespace``
  (Unicode's, not only the space), ``""`` made null;
* ``row``, the 1-based data row number (Parquet: DuckDB's file row number; CSV: the
  order of a temporary table filled in file order, blank lines not counted);
* Parquet dates as ``YYYY-MM-DD``, booleans as ``true``/``false``, integers as digits;
* the same refusal of raw CPR numbers, and the same pseudonyms for a ``cpr`` column.

Where DuckDB cannot read a file exactly as the pyarrow reader does, :func:`read_into_duckdb`
returns None and the caller uses the pyarrow reader (which then reads the file or stops
with its own message, so every message stays the same):

* CSV in Windows-1252 (DuckDB decodes UTF-8 and Latin-1 only, which differ in 0x80-0x9F),
  with old-Mac line ends (CR only), with nothing after the header, or with a double
  quote anywhere: DuckDB's parser and pyarrow's part ways on odd quoting (a header
  starting ``""`` made DuckDB read no rows at all), and a fuzz test found it;
* any file DuckDB's strict parser refuses: a row with too few or too many values, a stray
  quote after a quoted value, mixed line ends, invalid UTF-8, a damaged Parquet file
  (also when a damaged page only shows in the checks: ``load._read_and_check``);
  any Parquet file whose pages pyarrow's decoder does not accept (``_pages_decode``:
  each reader lets some damage through that the other stops at); and a
  CSV whose delimiters do not add up to one between every two values (DuckDB lets a row
  with surplus empty values through);
* Parquet columns other than text, dates, booleans, integers and time stamps without a
  time zone (the pyarrow reader names the wrong type, or converts a zoned time stamp to
  its local date), and dates before the year 1 (DuckDB writes them as "BC").
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import duckdb
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.parquet as pq

from akassemonitor import privacy
from akassemonitor.registers import readers
from akassemonitor.registers.readers import CPR, PERSON, ROW
from akassemonitor.registers.schema import Register

# pyarrow's utf8_trim_whitespace trims exactly these code points (tested).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_TEXT_TYPES = (pa.types.is_string, pa.types.is_large_string)


@dataclass(frozen=True)
class EngineRegister:
    """A register file as read into the engine: ``row``, then its columns as text."""

    register: Register
    source: Path
    table: ir.Table  # over a view or temporary table of the engine
    num_rows: int
    file_columns: tuple[str, ...]  # the register columns found in the file, in file order
    dialect: str
    scratch: tuple[str, ...]  # the engine's views and tables behind ``table``, to drop
    # Columns whose test for raw CPR numbers is left to the checks' first pass over the
    # rows (checks.check_register), so the file is not read once more for it.
    cpr_checks: tuple[str, ...] = ()


def read_into_duckdb(path: Path, register: Register, con: Any) -> EngineRegister | None:
    """Read ``path`` into the DuckDB connection ``con`` as text; None where DuckDB cannot
    read it as :func:`readers.read_register` does (then use that). Raises InputError as
    the pyarrow reader does for a file neither can read, or for raw CPR numbers."""
    reader = _read_parquet if path.suffix == ".parquet" else _read_csv
    raw = reader(path, register, con)
    if raw is not None and CPR not in raw.file_columns:
        return replace(raw, cpr_checks=_cpr_columns(raw))
    if raw is not None:  # the id is tested before the key is asked for, as pyarrow's does
        try:
            _refuse_cpr_numbers(raw, con)
        except duckdb.Error:  # a damaged page, met on reading the values
            drop(raw, con)
            return None
        except BaseException:
            drop(raw, con)
            raise
    return raw


def drop(raw: EngineRegister, con: Any) -> None:
    """Drop the views and tables behind ``raw`` (after the checks have read it)."""
    _drop_all(con, raw.scratch)


def _drop_all(con: Any, names: tuple[str, ...]) -> None:
    for name in names:  # views first: they read the tables
        kind = "VIEW" if name.startswith("_view_") else "TABLE"
        _run(con, f"DROP {kind} IF EXISTS {quote(name)}")


@contextmanager
def statistics_not_trusted(con: Any) -> Iterator[None]:
    """DuckDB's optimiser, not trusting a file's own statistics while it checks the file.

    DuckDB folds a comparison that a Parquet file's footer statistics say cannot hold:
    a damaged file whose statistics contradict its values (footer ``min = max = "P1"``,
    pages holding ``""``) would then pass ``person_id = ''`` as false, and an empty key
    as a key. The checks must see the values, not what the footer claims, so the
    optimiser's statistics propagation is off while the file is read and checked; the
    checked tables it writes carry DuckDB's own statistics, and the measures run on
    those with the optimiser whole.
    """
    before = con.raw_sql("SELECT current_setting('disabled_optimizers')").fetchall()[0][0]
    names = [name for name in before.split(",") if name.strip()]
    con.raw_sql(f"SET disabled_optimizers = '{','.join([*names, 'statistics_propagation'])}'")
    try:
        yield
    finally:
        con.raw_sql(f"SET disabled_optimizers = '{before}'")


def _read_parquet(path: Path, register: Register, con: Any) -> EngineRegister | None:
    schema, original, wanted = readers.parquet_columns(path, register)
    if not _pages_decode(path, [original[name] for name in wanted]):
        return None  # damaged: the pyarrow reader refuses it, with its own message
    columns = []
    dates = []
    for name in wanted:
        kind = schema.field(original[name]).type
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
        column = quote(original[name])
        text_like = any(test(kind) for test in _TEXT_TYPES)
        text = f"CAST({column} AS VARCHAR)"
        # The types readers._as_text accepts, each as text the way it writes them.
        if name in readers.DATE_COLUMNS:
            if pa.types.is_timestamp(kind) and kind.tz is None:
                text = f"CAST(CAST({column} AS DATE) AS VARCHAR)"
                dates.append(f"CAST({column} AS DATE)")
            elif pa.types.is_date32(kind):
                dates.append(column)
            elif not text_like:
                return None  # a zoned time stamp, or a type the pyarrow reader names
        elif name in readers.BOOLEAN_COLUMNS:
            if not (text_like or pa.types.is_boolean(kind) or pa.types.is_integer(kind)):
                return None
        elif not (text_like or pa.types.is_integer(kind)):
            return None
        # Dates, booleans and integers written as text have no white space to trim.
        columns.append(f"{_trimmed(text) if text_like else text} AS {quote(name)}")
    scan = f"read_parquet({_literal(str(path))}, file_row_number = true)"
    view = _name("_view_read", register)
    try:
        if dates:
            earliest = _run(
                con,
                f"SELECT least({', '.join(f'min({d})' for d in dates)}) < DATE '0001-01-01' "
                f"FROM {scan}",
            )[0][0]
            if earliest:
                return None  # DuckDB writes such a date as "... (BC)"
        _run(
            con,
            f"CREATE TEMP VIEW {quote(view)} AS SELECT file_row_number + 1 AS {quote(ROW)}, "
            f"{', '.join(columns)} FROM {scan}",
        )
        rows = _run(con, f"SELECT count(*) FROM {quote(view)}")[0][0]
    except duckdb.Error:
        _run(con, f"DROP VIEW IF EXISTS {quote(view)}")
        return None
    table = con.table(view)
    return EngineRegister(register, path, table, rows, tuple(wanted), "Parquet", (view,))


def _pages_decode(path: Path, columns: list[str]) -> bool:
    """Whether pyarrow decodes every page of ``columns``, a column and a batch at a time.

    A damaged page can decode without an error in one reader and not in the other: the
    fuzz test found files that DuckDB read as plausible, wrong values (another column's
    dictionary) where pyarrow stops, and the other way round. DuckDB reads the file only
    when pyarrow's decoder also accepts it, so a file is read by DuckDB only if the pyarrow
    reader would not have refused it (about 0.3 s of CPU and 30 MB of peak memory at a
    million spells, 3 M conversation rows; nothing decoded is kept).
    """
    try:
        file = pq.ParquetFile(path)
        for column in columns:  # one column at a time: the least memory held at once
            rows = 0
            for batch in file.iter_batches(columns=[column], use_threads=False):
                batch.validate()
                rows += batch.num_rows
            if rows != file.metadata.num_rows:  # a damaged page can decode to no rows
                return False
    except (pa.ArrowException, OSError, UnicodeDecodeError):
        return False
    finally:
        pa.default_memory_pool().release_unused()  # the decoded pages' memory, to the system
    return True


def _read_csv(path: Path, register: Register, con: Any) -> EngineRegister | None:
    layout = readers.inspect_csv(path, register)
    facts = layout.facts
    if layout.header_only or facts.line_end == b"\r" or facts.quotes:
        return None
    if facts.encoding == "cp1252" and facts.c1_bytes:
        return None  # DuckDB decodes Latin-1, which differs from Windows-1252 only there
    encoding = "latin-1" if facts.encoding == "cp1252" else "utf-8"
    types = ", ".join(f"{_literal(name)}: 'VARCHAR'" for name in layout.column_names)
    scan = (
        f"read_csv({_literal(str(path))}, delim = {_literal(layout.delimiter)}, quote = '\"', "
        f"escape = '\"', header = false, skip = 1, columns = {{{types}}}, auto_detect = false, "
        "strict_mode = true, null_padding = false, allow_quoted_nulls = false, "
        f"encoding = '{encoding}')"
    )
    columns = ", ".join(f"{_trimmed(quote(name))} AS {quote(name)}" for name in layout.wanted)
    table_name = _name("_table_read", register)
    view = _name("_view_read", register)
    try:
        # A table filled in file order (DuckDB preserves insertion order): its rowid is
        # the data row's index, as pyarrow counts them (blank lines skipped).
        _run(con, f"CREATE TEMP TABLE {quote(table_name)} AS SELECT {columns} FROM {scan}")
    except duckdb.Error:
        _run(con, f"DROP TABLE IF EXISTS {quote(table_name)}")
        return None
    _run(
        con,
        f"CREATE TEMP VIEW {quote(view)} AS SELECT rowid + 1 AS {quote(ROW)}, * "
        f"FROM {quote(table_name)}",
    )
    rows = _run(con, f"SELECT count(*) FROM {quote(table_name)}")[0][0]
    # DuckDB's strict parser lets a row with surplus empty values through (the fuzz test
    # found it), where pyarrow refuses the file. Without quotes every delimiter in the
    # file separates two values, so the header and the rows hold exactly this many:
    if facts.delimiters[layout.delimiter.encode()] != (len(layout.names) - 1) * (rows + 1):
        _drop_all(con, (view, table_name))
        return None
    table = con.table(view)
    return EngineRegister(
        register, path, table, rows, tuple(layout.wanted), layout.dialect, (view, table_name)
    )


def _refuse_cpr_numbers(raw: EngineRegister, con: Any) -> None:
    """As ``readers._refuse_cpr_numbers``: stop when person_id or the id holds CPR numbers."""
    checked = _cpr_columns(raw)
    if not checked:
        return

    def looks(name: str) -> str:
        # A trimmed CPR-like value is 10 to 13 ASCII characters starting with 0 to 3:
        # tested first, so the pattern runs on few values.
        column = quote(name)
        return (
            f"strlen({column}) BETWEEN 10 AND 13 AND {column} >= '0' AND {column} < '4' "
            f"AND regexp_matches({column}, {_literal(privacy.CPR_VALUE_RE2)})"
        )

    found = ", ".join(
        f"count(*) FILTER (WHERE {looks(name)}), min({quote(ROW)}) FILTER (WHERE {looks(name)})"
        for name in checked
    )
    counts = _run(con, f"SELECT {found} FROM {_view(raw)}")[0]
    for i, name in enumerate(checked):
        count, first = counts[2 * i], counts[2 * i + 1]
        if count:
            raise readers.cpr_numbers_error(raw.source, name, count, first)


def _cpr_columns(raw: EngineRegister) -> tuple[str, ...]:
    return tuple(name for name in (PERSON, raw.register.id_column) if name in raw.file_columns)


def looks_like_cpr(text: ir.StringValue) -> ir.BooleanValue:
    """``privacy.cpr_like`` of a trimmed text, as an Ibis expression (DuckDB's RE2)."""
    # A trimmed CPR-like value is 10 to 13 ASCII characters starting with 0 to 3,
    # tested first so the pattern runs on few values.
    return (
        text.length().between(10, 13)
        & (text >= "0")
        & (text < "4")
        & text.re_search(privacy.CPR_VALUE_RE2)
    ).fill_null(False)


def refuse_cpr_numbers(raw: EngineRegister, table: ir.Table) -> None:
    """Raise as the pyarrow reader does when a ``_cpr_<column>`` flag of ``table`` is set."""
    if not raw.cpr_checks:
        return
    found = table.aggregate(
        **{
            f"{stat}{i}": (
                table.count(where=table[f"_cpr_{name}"])
                if stat == "n"
                else table[ROW].min(where=table[f"_cpr_{name}"])
            )
            for i, name in enumerate(raw.cpr_checks)
            for stat in ("n", "first")
        }
    ).to_pyarrow().to_pylist()[0]
    for i, name in enumerate(raw.cpr_checks):
        if found[f"n{i}"]:
            raise readers.cpr_numbers_error(raw.source, name, found[f"n{i}"], found[f"first{i}"])


def pseudonymise_in_duckdb(raw: EngineRegister, key: bytes, con: Any) -> EngineRegister:
    """``raw`` with its ``cpr`` column replaced, in place, by the pseudonym ``person_id``.

    The same HMAC as ``pseudonyms.pseudonymise``, once per distinct normalised CPR (in
    Python: DuckDB has no HMAC), joined back in the engine.
    """
    # As pseudonyms.normalise_cpr: all white space out, then the first "-".
    normalised = f"regexp_replace(regexp_replace({quote(CPR)}, '\\s+', '', 'g'), '-', '')"
    distinct = _run(
        con, f"SELECT DISTINCT {normalised} FROM {_view(raw)} WHERE {quote(CPR)} IS NOT NULL"
    )
    values = [value for (value,) in distinct]
    digests = [hmac.new(key, v.encode("utf-8"), hashlib.sha256).hexdigest() for v in values]
    lookup = _name("_table_pseudonyms", raw.register)
    con.create_table(
        lookup, pa.table({"cpr": values, "pseudonym": digests}, schema=_LOOKUP), temp=True
    )
    view = _name("_view_pseudonymised", raw.register)
    columns = ", ".join(
        "p.pseudonym AS " + quote(PERSON) if name == CPR else "r." + quote(name)
        for name in (ROW, *raw.file_columns)
    )
    _run(
        con,
        f"CREATE TEMP VIEW {quote(view)} AS SELECT {columns} FROM {_view(raw)} AS r "
        f"LEFT JOIN {quote(lookup)} AS p ON {normalised.replace(quote(CPR), 'r.' + quote(CPR))}"
        " = p.cpr",
    )
    file_columns = tuple(PERSON if name == CPR else name for name in raw.file_columns)
    return EngineRegister(
        raw.register,
        raw.source,
        con.table(view),
        raw.num_rows,
        file_columns,
        f"{raw.dialect}, cpr pseudonymised",
        (view, *raw.scratch, lookup),
    )


_LOOKUP = pa.schema([("cpr", pa.string()), ("pseudonym", pa.string())])


def _run(con: Any, sql: str) -> list[tuple[Any, ...]]:
    """Run one statement and fetch its result (DuckDB refuses more work before that)."""
    return con.raw_sql(sql).fetchall()  # type: ignore[no-any-return]


def _view(raw: EngineRegister) -> str:
    return quote(raw.scratch[0])


def _trimmed(text: str) -> str:
    """``text`` trimmed of :data:`WHITESPACE`, ``""`` made null.

    DuckDB's trim over a set of characters is slow, so only a value that could start or
    end with one is trimmed: its first or last character is below ``!`` (a control
    character or the space), or it holds a character beyond ASCII.
    """
    ends = f"{text} < '!' OR {text}[-1] < '!' OR strlen({text}) <> length({text})"
    return f"nullif(CASE WHEN {ends} THEN trim({text}, {_literal(WHITESPACE)}) ELSE {text} END, '')"


def _name(stage: str, register: Register) -> str:
    return f"{stage}_{register.name}_{uuid.uuid4().hex[:8]}"


def quote(name: str) -> str:
    """A table or column name as an SQL identifier (DuckDB's and PostgreSQL's quoting)."""
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
