"""The same registers give the same files on every engine (issue 11's conformance suite).

For each data set (synthetic registers with every kind of data error, and hand-made
rows at the edges of the rules), ``akassemonitor measures`` runs on DuckDB first; then
on each engine the rejects files, quality.json, measures.csv and published.csv must be
byte for byte the same. A second test compares every measure's cells one by one, so a
failure names the measure.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akassemonitor.cli import app
from akassemonitor.config import Config
from akassemonitor.measures import COMPUTE, MeasureContext
from akassemonitor.months import Month
from akassemonitor.registers import load_registers
from akassemonitor.store import connect, connect_existing
from akassemonitor.synth import generate

MONTH = "2022M04"
FILES = ("measures.csv", "published.csv", "published_bilag.csv", "quality.json")

FORLOEB = ["forloeb_id", "person_id", "akasse", "start_dato", "slut_dato", "slut_aarsag"]
SAMTALER = ["samtale_id", "person_id", "dato", "samtaletype", "individuel"]
TILBUD = ["tilbud_id", "person_id", "start_dato", "kategori"]

# Rows at the edges of SPEC §7: calendar corners, codes in the wrong case, repeated ids,
# overlaps touching by one day, a conversation whose rows disagree, Danish letters.
EDGE_SPELLS = [
    ["E1", "Pø1", "FTF-A", "2020-09-01", "2022-03-31", "FULD_PERIODE"],
    ["E2", "Pø1", "FTF-A", "2022-03-31", "", ""],  # starts on E1's last day: overlap
    ["E3", "P3", "HK-A", "2000-02-29", "2021-01-15", "SYGDOM"],  # leap day of 2000
    ["E4", "P4", "HK-A", "1900-02-29", "", ""],  # no such day (1900 is no leap year)
    ["E5", "P5", "HK-A", "2022-02-30", "", ""],
    ["E6", "P6", "HK-A", "2021-1-05", "", ""],  # not zero-padded
    ["E7", "P7", "hk-a", "2021-01-05", "", ""],  # a-kasse in the wrong case
    ["E8", "P8", "3F-A", "2021-05-01", "2021-04-30", "ANDET"],  # ends before it starts
    ["E9", "P9", "3F-A", "2021-05-01", "2021-06-30", ""],  # end without reason
    ["E9", "P10", "3F-A", "2021-05-01", "", ""],  # duplicate id
    ["E11", "", "3F-A", "2021-05-01", "", ""],
    ["E12", "P12", "Dansk Metal", "0000-01-01", "", ""],
    ["E13", "P13", "Dansk Metal", "2024-02-29", "", "UDMELDT"],  # leap day, reason without end
    ["E14", "P14", "Dansk Metal", "2020-09-01", "2022-04-30", "FULD_PERIODE"],
    ["E15", "P15", "MA-A", "2021-12-01", "2021-12-01", "BESKAEFTIGELSE"],  # one day
    ["E16", "P15", "MA-A", "2021-12-02", "", ""],  # the next day: no overlap
    ["E17", "P17", "MA-A", "2021-03-01", "2021-09-30", "FULD_PERIODE"],  # short full period
]
EDGE_SAMTALER = [
    ["S1", "Pø1", "2021-01-10", "JOB", "1"],
    ["S1", "Pø1", "2021-01-10", "CV", "nej"],
    ["S1", "Pø1", "2021-01-10", "JOB", "0"],  # repeated type: merged, individual
    ["S2", "Pø1", "2021-02-10", "FAELLES_JOB", "JA"],
    ["S3", "P14", "2021-03-01", "JOB", ""],  # empty individuel is true
    ["S3", "P14", "2021-03-02", "RAADIGHED", "1"],  # same id, other date
    ["S4", "P14", "2021-04-01", "JOB", "maybe"],
    ["S5", "P14", "2021-05-01", "job", "1"],
    ["S6", "P14", "2021-13-01", "JOB", "1"],
    ["S7", "P14", "2021-06-01", "JOB", "true"],
    ["S7", "P15", "2021-06-01", "CV", "true"],  # other person
    ["S8", "P14", "2021-07-01", "JOB", "FALSE"],
    ["S9", "P14", "2021-08-01", "JOB", "1"],
    ["S10", "P99", "2021-08-01", "JOB", "1"],  # in no spell
    ["", "P14", "2021-08-01", "JOB", "1"],
]
EDGE_TILBUD = [
    ["T1", "P14", "2021-03-01", "LOENTILSKUD"],
    ["T1", "P14", "2021-03-02", "LOENTILSKUD"],  # duplicate id
    ["T2", "P14", "2021-03-01", "loentilskud"],
    ["T3", "P14", "2021-04-31", "VIRKSOMHEDSPRAKTIK"],
    ["T4", "Pø1", "2021-04-01", "VIRKSOMHEDSPRAKTIK"],
    ["T5", "P14", "2021-04-01", "RAADIGHEDSAFPROEVNING"],
    ["T6", "P99", "2021-04-01", "RAADIGHEDSAFPROEVNING"],  # in no spell
]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture(scope="session", params=["synth-errors", "edges"])
def dataset(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "synth-errors":
        generate(folder, seed=11, spells=800, errors=True, fmt="csv", until=Month.parse(MONTH))
    else:
        _write(folder / "forloeb.csv", FORLOEB, EDGE_SPELLS)
        _write(folder / "samtaler.csv", SAMTALER, EDGE_SAMTALER)
        _write(folder / "tilbud.csv", TILBUD, EDGE_TILBUD)
    return folder


def _measures(data: Path | None, out: Path, engine: str) -> Path:
    args = ["measures", "--month", MONTH, "--out", str(out), "--suppression", "primary"]
    args += ["--engine", engine]
    if data is not None:
        args += ["--data", str(data)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output + repr(result.exception)
    return out


@pytest.fixture(scope="session")
def reference(dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files DuckDB (in memory, the default engine) writes for the data set."""
    return _measures(dataset, tmp_path_factory.mktemp("reference"), "duckdb")


def _files(folder: Path) -> dict[str, bytes]:
    names = [*FILES, *(f"rejects/{p.name}" for p in sorted((folder / "rejects").glob("*.csv")))]
    return {name: (folder / name).read_bytes() for name in names if (folder / name).exists()}


def test_the_reference_run_quarantines_and_counts(reference: Path) -> None:
    files = _files(reference)
    assert any(name.startswith("rejects/") for name in files), "the data sets have bad rows"
    assert files["measures.csv"].count(b"\n") > 1000


def test_same_files_on_every_engine(
    engine_url: str, dataset: Path, reference: Path, tmp_path: Path
) -> None:
    out = _measures(dataset, tmp_path / "out", engine_url)
    expected, found = _files(reference), _files(out)
    assert sorted(found) == sorted(expected)
    differing = [name for name in expected if found[name] != expected[name]]
    assert not differing, f"{engine_url}: {differing} differ from DuckDB's"


@pytest.fixture(scope="session")
def edges(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("edges-only")
    _write(folder / "forloeb.csv", FORLOEB, EDGE_SPELLS)
    _write(folder / "samtaler.csv", SAMTALER, EDGE_SAMTALER)
    _write(folder / "tilbud.csv", TILBUD, EDGE_TILBUD)
    return folder


def test_every_measure_on_every_engine(engine_url: str, edges: Path) -> None:
    """Each measure's cells, measure by measure, against DuckDB's (the failure names it)."""
    dataset = edges
    config = Config()
    month = Month.parse(MONTH)

    def cells(engine: str) -> dict[str, list[tuple]]:
        loaded = load_registers(dataset, config, rejects_dir=None, con=connect(engine))
        ctx = MeasureContext(loaded.store, config, month)
        result = {}
        for measure_id, function in COMPUTE.items():
            frame = loaded.store.con.execute(function(ctx))
            rows = frame[["month", "akasse", "category", "value", "denominator"]]
            result[measure_id] = sorted(
                tuple(None if v != v else v for v in row)  # NaN -> None: comparable
                for row in rows.astype(object).itertuples(index=False)
            )
        return result

    expected, found = cells("duckdb"), cells(engine_url)
    differing = [m for m in COMPUTE if found[m] != expected[m]]
    assert not differing, f"{engine_url}: measures {differing} differ from DuckDB's"


def test_measures_from_tables_the_engine_holds(
    engine_url: str, edges: Path, tmp_path: Path
) -> None:
    """``load`` into the engine, then ``measures`` with no --data: the same cells."""
    dataset = edges
    reference = _measures(edges, tmp_path / "reference", "duckdb")
    if engine_url == "duckdb":  # in memory: nothing outlives the process; use a file
        engine_url = f"duckdb://{tmp_path / 'warehouse.duckdb'}"
    result = CliRunner().invoke(
        app, ["load", "--data", str(dataset), "--engine", engine_url, "--rejects",
              str(tmp_path / "rejects")]
    )
    assert result.exit_code == 0, result.output + repr(result.exception)
    connect_existing(connect(engine_url))  # the tables have the documented types
    out = _measures(None, tmp_path / "out", engine_url)
    for name in ("measures.csv", "published.csv"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    for path in (reference / "rejects").glob("*.csv"):
        assert (tmp_path / "rejects" / path.name).read_bytes() == path.read_bytes()


def test_a_password_in_the_url_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["load", "--data", str(tmp_path), "--engine", "postgresql://u:secret@host/db"]
    )
    assert result.exit_code == 2
    assert "secret" not in result.output
    assert "PGPASSWORD" in result.output


def test_a_password_in_the_url_query_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["measures", "--month", MONTH, "--out", str(tmp_path),
              "--engine", "postgresql://u@host/db?password=secret"]
    )
    assert result.exit_code == 2
    assert "secret" not in result.output


def test_an_unknown_engine_is_one_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["measures", "--month", MONTH, "--out", str(tmp_path), "--engine", "oracle://x"]
    )
    assert result.exit_code == 2
    assert "--engine 'oracle://x'" in result.output and "Traceback" not in result.output


def test_no_tables_in_the_engine_names_the_fix(tmp_path: Path) -> None:
    engine = f"duckdb://{tmp_path / 'empty.duckdb'}"
    result = CliRunner().invoke(
        app, ["measures", "--month", MONTH, "--out", str(tmp_path / "o"), "--engine", engine]
    )
    assert result.exit_code == 2
    assert "akassemonitor load" in result.output

