"""Arguments: each refusal names the option and the form or fix (exit 2)."""

from __future__ import annotations

from errcase import error_of, run


def test_month_13_names_the_option_and_the_format(data, tmp_path):
    result = run("measures", "--data", data, "--month", "2022M13", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert (
        "--month '2022M13' is not a month: write YYYYMmm with a month 01 to 12, e.g. 2022M04"
        in error_of(result)
    )


def test_report_all_with_an_akasse_is_refused(data, tmp_path):
    result = run("report", "--release", tmp_path / "releases" / "2022M03", "--all",
                 "--akasse", "XYZ", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "--all and --akasse XYZ contradict each other" in error_of(result)


def test_quiet_and_verbose_together_are_refused(data, tmp_path):
    result = run("--quiet", "--verbose", "synth", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "--quiet and --verbose contradict each other" in error_of(result)


def _release(tmp_path, text: str):
    folder = tmp_path / "release"
    folder.mkdir()
    (folder / "published.csv").write_text(text, encoding="utf-8")
    return folder


def test_audit_of_a_truncated_published_csv_names_the_file_and_line(tmp_path):
    folder = _release(tmp_path, "measure,month,akasse,category,value\nafs")
    result = run("audit", folder)
    assert result.exit_code == 2
    assert f"{folder / 'published.csv'}, line 2: not a cell of a published.csv" in error_of(
        result
    )


def test_audit_of_garbage_names_the_file(tmp_path):
    folder = _release(tmp_path, "")
    (folder / "published.csv").write_bytes(b"\xff\xfe\x00garbage\x00\n\x01")
    result = run("audit", folder)
    assert result.exit_code == 2
    assert f"{folder / 'published.csv'}: is not CSV text, so not a published.csv" in error_of(
        result
    )


def test_previous_that_is_an_empty_file_names_the_file(data, tmp_path):
    folder = _release(tmp_path, "")
    result = run("measures", "--data", data, "--month", "2022M03", "--out", tmp_path / "o",
                 "--previous", folder)
    assert result.exit_code == 2
    assert f"{folder / 'published.csv'}: is empty, so not a published.csv" in error_of(result)
    assert not (tmp_path / "o" / "measures.csv").exists()  # refused before computing


def test_audit_of_a_file_instead_of_a_folder(tmp_path):
    target = tmp_path / "published.csv"
    target.write_text("x")
    result = run("audit", target)
    assert result.exit_code == 2
    assert f"{target} is not a folder; give the release folder" in error_of(result)
