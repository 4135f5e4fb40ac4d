"""The attacker: for each hidden count, the interval the published cells leave open.

The rows split into independent components (published cells are constants), and each
component is attacked on its own with HiGHS: ``min`` and ``max`` of every protected
quantity under the rows and ``x ≥ 0``. Bounds of counts are integers, so the LP bounds
are rounded inwards (``ceil`` of the minimum, ``floor`` of the maximum).

When only the leak decision is wanted (``exact=False``), a cell whose already seen
feasible points span the protection width is safe without its own LPs: the true
interval contains every feasible point.
"""

from __future__ import annotations

import itertools
import math
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

import highspy
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from akassemonitor.discretion._system import Row

TOLERANCE = 1e-6
DUAL_TOLERANCE = 1e-9
DUAL_FEASIBLE_TOLERANCE = 1e-7  # HiGHS's dual_feasibility_tolerance (its default)
FEASIBLE_TOLERANCE = 1e-7  # HiGHS's primal feasibility tolerance


class InconsistentRelations(ValueError):
    """The published cells contradict the relations (wrong data or a wrong relation)."""


@dataclass
class Interval:
    lo: float
    hi: float  # inf when nothing bounds the cell from above
    # The duals of the rows bounding it, per bound (when asked), by row ident: stable
    # across rounds, unlike row numbers.
    binding: tuple[dict[tuple[int, int], float], ...] = field(default_factory=tuple)

    @property
    def width(self) -> float:
        return self.hi - self.lo

    def leaks(self, width: int, threshold: int) -> bool:
        """Narrower than the protection width while it may still hold a small count.

        An interval entirely above the threshold proves the cell is no small count (it
        is a complementary cell, a publishable figure): knowing it tells nothing
        sensitive, so it is no leak however narrow.
        """
        return self.hi - self.lo < width and self.lo <= threshold


class Points:
    """Feasible points of earlier attacks, kept to seed later ones: a point feasible for
    one pattern is feasible for every pattern that hides more (the cells it hides are
    then at their published value), and for one that publishes cells the attacker had
    determined. Each point is checked against the rows of the attack that uses it
    (:meth:`_Solver.feasible`), so a point proves nothing it should not."""

    def __init__(self, limit: int = 6000) -> None:
        self.limit = limit  # points kept, the newest
        self._groups: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # (quantities, points)
        self._by_quantity: dict[int, set[int]] = {}  # quantity → groups holding it
        self._kept = 0
        self._next = 0

    def add(self, quantities: np.ndarray, values: list[np.ndarray]) -> None:
        if not values:
            return
        number = self._next
        self._next += 1
        self._groups[number] = (quantities, np.vstack(values))
        self._kept += len(values)
        for q in quantities.tolist():
            self._by_quantity.setdefault(q, set()).add(number)
        while self._kept > self.limit and len(self._groups) > 1:
            oldest = min(self._groups)
            held, points = self._groups.pop(oldest)
            self._kept -= len(points)
            for q in held.tolist():
                self._by_quantity[q].discard(oldest)

    def over(self, quantities: list[int], seen: np.ndarray) -> np.ndarray:
        """The points (rows) written over ``quantities``: a quantity a point does not hold
        is at its published value ``seen``; points with an unknown left out."""
        target = np.asarray(quantities)
        base = seen[target]
        numbers: set[int] = set()
        for q in quantities:
            numbers |= self._by_quantity.get(q, set())
        out = []
        for number in sorted(numbers):
            held, values = self._groups[number]
            where = np.minimum(np.searchsorted(held, target), len(held) - 1)
            hit = held[where] == target
            x = np.tile(base, (len(values), 1))
            x[:, hit] = values[:, where[hit]]
            out.append(x[~np.isnan(x).any(axis=1)])
        return np.vstack(out) if out else np.empty((0, len(target)))


class _Seen:
    """The least and greatest value of each column over the feasible points seen, and
    the points that reached them."""

    def __init__(self, n: int) -> None:
        self.lo = np.full(n, np.inf)
        self.hi = np.full(n, -np.inf)
        self._lo_at = np.full(n, -1)
        self._hi_at = np.full(n, -1)
        self._points: list[np.ndarray] = []

    def take(self, x: np.ndarray) -> None:
        number = len(self._points)
        self._points.append(x)
        lower, higher = x < self.lo, x > self.hi
        self.lo[lower] = x[lower]
        self.hi[higher] = x[higher]
        self._lo_at[lower] = number
        self._hi_at[higher] = number

    def extremes(self, columns: list[int]) -> list[np.ndarray]:
        """The distinct points that reached a least or greatest value of ``columns``."""
        numbers = {int(k) for k in (*self._lo_at[columns], *self._hi_at[columns]) if k >= 0}
        return [self._points[k] for k in sorted(numbers)]


def components(
    rows: list[Row], subset: list[int] | None = None
) -> list[tuple[list[int], list[int]]]:
    """(quantities, row numbers) of each connected component of the rows (or of the
    rows numbered in ``subset``), in a fixed order: by least quantity, each's
    quantities ascending, its rows in the order given."""
    numbers = list(range(len(rows))) if subset is None else list(subset)
    if not numbers:
        return []
    lengths = np.fromiter((len(rows[k].vars) for k in numbers), dtype=np.int64,
                          count=len(numbers))
    flat = np.fromiter(itertools.chain.from_iterable(rows[k].vars for k in numbers),
                       dtype=np.int64, count=int(lengths.sum()))
    quantities, var_node = np.unique(flat, return_inverse=True)
    n_vars, n_rows = len(quantities), len(numbers)
    row_node = n_vars + np.repeat(np.arange(n_rows), lengths)
    graph = sp.coo_array((np.ones(len(flat), dtype=np.int8), (var_node.ravel(), row_node)),
                         shape=(n_vars + n_rows, n_vars + n_rows))
    _, label = connected_components(graph, directed=False)
    # Components by least quantity: the first var node of each label (vars ascending).
    first = np.unique(label[:n_vars], return_index=True)[1]
    order = label[np.sort(first)]
    rank = np.empty(label.max() + 1, dtype=np.int64)
    rank[order] = np.arange(len(order))
    var_rank, row_rank = rank[label[:n_vars]], rank[label[n_vars:]]
    by_var = np.argsort(var_rank, kind="stable")
    by_row = np.argsort(row_rank, kind="stable")
    var_cuts = np.searchsorted(var_rank[by_var], np.arange(1, len(order)))
    row_cuts = np.searchsorted(row_rank[by_row], np.arange(1, len(order)))
    numbers_arr = np.asarray(numbers, dtype=np.int64)
    return [(q.tolist(), r.tolist()) for q, r in zip(
        np.split(quantities[by_var], var_cuts), np.split(numbers_arr[by_row], row_cuts),
        strict=True)]


def _components_slow(
    rows: list[Row], subset: list[int] | None = None
) -> list[tuple[list[int], list[int]]]:
    """The union-find original of :func:`components` (tests compare them)."""
    numbers = range(len(rows)) if subset is None else subset
    parent: dict[int, int] = {}

    def find(v: int) -> int:
        while parent.setdefault(v, v) != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for number in numbers:
        row = rows[number]
        first = find(row.vars[0])
        for v in row.vars[1:]:
            root = find(v)
            if root != first:
                parent[max(root, first)] = min(root, first)
                first = min(root, first)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for v in sorted(parent):
        groups.setdefault(find(v), ([], []))[0].append(v)
    for number in numbers:
        groups[find(rows[number].vars[0])][1].append(number)
    return [groups[root] for root in sorted(groups)]


def attack_component(
    rows: list[Row],
    quantities: list[int],
    row_numbers: list[int],
    protected: Iterable[int],
    width: int,
    *,
    exact: bool,
    want_binding: bool = False,
    points: Points | None = None,
    known: np.ndarray | None = None,
    truth: bool = False,
    keep: list[np.ndarray] | None = None,
) -> dict[int, Interval]:
    """Intervals of the ``protected`` quantities of one component. ``points``: earlier
    feasible points to seed from (each checked against these rows first) and to add
    this attack's extreme points to; ``known``: the value of every quantity for those
    a point does not hold (the published values, or with ``truth`` a point feasible
    under every pattern, itself a seed point); ``keep``: receives this attack's extreme
    points."""
    position = {v: j for j, v in enumerate(quantities)}
    n = len(quantities)
    solver = _Solver([rows[r] for r in row_numbers], row_numbers, position, n)
    seen = _Seen(n)
    seen_lo, seen_hi = seen.lo, seen.hi
    result: dict[int, Interval] = {}

    def solve(j: int, sign: float) -> tuple[float, dict[tuple[int, int], float]]:
        value, x, binding = solver.optimise(j, sign, want_binding)
        if x is not None:
            seen.take(x)
        return value, binding

    protected = list(protected)
    columns = [position[v] for v in protected]
    if known is not None and (points is not None or truth):
        candidates = points.over(quantities, known) if points is not None else np.empty(
            (0, n))
        if truth:
            candidates = np.vstack([known[quantities][None, :], candidates])
        for x in candidates[solver.feasible(candidates)]:
            seen.take(x)
    if not exact and bool((_spreads(seen_lo[columns], seen_hi[columns]) >= width).all()):
        pass  # every cell proven safe by earlier points: no LP at all
    else:
        _seed(solver, columns, seen, width)
        if not exact:
            _spread_out(solver, columns, seen, width)
    for v in protected:
        j = position[v]
        if not exact and _spread(seen_lo[j], seen_hi[j]) >= width:
            result[v] = Interval(_ceil(seen_lo[j]), _floor(seen_hi[j]))
            continue
        hi, bind_hi = solve(j, -1.0)
        if not exact and _spread(seen_lo[j], seen_hi[j]) >= width:
            result[v] = Interval(_ceil(seen_lo[j]), _floor(seen_hi[j]))
            continue
        bind_lo: dict[tuple[int, int], float] = {}
        if seen_lo[j] <= TOLERANCE:
            # A feasible point has it at 0, and x ≥ 0: the minimum is 0, no LP needed.
            # Its bound is the column's own (x ≥ 0), no row binds it: no duals.
            lo = 0.0
        else:
            lo, bind_lo = solve(j, 1.0)
        interval = Interval(_ceil(lo), _floor(hi), (bind_hi, bind_lo))
        if interval.hi < interval.lo:  # no integer fits: as good as determined
            interval = Interval(interval.lo, interval.lo, interval.binding)
        result[v] = interval
    extremes = seen.extremes(columns)
    if points is not None:
        points.add(np.asarray(quantities), extremes)
    if keep is not None:
        keep.extend(extremes)
    return result


def feasible_point(
    rows: list[Row], quantities: list[int], row_numbers: list[int]
) -> np.ndarray | None:
    """Any point of one component's rows (x ≥ 0), or None if there is none."""
    position = {v: j for j, v in enumerate(quantities)}
    solver = _Solver([rows[r] for r in row_numbers], row_numbers, position, len(quantities))
    return solver.optimise_many([0], np.zeros(1))


def _seed(solver: _Solver, columns: list[int], seen: _Seen, width: int) -> None:
    """Feasible points far apart (min and max of the sum, and fixed pseudo-random mixes):
    most safe cells are proven safe by them without an LP of their own."""
    rng = np.random.default_rng(len(columns))  # deterministic
    objectives = [np.ones(len(columns)), -np.ones(len(columns))]
    objectives += [rng.choice([-1.0, 1.0], len(columns)) for _ in range(4)]
    caps = None
    for weights in objectives:
        x = solver.optimise_many(columns, weights, caps)
        if x is not None:
            seen.take(x)
        if caps is None and np.isfinite(seen.lo[columns]).all():
            # After the minimum: caps a little above it keep the maximisations bounded
            # (a cell with no upper bound would make them unbounded, and useless).
            caps = seen.lo[columns] + width + 1.0


def _spread_out(solver: _Solver, columns: list[int], seen: _Seen, width: int) -> None:
    """Prove cells safe in bulk: push all cells not yet proven up together, then down
    together, and repeat on those left while a round still proves a good share of them.
    Two LPs a round instead of two per cell; what is left gets its own LPs."""
    open_ = _still_open(columns, seen, width)
    for _ in range(60):
        if len(open_) < 4:
            return
        caps = np.maximum(seen.lo[open_], 0.0) + width + 1.0
        caps[~np.isfinite(caps)] = width + 1.0
        for sign in (-1.0, 1.0):
            x = solver.optimise_many(open_, np.full(len(open_), sign),
                                     caps if sign < 0 else None)
            if x is not None:
                seen.take(x)
        left = _still_open(open_, seen, width)
        if len(left) > 0.98 * len(open_):
            break
        open_ = left
    # Pushing all together stalls when the cells left share their sums (a total of 5
    # over three hidden cells lets only one reach 5 at a time): push small random
    # groups up instead (a fixed generator: deterministic), while that pays.
    rng = np.random.default_rng(len(open_))
    for _ in range(200):
        if len(open_) < 8:
            return
        group = sorted(rng.choice(open_, max(4, len(open_) // 16), replace=False).tolist())
        caps = np.maximum(seen.lo[group], 0.0) + width + 1.0
        caps[~np.isfinite(caps)] = width + 1.0
        x = solver.optimise_many(group, np.full(len(group), -1.0), caps)
        if x is not None:
            seen.take(x)
        left = _still_open(open_, seen, width)
        if len(open_) - len(left) < 2:
            return
        open_ = left


_banner_shown = False


def _new_highs() -> highspy.Highs:
    """A HiGHS instance; the first one of a process prints a banner on the C-level
    stdout, which would land in the middle of the CLI's output, so it goes to null."""
    global _banner_shown
    if _banner_shown:
        return highspy.Highs()
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            highs = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    _banner_shown = True
    return highs


_NO_POINT = (highspy.HighsModelStatus.kInfeasible,
             highspy.HighsModelStatus.kUnboundedOrInfeasible)
_SETTLED = (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kUnbounded,
            *_NO_POINT)


class _Solver:
    """One HiGHS model per component; each bound changes only the objective, so the
    simplex starts from the last basis (far faster than a cold solve per bound)."""

    def __init__(self, rows: list[Row], row_numbers: list[int], position: dict[int, int],
                 n: int) -> None:
        self.idents = [row.ident for row in rows]  # stable across rounds, unlike numbers
        self.highs = _new_highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("threads", 1)
        self.highs.setOptionValue("presolve", "off")
        # Each bound changes only the objective: the last basis stays primal feasible,
        # so the primal simplex continues from it (the dual would start over).
        self.highs.setOptionValue("simplex_strategy", 4)
        lp = highspy.HighsLp()
        lp.num_col_ = n
        lp.num_row_ = len(rows)
        lp.col_cost_ = np.zeros(n)
        lp.col_lower_ = np.zeros(n)
        lp.col_upper_ = np.full(n, highspy.kHighsInf)
        lp.row_lower_ = np.array([r.rhs if r.equality else -highspy.kHighsInf for r in rows])
        lp.row_upper_ = np.array([r.rhs for r in rows])
        matrix = _csc(rows, position, n)
        self.matrix = matrix.tocsr()
        self.rhs = np.array([r.rhs for r in rows], dtype=float)
        self.equality = np.array([r.equality for r in rows], dtype=bool)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
        lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
        lp.a_matrix_.value_ = matrix.data.astype(float)
        self.highs.passModel(lp)
        self.last: int | None = None

    def feasible(self, x: np.ndarray) -> np.ndarray:
        """For each point (row of ``x``), whether it satisfies every row and ``x ≥ 0``
        (within HiGHS's primal feasibility tolerance)."""
        if len(x) == 0:
            return np.zeros(0, dtype=bool)
        over = (self.matrix @ x.T).T - self.rhs
        slack = FEASIBLE_TOLERANCE * (1.0 + np.abs(self.rhs))
        rows_hold = (over <= slack) & (~self.equality | (over >= -slack))
        return rows_hold.all(axis=1) & (x >= -FEASIBLE_TOLERANCE).all(axis=1) & (
            np.isfinite(x).all(axis=1))

    def _run(self, *, bound: bool = False) -> None:
        """Solve from the last basis with the primal simplex; should HiGHS stumble (a
        numerical failure on a degenerate basis), solve again from scratch with its
        default (dual) simplex. ``bound``: the optimum is a bound the caller relies on,
        so from a warm start only an "optimal" that is dual feasible (HiGHS's own
        tolerance) or "unbounded" is believed; anything else is solved cold too."""
        self.highs.run()
        status = self.highs.getModelStatus()
        if bound:
            believed = status == highspy.HighsModelStatus.kUnbounded or (
                status == highspy.HighsModelStatus.kOptimal
                and self.highs.getInfo().max_dual_infeasibility <= DUAL_FEASIBLE_TOLERANCE)
        else:
            believed = status in _SETTLED
        if believed:
            return
        self.highs.clearSolver()
        self.highs.setOptionValue("simplex_strategy", 1)
        self.highs.run()
        self.highs.setOptionValue("simplex_strategy", 4)

    def optimise_many(
        self, columns: list[int], weights: np.ndarray, caps: np.ndarray | None = None
    ) -> np.ndarray | None:
        """A point minimising ``Σ weights · x[columns]``, or None (unbounded).

        ``caps``: temporary upper bounds on ``columns`` (a point of the capped model is
        a point of the model; caps keep a maximisation bounded)."""
        cost = np.zeros(self.highs.getNumCol())
        cost[columns] = weights
        self.highs.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
        index = np.asarray(columns, dtype=np.int32)
        if caps is not None:
            self.highs.changeColsBounds(len(index), index, np.zeros(len(index)), caps)
        self.last = None
        self._run()
        status = self.highs.getModelStatus()
        self.highs.changeColsCost(
            len(cost), np.arange(len(cost), dtype=np.int32), np.zeros(len(cost))
        )
        if caps is not None:
            self.highs.changeColsBounds(
                len(index), index, np.zeros(len(index)), np.full(len(index), highspy.kHighsInf)
            )
        if status != highspy.HighsModelStatus.kOptimal:
            return None
        return np.asarray(self.highs.getSolution().col_value)

    def optimise(
        self, j: int, sign: float, want_binding: bool
    ) -> tuple[float, np.ndarray | None, dict[tuple[int, int], float]]:
        """``max`` (sign -1) or ``min`` (sign +1) of column j: value, point, binding rows."""
        if self.last is not None and self.last != j:
            self.highs.changeColCost(self.last, 0.0)
        self.highs.changeColCost(j, sign)
        self.last = j
        # "Infeasible" is not believed from a warm start: the model holds the true
        # values (unless the cells are inconsistent), and HiGHS 1.16 has been seen to
        # call an unbounded maximisation infeasible from a warm basis (2022M04 at 100
        # spells with --previous; solved cold, the same model is unbounded). Nor is an
        # "optimal" that is not dual feasible: the bound is then not proven (HiGHS 1.16
        # has returned a maximum of 2.38 for a cell whose maximum is 3, with a dual
        # infeasibility of 1.3e-6; the audit called the cell a leak).
        self._run(bound=True)
        status = self.highs.getModelStatus()
        if status == highspy.HighsModelStatus.kUnbounded:
            return math.inf, None, {}
        if status in _NO_POINT:
            raise InconsistentRelations(
                "the published cells contradict the relations between them: with "
                "--previous, the registers were probably revised since last month's "
                "release (run without --previous, or recompute last month on today's "
                "data); without it, the cells do not come from one run of 'measures'"
            )
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"HiGHS could not attack a component: {status}")
        solution = self.highs.getSolution()
        x = np.asarray(solution.col_value)
        binding: dict[tuple[int, int], float] = {}
        if want_binding:
            duals = np.asarray(solution.row_dual)
            binding = {
                self.idents[k]: float(duals[k])
                for k in np.flatnonzero(np.abs(duals) > DUAL_TOLERANCE)
            }
        return sign * float(self.highs.getInfo().objective_function_value), x, binding


def _csc(rows: list[Row], position: dict[int, int], n: int) -> sp.csc_array:
    data, r_idx, c_idx = [], [], []
    for k, row in enumerate(rows):
        for v, c in zip(row.vars, row.coefs, strict=True):
            data.append(c)
            r_idx.append(k)
            c_idx.append(position[v])
    return sp.csc_array((data, (r_idx, c_idx)), shape=(len(rows), n))


def _ceil(x: float) -> float:
    return x if math.isinf(x) else float(math.ceil(x - TOLERANCE))


def _floor(x: float) -> float:
    return x if math.isinf(x) else float(math.floor(x + TOLERANCE))


def _spreads(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """:func:`_spread` of each pair (the same floats, vectorised)."""
    with np.errstate(invalid="ignore"):
        out = np.floor(hi + TOLERANCE) - np.ceil(lo - TOLERANCE)
    out[~(np.isfinite(lo) & np.isfinite(hi)) & (hi < lo)] = -np.inf
    return out


def _still_open(columns: list[int], seen: _Seen, width: int) -> list[int]:
    """The columns whose seen values do not yet span ``width`` (in their order)."""
    if not columns:
        return []
    at = np.asarray(columns)
    return [j for j, ok in zip(columns, _spreads(seen.lo[at], seen.hi[at]) < width,
                               strict=True) if ok]


def _spread(lo: float, hi: float) -> float:
    if not (math.isfinite(lo) and math.isfinite(hi)) and hi < lo:
        return -math.inf
    return _floor(hi) - _ceil(lo)
