"""The vectorised helpers of the attacker give what the plain loops gave (issue 14)."""

from __future__ import annotations

import math

import numpy as np

from akassemonitor.discretion._attack import (
    _components_slow,
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
