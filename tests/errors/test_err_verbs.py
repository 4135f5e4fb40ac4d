"""Every verb with wrong arguments: one message naming the option and the fix, exit 2,
before any long computation (found by trying each verb as a hurried analyst would)."""

from __future__ import annotations

from pathlib import Path

import pytest
from errcase import error_of, run


@pytest.fixture
def afile(tmp_path: Path) -> Path:
    path = tmp_path / "afile"
    path.write_text("my notes\n")
    return path


def test_synth_spells_below_one(tmp_path):
    result = run("synth", "--out", tmp_path / "d", "--spells", "0")
    assert result.exit_code == 2
    assert "error: --spells must be 1 or more, got 0; leave it out for the trial's size" in (
        error_of(result)
    )


def test_synth_until_before_the_trial(tmp_path):
    result = run("synth", "--out", tmp_path / "d", "--until", "2019M01")
    assert result.exit_code == 2
    assert (
        "error: --until 2019M01 lies before the trial start 2020M09; give a month from "
        "2020M09 on (or change trial_start in --config)"
    ) in error_of(result)


def test_an_unknown_suppression_mode(data, tmp_path):
    result = run("measures", "--data", data, "--month", "2022M03", "--out", tmp_path / "o",
                 "--suppression", "tertiary")
    assert result.exit_code == 2
    assert error_of(result) == "error: --suppression must be primary or secondary, got 'tertiary'"


def test_data_that_is_a_file(afile, tmp_path):
    result = run("measures", "--data", afile, "--month", "2022M03", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert f"error: The data directory {afile} is a file, not a directory." in error_of(result)


def test_release_internal_that_is_a_file_is_refused_and_kept(data, afile, tmp_path):
    out = tmp_path / "releases"
    result = run("release", "--data", data, "--month", "2022M03", "--out", out,
                 "--internal", afile)
    assert result.exit_code == 2
    assert error_of(result) == (
        f"error: --internal {afile} is an existing file, not a folder. Give a folder (new or "
        "existing) for the output, e.g. the file's name without extension."
    )
    assert afile.read_text() == "my notes\n"  # once, the swap replaced it by the folder
    assert not out.exists()  # refused before anything was computed


def test_release_internal_under_a_file(data, afile, tmp_path):
    result = run("release", "--data", data, "--month", "2022M03", "--out",
                 tmp_path / "releases", "--internal", afile / "internal")
    assert result.exit_code == 2
    assert f"--internal {afile / 'internal'} lies under {afile}, which is a file" in (
        error_of(result)
    )


@pytest.mark.parametrize("verb", ["release", "report"])
def test_workers_below_one_before_any_computation(data, tmp_path, verb):
    out = tmp_path / "out"
    if verb == "release":
        args = ["release", "--data", data, "--month", "2022M03", "--out", out]
    else:
        args = ["report", "--release", tmp_path / "nowhere", "--all", "--out", out]
    result = run(*args, "--workers", "0")
    assert result.exit_code == 2
    assert error_of(result) == (
        "error: --workers must be 1 or more, got 0; leave it out for one per CPU"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("verb", "what"),
    [
        ("measures", "last month's folder (it holds published.csv)"),
        ("release", "last month's release folder"),
        ("audit", "last month's release folder"),
    ],
)
def test_previous_missing_or_a_file(data, afile, tmp_path, verb, what):
    def attempt(previous: Path):  # type: ignore[no-untyped-def]
        if verb == "audit":
            (tmp_path / "cells").mkdir(exist_ok=True)
            return run("audit", tmp_path / "cells", "--previous", previous)
        return run(verb, "--data", data, "--month", "2022M03", "--out", tmp_path / "o",
                   "--previous", previous)

    missing = tmp_path / "2022M02"
    result = attempt(missing)
    assert result.exit_code == 2
    assert error_of(result) == f"error: --previous {missing}: no such folder; give {what}"
    result = attempt(afile)
    assert result.exit_code == 2
    assert error_of(result) == f"error: --previous {afile} is a file, not a folder; give {what}"
    assert not (tmp_path / "o").exists()


def test_verify_of_no_release_is_usage_not_a_damaged_release(afile, tmp_path):
    result = run("verify", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert error_of(result) == (
        f"error: {tmp_path / 'nowhere'}: no such folder; point to a release folder written "
        "by 'akassemonitor release' (e.g. releases/2022M04)"
    )
    result = run("verify", afile)
    assert result.exit_code == 2
    assert f"error: {afile} is a file, not a folder; point to a release folder" in (
        error_of(result)
    )


def test_verify_and_report_of_the_releases_folder_name_the_releases(tmp_path):
    releases = tmp_path / "releases"
    (releases / "2022M03").mkdir(parents=True)
    (releases / "2022M03" / "manifest.json").write_text("{}")
    expected = (
        f"error: {releases}: no manifest.json here, but it holds the release(s) 2022M03; "
        f"point to one of them, e.g. {releases / '2022M03'}"
    )
    result = run("verify", releases)
    assert result.exit_code == 2
    assert error_of(result) == expected
    result = run("report", "--release", releases, "--all", "--out", tmp_path / "reports")
    assert result.exit_code == 2
    assert error_of(result) == expected


def test_audit_csv_that_cannot_be_written_is_named_before_the_audit(afile, tmp_path):
    cells = tmp_path / "cells"  # no published.csv: the --csv check must come first
    cells.mkdir()
    for target, message in [
        (tmp_path, f"--csv {tmp_path} is a folder; give the name of a file in it."),
        (tmp_path / "no" / "x.csv", f"--csv {tmp_path / 'no' / 'x.csv'}: the folder "
         f"{tmp_path / 'no'} does not exist. Give a file in an existing folder"),
        (afile / "x.csv", f"--csv {afile / 'x.csv'}: the folder {afile} is a file."),
    ]:
        result = run("audit", cells, "--csv", target)
        assert result.exit_code == 2
        assert message in error_of(result)


def test_load_rejects_that_is_a_file_before_reading(data, afile):
    result = run("load", "--data", data, "--rejects", afile)
    assert result.exit_code == 2
    assert error_of(result) == (
        f"error: --rejects {afile} is an existing file, not a folder. Give a folder (new or "
        "existing) for the output, e.g. the file's name without extension."
    )
    assert afile.read_text() == "my notes\n"


@pytest.mark.parametrize("where", ["folder", "under a file"])
def test_log_that_cannot_be_written_is_said_once(data, afile, tmp_path, where):
    log = tmp_path if where == "folder" else afile / "run.log"
    result = run("--log", log, "load", "--data", data)
    assert result.exit_code == 2
    expected = (
        f"error: --log {log} is a folder; give the name of a log file" if where == "folder"
        else f"error: --log {log}: {afile} is a file, not a folder; give another path"
    )
    assert error_of(result) == expected  # once: not also by logging's last resort


def test_a_spark_master_that_cannot_be_reached(data):
    pytest.importorskip("pyspark")
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run("load", "--data", data, "--engine", f"spark://127.0.0.1:{port}")
    assert result.exit_code == 2
    assert error_of(result).endswith(
        f"error: --engine spark://127.0.0.1:{port}: the Spark master at 127.0.0.1:{port} "
        "cannot be reached (Connection refused). Check the host and the port (usually "
        "7077), or use --engine spark for Spark on this machine"
    )
