"""The rejects files, stale-file clean-up, strict mode and progress messages."""

from __future__ import annotations

import pytest

from akassemonitor.registers import InputError

BAD_SPELLS = [
    [" F1 ", "P1", "XX", "2022-01-01", "", ""],
    ["F2", "P2", "FTF-A", "2022-02-30", "", ""],
]


def test_rejects_file_has_the_columns_as_read_then_row_and_reason(registers):
    registers.forloeb(BAD_SPELLS)
    registers.load()
    text = (registers.rejects / "forloeb.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].replace('"', "") == (
        "forloeb_id,person_id,akasse,start_dato,slut_dato,slut_aarsag,row,reason"
    )
    rejects = registers.rejects_of("forloeb")
    assert [(r["forloeb_id"], r["akasse"], r["row"]) for r in rejects] == [
        ("F1", "XX", "2"),  # trimmed, as the checks saw it
        ("F2", "FTF-A", "3"),
    ]
    assert not (registers.rejects / "samtaler.csv").exists()


def test_no_rejects_dir_writes_nothing(registers):
    registers.forloeb(BAD_SPELLS)
    loaded = registers.load(rejects_dir=None)
    assert not registers.rejects.exists()
    assert sum(q.rows for q in loaded.quality.quarantined) == 2


def test_stale_rejects_file_is_removed_when_a_register_has_none(registers):
    registers.forloeb(BAD_SPELLS)
    registers.load()
    assert (registers.rejects / "forloeb.csv").exists()
    registers.forloeb([])
    registers.load()
    assert not (registers.rejects / "forloeb.csv").exists()


def test_strict_fails_after_writing_the_rejects(registers):
    registers.forloeb(BAD_SPELLS)
    registers.tilbud([["T1", "P1", "2022-03-01", "NOPE"]])
    with pytest.raises(InputError) as info:
        registers.load(strict=True)
    message = str(info.value)
    assert "3 row(s)" in message
    assert "forloeb 2 (unknown_akasse 1, invalid_date 1)" in message
    assert "tilbud 1 (unknown_kategori 1)" in message
    assert str(registers.rejects / "forloeb.csv") in message
    assert len(registers.rejects_of("forloeb")) == 2
    assert len(registers.rejects_of("tilbud")) == 1


def test_strict_without_rejects_dir_says_so(registers):
    registers.forloeb(BAD_SPELLS)
    with pytest.raises(InputError, match="No rejects files were written"):
        registers.load(strict=True, rejects_dir=None)


def test_strict_passes_clean_data_and_merged_duplicates(registers):
    registers.samtaler([["S0", "P0", "2022-02-01", "JOB", "0"]])  # a harmless duplicate
    loaded = registers.load(strict=True)
    assert loaded.tables["samtaler"].num_rows == 1


def test_progress_reports_each_register(registers):
    registers.forloeb(BAD_SPELLS)
    messages: list[str] = []
    registers.load(progress=messages.append)
    assert "forloeb: 3 read, 1 used, 2 quarantined" in messages
    assert any(m.startswith("tilbud: reading tilbud.csv") for m in messages)
