"""Tiny register files written into tmp_path, and a loader that reads them back."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from akassemonitor.config import Config
from akassemonitor.registers import LoadedRegisters, load_registers

FORLOEB_HEADER = ["forloeb_id", "person_id", "akasse", "start_dato", "slut_dato", "slut_aarsag"]
SAMTALER_HEADER = ["samtale_id", "person_id", "dato", "samtaletype", "individuel"]
TILBUD_HEADER = ["tilbud_id", "person_id", "start_dato", "kategori"]

# One good row per register; tests add the rows they are about.
GOOD_SPELL = ["F0", "P0", "FTF-A", "2022-01-03", "2022-04-29", "FULD_PERIODE"]
GOOD_SAMTALE = ["S0", "P0", "2022-02-01", "JOB", "1"]
GOOD_TILBUD = ["T0", "P0", "2022-03-01", "LOENTILSKUD"]


def write_csv(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    """Write a CSV file as a data supplier might (encoding ``utf-8-sig`` adds a BOM)."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


class Registers:
    """A data directory with the three registers; each defaults to its one good row."""

    FORLOEB_HEADER = FORLOEB_HEADER
    SAMTALER_HEADER = SAMTALER_HEADER
    TILBUD_HEADER = TILBUD_HEADER
    GOOD_SPELL = GOOD_SPELL

    def __init__(self, root: Path) -> None:
        self.data = root / "data"
        self.rejects = root / "rejects"
        self.data.mkdir()
        self.forloeb([])
        self.samtaler([])
        self.tilbud([])

    def forloeb(self, rows: list[list[str]], header: list[str] = FORLOEB_HEADER, **kw) -> Path:
        return write_csv(self.data / "forloeb.csv", header, [GOOD_SPELL, *rows], **kw)

    def samtaler(self, rows: list[list[str]], header: list[str] = SAMTALER_HEADER, **kw) -> Path:
        return write_csv(self.data / "samtaler.csv", header, [GOOD_SAMTALE, *rows], **kw)

    def tilbud(self, rows: list[list[str]], header: list[str] = TILBUD_HEADER, **kw) -> Path:
        return write_csv(self.data / "tilbud.csv", header, [GOOD_TILBUD, *rows], **kw)

    def load(self, config: Config | None = None, **kw) -> LoadedRegisters:
        kw.setdefault("rejects_dir", self.rejects)
        return load_registers(self.data, config or Config(), **kw)

    def rejects_of(self, register: str) -> list[dict[str, str]]:
        """The rejects file as dicts (column -> text); [] when there is none."""
        path = self.rejects / f"{register}.csv"
        if not path.exists():
            return []
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    @staticmethod
    def column(loaded: LoadedRegisters, register: str, name: str) -> list:
        return loaded.tables[register].column(name).to_pylist()

    @staticmethod
    def reasons(loaded: LoadedRegisters, register: str) -> dict[str, int]:
        return {q.reason: q.rows for q in loaded.quality.quarantined if q.register == register}


@pytest.fixture
def registers(tmp_path: Path) -> Registers:
    return Registers(tmp_path)


@pytest.fixture(scope="session")
def make_registers(tmp_path_factory: pytest.TempPathFactory):
    """A factory of fresh data directories, for tests that run many examples (hypothesis)."""
    return lambda: Registers(tmp_path_factory.mktemp("registers"))
