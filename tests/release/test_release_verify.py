"""verify and audit refuse what is not a whole, leak-free release."""

from __future__ import annotations

import shutil

import pytest
from conftest import runner

from akassemonitor.cli import app
from akassemonitor.release import ReleaseError, read_release, verify_release


def _lines(path):
    return path.read_text("utf-8").splitlines(keepends=True)


def test_an_intact_release_verifies_and_audits(built):
    assert verify_release(built.release) == []
    result = runner.invoke(app, ["verify", str(built.release)])
    assert result.exit_code == 0, result.output
    assert "intact and leak-free" in result.output
    result = runner.invoke(app, ["audit", str(built.release)])
    assert result.exit_code == 0, result.output
    assert "no leaks" in result.output


def test_verify_catches_a_changed_byte(copy_of):
    path = copy_of / "reports" / "FTF-A.pdf"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 1
    path.write_bytes(bytes(data))
    problems = verify_release(copy_of)
    assert problems == [f"{path}: changed since the release was built (SHA-256 differs)"]
    result = runner.invoke(app, ["verify", str(copy_of)])
    assert result.exit_code == 1
    assert "NOT a valid release" in result.output


def test_verify_catches_a_missing_and_an_extra_file(copy_of):
    (copy_of / "reports" / "HK-A.xlsx").unlink()
    (copy_of / "reports" / "notes.txt").write_text("hej", encoding="utf-8")
    problems = verify_release(copy_of)
    assert any("HK-A.xlsx: missing" in p for p in problems)
    assert any("notes.txt: not part of the release" in p for p in problems)


def test_verify_catches_a_missing_row(copy_of):
    path = copy_of / "published.csv"
    lines = _lines(path)
    path.write_text("".join(lines[:10] + lines[11:]), encoding="utf-8")
    problems = verify_release(copy_of)
    assert any("changed since" in p for p in problems)
    assert any("1 of " in p and "expected cells are missing" in p for p in problems)


def test_verify_catches_a_duplicated_row_and_a_shown_small_count(copy_of):
    path = copy_of / "published.csv"
    lines = _lines(path)
    hidden = next(i for i, line in enumerate(lines) if line.startswith("paabegyndte_forloeb")
                  and line.rstrip().endswith(",*"))
    lines[hidden] = lines[hidden].rstrip()[:-1] + "1\n"  # a hidden count shown as 1
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    problems = verify_release(copy_of)
    assert any("1 duplicated cell keys" in p for p in problems)
    assert any("shows 1, at or below the threshold 2" in p for p in problems)


def test_read_release_refuses_a_folder_without_a_manifest(copy_of):
    (copy_of / "manifest.json").unlink()
    with pytest.raises(ReleaseError, match="no manifest.json here, so this is not a release"):
        read_release(copy_of)
    assert verify_release(copy_of) == [
        f"{copy_of}: no manifest.json here, so this is not a release; build one with "
        "'akassemonitor release --data DIR --month M --out releases/'"
    ]


@pytest.fixture
def bare(built, tmp_path):
    """A folder of cells without a manifest (as 'measures --out' writes)."""
    folder = tmp_path / "cells"
    folder.mkdir()
    for name in ("published.csv", "published_bilag.csv", "quality.json"):
        shutil.copy(built.release / name, folder / name)
    return folder


def _audit(folder, built):
    result = runner.invoke(app, ["audit", str(folder), "--config", str(built.config_path)])
    return result.exit_code, " ".join(result.output.split())


def test_audit_passes_a_whole_folder_of_cells(bare, built):
    code, output = _audit(bare, built)
    assert code == 0, output
    assert "no leaks" in output


def test_audit_refuses_a_header_only_file(bare, built):
    path = bare / "published.csv"
    path.write_text(_lines(path)[0], encoding="utf-8")
    code, output = _audit(bare, built)
    assert code == 2
    assert "published.csv holds no cells; not a release" in output
    assert "Traceback" not in output


def test_audit_refuses_half_a_file(bare, built):
    path = bare / "published.csv"
    lines = _lines(path)
    half = len(lines) // 2
    cut = ",".join(lines[half].split(",")[:3])  # the last row cut after its third field
    path.write_text("".join(lines[:half]) + cut, encoding="utf-8")
    code, output = _audit(bare, built)
    assert code == 2
    # The cut row is refused and named (its line number: the header is line 1).
    flat = " ".join(output.split())
    assert "published.csv" in flat
    assert f"row {half + 1} has 3 fields, not 5 (cut off?)" in flat


def test_audit_refuses_duplicate_keys(bare, built):
    path = bare / "published.csv"
    lines = _lines(path)
    path.write_text("".join([*lines, *lines[1:4]]), encoding="utf-8")
    code, output = _audit(bare, built)
    assert code == 2
    assert "3 duplicated cell keys" in output


def test_audit_refuses_exact_counts_copied_as_published(bare, built):
    shutil.copy(built.internal / "measures.csv", bare / "published.csv")
    code, output = _audit(bare, built)
    assert code == 1
    assert "at or below the threshold 2 are shown" in output
    assert "never hand this out" in output


def test_audit_of_a_damaged_release_says_so(copy_of):
    path = copy_of / "published.csv"
    lines = _lines(path)
    path.write_text("".join(lines[:-5]), encoding="utf-8")
    result = runner.invoke(app, ["audit", str(copy_of)])
    assert result.exit_code == 2
    assert "expected cells are missing" in " ".join(result.output.split())
