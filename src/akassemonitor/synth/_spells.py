"""Spells (forloeb) and the persons behind them, as numpy arrays.

A spell ends at the first of two competing events: its dagpenge clock reaches the full
trial period (``FULD_PERIODE``), or the member leaves for another reason first. The
clock runs at the share of full-time benefit the member draws (part-time work slows
it), and stands still while the dagpenge period is suspended.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from akassemonitor.codes import END_REASONS, FULL_PERIOD
from akassemonitor.synth._world import (
    AKASSE_WEIGHTS,
    DEFAULT_PRE_TRIAL,
    FULL_PERIOD_CLOCK_DAYS,
    World,
    default_total,
)

REASON_CODES: tuple[str, ...] = tuple(END_REASONS)
FULL_PERIOD_REASON = REASON_CODES.index(FULL_PERIOD)
UDMELDT_REASON = REASON_CODES.index("UDMELDT")
# Reasons other than the full period, and how often each ends a spell early.
OTHER_REASON_WEIGHTS: dict[str, float] = {
    "BESKAEFTIGELSE": 0.64,
    "UDMELDT": 0.09,
    "SYGDOM": 0.11,
    "ANDEN_YDELSE": 0.08,
    "ANDET": 0.08,
}

# Share of full-time benefit drawn: some are wholly unemployed, most work part-time.
FULL_TIME_SHARE = 0.12
PART_TIME_BETA = (1.2, 5.0)
MIN_RATE = 0.08
# Mean calendar days until a member leaves for a reason other than the full period.
MEAN_DAYS_TO_OTHER_EXIT = 1200
# Members whose clock is not stopped by the suspension (other benefit rules).
UNSUSPENDED_SHARE = 0.03
# Full-period spells shorter than min_full_period_days: a warning case, not an error.
SHORT_FULL_PERIOD_SHARE = 0.0008
# Share of spells that are a person's later spell, and the least gap between two spells.
LATER_SPELL_SHARE = 0.08
MIN_GAP_DAYS = 30


@dataclass(frozen=True)
class Spells:
    """One entry per spell; days are day numbers, ``end`` is valid where ``ended``."""

    person: np.ndarray  # int64 person number (pseudonymised when written)
    akasse: np.ndarray  # int index into the a-kasse codes
    start: np.ndarray
    end: np.ndarray  # the day the spell ends, also when it lies after the report month
    ended: np.ndarray  # bool: ended on or before the last day of the report month
    reason: np.ndarray  # int index into REASON_CODES (meaningful where ended)
    rate: np.ndarray  # share of full-time benefit drawn
    paused: np.ndarray  # bool: the suspensions stop this spell's clock

    def __len__(self) -> int:
        return len(self.start)

    def window_end(self, last_day: int) -> np.ndarray:
        """The last day each spell is active within the data: its end, or the last day."""
        return np.where(self.ended, self.end, last_day)


def akasse_probabilities(akasser: tuple[str, ...]) -> np.ndarray:
    """Relative sizes of the configured a-kasser; unknown codes get the mean size."""
    known = [AKASSE_WEIGHTS[a] for a in akasser if a in AKASSE_WEIGHTS]
    fallback = float(np.mean(known)) if known else 1.0
    weights = np.array([AKASSE_WEIGHTS.get(a, fallback) for a in akasser])
    return weights / weights.sum()


def spell_count(world: World, spells: int | None) -> int:
    """Total spells to generate: the real scale, or about ``spells`` keeping its shape."""
    if spells is None:
        return round(default_total(world))
    if spells < 1:
        raise ValueError(
            f"--spells must be 1 or more, got {spells}; leave it out for the trial's size"
        )
    return spells


def generate_spells(
    rng: np.random.Generator, world: World, total: int, akasser: tuple[str, ...]
) -> Spells:
    """``total`` spells with realistic starts, durations, end reasons and persons."""
    start, pre_trial = _starts(rng, world, total)
    order = np.argsort(start, kind="stable")
    start, pre_trial = start[order], pre_trial[order]
    n = len(start)
    rate = _benefit_rates(rng, n)
    paused = (rng.random(n) >= UNSUSPENDED_SHARE) | pre_trial
    need = np.ceil(FULL_PERIOD_CLOCK_DAYS / rate).astype(np.int64)
    short = (rng.random(n) < SHORT_FULL_PERIOD_SHARE) & ~pre_trial
    need[short] = rng.integers(40, 76, short.sum())
    paused[short] = False
    full_end = world.clock_end(start, need, paused)

    # Early-2020 spells were still running when the trial started.
    exit_from = np.where(pre_trial, np.maximum(start, world.first_day), start)
    other_end = exit_from + rng.exponential(MEAN_DAYS_TO_OTHER_EXIT, n).astype(np.int64)
    is_full = (full_end <= other_end) | short
    end = np.where(is_full, full_end, other_end)
    other_codes = [REASON_CODES.index(r) for r in OTHER_REASON_WEIGHTS]
    other_p = np.array(list(OTHER_REASON_WEIGHTS.values()))
    reason = np.where(
        is_full, FULL_PERIOD_REASON, rng.choice(other_codes, n, p=other_p / other_p.sum())
    )
    akasse = rng.choice(len(akasser), n, p=akasse_probabilities(akasser))
    ended = end <= world.last_day
    person, akasse = _persons(rng, start, end, ended, reason, akasse, len(akasser))
    return Spells(
        person=person,
        akasse=akasse,
        start=start,
        end=end,
        ended=ended,
        reason=reason,
        rate=rate,
        paused=paused,
    )


def _starts(rng: np.random.Generator, world: World, total: int) -> tuple[np.ndarray, np.ndarray]:
    """Start days: early-2020 spells, then each trial month by its inflow weight."""
    expected = np.concatenate([[DEFAULT_PRE_TRIAL], world.month_weights * world.referral_base])
    counts = rng.multinomial(total, expected / expected.sum())
    pre = rng.integers(world.pre_trial_first, world.pre_trial_last + 1, counts[0])
    month_first = np.array([m.first_day.toordinal() for m in world.months]) - _ORDINAL_EPOCH
    month_days = np.array([m.last_day.day for m in world.months])
    which = np.repeat(np.arange(len(world.months)), counts[1:])
    trial = month_first[which] + (rng.random(len(which)) * month_days[which]).astype(np.int64)
    start = np.concatenate([pre, trial]).astype(np.int64)
    pre_trial = np.zeros(len(start), dtype=bool)
    pre_trial[: counts[0]] = True
    return start, pre_trial


_ORDINAL_EPOCH = 719163  # date(1970, 1, 1).toordinal()


def _benefit_rates(rng: np.random.Generator, n: int) -> np.ndarray:
    """Share of full-time benefit each member draws (1 = wholly unemployed)."""
    part_time = MIN_RATE + (1 - MIN_RATE) * rng.beta(*PART_TIME_BETA, n)
    full_time = rng.uniform(0.9, 1.0, n)
    return np.where(rng.random(n) < FULL_TIME_SHARE, full_time, part_time)


def _persons(
    rng: np.random.Generator,
    start: np.ndarray,
    end: np.ndarray,
    ended: np.ndarray,
    reason: np.ndarray,
    akasse: np.ndarray,
    n_akasser: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Give some spells an earlier spell of the same person; return persons and a-kasser.

    Each later spell picks an ended spell that ended at least ``MIN_GAP_DAYS`` before
    it starts, and each ended spell is picked at most once, so one person's spells form
    a chain in time and never overlap. After ``UDMELDT`` the next spell is in another
    a-kasse; otherwise in the same.
    """
    n = len(start)
    earlier = np.full(n, -1, dtype=np.int64)
    candidates = np.flatnonzero(ended)
    by_end = candidates[np.argsort(end[candidates], kind="stable")]
    sorted_end = end[by_end]
    later = rng.permutation(np.flatnonzero(rng.random(n) < LATER_SPELL_SHARE))
    available = np.searchsorted(sorted_end, start[later] - MIN_GAP_DAYS, side="right")
    later, available = later[available > 0], available[available > 0]
    picked = by_end[(rng.random(len(later)) * available).astype(np.int64)]
    _, first = np.unique(picked, return_index=True)  # each earlier spell used once
    earlier[later[first]] = picked[first]

    root = np.where(earlier >= 0, earlier, np.arange(n))
    while True:  # pointer jumping: follow each chain to its first spell
        next_root = root[root]
        if np.array_equal(next_root, root):
            break
        root = next_root
    person_numbers = rng.permutation(n)
    person = person_numbers[root]

    shift = rng.integers(1, max(n_akasser, 2), n)
    has_earlier = earlier >= 0
    akasse = akasse.copy()
    for _ in range(n):  # chains are short: one pass per link
        inherited = akasse[earlier[has_earlier]]
        moved = reason[earlier[has_earlier]] == UDMELDT_REASON
        updated = np.where(moved, (inherited + shift[has_earlier]) % n_akasser, inherited)
        if np.array_equal(updated, akasse[has_earlier]):
            break
        akasse[has_earlier] = updated
    return person, akasse
