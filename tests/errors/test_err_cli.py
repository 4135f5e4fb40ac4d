"""Exit codes, --quiet, --verbose and --log (docs/errors.md)."""

from __future__ import annotations

import re
from pathlib import Path

from errcase import run

from akassemonitor import cli

DOCS = Path(__file__).resolve().parents[2] / "docs" / "errors.md"


def test_the_exit_codes_are_documented():
    text = DOCS.read_text(encoding="utf-8")
    codes = {int(code): meaning for code, meaning in re.findall(r"^\| (\d) \| ([^|]+)\|", text,
                                                                re.M)}
    assert set(codes) == {cli.EXIT_OK, cli.EXIT_CHECK_FAILED, cli.EXIT_USAGE,
                          cli.EXIT_REPORTS_FAILED} == {0, 1, 2, 3}


def test_log_holds_the_error_masked(tmp_path, data):
    log = tmp_path / "run.log"
    result = run("--log", log, "measures", "--data", data, "--month", "0101901234",
                 "--out", tmp_path / "o")
    assert result.exit_code == 2
    text = log.read_text(encoding="utf-8")
    assert "ERROR --month 'DDMMYY-XXXX' is not a month" in text
    assert "0101901234" not in text and "0101901234" not in result.output


def test_verbose_shows_every_step_and_the_log_records_them(tmp_path, data):
    log = tmp_path / "run.log"
    result = run("--verbose", "--log", log, "load", "--data", data)
    assert result.exit_code == 0, result.output
    assert "forloeb: reading forloeb.csv" in result.output
    assert "tilbud: 1 read, 1 used, 0 quarantined" in result.output
    assert "INFO tilbud: checking 1 rows (CSV, UTF-8, delimiter ',')" in log.read_text()


def test_quiet_prints_only_warnings(tmp_path, data):
    (data / "tilbud.csv").write_text("tilbud_id,person_id,start_dato,kategori\n")
    result = run("--quiet", "load", "--data", data)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "warning: tilbud: tilbud.csv has a header but no rows: the register is empty"
    )


def test_the_success_line_names_every_file_written(tmp_path, data):
    spells = (data / "forloeb.csv").read_text() + "F9,P9,NOPE,2022-01-03,,\n"
    (data / "forloeb.csv").write_text(spells)
    out = tmp_path / "o"
    result = run("measures", "--data", data, "--month", "2022M03", "--out", out)
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if line.startswith("Wrote "))
    written = sorted(path for path in out.rglob("*") if path.is_file())
    assert out / "rejects" / "forloeb.csv" in written and out / "quality.json" in written
    named = sorted(Path(name) for name in line.removeprefix("Wrote ").split(", "))
    assert named == written
