"""Run the dashboard with uvicorn (``akassemonitor serve``)."""

from __future__ import annotations

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
    """Load, verify and serve the releases under ``root`` until interrupted."""
    library = load_library(root)
    for line in describe(library):
        echo(line)
    app = create_app(library, token=token)
    echo(f"dashboard at http://{host}:{port}/" + (" (bearer token required)" if token else ""))
    uvicorn.run(app, host=host, port=port, access_log=access_log, server_header=False,
                log_level="info")
