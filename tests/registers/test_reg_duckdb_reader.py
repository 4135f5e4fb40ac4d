"""DuckDB's own reader (registers.duckdb_readers) gives exactly the pyarrow reader's text.

The fuzz property (tests/errors/test_err_fuzz.py) compares the two on broken files;
these are the cases at the edges of what DuckDB reads itself and what it leaves to pyarrow.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from akassemonitor.registers import InputError
from akassemonitor.registers.duckdb_readers import (
    WHITESPACE,
    EngineRegister,
    looks_like_cpr,
    pseudonymise_in_duckdb,
    read_into_duckdb,
    refuse_cpr_numbers,
)
from akassemonitor.registers.pseudonyms import pseudonymise
from akassemonitor.registers.readers import ROW, read_register
from akassemonitor.registers.schema import FORLOEB, SAMTALER, TILBUD, Register

KEY = b"a-secret-key-of-some-length"


def duckdb_read(path: Path, register: Register) -> EngineRegister | None:
    """DuckDB's reading, with the test for raw CPR numbers the checks make in their first pass."""
    raw = read_into_duckdb(path, register, ibis.duckdb.connect())
    if raw is not None:
        flags = {f"_cpr_{c}": looks_like_cpr(raw.table[c]) for c in raw.cpr_checks}
        refuse_cpr_numbers(raw, raw.table.mutate(**flags))
    return raw


def both(path: Path, register: Register) -> tuple[pa.Table, EngineRegister | None]:
    """The pyarrow reader's table and DuckDB's reading of the same file."""
    return read_register(path, register).table, duckdb_read(path, register)


def as_arrow(raw: EngineRegister) -> pa.Table:
    return raw.table.order_by(ROW).to_pyarrow()


def assert_same(expected: pa.Table, raw: EngineRegister | None) -> None:
    assert raw is not None, "DuckDB left the file to pyarrow"
    got = as_arrow(raw)
    assert got.column_names == expected.column_names
    assert raw.num_rows == expected.num_rows
    for name in expected.column_names:
        assert got.column(name).to_pylist() == expected.column(name).to_pylist(), name


def test_whitespace_is_exactly_what_pyarrow_trims():
    points = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    values = pa.array([chr(c) + "x" + chr(c) for c in points])
    trimmed = pc.utf8_trim_whitespace(values).to_pylist()
    assert "".join(chr(c) for c, t in zip(points, trimmed, strict=True) if t == "x") == WHITESPACE


def test_csv_values_trimmed_of_unicode_white_space_rows_numbered_blank_lines_skipped(tmp_path):
    path = tmp_path / "tilbud.csv"
    path.write_text(
        "tilbud_id;person_id ;extra;start_dato;kategori\r\n"
        "\u00a0T1\u3000;P 1; x ;2022-03-01;LOENTILSKUD\u2028\r\n"
        "\r\n"
        "T2;\t;;\x1c2022-03-02\x1f;Løntilskud æøå \r\n"
        " ; ;;;\r\n",
        encoding="utf-8",
    )
    expected, raw = both(path, TILBUD)
    assert_same(expected, raw)
    assert as_arrow(raw).to_pylist()[1] == {
        ROW: 2, "tilbud_id": "T2", "person_id": None, "start_dato": "2022-03-02",
        "kategori": "Løntilskud æøå",
    }


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ('tilbud_id,person_id,start_dato,kategori\n"T1",P1,2022-03-01,LOENTILSKUD\n', "a quote"),
        ("tilbud_id,person_id,start_dato,kategori\rT1,P1,2022-03-01,LOENTILSKUD\r", "CR only"),
        ("tilbud_id,person_id,start_dato,kategori\n", "a header only"),
        ("tilbud_id,person_id,start_dato,kategori\nT1,P1,2022-03-01\n", "a short row"),
        ("tilbud_id,person_id,start_dato,kategori\nT1,P1,2022-03-01,X,,\n", "surplus empties"),
    ],
)
def test_csv_duckdb_cannot_read_as_pyarrow_does_is_left_to_pyarrow(tmp_path, content, why):
    path = tmp_path / "tilbud.csv"
    path.write_text(content, encoding="utf-8")
    assert read_into_duckdb(path, TILBUD, ibis.duckdb.connect()) is None, why


def test_windows_1252_with_a_byte_latin_1_reads_otherwise_is_left_to_pyarrow(tmp_path):
    path = tmp_path / "tilbud.csv"
    path.write_bytes("tilbud_id,person_id,start_dato,kategori\nT€,Ø,2022-03-01,X\n".encode("cp1252"))
    assert read_into_duckdb(path, TILBUD, ibis.duckdb.connect()) is None  # € is 0x80


def test_windows_1252_without_its_own_bytes_is_read_by_duckdb_as_latin_1(tmp_path):
    path = tmp_path / "tilbud.csv"
    text = "tilbud_id;person_id;bemærkning;start_dato;kategori\nTæ1\xa0;Ø;x;2022-03-01;Løn ÆØÅ ÿ\n"
    path.write_bytes(text.encode("cp1252"))
    expected, raw = both(path, TILBUD)
    assert_same(expected, raw)
    assert as_arrow(raw).column("kategori").to_pylist() == ["Løn ÆØÅ ÿ"]


def test_a_file_neither_reads_gives_the_same_message(tmp_path):
    path = tmp_path / "tilbud.csv"
    path.write_text("tilbud_id,person_id,start_dato\nT1,P1,2022-03-01\n", encoding="utf-8")
    with pytest.raises(InputError) as pyarrow_error:
        read_register(path, TILBUD)
    with pytest.raises(InputError) as duckdb_error:
        read_into_duckdb(path, TILBUD, ibis.duckdb.connect())
    assert str(duckdb_error.value) == str(pyarrow_error.value)


def test_parquet_dates_booleans_integers_and_dictionaries_as_pyarrow_writes_them(tmp_path):
    path = tmp_path / "samtaler.parquet"
    pq.write_table(
        pa.table(
            {
                "samtale_id": pa.array([1, 2, 3, 4], pa.int64()),
                " person_id": pa.array([" P1", "P2\u00a0", "", None]).dictionary_encode(),
                "dato": pa.array(
                    [dt.date(2022, 2, 1), dt.date(1, 1, 1), dt.date(9999, 12, 31), None]
                ),
                "samtaletype": ["CV", "JOB ", None, "X"],
                "individuel": pa.array([True, False, None, True]),
            }
        ),
        path,
    )
    expected, raw = both(path, SAMTALER)
    assert_same(expected, raw)
    pq.write_table(
        pa.table(
            {
                "forloeb_id": ["F1", "F2", "F3"],
                "person_id": ["P1", "P2", "P3"],
                "akasse": ["A", "B", "C"],
                "start_dato": pa.array([-86_400_001, 0, 86_399_999], pa.timestamp("ms")),
                "slut_dato": pa.array([None, 1, -1], pa.timestamp("s")),
                "slut_aarsag": [None, "x", "y"],
            }
        ),
        tmp_path / "forloeb.parquet",
    )
    expected, raw = both(tmp_path / "forloeb.parquet", FORLOEB)
    assert_same(expected, raw)


@pytest.mark.parametrize(
    "dato",
    [
        pa.array([dt.datetime(2022, 2, 1, 23)], pa.timestamp("ms", tz="Europe/Copenhagen")),
        pa.array([-719_163], pa.date32()),  # 0000-12-31: DuckDB writes "0001-12-31 (BC)"
        pa.array([20220201], pa.int32()),  # no date type: pyarrow names the wrong type
        pa.array([1.5]),
    ],
)
def test_parquet_columns_duckdb_would_write_otherwise_are_left_to_pyarrow(tmp_path, dato):
    path = tmp_path / "tilbud.parquet"
    pq.write_table(
        pa.table({"tilbud_id": ["T1"], "person_id": ["P1"], "start_dato": dato,
                  "kategori": ["LOENTILSKUD"]}),
        path,
    )
    assert read_into_duckdb(path, TILBUD, ibis.duckdb.connect()) is None


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_raw_cpr_numbers_are_refused_with_the_same_message(tmp_path, suffix):
    rows = {"forloeb_id": ["F1", "F2", "F3"], "person_id": ["P1", " 0101901234", "010190-1234"],
            "akasse": ["A"] * 3, "start_dato": ["2022-01-01"] * 3, "slut_dato": [None] * 3,
            "slut_aarsag": [None] * 3}
    path = tmp_path / f"forloeb{suffix}"
    if suffix == ".csv":
        lines = [",".join(rows)] + [",".join(v or "" for v in values)
                                    for values in zip(*rows.values(), strict=True)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        pq.write_table(pa.table(rows, schema=pa.schema([(n, pa.string()) for n in rows])), path)
    with pytest.raises(InputError) as pyarrow_error:
        read_register(path, FORLOEB)
    with pytest.raises(InputError) as duckdb_error:
        duckdb_read(path, FORLOEB)
    assert str(duckdb_error.value) == str(pyarrow_error.value)
    assert "2 value(s) of person_id" in str(duckdb_error.value)
    assert "data row 2" in str(duckdb_error.value)


def test_pseudonyms_are_the_same_as_pyarrow_makes(tmp_path):
    path = tmp_path / "tilbud.csv"
    path.write_text(
        "tilbud_id,cpr,start_dato,kategori\n"
        "T1,010190-1234,2022-03-01,LOENTILSKUD\n"
        "T2, 0101901234 ,2022-03-01,LOENTILSKUD\n"
        "T3,010190 - 1234,2022-03-01,LOENTILSKUD\n"
        "T4,,2022-03-01,LOENTILSKUD\n"
        "T5,-,2022-03-01,LOENTILSKUD\n",
        encoding="utf-8",
    )
    con = ibis.duckdb.connect()
    raw = read_into_duckdb(path, TILBUD, con)
    assert raw is not None
    expected = pseudonymise(read_register(path, TILBUD), KEY)
    got = pseudonymise_in_duckdb(raw, KEY, con)
    assert got.file_columns == expected.file_columns
    assert got.dialect == expected.dialect
    assert_same(expected.table, got)
    assert len(set(as_arrow(got).column("person_id").to_pylist()[:3])) == 1


def test_synthetic_registers_are_read_by_duckdb_itself(tmp_path):
    from akassemonitor.synth import generate

    for fmt in ("csv", "parquet"):
        folder = tmp_path / fmt
        generate(folder, spells=200, fmt=fmt)
        for register in (FORLOEB, SAMTALER, TILBUD):
            expected, raw = both(folder / f"{register.name}.{fmt}", register)
            assert_same(expected, raw)


def test_parquet_statistics_that_contradict_the_values_do_not_decide_the_checks(registers):
    """A damaged footer says person_id is "P1" in every row; the pages hold "" (found by
    the fuzz test). DuckDB's optimiser folds ``person_id = ''`` to false by the footer's
    statistics; the checks must go by the values, as the pyarrow reader does."""
    (registers.data / "tilbud.csv").unlink()
    path = registers.data / "tilbud.parquet"
    table = pa.table({"tilbud_id": ["T1", "T2"], "person_id": ["P1", "P1"],
                      "start_dato": ["2022-03-01"] * 2, "kategori": ["LOENTILSKUD"] * 2})
    pq.write_table(table, path, compression="none")
    data = path.read_bytes()
    entry = b"\x02\x00\x00\x00P1"  # the dictionary page's one value: length 2, "P1"
    assert data.count(entry) == 1
    path.write_bytes(data.replace(entry, b"\x00\x00\x00\x00P1"))
    statistics = pq.ParquetFile(path).metadata.row_group(0).column(1).statistics
    assert (statistics.min, statistics.max) == ("P1", "P1")
    assert pq.read_table(path).column("person_id").to_pylist() == ["", ""]

    loaded = registers.load()
    assert registers.reasons(loaded, "tilbud") == {"missing_person_id": 2}
    assert registers.column(loaded, "tilbud", "tilbud_id") == []
