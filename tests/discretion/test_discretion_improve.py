"""The heuristic's last pass (``_improve``): swaps of dear complements for cheaper ones."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from discretion_factory import full_release, small_config

from akassemonitor.discretion import _pad, _period, _seen_values
from akassemonitor.discretion._improve import _final_cost, improve
from akassemonitor.discretion._protect import (
    AttackCache,
    Problem,
    _singleton_sources,
    attack,
    follow_flags,
    heuristic_secondary,
    last_resorts,
    primary_mask,
)
from akassemonitor.discretion._system import Release
from akassemonitor.measures.relations import release_relations
from akassemonitor.months import Month

THRESHOLD, WIDTH = 2, 3


def _problem(seed: int, scale: float) -> Problem:
    config = replace(small_config(("A", "B")), trial_start=Month(2022, 4))
    exact = full_release(config, Month(2022, 4), seed=seed, scale=scale)
    frame = exact.frame.reset_index(drop=True)
    release = Release.build(frame, _seen_values(frame),
                            release_relations(_period(frame, config)))
    primary = follow_flags(release, _pad(primary_mask(frame, THRESHOLD), release))
    value = _pad(frame.value.to_numpy(float), release)
    problem = Problem.of(release, value, primary, np.zeros(release.n_cells, dtype=bool),
                         THRESHOLD, WIDTH)
    return last_resorts(problem)


@pytest.mark.parametrize(("seed", "scale"), [(7, 0.5), (10, 0.5), (9, 1.0)])
def test_the_swaps_lower_the_cost_and_stay_safe(seed, scale):
    # On these releases the greedy rounds hide a Ja cell and its two bilag copies where
    # a cheaper pattern hides the cohort and its bilag totals: the pass finds a cheaper
    # pattern, which the attacker cannot narrow and which keeps the singleton rule.
    problem = _problem(seed, scale)
    greedy = heuristic_secondary(problem)
    better = improve(problem, greedy)
    cache = AttackCache.empty()
    assert _final_cost(problem, better, cache) < _final_cost(problem, greedy, cache)
    assert not (problem.start() & ~better).any()  # forced cells stay hidden
    intervals, _ = attack(problem.release, better, THRESHOLD, WIDTH, exact=True)
    assert not any(iv.leaks(WIDTH, THRESHOLD) for iv in intervals.values())
    before = _singleton_sources(problem.release, problem.exact_value, greedy, THRESHOLD)
    assert _singleton_sources(problem.release, problem.exact_value, better,
                              THRESHOLD) <= before
    # Deterministic: the same pattern again.
    assert np.array_equal(improve(problem, greedy), better)


def test_a_big_release_is_left_as_it_is():
    # Above the cell limit the pass does nothing (its work grows with the release).
    from akassemonitor.discretion import _improve

    problem = _problem(7, 0.5)
    greedy = heuristic_secondary(problem)
    small = replace(problem, eligible=problem.eligible.copy())
    limit = _improve.IMPROVE_MAX_CELLS
    try:
        _improve.IMPROVE_MAX_CELLS = int(problem.eligible.sum()) - 1
        assert np.array_equal(improve(small, greedy), greedy)
    finally:
        _improve.IMPROVE_MAX_CELLS = limit
