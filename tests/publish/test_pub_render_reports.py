"""render_reports: files per a-kasse and format, progress, and clear errors."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from akassemonitor.months import Month
from akassemonitor.publish import _charts, render_reports, report_stem, reports


def test_file_names_replace_spaces():
    assert report_stem("Dansk Metal") == "Dansk-Metal"
    assert report_stem("FTF-A") == "FTF-A"
    assert report_stem("ALLE") == "ALLE"


def test_writes_each_format_and_reports_progress_in_order(
    tmp_path, published, quality, config, month
):
    seen: list[str] = []
    paths = render_reports(
        published, quality, config, month, ["Dansk Metal", "ALLE"], tmp_path,
        formats=("html", "xlsx"), progress=seen.append, workers=1,
    )
    assert seen == ["Dansk Metal", "ALLE"]
    names = sorted(p.relative_to(tmp_path).as_posix() for p in paths)
    assert names == [
        "2022M04/ALLE.html", "2022M04/ALLE.xlsx",
        "2022M04/Dansk-Metal.html", "2022M04/Dansk-Metal.xlsx",
    ]
    assert all(p.stat().st_size > 10_000 for p in paths)
    assert "Dansk Metal" in (tmp_path / "2022M04" / "Dansk-Metal.html").read_text("utf-8")


def test_parallel_workers_give_the_same_files(tmp_path, published, quality, config, month):
    seen: list[str] = []
    paths = render_reports(
        published, quality, config, month, ["SL-A", "Min-A"], tmp_path / "par",
        formats=("html",), progress=seen.append, workers=2,
    )
    serial = render_reports(
        published, quality, config, month, ["SL-A", "Min-A"], tmp_path / "ser",
        formats=("html",), workers=1,
    )
    assert seen == ["SL-A", "Min-A"]
    assert [p.read_text("utf-8") for p in paths] == [p.read_text("utf-8") for p in serial]


@pytest.mark.parametrize(
    ("akasser", "report_month", "formats", "message"),
    [
        (["Ukendt-A"], Month(2022, 4), ("html",), "unknown a-kasse 'Ukendt-A'"),
        (["FTF-A"], Month(2023, 1), ("html",), "no published cells for 2023M01"),
        (["FTF-A"], Month(2022, 4), ("docx",), "unknown report format"),
    ],
)
def test_clear_errors(tmp_path, published, quality, config, akasser, report_month, formats,
                      message):
    with pytest.raises(ValueError, match=message):
        render_reports(published, quality, config, report_month, akasser, tmp_path,
                       formats=formats)
    assert not (tmp_path / str(report_month)).exists()


def test_workers_default_to_one_per_cpu_and_fork_only_before_charts(monkeypatch):
    monkeypatch.setattr(reports, "_cpus", lambda: 2)
    assert reports._worker_count(None, 10) == 2
    assert reports._worker_count(None, 1) == 1
    assert reports._worker_count(3, 10) == 3
    # Once vl-convert has run here, a forked copy of its threads would hang: spawn.
    _charts.monthly_bars([_charts.Point("2022M04", "", 1.0)], ["2022M04"], "Forløb")
    assert _charts.converter_started()
    assert reports._start_method().get_start_method() == "spawn"


SCRIPT = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from conftest import REPORT_MONTH, make_published, make_quality
from akassemonitor.config import Config
from akassemonitor.publish import _charts, render_reports, reports
config = Config()
published, quality = make_published(config), make_quality()
assert reports._start_method().get_start_method() == "fork"
for workers, folder in ((2, "par"), (1, "ser")):
    render_reports(published, quality, config, REPORT_MONTH, ["HK-A", "ALLE"],
                   Path(sys.argv[2]) / folder, formats=("pdf", "html"), workers=workers)
"""


@pytest.mark.slow
def test_forked_workers_in_a_fresh_process_give_the_same_files(tmp_path):
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    here = Path(__file__).parent
    subprocess.run([sys.executable, "-c", SCRIPT, str(here), str(tmp_path)], check=True,
                   timeout=300)
    names = sorted(p.name for p in (tmp_path / "ser" / "2022M04").iterdir())
    assert names == ["ALLE.html", "ALLE.pdf", "HK-A.html", "HK-A.pdf"]
    for name in names:
        parallel = (tmp_path / "par" / "2022M04" / name).read_bytes()
        assert parallel == (tmp_path / "ser" / "2022M04" / name).read_bytes(), name


def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert reports._start_method().get_start_method() == "spawn"
    finally:
        stop.set()
        thread.join()
