"""A small trial (two a-kasser, three reports) and its release, built once.

The registers are deleted after the build: everything the release tests do after
that reads the release folder alone.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akassemonitor.cli import app
from akassemonitor.config import Config, load_config
from akassemonitor.months import Month
from akassemonitor.release import build_release, sha256_of

MONTH = Month(2022, 4)
SMALL_TOML = 'akasser = ["FTF-A", "HK-A"]\n'
runner = CliRunner()


@dataclass(frozen=True)
class Built:
    out: Path  # the releases folder
    release: Path  # out/2022M04
    internal: Path  # out/2022M04.internal
    config_path: Path
    config: Config
    input_hashes: dict[str, str]  # file name -> SHA-256, taken before the data were deleted


def snapshot(*folders: Path) -> dict[str, bytes]:
    """Every file under the folders, by path, with its bytes."""
    return {
        str(p): p.read_bytes() for folder in folders for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def synth(folder: Path, config_path: Path, seed: int = 5) -> Path:
    result = runner.invoke(
        app, ["synth", "--out", str(folder), "--seed", str(seed), "--spells", "1500",
              "--config", str(config_path)],
    )
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="session")
def small_config_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("config") / "akassemonitor.toml"
    path.write_text(SMALL_TOML, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def small_data(tmp_path_factory, small_config_path) -> Path:
    """Registers of the small trial (kept: for tests that build more releases)."""
    return synth(tmp_path_factory.mktemp("data"), small_config_path)


@pytest.fixture(scope="session")
def built(tmp_path_factory, small_data, small_config_path) -> Built:
    data = tmp_path_factory.mktemp("doomed") / "data"
    shutil.copytree(small_data, data)
    hashes = {p.name: sha256_of(p) for p in data.iterdir()}
    config = load_config(small_config_path)
    out = tmp_path_factory.mktemp("releases")
    release = build_release(data, MONTH, out, config=config, workers=2)
    shutil.rmtree(data)  # from here on, only the release
    return Built(out, release, out / "2022M04.internal", small_config_path, config, hashes)


@pytest.fixture
def copy_of(built, tmp_path):
    """A fresh copy of the release (and its internal folder) to damage."""
    target = tmp_path / "releases"
    target.mkdir()
    shutil.copytree(built.release, target / built.release.name)
    shutil.copytree(built.internal, target / built.internal.name)
    return target / built.release.name
