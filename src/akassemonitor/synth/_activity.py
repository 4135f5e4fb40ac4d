"""Conversations (samtaler) and offers (tilbud) held within the spells.

A spell's expected number of meetings grows with the share of the trial's dagpenge
clock it has used (about three for a full period, as in the reference report) and a
little with its calendar length, so long spells hold more meetings. Meeting types
follow the reference report: nearly every meeting is a job meeting (``JOB``) or a
joint one with the jobcenter (``FAELLES_JOB``); most job meetings also cover the CV or
availability (``CV``, ``RAADIGHED``), written as extra rows with the same samtale_id.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from akassemonitor.codes import CONVERSATION_TYPES, OFFER_CATEGORIES
from akassemonitor.synth._spells import FULL_PERIOD_REASON, Spells
from akassemonitor.synth._world import FULL_PERIOD_CLOCK_DAYS, World

CONVERSATION_CODES: tuple[str, ...] = tuple(CONVERSATION_TYPES)
CV, JOB, FAELLES_JOB, RAADIGHED = (
    CONVERSATION_CODES.index(c) for c in ("CV", "JOB", "FAELLES_JOB", "RAADIGHED")
)
# Rows of one meeting are written with its main type first.
ROW_ORDER = (JOB, FAELLES_JOB, CV, RAADIGHED)

# Expected meetings: per full trial period, plus per calendar year (at most two).
MEETINGS_PER_FULL_PERIOD = 2.9
MEETINGS_PER_YEAR = 0.45
MISSED_MEETING_SHARE = 0.09  # each planned meeting is missed this often
# The main type of a meeting.
MEETING_KINDS: dict[int, float] = {JOB: 0.63, FAELLES_JOB: 0.335, CV: 0.02, RAADIGHED: 0.015}
JOB_COMBINED_SHARE = 0.85
JOB_COMBINATIONS = ((1 << CV, 0.55), (1 << RAADIGHED, 0.38), ((1 << CV) | (1 << RAADIGHED), 0.07))
FAELLES_JOB_COMBINED_SHARE = 0.02
GROUP_MEETING_SHARE = 0.025
# Meetings held a few days before or after the spell (in no spell: the annex counts them).
OUTSIDE_SPELL_SHARE = 0.002
OUTSIDE_SPELL_DAYS = 14

OFFER_CODES: tuple[str, ...] = tuple(OFFER_CATEGORIES)
OFFER_WEIGHTS: dict[str, float] = {
    "VEJLEDNING_OPKVALIFICERING": 0.55,
    "VIRKSOMHEDSPRAKTIK": 0.28,
    "JOBRETTET_UDDANNELSE": 0.135,
    "LOENTILSKUD": 0.03,
    "RAADIGHEDSAFPROEVNING": 0.005,
}
OFFERS_PER_SPELL_MONTH = 0.003
DAYS_PER_MONTH = 30.44


@dataclass(frozen=True)
class ConversationRows:
    """One entry per samtaler row; ``meeting`` numbers are global and become samtale_id."""

    meeting: np.ndarray
    person: np.ndarray
    day: np.ndarray
    kind: np.ndarray  # index into CONVERSATION_CODES
    individual: np.ndarray
    meetings: int  # distinct meetings in these rows


@dataclass(frozen=True)
class OfferRows:
    person: np.ndarray
    day: np.ndarray
    category: np.ndarray  # index into OFFER_CODES


def conversations(
    rng: np.random.Generator, world: World, spells: Spells, chunk: slice, first_meeting: int
) -> ConversationRows:
    """The samtaler rows of the spells in ``chunk``, meetings numbered from ``first_meeting``."""
    start = spells.start[chunk]
    end = spells.window_end(world.last_day)[chunk]
    ended = spells.ended[chunk]
    count = _meeting_counts(rng, world, spells, chunk)
    spell = np.repeat(np.arange(len(start)), count)
    length = end - start + 1
    day = start[spell] + (rng.random(len(spell)) * length[spell]).astype(np.int64)
    day = np.clip(_weekday(day), start[spell], end[spell])
    day = _some_outside(rng, world, day, start[spell], end[spell], ended[spell])
    order = np.lexsort((day, spell))
    spell, day = spell[order], day[order]

    types = _meeting_types(rng, len(spell))
    individual = rng.random(len(spell)) >= GROUP_MEETING_SHARE
    meeting, kind = _expand_types(types)
    person = spells.person[chunk][spell]
    return ConversationRows(
        meeting=meeting + first_meeting,
        person=person[meeting],
        day=day[meeting],
        kind=kind,
        individual=individual[meeting],
        meetings=len(spell),
    )


def _meeting_counts(
    rng: np.random.Generator, world: World, spells: Spells, chunk: slice
) -> np.ndarray:
    """Meetings per spell: by the clock used and the calendar length."""
    start = spells.start[chunk]
    end = spells.window_end(world.last_day)[chunk]
    need = np.ceil(FULL_PERIOD_CLOCK_DAYS / spells.rate[chunk])
    used = world.clock_days(start, end, spells.paused[chunk]) / need
    full = spells.ended[chunk] & (spells.reason[chunk] == FULL_PERIOD_REASON)
    used = np.where(full, 1.0, np.minimum(used, 1.0))
    years = np.minimum((end - start + 1) / 365.0, 2.0)
    expected = used * (MEETINGS_PER_FULL_PERIOD + MEETINGS_PER_YEAR * years)
    # The first two meetings are planned early in the spell; further ones vary.
    planned = np.minimum(np.floor(expected), 2).astype(np.int64)
    count = planned + rng.poisson(expected - planned)
    count -= rng.binomial(planned, MISSED_MEETING_SHARE)
    return np.maximum(count, 0)


def _weekday(day: np.ndarray) -> np.ndarray:
    """Move Saturdays to Friday and Sundays to Monday (1970-01-01 was a Thursday)."""
    weekday = (day + 3) % 7  # 0 = Monday
    return day - (weekday == 5) + (weekday == 6)


def _some_outside(
    rng: np.random.Generator,
    world: World,
    day: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    ended: np.ndarray,
) -> np.ndarray:
    """Move a few meetings just outside their spell: after it if it has ended, else before.

    A person's next spell starts at least 30 days after the last ends, so a day within
    ``OUTSIDE_SPELL_DAYS`` of a spell lies in no spell.
    """
    outside = rng.random(len(day)) < OUTSIDE_SPELL_SHARE
    gap = rng.integers(1, OUTSIDE_SPELL_DAYS + 1, len(day))
    after = ended & (end + OUTSIDE_SPELL_DAYS <= world.last_day)
    moved = np.where(after, end + gap, start - gap)
    return np.where(outside, moved, day)


def _meeting_types(rng: np.random.Generator, n: int) -> np.ndarray:
    """A bit set of conversation types per meeting (bit i = CONVERSATION_CODES[i])."""
    kinds = np.array(list(MEETING_KINDS))
    main = rng.choice(kinds, n, p=np.array(list(MEETING_KINDS.values())))
    bits = (1 << main).astype(np.uint8)
    extras = np.array([c for c, _ in JOB_COMBINATIONS], dtype=np.uint8)
    extra_p = np.array([p for _, p in JOB_COMBINATIONS])
    extra = rng.choice(extras, n, p=extra_p / extra_p.sum())
    job_combined = (main == JOB) & (rng.random(n) < JOB_COMBINED_SHARE)
    faelles_combined = (main == FAELLES_JOB) & (rng.random(n) < FAELLES_JOB_COMBINED_SHARE)
    single_extra = np.where(rng.random(n) < 0.5, 1 << CV, 1 << RAADIGHED).astype(np.uint8)
    bits |= np.where(job_combined, extra, 0).astype(np.uint8)
    bits |= np.where(faelles_combined, single_extra, 0).astype(np.uint8)
    return bits


def _expand_types(types: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One row per type held: (meeting index, type index), meetings in order."""
    present = [(types >> t) & 1 for t in ROW_ORDER]
    per_meeting = np.sum(present, axis=0).astype(np.int64)
    first_row = np.cumsum(per_meeting) - per_meeting
    rows = int(per_meeting.sum())
    meeting = np.empty(rows, dtype=np.int64)
    kind = np.empty(rows, dtype=np.int8)
    placed = np.zeros(len(types), dtype=np.int64)
    for t, has in zip(ROW_ORDER, present, strict=True):
        which = np.flatnonzero(has)
        position = first_row[which] + placed[which]
        meeting[position] = which
        kind[position] = t
        placed[which] += 1
    return meeting, kind


def offers(rng: np.random.Generator, world: World, spells: Spells) -> OfferRows:
    """Offer starts within the spells; every category occurs when there are enough offers."""
    start = spells.start
    end = spells.window_end(world.last_day)
    length = end - start + 1
    count = rng.poisson(OFFERS_PER_SPELL_MONTH * length / DAYS_PER_MONTH)
    spell = np.repeat(np.arange(len(start)), count)
    day = start[spell] + (rng.random(len(spell)) * length[spell]).astype(np.int64)
    day = np.clip(_weekday(day), start[spell], end[spell])
    weights = np.array([OFFER_WEIGHTS[c] for c in OFFER_CODES])
    category = rng.choice(len(OFFER_CODES), len(spell), p=weights / weights.sum())
    category = _every_category(rng, category)
    return OfferRows(person=spells.person[spell], day=day, category=category)


def _every_category(rng: np.random.Generator, category: np.ndarray) -> np.ndarray:
    """Give each missing category to one offer of a category that occurs more than once."""
    category = category.copy()
    for missing in sorted(set(range(len(OFFER_CODES))) - set(category.tolist())):
        counts = np.bincount(category, minlength=len(OFFER_CODES))
        donors = np.flatnonzero(counts[category] > 1)
        if len(donors) == 0:
            break
        category[rng.choice(donors)] = missing
    return category
