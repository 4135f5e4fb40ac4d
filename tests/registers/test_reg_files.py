"""Structural errors stop the run with one clear paragraph: file, column or row, and fix."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from akassemonitor.config import Config
from akassemonitor.registers import InputError, load_registers


def error_of(registers, **kw) -> str:
    with pytest.raises(InputError) as info:
        registers.load(**kw)
    message = str(info.value)
    assert "\n" not in message  # one paragraph
    return message


def test_missing_data_directory(tmp_path):
    with pytest.raises(InputError) as info:
        load_registers(tmp_path / "nowhere", Config(), rejects_dir=None)
    message = str(info.value)
    assert str(tmp_path / "nowhere") in message
    assert "forloeb.csv or forloeb.parquet" in message
    assert "tilbud.csv or tilbud.parquet" in message


def test_missing_register_file(registers):
    (registers.data / "samtaler.csv").unlink()
    (registers.data / "Samtaler.CSV").write_text("x\n")
    message = error_of(registers)
    assert "samtaler.csv or samtaler.parquet" in message
    assert str(registers.data) in message
    assert "Samtaler.CSV" in message  # the near miss is pointed out


def test_csv_and_parquet_of_one_register_is_ambiguous(registers):
    pq.write_table(pa.table({"tilbud_id": ["T1"]}), registers.data / "tilbud.parquet")
    message = error_of(registers)
    assert "tilbud.csv" in message and "tilbud.parquet" in message
    assert "Remove the one" in message


def test_missing_column_names_file_column_and_columns_found(registers):
    registers.samtaler([], header=["samtale_id", "person_id", "date", "samtaletype"])
    message = error_of(registers)
    assert "samtaler.csv lacks the required column dato" in message
    assert "Columns found: samtale_id, person_id, date, samtaletype" in message


def test_repeated_column_is_an_error(registers):
    (registers.data / "tilbud.csv").write_text(
        "tilbud_id,person_id,start_dato,kategori,kategori\nT1,P1,2022-03-01,LOENTILSKUD,X\n"
    )
    assert "kategori appear more than once" in error_of(registers)


def test_extra_columns_are_ignored_and_individuel_is_optional(registers):
    (registers.data / "samtaler.csv").write_text(
        "note,samtale_id,person_id,dato,samtaletype,\nhello,S1,P1,2022-02-01,CV,\n"
    )
    loaded = registers.load()
    table = loaded.tables["samtaler"]
    assert table.column_names == ["samtale_id", "person_id", "dato", "samtaletype", "individuel"]
    assert table.column("individuel").to_pylist() == [True]


def test_ragged_row_names_the_line(registers):
    (registers.data / "forloeb.csv").write_text(
        "forloeb_id,person_id,akasse,start_dato,slut_dato,slut_aarsag\n"
        "F1,P1,FTF-A,2022-01-01,,\n"
        "F2,P2,FTF-A,2022-01-01,,,extra\n"
    )
    message = error_of(registers)
    assert "forloeb.csv could not be read as CSV: line 3 has 7 value(s)" in message
    assert "header has 6" in message
    assert "P2" not in message  # row content (maybe personal data) is never echoed


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02\xff\xfe\x00garbage\n\x00\x00", "binary file or UTF-16"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Export the sheet as CSV"),
        (b"PAR1\x15\x04\x15", "Rename it to tilbud.parquet"),
        (b"tilbud_id,person_id,start_dato,kategori\nT1,P1,\x81\x8d,LOENTILSKUD\n", "neither UTF-8"),
    ],
)
def test_unreadable_csv(registers, content, expected):
    (registers.data / "tilbud.csv").write_bytes(content)
    message = error_of(registers)
    assert "tilbud.csv" in message
    assert expected in message


def test_unreadable_parquet(registers):
    (registers.data / "tilbud.csv").unlink()
    (registers.data / "tilbud.parquet").write_bytes(b"not parquet at all")
    message = error_of(registers)
    assert "tilbud.parquet could not be read as Parquet" in message


def test_parquet_column_of_an_unaccepted_type(registers):
    (registers.data / "tilbud.csv").unlink()
    table = pa.table(
        {
            "tilbud_id": ["T1"],
            "person_id": ["P1"],
            "start_dato": [20220301.0],
            "kategori": ["LOENTILSKUD"],
        }
    )
    pq.write_table(table, registers.data / "tilbud.parquet")
    message = error_of(registers)
    assert "column start_dato has the Parquet type double" in message


def test_cpr_and_person_id_together_is_an_error(registers):
    (registers.data / "tilbud.csv").write_text(
        "tilbud_id,cpr,person_id,start_dato,kategori\nT1,0101901234,P1,2022-03-01,LOENTILSKUD\n"
    )
    assert "has both a cpr and a person_id column" in error_of(registers)


def test_header_only_files_are_empty_registers(registers):
    (registers.data / "tilbud.csv").write_text("tilbud_id,person_id,start_dato,kategori")
    (registers.data / "samtaler.csv").write_text("samtale_id;person_id;dato;samtaletype\n\n")
    loaded = registers.load()
    assert loaded.tables["tilbud"].num_rows == 0
    assert loaded.tables["samtaler"].num_rows == 0
    assert [r.read for r in loaded.quality.reconciliation] == [1, 0, 0]
