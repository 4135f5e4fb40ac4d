"""Tiny valid registers and a CLI runner for the error catalogue (docs/errors.md).

A plain module (not conftest.py: tests/registers has one) imported by the tests here.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from akassemonitor.cli import app

FORLOEB = (
    "forloeb_id,person_id,akasse,start_dato,slut_dato,slut_aarsag\n"
    "F1,P1,FTF-A,2021-11-01,2022-03-31,FULD_PERIODE\n"
    "F2,P2,HK-A,2022-01-03,,\n"
)
SAMTALER = (
    "samtale_id,person_id,dato,samtaletype,individuel\n"
    "S1,P1,2021-12-01,JOB,1\n"
    "S2,P2,2022-02-01,CV,ja\n"
)
TILBUD = "tilbud_id,person_id,start_dato,kategori\nT1,P1,2022-01-10,LOENTILSKUD\n"


def write_registers(folder: Path, **override: str | bytes) -> Path:
    """forloeb.csv, samtaler.csv and tilbud.csv in ``folder``; ``override`` replaces one."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {"forloeb": FORLOEB, "samtaler": SAMTALER, "tilbud": TILBUD, **override}
    for name, text in texts.items():
        path = folder / f"{name}.csv"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return folder



def run(*args: str | Path):
    """The CLI with ``args``; the result (exit code, output of both streams)."""
    return CliRunner().invoke(app, [str(a) for a in args])


def error_of(result) -> str:
    """The error message as one line (the console wraps long lines)."""
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return " ".join(result.output.split())
