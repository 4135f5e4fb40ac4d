"""The synthetic world's calendar: inflow by month, dagpenge clock, suspensions.

Days are whole numbers (days since 1970-01-01, numpy's ``datetime64[D]`` epoch) so
that every step vectorises. The figures below are tuned so that the default scale
looks like the real trial (SPEC §2 and the reference report); see
``docs/synthetic-data.md`` for what each one produces.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from akassemonitor.config import Config
from akassemonitor.months import Month, month_range

EPOCH = dt.date(1970, 1, 1)

# Spells referred in the trial's first 17 months (September 2020 to January 2022).
DEFAULT_REFERRED = 45_000
REFERRED_MONTHS = 17
# Spells of early 2020 that ran on after the 2020 suspension, at default scale.
DEFAULT_PRE_TRIAL = 3_000

# Relative monthly inflow: a first wave when the trial opens, a trickle while the
# dagpenge period is suspended, then normal, and lower again from the trial's 18th month.
FIRST_WAVE_WEIGHT = 1.25
SUSPENDED_WEIGHT = 0.15
NORMAL_WEIGHT = 1.0
LATE_WEIGHT = 0.30

# A full-period spell uses 410 dagpenge hours: 78 days of full-time benefit (37 h a week).
FULL_PERIOD_CLOCK_DAYS = 78
# The 2020 suspension ran from 9 March to the trial's start; early-2020 spells began at
# most this many clock days before it, so none of them completes before the trial starts.
PRE_TRIAL_PAUSE = (dt.date(2020, 3, 9), dt.date(2020, 8, 31))
# The 2021 suspension starts mid-month, so the first excluded month still has cohorts.
PAUSE_START_DAY = 15
# Horizon of the dagpenge clock beyond the report month: longer than any spell.
HORIZON_DAYS = 5 * 366

# Relative sizes of the a-kasser, from the reference report's full-period cohorts.
AKASSE_WEIGHTS: dict[str, float] = {
    "3F-A": 0.19,
    "FTF-A": 0.18,
    "MA-A": 0.15,
    "HK-A": 0.14,
    "FOA-A": 0.11,
    "Dansk Metal": 0.08,
    "SL-A": 0.04,
    "BUPL-A": 0.025,
    "Min-A": 0.015,
}


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01."""
    return (day - EPOCH).days


@dataclass(frozen=True)
class World:
    """The calendar every generator step shares."""

    trial_start: Month
    until: Month
    first_day: int  # first day of trial_start
    last_day: int  # last day of until: no date may lie after it
    pre_trial_first: int  # earliest start of an early-2020 spell
    pre_trial_last: int
    origin: int  # day 0 of the clock arrays
    # paused[i]: the dagpenge clock stands still on day origin + i.
    # clock[i]: clock days in [origin, origin + i); consumption between days is a difference.
    clock: np.ndarray
    plain_clock: np.ndarray
    months: tuple[Month, ...]  # trial_start..until
    month_weights: np.ndarray  # relative inflow of each month
    referral_base: float  # spells referred in a month of weight 1, at default scale

    def clock_end(self, start: np.ndarray, need: np.ndarray, paused: np.ndarray) -> np.ndarray:
        """The day the clock, started on ``start``, has counted ``need`` days.

        ``paused`` chooses per spell between the suspended clock and plain calendar days.
        """
        start_index = start - self.origin
        end = np.empty_like(start)
        for clock, chosen in ((self.clock, paused), (self.plain_clock, ~paused)):
            target = clock[start_index[chosen]] + need[chosen]
            # First j with clock[j] >= target: the day j - 1 completes the need.
            end[chosen] = np.searchsorted(clock, target, side="left") - 1 + self.origin
        return end

    def clock_days(self, start: np.ndarray, end: np.ndarray, paused: np.ndarray) -> np.ndarray:
        """Clock days counted from ``start`` to ``end``, both included."""
        s, e = start - self.origin, end - self.origin + 1
        return np.where(
            paused, self.clock[e] - self.clock[s], self.plain_clock[e] - self.plain_clock[s]
        )


def build_world(config: Config, until: Month) -> World:
    """The calendar of a trial from ``config.trial_start`` to ``until``."""
    if until < config.trial_start:
        raise ValueError(
            f"--until {until} lies before the trial start {config.trial_start}; give a "
            f"month from {config.trial_start} on (or change trial_start in --config)"
        )
    pause_start, pause_end = (day_number(d) for d in PRE_TRIAL_PAUSE)
    trial_first = day_number(config.trial_start.first_day)
    # The 2020 pause ends when the trial starts, whatever trial_start is configured.
    pause_end = min(pause_end, trial_first - 1)
    pre_first = pause_start - (FULL_PERIOD_CLOCK_DAYS - 10)
    origin = min(pre_first, trial_first) - 31
    last_day = day_number(until.last_day)
    size = last_day + HORIZON_DAYS - origin
    days = np.arange(origin, origin + size)
    paused = (days >= pause_start) & (days <= pause_end)
    excluded = sorted(config.focus.excluded_months)
    if excluded:
        suspension_start = day_number(excluded[0].first_day) + PAUSE_START_DAY - 1
        suspension_end = day_number(excluded[-1].last_day)
        paused |= (days >= suspension_start) & (days <= suspension_end)
    clock = np.concatenate([[0], np.cumsum(~paused)])
    plain_clock = np.arange(size + 1)
    months = tuple(month_range(config.trial_start, until))
    first_months = tuple(month_range(config.trial_start, config.trial_start + REFERRED_MONTHS - 1))
    return World(
        trial_start=config.trial_start,
        until=until,
        first_day=trial_first,
        last_day=last_day,
        pre_trial_first=pre_first,
        pre_trial_last=pause_start - 1,
        origin=origin,
        clock=clock,
        plain_clock=plain_clock,
        months=months,
        month_weights=inflow_weights(months, config),
        referral_base=DEFAULT_REFERRED / inflow_weights(first_months, config).sum(),
    )


def inflow_weights(months: tuple[Month, ...], config: Config) -> np.ndarray:
    """Relative number of spells referred in each month."""
    excluded = set(config.focus.excluded_months)
    first_excluded = min(excluded) if excluded else config.trial_start + 4
    last_busy = (max(excluded) if excluded else config.trial_start + 9) + 7
    weights = []
    for month in months:
        if month in excluded:
            weights.append(SUSPENDED_WEIGHT)
        elif month < first_excluded:
            weights.append(FIRST_WAVE_WEIGHT)
        elif month <= last_busy:
            weights.append(NORMAL_WEIGHT)
        else:
            weights.append(LATE_WEIGHT)
    return np.array(weights, dtype=float)


def default_total(world: World) -> float:
    """The number of spells at the real trial's scale, up to ``world.until``."""
    return DEFAULT_PRE_TRIAL + world.month_weights.sum() * world.referral_base
