"""Real releases for the dashboard's tests, built once per session by ``build_release``.

``releases`` is a folder with two months (2022M03, then 2022M04 keeping its pattern)
of a small synthetic trial with data errors (so the quarantine has rows); reports
for FTF-A and ALLE only (PDF rendering is the slow part). ``mixed_releases`` holds a
copy of 2022M04 and a tampered copy that ``verify_release`` refuses.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from dash_releases import INTERNAL_CANARY, REPORTED, Releases, show_small_count

from akassemonitor.config import Config
from akassemonitor.months import Month
from akassemonitor.release import build_release
from akassemonitor.synth import generate


@pytest.fixture(scope="session")
def releases(tmp_path_factory: pytest.TempPathFactory) -> Releases:
    base = tmp_path_factory.mktemp("dashboard")
    data = base / "data"
    config = Config()
    generate(data, seed=11, spells=3000, errors=True, fmt="csv", until=Month(2022, 4),
             config=config)
    root = base / "releases"
    march = build_release(data, Month(2022, 3), root, config=config, akasser=REPORTED,
                          workers=1)
    build_release(data, Month(2022, 4), root, config=config, previous=march,
                  akasser=REPORTED, workers=1)
    # A marker only the internal folders hold: no route may ever show it.
    for internal in root.glob("*.internal"):
        (internal / "canary.txt").write_text(INTERNAL_CANARY, encoding="utf-8")
    return Releases(root, data, ("2022M03", "2022M04"))


@pytest.fixture(scope="session")
def mixed_releases(releases: Releases, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2022M04 as built, and ``2022M05`` (a copy of 2022M03) with a hidden cell shown."""
    root = tmp_path_factory.mktemp("mixed")
    shutil.copytree(releases.folder("2022M04"), root / "2022M04")
    tampered = root / "2022M05"
    shutil.copytree(releases.folder("2022M03"), tampered)
    show_small_count(tampered / "published.csv")
    return root


