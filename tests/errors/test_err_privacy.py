"""SPEC §6: a CPR number in any column is never echoed, stored or written.

Every verb that reads registers runs on registers with CPR numbers (plain, dashed,
spaced and mistyped) in every column; then every file written, every value in the
store, and the captured terminal output are searched for each number in every form.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from errcase import run

KEY = "a-secret-key-of-some-length"
# Two people's CPR numbers as digits; the registers write them in many forms.
PEOPLE = ("0101901234", "2412855678")
OTHER = ("1502703333", "3006014444", "0909095555")  # in other columns only


def forms(cpr: str) -> list[str]:
    d, n = cpr[:6], cpr[6:]
    return [cpr, f"{d}-{n}", f"{d} {n}", f" {d} - {n} ", f"{d}/{n}", f"{d}.{n}", f"{d}--{n}"]


def _searched(cpr: str) -> list[re.Pattern[bytes]]:
    """The number as plain digits, or with any separator between its two halves."""
    d, n = cpr[:6].encode(), cpr[6:].encode()
    return [re.compile(re.escape(d) + rb"[^0-9]{0,4}" + re.escape(n))]


def write_registers(folder: Path, *, in_ids: bool = False) -> Path:
    folder.mkdir(parents=True)
    a, b = PEOPLE
    x, y, z = OTHER
    fa, fb = forms(a), forms(b)
    spells = ["forloeb_id,cpr,akasse,start_dato,slut_dato,slut_aarsag,note"]
    spells += [
        f"F1,{fa[0]},FTF-A,2021-10-04,2022-02-25,FULD_PERIODE,{x}",
        f"F2,{fb[1]},HK-A,2021-11-01,,,cpr {y}",
        f"F3,{fa[2]},{x},2021-09-01,,,",  # CPR as a-kasse
        f"F4,{fb[3]},FTF-A,{y},,,",  # CPR as a date
        f"F5,{fa[4]},FTF-A,2021-01-01,{z},ANDET,",
        f"F6,{fb[5]},FTF-A,2021-01-01,2021-02-01,{forms(x)[1]},",
        f"F7,{forms(z)[6]},SL-A,2021-03-01,2021-02-01,ANDET,",
    ]
    if in_ids:
        spells.append(f"{forms(z)[1]},{fa[1]},FTF-A,2021-01-01,,,")
    samtaler = ["samtale_id;cpr;dato;samtaletype;individuel"]
    samtaler += [
        f"S1;{fa[1]};2021-11-15;JOB;1",
        f"S2;{fb[2]};2021-12-01;CV;{y}",
        f"S3;{fa[3]};{forms(z)[2]};JOB;1",
        f"S4;{fb[0]};2022-01-10;{forms(x)[4]};ja",
    ]
    tilbud = ["tilbud_id,cpr,start_dato,kategori"]
    tilbud += [
        f"T1,{fa[5]},2021-12-10,LOENTILSKUD",
        f"T2,{fb[4]},{x},LOENTILSKUD",
        f'T3,{fa[6]},2022-01-05,"{forms(y)[3]}"',
    ]
    for name, lines in (("forloeb", spells), ("samtaler", samtaler), ("tilbud", tilbud)):
        (folder / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def leaks_in(root: Path, output: str) -> list[str]:
    numbers = (*PEOPLE, *OTHER)
    found = []
    for cpr in numbers:
        for pattern in _searched(cpr):
            if pattern.search(output.encode()):
                found.append(f"terminal output: {cpr}")
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "data" not in p.parts):
        content = path.read_bytes()
        for cpr in numbers:
            if any(pattern.search(content) for pattern in _searched(cpr)):
                found.append(f"{path}: {cpr}")
        if path.suffix == ".duckdb":
            found += [f"{path} (a table value): {hit}" for hit in _store_hits(path, numbers)]
    return found


def _store_hits(path: Path, numbers: tuple[str, ...]) -> list[str]:
    """Every value of every table, as text (the file's own bytes may be compressed)."""
    hits = []
    con = duckdb.connect(str(path))  # as the CLI opened it (its connection may live on)
    try:
        for (table,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
            columns = [c[0] for c in con.execute(f'DESCRIBE "{table}"').fetchall()]
            for column in columns:
                values = con.execute(f'SELECT DISTINCT CAST("{column}" AS VARCHAR) FROM "{table}"')
                for (value,) in values.fetchall():
                    digits = re.sub(r"[^0-9]", "", value or "")
                    hits += [f"{table}.{column}" for cpr in numbers if cpr in digits]
    finally:
        con.close()
    return hits


@pytest.fixture
def key(monkeypatch):
    monkeypatch.setenv("AKASSEMONITOR_PSEUDONYM_KEY", KEY)


def test_every_verb_on_registers_with_cpr_numbers_everywhere(tmp_path, key):
    data = write_registers(tmp_path / "data")
    log = tmp_path / "run.log"
    outputs = []
    steps = [
        ("--log", log, "load", "--data", data, "--engine", tmp_path / "store.duckdb",
         "--rejects", tmp_path / "load-rejects"),
        ("--log", log, "--verbose", "measures", "--data", data, "--month", "2022M02",
         "--out", tmp_path / "out", "--db", tmp_path / "measures.duckdb"),
        ("--log", log, "audit", tmp_path / "out"),
        ("--log", log, "measures", "--db", tmp_path / "measures.duckdb", "--month", "2022M02",
         "--out", tmp_path / "again"),
        ("--log", log, "release", "--data", data, "--month", "2022M02",
         "--out", tmp_path / "releases"),
        ("--log", log, "verify", tmp_path / "releases" / "2022M02"),
        ("--log", log, "audit", tmp_path / "releases" / "2022M02"),
        ("--log", log, "report", "--release", tmp_path / "releases" / "2022M02",
         "--akasse", "FTF-A", "--out", tmp_path / "reports"),
    ]
    for args in steps:
        result = run(*args)
        outputs.append(result.output)
        assert result.exit_code in (0, 1), result.output  # audit may find leaks: exit 1
    assert (tmp_path / "out" / "rejects" / "forloeb.csv").exists()  # the rows were seen
    assert "DDMMYY-XXXX" in (tmp_path / "out" / "rejects" / "forloeb.csv").read_text()
    assert log.stat().st_size > 0
    assert leaks_in(tmp_path, "\n".join(outputs)) == []


def test_refused_registers_echo_no_cpr_number(tmp_path, key):
    data = write_registers(tmp_path / "data", in_ids=True)
    log = tmp_path / "run.log"
    result = run("--log", log, "measures", "--data", data, "--month", "2022M02",
                 "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "forloeb_id look like raw CPR numbers (DDMMYY-XXXX)" in result.output
    assert leaks_in(tmp_path, result.output) == []


def test_a_person_id_of_raw_cpr_numbers_is_refused(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "forloeb.csv").write_text(
        "forloeb_id,person_id,akasse,start_dato,slut_dato,slut_aarsag\n"
        "F1,P1,FTF-A,2021-10-04,,\nF2,010190-1234,FTF-A,2021-10-04,,\n"
    )
    (folder / "samtaler.csv").write_text("samtale_id,person_id,dato,samtaletype\n")
    (folder / "tilbud.csv").write_text("tilbud_id,person_id,start_dato,kategori\n")
    result = run("measures", "--data", folder, "--month", "2022M02", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert (
        "forloeb.csv: 1 value(s) of person_id look like raw CPR numbers (DDMMYY-XXXX), the "
        "first in data row 2"
    ) in result.output
    assert "Name the column cpr instead, and give a pseudonym key" in result.output
    assert "1234" not in result.output
