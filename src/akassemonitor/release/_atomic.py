"""Putting a folder in place all at once: staging beside the target, fsync, swap.

A release is built in hidden sibling folders (``releases/.2022M04.tmp-<pid>``) and
swapped into place only when complete (``renameat2(RENAME_EXCHANGE)`` on Linux: the
old and the new folder trade places in one step; elsewhere two renames). A small
janitor process, in its own session, watches the build through a pipe: when the
build ends in any way, even by SIGKILL of its whole process group, the pipe closes
and the janitor puts back what a half-done swap moved and removes the staging
folders. A build also removes the staging folders of builds whose process is gone.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def fsync_tree(root: Path) -> None:
    """Flush every file and folder under ``root`` (and ``root``) to the disk."""
    for folder, _dirs, files in os.walk(root):
        for name in files:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        fsync_dir(Path(folder))


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not on every platform
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step; False where the system cannot."""
    libc = _libc()
    if libc is None or not hasattr(libc, "renameat2"):
        return False
    result = libc.renameat2(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE
    )
    return bool(result == 0)


def staging_name(target: Path, kind: str, pid: int | None = None) -> Path:
    """The hidden sibling ``.<name>.<kind>-<pid>`` of ``target``."""
    return target.with_name(f".{target.name}.{kind}-{pid or os.getpid()}")


def remove_stale(targets: Iterable[Path]) -> None:
    """Remove staging folders of ``targets`` left by builds whose process is gone."""
    for target in targets:
        parent = target.parent
        if not parent.is_dir():
            continue
        prefix = f".{target.name}."
        for candidate in parent.iterdir():
            if not candidate.name.startswith(prefix):
                continue
            _, _, pid_text = candidate.name.rpartition("-")
            if pid_text.isdigit() and not _alive(int(pid_text)):
                shutil.rmtree(candidate, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Swap:
    """Stage ``targets`` beside themselves and swap them in, watched by a janitor.

    ``stage[target]`` is where the new content is written. :meth:`commit` swaps the
    targets in the order given; the swap of the last one is the commit point (put the
    folder that is handed out last). :meth:`close` ends the janitor, which then
    removes the staging folders, ``scratch`` and the replaced folders. If the build
    dies before the commit point, the janitor first puts back every folder it had
    swapped, so the earlier release stands as it was.
    """

    def __init__(self, targets: list[Path], scratch: Path) -> None:
        self.targets = targets
        self.stage = {t: staging_name(t, "tmp") for t in targets}
        self.scratch = scratch
        remove_stale([*targets, scratch])
        for path in [*self.stage.values(), scratch]:
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
        plan = {
            "targets": [str(t) for t in targets],
            "stage": [str(self.stage[t]) for t in targets],
            "old": [str(staging_name(t, "old")) for t in targets],
            "scratch": str(scratch),
        }
        self._janitor = subprocess.Popen(
            [sys.executable, "-c", _JANITOR, json.dumps(plan)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a kill of our process group spares it
        )

    def commit(self, pause: Callable[[str], None] | None = None) -> None:
        """Swap every staged folder into place (the old ones land in the stage).

        The janitor learns each staged folder's inode first, so after a crash it can
        tell from the folders themselves which swaps happened.
        """
        assert self._janitor.stdin is not None
        for target in self.targets:
            fsync_tree(self.stage[target])
        inodes = " ".join(str(self.stage[t].stat().st_ino) for t in self.targets)
        self._janitor.stdin.write(f"{inodes}\n".encode())
        self._janitor.stdin.flush()
        for number, target in enumerate(self.targets):
            staged = self.stage[target]
            if not target.exists():
                os.rename(staged, target)
            elif not exchange(staged, target):
                aside = staging_name(target, "old")
                os.rename(target, aside)
                if pause:
                    pause("swap")
                os.rename(staged, target)
                os.rename(aside, staged)
            fsync_dir(target.parent)
            if pause and number < len(self.targets) - 1:
                pause("commit")

    def close(self) -> None:
        """End the janitor: it removes the staging folders (after a commit, the old
        folders) and ``scratch``, after undoing an unfinished commit."""
        if self._janitor.stdin is not None:
            self._janitor.stdin.close()
        self._janitor.wait()


# The janitor: at EOF on stdin (the build ended, however), undo an unfinished commit
# and remove the staging folders. Plain Python, nothing of ours imported.
_JANITOR = r"""
import json, os, shutil, sys
plan = json.loads(sys.argv[1])
targets, stage, old, scratch = plan["targets"], plan["stage"], plan["old"], plan["scratch"]
new = None
for line in sys.stdin:
    words = line.split()
    if len(words) == len(targets):
        new = [int(w) for w in words]
def inode(path):
    try:
        return os.stat(path).st_ino
    except OSError:
        return None
if new is not None and inode(targets[-1]) != new[-1]:
    for i in reversed(range(len(targets))):
        t, s, o = targets[i], stage[i], old[i]
        if inode(t) == new[i]:
            before = s if inode(s) not in (None, new[i]) else (o if os.path.exists(o) else None)
            os.rename(t, s + ".new")
            if before:
                os.rename(before, t)
        elif not os.path.exists(t) and os.path.exists(o):
            os.rename(o, t)
for path in [*stage, *(s + ".new" for s in stage), *old, scratch]:
    shutil.rmtree(path, ignore_errors=True)
"""
