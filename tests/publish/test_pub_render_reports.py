"""render_reports: files per a-kasse and format, progress, and clear errors."""

from __future__ import annotations

import pytest

from akassemonitor.months import Month
from akassemonitor.publish import render_reports, report_stem


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
