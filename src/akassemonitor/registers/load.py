"""The registers stage: find, read, pseudonymise, check and quarantine (SPEC §2, §6, §7)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from akassemonitor.config import Config
from akassemonitor.quality import DataQuality, QuarantineCount, Reconciliation
from akassemonitor.registers.checks import CheckedRegister, check_register
from akassemonitor.registers.duckdb_readers import (
    EngineRegister,
    pseudonymise_in_duckdb,
    read_into_duckdb,
    statistics_not_trusted,
)
from akassemonitor.registers.duckdb_readers import drop as drop_read
from akassemonitor.registers.errors import InputError
from akassemonitor.registers.files import find_register_file
from akassemonitor.registers.plausibility import (
    empty_register_warnings,
    implausible_date_warnings,
)
from akassemonitor.registers.pseudonyms import load_key, pseudonymise
from akassemonitor.registers.quarantine import write_rejects
from akassemonitor.registers.readers import CPR, RawRegister, read_register
from akassemonitor.registers.rules import REASON_BY_CODE
from akassemonitor.registers.schema import REGISTERS, Register

_LOG = logging.getLogger("akassemonitor.registers")  # file names and counts only
if TYPE_CHECKING:
    from akassemonitor.store import Store


@dataclass(frozen=True)
class LoadedRegisters:
    """The checked registers in the engine's tables, and the data quality."""

    store: Store  # tables "forloeb", "samtaler", "tilbud", exactly ``registers.schema``
    quality: DataQuality

    @property
    def tables(self) -> dict[str, pa.Table]:
        """The checked tables as Arrow (pulls every row into Python: for tests and small data).

        On DuckDB the rows come in file order (merged conversation rows at their first).
        """
        return {
            register.name: self.store.con.table(register.name)
            .to_pyarrow()
            .cast(register.schema)
            for register in REGISTERS
        }


def load_registers(
    data_dir: Path,
    config: Config,
    *,
    rejects_dir: Path | None,
    strict: bool = False,
    progress: Callable[[str], None] | None = None,
    con: Any = None,
) -> LoadedRegisters:
    """Read the three registers in ``data_dir``, check them in the engine, quarantine bad rows.

    The checks run in the Ibis connection ``con`` (default: a new DuckDB in memory), and
    the used rows become its tables ``forloeb``, ``samtaler`` and ``tilbud`` (replaced).

    Quarantined rows go to ``rejects_dir/<register>.csv`` (not written when
    ``rejects_dir`` is None; a stale file of a register with no rejects is removed).
    Raises InputError for a missing or unreadable file or column, a missing pseudonym
    key, or, with ``strict``, any quarantined row (after the rejects are written).
    """
    def say(message: str) -> None:
        _LOG.info(message)
        if progress is not None:
            progress(message)

    data_dir = Path(data_dir)
    # Find every file first, so a missing one stops the run before any slow reading.
    sources = {register.name: find_register_file(data_dir, register) for register in REGISTERS}
    keys: dict[str, bytes] = {}
    checked: list[CheckedRegister] = []
    from akassemonitor.store import Store, connect  # the store imports the schema from here

    def key_for(source: Path) -> bytes:
        if "key" not in keys:
            keys["key"] = load_key(config.privacy, source)
        return keys["key"]

    con = connect() if con is None else con
    for register in REGISTERS:
        source = sources[register.name]
        say(f"{register.name}: reading {source.name}")
        result = _read_and_check(source, register, config, con, say, key_for)
        checked.append(result)
        say(
            f"{register.name}: {result.read:,} read, "
            f"{result.read - result.quarantined_rows:,} used, "
            f"{result.quarantined_rows:,} quarantined"
        )
    written = _write_all_rejects(checked, rejects_dir)
    kept = [r.conversations for r in checked if r.conversations is not None]
    store = Store(con, conversations_table=kept[0] if kept else None)
    quality = _quality(checked, sources)
    empty = empty_register_warnings(quality)
    quality = quality.with_warnings([*empty, *implausible_date_warnings(store)])
    if strict and any(result.quarantined_rows for result in checked):
        raise InputError(_strict_message(checked, written, rejects_dir))
    if strict and empty:
        raise InputError(
            "--strict: " + "; ".join(w.text for w in empty) + ". Give the register rows, "
            "or run without --strict to go on with it empty."
        )
    return LoadedRegisters(store, quality)


def _read_and_check(
    source: Path,
    register: Register,
    config: Config,
    con: Any,
    say: Callable[[str], None],
    key_for: Callable[[Path], bytes],
) -> CheckedRegister:
    """Read one register file (DuckDB's reader on DuckDB, else pyarrow's), pseudonymise, check.

    DuckDB reads the file itself where it reads it as pyarrow does (no Arrow copy of the
    registers in Python). A damaged Parquet page may only show when its rows are read,
    in the checks: then the file is read again by pyarrow, which reads it or stops with
    its own message.
    """
    if con.name == "postgres":
        return _read_and_check_postgres(source, register, config, con, say, key_for)
    if con.name == "duckdb":
        engine_raw: EngineRegister | None = None
        try:
            with statistics_not_trusted(con):
                engine_raw = read_into_duckdb(source, register, con)
                if engine_raw is not None:
                    return _pseudonymise_and_check(engine_raw, register, config, con, say, key_for)
        except duckdb.Error:
            pass  # read it again with pyarrow's reader, below
        finally:
            if engine_raw is not None:
                drop_read(engine_raw, con)
    raw = read_register(source, register)
    return _pseudonymise_and_check(raw, register, config, con, say, key_for)


def _read_and_check_postgres(
    source: Path,
    register: Register,
    config: Config,
    con: Any,
    say: Callable[[str], None],
    key_for: Callable[[Path], bytes],
) -> CheckedRegister:
    """On PostgreSQL: the file read by an embedded DuckDB as on the DuckDB engine (the same
    text, row numbers, messages and pseudonyms), its rows streamed to the server by COPY
    (``warehouse``), checked there. Where DuckDB cannot read the file as pyarrow does, the
    pyarrow reader's table goes the same way (``store.upload``)."""
    from akassemonitor.registers import warehouse
    from akassemonitor.store import connect

    local = connect()
    try:
        copied: EngineRegister | None = None
        try:
            with statistics_not_trusted(local):  # the copied text must be the values'
                engine_raw = read_into_duckdb(source, register, local)
                if engine_raw is not None:
                    if CPR in engine_raw.file_columns:
                        engine_raw = pseudonymise_in_duckdb(engine_raw, key_for(source), local)
                    copied = warehouse.copy_engine_register(engine_raw, con)
        except duckdb.Error:
            pass  # read it again with pyarrow's reader, below
    finally:
        local.disconnect()
    if copied is None:
        raw = read_register(source, register)
        return _pseudonymise_and_check(raw, register, config, con, say, key_for)
    try:
        say(f"{register.name}: checking {copied.num_rows:,} rows ({copied.dialect})")
        return check_register(copied, config, con)
    finally:
        warehouse.drop(con, copied)


def _pseudonymise_and_check(
    raw: RawRegister | EngineRegister,
    register: Register,
    config: Config,
    con: Any,
    say: Callable[[str], None],
    key_for: Callable[[Path], bytes],
) -> CheckedRegister:
    if CPR in raw.file_columns:
        key = key_for(raw.source)
        if isinstance(raw, RawRegister):
            raw = pseudonymise(raw, key)
        else:
            raw = pseudonymise_in_duckdb(raw, key, con)
    say(f"{register.name}: checking {raw.num_rows:,} rows ({raw.dialect})")
    return check_register(raw, config, con)


def _write_all_rejects(checked: list[CheckedRegister], rejects_dir: Path | None) -> list[Path]:
    if rejects_dir is None:
        return []
    written = [write_rejects(Path(rejects_dir), r.register.name, r.rejects) for r in checked]
    return [path for path in written if path is not None]


def _quality(checked: list[CheckedRegister], sources: dict[str, Path]) -> DataQuality:
    reconciliation = tuple(
        Reconciliation(
            register=r.register.name,
            source=sources[r.register.name].name,
            read=r.read,
            used=r.read - r.quarantined_rows,
            quarantined=r.quarantined_rows,
        )
        for r in checked
    )
    quarantined = tuple(
        QuarantineCount(
            register=r.register.name,
            reason=code,
            text=REASON_BY_CODE[code].english(r.register.id_column),
            text_da=REASON_BY_CODE[code].danish(r.register.id_column),
            rows=rows,
        )
        for r in checked
        for code, rows in r.quarantined.items()
    )
    warnings = tuple(warning for r in checked for warning in r.warnings)
    return DataQuality(reconciliation, quarantined, warnings)


def _strict_message(
    checked: list[CheckedRegister], written: list[Path], rejects_dir: Path | None
) -> str:
    total = sum(r.quarantined_rows for r in checked)
    parts = []
    for r in checked:
        if r.quarantined_rows:
            reasons = ", ".join(f"{code} {rows:,}" for code, rows in r.quarantined.items())
            parts.append(f"{r.register.name} {r.quarantined_rows:,} ({reasons})")
    if rejects_dir is None:
        where = "No rejects files were written (no rejects directory was given)."
    else:
        where = "The rows and their reasons are in " + ", ".join(str(p) for p in written) + "."
    return (
        f"--strict: {total:,} row(s) broke the row rules and were quarantined: "
        f"{'; '.join(parts)}. {where} Fix these rows in the source files, or run without "
        "--strict to leave them out and go on."
    )
