"""The release folder: its layout, the :class:`Release` read from it, and the config
and key set a manifest pins down."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from akassemonitor.catalogue import MEASURES, SPEC_MEASURE_IDS
from akassemonitor.cells import KEY_COLUMNS, PublishedCells
from akassemonitor.config import Config, ConfigError, config_from_dict
from akassemonitor.months import Month, MonthError, month_range
from akassemonitor.quality import DataQuality

FORMAT = "akassemonitor-release/1"
MANIFEST = "manifest.json"
PUBLISHED = "published.csv"
PUBLISHED_BILAG = "published_bilag.csv"
QUALITY = "quality.json"
REPORTS = "reports"
INTERNAL_SUFFIX = ".internal"  # releases/2022M04.internal: measures.csv, rejects/, run.log
MEASURES_CSV = "measures.csv"
REJECTS = "rejects"
RUN_LOG = "run.log"

Key = tuple[str, str, str, str]


class ReleaseError(ValueError):
    """A folder that is not a (complete, consistent) release; the message names the
    folder or file and says how to fix it."""


@dataclass(frozen=True)
class Release:
    """A release folder, read: everything a publisher may use, and nothing more.

    ``published`` holds ``published.csv`` and ``published_bilag.csv`` together;
    ``quality`` the publishable data-quality counts; ``manifest`` the parsed
    ``manifest.json`` (inputs, configuration, versions, method, file hashes).
    """

    path: Path
    month: Month
    config: Config
    published: PublishedCells
    quality: DataQuality
    manifest: dict[str, Any]


def internal_folder(release_dir: Path) -> Path:
    """Where the internal files of a release go by default: ``<release>.internal``."""
    release_dir = Path(release_dir)
    return release_dir.with_name(release_dir.name + INTERNAL_SUFFIX)


def config_to_dict(config: Config) -> dict[str, Any]:
    """The full resolved configuration as the toml table :func:`config_from_dict` reads."""
    disclosure: dict[str, Any] = {
        "threshold": config.disclosure.threshold,
        "mode": config.disclosure.mode,
        "protection_width": config.disclosure.width,
    }
    privacy: dict[str, Any] = {"key_env": config.privacy.key_env}
    if config.privacy.key_file is not None:
        privacy["key_file"] = str(config.privacy.key_file)
    return {
        "trial_start": str(config.trial_start),
        "min_full_period_days": config.min_full_period_days,
        "akasser": list(config.akasser),
        "focus": {
            "min_job_conversations": config.focus.min_job_conversations,
            "target_share": config.focus.target_share,
            "excluded_months": [str(m) for m in config.focus.excluded_months],
        },
        "disclosure": disclosure,
        "privacy": privacy,
    }


def trial_identity(config: Config) -> dict[str, Any]:
    """What must be equal for two releases to be months of one series: the trial's
    definition and the protection (not the privacy key's location)."""
    identity = config_to_dict(config)
    del identity["privacy"]
    return identity


def expected_keys(config: Config, month: Month) -> dict[str, list[Key]]:
    """Every key a release of ``month`` has, per file (``published.csv`` holds SPEC §4's
    measures, ``published_bilag.csv`` the bilag's totals)."""
    months = [str(m) for m in month_range(config.trial_start, month)]
    groups = config.akasser_and_alle
    files: dict[str, list[Key]] = {PUBLISHED: [], PUBLISHED_BILAG: []}
    for info in MEASURES:
        if info.month == "period":
            key_months = months
        elif info.month == "report":
            key_months = [str(month)]
        else:
            key_months = [""]
        categories = info.categories or ("",)
        target = files[PUBLISHED if info.id in SPEC_MEASURE_IDS else PUBLISHED_BILAG]
        target.extend(
            (info.id, m, a, c) for m in key_months for a in groups for c in categories
        )
    return {name: sorted(keys) for name, keys in files.items()}


def read_manifest(folder: Path) -> dict[str, Any]:
    """``manifest.json`` of a release folder; ReleaseError if absent or unreadable."""
    folder = Path(folder)
    path = folder / MANIFEST
    if not folder.is_dir():
        problem = " is a file, not a folder" if folder.exists() else ": no such folder"
        raise ReleaseError(
            f"{folder}{problem}; point to a release folder written by "
            "'akassemonitor release' (e.g. releases/2022M04)"
        )
    if not path.is_file():
        inside = sorted(p.name for p in folder.iterdir() if (p / MANIFEST).is_file())
        if inside:
            raise ReleaseError(
                f"{folder}: no {MANIFEST} here, but it holds the release(s) "
                f"{', '.join(inside)}; point to one of them, e.g. {folder / inside[-1]}"
            )
        raise ReleaseError(
            f"{folder}: no {MANIFEST} here, so this is not a release; build one with "
            "'akassemonitor release --data DIR --month M --out releases/'"
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReleaseError(
            f"{path}: not valid JSON ({exc}); the release is damaged, build it again"
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ReleaseError(
            f"{path}: not a manifest of format {FORMAT!r}; build the release again with "
            "this version of akassemonitor"
        )
    return manifest


def manifest_month(manifest: dict[str, Any], where: Path) -> Month:
    try:
        return Month.parse(str(manifest["month"]))
    except (KeyError, MonthError) as exc:
        raise ReleaseError(f"{where / MANIFEST}: no valid report month ({exc})") from None


def manifest_config(manifest: dict[str, Any], where: Path) -> Config:
    try:
        return config_from_dict(manifest["config"])
    except (KeyError, TypeError, ConfigError) as exc:
        raise ReleaseError(
            f"{where / MANIFEST}: its configuration cannot be read ({exc}); the release "
            "is damaged or from another version, build it again"
        ) from None


def read_cells(path: Path) -> PublishedCells:
    """A ``published*.csv`` as cells; ReleaseError naming the file if it is not one."""
    try:
        return PublishedCells.read_csv(path)
    except (ValueError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ReleaseError(f"{path}: not a published cell file ({exc})") from None


def read_release(path: Path) -> Release:
    """Read a release folder; raise :class:`ReleaseError` if it is not a whole release.

    Checks that the manifest, the cell files and ``quality.json`` are there and that
    the cells are the complete key set of the manifest's month (no hash check: that is
    :func:`~akassemonitor.release.verify_release`).
    """
    folder = Path(path)
    manifest = read_manifest(folder)
    month = manifest_month(manifest, folder)
    config = manifest_config(manifest, folder)
    frames = []
    for name in (PUBLISHED, PUBLISHED_BILAG):
        file = folder / name
        if not file.is_file():
            raise ReleaseError(f"{folder}: {name} is missing; build the release again")
        problems = key_problems(file, expected_keys(config, month)[name])
        if problems:
            raise ReleaseError(f"{file}: {problems[0]}; build the release again")
        frames.append(read_cells(file).frame)
    quality_path = folder / QUALITY
    try:
        quality = DataQuality.from_json(quality_path)
    except FileNotFoundError:
        raise ReleaseError(f"{folder}: {QUALITY} is missing; build the release again") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ReleaseError(
            f"{quality_path}: cannot be read ({exc}); build the release again"
        ) from None
    published = PublishedCells(pd.concat(frames, ignore_index=True))
    return Release(folder, month, config, published, quality, manifest)


def read_key_rows(path: Path) -> tuple[list[Key], list[str]]:
    """The keys of a cell file in file order, and problems with its rows' shape."""
    problems: list[str] = []
    keys: list[Key] = []
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except UnicodeDecodeError as exc:
        return [], [f"not UTF-8 text ({exc})"]
    header = [*KEY_COLUMNS, "value"]
    if not rows or rows[0] != header:
        return [], [f"the header is not {','.join(header)}"]
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            if len(problems) < 3:
                problems.append(
                    f"row {number} has {len(row)} fields, not {len(header)} (cut off?)"
                )
            continue
        keys.append((row[0], row[1], row[2], row[3]))
    return keys, problems


def key_problems(path: Path, expected: list[Key]) -> list[str]:
    """Missing, extra and duplicated keys of a cell file against the expected key set."""
    keys, problems = read_key_rows(path)
    if problems and not keys:
        return problems
    if not keys:
        return [f"no cells at all (only a header; {len(expected):,} expected)"]
    seen: set[Key] = set()
    duplicates = []
    for key in keys:
        if key in seen:
            duplicates.append(key)
        seen.add(key)
    wanted = set(expected)
    missing = sorted(wanted - seen)
    extra = sorted(seen - wanted)
    if missing:
        problems.append(
            f"{len(missing):,} of {len(wanted):,} expected cells are missing "
            f"(first: {_key_text(missing[0])}); the file is incomplete"
        )
    if extra:
        problems.append(
            f"{len(extra):,} cells that are not in a release of this month and "
            f"configuration (first: {_key_text(extra[0])})"
        )
    if duplicates:
        problems.append(
            f"{len(duplicates):,} duplicated cell keys (first: {_key_text(duplicates[0])})"
        )
    return problems


def _key_text(key: Key) -> str:
    return "/".join(part or "-" for part in key)
