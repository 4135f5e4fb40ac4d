"""Where output goes: --out and --db are checked before any long computation."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest
from errcase import error_of, run, write_registers


def measures(data: Path, out: Path, *extra: str | Path):
    return run("measures", "--data", data, "--month", "2022M03", "--out", out, *extra)


def test_out_is_an_existing_file(data, tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("x")
    result = measures(data, target)
    assert result.exit_code == 2
    assert f"--out {target} is an existing file, not a folder" in error_of(result)


def test_out_lies_under_a_file(data, tmp_path):
    (tmp_path / "afile").write_text("x")
    target = tmp_path / "afile" / "out"
    result = measures(data, target)
    assert result.exit_code == 2
    assert f"lies under {tmp_path / 'afile'}, which is a file, not a folder" in error_of(result)


def test_report_out_is_a_file_before_any_rendering(data, tmp_path):
    target = tmp_path / "reports"
    target.write_text("x")
    result = run("report", "--release", tmp_path / "releases" / "2022M03", "--all",
                 "--out", target)
    assert result.exit_code == 2
    assert "is an existing file, not a folder" in error_of(result)


def test_db_is_a_folder(data, tmp_path):
    result = measures(data, tmp_path / "out", "--db", tmp_path)
    assert result.exit_code == 2
    assert f"--db {tmp_path} is a folder. Give the name of a DuckDB file" in error_of(result)


def test_db_in_a_missing_folder(data, tmp_path):
    target = tmp_path / "nowhere" / "store.duckdb"
    result = measures(data, tmp_path / "out", "--db", target)
    assert result.exit_code == 2
    assert f"the folder {tmp_path / 'nowhere'} does not exist" in error_of(result)


def test_db_that_is_not_a_duckdb_file_is_never_overwritten(data, tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("my notes\n")
    result = measures(data, tmp_path / "out", "--db", target, "--overwrite")
    assert result.exit_code == 2
    assert f"--db {target} exists and is not a DuckDB database" in error_of(result)
    assert target.read_text() == "my notes\n"


def test_an_existing_store_needs_overwrite(data, tmp_path):
    target = tmp_path / "store.duckdb"
    duckdb.connect(str(target)).close()
    result = measures(data, tmp_path / "out", "--db", target)
    assert result.exit_code == 2
    assert f"--db {target} already holds a DuckDB store. Add --overwrite" in error_of(result)
    assert not (tmp_path / "out").exists()  # refused before anything was computed


def _as_nobody(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    cli = [str(Path(sys.executable).parent / "akassemonitor")]
    return subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cli, *args],
        cwd=cwd, capture_output=True, text=True, timeout=120,
    )


def _unprivileged_folder():  # type: ignore[no-untyped-def]
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run the CLI as an unprivileged user")
    probe = _as_nobody(["--help"], Path("/"))
    if probe.returncode != 0:
        # The checkout (and its .venv) lies in a folder other users cannot enter, e.g.
        # one made by `mktemp -d` (mode 0700): nobody cannot start the CLI at all.
        pytest.skip(f"an unprivileged user cannot run {Path(sys.executable).parent}: "
                    f"{probe.stderr.strip()}")
    folder = Path(tempfile.mkdtemp(dir="/tmp", prefix="akm-nobody-"))
    folder.chmod(0o755)
    return folder


def test_out_not_writable_for_a_normal_user():
    folder = _unprivileged_folder()
    try:
        data = write_registers(folder / "data")
        for path in (folder / "data", *data.iterdir()):
            path.chmod(0o755 if path.is_dir() else 0o644)
        locked = folder / "locked"
        locked.mkdir(mode=0o755)  # owned by root: not writable for nobody
        result = _as_nobody(
            ["measures", "--data", str(data), "--month", "2022M03", "--out", str(locked / "o")],
            folder,
        )
        message = " ".join(result.stderr.split())
        assert result.returncode == 2, result.stderr
        assert f"--out {locked / 'o'} cannot be written: permission denied" in message
        assert "Traceback" not in result.stderr
    finally:
        shutil.rmtree(folder)


def test_unreadable_register_for_a_normal_user():
    folder = _unprivileged_folder()
    try:
        data = write_registers(folder / "data")
        data.chmod(0o755)
        for path in data.iterdir():
            path.chmod(0o644)
        (data / "tilbud.csv").chmod(0o600)  # root's only
        out = folder / "out"
        out.mkdir()
        out.chmod(0o777)
        result = _as_nobody(
            ["measures", "--data", str(data), "--month", "2022M03", "--out", str(out / "o")],
            folder,
        )
        message = " ".join(result.stderr.split())
        assert result.returncode == 2, result.stderr
        assert f"{data / 'tilbud.csv'} cannot be read: permission denied" in message
    finally:
        shutil.rmtree(folder)


def test_load_into_an_existing_store_needs_overwrite(data, tmp_path):
    target = tmp_path / "store.duckdb"
    engine = f"duckdb://{target}"
    assert run("load", "--data", data, "--engine", engine).exit_code == 0
    before = target.read_bytes()
    result = run("load", "--data", data, "--engine", engine)
    assert result.exit_code == 2
    assert error_of(result) == (
        f"error: --engine {target} already holds a DuckDB store. Add --overwrite to replace "
        "its register tables, or give a new file name."
    )
    assert target.read_bytes() == before
    result = run("load", "--data", data, "--engine", engine, "--overwrite")
    assert result.exit_code == 0, result.output
    assert f"Loaded forloeb, samtaler and tilbud into DuckDB ({target})" in error_of(result)


@pytest.mark.parametrize("verb", ["measures", "release"])
def test_an_existing_duckdb_engine_file_is_kept_without_overwrite(verb, data, tmp_path):
    target = tmp_path / "store.duckdb"
    engine = f"duckdb://{target}"
    assert run("load", "--data", data, "--engine", engine).exit_code == 0
    before = target.read_bytes()
    result = run(verb, "--data", data, "--month", "2022M03", "--out", tmp_path / "o",
                 "--engine", engine)
    assert result.exit_code == 2
    assert error_of(result) == (
        f"error: --engine {target} already holds a DuckDB store. Add --overwrite to replace "
        "its register tables, or give a new file name."
    )
    assert target.read_bytes() == before
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_measures_replaces_a_duckdb_engine_file_with_overwrite(data, tmp_path):
    target = tmp_path / "store.duckdb"
    engine = f"duckdb://{target}"
    assert run("load", "--data", data, "--engine", engine).exit_code == 0
    result = run("measures", "--data", data, "--month", "2022M03", "--out", tmp_path / "o",
                 "--engine", engine, "--overwrite")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / "published.csv").is_file()
