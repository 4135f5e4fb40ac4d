"""The engines of the conformance suite: DuckDB, a throwaway PostgreSQL, PySpark local.

PostgreSQL is Debian's server (``/usr/lib/postgresql/*/bin``): ``initdb`` into a
temporary folder, ``pg_ctl start`` on 127.0.0.1 at a free port, torn down after. Run
as root (CI), the server runs as the ``postgres`` user (it refuses root), in a folder
that user owns. Outside CI a missing server or PySpark skips its tests with the reason;
under ``CI=true`` it is a failure. ``benchmarks/bench_engines.py`` starts its server with
:func:`postgres_server` too (without pytest: a missing server is :class:`Unavailable`).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

IN_CI = os.environ.get("CI", "").lower() == "true"


class Unavailable(RuntimeError):
    """The engine cannot run on this machine (the reason is the message)."""


def unavailable(reason: str) -> None:
    """Fail under CI (the suite must run every engine there), skip with the reason elsewhere."""
    import pytest

    if IN_CI:
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


@dataclass
class PostgresServer:
    """A running throwaway server: its URL and its data folder."""

    url: str
    data: Path

    def cpu_seconds(self) -> float:
        """User + system CPU of the server's exited processes (each session's backend
        is reaped by the postmaster, so its CPU is counted once the session ends)."""
        pid = (self.data / "postmaster.pid").read_text().split()[0]
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        # fields[0] is the state (field 3): cutime and cstime are fields 16 and 17
        return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def postgres_server() -> Iterator[str]:
    """A fresh PostgreSQL cluster on 127.0.0.1; yields its URL (trust auth, no password).

    No server binaries: :func:`unavailable` (a skip, or a failure under CI)."""
    if postgres_bin() is None:
        unavailable("no PostgreSQL server binaries (apt-get install postgresql)")
        return
    with postgres_cluster() as server:
        yield server.url


@contextmanager
def postgres_cluster() -> Iterator[PostgresServer]:
    """:func:`postgres_server` outside pytest: raises :class:`Unavailable` without the
    server binaries; yields the running server."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise Unavailable("no PostgreSQL server binaries (apt-get install postgresql)")
    as_user: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="akasse-pg-"))
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data = folder / "data"
    port = free_port()

    def run(*args: str) -> None:
        subprocess.run([*as_user, *args], check=True, capture_output=True, text=True)

    try:
        run(str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "akasse",
            "--no-sync", "-E", "UTF8", "--locale", "C")
        options = f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -F"
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
            str(folder / "log"), "-w", "-t", "60", "start")
        try:
            yield PostgresServer(f"postgresql://akasse@127.0.0.1:{port}/postgres", data)
        finally:
            run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
    except subprocess.CalledProcessError as exc:
        log = (folder / "log").read_text() if (folder / "log").exists() else ""
        raise RuntimeError(f"PostgreSQL fixture failed: {exc.stderr}\n{log}") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def spark_available() -> bool:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return shutil.which("java") is not None


def wait_for(condition, seconds: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False
