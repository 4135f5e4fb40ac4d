"""The heuristic's last pass: swap dear complements for cheaper ones (small releases).

The greedy rounds add complements one leak at a time, and ``drop_redundant`` only
publishes a complement the pattern does not need at all. What it cannot find is a
*swap*: the exact method's cheaper patterns typically hide a cohort and its bilag
totals where the heuristic hid the Ja cells and their bilag copies, i.e. several
complements exchanged for several others. So each move here (the dearest secondary
count first) is:

1. **Destroy.** Publish the complement ``i`` (it stays published for the move).
2. **Repair.** As the heuristic's rounds: the singleton rule, then attack; for each
   leak hide the cheapest useful cell of its binding rows (nonzero reduced cost, else
   any source of its binding rows), one per binding row, for at most
   :data:`REPAIR_ROUNDS` rounds. No cheap repair: the move is dropped.
3. **Drop.** The complements near the move (sharing a relation with ``i`` or with a
   cell the repair hid, and those cells), dearest first, are each published again
   where the attacker then finds no leak and the singleton rule holds.
4. **Keep** the new pattern if it costs less (the exact method's objective: a count
   its value, a share or mean :data:`._exact.RATIO_COST`; both patterns as ``finish``
   and the gate leave them: the ``*`` the published cells give away published) and
   the attacker finds no leak in it (the last attack of step 2 or 3 was of it).

Every pattern kept passed the attacker and the singleton rule, so the pass is never
unsafe; it only lowers the cost. The work is bounded by counts (moves, rounds,
attacks), never by a clock, so it is deterministic.
"""

from __future__ import annotations

import numpy as np

from akassemonitor.discretion._exact import RATIO_COST
from akassemonitor.discretion._protect import (
    AttackCache,
    Mend,
    Problem,
    _cheapest,
    _singleton_sources,
    attack,
    close_ratios,
    finish,
    given_away,
    protect_singletons,
)
from akassemonitor.measures.relations import relation_keys

IMPROVE_MAX_CELLS = 600  # eligible cells of the releases the pass runs on (as drop_redundant)
IMPROVE_MOVES = 40  # complements tried, dearest first
REPAIR_ROUNDS = 16  # attack-and-repair rounds of one move
IMPROVE_ATTACKS = 1_500  # attacks the whole pass may spend


class _Work:
    def __init__(self, attacks: int) -> None:
        self.left = attacks
        # Attacks of the same pattern (moves re-try the same drops, the gate re-checks
        # what a move's last attack saw): keyed by the pattern's bytes and want_binding.
        self.seen: dict[tuple[bytes, bool], tuple[dict, list]] = {}
        # Patterns found unsafe, with their leaking cells of a true value at most the
        # threshold: a pattern hiding no more than one of them and still hiding such a
        # cell of it leaks too (publishing more only narrows that cell's interval, and
        # its lower end stays at most its true value, so at most the threshold).
        self.unsafe: list[tuple[np.ndarray, np.ndarray]] = []

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0


def improve(problem: Problem, pattern: np.ndarray) -> np.ndarray:
    """A pattern no dearer than ``pattern`` (see the module doc); ``pattern`` itself on
    releases of more than :data:`IMPROVE_MAX_CELLS` eligible cells."""
    if int(problem.eligible.sum()) > IMPROVE_MAX_CELLS:
        return pattern
    neighbours = _neighbours(problem)
    cache = AttackCache.empty()
    work = _Work(IMPROVE_ATTACKS)
    current = pattern.copy()
    cost = _final_cost(problem, current, cache, work)
    tried: set[int] = set()
    for _ in range(IMPROVE_MOVES):
        order = [i for i in _secondaries(problem, current) if i not in tried]
        if not order or work.left <= 0:
            break
        i = order[0]
        tried.add(i)
        trial = _move(problem, current, i, neighbours, cache, work)
        if trial is None:
            continue
        trial_cost = _final_cost(problem, trial, cache, work)
        if trial_cost < cost - 1e-9:
            current, cost = trial, trial_cost
    return current


def _attack(problem: Problem, pattern: np.ndarray, cache: AttackCache,
            work: _Work | None, want_binding: bool = False) -> tuple[dict, list]:
    """``attack`` (not exact, with the true point), once per pattern of the pass."""
    key = (pattern.tobytes(), want_binding)
    if work is not None and key in work.seen:
        return work.seen[key]
    out = attack(problem.release, pattern, problem.threshold, problem.width, exact=False,
                 want_binding=want_binding, cache=cache, truth=problem.truth)
    if work is not None:
        work.seen[key] = out
        leaks = [c for c, iv in out[0].items()
                 if iv.leaks(problem.width, problem.threshold)
                 and problem.exact_value[c] <= problem.threshold]
        if leaks:
            work.unsafe.append((pattern.copy(), np.asarray(sorted(leaks), dtype=int)))
    return out


def _final_cost(problem: Problem, pattern: np.ndarray, cache: AttackCache,
                work: _Work | None = None) -> float:
    """The cost of what will be published: after ``finish`` (the singleton rule, then
    the ``*`` subtraction gives away are published) and the gate's passes (a hidden
    count of width 0 is published while the attacker finds no leak)."""
    width, threshold = problem.width, problem.threshold
    current = finish(problem, pattern)
    for _ in range(3):
        intervals, _ = _attack(problem, current, cache, work)
        determined = given_away(problem, current, intervals)
        if not determined:
            break
        trial = current.copy()
        trial[determined] = False
        intervals, _ = _attack(problem, trial, cache, work)
        if any(iv.leaks(width, threshold) for iv in intervals.values()):
            break
        current = trial
    return _cost(problem, current)


def _cost(problem: Problem, pattern: np.ndarray) -> float:
    release = problem.release
    n = release.n_cells
    extra = pattern[:n] & ~problem.start()[:n]
    total = 0.0
    for i in np.flatnonzero(extra).tolist():
        if release.is_count(i):
            total += float(problem.exact_value[i])
        elif release.kind[i] in ("share", "mean"):
            total += RATIO_COST
    return total


def _secondaries(problem: Problem, pattern: np.ndarray) -> list[int]:
    """The pattern's complements that are counts, dearest first."""
    release = problem.release
    return sorted(
        (i for i in range(release.n_cells)
         if pattern[i] and not problem.forced[i] and release.is_count(i)
         and problem.eligible[i]),
        key=lambda i: (-float(problem.exact_value[i]), i),
    )


def _neighbours(problem: Problem) -> dict[int, set[int]]:
    """For each cell, the cells it shares a relation with."""
    release = problem.release
    out: dict[int, set[int]] = {}
    for rel in release.relations:
        members = {release.index[k] for k in relation_keys(rel)}
        members = {m for m in members if m < release.n_cells}
        for m in members:
            out.setdefault(m, set()).update(members)
    return out


def _safe(problem: Problem, pattern: np.ndarray, cache: AttackCache, work: _Work) -> bool:
    for hidden, leaks in work.unsafe:
        if pattern[leaks].any() and not (pattern & ~hidden).any():
            return False  # hides no more than an unsafe pattern, and one of its leaks
    intervals, _ = _attack(problem, pattern, cache, work)
    return not any(iv.leaks(problem.width, problem.threshold) for iv in intervals.values())


def _move(
    problem: Problem,
    pattern: np.ndarray,
    i: int,
    neighbours: dict[int, set[int]],
    cache: AttackCache,
    work: _Work,
) -> np.ndarray | None:
    """Publish ``i``, repair, drop what the repair made redundant: the new pattern
    (safe: the attacker found no leak in it), or ``None``."""
    release, value = problem.release, problem.exact_value
    threshold, width = problem.threshold, problem.width
    start = problem.start()
    singletons_before = _singleton_sources(release, value, pattern, threshold)
    trial = pattern.copy()
    trial[i] = False
    trial = close_ratios(release, trial) | start
    if trial[i]:
        return None  # a share or flag brings it back
    eligible = problem.eligible.copy()
    eligible[i] = False
    added: set[int] = set()
    safe = False
    for _ in range(REPAIR_ROUNDS):
        before = trial.copy()
        trial = protect_singletons(release, value, trial, eligible, threshold, width)
        if not work.spend():
            return None
        intervals, rows = _attack(problem, trial, cache, work, want_binding=True)
        leaks = sorted(c for c, iv in intervals.items() if iv.leaks(width, threshold))
        added.update(np.flatnonzero(trial & ~before).tolist())
        if not leaks:
            safe = True
            break
        mend = Mend(rows, intervals)
        chosen: set[int] = set()
        for cell in leaks:
            if mend.waits(cell):
                continue
            pick = None
            for candidates in mend.nets(cell, wide=False):
                pick = _cheapest(candidates, trial, eligible, value, release, width)
                if pick is not None:
                    break
            if pick is None:
                return None  # only a cell this move may not use could mend it
            chosen.add(pick)
            mend.mended(cell)
        before = trial.copy()
        trial[sorted(chosen)] = True
        trial = close_ratios(release, trial)
        added.update(np.flatnonzero(trial & ~before).tolist())
    if not safe:
        return None
    # Drop: complements near the move that the pattern no longer needs.
    near: set[int] = set(added)
    for c in (i, *added):
        near |= neighbours.get(c, set())
    for j in _secondaries(problem, trial):
        if j not in near:
            continue
        drop = trial.copy()
        drop[j] = False
        drop = close_ratios(release, drop) | start
        if drop[j]:
            continue
        if not _singleton_sources(release, value, drop, threshold) <= singletons_before:
            continue
        if not work.spend():
            break
        if _safe(problem, drop, cache, work):
            trial = drop
    if not _singleton_sources(release, value, trial, threshold) <= singletons_before:
        return None
    return trial
