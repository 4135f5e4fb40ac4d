"""A release in memory, from published cells, for the publishers' tests."""

from __future__ import annotations

from pathlib import Path

from akassemonitor.cells import PublishedCells
from akassemonitor.config import Config
from akassemonitor.months import Month
from akassemonitor.quality import DataQuality
from akassemonitor.release import Release


def as_release(
    published: PublishedCells, quality: DataQuality, config: Config, month: Month
) -> Release:
    """What ``read_release`` would give for these cells (no folder, an empty manifest)."""
    return Release(Path("."), month, config, published, quality, {})
