"""Corrupted registers for the fuzz property (tests/errors/test_err_fuzz.py, benchmarks/fuzz.py).

Strategies start from valid registers and break them the ways real exports break:
bytes (flipped, inserted, deleted, truncated), rows (repeated, dropped, fields changed,
quotes), encodings (UTF-16/32, Windows-1252, BOMs), line ends (CRLF, CR, blank lines),
delimiters, and for Parquet: wrong column types and damaged footers.

Two properties:

- :func:`check_read`: reading one corrupted file gives a table with one numbered row per
  record, or an InputError whose one-line message names the file; nothing else (no
  other exception, no hang). Fast (milliseconds): run by the thousand.
- :func:`check_same_read`: DuckDB's own reader (``duckdb_readers``) gives exactly the
  pyarrow reader's rows and row numbers, or its message, or leaves the file to it.
- :func:`check_load`: the whole registers stage on a data folder with one corrupted
  register balances exactly per register (read = used + quarantined), or stops with
  such an InputError. About a second per example (the engine's checks).
"""

from __future__ import annotations

import contextlib
import io
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from errcase import FORLOEB, SAMTALER, TILBUD
from hypothesis import strategies as st

from akassemonitor.config import Config
from akassemonitor.registers import InputError, load_registers
from akassemonitor.registers.duckdb_readers import (
    looks_like_cpr,
    read_into_duckdb,
    refuse_cpr_numbers,
    statistics_not_trusted,
)
from akassemonitor.registers.readers import ROW, read_register
from akassemonitor.registers.schema import REGISTERS

VALID = {"forloeb": FORLOEB, "samtaler": SAMTALER, "tilbud": TILBUD}
REGISTER_BY_NAME = {register.name: register for register in REGISTERS}
SECONDS_PER_EXAMPLE = 30  # far above any real case: more is a hang


def _more_rows(name: str, text: str) -> str:
    """The valid text with a few more rows, so row mutations have something to hit."""
    header, *rows = text.strip("\n").split("\n")
    extra = [row.replace("1,", "9,", 1).replace("2,", "8,", 1) for row in rows]
    return "\n".join([header, *rows, *extra]) + "\n"


BASE = {name: _more_rows(name, text) for name, text in VALID.items()}

position = st.integers(min_value=0, max_value=400)
byte_mutation = st.one_of(
    st.tuples(st.just("flip"), position, st.integers(0, 255)),
    st.tuples(st.just("insert"), position, st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("insert"), position, st.sampled_from([b'"', b"\x00", b"\r", b"\n", b";",
                                                             b",", b"\t", b"\xff", b"\xc3"])),
    st.tuples(st.just("delete"), position, st.integers(1, 30)),
    st.tuples(st.just("truncate"), position),
)
text_mutation = st.one_of(
    st.tuples(st.just("line_ends"), st.sampled_from(["\r\n", "\r", "\n\n", "\n \n"])),
    st.tuples(st.just("delimiter"), st.sampled_from([";", "\t", "|", ", "])),
    st.tuples(st.just("repeat_row"), st.integers(0, 10)),
    st.tuples(st.just("drop_row"), st.integers(0, 10)),
    st.tuples(st.just("field"), st.integers(0, 10), st.integers(0, 6),
              st.one_of(st.text(max_size=12), st.sampled_from(
                  ["", "0001-01-01", "9999-12-31", "2022-02-30", "19000", "1.5", "NaN", "true",
                   "Y", '"', '"a\nb"', "010190-1234", "x" * 300, "ÆØÅ", "\u00a0"]))),
    st.tuples(st.just("header"), st.integers(0, 6), st.text(max_size=10)),
)
encoding = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-32", "latin-1"])


@st.composite
def corrupted_csv(draw: st.DrawFn) -> tuple[str, bytes]:
    """A register name and the bytes of its CSV file, broken in one to four ways."""
    name = draw(st.sampled_from(sorted(BASE)))
    text = BASE[name]
    for mutation in draw(st.lists(text_mutation, max_size=3)):
        text = _mutate_text(text, mutation)
    try:
        data = text.encode(draw(encoding))
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    for mutation in draw(st.lists(byte_mutation, max_size=3)):
        data = _mutate_bytes(data, mutation)
    return name, data


@st.composite
def corrupted_parquet(draw: st.DrawFn) -> tuple[str, bytes]:
    """A register name and the bytes of its Parquet file: retyped columns, damaged bytes."""
    name = draw(st.sampled_from(sorted(BASE)))
    table = pacsv.read_csv(
        io.BytesIO(BASE[name].encode()),
        convert_options=pacsv.ConvertOptions(
            column_types={c: pa.string() for c in BASE[name].split("\n")[0].split(",")}
        ),
    )
    for i in draw(st.lists(st.integers(0, table.num_columns - 1), max_size=2, unique=True)):
        table = table.set_column(i, table.column_names[i], _retyped(table.column(i), draw))
    sink = io.BytesIO()
    pq.write_table(table, sink)
    data = sink.getvalue()
    for kind, where, value in draw(st.lists(
        st.tuples(st.sampled_from(["footer", "anywhere", "truncate"]), st.integers(0, 2000),
                  st.integers(0, 255)), max_size=2,
    )):
        if not data:
            break
        if kind == "truncate":
            data = data[: where % len(data)]
        else:
            at = where % len(data)
            if kind == "footer":  # the footer and its length are the last bytes
                at = len(data) - 1 - (where % min(len(data), 64))
            data = data[:at] + bytes([value]) + data[at + 1:]
    return name, data


def _retyped(column: pa.ChunkedArray, draw: st.DrawFn) -> pa.Array:
    rows = len(column)
    kind = draw(st.sampled_from(["int", "float", "bool", "timestamp", "date", "list", "null",
                                 "binary", "dictionary"]))
    if kind == "int":
        return pa.array(draw(st.lists(st.integers(-(2**40), 2**40), min_size=rows, max_size=rows)))
    if kind == "float":
        return pa.array([float(i) + 0.5 for i in range(rows)])
    if kind == "bool":
        return pa.array([i % 2 == 0 for i in range(rows)])
    if kind == "timestamp":
        return pa.array([1_600_000_000_000_000 + i for i in range(rows)], pa.timestamp("us"))
    if kind == "date":
        return pa.array([18_000 + i for i in range(rows)], pa.date32())
    if kind == "list":
        return pa.array([[str(i)] for i in range(rows)])
    if kind == "null":
        return pa.nulls(rows)
    if kind == "binary":
        return pa.array([b"\xff\x00" for _ in range(rows)], pa.binary())
    return column.combine_chunks().dictionary_encode()


def _mutate_text(text: str, mutation: tuple) -> str:
    kind, *args = mutation
    lines = text.split("\n")
    if kind == "line_ends":
        return text.replace("\n", args[0])
    if kind == "delimiter":
        return text.replace(",", args[0])
    if kind in ("repeat_row", "drop_row", "field") and len(lines) > 1:
        index = 1 + args[0] % max(1, len(lines) - 1)
        if kind == "repeat_row":
            lines.insert(index, lines[index])
        elif kind == "drop_row":
            del lines[index]
        else:
            fields = lines[index].split(",")
            fields[args[1] % len(fields)] = args[2]
            lines[index] = ",".join(fields)
        return "\n".join(lines)
    if kind == "header":
        fields = lines[0].split(",")
        fields[args[0] % len(fields)] = args[1]
        lines[0] = ",".join(fields)
        return "\n".join(lines)
    return text


def _mutate_bytes(data: bytes, mutation: tuple) -> bytes:
    kind, where, *args = mutation
    at = where % (len(data) + 1)
    if kind == "flip" and data:
        at = where % len(data)
        return data[:at] + bytes([args[0]]) + data[at + 1:]
    if kind == "insert":
        return data[:at] + args[0] + data[at:]
    if kind == "delete":
        return data[:at] + data[at + args[0]:]
    if kind == "truncate":
        return data[:at]
    return data


@contextlib.contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    def hang(signum, frame):  # type: ignore[no-untyped-def]
        raise TimeoutError(f"no answer within {seconds} s: a hang")

    before = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def _refusal_ok(exc: InputError, filename: str) -> str:
    message = str(exc)
    assert "\n" not in message, message
    assert filename in message, f"{filename} not named in: {message}"
    return "refused"


def check_read(name: str, data: bytes, suffix: str) -> str:
    """The reading property for one corrupted file; returns "read" or "refused"."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}{suffix}"
        path.write_bytes(data)
        with _time_limit(SECONDS_PER_EXAMPLE):
            try:
                raw = read_register(path, REGISTER_BY_NAME[name])
            except InputError as exc:
                return _refusal_ok(exc, path.name)
        rows = raw.table.column(ROW).to_pylist()
        assert rows == list(range(1, len(rows) + 1))
        assert all(pa.types.is_string(t) for t in raw.table.schema.types[1:])
        return "read"


def check_same_read(name: str, data: bytes, suffix: str) -> str:
    """DuckDB's reader against the pyarrow reader on one corrupted file: "same",
    "same refusal" or "left to pyarrow" (DuckDB cannot read it as pyarrow does)."""
    import ibis

    register = REGISTER_BY_NAME[name]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}{suffix}"
        path.write_bytes(data)
        with _time_limit(SECONDS_PER_EXAMPLE):
            try:
                expected, refusal = read_register(path, register).table, None
            except InputError as exc:
                expected, refusal = None, str(exc)
            con = ibis.duckdb.connect()
            try:
                with statistics_not_trusted(con):  # as load_registers reads and checks
                    raw = read_into_duckdb(path, register, con)
                    if raw is None:
                        return "left to pyarrow"
                    got = raw.table.order_by(ROW).to_pyarrow()
                    # The test for raw CPR numbers, as the checks make it in their first pass.
                    flags = {f"_cpr_{c}": looks_like_cpr(raw.table[c]) for c in raw.cpr_checks}
                    refuse_cpr_numbers(raw, raw.table.mutate(**flags))
            except InputError as exc:
                assert str(exc) == refusal
                return "same refusal"
            except duckdb.Error:  # a damaged page met on reading every value: load_registers
                return "left to pyarrow"  # then reads the file with pyarrow (check_load)
        assert refusal is None, f"DuckDB read what pyarrow refuses: {refusal}"
        assert expected is not None
        assert got.column_names == expected.column_names
        assert raw.num_rows == expected.num_rows
        for column in expected.column_names:
            assert got.column(column).to_pylist() == expected.column(column).to_pylist(), column
        return "same"


def check_load(name: str, data: bytes, suffix: str, con: object = None) -> str:
    """The whole registers stage with one corrupted register; "balanced" or "refused"."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for register, text in VALID.items():
            if register != name:
                (root / f"{register}.csv").write_text(text, encoding="utf-8")
        (root / f"{name}{suffix}").write_bytes(data)
        with _time_limit(SECONDS_PER_EXAMPLE * 4):
            try:
                loaded = load_registers(root, Config(), rejects_dir=root / "rejects", con=con)
            except InputError as exc:
                return _refusal_ok(exc, f"{name}{suffix}")
        for r in loaded.quality.reconciliation:
            assert r.read == r.used + r.quarantined, r
        return "balanced"
