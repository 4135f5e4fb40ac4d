"""Fixtures of the error catalogue's tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from errcase import write_registers


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_registers(tmp_path / "data")
