"""CSV dialects (encoding, delimiter, whitespace), booleans, and Parquet equal to CSV."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from akassemonitor.config import config_from_dict
from akassemonitor.registers.readers import choose_delimiter, detect_encoding
from akassemonitor.registers.schema import REGISTERS

DANISH_AKASSE = "Kristelig Æblø-Å"  # æøå in a configured code must survive byte-exact


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_encodings_and_delimiters_keep_danish_letters(registers, encoding, delimiter):
    config = config_from_dict({"akasser": ["FTF-A", DANISH_AKASSE]})
    registers.forloeb(
        [["F1", "Søren-ÆØÅ", DANISH_AKASSE, "2022-01-01", "", ""]],
        delimiter=delimiter,
        encoding=encoding,
    )
    path = registers.data / "forloeb.csv"
    assert detect_encoding(path) == encoding

    loaded = registers.load(config)
    assert registers.column(loaded, "forloeb", "akasse") == ["FTF-A", DANISH_AKASSE]
    assert registers.column(loaded, "forloeb", "person_id")[1] == "Søren-ÆØÅ"
    assert loaded.quality.quarantined == ()


def test_cp1252_rejects_are_written_as_utf8(registers):
    registers.forloeb([["F1", "P1", "Ærø-A", "2022-01-01", "", ""]], encoding="cp1252")
    registers.load()
    [reject] = registers.rejects_of("forloeb")  # read back as UTF-8
    assert reject["akasse"] == "Ærø-A"
    assert "akasse 'Ærø-A' is not a configured a-kasse" in reject["reason"]


def test_utf8_detection_spans_chunk_boundaries(tmp_path, monkeypatch):
    # A two-byte letter split across two read chunks is still valid UTF-8.
    monkeypatch.setattr("akassemonitor.registers.readers._CHUNK", 4)
    path = tmp_path / "x.csv"
    path.write_bytes("abcæøå\n".encode())
    assert detect_encoding(path) == "utf-8"
    path.write_bytes("abcæøå\n".encode("cp1252"))
    assert detect_encoding(path) == "cp1252"


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [
        ("a;b;c", ";"),
        ("a,b,c", ","),
        ("a;b,c", ","),  # a tie is a comma
        ("a;b;c,d", ";"),
        ("a", ","),
    ],
)
def test_delimiter_rule(header, delimiter):
    assert choose_delimiter(header) == delimiter


def test_semicolon_file_may_hold_commas_in_values(registers):
    (registers.data / "forloeb.csv").write_text(
        "forloeb_id;person_id;akasse;start_dato;slut_dato;slut_aarsag\nF1,x;P1;FTF-A;2022-01-01;;\n"
    )
    loaded = registers.load()
    assert registers.column(loaded, "forloeb", "forloeb_id") == ["F1,x"]


def test_whitespace_is_trimmed_from_names_and_values_and_crlf_is_read(registers):
    (registers.data / "tilbud.csv").write_bytes(
        b'\xef\xbb\xbf"tilbud_id", person_id ,start_dato,kategori\r\n'
        b"  T1 ,\tP1 , 2022-03-01 ,LOENTILSKUD  \r\n"
        b" T2 , P2 ,2022-03-02,   \r\n"
    )
    loaded = registers.load()
    assert registers.column(loaded, "tilbud", "tilbud_id") == ["T1"]
    assert registers.column(loaded, "tilbud", "person_id") == ["P1"]
    assert registers.column(loaded, "tilbud", "start_dato") == [dt.date(2022, 3, 1)]
    [reject] = registers.rejects_of("tilbud")
    assert (reject["tilbud_id"], reject["kategori"], reject["reason"]) == (
        "T2",
        "",
        "kategori is empty",
    )


def test_boolean_spellings(registers):
    spellings = ["1", "0", "true", "FALSE", "True", "ja", "NEJ", "Ja", ""]
    registers.samtaler(
        [[f"S{i}", "P1", "2022-02-01", "CV", text] for i, text in enumerate(spellings, start=1)]
    )
    loaded = registers.load()
    assert registers.column(loaded, "samtaler", "individuel") == [
        True,  # the good row's "1"
        True,
        False,
        True,
        False,
        True,
        True,
        False,
        True,
        True,  # empty is true
    ]


def test_missing_individuel_column_means_true(registers):
    (registers.data / "samtaler.csv").write_text(
        "samtale_id,person_id,dato,samtaletype\nS0,P0,2022-02-01,JOB\nS1,P1,2022-02-01,x\n"
    )
    loaded = registers.load()
    assert registers.column(loaded, "samtaler", "individuel") == [True]
    [reject] = registers.rejects_of("samtaler")
    assert list(reject) == ["samtale_id", "person_id", "dato", "samtaletype", "row", "reason"]


def _write_parquet_like_csv(registers) -> None:
    """Replace every CSV by a Parquet file of the same text rows."""
    for register in REGISTERS:
        csv_path = registers.data / f"{register.name}.csv"
        names = csv_path.read_text(encoding="utf-8").splitlines()[0].split(",")
        table = pacsv.read_csv(
            csv_path,
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in names}, strings_can_be_null=False
            ),
        )
        pq.write_table(table, registers.data / f"{register.name}.parquet")
        csv_path.unlink()


def test_parquet_input_gives_the_same_tables_and_rejects_as_csv(registers):
    registers.forloeb(
        [
            ["F1", "P1", "FTF-A", "2022-01-01", "2022-03-31", "ANDET"],
            ["F2", "P1", "FTF-A", "2022-03-31", "", ""],
            ["F3", " P3 ", "HK-A", "2022-4-1", "", ""],
        ]
    )
    registers.samtaler(
        [["S1", "P1", "2022-02-01", "CV", "nej"], ["S2", "P1", "2022-02-01", "CV", "x"]]
    )
    registers.tilbud([["T1", "P1", "2022-03-01", "LOENTILSKUD"]])
    from_csv = registers.load()
    csv_rejects = {r.name: registers.rejects_of(r.name) for r in REGISTERS}

    _write_parquet_like_csv(registers)
    from_parquet = registers.load()

    for register in REGISTERS:
        assert from_parquet.tables[register.name].equals(from_csv.tables[register.name])
        assert registers.rejects_of(register.name) == csv_rejects[register.name]
    assert [r.source for r in from_parquet.quality.reconciliation] == [
        "forloeb.parquet",
        "samtaler.parquet",
        "tilbud.parquet",
    ]
    assert from_parquet.quality.quarantined == from_csv.quality.quarantined


def test_parquet_with_real_date_boolean_and_timestamp_columns(registers):
    (registers.data / "forloeb.csv").unlink()
    (registers.data / "samtaler.csv").unlink()
    pq.write_table(
        pa.table(
            {
                "forloeb_id": ["F1", "F2"],
                "person_id": ["P1", "P2"],
                "akasse": pa.array(["FTF-A", "HK-A"]).dictionary_encode(),
                "start_dato": pa.array([dt.date(2022, 1, 1), dt.date(2022, 2, 1)], pa.date32()),
                "slut_dato": pa.array([dt.datetime(2022, 3, 31, 23, 0), None], pa.timestamp("ms")),
                "slut_aarsag": ["FULD_PERIODE", None],
            }
        ),
        registers.data / "forloeb.parquet",
    )
    pq.write_table(
        pa.table(
            {
                "samtale_id": ["S1", "S2"],
                "person_id": ["P1", "P1"],
                "dato": pa.array([dt.date(2022, 2, 1)] * 2, pa.date32()),
                "samtaletype": ["JOB", "CV"],
                "individuel": pa.array([False, None], pa.bool_()),
            }
        ),
        registers.data / "samtaler.parquet",
    )
    loaded = registers.load()
    forloeb = loaded.tables["forloeb"]
    assert forloeb.schema == REGISTERS[0].schema
    assert forloeb.column("slut_dato").to_pylist() == [dt.date(2022, 3, 31), None]
    assert registers.column(loaded, "samtaler", "individuel") == [False, True]
    assert loaded.quality.quarantined == ()


def test_tables_have_exactly_the_register_schemas(registers):
    loaded = registers.load()
    for register in REGISTERS:
        assert loaded.tables[register.name].schema == register.schema
        assert loaded.tables[register.name].column_names == register.schema.names
