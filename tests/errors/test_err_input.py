"""Where input comes from, and the shapes a CSV file can take (docs/errors.md)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from errcase import FORLOEB, SAMTALER, TILBUD, error_of, run, write_registers

from akassemonitor.config import Config
from akassemonitor.registers import InputError, load_registers


def load(data: Path, tmp_path: Path, **kw):
    return load_registers(data, Config(), rejects_dir=tmp_path / "rejects", **kw)


def refused(data: Path, tmp_path: Path) -> str:
    with pytest.raises(InputError) as caught:
        load(data, tmp_path)
    return " ".join(str(caught.value).split())


# --- --config ------------------------------------------------------------------------


def test_config_is_a_folder(data, tmp_path):
    result = run("measures", "--data", data, "--month", "2022M03", "--out", tmp_path / "o",
                 "--config", tmp_path)
    assert result.exit_code == 2
    assert f"--config {tmp_path} is a folder; give the path of the file itself" in error_of(
        result
    )


def test_config_not_utf8(data, tmp_path):
    config = tmp_path / "akassemonitor.toml"
    config.write_bytes('akasser = ["Bl\xe5"]\n'.encode("cp1252"))
    result = run("measures", "--data", data, "--month", "2022M03", "--out", tmp_path / "o",
                 "--config", config)
    assert result.exit_code == 2
    assert f"{config} is not UTF-8 text (an invalid byte on line 1)" in error_of(result)


# --- register files ------------------------------------------------------------------


def test_a_folder_where_the_register_file_should_be(data, tmp_path):
    (data / "tilbud.csv").unlink()
    (data / "tilbud.csv").mkdir()
    assert f"{data / 'tilbud.csv'} is a folder, not a file" in refused(data, tmp_path)


def test_a_broken_symlink(data, tmp_path):
    (data / "tilbud.csv").unlink()
    (data / "tilbud.csv").symlink_to(tmp_path / "gone.csv")
    message = refused(data, tmp_path)
    assert f"{data / 'tilbud.csv'} is a symbolic link to {tmp_path / 'gone.csv'}" in message
    assert "which does not exist (a broken link)" in message


# --- CSV shapes ----------------------------------------------------------------------


def test_old_mac_line_ends_are_read(tmp_path):
    data = write_registers(tmp_path / "d", tilbud=TILBUD.replace("\n", "\r"))
    loaded = load(data, tmp_path)
    assert [r.read for r in loaded.quality.reconciliation] == [2, 2, 1]


def test_quoted_line_breaks_in_a_file_over_one_megabyte(tmp_path):
    rows = "".join(f'T{i},P1,2022-01-10,LOENTILSKUD,"first line\nsecond line"\n'
                   for i in range(40_000))
    data = write_registers(
        tmp_path / "d", tilbud="tilbud_id,person_id,start_dato,kategori,note\n" + rows
    )
    assert (data / "tilbud.csv").stat().st_size > 1_000_000
    tilbud = load(data, tmp_path).quality.reconciliation[2]
    assert (tilbud.read, tilbud.used) == (40_000, 40_000)


def test_a_field_larger_than_a_parse_block(tmp_path):
    huge = "x" * 3_000_000
    data = write_registers(
        tmp_path / "d",
        tilbud=f'tilbud_id,person_id,start_dato,kategori,note\nT1,P1,2022-01-10,LOENTILSKUD,"{huge}"\n',
    )
    assert load(data, tmp_path).quality.reconciliation[2].used == 1


def test_a_header_field_larger_than_the_csv_module_limit(tmp_path):
    header = "tilbud_id,person_id,start_dato,kategori," + "x" * 200_000
    data = write_registers(tmp_path / "d", tilbud=header + "\nT1,P1,2022-01-10,LOENTILSKUD,\n")
    assert load(data, tmp_path).quality.reconciliation[2].used == 1


def test_a_tab_delimited_file(tmp_path):
    data = write_registers(tmp_path / "d", tilbud=TILBUD.replace(",", "\t"))
    assert "tilbud.csv is separated by tabs" in refused(data, tmp_path)


def test_an_unbalanced_quote_names_its_line(tmp_path):
    text = TILBUD + 'T2,P1,"2022-01-11,LOENTILSKUD\n' + "T3,P1,2022-01-12,LOENTILSKUD\n"
    data = write_registers(tmp_path / "d", tilbud=text)
    assert 'tilbud.csv: line 3 opens a double quote (") that is never closed' in refused(
        data, tmp_path
    )


def test_a_nul_byte_inside_a_value(tmp_path):
    text = (TILBUD + "T2,P1,2022-01-11,LOEN\x00TILSKUD\n").encode()
    data = write_registers(tmp_path / "d", tilbud=text)
    assert "tilbud.csv contains a NUL byte (a zero byte, not text) on line 3" in refused(
        data, tmp_path
    )


# --- empty registers -----------------------------------------------------------------


def test_a_header_only_register_warns_and_fails_with_strict(tmp_path):
    data = write_registers(tmp_path / "d", tilbud="tilbud_id,person_id,start_dato,kategori\n")
    warnings = {w.code: w for w in load(data, tmp_path).quality.warnings}
    assert warnings["empty_register"].text == (
        "tilbud.csv has a header but no rows: the register is empty"
    )
    with pytest.raises(InputError, match="--strict: tilbud.csv has a header but no rows"):
        load(data, tmp_path, strict=True)


def test_an_all_quarantined_register_warns(tmp_path):
    data = write_registers(tmp_path / "d", samtaler=SAMTALER.replace(",1\n", ",Y\n").replace(
        ",ja\n", ",N\n"))
    warnings = {w.code: w for w in load(data, tmp_path).quality.warnings}
    assert warnings["empty_register"].text.startswith(
        "every one of the 2 rows of samtaler.csv was quarantined (mostly invalid_individuel)"
    )


# --- implausible dates ---------------------------------------------------------------


def test_implausible_dates_are_warned_not_quarantined(tmp_path):
    spells = FORLOEB + "F3,P3,FTF-A,0001-01-01,1899-12-31,ANDET\nF4,P4,HK-A,2099-01-05,,\n"
    data = write_registers(tmp_path / "d", forloeb=spells)
    loaded = load(data, tmp_path)
    assert loaded.quality.reconciliation[0].used == 4  # SPEC §7: valid dates, rows used
    texts = [w.text for w in loaded.quality.warnings if w.code == "implausible_date"]
    assert texts[0].startswith("start_dato: implausible dates, 1 before 2000-01-01 and 1 after")
    assert texts[1].startswith("slut_dato: implausible dates, 1 before 2000-01-01;")


def test_a_far_future_month_supported_only_by_a_garbage_date_is_refused(tmp_path):
    spells = FORLOEB + "F4,P4,HK-A,2099-01-05,,\n"
    data = write_registers(tmp_path / "d", forloeb=spells)
    result = run("measures", "--data", data, "--month", "2099M01", "--out", tmp_path / "o")
    assert result.exit_code == 2
    message = error_of(result)
    assert "--month 2099M01 lies outside the data (2020M09 to 2022M03) (later spell dates" in (
        message
    )


# --- Parquet types -------------------------------------------------------------------


def test_parquet_integer_dates_are_one_file_level_message(data, tmp_path):
    (data / "tilbud.csv").unlink()
    pq.write_table(
        pa.table({"tilbud_id": ["T1"], "person_id": ["P1"], "start_dato": [19000],
                  "kategori": ["LOENTILSKUD"]}),
        data / "tilbud.parquet",
    )
    assert (
        "tilbud.parquet: column start_dato has the Parquet type int64, which cannot hold its "
        "values; it must be a date column"
    ) in refused(data, tmp_path)


def test_parquet_string_booleans_are_one_warning_for_the_file(data, tmp_path):
    (data / "samtaler.csv").unlink()
    pq.write_table(
        pa.table({"samtale_id": ["S1", "S2"], "person_id": ["P1", "P2"],
                  "dato": ["2021-12-01", "2022-02-01"], "samtaletype": ["JOB", "CV"],
                  "individuel": ["Yes", "No"]}),
        data / "samtaler.parquet",
    )
    warnings = [w for w in load(data, tmp_path).quality.warnings if w.code == "empty_register"]
    assert len(warnings) == 1
    assert warnings[0].text.startswith(
        "every one of the 2 rows of samtaler.parquet was quarantined (mostly invalid_individuel)"
    )


def test_parquet_boolean_dates(data, tmp_path):
    (data / "tilbud.csv").unlink()
    pq.write_table(
        pa.table({"tilbud_id": ["T1"], "person_id": ["P1"], "start_dato": [True],
                  "kategori": ["LOENTILSKUD"]}),
        data / "tilbud.parquet",
    )
    assert "column start_dato has the Parquet type bool" in refused(data, tmp_path)
