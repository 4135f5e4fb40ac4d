"""Registers → store → exact cells → disclosure control: the computing half of a release,
shared by ``release`` and ``measures``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from akassemonitor.catalogue import SPEC_MEASURE_IDS
from akassemonitor.cells import ExactCells, PublishedCells
from akassemonitor.config import Config
from akassemonitor.discretion import Disclosure, LeakError, disclose
from akassemonitor.measures import attribution_warnings, compute_cells
from akassemonitor.measures.base import MeasureContext
from akassemonitor.months import Month
from akassemonitor.quality import DataQuality
from akassemonitor.registers import load_registers
from akassemonitor.registers.plausibility import last_plausible_month
from akassemonitor.release._folder import (
    MEASURES_CSV,
    PUBLISHED,
    PUBLISHED_BILAG,
    QUALITY,
    ReleaseError,
)
from akassemonitor.store import EngineURL, connect, connect_existing, data_span, parse_engine

AFTER_DATA_MONTHS = 12  # how far after its data the cells of a month may be computed

# progress(stage, item): stage is "registers", "measures", "disclosure" or "reports"
Progress = Callable[[str, str], None]


@dataclass(frozen=True)
class MonthCells:
    """The exact cells of a month and the data quality of the run (internal)."""

    exact: ExactCells
    quality: DataQuality
    notes: tuple[str, ...]  # warnings for the user, e.g. a month after the data


def engine_name(engine: EngineURL | None) -> str:
    """The engine as the manifest records it (no secret: a password is refused at parse)."""
    url = engine if engine is not None else parse_engine(None)
    return str(url.text if url.kind != "duckdb" else f"duckdb://{url.target}")


def month_cells(
    data: Path | None,
    month: Month,
    config: Config,
    *,
    rejects_dir: Path | None,
    strict: bool = False,
    engine: EngineURL | None = None,
    after_data_ok: bool = False,
    progress: Progress | None = None,
) -> MonthCells:
    """Registers → store → exact cells of ``month``, computed in ``engine`` (None: DuckDB
    in memory). ``data`` None: the registers the engine holds already (checked when
    they were loaded, so no data-quality counts).

    A month after the last spell date is an error, unless ``after_data_ok`` (the
    ``measures`` verb) and it lies at most ``AFTER_DATA_MONTHS`` after it: then a
    note, and those months count 0 (SPEC §3 defines them; a release of a month with
    no data, or a typo's far future month, is refused).
    """
    say = progress or (lambda stage, item: None)
    url = engine if engine is not None else parse_engine(None)
    con = connect(url)
    if data is None:
        store, quality = connect_existing(con, url.display), DataQuality((), (), ())
    else:
        loaded = load_registers(
            data, config, rejects_dir=rejects_dir, strict=strict,
            progress=lambda item: say("registers", item), con=con,
        )
        store, quality = loaded.store, loaded.quality
    _first, last = data_span(store)
    if last is None:
        raise ReleaseError(f"{data or url.display}: the spells register holds no usable rows")
    # A date after the day of the run (9999-12-31, 2099-...) never makes a month valid.
    plausible = last_plausible_month(store)
    implausible = ""
    if plausible is None or plausible < last:
        implausible = (
            " (later spell dates lie after the day of the run or before 2000: "
            "implausible, see the data-quality warnings)"
        )
        last = plausible or config.trial_start
    notes: list[str] = []
    if last < month <= last + AFTER_DATA_MONTHS and after_data_ok:
        notes.append(
            f"no spell date falls in {month} or later (the data end in {last}); "
            f"the months after {last} count 0"
        )
    elif month > last or month < config.trial_start:
        raise ReleaseError(
            f"--month {month} lies outside the data ({config.trial_start} to {last})"
            f"{implausible}; choose a --month in that span"
        )
    # One materialised context: the attributed meetings and offers are made once.
    ctx = MeasureContext(store, config, month).materialize()
    quality = quality.with_warnings(attribution_warnings(store, config, month, context=ctx))
    exact = compute_cells(
        store, config, month, progress=lambda item: say("measures", item), context=ctx
    )
    return MonthCells(exact, quality, tuple(notes))


def disclosure_of(
    exact: ExactCells, config: Config, previous: PublishedCells | None, method: str = "auto"
) -> Disclosure:
    """Disclosure control of the exact cells (``method``: see :func:`disclose`);
    ReleaseError (saying what to change) if secondary suppression cannot protect
    every cell."""
    try:
        return disclose(exact, config, previous=previous, method=method)
    except LeakError as exc:
        raise ReleaseError(
            f"no release written: {exc}. Lower the protection (a smaller "
            "protection_width or threshold in --config), drop --previous if last "
            "month's pattern ties the cell, or publish with --suppression primary "
            "(STAR's rule only; 'akassemonitor audit' then lists what it gives away)"
        ) from None


def write_cells(
    published_dir: Path,
    internal_dir: Path,
    exact: ExactCells,
    published: PublishedCells,
    quality: DataQuality,
) -> list[Path]:
    """measures.csv (exact, into ``internal_dir``) and the published files.

    ``published.csv`` holds SPEC §4's cells, ``published_bilag.csv`` the bilag totals;
    ``quality.json`` the data-quality counts. Returns the published paths.
    """
    published_dir.mkdir(parents=True, exist_ok=True)
    internal_dir.mkdir(parents=True, exist_ok=True)
    exact_frame = exact.frame
    published_frame = published.frame
    # Only measures.csv may hold exact figures (SPEC §6); the bilag's exact totals are
    # sums of its fokus_ja/fokus_nej cells, so nothing is lost.
    ExactCells(exact_frame[exact_frame.measure.isin(SPEC_MEASURE_IDS)]).to_csv(
        internal_dir / MEASURES_CSV
    )
    in_spec = published_frame.measure.isin(SPEC_MEASURE_IDS)
    PublishedCells(published_frame[in_spec]).to_csv(published_dir / PUBLISHED)
    PublishedCells(published_frame[~in_spec]).to_csv(published_dir / PUBLISHED_BILAG)
    # No suppression.csv: SPEC §6 allows exact figures in measures.csv only, and the
    # primary/secondary split would say which hidden cells are small.
    quality.to_json(published_dir / QUALITY)
    return [published_dir / PUBLISHED, published_dir / PUBLISHED_BILAG, published_dir / QUALITY]
