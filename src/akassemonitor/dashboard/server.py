"""Run the dashboard with uvicorn (``akassemonitor serve``)."""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable
from pathlib import Path

import uvicorn

from akassemonitor.dashboard._library import Library, load_library
from akassemonitor.dashboard.app import create_app

TOKEN_ENV = "AKASSEMONITOR_TOKEN"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def host_warning(host: str) -> str | None:
    """The warning to print when the server listens beyond this machine."""
    if host in LOCAL_HOSTS:
        return None
    return (
        f"listening on {host}: anyone who can reach this machine can read the dashboard"
        + ("" if host not in ("0.0.0.0", "::") else " (every network interface)")
        + "; give a --token (or set " + TOKEN_ENV + ") to require one"
    )


def check_address(host: str, port: int) -> None:
    """Raise ValueError, saying what to do, when the server could not listen on
    ``host:port`` (checked before the releases are verified, which takes seconds)."""
    if not 0 < port < 65536:
        raise ValueError(f"--port must be 1-65535, got {port}")
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise ValueError(
            f"--host {host} is not an address or a host name this machine knows "
            f"({getattr(exc, 'strerror', None) or exc}); "
            "give 127.0.0.1 (this machine only), 0.0.0.0 (every network interface) or "
            "one of this machine's IP addresses"
        ) from None
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind(address)
        except OSError as exc:
            raise ValueError(_bind_problem(host, port, exc)) from None


def _bind_problem(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (
            f"--port {port}: another program already listens on {host}:{port}; choose "
            "another --port (e.g. 8001), or stop that program"
        )
    if exc.errno == errno.EACCES:
        return (
            f"--port {port}: permission denied for the user running akassemonitor (ports "
            "below 1024 need administrator rights); choose --port 1024 or above, e.g. 8000"
        )
    if exc.errno == errno.EADDRNOTAVAIL:
        return (
            f"--host {host} is not an address of this machine; give 127.0.0.1 (this "
            "machine only), 0.0.0.0 (every network interface) or one of its IP addresses"
        )
    return f"--host {host} --port {port}: cannot listen there ({exc.strerror or exc})"


def describe(library: Library) -> list[str]:
    """What the server serves, in lines for the console (no figures)."""
    lines = [f"serving {len(library.served)} release(s) from {library.root}: "
             + (", ".join(library.months) or "none")]
    for refused in library.refused:
        lines.append(f"not served: {refused.name} ({len(refused.problems)} problem(s)): "
                     + refused.problems[0])
    return lines


def serve(
    root: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    echo: Callable[[str], None] = print,
    access_log: bool = True,
) -> None:
    """Load, verify and serve the releases under ``root`` until interrupted.

    Verifying reruns each release's audit, so a start takes seconds per release.
    Raises ValueError when the server cannot listen on ``host:port`` (first) or
    :class:`LibraryError` when ``root`` holds no release.
    """
    check_address(host, port)
    library = load_library(root)
    for line in describe(library):
        echo(line)
    app = create_app(library, token=token)
    echo(f"dashboard at http://{host}:{port}/" + (" (bearer token required)" if token else ""))
    try:
        uvicorn.run(app, host=host, port=port, access_log=access_log, server_header=False,
                    log_level="info")
    except SystemExit as exc:  # uvicorn's own exit when it cannot start (code 3)
        if exc.code in (0, None):
            raise
        raise ValueError(
            f"the dashboard could not start on {host}:{port} (uvicorn's error above); "
            "choose another --host or --port"
        ) from None
