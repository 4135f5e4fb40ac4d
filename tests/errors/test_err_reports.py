"""Exit code 3: some reports failed, the others are written and the failures listed.

A release of two a-kasser (three reports: FTF-A, HK-A and ALLE, each PDF, HTML and
XLSX) is built once; each test makes one report fail deterministically: a folder in
the way of a file, the test-only fault hook ``AKASSEMONITOR_REPORT_FAULT`` (which the
worker processes inherit), or a renderer replaced in this process.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from errcase import error_of, run, write_registers

from akassemonitor.publish import ReportsFailed, render_reports, reports
from akassemonitor.publish.reports import FAULT_ENV
from akassemonitor.release import read_release

MONTH = "2022M03"
FORMATS = ("html", "pdf", "xlsx")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the config file, the releases folder holding the release of MONTH)."""
    root = tmp_path_factory.mktemp("reports")
    config = root / "akassemonitor.toml"
    config.write_text('akasser = ["FTF-A", "HK-A"]\n', encoding="utf-8")
    data = write_registers(root / "data")
    out = root / "releases"
    result = run("release", "--data", data, "--month", MONTH, "--out", out, "--config", config)
    assert result.exit_code == 0, result.output
    return config, out


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file())


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_report_writes_the_others_when_a_folder_is_in_the_way(built, tmp_path):
    _config, releases = built
    target = tmp_path / "reports" / MONTH
    (target / "HK-A.pdf").mkdir(parents=True)  # a folder where a report goes
    result = run("report", "--release", releases / MONTH, "--akasse", "HK-A", "--akasse",
                 "ALLE", "--out", tmp_path / "reports")
    message = error_of(result)
    assert result.exit_code == 3, result.output
    assert (
        "error: 1 report file(s) failed (below); the other files are written (above) "
        f"HK-A, pdf: {target / 'HK-A.pdf'}: Is a directory"
    ) in message
    expected = sorted(
        f"{s}.{f}" for s in ("ALLE", "HK-A") for f in FORMATS if (s, f) != ("HK-A", "pdf")
    )
    assert _files(target) == expected
    assert "Wrote 5 files for 2 report(s) of 2022M03." in message


def test_report_lists_a_report_that_could_not_be_built_and_removes_its_old_files(
    built, tmp_path, monkeypatch
):
    _config, releases = built
    target = tmp_path / "reports" / MONTH
    target.mkdir(parents=True)
    (target / "FTF-A.html").write_text("last month's report\n")  # must not pass for this run's
    monkeypatch.setenv(FAULT_ENV, "FTF-A:document")
    log = tmp_path / "run.log"
    result = run("--log", log, "report", "--release", releases / MONTH, "--akasse", "FTF-A",
                 "--akasse", "ALLE", "--workers", "2", "--out", tmp_path / "reports")
    message = error_of(result)
    assert result.exit_code == 3, result.output
    assert (
        "FTF-A, every format (the report could not be built): RuntimeError: a fault "
        f"injected by {FAULT_ENV} (tests only)"
    ) in message
    assert _files(target) == sorted(f"ALLE.{f}" for f in FORMATS)
    text = log.read_text(encoding="utf-8")
    assert "ERROR 1 report file(s) failed" in text and "ERROR FTF-A, every format" in text
    assert f"INFO wrote {target / 'ALLE.pdf'}" in text


def test_render_reports_collects_every_failure_and_writes_the_rest(built, tmp_path,
                                                                   monkeypatch):
    _config, releases = built
    render_xlsx = reports.render_xlsx

    def failing_for_hk(report):  # type: ignore[no-untyped-def]
        if report.akasse == "HK-A":
            raise ValueError("no room for the chart\non sheet 2")
        return render_xlsx(report)

    monkeypatch.setattr(reports, "render_xlsx", failing_for_hk)
    with pytest.raises(ReportsFailed) as caught:
        render_reports(read_release(releases / MONTH), ["FTF-A", "HK-A", "ALLE"], tmp_path,
                       formats=("xlsx", "html"), workers=1)
    failures = caught.value.failures
    assert [(f.akasse, f.format, f.reason) for f in failures] == [
        ("HK-A", "xlsx", "ValueError: no room for the chart on sheet 2")
    ]
    assert sorted(p.name for p in caught.value.written) == [
        "ALLE.html", "ALLE.xlsx", "FTF-A.html", "FTF-A.xlsx", "HK-A.html"
    ]
    assert _files(tmp_path) == sorted(p.name for p in caught.value.written)


def test_release_with_a_failing_report_is_not_published(built, tmp_path, monkeypatch):
    config, releases = built
    out = tmp_path / "releases"
    shutil.copytree(releases, out)
    before = _snapshot(out)
    data = write_registers(tmp_path / "data")
    monkeypatch.setenv(FAULT_ENV, "HK-A:xlsx")
    result = run("release", "--data", data, "--month", MONTH, "--out", out, "--config", config)
    message = error_of(result)
    assert result.exit_code == 3, result.output
    assert (
        f"error: no release of {MONTH} written: 1 report file(s) failed (below), and a "
        f"release is published whole or not at all; an earlier release of {MONTH}, if "
        "any, is as it was. Fix the cause and run again ('akassemonitor measures' gives "
        f"the cells alone) HK-A, xlsx: RuntimeError: a fault injected by {FAULT_ENV}"
    ) in message
    assert _snapshot(out) == before  # the earlier release and its internal folder
    assert sorted(p.name for p in out.iterdir()) == [MONTH, f"{MONTH}.internal"]  # no staging
