"""Primary suppression (STAR's rule) and secondary suppression over the whole release."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from akassemonitor.catalogue import MEASURE_BY_ID
from akassemonitor.discretion._attack import (
    Interval,
    Points,
    attack_component,
    components,
    feasible_point,
)
from akassemonitor.discretion._system import Release, Row, attacker_rows
from akassemonitor.measures.relations import Follows, Linear, MeanOfRatios, Ratio

MAX_COMPLEMENTS = 20_000  # a safety stop; a trial-scale release needs a few hundred
PRUNE_TRIES = 8  # attacks the prune step may spend (each re-attacks the changed components)
# Small releases: each complement, dearest first, is tried published again (an attack
# each); the work grows with the release, so only up to this many eligible cells.
REDUNDANT_MAX_CELLS = 600
REDUNDANT_TRIES = 60
# Complements a round may add to one binding row (for different leaks): one each made
# the rounds many (23 whole-release rounds at 500 spells with --previous, each
# re-attacking the leaks); two cut the CPU time by about a sixth there, with as many
# secondary cells and the same summed value.
PER_ROW = 2


class LeakError(Exception):
    """Secondary suppression could not protect a cell, or its own audit found a leak."""


def primary_mask(frame: pd.DataFrame, threshold: int) -> np.ndarray:
    """STAR's rule: counts ≤ threshold (zero included); shares and means whose
    denominator is not above the threshold (0/0 included). Flags follow via relations."""
    kinds = frame.measure.map(lambda m: MEASURE_BY_ID[m].kind)
    value = frame.value.astype(float)
    denominator = frame.denominator.astype(float)
    count = (kinds == "count") & (value <= threshold)
    ratio = kinds.isin(["share", "mean"]) & (
        value.isna() | denominator.isna() | (denominator <= threshold)
    )
    return (count | ratio).to_numpy(dtype=bool)


def follow_flags(release: Release, suppressed: np.ndarray) -> np.ndarray:
    """A flag is published exactly when its leader is (fokus_opfyldt)."""
    out = suppressed.copy()
    for rel in release.relations:
        if isinstance(rel, Follows):
            cell, leader = release.index[rel.cell], release.index[rel.leader]
            if cell < release.n_cells and leader < release.n_cells:
                out[cell] = out[leader]
    return out


def close_ratios(release: Release, suppressed: np.ndarray) -> np.ndarray:
    """A share or mean goes with its numerator or denominator when that is one hidden
    count (SPEC §5 and the issue's rule 6); then flags follow their leaders."""
    out = suppressed.copy()
    for cell, part in release.single_parts():
        if out[part]:
            out[cell] = True
    return follow_flags(release, out)


@dataclass
class AttackCache:
    """Component results keyed by the component's quantities and rows: a component that
    did not change since the last round is not attacked again."""

    # (quantities, row idents, protected, exact, want_binding) → intervals, the
    # component's extreme points, and whether they went to a points book already
    results: dict[tuple[object, ...], tuple[dict[int, Interval], list[np.ndarray], bool]]

    @classmethod
    def empty(cls) -> AttackCache:
        return cls({})


def attack(
    release: Release,
    suppressed: np.ndarray,
    threshold: int,
    width: int,
    *,
    exact: bool,
    want_binding: bool = False,
    cache: AttackCache | None = None,
    local: bool = False,
    skip: set[int] | frozenset[int] = frozenset(),
    points: Points | None = None,
    given: dict[int, Interval] | None = None,
    truth: np.ndarray | None = None,
) -> tuple[dict[int, Interval], list[Row]]:
    """Intervals of every hidden count cell of the release, and the rows used.

    ``local``: attack each month's rows (and the period's) apart. A weaker attacker,
    so its intervals are wider: a leak it finds is a real leak, and its small LPs are
    fast. Secondary suppression mends those first; the release gate is never local.
    ``skip``: cells not to attack (already proven safe under a smaller pattern).
    ``points``: feasible points of earlier attacks to seed from, each checked against
    this attack's rows (see :class:`Points`); this attack adds its own. ``given``:
    intervals still valid from an earlier attack of skipped cells (a cohort among them
    that is determined is substituted too). ``truth``: a point feasible under every
    pattern (the true values, see :func:`true_point`): a seed point of every component,
    and the value a point of ``points`` takes where it holds none.
    """
    protected_all: set[int] = {
        int(i) for i in np.flatnonzero(suppressed[: release.n_cells])
        if release.is_count(int(i)) and int(i) not in skip
    } | {i for i in release.prior_hidden_counts() if i not in skip}
    cohorts = _hidden_cohorts(release, suppressed)
    given = given or {}
    # Substitution: a hidden cohort the published cells determine is known to the
    # attacker, and a published fokus mean over known cohorts is linear (mean × cohort
    # = sum). Attack, substitute what is newly determined, attack again (unchanged
    # components come from the cache) until nothing new is determined.
    substituted: dict[int, float] = {}
    cache = cache if cache is not None else AttackCache.empty()
    while True:
        rows = attacker_rows(release, suppressed, threshold, substituted)
        intervals = _attack_rows(release, rows, protected_all, width, exact=exact,
                                 want_binding=want_binding, cache=cache, local=local,
                                 points=points, truth=truth)
        new = {}
        for d in cohorts - substituted.keys():
            iv = intervals.get(d) or given.get(d)
            if iv is not None and iv.hi == iv.lo:
                new[d] = iv.lo
        if not new:
            return intervals, rows
        substituted.update(new)


def _hidden_cohorts(release: Release, suppressed: np.ndarray) -> set[int]:
    """Hidden cohorts (denominators) of the fokus means the attacker reads."""
    out: set[int] = set()
    for cell, dens in release.fokus_means:
        shown = not np.isnan(release.seen[cell]) and (
            cell >= release.n_cells or not suppressed[cell])
        if shown:
            out.update(d for d in dens if d < release.n_cells and suppressed[d])
    return out


def _attack_rows(
    release: Release,
    rows: list[Row],
    protected_all: set[int],
    width: int,
    *,
    exact: bool,
    want_binding: bool,
    cache: AttackCache,
    local: bool,
    points: Points | None,
    truth: np.ndarray | None,
) -> dict[int, Interval]:
    blocks: dict[str, list[int]] = {}
    for number, row in enumerate(rows):
        block = _block_of(release, row) if local else ""
        blocks.setdefault(block, []).append(number)
    intervals: dict[int, Interval] = {}
    in_rows: set[int] = set()
    for block in sorted(blocks):
        for quantities, row_numbers in components(rows, blocks[block]):
            in_rows.update(quantities)
            protected = [v for v in quantities if v in protected_all]
            if not protected:
                continue
            signature = (tuple(quantities), tuple(sorted(rows[r].ident for r in row_numbers)),
                         tuple(protected), exact, want_binding)
            entry = cache.results.get(signature)
            if entry is None:
                keep: list[np.ndarray] = []
                found = attack_component(
                    rows, quantities, row_numbers, protected, width, exact=exact,
                    want_binding=want_binding, points=points,
                    known=release.seen if truth is None else truth,
                    truth=truth is not None, keep=keep,
                )
                cache.results[signature] = (found, keep, points is not None)
            else:
                found, keep, given_to_book = entry
                if points is not None and not given_to_book:
                    # Same rows, so its points are feasible here too (a component of
                    # the local attacker that is one of the whole release as well).
                    points.add(np.asarray(quantities), keep)
                    cache.results[signature] = (found, keep, True)
            for v, interval in found.items():
                if v not in intervals or interval.width < intervals[v].width:
                    intervals[v] = interval
    for i in sorted(protected_all - in_rows):  # in no relation: nothing bounds it
        intervals[int(i)] = Interval(0.0, math.inf)
    return intervals


def _block_of(release: Release, row: Row) -> str:
    """The month a row's relation belongs to (its first cell's month; "" = the period)."""
    relation = release.relations[row.ident[0]]
    key = relation.terms[0][0] if isinstance(relation, Linear) else relation.cell
    return key[1]


@dataclass(frozen=True)
class Problem:
    """What secondary suppression starts from, whichever method solves it."""

    release: Release
    exact_value: np.ndarray  # true values (the release's hidden quantities: NaN)
    forced: np.ndarray  # primary, and hidden last month: hidden whatever comes
    eligible: np.ndarray  # cells that may be chosen as complements
    grand: np.ndarray  # last resort 1: grand totals (counts)
    kept: np.ndarray  # last resort 2: counts kept published from last month
    locked: np.ndarray  # cells kept published from last month
    threshold: int
    width: int
    # Feasible points the method's whole-release attacks found: they seed the gate
    # (checked against its rows), which then needs few LPs of its own.
    points: Points = field(default_factory=Points, compare=False, repr=False)
    # The true value of every quantity (cells, and a feasible value of each hidden
    # quantity): feasible under every pattern; it seeds every attack (see true_point).
    truth: np.ndarray | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(
        cls,
        release: Release,
        exact_value: np.ndarray,
        suppressed: np.ndarray,
        keep_published: np.ndarray,
        threshold: int,
        width: int,
    ) -> Problem:
        """Eligible cells: counts, shares and means, no grand total, not kept published.
        Last resorts, in turn, when no eligible cell can protect a cell: a grand total,
        then a count kept published from last month (hiding it leaks nothing; it only
        breaks the month-to-month lock, which the caller reports)."""
        cells = range(release.n_cells)
        kind = np.array([release.kind[i] for i in cells], dtype=object)
        total = np.array([release.is_grand_total(i) for i in cells], dtype=bool)
        locked = np.asarray(keep_published[: release.n_cells], dtype=bool)
        truth = true_point(release, exact_value, threshold)
        return cls(
            release=release,
            exact_value=exact_value,
            forced=suppressed.copy(),
            eligible=np.isin(kind, ("count", "share", "mean")) & ~total & ~locked,
            grand=(kind == "count") & total & ~locked,
            kept=(kind == "count") & locked,
            locked=locked,
            threshold=threshold,
            width=width,
            truth=truth,
        )

    def start(self) -> np.ndarray:
        """The forced cells with the shares and flags that go with them."""
        return close_ratios(self.release, self.forced)


def true_point(release: Release, exact_value: np.ndarray, threshold: int) -> np.ndarray | None:
    """A point feasible under every pattern: every cell at its true value, and each
    hidden quantity (a numerator behind a share, a cell the release lacks) at a value
    that, with them, satisfies every relation (one LP per component of the rows with
    every cell published). Hiding cells only drops rows and frees constants, so the
    point stays feasible. ``None`` if the rows have no such point (not expected)."""
    n = release.n_cells
    truth = np.full(len(release.keys), np.nan)
    truth[:n] = exact_value[:n]
    counts = np.array([release.is_count(i) for i in range(n)])
    truth[:n][counts] = release.seen[:n][counts]
    prior = ~np.isnan(release.seen[n:])
    truth[n:][prior] = release.seen[n:][prior]
    pattern = np.zeros(len(release.keys), dtype=bool)
    pattern[:n] = np.isnan(release.seen[:n])  # no value (a share of 0): no rows
    rows = attacker_rows(release, pattern, threshold)
    for quantities, row_numbers in components(rows):
        x = feasible_point(rows, quantities, row_numbers)
        if x is None:
            return None
        truth[quantities] = x
    return truth


def last_resorts(problem: Problem) -> Problem:
    """The problem with the last resorts it needs already hidden (forced).

    With every eligible cell hidden, the attacker knows the least any pattern of
    eligible cells can leave him: a cell that still leaks then can only be protected
    by a grand total or a cell kept published from last month (tiny data). Finding
    those first, with one attack each, spares the methods a long hunt among eligible
    cells that cannot help (a greedy round per useless pick, the exact master an
    infeasible solve).
    """
    release, threshold, width = problem.release, problem.threshold, problem.width
    forced = problem.forced.copy()
    everything = np.zeros(len(release.keys), dtype=bool)
    everything[: release.n_cells] = problem.eligible
    safe: set[int] = set()  # proven safe under a smaller pattern: safe under this one
    while True:
        pattern = close_ratios(release, forced | everything)
        pattern[release.n_cells:] = True
        intervals, rows = attack(release, pattern, threshold, width, exact=False,
                                 want_binding=True, skip=safe, truth=problem.truth)
        leaks = sorted(i for i, iv in intervals.items() if iv.leaks(width, threshold))
        safe.update(i for i, iv in intervals.items() if iv.width >= width)
        if not leaks:
            if np.array_equal(forced, problem.forced):
                return problem
            return replace(problem, forced=forced)
        mend = Mend(rows, intervals, per_row=1)
        chosen: set[int] = set()
        for cell in leaks:
            if mend.waits(cell):
                continue
            pick = _last_resort(problem, mend.nets(cell), pattern, problem.exact_value,
                                release, width)
            if pick is None:
                raise LeakError(f"cannot protect {release.keys[cell]}: no cell could hide it")
            chosen.add(pick)
            mend.mended(cell)
        forced[sorted(chosen)] = True


def _last_resort(  # type: ignore[no-untyped-def]
    problem: Problem, nets, pattern: np.ndarray, exact_value, release: Release, width: int
) -> int | None:
    """The cheapest grand total, else the cheapest cell kept published from last month,
    that hides a leaking cell (searched in each net of candidates in turn), or None."""
    for resort in (problem.grand, problem.kept):
        for candidates in nets:
            pick = _cheapest(candidates, pattern, resort, exact_value, release, width)
            if pick is not None:
                return pick
    return None


def finish(problem: Problem, suppressed: np.ndarray) -> np.ndarray:
    """The last step of either method: the singleton rule (hiding more never breaks
    safety), then no needless ``*``."""
    p = problem
    suppressed = protect_singletons(p.release, p.exact_value, suppressed, p.eligible,
                                    p.threshold, p.width)
    return _publish_determined(p.release, p.exact_value, suppressed, p.forced, p.threshold)


def given_away(
    problem: Problem, suppressed: np.ndarray, intervals: dict[int, Interval]
) -> list[int]:
    """Hidden counts the published cells determine exactly (attacker interval of width
    0: a ``*`` that protects nothing), to be published; not a forced cell (primary, or
    hidden last month). The singleton rule keeps none of them: a value the published
    cells fix is known to everyone, the one person behind a hidden 1 included, so
    publishing it tells no-one anything. A cohort behind a fokus mean is no exception:
    the attacker substitutes a determined cohort into its mean already."""
    release = problem.release
    return sorted(
        i for i, iv in intervals.items()
        if i < release.n_cells and iv.hi == iv.lo and suppressed[i]
        and not problem.forced[i] and release.is_count(i)
    )


def drop_redundant(problem: Problem, suppressed: np.ndarray, tries: int) -> np.ndarray:
    """Publish again complements the pattern does not need: the dearest first, each
    kept published when the attacker then finds no leak and the singleton rule holds.
    ``tries`` bounds the work (one attack of the changed components each)."""
    release, threshold, width = problem.release, problem.threshold, problem.width
    candidates = sorted(
        (i for i in range(release.n_cells)
         if suppressed[i] and not problem.forced[i] and release.is_count(i)),
        key=lambda i: (-float(problem.exact_value[i]), i),
    )
    cache = AttackCache.empty()
    out = suppressed.copy()
    for i in candidates[:tries]:
        trial = out.copy()
        trial[i] = False
        trial = close_ratios(release, trial) | problem.start()
        if trial[i]:
            continue  # a share or flag brings it back: nothing to gain
        if _singleton_sources(release, problem.exact_value, trial, threshold):
            continue
        intervals, _ = attack(release, trial, threshold, width, exact=False, cache=cache,
                              truth=problem.truth)
        if not any(iv.leaks(width, threshold) for iv in intervals.values()):
            out = trial
    return out


def heuristic_secondary(problem: Problem) -> np.ndarray:
    """Add complementary cells until no hidden count can be narrowed below ``width``.

    The row-and-column pass, then a greedy attack-and-repair loop over the whole
    release: attack every component, and for each leaking cell hide the cheapest cell
    whose publication the attacker's binding rows relied on (LP duals say which rows
    bind). Cheapest: a share or mean (a derived figure) before a count; among counts
    one of at least ``width`` (it gives the interval room) before a smaller one, then
    the smallest. Grand totals and cells kept published from last month are never
    chosen, except as a last resort when nothing else can protect a cell (tiny data):
    a grand total first.
    """
    release, exact_value = problem.release, problem.exact_value
    threshold, width, eligible = problem.threshold, problem.width, problem.eligible
    forced = problem.forced
    suppressed = _protect_sums(release, exact_value, problem.start(), eligible, threshold, width)
    suppressed = protect_singletons(release, exact_value, suppressed, eligible, threshold, width)
    cache = AttackCache.empty()
    blunt: set[int] = set()  # complements hidden all at once for a stubborn leak
    added = 0
    local = True
    strikes: dict[int, int] = {}
    # Hiding more cells only takes knowledge from the attacker, so a cell proven safe
    # stays safe as the pattern grows: later rounds attack only the cells not yet proven
    # safe (one set per attacker, the local one being weaker).
    safe: dict[bool, set[int]] = {True: set(), False: set()}
    # A leak whose bounds lean on no cell hidden since it was attacked leaks as before
    # (its LP duals stay a proof of both bounds): it is not attacked again. Rounds mend
    # up to PER_ROW leaks per binding row, so most leaks wait a round or more for their turn.
    waiting: dict[bool, dict[int, tuple[Interval, frozenset[int]]]] = {True: {}, False: {}}
    attacked: dict[bool, np.ndarray] = {}
    while True:
        carried = _still_leaking(waiting[local], attacked.get(local), suppressed)
        intervals, rows = attack(
            release, suppressed, threshold, width, exact=False, want_binding=True, cache=cache,
            local=local, skip=safe[local] | set(carried),
            points=None if local else problem.points, given=carried, truth=problem.truth,
        )
        mend = Mend(rows, intervals, per_row=PER_ROW)
        number_of = mend.number_of
        for cell, interval in carried.items():
            if all(i in number_of for bound in interval.binding for i in bound):
                intervals[cell] = interval
            else:  # not expected (its rows all stand): attack it next round
                waiting[local].pop(cell, None)
        leaks = sorted(i for i, iv in intervals.items() if iv.leaks(width, threshold))
        # Safe for good: at least ``width`` wide (hiding more only widens it). A narrow
        # interval above the threshold is no leak now, but it may widen down to the
        # threshold ([3, 3] to [1, 3]), and a determined cohort is substituted into its
        # fokus mean: both are attacked again.
        safe[local].update(i for i, iv in intervals.items() if iv.width >= width)
        attacked[local] = suppressed.copy()
        waiting[local] = {
            cell: waiting[local][cell] if cell in carried else
            (intervals[cell], _leaned_on(release, rows, number_of, intervals[cell]))
            for cell in leaks
        }
        if not leaks:
            if not local:
                if blunt:
                    suppressed = _prune(release, exact_value, suppressed, forced, blunt,
                                        threshold, width, cache, problem.points,
                                        problem.truth)
                if int(eligible.sum()) <= REDUNDANT_MAX_CELLS:
                    suppressed = drop_redundant(problem, suppressed, REDUNDANT_TRIES)
                return suppressed
            local = False  # every month is safe on its own: now the whole release at once
            continue
        chosen: list[int] = []
        for cell in leaks:
            if mend.waits(cell):
                continue
            strikes[cell] = strikes.get(cell, 0) + 1
            nets = mend.nets(cell)
            if strikes[cell] > 3:
                # Single complements did not help this cell: hide every cell that
                # moves one of its bounds at once (blunt, but it always progresses).
                every = {i for net in nets[:2] for i in net
                         if i < release.n_cells and eligible[i] and not suppressed[i]}
                if every:
                    chosen.extend(sorted(every))
                    blunt.update(every)
                    mend.mended(cell)
                    continue
            pick = None
            for candidates in nets:
                pick = _cheapest(
                    candidates, suppressed, eligible, exact_value, release, width,
                    roomy=strikes[cell] > 3,
                )
                if pick is not None:
                    break
            if pick is None:
                # Only a grand total or a cell locked published could hide it (tiny
                # data: bilag 1b − 1a, both grand totals, is the excluded months' whole
                # cohort). Hiding one beats publishing nothing: the cheapest, in turn.
                pick = _last_resort(problem, nets, suppressed, exact_value, release, width)
            if pick is None:
                raise LeakError(f"cannot protect {release.keys[cell]}: no cell could hide it")
            chosen.append(pick)
            mend.mended(cell)
        for pick in chosen:
            suppressed[pick] = True
        suppressed = close_ratios(release, suppressed)
        added += len(chosen)
        if added > MAX_COMPLEMENTS:
            raise LeakError("secondary suppression did not converge")


def _leaned_on(
    release: Release, rows: list[Row], number_of: dict[tuple[int, int], int], interval: Interval
) -> frozenset[int]:
    """Cells whose hiding can change the rows a leak's bounds rest on (the rows with a
    nonzero dual): their sources; a fokus mean's rows rest on its cohorts being known
    (published, or determined by the published cells: any hidden cell may change
    that), so a bound resting on them leans on every cell."""
    out: set[int] = set()
    for bound in interval.binding:
        for ident in bound:
            if _mean_denominators_of(release, ident[0]):
                return frozenset(range(len(release.keys)))
            out.update(rows[number_of[ident]].sources)
    return frozenset(out)


def _still_leaking(
    waiting: dict[int, tuple[Interval, frozenset[int]]],
    before: np.ndarray | None,
    suppressed: np.ndarray,
) -> dict[int, Interval]:
    """The waiting leaks no cell hidden since ``before`` touches: their old duals are
    still dual feasible with the same objective (a newly hidden cell enters only rows
    of dual 0, with reduced cost 0; no row of nonzero dual changed or went), so their
    bounds, and so their leak, stand. Used only to skip attacking a leak again, never
    to call a cell safe."""
    if before is None or not waiting:
        return {}
    new = set(np.flatnonzero(suppressed & ~before).tolist())
    return {cell: iv for cell, (iv, leaned) in waiting.items() if not leaned & new}


def _mean_denominators_of(release: Release, relation: int) -> list[int]:
    rel = release.relations[relation]
    if isinstance(rel, MeanOfRatios):
        return [release.index[d] for _, d in rel.parts]
    return []


def _prune(
    release: Release,
    exact_value: np.ndarray,
    suppressed: np.ndarray,
    locked: np.ndarray,
    candidates: set[int],
    threshold: int,
    width: int,
    cache: AttackCache,
    points: Points | None = None,
    truth: np.ndarray | None = None,
) -> np.ndarray:
    """Publish again the complements a stubborn leak got all at once, where not needed.

    The rounds add complements one leak at a time, but a leak that three single picks
    did not mend gets every useful candidate at once (``candidates``); many end up
    redundant (typically large totals, which users miss most). Try publishing every
    such count again; where the attacker then finds a leak, hide again the cheapest of
    the freed cells its bounds lean on (nonzero reduced cost; else any in its binding
    rows), and try again. Each try hides at least one back; after ``PRUNE_TRIES``
    tries without a safe pattern the rounds' pattern stands. The pattern it returns has
    no leak (the same attack as the rounds' last) and keeps the singleton rule.
    """
    trial_set = {
        i for i in candidates
        if i < release.n_cells and suppressed[i] and not locked[i] and release.is_count(i)
    }
    for _ in range(PRUNE_TRIES):
        if not trial_set:
            break
        trial = suppressed.copy()
        trial[sorted(trial_set)] = False
        back = _singleton_sources(release, exact_value, trial, threshold) & trial_set
        if not back:
            intervals, rows = attack(
                release, trial, threshold, width, exact=False, want_binding=True, cache=cache,
                points=points, truth=truth,
            )
            leaks = sorted(i for i, iv in intervals.items() if iv.leaks(width, threshold))
            if not leaks:
                return trial
            mend = Mend(rows, intervals)
            for cell in leaks:
                useful, sources = mend.nets(cell, wide=False)
                suspects = (useful & trial_set) or (sources & trial_set)
                if suspects and not suspects & back:
                    back.add(min(suspects, key=lambda i: (float(exact_value[i]), i)))
            if not back:
                return suppressed  # the leak does not lean on a complement we freed
        trial_set -= back
    return suppressed


def _publish_determined(
    release: Release,
    exact_value: np.ndarray,
    suppressed: np.ndarray,
    locked: np.ndarray,
    threshold: int,
) -> np.ndarray:
    """Publish the complements that published cells already give away exactly (a
    ``*`` the reader can fill in by subtraction): the attacker's system stays the same.
    Not where it would leave a hidden 1 with fewer than two partners (singleton rule).
    A cohort behind a fokus mean is published too: the attacker substitutes a
    determined cohort into its mean already, so its system stays the same."""
    out = suppressed.copy()
    while True:
        determined = {
            row.vars[0] for row in attacker_rows(release, out, threshold)
            if row.equality and len(row.vars) == 1 and row.vars[0] < release.n_cells
            and release.is_count(row.vars[0]) and not locked[row.vars[0]]
        }
        while determined:
            trial = out.copy()
            trial[sorted(determined)] = False
            exposed = _singleton_sources(release, exact_value, trial, threshold) & determined
            if not exposed:
                break
            determined -= exposed
        if not determined:
            return out
        out[sorted(determined)] = False


def _singleton_sources(
    release: Release, exact_value: np.ndarray, suppressed: np.ndarray, threshold: int
) -> set[int]:
    """Published cells of the sums that break the singleton rule under ``suppressed``."""
    out: set[int] = set()
    for row in attacker_rows(release, suppressed, threshold):
        if row.equality and not any(v >= release.n_cells for v in row.vars) and (
            _exposes_singleton(release, exact_value, row)
        ):
            out.update(row.sources)
    return out


def _exposes_singleton(release: Release, exact_value: np.ndarray, row: Row) -> bool:
    """A sum with a hidden 1 among fewer than three hidden cells (the singleton rule)."""
    return len(row.vars) < 3 and any(
        release.is_count(v) and exact_value[v] == 1 for v in row.vars
    )


def _protect_sums(
    release: Release,
    exact_value: np.ndarray,
    suppressed: np.ndarray,
    eligible: np.ndarray,
    threshold: int,
    width: int,
) -> np.ndarray:
    """The classical row-and-column pass, before any LP: in every sum whose total is
    known, the hidden parts must be at least two and hold at least ``width`` between
    them (else each is boxed in by the known remainder). Cheap, and it removes almost
    every leak, so the LP rounds that follow only mend the subtle ones."""

    def boxed_in(row: Row) -> bool:
        if not any(release.is_count(v) for v in row.vars):
            return False
        if len({c > 0 for c in row.coefs}) != 1:
            return False  # the total is hidden too: not boxed in by this row alone
        room = float(sum(exact_value[v] for v in row.vars))
        return len(row.vars) == 1 or room < width

    return _repair_sums(release, exact_value, suppressed, eligible, threshold, width, boxed_in,
                        boxing_ratios=True)


def protect_singletons(
    release: Release,
    exact_value: np.ndarray,
    suppressed: np.ndarray,
    eligible: np.ndarray,
    threshold: int,
    width: int,
) -> np.ndarray:
    """The singleton rule: the one person behind a hidden count of 1 knows it, and
    subtracts it from the sum it belongs to. So a sum whose hidden cells include a 1
    must hide at least three cells: take the 1 away and two unknowns remain. (Width
    for the outsider is the attacker LPs' job; this is the insider's.) Hiding more
    never breaks the rule, so it holds for every pattern that grows from this one."""

    def exposed(row: Row) -> bool:
        return _exposes_singleton(release, exact_value, row)

    return _repair_sums(release, exact_value, suppressed, eligible, threshold, width, exposed)


def _repair_sums(
    release: Release,
    exact_value: np.ndarray,
    suppressed: np.ndarray,
    eligible: np.ndarray,
    threshold: int,
    width: int,
    unsafe: Callable[[Row], bool],
    *,
    boxing_ratios: bool = False,
) -> np.ndarray:
    """Hide the cheapest known cell of every equality among cells that ``unsafe`` flags
    (one per row and round), until no row is flagged."""
    while True:
        rows = attacker_rows(release, suppressed, threshold)
        chosen: set[int] = set()
        for row in rows:
            if not row.equality or any(v >= release.n_cells for v in row.vars):
                continue
            if not unsafe(row) or chosen.intersection(row.sources):
                continue
            pick = _cheapest(set(row.sources), suppressed, eligible, exact_value, release, width)
            if pick is not None:
                chosen.add(pick)
        if boxing_ratios:
            chosen |= _boxing_ratios(release, exact_value, suppressed, eligible, width)
        if not chosen:
            return suppressed
        for pick in sorted(chosen):
            suppressed[pick] = True
        suppressed = close_ratios(release, suppressed)


def _boxing_ratios(
    release: Release,
    exact_value: np.ndarray,
    suppressed: np.ndarray,
    eligible: np.ndarray,
    width: int,
) -> set[int]:
    """Published shares whose numerator sums hidden counts: the share boxes that sum
    within ±half a rounding step of the denominator, so unless the hidden parts hold
    enough between them, the share goes too (``afslutningsaarsag_andel`` 0.000 would
    otherwise tell that every hidden month of that reason is 0)."""
    chosen: set[int] = set()
    for rel in release.relations:
        if not isinstance(rel, Ratio) or len(rel.numerator) < 2:
            continue
        cell = release.index[rel.cell]
        if cell >= release.n_cells or suppressed[cell] or not eligible[cell]:
            continue
        parts = [release.index[k] for k, _ in rel.numerator]
        if any(p >= release.n_cells for p in parts):
            continue  # a hidden numerator: the LP rounds judge it
        hidden = [p for p in parts if suppressed[p]]
        if not hidden:
            continue
        den = sum(float(exact_value[release.index[k]]) * c for k, c in rel.denominator)
        step = 0.5 * 10.0 ** -release.decimals[cell]
        if sum(float(exact_value[p]) for p in hidden) + step * den < width:
            chosen.add(cell)
    return chosen


class Mend:
    """Where to look for the complements that mend the leaks of one attack.

    For a leaking cell, the nets of candidates, tried in turn (:meth:`nets`): the
    published cells whose hiding moves one of its bounds (a nonzero reduced cost), the
    sources of the rows binding its bounds (nonzero duals), and (``wide``) the sources
    of every row of its component. A round mends at most ``per_row`` leaks through
    one binding row: a leak whose binding rows already got as many :meth:`waits` for
    the next round, whose attack sees the complements added this round.
    """

    def __init__(self, rows: list[Row], intervals: dict[int, Interval], per_row: int = 1) -> None:
        self.rows = rows
        self.intervals = intervals
        self.per_row = per_row
        self.number_of = {row.ident: r for r, row in enumerate(rows)}
        self._touching = _Touching(rows)
        self._mended: dict[tuple[int, int], int] = {}  # complements per row this round

    def _idents(self, cell: int) -> set[tuple[int, int]]:
        return {ident for bound in self.intervals[cell].binding for ident in bound}

    def waits(self, cell: int) -> bool:
        return any(self._mended.get(ident, 0) >= self.per_row for ident in self._idents(cell))

    def mended(self, cell: int) -> None:
        for ident in self._idents(cell):
            self._mended[ident] = self._mended.get(ident, 0) + 1

    def nets(self, cell: int, *, wide: bool = True) -> list[set[int]]:
        duals = self.intervals[cell].binding
        binding = {self.number_of[ident] for ident in self._idents(cell)}
        nets = [_useful(self.rows, self.number_of, duals), _sources(self.rows, binding)]
        if wide:
            nets.append(_sources(self.rows, self._touching(cell)))
        return nets


def _useful(
    rows: list[Row],
    number_of: dict[tuple[int, int], int],
    duals: tuple[dict[tuple[int, int], float], ...],
) -> set[int]:
    """Published cells whose release as unknowns would move the bound: a nonzero
    reduced cost Σ dual · coefficient (first order, as in Fischetti–Salazar cuts)."""
    useful: set[int] = set()
    for bound in duals:
        weight: dict[int, float] = {}
        for ident, dual in bound.items():
            row = rows[number_of[ident]]
            for j, coef in zip(row.sources, row.source_coefs, strict=True):
                # A share drops its whole row when hidden: that always loosens it.
                step = abs(dual) if coef is None else dual * coef
                weight[j] = weight.get(j, 0.0) + step
        useful.update(j for j, w in weight.items() if abs(w) > 1e-9)
    return useful


def _sources(rows: list[Row], row_numbers: frozenset[int] | set[int]) -> set[int]:
    out: set[int] = set()
    for r in row_numbers:
        out.update(rows[r].sources)
    return out


class _Touching:
    """:func:`_rows_touching` of any cell, from one pass over the rows' components (the
    same row numbers; made on the first call)."""

    def __init__(self, rows: list[Row]) -> None:
        self._rows = rows
        self._of: dict[int, frozenset[int]] | None = None

    def __call__(self, cell: int) -> frozenset[int]:
        if self._of is None:
            self._of = {}
            for quantities, numbers in components(self._rows):
                found = frozenset(numbers)
                for v in quantities:
                    self._of[v] = found
        return self._of.get(cell, frozenset())


def _rows_touching(rows: list[Row], cell: int) -> set[int]:
    """Rows of the component that holds ``cell`` (a wider net when the binding rows
    offer no eligible cell)."""
    frontier, seen_vars, found = {cell}, {cell}, set()
    while frontier:
        nxt: set[int] = set()
        for r, row in enumerate(rows):
            if r in found or not frontier.intersection(row.vars):
                continue
            found.add(r)
            nxt.update(v for v in row.vars if v not in seen_vars)
        seen_vars |= nxt
        frontier = nxt
    return found


def _cheapest(
    candidates: set[int],
    suppressed: np.ndarray,
    eligible: np.ndarray,
    exact_value: np.ndarray,
    release: Release,
    width: int,
    *,
    roomy: bool = False,
) -> int | None:
    """The cheapest eligible candidate; ``roomy``: the largest count instead (the last
    resort for a cell that small complements did not protect)."""
    best: tuple[int, float, int] | None = None
    for i in candidates:
        if i >= release.n_cells or suppressed[i] or not eligible[i]:
            continue
        if release.kind[i] == "count":
            value = float(exact_value[i])
            rank = (1, -value, i) if roomy else (1 if value >= width else 2, value, i)
        else:
            rank = (0, 0.0, i)
        if best is None or rank < best:
            best = rank
    return None if best is None else best[2]
