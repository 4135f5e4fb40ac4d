"""A release as a linear system: cells, quantities and the attacker's rows for a pattern.

*Quantities* are the unknowns an attacker reasons about: every count cell of the
release and every hidden cell the relations name (a numerator behind a share, or a
cell of a measure missing from the release). Shares, means and flags are not
quantities; published, they add rows (their value within its rounding).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from akassemonitor.catalogue import MEASURE_BY_ID
from akassemonitor.cells import KEY_COLUMNS
from akassemonitor.config import ALLE
from akassemonitor.measures.relations import (
    CellKey,
    Follows,
    Linear,
    MeanOfRatios,
    Ratio,
    Relation,
    grand_total_category,
)

ROUNDING_SLACK = 1e-9  # the 9-decimal step before publication rounding (SPEC §3)


@dataclass(frozen=True)
class Row:
    """``Σ coef · x[var] (== | <=) rhs`` over unknown quantities.

    ``sources``: release cells whose publication makes this row exist or fixes one of
    its constants: suppressing one of them changes the row (candidate complements).
    """

    vars: tuple[int, ...]
    coefs: tuple[float, ...]
    rhs: float
    equality: bool
    sources: tuple[int, ...]
    ident: tuple[int, int]  # (relation number, part) for caching
    # Each source's coefficient, were it an unknown (None: the row goes with it).
    source_coefs: tuple[float | None, ...] = ()


@dataclass
class Release:
    """The cells of a release, their kinds and the values an attacker reads."""

    keys: list[CellKey]  # release cells, then hidden quantities and prior cells
    n_cells: int  # the first n_cells keys are release cells
    kind: list[str]  # count / share / mean / flag / hidden / prior
    seen: np.ndarray  # the value as published (counts exact, others rounded); NaN if none
    index: dict[CellKey, int]
    relations: list[Relation]
    decimals: list[int]
    # Prior hidden counts the earlier release gave away on its own: nothing here can
    # protect them, so they are not attacked (the audit of that release shows them).
    exempt: frozenset[int] = frozenset()
    # The attacker's rows of the last pattern written (attacker_rows keeps them here).
    rows_book: _RowsBook | None = field(default=None, init=False, repr=False, compare=False)

    @cached_property
    def fokus_means(self) -> list[tuple[int, list[int]]]:
        """Each fokus mean (``MeanOfRatios``): its cell and its cohorts' cells."""
        return [
            (self.index[rel.cell], [self.index[d] for _, d in rel.parts])
            for rel in self.relations if isinstance(rel, MeanOfRatios)
        ]

    @classmethod
    def build(
        cls,
        frame: pd.DataFrame,
        seen: np.ndarray,
        relations: Sequence[Relation],
        prior: dict[CellKey, float] | None = None,
    ) -> Release:
        """``prior``: cells of an earlier release the relations name (value, or NaN when
        it was hidden there): fixed knowledge, never suppressed here."""
        keys: list[CellKey] = [
            tuple(k) for k in frame[KEY_COLUMNS].itertuples(index=False, name=None)
        ]  # type: ignore[misc]
        kind: list[str] = [MEASURE_BY_ID[k[0]].kind for k in keys]
        decimals = [MEASURE_BY_ID[k[0]].decimals or 0 for k in keys]
        index = {k: i for i, k in enumerate(keys)}
        n_cells = len(keys)
        for key in _named_keys(relations):
            if key not in index:
                index[key] = len(keys)
                keys.append(key)
                kind.append("hidden")
                decimals.append(0)
        values = np.full(len(keys), np.nan)
        values[:n_cells] = seen
        for key, value in (prior or {}).items():
            i = index.get(key)
            if i is None or i < n_cells:
                continue  # named by no relation, or a cell of this release
            kind[i] = "prior"
            decimals[i] = MEASURE_BY_ID[key[0]].decimals or 0
            values[i] = value
        return cls(keys, n_cells, kind, values, index, list(relations), decimals)

    def single_parts(self) -> list[tuple[int, int]]:
        """(share or mean cell, its numerator or denominator) for every ratio of the
        release whose numerator or denominator is one cell: hiding that cell must hide
        the ratio (SPEC §5)."""
        pairs = []
        for rel in self.relations:
            if not isinstance(rel, Ratio):
                continue
            cell = self.index[rel.cell]
            if cell >= self.n_cells:
                continue
            for terms in (rel.numerator, rel.denominator):
                if len(terms) == 1:
                    part = self.index[terms[0][0]]
                    if part < self.n_cells:
                        pairs.append((cell, part))
        return pairs

    def prior_hidden_counts(self) -> list[int]:
        """Counts an earlier release hid: this one must not give them away either."""
        return [
            i for i in range(self.n_cells, len(self.keys))
            if self.kind[i] == "prior" and np.isnan(self.seen[i])
            and MEASURE_BY_ID[self.keys[i][0]].kind == "count" and i not in self.exempt
        ]

    def is_count(self, i: int) -> bool:
        return self.kind[i] == "count"

    def is_grand_total(self, i: int) -> bool:
        measure, _, akasse, category = self.keys[i]
        if i >= self.n_cells or akasse != ALLE:
            return False
        return grand_total_category(MEASURE_BY_ID[measure]) == category


def _named_keys(relations: Sequence[Relation]) -> list[CellKey]:
    keys: list[CellKey] = []
    for rel in relations:
        if isinstance(rel, Linear):
            keys.extend(k for k, _ in rel.terms)
        elif isinstance(rel, Ratio):
            keys.append(rel.cell)
            keys.extend(k for k, _ in rel.numerator)
            keys.extend(k for k, _ in rel.denominator)
        elif isinstance(rel, MeanOfRatios):
            keys.append(rel.cell)
            for n, d in rel.parts:
                keys.extend((n, d))
        else:
            keys.extend((rel.cell, rel.leader))
    return keys


def attacker_rows(
    release: Release,
    suppressed: np.ndarray,
    threshold: int,
    substituted: Mapping[int, float] | None = None,
) -> list[Row]:
    """The rows an attacker can write down when the cells in ``suppressed`` are hidden.

    ``substituted``: hidden cohorts the attacker has determined (value by quantity): a
    fokus mean whose hidden cohorts are all determined is linear again (mean × cohort
    = sum), so its rows join the system with the determined values."""
    unknown = np.ones(len(release.keys), dtype=bool)
    unknown[: release.n_cells] = suppressed[: release.n_cells]
    unknown[release.n_cells :] = np.isnan(release.seen[release.n_cells :])  # prior: known
    substituted = substituted or {}
    book = release.rows_book
    if book is None or book.threshold != threshold:
        book = release.rows_book = _RowsBook.of(release, threshold)
    # Incremental: a relation's rows depend only on which of its cells are unknown (and,
    # for a fokus mean, on the substituted cohorts), so only the relations naming a
    # cell whose status changed since the last call are written again.
    if book.unknown is None:
        todo: list[int] = list(range(len(release.relations)))
    else:
        changed = np.flatnonzero(unknown != book.unknown)
        todo = sorted({r for c in changed.tolist() for r in book.of_quantity[c]}
                      | book.means)
    for number in todo:
        book.rows[number] = _relation_rows(release, unknown, number, threshold, substituted)
    book.unknown = unknown
    return [row for rows in book.rows for row in rows]


@dataclass
class _RowsBook:
    """The rows of each relation under the last pattern written (see attacker_rows)."""

    threshold: int
    rows: list[list[Row]]
    of_quantity: list[list[int]]  # relations naming each quantity
    means: set[int]  # fokus means: written again every time (substituted cohorts)
    unknown: np.ndarray | None = None

    @classmethod
    def of(cls, release: Release, threshold: int) -> _RowsBook:
        of_quantity: list[list[int]] = [[] for _ in release.keys]
        for number, rel in enumerate(release.relations):
            for i in sorted({release.index[k] for k in _named_keys([rel])}):
                of_quantity[i].append(number)
        means = {n for n, rel in enumerate(release.relations) if isinstance(rel, MeanOfRatios)}
        return cls(threshold, [[] for _ in release.relations], of_quantity, means)


def _relation_rows(
    release: Release, unknown: np.ndarray, number: int, threshold: int,
    substituted: Mapping[int, float],
) -> list[Row]:
    rel = release.relations[number]
    if isinstance(rel, Linear):
        terms = [(release.index[k], c) for k, c in rel.terms]
        row = _row(release, unknown, terms, 0.0, rel.sense == "eq", (), (number, 0))
        return [row] if row else []
    if isinstance(rel, Ratio):
        return _ratio_rows(release, unknown, rel, number, threshold)
    if isinstance(rel, MeanOfRatios):
        return _mean_rows(release, unknown, rel, number, substituted)
    assert isinstance(rel, Follows)
    return []


def _row(
    release: Release,
    unknown: np.ndarray,
    terms: list[tuple[int, float]],
    constant: float,
    equality: bool,
    extra_sources: tuple[int, ...],
    ident: tuple[int, int],
) -> Row | None:
    """``Σ terms + constant (== | >=) 0`` as a row over the unknowns, or None if none."""
    merged: dict[int, float] = {}
    sources = list(extra_sources)
    known: dict[int, float] = {}
    for i, c in terms:
        if unknown[i]:
            merged[i] = merged.get(i, 0.0) + c
        else:
            constant += c * release.seen[i]
            known[i] = known.get(i, 0.0) + c
    sign = 1.0 if equality else -1.0
    coefs_of_sources: list[float | None] = [None] * len(sources)
    for i, c in known.items():
        sources.append(i)
        coefs_of_sources.append(sign * c)
    merged = {i: c for i, c in merged.items() if abs(c) > 1e-12}
    if not merged:
        return None
    vars_ = tuple(sorted(merged))
    coefs = tuple(merged[i] for i in vars_)
    if equality:
        return Row(vars_, coefs, -constant, True, tuple(sources), ident,
                   tuple(coefs_of_sources))
    # Σ c x + K ≥ 0  ⇔  -Σ c x ≤ K
    return Row(vars_, tuple(-c for c in coefs), constant, False, tuple(sources), ident,
               tuple(coefs_of_sources))


def _ratio_rows(
    release: Release, unknown: np.ndarray, rel: Ratio, number: int, threshold: int
) -> list[Row]:
    cell = release.index[rel.cell]
    if unknown[cell] or np.isnan(release.seen[cell]):
        return []
    den = [(release.index[k], c) for k, c in rel.denominator]
    out = []
    # A published share or mean reveals that its denominator is above the threshold.
    if den:
        row = _row(release, unknown, den, -(threshold + 1.0), False, (cell,), (number, 0))
        if row:
            out.append(row)
    if not rel.numerator:
        return out
    value = float(release.seen[cell])
    delta = 0.5 * 10.0 ** -release.decimals[cell] + ROUNDING_SLACK
    num = [(release.index[k], c) for k, c in rel.numerator]
    # (v+δ)·D − N ≥ 0 and N − (v−δ)·D ≥ 0
    upper = [(i, c * (value + delta)) for i, c in den] + [(i, -c) for i, c in num]
    lower = [(i, c) for i, c in num] + [(i, -c * (value - delta)) for i, c in den]
    for part, terms in ((1, upper), (2, lower)):
        row = _row(release, unknown, terms, 0.0, False, (cell,), (number, part))
        if row:
            out.append(row)
    return out


def _mean_rows(
    release: Release, unknown: np.ndarray, rel: MeanOfRatios, number: int,
    substituted: Mapping[int, float],
) -> list[Row]:
    """A published mean of monthly shares is linear in the numerators once every
    denominator is known: published, or hidden and determined by the published cells
    (``substituted``); with an undetermined denominator it is not, and we leave it out."""
    cell = release.index[rel.cell]
    if unknown[cell] or np.isnan(release.seen[cell]):
        return []
    parts = [(release.index[n], release.index[d]) for n, d in rel.parts]
    if any(unknown[d] and d not in substituted for _, d in parts):
        return []

    def cohort(d: int) -> float:
        return float(substituted[d]) if unknown[d] else float(release.seen[d])

    live = [(n, cohort(d)) for n, d in parts if cohort(d) > 0]
    if not live:
        return []
    value = float(release.seen[cell])
    delta = 0.5 * 10.0 ** -release.decimals[cell] + ROUNDING_SLACK
    k = len(live)
    shares = [(n, 1.0 / d) for n, d in live]
    out = []
    for part, terms, constant in (
        (1, [(n, -c) for n, c in shares], k * (value + delta)),
        (2, shares, -k * (value - delta)),
    ):
        row = _row(release, unknown, terms, constant, False, (cell,), (number, part))
        if row:
            out.append(row)
    return out
