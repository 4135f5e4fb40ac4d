"""The independent suppression problems of a release.

A cell published whatever the method decides (not eligible, not hidden) is a constant
in every row the attacker writes: it links nothing. So link the *variable* quantities
of each relation (hidden cells, eligible cells, the release's hidden quantities and
last month's hidden counts, and a share or mean that goes with a variable part):
cells of different groups never meet in a row under any pattern. The attacker's
interval of a hidden count then depends only on the pattern within its group, and so
do the singleton rule, the closure of shares and the cost: the cheapest safe pattern
of the release is the union of the cheapest safe patterns of its groups, each solved
on its own (its own master problem and work budget). A group with nothing to protect
(no hidden count) needs no complement.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from akassemonitor.discretion._system import Release
from akassemonitor.measures.relations import relation_keys


@dataclass(frozen=True)
class Group:
    """One independent suppression problem: its quantities (release cells first, in
    index order) and the free cells among them (eligible, not hidden yet)."""

    quantities: tuple[int, ...]
    free: tuple[int, ...]
    protected: tuple[int, ...]  # hidden counts (and last month's) it must protect


def variable(release: Release, base: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """Quantities that may be unknown to the attacker under some pattern that hides
    ``base`` and any eligible cells."""
    n = release.n_cells
    out = np.zeros(len(release.keys), dtype=bool)
    out[:n] = base[:n] | eligible[:n]
    out[n:] = np.isnan(release.seen[n:])  # hidden quantities, last month's hidden counts
    for cell, part in release.single_parts():  # a share goes with its one-cell part
        if out[part]:
            out[cell] = True
    return out


def groups(release: Release, base: np.ndarray, eligible: np.ndarray) -> list[Group]:
    """The independent suppression problems that hold something to protect, in a fixed
    order (by their first quantity)."""
    n = release.n_cells
    var = variable(release, base, eligible)
    parent = list(range(len(release.keys)))

    def find(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for rel in release.relations:
        members = sorted({release.index[k] for k in relation_keys(rel)})
        members = [m for m in members if var[m]]
        for m in members[1:]:
            a, b = find(members[0]), find(m)
            if a != b:
                parent[max(a, b)] = min(a, b)
    protected = {
        int(i) for i in np.flatnonzero(base[:n]) if release.is_count(int(i))
    } | set(release.prior_hidden_counts())
    by_root: dict[int, list[int]] = {}
    for q in np.flatnonzero(var).tolist():
        by_root.setdefault(find(q), []).append(q)
    out = []
    for root in sorted(by_root):
        quantities = by_root[root]
        guarded = tuple(q for q in quantities if q in protected)
        if not guarded:
            continue
        free = tuple(q for q in quantities if q < n and eligible[q] and not base[q])
        out.append(Group(tuple(quantities), free, guarded))
    return out
