"""Secondary suppression's two methods behind one interface, and the choice between them.

``exact`` (:mod:`._exact`): a master integer program with the attacker's cuts, one per
independent group of the release (:mod:`._components`); the cheapest safe pattern of
each group it solves within its work budget. ``heuristic`` (:mod:`._protect`): a
row-and-column pass and greedy attack-and-repair rounds; any size.

``--method`` chooses:

- ``auto`` (default): the exact method on every group of at most
  :data:`._exact.EXACT_MAX_CELLS` free cells that it solves within its work budget,
  the heuristic on the other groups, with the exact groups' pattern forced (its cells
  are neither hidden nor published again by the heuristic). Named ``exact`` when every
  group was solved exactly, ``heuristic`` when none was, else ``exact+heuristic``.
- ``exact``: the same with no limit on a group's free cells (its rounds and nodes
  still bound the work); a group that spends its budget goes to the heuristic.
- ``heuristic``: the heuristic on the whole release.

The choice depends on the release and the work done (free cells, master rounds,
branch-and-bound nodes), never on a clock: the same release gets the same method and
pattern on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from akassemonitor.discretion._exact import (
    Budget,
    Solved,
    checked,
    exact_by_groups,
    exact_secondary,
)
from akassemonitor.discretion._improve import improve
from akassemonitor.discretion._protect import Problem, finish, heuristic_secondary, last_resorts

METHODS = ("auto", "exact", "heuristic")
MIXED = "exact+heuristic"  # the name when some groups were solved exactly, some not


class Method(Protocol):
    """A secondary-suppression method: a safe pattern containing the forced cells, or
    ``None`` when it gives up."""

    @property
    def name(self) -> str: ...

    def protect(self, problem: Problem) -> np.ndarray | None: ...


@dataclass(frozen=True)
class Exact:
    """The exact method on the whole release: ``None`` unless it solves every group."""

    budget: Budget = Budget()
    name: str = "exact"

    def protect(self, problem: Problem) -> np.ndarray | None:
        p = problem
        return exact_secondary(p.release, p.exact_value, p.start(), p.eligible,
                               p.threshold, p.width, budget=self.budget)

    def by_groups(self, problem: Problem) -> Solved:
        p = problem
        return exact_by_groups(p.release, p.exact_value, p.start(), p.eligible,
                               p.threshold, p.width, budget=self.budget, truth=p.truth)


@dataclass(frozen=True)
class Heuristic:
    name: str = "heuristic"

    def protect(self, problem: Problem) -> np.ndarray:
        """The greedy rounds, then (small releases) swaps of dear complements for
        cheaper ones (:mod:`._improve`)."""
        return improve(problem, heuristic_secondary(problem))


def exact_for(choice: str, budget: Budget | None = None) -> Exact | None:
    """The exact method for ``--method`` (``None``: the heuristic only); ``budget``
    replaces the choice's own (tests)."""
    if choice not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {choice!r}")
    if choice == "heuristic":
        return None
    if budget is not None:
        return Exact(budget)
    return Exact(Budget(cells=None)) if choice == "exact" else Exact()


def secondary(
    problem: Problem, choice: str = "auto", budget: Budget | None = None
) -> tuple[np.ndarray, str]:
    """The final pattern and the name of the method that made it (``exact``,
    ``heuristic`` or ``exact+heuristic``)."""
    problem = last_resorts(problem)
    exact = exact_for(choice, budget)
    solved = exact.by_groups(problem) if exact is not None else None
    if solved is not None and not solved.unsolved:
        pattern = checked(problem.release, solved.pattern, problem.threshold, problem.width)
        if pattern is not None:
            return finish(problem, pattern), Exact.name
    if solved is not None and solved.solved and solved.unsolved:
        return finish(problem, Heuristic().protect(rest(problem, solved))), MIXED
    # No exact method, no group solved, or (not expected) an exact pattern that leaks.
    return finish(problem, Heuristic().protect(problem)), Heuristic.name


def rest(problem: Problem, solved: Solved) -> Problem:
    """The problem left to the heuristic: the exact groups' pattern forced, and their
    free cells no longer eligible (the heuristic neither hides nor publishes them).
    Groups share no row, so the heuristic's repairs of the other groups could not
    use them anyway; this makes sure."""
    fixed = np.zeros_like(problem.eligible)
    for group, _ in solved.solved:
        fixed[list(group.free)] = True
    forced = problem.forced | solved.pattern
    return replace(problem, forced=forced, eligible=problem.eligible & ~fixed)
