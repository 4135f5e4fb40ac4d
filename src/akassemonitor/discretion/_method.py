"""Secondary suppression's two methods behind one interface, and the choice between them.

``exact`` (:mod:`._exact`): a master integer program with the attacker's cuts; the
cheapest safe pattern, within a work budget. ``heuristic`` (:mod:`._protect`): a
row-and-column pass and greedy attack-and-repair rounds; any size. ``auto`` picks the
exact method when the release has at most :data:`._exact.EXACT_MAX_CELLS` free cells,
else the heuristic. The choice depends on the release's size and the work done, never
on a clock. When the exact method gives up (budget spent, or only a last resort can
protect a cell), the heuristic runs, and the result says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from akassemonitor.discretion._exact import Budget, exact_secondary
from akassemonitor.discretion._protect import Problem, finish, heuristic_secondary

METHODS = ("auto", "exact", "heuristic")


class Method(Protocol):
    """A secondary-suppression method: a safe pattern containing the forced cells, or
    ``None`` when it gives up."""

    @property
    def name(self) -> str: ...

    def protect(self, problem: Problem) -> np.ndarray | None: ...


@dataclass(frozen=True)
class Exact:
    budget: Budget = Budget()
    name: str = "exact"

    def protect(self, problem: Problem) -> np.ndarray | None:
        p = problem
        return exact_secondary(p.release, p.exact_value, p.start(), p.eligible,
                               p.threshold, p.width, budget=self.budget)


@dataclass(frozen=True)
class Heuristic:
    name: str = "heuristic"

    def protect(self, problem: Problem) -> np.ndarray | None:
        return heuristic_secondary(problem)


def methods_for(choice: str) -> tuple[Method, ...]:
    """The methods to try, in turn, for ``--method``: ``exact`` lifts the cell limit
    (the rounds and nodes still bound the work)."""
    if choice not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {choice!r}")
    if choice == "heuristic":
        return (Heuristic(),)
    if choice == "exact":
        return (Exact(Budget(cells=None)), Heuristic())
    return (Exact(), Heuristic())


def secondary(problem: Problem, choice: str = "auto") -> tuple[np.ndarray, str]:
    """The final pattern and the name of the method that made it."""
    for method in methods_for(choice):
        found = method.protect(problem)
        if found is not None:
            return finish(problem, found), method.name
    raise AssertionError("the heuristic always returns a pattern or raises LeakError")
