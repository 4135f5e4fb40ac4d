"""The vectorised helpers of the attacker give what the plain loops gave, and its LP
solver's verdicts hold (issue 14)."""

from __future__ import annotations

import math

import highspy
import numpy as np
import pytest

from akassemonitor.discretion._attack import (
    InconsistentRelations,
    _components_slow,
    _Solver,
    _spread,
    _spreads,
    components,
)
from akassemonitor.discretion._protect import _rows_touching, _Touching
from akassemonitor.discretion._system import Row


def _rows(seed: int) -> list[Row]:
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(int(rng.integers(1, 40))):
        size = int(rng.integers(1, 5))
        vars_ = tuple(int(v) for v in rng.choice(60, size, replace=False))
        rows.append(Row(vars_, (1.0,) * size, 0.0, True, (), (k, 0)))
    return rows


def test_components_match_the_union_find() -> None:
    for seed in range(200):
        rows = _rows(seed)
        assert components(rows) == _components_slow(rows)
        subset = sorted(np.random.default_rng(seed).choice(len(rows), len(rows) // 2,
                                                           replace=False).tolist())
        assert components(rows, subset) == _components_slow(rows, subset)
    assert components([]) == []


def test_touching_matches_the_search() -> None:
    for seed in range(100):
        rows = _rows(seed)
        touching = _Touching(rows)
        for cell in range(62):
            assert touching(cell) == _rows_touching(rows, cell)


def test_spreads_match_spread() -> None:
    values = [-math.inf, math.inf, 0.0, 2.9999995, 3.0, 3.0000004, 7.5, -1.0]
    lo = np.array([a for a in values for _ in values])
    hi = np.array([b for _ in values for b in values])
    got = _spreads(lo, hi)
    for a, b, g in zip(lo, hi, got, strict=True):
        want = _spread(float(a), float(b))
        assert (math.isnan(want) and math.isnan(g)) or want == g


class _WarmStartSaysInfeasible:
    """A HiGHS that calls its first warm-started solve infeasible, as HiGHS 1.16 has
    done for an unbounded maximisation (2022M04 at 100 spells with ``--previous``)."""

    def __init__(self, highs) -> None:  # type: ignore[no-untyped-def]
        self._highs = highs
        self._lying = False
        self.cold_solves = 0

    def run(self):  # type: ignore[no-untyped-def]
        self._lying = self.cold_solves == 0
        return self._highs.run()

    def clearSolver(self):  # type: ignore[no-untyped-def]  # noqa: N802 (HiGHS's name)
        self.cold_solves += 1
        return self._highs.clearSolver()

    def getModelStatus(self):  # type: ignore[no-untyped-def]  # noqa: N802
        if self._lying:
            return highspy.HighsModelStatus.kInfeasible
        return self._highs.getModelStatus()

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._highs, name)


def _solver(rows: list[Row], n: int) -> _Solver:
    return _Solver(rows, list(range(len(rows))), {v: v for v in range(n)}, n)


def test_a_warm_starts_infeasible_is_checked_cold() -> None:
    # x0 + x1 = 5 and x2 − x3 = 0: x0 lies in [0, 5], x2 has no upper bound.
    rows = [Row((0, 1), (1.0, 1.0), 5.0, True, (), (0, 0)),
            Row((2, 3), (1.0, -1.0), 0.0, True, (), (1, 0))]
    solver = _solver(rows, 4)
    solver.highs = _WarmStartSaysInfeasible(solver.highs)
    value, point, _ = solver.optimise(2, -1.0, False)
    assert (value, point) == (math.inf, None)
    assert solver.highs.cold_solves == 1
    assert solver.optimise(0, -1.0, False)[0] == 5.0


class _WarmStartNotDualFeasible(_WarmStartSaysInfeasible):
    """A HiGHS whose first warm-started "optimal" is not dual feasible (HiGHS 1.16
    returned 2.38 for a maximum of 3 so, with a dual infeasibility of 1.3e-6)."""

    def getModelStatus(self):  # type: ignore[no-untyped-def]  # noqa: N802
        return self._highs.getModelStatus()

    def getInfo(self):  # type: ignore[no-untyped-def]  # noqa: N802
        info = self._highs.getInfo()
        if self._lying:
            info.max_dual_infeasibility = 1.3e-6
        return info


def test_a_warm_optimum_not_dual_feasible_is_solved_cold() -> None:
    rows = [Row((0, 1), (1.0, 1.0), 5.0, True, (), (0, 0))]
    solver = _solver(rows, 2)
    solver.highs = _WarmStartNotDualFeasible(solver.highs)
    assert solver.optimise(0, -1.0, False)[0] == 5.0
    assert solver.highs.cold_solves == 1
    # A dual feasible optimum is believed: no second solve.
    plain = _solver(rows, 2)
    plain.highs = _WarmStartSaysInfeasible(plain.highs)
    plain.highs.cold_solves = 1  # (the stand-in lies only before its first cold solve)
    assert plain.optimise(0, -1.0, False)[0] == 5.0
    assert plain.highs.cold_solves == 1


def test_a_model_infeasible_cold_too_is_inconsistent() -> None:
    rows = [Row((0, 1), (1.0, 1.0), 5.0, True, (), (0, 0)),
            Row((0, 1), (1.0, 1.0), 7.0, True, (), (1, 0))]
    with pytest.raises(InconsistentRelations, match="contradict"):
        _solver(rows, 2).optimise(0, -1.0, False)
