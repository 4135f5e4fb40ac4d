"""Exact secondary suppression for small releases (Fischetti–Salazar, on scipy/HiGHS).

A master integer program chooses the complementary cells; the attacker's LPs check the
pattern and, for every hidden count they can still narrow, return a cut that every
safe pattern satisfies and the current one violates. Master → attack → cuts, until the
attacker finds no leak: that pattern is safe (the attacker proved it), and optimal,
since every safe pattern satisfies every cut, so none costs less than the master's
optimum.

**Master.** A binary ``y_i`` for each *free* cell: eligible (a count, share or mean,
no grand total, not kept published) and not hidden already, plus any share a hidden
free count would hide with it (``close_ratios``: ``y_share ≥ y_part``). The cost
follows the issue ("prefer small cells") and the heuristic's order: a count costs its
value, a share or mean :data:`RATIO_COST` (a derived figure, cheaper than any count the
rule lets us publish). The singleton rule of ``protect_singletons`` is a constraint
(in a sum among cells, a hidden 1 has two hidden partners), so the pass that applies
it afterwards finds nothing to do. Solved with ``scipy.optimize.milp`` (HiGHS); with a
loose gap (:data:`LOOSE_GAP`) until a safe pattern turns up, then exactly.

**The cut (a Fischetti–Salazar capacity cut).** Let a hidden count ``k`` leak under
pattern ``S*``. Solve the attacker's LPs ``min −x_k`` and ``min x_k`` on its component
and keep their optimal row duals ``π``. Write every row over *all* quantities: a
published count ``j`` is a variable fixed at its value ``a_j``, a hidden one is free in
``[0, ∞)``. With the reduced costs ``d_j = c_j − Σ_r π_r A_rj``, weak duality gives, for
*any* pattern ``y`` under which every row with ``π_r ≠ 0`` still exists::

    min c·x  ≥  Σ_r π_r b_r + Σ_{j published} d_j a_j + Σ_{j hidden} (0 if d_j ≥ 0 else −∞)

since ``π`` stays dual feasible whatever ``y`` is (only the column bounds depend on
``y``; rows a pattern adds get ``π = 0``). Hiding ``j`` therefore takes ``d_j a_j`` off
the bound (``∞`` if ``d_j < 0``). Adding the bounds of the maximum and the minimum::

    hi(y) − lo(y)  ≤  B₀ + Σ_j G_j y_j      (G_j ≥ 0: the two losses of j added)

with ``G_j = ∞`` also for a share or mean whose hiding removes a row with ``π_r ≠ 0``
(a fokus mean's rows go with any of its denominators too: they count as well). A safe
pattern has ``floor(hi) − ceil(lo) ≥ width``, so ``hi − lo ≥ width``, so::

    Σ_{j free} min(G_j, R) y_j ≥ R,   R = width − B₀ − Σ_{j always hidden} G_j

holds for every safe pattern (a coefficient capped at ``R`` keeps a cut with
non-negative coefficients valid). The master gets it scaled to ``R = 1`` with every
coefficient rounded *up* to a multiple of 1/32 (weaker, still valid; near-equal cuts
merge). At ``S*`` the bound is tight (strong duality; checked: if the duals do not
reproduce the LP optimum, no capacity cut is made), so the cut cuts ``S*`` off when the
LP width is below ``width``. :data:`MARGIN` absorbs HiGHS's tolerances.

With an infinite capacity only, this is the covering cut "hide one of the cells whose
publication the attacker's bound relied on"; the finite capacities make it sharper (a
cell whose hiding loosens the bound by 1 does not count as a whole fix when 3 are
needed).

**The no-good cut.** When the LP width is at least ``width`` but the rounded interval is
not (``[0.4, 3.5]`` → ``[1, 3]``), the capacity cut does not separate ``S*``; then
``Σ_{j free, not in S*} y_j ≥ 1``. Valid because hiding fewer cells only gives the
attacker more (more constants, more rows): under any ``S ⊆ S*`` the interval of ``k``
lies within its interval under ``S*``, so ``k`` still leaks; a safe pattern must hide a
cell outside ``S*``.

**Which cells must be protected.** A primary count (true value ≤ threshold) leaks
under any pattern where it is narrow: its cuts are as above. A complementary count
(value above the threshold) leaks only if its interval also reaches down to the
threshold: ``[86, 86]`` is no leak, so a pattern with it may be optimal. Its cuts hold
only where its reach is certain: let ``x̂`` be the attacker's point with ``x̂_k = lo``
under ``S*`` (true values outside the component). ``x̂`` stays feasible under every
pattern that hides ``k``, every free count where ``x̂`` differs from the true value, and
every share or mean whose rows might exclude ``x̂`` (set ``D``; hidden quantities count
as differing, their true values are unknown); there ``lo ≤ x̂_k ≤ threshold``. The cut
is then ``Σ min(G_j, R) y_j ≥ R·(y_k − Σ_{c∈D} (1 − y_c))``: the full cut where
``D ∪ {k}`` is hidden, vacuous (right side ≤ 0) elsewhere. The no-good is guarded the
same way.

So every cut holds for every safe pattern that obeys the singleton rule, and the
master's optimum is a lower bound on the cost of any of them: the first safe pattern
whose cost reaches the master's bound is optimal (for this cost and this attacker).

**When it gives up** (returns ``None``; the caller runs the heuristic): when the work
:class:`Budget` is spent (more free cells than ``Budget.cells``, more master rounds than
``Budget.rounds``, a master solve that needs more branch-and-bound nodes than
``Budget.nodes``, or ``Budget.stalls`` rounds whose new cuts are all
no-goods), or when the master is infeasible (only grand totals or cells kept
published could protect some cell: the heuristic then names it in a ``LeakError``).
The budget counts work, never seconds, so the same release gets the same method and the
same pattern on every machine. The cell limit is set so that the exact method finishes
in about a second (measured on small releases of every measure: 80–125 free cells take
0.1–0.6 s; 130–200 cells anything from 1 to 30 s, as the master then needs many rounds
of branching over the shares).

Deterministic: cells, rows and cuts in a fixed order; HiGHS is deterministic.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from akassemonitor.discretion._attack import Points, _Solver, components
from akassemonitor.discretion._components import Group, groups
from akassemonitor.discretion._protect import AttackCache, attack, close_ratios, follow_flags
from akassemonitor.discretion._system import Release, Row
from akassemonitor.measures.relations import Linear, MeanOfRatios, Ratio

EXACT_MAX_CELLS = 120  # free cells (master variables) the automatic choice solves exactly
EXACT_MAX_ROUNDS = 100  # master → attack → cuts rounds
EXACT_MAX_NODES = 20_000  # branch-and-bound nodes of one master solve
EXACT_MAX_STALLS = 3  # rounds whose new cuts are all no-goods
RATIO_COST = 0.5  # hiding a share or mean: below any count the rule lets us publish
MARGIN = 1e-3  # slack on a cut's right side for the LP solvers' tolerances
LOOSE_GAP = 0.02  # the master's relative gap until a safe pattern is found
_TOL = 1e-7
_GRID = 32


@dataclass(frozen=True)
class Budget:
    """The work the exact method may spend before it gives up (never a clock).

    ``cells``: free cells (master variables), ``None`` for no limit; ``rounds``: master
    solves; ``nodes``: branch-and-bound nodes per master solve; ``stalls``: rounds
    whose new cuts are all no-goods. A no-good cuts off little more than the pattern it
    was made for, so a master fed only no-goods walks through the patterns a few at a
    time and spends every round it has (2022M04 at 100 spells with ``--previous``, when
    last month's cells still broke the capacity cuts: a group of 106 free cells, from
    its seventh round on about 1,200 leaks a round and not one capacity cut, 100 rounds
    and 1,350 CPU s before it gave up).
    """

    cells: int | None = EXACT_MAX_CELLS
    rounds: int = EXACT_MAX_ROUNDS
    nodes: int = EXACT_MAX_NODES
    stalls: int = EXACT_MAX_STALLS


@dataclass
class _Cut:
    """``Σ coef_i y_i ≥ rhs`` over master variables (by position)."""

    coefs: dict[int, float]
    rhs: float
    no_good: bool = field(default=False, compare=False)  # see _no_good


@dataclass
class _Master:
    release: Release
    base: np.ndarray  # hidden whatever the master decides (closed under close_ratios)
    cells: list[int]  # release cell of each master variable
    position: dict[int, int]
    cost: np.ndarray
    closure: list[tuple[int, int]]  # (share, part): y_share ≥ y_part
    forced_only: dict[int, list[int]]  # share not eligible: hidden only with a part
    cuts: list[_Cut] = field(default_factory=list)
    _known: set[tuple[tuple[tuple[int, float], ...], float]] = field(default_factory=set)

    def add(self, cuts: list[_Cut]) -> list[_Cut]:
        """Add the cuts not yet known; those that were new."""
        new: list[_Cut] = []
        for cut in cuts:
            key = (tuple(sorted(cut.coefs.items())), cut.rhs)
            if key not in self._known:
                self._known.add(key)
                self.cuts.append(cut)
                new.append(cut)
        return new

    @classmethod
    def build(
        cls, release: Release, exact_value: np.ndarray, base: np.ndarray, eligible: np.ndarray
    ) -> _Master:
        free = {i for i in range(release.n_cells) if eligible[i] and not base[i]}
        closure: list[tuple[int, int]] = []
        parts_of: dict[int, list[int]] = {}
        for cell, part in release.single_parts():  # as close_ratios
            if not base[cell] and part in free:
                closure.append((cell, part))
                parts_of.setdefault(cell, []).append(part)
        forced_only = {s: parts for s, parts in parts_of.items() if s not in free}
        cells = sorted(free | set(forced_only))
        position = {c: p for p, c in enumerate(cells)}
        cost = np.array([
            float(exact_value[c]) if release.is_count(c) else RATIO_COST for c in cells
        ])
        return cls(release, base, cells, position, cost, sorted(set(closure)), forced_only)

    def singleton_rule(self, exact_value: np.ndarray) -> list[_Cut]:
        """The singleton rule of ``protect_singletons`` as constraints: in a sum among
        cells (no hidden quantity), a hidden count of 1 has at least two hidden
        partners. Where too few cells could be hidden, the heuristic gives up on the
        rule, and so does this (no constraint)."""
        release = self.release
        cuts: list[_Cut] = []
        for rel in release.relations:
            if not isinstance(rel, Linear) or rel.sense != "eq":
                continue
            terms = sorted({release.index[k] for k, _ in rel.terms})
            if any(t >= release.n_cells for t in terms):
                continue
            for one in terms:
                if not (release.is_count(one) and exact_value[one] == 1):
                    continue
                if not self.base[one] and one not in self.position:
                    continue  # published whatever the master does
                partners = [t for t in terms if t != one]
                fixed = sum(1 for t in partners if self.base[t])
                free = [self.position[t] for t in partners if t in self.position]
                if fixed + len(free) < 2:
                    continue
                coefs = {p: 1.0 for p in free}
                if one in self.position:  # Σ partners ≥ 2·y_one
                    coefs[self.position[one]] = -2.0
                    rhs = -float(fixed)
                else:
                    rhs = 2.0 - fixed
                if rhs > 0 or one in self.position:
                    cuts.append(_Cut(coefs, rhs))
        return cuts

    def cost_of(self, pattern: np.ndarray) -> float:
        return float(sum(self.cost[p] for p, c in enumerate(self.cells) if pattern[c]))

    def solve(self, nodes: int, gap: float) -> tuple[np.ndarray, float] | None:
        """The cheapest pattern satisfying every cut so far (a mask over release cells)
        within ``gap`` (relative), and a lower bound on the cost of any such pattern."""
        n = len(self.cells)
        if n == 0:  # nothing to choose: the pattern is the base, unless a cut wants more
            return None if any(cut.rhs > 0 for cut in self.cuts) else (self.base.copy(), 0.0)
        rows, lbs, ubs = [], [], []
        for share, part in self.closure:
            rows.append({self.position[share]: 1.0, self.position[part]: -1.0})
            lbs.append(0.0)
            ubs.append(np.inf)
        for share, parts in sorted(self.forced_only.items()):
            row = {self.position[share]: 1.0}
            for part in parts:
                row[self.position[part]] = row.get(self.position[part], 0.0) - 1.0
            rows.append(row)
            lbs.append(-np.inf)
            ubs.append(0.0)
        for cut in self.cuts:
            rows.append(cut.coefs)
            lbs.append(cut.rhs)
            ubs.append(np.inf)
        constraints = []
        if rows:
            data, r_idx, c_idx = [], [], []
            for r, row in enumerate(rows):
                for c, v in sorted(row.items()):
                    data.append(v)
                    r_idx.append(r)
                    c_idx.append(c)
            matrix = sp.csr_array((data, (r_idx, c_idx)), shape=(len(rows), n))
            constraints.append(LinearConstraint(matrix, np.array(lbs), np.array(ubs)))
        with _quiet_stdout():  # HiGHS's MIP may print a debug line on the C stdout
            result = milp(
                self.cost, constraints=constraints, integrality=np.ones(n),
                bounds=Bounds(0, 1),
                options={"node_limit": nodes, "mip_rel_gap": max(gap, 1e-9),
                         "presolve": True},
            )
        if result.status != 0 or result.x is None:
            return None  # node limit, or infeasible: no pattern protects every cell
        pattern = self.base.copy()
        for p in np.flatnonzero(result.x > 0.5):
            pattern[self.cells[p]] = True
        bound = result.mip_dual_bound
        return pattern, float(result.fun if bound is None or gap <= 0 else bound)


@contextmanager
def _quiet_stdout() -> Iterator[None]:
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def exact_secondary(
    release: Release,
    exact_value: np.ndarray,
    suppressed: np.ndarray,
    eligible: np.ndarray,
    threshold: int,
    width: int,
    *,
    budget: Budget | None = None,
) -> np.ndarray | None:
    """The cheapest safe suppression pattern containing ``suppressed``, or ``None``.

    ``eligible``: cells that may be chosen as complements. ``budget`` (default
    :class:`Budget`): the work allowed each independent group. ``None`` means "use the
    heuristic": the budget of some group is spent, or no pattern of eligible cells
    protects every cell.
    """
    solved = exact_by_groups(release, exact_value, suppressed, eligible, threshold, width,
                             budget=budget)
    if solved.unsolved:
        return None
    return checked(release, solved.pattern, threshold, width)


@dataclass(frozen=True)
class Solved:
    """The exact method's work on a release, group by group (:mod:`._components`).

    ``pattern``: the starting pattern with the cheapest safe pattern of every solved
    group; ``solved``: those groups, each with its pattern (the starting pattern and
    the group's complements); ``unsolved``: the groups it gave up on (their cells as
    they started), left to the heuristic.
    """

    pattern: np.ndarray
    solved: tuple[tuple[Group, np.ndarray], ...]
    unsolved: tuple[Group, ...]


@dataclass
class _Run:
    """One group's master, its rounds and its best safe pattern so far."""

    group: Group
    master: _Master
    members: frozenset[int]
    rounds: int = 0
    best: tuple[float, np.ndarray] | None = None
    current: np.ndarray | None = None  # the master's latest pattern (closed)
    bound: float = 0.0
    seen: set[bytes] = field(default_factory=set)
    stalls: int = 0  # rounds whose new cuts were all no-goods


def exact_by_groups(
    release: Release,
    exact_value: np.ndarray,
    suppressed: np.ndarray,
    eligible: np.ndarray,
    threshold: int,
    width: int,
    *,
    budget: Budget | None = None,
    truth: np.ndarray | None = None,
) -> Solved:
    """The cheapest safe pattern of each independent group within its own budget.

    Cells of different groups never meet in an attacker's row, so the groups' masters
    run side by side: each round every open master proposes its pattern, one attack of
    the union judges them all (a leak belongs to the group that holds it, and depends
    only on that group's pattern), and each master gets the cuts of its own leaks. A
    group with more free cells than ``budget.cells`` is not tried; one that spends its
    rounds, nodes or stalls, or whose master is infeasible, is given up
    (``Solved.unsolved``).
    ``truth``: a point feasible under every pattern, to seed the attacks (see
    :func:`._protect.true_point`).
    """
    budget = budget or Budget()
    limit = math.inf if budget.cells is None else budget.cells
    base = close_ratios(release, suppressed)
    runs: list[_Run] = []
    unsolved: list[Group] = []
    for group in groups(release, base, eligible):
        if len(group.free) > limit:
            unsolved.append(group)
            continue
        mask = np.zeros_like(eligible)
        mask[list(group.free)] = True
        master = _Master.build(release, exact_value, base, eligible & mask)
        if len(master.cells) > limit:
            unsolved.append(group)
            continue
        master.add([cut for cut in master.singleton_rule(exact_value) if cut.coefs])
        runs.append(_Run(group, master, frozenset(group.quantities)))
    done: list[tuple[Group, np.ndarray]] = []
    cache = AttackCache.empty()
    # The rounds' patterns differ in a few cells, so feasible points of one round's
    # attack still prove cells of the next safe (each point checked against its rows):
    # same verdicts, fewer LPs (2022M03 at 100 spells: the attacks 92 → 77 CPU s).
    points = Points()
    while runs:
        pending: list[_Run] = []
        for run in runs:
            outcome = _propose(release, run, budget)
            if outcome is None:
                pending.append(run)
            elif isinstance(outcome, np.ndarray):
                done.append((run.group, outcome))
            else:
                unsolved.append(run.group)
        if not pending:
            break
        union = base.copy()
        for _, pattern in done:
            union |= pattern
        for run in pending:
            assert run.current is not None
            union |= run.current
        # Attack only the open groups' cells: the others' verdicts are in (a leak of
        # a group left to the heuristic would only be attacked again and again).
        open_cells = frozenset().union(*(run.members for run in pending))
        skip = frozenset(range(len(release.keys))) - open_cells
        intervals, rows = attack(release, union, threshold, width, exact=False, cache=cache,
                                 skip=skip, points=points, truth=truth)
        leaking = sorted(i for i, iv in intervals.items() if iv.leaks(width, threshold))
        runs = []
        for run in pending:
            assert run.current is not None
            leaks = [i for i in leaking if i in run.members]
            if not leaks:
                cost = run.master.cost_of(run.current)
                if run.best is None or cost < run.best[0]:
                    run.best = (cost, run.current)
                if run.bound >= cost - 1e-9:
                    done.append((run.group, run.current))
                else:
                    runs.append(run)  # safe, but the loose gap leaves room: solve exactly
                continue
            signature = run.current.tobytes()
            if signature in run.seen:
                unsolved.append(run.group)  # a cut failed to separate: not expected
                continue
            run.seen.add(signature)
            cuts = _separate(release, run.master, exact_value, union, rows, leaks,
                             threshold, width)
            new = run.master.add(cuts)
            if not new:
                unsolved.append(run.group)  # nothing new to cut it off with: not expected
                continue
            run.stalls += all(cut.no_good for cut in new)
            if run.stalls >= budget.stalls:
                unsolved.append(run.group)  # only no-goods: it would spend every round
                continue
            runs.append(run)
    pattern = base.copy()
    for _, found in done:
        pattern |= found
    solved = sorted(done, key=lambda item: item[0].quantities[0])
    unsolved.sort(key=lambda g: g.quantities[0])
    return Solved(pattern, tuple(solved), tuple(unsolved))


def _propose(release: Release, run: _Run, budget: Budget) -> np.ndarray | bool | None:  # noqa: PLR0911
    """Solve the run's master: its final pattern when its best safe pattern is proven
    optimal, ``False`` when it gives up, ``None`` when its new pattern awaits the
    attack (``run.current``)."""
    if run.rounds >= budget.rounds:
        return False
    run.rounds += 1
    # First rounds with a loose gap (fast; most cuts come early), then exact.
    solved = run.master.solve(budget.nodes, LOOSE_GAP if run.best is None else 0.0)
    if solved is None:
        return False
    pattern, bound = solved
    if run.best is not None and bound >= run.best[0] - 1e-9:
        return run.best[1]  # no pattern satisfying the cuts is cheaper: optimal
    closed = close_ratios(release, pattern)
    if not np.array_equal(closed, follow_flags(release, pattern)):
        return False  # the master's closure rows missed a share: not expected
    run.current, run.bound = closed, bound
    return None


def checked(
    release: Release, pattern: np.ndarray, threshold: int, width: int
) -> np.ndarray | None:
    """The pattern if the whole-release attacker finds no leak (the gate's verdict:
    a cell whose feasible points already span the width needs no LPs of its own)."""
    final, _ = attack(release, pattern, threshold, width, exact=False)
    if any(iv.leaks(width, threshold) for iv in final.values()):
        return None
    return pattern


def _separate(
    release: Release,
    master: _Master,
    exact_value: np.ndarray,
    pattern: np.ndarray,
    rows: list[Row],
    leaks: list[int],
    threshold: int,
    width: int,
) -> list[_Cut]:
    """One cut per leaking cell, each violated by ``pattern``."""
    leaking = set(leaks)
    cuts: list[_Cut] = []
    for quantities, row_numbers in components(rows):
        cells = [v for v in quantities if v in leaking]
        if not cells:
            continue
        position = {v: j for j, v in enumerate(quantities)}
        comp_rows = [rows[r] for r in row_numbers]
        solver = _Solver(comp_rows, row_numbers, position, len(quantities))
        for k in cells:
            hi, _, dual_hi = solver.optimise(position[k], -1.0, True)
            lo, point, dual_lo = solver.optimise(position[k], 1.0, True)
            if math.isinf(hi) or point is None:
                continue  # not a leak after all (the attack said it was)
            guard = _guard(release, master, exact_value, pattern, quantities, point, k,
                           threshold)
            cut = _capacity_cut(release, master, pattern, comp_rows, k, hi, lo,
                                (dual_hi, dual_lo), width, guard)
            if cut is None:
                cut = _no_good(master, pattern, k, guard)
            if cut is not None:
                cuts.append(cut)
    return cuts


def _guard(
    release: Release,
    master: _Master,
    exact_value: np.ndarray,
    pattern: np.ndarray,
    quantities: list[int],
    point: np.ndarray,
    k: int,
    threshold: int,
) -> list[int] | None:
    """For a complement ``k`` (value above the threshold): the set ``D`` (master
    positions, ``k`` first) that must be hidden for the attacker's minimum point to stay
    feasible, i.e. for ``k`` to stay within reach of the threshold. ``None`` for a
    primary count: it needs its width under every pattern."""
    if exact_value[k] <= threshold:
        return None
    changed: set[int] = set()  # quantities where the point differs from the truth
    for q, value in zip(quantities, point, strict=True):
        if q >= release.n_cells or abs(value - exact_value[q]) > _TOL:
            changed.add(q)
    guard = {k}
    guard.update(q for q in changed if q in master.position)
    for rel in release.relations:
        if isinstance(rel, Ratio):
            cell = release.index[rel.cell]
            related = [release.index[t] for t, _ in (*rel.numerator, *rel.denominator)]
            dens: list[int] = []
        elif isinstance(rel, MeanOfRatios):
            cell = release.index[rel.cell]
            related = [release.index[t] for part in rel.parts for t in part]
            dens = [release.index[d] for _, d in rel.parts]
        else:
            continue
        if not changed.intersection(related):
            continue  # its rows hold at the point whenever they exist
        if cell >= release.n_cells or master.base[cell]:
            continue  # always hidden: no rows ever
        if any(master.base[d] for d in dens):
            # A cohort always hidden may still be determined, and then the attacker
            # substitutes it (its rows exist): which patterns determine it is not
            # known here, so no guard; the plain cut may be stronger than needed (a
            # dearer pattern, never an unsafe one: the attacker checks every pattern).
            return None
        if cell in master.position and pattern[cell]:
            guard.add(cell)  # hidden now; published, its rows might exclude the point
        elif not pattern[cell]:
            # Published, its rows exist now (and hold at the point) unless a denominator
            # of a mean is hidden; published with that denominator, they might not hold.
            hidden = [d for d in dens if d in master.position and pattern[d]]
            if hidden:
                guard.add(min(hidden))
    return [master.position.get(k, -1), *sorted(master.position[c] for c in guard - {k})]


def _capacity_cut(
    release: Release,
    master: _Master,
    pattern: np.ndarray,
    comp_rows: list[Row],
    k: int,
    hi: float,
    lo: float,
    duals: tuple[dict[tuple[int, int], float], dict[tuple[int, int], float]],
    width: int,
    guard: list[int] | None,
) -> _Cut | None:
    """The Fischetti–Salazar capacity cut of a leaking cell (see the module doc), or
    None when it would not cut the pattern off (a leak made by rounding only) or the
    duals do not reproduce the LP bound."""
    by_ident = {row.ident: row for row in comp_rows}
    constant = 0.0  # B₀: the bound on hi − lo with every free cell published
    capacity: dict[int, float] = {}  # G_j by release cell
    for sign, optimum, dual in ((-1.0, -hi, duals[0]), (1.0, lo, duals[1])):
        bound = _dual_bound(release, by_ident, k, sign, dual)
        if bound is None:
            return None
        low, d, removers = bound
        for j, dj in d.items():
            capacity[j] = capacity.get(j, 0.0) + _loss(release, j, dj)
        for j in removers:
            capacity[j] = math.inf
        # The bound under the current pattern must reproduce the LP optimum.
        at_pattern = _bound_at(release, pattern, low, d)
        if not abs(at_pattern - optimum) <= 1e-5 * (1.0 + abs(optimum)):
            return None  # (NaN or inf fail too)
        constant -= low
    rhs = width - MARGIN - constant
    coefs: dict[int, float] = {}
    for j, g in sorted(capacity.items()):
        if j in master.position:
            coefs[master.position[j]] = g
        elif pattern[j]:
            if math.isinf(g):
                return None
            rhs -= g  # hidden whatever the master does
    if rhs <= 0:
        return None
    coefs = {p: min(g, rhs) for p, g in coefs.items() if g > 0}
    if sum(g for p, g in coefs.items() if pattern[master.cells[p]]) >= rhs - _TOL:
        return None  # does not cut the pattern off: the rounding made the leak
    return _guarded(coefs, rhs, guard)


def _dual_bound(
    release: Release,
    by_ident: dict[tuple[int, int], Row],
    k: int,
    sign: float,
    dual: dict[tuple[int, int], float],
) -> tuple[float, dict[int, float], set[int]] | None:
    """Weak duality for ``min sign · x_k`` with the LP's row duals ``dual``: the lower
    bound ``low`` with every release cell published, each release cell's reduced cost
    ``d_j`` (what hiding it takes from the bound, per unit of its value), and the cells
    whose hiding drops a row the bound used. ``None`` when a hidden quantity has a
    negative reduced cost (the duals prove nothing once it is free).

    A row's sources that are last month's cells (quantities beyond the release cells,
    known from last month's release) stay constants in ``b``: no pattern of this release
    makes them unknown, so they have no reduced cost and widen nothing.
    """
    d: dict[int, float] = {k: sign}
    value = 0.0  # Σ π b
    removers: set[int] = set()
    for ident, pi in dual.items():
        row = by_ident[ident]
        if not row.equality:
            pi = min(pi, 0.0)  # a ≤ row of a minimisation: π ≤ 0
            if pi == 0.0:
                continue
        b = row.rhs
        for v, a in zip(row.vars, row.coefs, strict=True):
            d[v] = d.get(v, 0.0) - pi * a
        for src, coef in zip(row.sources, row.source_coefs, strict=True):
            if src >= release.n_cells:
                continue  # last month's cell: a constant under every pattern
            if coef is None:
                removers.add(src)
            else:
                b += coef * float(release.seen[src])
                d[src] = d.get(src, 0.0) - pi * coef
        value += pi * b
        # (A denominator from last month's release drops the row only if it was hidden
        # then: known, it stays known.)
        removers.update(j for j in _mean_denominators(release, row)
                        if j < release.n_cells or np.isnan(release.seen[j]))
    low = value
    cells: dict[int, float] = {}
    for j, dj in d.items():
        if j >= release.n_cells:
            if dj < -_TOL:
                return None  # a free hidden quantity with negative reduced cost
            continue
        low += dj * float(release.seen[j])
        cells[j] = dj
    return low, cells, removers


def _loss(release: Release, j: int, dj: float) -> float:
    """What hiding cell ``j`` (reduced cost ``dj``) takes from a :func:`_dual_bound`:
    its reduced cost times its value; all of it (``inf``) when that cost is negative."""
    return math.inf if dj < -_TOL else max(dj, 0.0) * float(release.seen[j])


def _bound_at(release: Release, pattern: np.ndarray, low: float, d: dict[int, float]) -> float:
    """:func:`_dual_bound`'s bound under ``pattern``: each hidden cell's loss off."""
    return low - sum(_loss(release, j, dj) for j, dj in d.items() if pattern[j])


def _mean_denominators(release: Release, row: Row) -> list[int]:
    """A fokus mean's rows go when one of its denominators is hidden."""
    rel = release.relations[row.ident[0]]
    if isinstance(rel, MeanOfRatios):
        return [release.index[d] for _, d in rel.parts]
    return []


def _no_good(master: _Master, pattern: np.ndarray, k: int, guard: list[int] | None) -> _Cut | None:
    """Some free cell outside the pattern must be hidden (see the module doc)."""
    outside = [p for p, c in enumerate(master.cells) if not pattern[c]]
    if not outside:
        return None
    return replace(_guarded({p: 1.0 for p in outside}, 1.0, guard), no_good=True)


def _guarded(coefs: dict[int, float], rhs: float, guard: list[int] | None) -> _Cut:
    """``Σ coefs·y ≥ rhs·(y_k − Σ_{c∈D} (1 − y_c))`` for a complement (``guard`` =
    ``[k, *D]`` by master position, ``k`` = −1 when hidden whatever the master does);
    the plain cut ``Σ coefs·y ≥ rhs`` for a primary count."""
    # Scaled to a right side of 1, each coefficient rounded *up* to a multiple of 1/32
    # (weaker, so still valid): near-equal cuts become equal, and the master stays small.
    out = {p: math.ceil(min(v / rhs, 1.0) * _GRID - 1e-9) / _GRID for p, v in coefs.items()}
    out = {p: v for p, v in out.items() if v > 0}
    if guard is None:
        return _Cut(out, 1.0)
    k, *others = guard
    # Σ coefs·y − y_k − Σ_D y_c ≥ −|D|  (y_k = 1 when fixed: moved right)
    right = -float(len(others))
    if k >= 0:
        out[k] = out.get(k, 0.0) - 1.0
    else:
        right += 1.0
    for c in others:
        out[c] = out.get(c, 0.0) - 1.0
    return _Cut({p: v for p, v in out.items() if v != 0.0}, right)
