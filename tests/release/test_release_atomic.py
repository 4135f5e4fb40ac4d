"""A release is replaced only by a complete one: SIGKILL at several points of a build
leaves the earlier release byte for byte, no staging folder, no process behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import snapshot

from akassemonitor.release import PAUSE_ENV, verify_release

CLI = Path(sys.executable).with_name("akassemonitor")
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc")


def _group(pgid: int) -> list[int]:
    """The processes still in a process group (zombies excluded)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def _wait_for(condition, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def _release(built, small_data, out: Path, tmp: Path, stage: str | None, log: Path):
    env = {**os.environ, "TMPDIR": str(tmp)}
    env.pop(PAUSE_ENV, None)
    if stage:
        env[PAUSE_ENV] = stage
    return subprocess.Popen(
        [str(CLI), "release", "--data", str(small_data), "--month", "2022M04",
         "--out", str(out), "--config", str(built.config_path), "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=log.open("wb"), env=env,
        start_new_session=True,  # its own process group, killed as a whole below
    )


def _paused(process: subprocess.Popen, log: Path, stage: str) -> None:
    assert _wait_for(
        lambda: f"paused at {stage}" in log.read_text(errors="replace")
        or process.poll() is not None, timeout=600,
    )
    assert process.poll() is None, log.read_text(errors="replace")


@pytest.fixture
def earlier(copy_of, tmp_path):
    """The releases folder holding an earlier release of the month, and a clean TMPDIR."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    return copy_of.parent, tmp


@pytest.mark.slow
@pytest.mark.parametrize("stage", ["start", "cells", "reports", "commit"])
def test_a_build_killed_at_any_stage_leaves_the_earlier_release(
    stage, built, small_data, earlier, tmp_path
):
    out, tmp = earlier
    before = snapshot(out)
    internal = (out / "2022M04.internal").stat().st_ino
    log = tmp_path / "stderr.log"
    process = _release(built, small_data, out, tmp, stage, log)
    _paused(process, log, stage)
    if stage == "commit":  # the new internal folder is in place: the janitor undoes that
        assert (out / "2022M04.internal").stat().st_ino != internal
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert _wait_for(lambda: not _group(process.pid))  # no worker left behind
    assert _wait_for(lambda: not list(out.glob(".*")))  # the janitor removed the staging
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["2022M04", "2022M04.internal"]
    assert not list(tmp.iterdir())  # no temporary files (WeasyPrint's fonts) left


@pytest.mark.slow
def test_report_workers_end_with_their_parent(built, small_data, earlier, tmp_path):
    out, tmp = earlier
    before = snapshot(out)
    log = tmp_path / "stderr.log"
    process = _release(built, small_data, out, tmp, "reports", log)
    _paused(process, log, "reports")
    workers = [pid for pid in _group(process.pid) if pid != process.pid]
    assert workers  # rendering in parallel
    os.kill(process.pid, signal.SIGKILL)  # the parent only
    process.wait()
    assert _wait_for(lambda: not _group(process.pid)), _group(process.pid)
    assert _wait_for(lambda: not list(out.glob(".*")))
    assert snapshot(out) == before
    assert not list(tmp.iterdir())


@pytest.mark.slow
def test_a_complete_build_replaces_the_earlier_release(built, small_data, earlier, tmp_path):
    out, tmp = earlier
    (out / "2022M04" / "reports" / "stale.txt").write_text("old", encoding="utf-8")
    log = tmp_path / "stderr.log"
    process = _release(built, small_data, out, tmp, None, log)
    assert process.wait(timeout=900) == 0, log.read_text(errors="replace")
    assert not (out / "2022M04" / "reports" / "stale.txt").exists()
    assert verify_release(out / "2022M04") == []
    assert sorted(p.name for p in out.iterdir()) == ["2022M04", "2022M04.internal"]
    assert not list(tmp.iterdir())
    assert not _group(process.pid)
    shutil.rmtree(out)
