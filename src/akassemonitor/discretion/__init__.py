"""Disclosure control (diskretionering, SPEC §5): primary, secondary, and the attacker's audit.

The pipeline, after sdcTable: the release as a linear system (cells and the relations
declared in :mod:`akassemonitor.measures.relations`) → primary suppression (STAR's
rule) → secondary suppression over the whole release at once → the audit, which
attacks every hidden count with linear programs and is the release gate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import numpy as np
import pandas as pd

from akassemonitor.catalogue import MEASURE_BY_ID
from akassemonitor.cells import KEY_COLUMNS, ExactCells, PublishedCells, round_half_away
from akassemonitor.config import Config
from akassemonitor.discretion._attack import Interval
from akassemonitor.discretion._method import METHODS, secondary
from akassemonitor.discretion._prior import prior_knowledge
from akassemonitor.discretion._protect import (
    LeakError,
    Problem,
    attack,
    follow_flags,
    given_away,
    primary_mask,
)
from akassemonitor.discretion._system import Release
from akassemonitor.measures.relations import Period, release_relations

__all__ = [
    "METHODS",
    "AuditReport",
    "CellInterval",
    "Disclosure",
    "InformationLoss",
    "LeakError",
    "Status",
    "audit",
    "disclose",
    "discretion_note_da",
    "hidden_share_da",
    "information_loss_da",
    "read_release",
]


@dataclass(frozen=True)
class CellInterval:
    """One hidden count and what the attacker can narrow it to."""

    measure: str
    month: str
    akasse: str
    category: str
    lo: float
    hi: float  # inf: unbounded above
    leak: bool

    @property
    def interval_text(self) -> str:
        hi = "∞)" if math.isinf(self.hi) else f"{int(self.hi)}]"
        return f"[{int(self.lo)}, {hi}"


@dataclass(frozen=True)
class AuditReport:
    """The attacker's intervals for every hidden count of a release."""

    intervals: tuple[CellInterval, ...]
    suppressed: int  # every suppressed cell, counts, shares, means and flags
    width: int

    @property
    def leaks(self) -> tuple[CellInterval, ...]:
        """Hidden counts narrowed below the protection width (or determined exactly)."""
        return tuple(c for c in self.intervals if c.leak)

    @property
    def ok(self) -> bool:
        return not self.leaks

    def summary(self) -> str:
        """One line: how many cells are hidden, how many leak."""
        verdict = "no leaks" if self.ok else f"{len(self.leaks)} LEAK(S)"
        return (
            f"{self.suppressed} cells suppressed ({len(self.intervals)} counts attacked, "
            f"protection width {self.width}): {verdict}"
        )

    def rows(self, limit: int | None = None) -> list[tuple[str, str, str, str, str, str]]:
        """(measure, month, akasse, category, interval, leak) for printing: every cell,
        leaks first; with ``limit``, the ``limit`` narrowest (leaks first)."""
        if limit is None:
            ordered = sorted(self.intervals, key=lambda c: (not c.leak, c.measure, c.month,
                                                             c.akasse, c.category))
        else:
            ordered = self.narrowest(limit)
        return [
            (c.measure, c.month, c.akasse, c.category, c.interval_text,
             "LEAK" if c.leak else "")
            for c in ordered
        ]

    def narrowest(self, n: int = 10) -> list[CellInterval]:
        """The ``n`` narrowest intervals, leaks first (ties in key order)."""
        return sorted(self.intervals, key=lambda c: (not c.leak, c.hi - c.lo, c.measure,
                                                     c.month, c.akasse, c.category))[:n]

    def counts(self) -> str:
        """One line: hidden cells, counts attacked, leaks, intervals wider than the width."""
        unbounded = sum(math.isinf(c.hi) for c in self.intervals)
        return (
            f"{self.suppressed} hidden cells, {len(self.intervals)} hidden counts attacked: "
            f"{len(self.leaks)} leak(s), {unbounded} unbounded above"
        )

    def write_csv(self, path: Path) -> None:
        """Every interval: measure, month, akasse, category, lo, hi (empty: unbounded),
        leak (true/false), in key order."""
        frame = pd.DataFrame(
            [(c.measure, c.month, c.akasse, c.category, int(c.lo),
              None if math.isinf(c.hi) else int(c.hi), c.leak) for c in self.intervals],
            columns=[*KEY_COLUMNS, "lo", "hi", "leak"],
        )
        frame["hi"] = frame["hi"].astype("Int64")
        frame.to_csv(path, index=False)


class Status(StrEnum):
    """One status per cell, as sdcTable's codes."""

    PUBLISHED = "s"  # shown
    PRIMARY = "u"  # hidden by STAR's rule (small count, share of a small denominator)
    SECONDARY = "x"  # hidden to protect another cell (or because last month hid it)
    KEPT = "z"  # shown because last month's release showed it (never a complement)

    @property
    def hidden(self) -> bool:
        return self in (Status.PRIMARY, Status.SECONDARY)


@dataclass(frozen=True)
class TableLoss:
    """What suppression took from one table (measure): cells and counts hidden."""

    cells: int  # cells of the table
    hidden: int  # hidden cells (every kind)
    primary: int
    secondary: int
    hidden_value: float  # Σ true value of the hidden counts
    secondary_value: float  # Σ true value of the secondary counts (the method's cost)


@dataclass(frozen=True)
class InformationLoss:
    """Hidden cells and their summed value, by table, for a release.

    The values and the primary/secondary split are internal: together with the
    published cells, the sum of a table's hidden counts is one more equation for the
    attacker (a sum of 0 gives every hidden cell away). :meth:`public` keeps what the
    published cells show anyway (how many cells carry a ``*``).
    """

    tables: dict[str, TableLoss]

    @property
    def hidden(self) -> int:
        return sum(t.hidden for t in self.tables.values())

    @property
    def secondary(self) -> int:
        return sum(t.secondary for t in self.tables.values())

    @property
    def hidden_value(self) -> float:
        return float(sum(t.hidden_value for t in self.tables.values()))

    @property
    def secondary_value(self) -> float:
        return float(sum(t.secondary_value for t in self.tables.values()))

    def internal(self) -> dict[str, object]:
        """Everything, as plain JSON-ready data (for the internal folder)."""
        return {
            "hidden": self.hidden,
            "secondary": self.secondary,
            "hidden_value": self.hidden_value,
            "secondary_value": self.secondary_value,
            "tables": {m: t.__dict__.copy() for m, t in sorted(self.tables.items())},
        }

    def public(self) -> dict[str, object]:
        """What may go in a handed-out manifest: hidden cells by table (no values, no
        primary/secondary split)."""
        return {
            "hidden": self.hidden,
            "cells": sum(t.cells for t in self.tables.values()),
            "tables": {
                m: {"cells": t.cells, "hidden": t.hidden} for m, t in sorted(self.tables.items())
            },
        }

    @classmethod
    def of(cls, status: pd.DataFrame, value: np.ndarray) -> InformationLoss:
        kinds = status.measure.map(lambda m: MEASURE_BY_ID[m].kind).to_numpy()
        counts = np.nan_to_num(np.where(kinds == "count", value.astype(float), 0.0))
        code = status.status.to_numpy()
        tables: dict[str, TableLoss] = {}
        for measure, rows in status.groupby("measure", sort=True).indices.items():
            hidden = np.isin(code[rows], (Status.PRIMARY, Status.SECONDARY))
            second = code[rows] == Status.SECONDARY
            tables[str(measure)] = TableLoss(
                cells=len(rows),
                hidden=int(hidden.sum()),
                primary=int((code[rows] == Status.PRIMARY).sum()),
                secondary=int(second.sum()),
                hidden_value=float(counts[rows][hidden].sum()),
                secondary_value=float(counts[rows][second].sum()),
            )
        return cls(tables)


@dataclass(frozen=True)
class Disclosure:
    """The result of disclosure control.

    ``published`` holds nothing that tells primary from secondary cells; the split is
    only in the status (:meth:`suppression_frame`) and in ``loss`` (internal).
    ``method``: what made the pattern, ``"primary"`` (STAR's rule only), ``"exact"``
    (every independent group solved exactly), ``"heuristic"`` or ``"exact+heuristic"``
    (some groups exactly, the others by the heuristic).
    """

    published: PublishedCells
    mode: str
    method: str
    audit: AuditReport | None
    loss: InformationLoss
    _status: pd.DataFrame = field(repr=False)  # keys and status code; internal
    unlocked: int = 0  # cells published last month hidden now, as a last resort

    @property
    def primary(self) -> int:
        return int((self._status.status == Status.PRIMARY).sum())

    @property
    def secondary(self) -> int:
        return int((self._status.status == Status.SECONDARY).sum())

    def suppression_frame(self) -> pd.DataFrame:
        """Internal: each cell's :class:`Status` code (``measure, month, akasse,
        category, status``; s published, u primary, x secondary, z kept published from
        last month). Never published: it says which hidden cells are small."""
        return self._status.copy()


def disclose(
    exact: ExactCells,
    config: Config,
    *,
    previous: PublishedCells | None = None,
    method: str = "auto",
) -> Disclosure:
    """Suppress the cells of a release by ``config.disclosure.mode``.

    ``primary``: STAR's rule only. ``secondary`` (default): also complementary cells,
    chosen over the whole release, kept in line with ``previous`` (last month's
    release), and audited; raises :class:`LeakError` if the audit still finds a leak.
    ``method`` (secondary mode): ``auto`` (the exact method on each independent group
    of at most ``EXACT_MAX_CELLS`` free cells it solves within its work budget, the
    heuristic on the rest), ``exact`` (no limit on a group's cells) or ``heuristic``;
    ``Disclosure.method`` names what made the pattern: ``exact``, ``heuristic`` or
    ``exact+heuristic`` (a group whose budget is spent goes to the heuristic).
    """
    if method not in METHODS:
        raise ValueError(f"--method must be one of {', '.join(METHODS)}, got {method!r}")
    frame = exact.frame.reset_index(drop=True)
    settings = config.disclosure
    seen = _seen_values(frame)
    release = _build(frame, seen, config, previous)
    primary = follow_flags(release, _pad(primary_mask(frame, settings.threshold), release))
    suppressed = primary.copy()
    keep_published = np.zeros(len(frame), dtype=bool)
    report = None
    ran = "primary"
    if settings.mode == "secondary":
        keep_published, keep_suppressed = _previous_pattern(frame, previous)
        suppressed |= _pad(keep_suppressed, release)
        problem = Problem.of(
            release, _pad(frame.value.to_numpy(float), release), suppressed,
            keep_published, settings.threshold, settings.width,
        )
        suppressed, ran = secondary(problem, method)
        suppressed, report = _gate(problem, suppressed, config)
    hidden = suppressed[: release.n_cells]
    first = primary[: release.n_cells]
    unlocked = int((hidden & keep_published & ~first).sum())
    status = frame[KEY_COLUMNS].copy()
    status["status"] = np.select(
        [hidden & first, hidden, keep_published],
        [Status.PRIMARY.value, Status.SECONDARY.value, Status.KEPT.value],
        Status.PUBLISHED.value,
    )
    published = frame[KEY_COLUMNS].copy()
    published["value"] = np.where(hidden, np.nan, seen)
    published["suppressed"] = hidden
    return Disclosure(
        published=PublishedCells(published),
        mode=settings.mode,
        method=ran,
        audit=report,
        loss=InformationLoss.of(status, frame.value.to_numpy(float)),
        _status=status,
        unlocked=unlocked,
    )


def audit(
    published: PublishedCells, config: Config, *, previous: PublishedCells | None = None
) -> AuditReport:
    """Attack a release from its published cells and the relations only; with
    ``previous`` (last month's release) also by differencing the two."""
    frame = published.frame.reset_index(drop=True)
    seen = np.where(frame.suppressed.to_numpy(bool), np.nan, frame.value.to_numpy(float))
    release = _build(frame, seen, config, previous)
    suppressed = _pad(frame.suppressed.to_numpy(bool), release)
    return _audit_release(release, suppressed, config, exact=True)


def read_release(directory: Path) -> PublishedCells:
    """``published.csv`` of a release folder, with ``published_bilag.csv`` when present."""
    directory = Path(directory)
    main = directory / "published.csv"
    if not main.is_file():
        raise FileNotFoundError(
            f"{directory}: no published.csv here; point to the --out folder of "
            "'akassemonitor measures'"
        )
    frames = [PublishedCells.read_csv(main).frame]
    bilag = directory / "published_bilag.csv"
    if bilag.is_file():
        frames.append(PublishedCells.read_csv(bilag).frame)
    return PublishedCells(pd.concat(frames, ignore_index=True))


def discretion_note_da(config: Config) -> str:
    """The report's discretion note, in Danish, stating the rule in force."""
    settings = config.disclosure
    threshold = settings.threshold
    words = _DANISH_NUMBERS.get(threshold, str(threshold))
    first = (
        f"Opgørelsen er diskretioneret. Såfremt der er {words} eller færre personer i en "
        "given kombination, er antallet erstattet med tegnet *. Ligeledes er observationen "
        "0 erstattet med *. Andele og gennemsnit vises kun, når de bygger på flere end "
        f"{words} personer."
    )
    if settings.mode == "primary":
        return first
    return (
        f"{first} Desuden er andre tal erstattet med * (sekundær diskretionering), så et "
        "skjult tal ikke kan regnes ud ved at trække tal og totaler fra hinanden, heller "
        "ikke på tværs af tabeller og måneder: ethvert skjult antal kan højst indsnævres "
        f"til et interval af bredde {settings.width}. Totalen for alle a-kasser skjules kun, "
        "hvis den selv er lille, eller hvis intet andet tal kan beskytte et skjult tal. Et "
        "tal, der var skjult i sidste måneds opgørelse, er det også nu; et tal, der var "
        "vist, vises også nu, medmindre kun det kan beskytte et skjult tal."
    )


def information_loss_da(loss: InformationLoss) -> str:
    """The report annex's sentence on what suppression hid, in Danish: only what the
    published cells show anyway (how many cells carry a ``*``), never their values."""
    public = loss.public()
    return hidden_share_da(int(public["hidden"]), int(public["cells"]))  # type: ignore[call-overload]


def hidden_share_da(hidden: int, total: int) -> str:
    """The annex's information-loss sentence from the ``*``s of a release (what the
    published cells show anyway), in Danish."""
    share = 100.0 * hidden / total if total else 0.0
    return (
        f"I alt er {_danish_int(hidden)} af opgørelsens {_danish_int(total)} tal erstattet "
        f"med * ({f'{share:.1f}'.replace('.', ',')} %)."
    )


def _danish_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


_DANISH_NUMBERS = {0: "nul", 1: "en", 2: "to", 3: "tre", 4: "fire", 5: "fem"}


def _build(
    frame: pd.DataFrame, seen: np.ndarray, config: Config, previous: PublishedCells | None
) -> Release:
    """The release's system, with last month's period cells as the attacker's knowledge."""
    period = _period(frame, config)
    relations = release_relations(period)
    prior = None
    if previous is not None:
        before = previous.frame.reset_index(drop=True)
        prior = prior_knowledge(previous, _period(before, config), period.report_month)
    if prior is None:
        return Release.build(frame, seen, relations)
    release = Release.build(frame, seen, relations + prior.relations, prior.values)
    # Hidden counts of last month that its own release already gave away are not ours
    # to protect (nothing we hide can undo that): attack them with every cell of this
    # release hidden, and leave out those that still leak.
    settings = config.disclosure
    everything = np.ones(len(release.keys), dtype=bool)
    intervals, _ = attack(release, everything, settings.threshold, settings.width,
                          exact=False, skip=set(range(release.n_cells)))
    release.exempt = frozenset(
        i for i, iv in intervals.items()
        if i >= release.n_cells and iv.leaks(settings.width, settings.threshold)
    )
    return release


def _gate(
    problem: Problem, suppressed: np.ndarray, config: Config
) -> tuple[np.ndarray, AuditReport]:
    """The release gate, and no needless ``*``: a hidden count the published cells
    determine exactly is published (:func:`given_away`), and the gate runs again on
    the new pattern. Raises :class:`LeakError` on a leak.

    The attacker substitutes determined cohorts into their fokus means, so publishing
    a determined cell (a cohort included) leaves his system as it was; only a cell
    determined once the bounds are rounded to integers tells him more published, and
    then the last safe pattern stands. The gate needs the verdict only: a cell two
    feasible points spread by the protection width is proven safe without its own LPs
    (same verdict, ~10x faster); every other cell gets its full interval, so a
    determined one is always seen.
    """
    settings = config.disclosure
    release = problem.release
    passes = 4  # publishing fixes what was fixed already: one more pass, as a rule
    safe: tuple[np.ndarray, AuditReport] | None = None  # the last pattern that passed
    while True:
        intervals, _ = attack(release, suppressed, settings.threshold, settings.width,
                              exact=False, points=problem.points, truth=problem.truth)
        report = _report(release, intervals, suppressed, settings.width, settings.threshold)
        if not report.ok:
            if safe is None:
                raise LeakError(f"secondary suppression left leaks: {report.leaks[:5]}")
            return safe
        safe = suppressed, report
        passes -= 1
        determined = given_away(problem, suppressed, intervals) if passes else []
        if not determined:
            return safe
        suppressed = suppressed.copy()
        suppressed[determined] = False


def _report(
    release: Release, intervals: dict[int, Interval], suppressed: np.ndarray, width: int,
    threshold: int,
) -> AuditReport:
    cells = tuple(
        _cell_interval(release.keys[i], iv, width, threshold)
        for i, iv in sorted(intervals.items(), key=lambda item: release.keys[item[0]])
    )
    return AuditReport(cells, int(suppressed[: release.n_cells].sum()), width)


def _audit_release(
    release: Release, suppressed: np.ndarray, config: Config, *, exact: bool
) -> AuditReport:
    """``exact``: every interval is the attacker's full interval; otherwise a safe cell
    may carry an inner interval (the feasible points that proved it safe)."""
    settings = config.disclosure
    intervals, _ = attack(release, suppressed, settings.threshold, settings.width, exact=exact)
    return _report(release, intervals, suppressed, settings.width, settings.threshold)


def _cell_interval(
    key: tuple[str, str, str, str], iv: Interval, width: int, threshold: int
) -> CellInterval:
    return CellInterval(*key, lo=iv.lo, hi=iv.hi, leak=iv.leaks(width, threshold))


def _period(frame: pd.DataFrame, config: Config) -> Period:
    """The release's months: those of its monthly cells (else its report month)."""
    monthly = frame.measure.map(lambda m: MEASURE_BY_ID[m].month != "none")
    months = sorted(set(frame.month[monthly]) - {""})
    if not months:
        months = [str(config.trial_start)]
    return Period.of(config, months)


def _seen_values(frame: pd.DataFrame) -> np.ndarray:
    """What a reader sees of each cell: counts exact, shares and means rounded."""
    out = np.empty(len(frame))
    for i, (measure, value) in enumerate(zip(frame.measure, frame.value, strict=True)):
        decimals = MEASURE_BY_ID[measure].decimals
        if value is None or pd.isna(value):
            out[i] = np.nan
        elif decimals is None:
            out[i] = float(value)
        else:
            out[i] = round_half_away(float(value), decimals)
    return out


def _pad(mask: np.ndarray, release: Release) -> np.ndarray:
    """A per-cell array extended over the release's hidden quantities (always unknown)."""
    out = np.ones(len(release.keys), dtype=mask.dtype) if mask.dtype == bool else np.full(
        len(release.keys), np.nan
    )
    out[: release.n_cells] = mask
    return out


def _previous_pattern(
    frame: pd.DataFrame, previous: PublishedCells | None
) -> tuple[np.ndarray, np.ndarray]:
    """Monthly cells keep last month's status (published stays published, hidden stays
    hidden). Period cells (no month) are new figures every month and are not tied."""
    keep_published = np.zeros(len(frame), dtype=bool)
    keep_suppressed = np.zeros(len(frame), dtype=bool)
    if previous is None:
        return keep_published, keep_suppressed
    before = previous.frame
    monthly = before[before.measure.map(lambda m: MEASURE_BY_ID[m].month == "period")]
    status = dict(
        zip(
            monthly[KEY_COLUMNS].itertuples(index=False, name=None),
            monthly.suppressed.astype(bool),
            strict=True,
        )
    )
    for i, key in enumerate(frame[KEY_COLUMNS].itertuples(index=False, name=None)):
        was = status.get(key)
        if was is True:
            keep_suppressed[i] = True
        elif was is False:
            keep_published[i] = True
    return keep_published, keep_suppressed
