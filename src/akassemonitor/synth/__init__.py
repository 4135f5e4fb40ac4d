"""Synthetic registers shaped like the trial "Mere ansvar til a-kasser".

:func:`generate` writes ``forloeb``, ``samtaler`` and ``tilbud`` in the input format of
SPEC §2, at the real trial's scale by default or scaled to about ``spells`` spells.
Every value is made up from a seeded random generator: no real person is behind any
row. The same arguments give byte-identical files. See ``docs/synthetic-data.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa

from akassemonitor.config import Config
from akassemonitor.months import Month
from akassemonitor.registers.schema import FORLOEB, SAMTALER, TILBUD, Register
from akassemonitor.synth._activity import (
    CONVERSATION_CODES,
    OFFER_CODES,
    ConversationRows,
    OfferRows,
    conversations,
    offers,
)
from akassemonitor.synth._errors import as_text, forloeb_errors, samtaler_errors, tilbud_errors
from akassemonitor.synth._ids import code_array, date_array, hex_ids
from akassemonitor.synth._spells import REASON_CODES, Spells, generate_spells, spell_count
from akassemonitor.synth._world import build_world
from akassemonitor.synth._write import FORMATS, RegisterWriter, text_schema

__all__ = ["DEFAULT_UNTIL", "FORMATS", "SynthSummary", "generate"]

DEFAULT_UNTIL = Month(2022, 4)
_DEFAULT_CONFIG = Config()
# Conversations are made and written this many spells at a time, to bound memory.
CHUNK_SPELLS = 125_000
# Share of the run's work in each stage, for the progress fraction.
_STAGE_SHARES = {"forloeb": 0.05, "samtaler": 0.9, "tilbud": 0.05}
# With errors, one CSV is written as a Windows export would be: Windows-1252 and ';'.
_WINDOWS_REGISTER = "forloeb"

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class SynthSummary:
    """What :func:`generate` wrote.

    ``injected`` counts the injected errors by ``"<register>.<kind>"`` (empty without
    ``errors``); ``csv_dialects`` gives each CSV file's (encoding, delimiter).
    """

    out_dir: Path
    fmt: str
    seed: int
    spells: int  # spells generated, before any injected rows
    paths: dict[str, Path] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    injected: dict[str, int] = field(default_factory=dict)
    csv_dialects: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def injected_by_kind(self) -> dict[str, int]:
        """Injected errors per kind, summed over the registers."""
        totals: dict[str, int] = {}
        for key, count in self.injected.items():
            kind = key.split(".", 1)[1]
            totals[kind] = totals.get(kind, 0) + count
        return totals

    @property
    def total_injected(self) -> int:
        return sum(self.injected.values())


def generate(
    out_dir: Path,
    *,
    seed: int = 7,
    spells: int | None = None,
    errors: bool = False,
    fmt: str = "csv",
    until: Month = DEFAULT_UNTIL,
    config: Config = _DEFAULT_CONFIG,
    progress: Progress | None = None,
) -> SynthSummary:
    """Write synthetic ``forloeb``, ``samtaler`` and ``tilbud`` files to ``out_dir``.

    ``spells=None`` is the real trial's scale (about 45,000 spells referred September
    2020 to January 2022, continuing to ``until``); ``spells=N`` gives N spells in the
    same shape. ``errors=True`` adds a sprinkle of every kind of bad input (SPEC §7).
    ``fmt`` is ``"csv"`` or ``"parquet"``. ``progress(stage, fraction)`` is called as
    the run advances; ``fraction`` (0..1) is of the whole run.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, got {fmt!r}")
    report = _Reporter(progress)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    world = build_world(config, until)
    spell_rng = np.random.default_rng([seed, 1])
    the_spells = generate_spells(spell_rng, world, spell_count(world, spells), config.akasser)
    keys = _IdKeys(np.random.default_rng([seed, 0]))
    summary = SynthSummary(out_dir=out_dir, fmt=fmt, seed=seed, spells=len(the_spells))

    report("forloeb", 0.0)
    table = _forloeb_table(the_spells, config, keys)
    with _writer(summary, FORLOEB, errors) as writer:
        if errors:
            table, counts = forloeb_errors(
                np.random.default_rng([seed, 4, 0]),
                as_text(table),
                lambda k: keys.forloeb(np.arange(len(the_spells), len(the_spells) + k)),
                world.last_day,
            )
            _count(summary, FORLOEB, counts)
        writer.write(table)
    summary.rows[FORLOEB.name] = writer.rows
    report("forloeb", 1.0)

    with _writer(summary, SAMTALER, errors) as writer:
        first_meeting = 0
        chunks = range(0, len(the_spells), CHUNK_SPELLS)
        for number, low in enumerate(chunks):
            chunk = slice(low, low + CHUNK_SPELLS)
            rng = np.random.default_rng([seed, 2, number])
            rows = conversations(rng, world, the_spells, chunk, first_meeting)
            first_meeting += rows.meetings
            table = _samtaler_table(rows, keys)
            if errors:
                table, counts = samtaler_errors(
                    np.random.default_rng([seed, 4, 1, number]), as_text(table), rows.meeting
                )
                _count(summary, SAMTALER, counts)
            writer.write(table)
            report("samtaler", (number + 1) / len(chunks))
    summary.rows[SAMTALER.name] = writer.rows

    offer_rows = offers(np.random.default_rng([seed, 3]), world, the_spells)
    table = _tilbud_table(offer_rows, keys)
    with _writer(summary, TILBUD, errors) as writer:
        if errors:
            table, counts = tilbud_errors(np.random.default_rng([seed, 4, 2]), as_text(table))
            _count(summary, TILBUD, counts)
        writer.write(table)
    summary.rows[TILBUD.name] = writer.rows
    report("tilbud", 1.0)
    return summary


class _IdKeys:
    """The seed's keys for each kind of id."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.keys = rng.integers(0, 2**62, 4).tolist()

    def forloeb(self, numbers: np.ndarray) -> pa.Array:
        return hex_ids(numbers, prefix="F", width=10, key=self.keys[0])

    def person(self, numbers: np.ndarray) -> pa.Array:
        return hex_ids(numbers, prefix="", width=16, key=self.keys[1])

    def samtale(self, numbers: np.ndarray) -> pa.Array:
        return hex_ids(numbers, prefix="S", width=10, key=self.keys[2])

    def tilbud(self, numbers: np.ndarray) -> pa.Array:
        return hex_ids(numbers, prefix="T", width=10, key=self.keys[3])


class _Reporter:
    """Turns a stage's own fraction into the whole run's fraction."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.offsets: dict[str, float] = {}
        done = 0.0
        for stage, share in _STAGE_SHARES.items():
            self.offsets[stage] = done
            done += share

    def __call__(self, stage: str, fraction: float) -> None:
        if self.progress is not None:
            overall = self.offsets[stage] + _STAGE_SHARES[stage] * fraction
            self.progress(stage, min(1.0, round(overall, 6)))


def _writer(summary: SynthSummary, register: Register, errors: bool) -> RegisterWriter:
    path = summary.out_dir / f"{register.name}.{summary.fmt}"
    schema = text_schema(register.schema) if errors else register.schema
    summary.paths[register.name] = path
    encoding, delimiter = "utf-8", ","
    if errors and register.name == _WINDOWS_REGISTER:
        encoding, delimiter = "cp1252", ";"
    if summary.fmt == "csv":
        summary.csv_dialects[register.name] = (encoding, delimiter)
    return RegisterWriter(path, summary.fmt, schema, encoding=encoding, delimiter=delimiter)


def _count(summary: SynthSummary, register: Register, counts: dict[str, int]) -> None:
    for kind, count in counts.items():
        key = f"{register.name}.{kind}"
        summary.injected[key] = summary.injected.get(key, 0) + count


def _forloeb_table(spells: Spells, config: Config, keys: _IdKeys) -> pa.Table:
    return pa.table(
        {
            "forloeb_id": keys.forloeb(np.arange(len(spells))),
            "person_id": keys.person(spells.person),
            "akasse": code_array(config.akasser, spells.akasse),
            "start_dato": date_array(spells.start),
            "slut_dato": date_array(spells.end, spells.ended),
            "slut_aarsag": code_array(REASON_CODES, spells.reason, spells.ended),
        }
    )


def _samtaler_table(rows: ConversationRows, keys: _IdKeys) -> pa.Table:
    return pa.table(
        {
            "samtale_id": keys.samtale(rows.meeting),
            "person_id": keys.person(rows.person),
            "dato": date_array(rows.day),
            "samtaletype": code_array(CONVERSATION_CODES, rows.kind),
            "individuel": pa.array(rows.individual, type=pa.bool_()),
        }
    )


def _tilbud_table(rows: OfferRows, keys: _IdKeys) -> pa.Table:
    return pa.table(
        {
            "tilbud_id": keys.tilbud(np.arange(len(rows.day))),
            "person_id": keys.person(rows.person),
            "start_dato": date_array(rows.day),
            "kategori": code_array(OFFER_CODES, rows.category),
        }
    )
