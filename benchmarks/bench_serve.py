"""Load check (not a test): wrk against the dashboard's API on 127.0.0.1.

Starts ``akassemonitor.dashboard.serve`` in a child process on a free port (access log
off), runs Debian's ``wrk`` for a fixed time against ``/api/cells`` (cycling through
filtered JSON and CSV queries with a small Lua script) and against two pages, and
prints requests/s, p50/p99 latency and errors. Target on the 2-core machine:
>= 1,000 requests/s on /api/cells, 0 errors, p99 <= 50 ms.

    .venv/bin/python benchmarks/bench_serve.py [--releases DIR] [--seconds 10]
        [--connections 32] [--threads 2]

Without ``--releases`` it first builds a small synthetic release (3,000 spells,
no reports) in a temporary folder, which takes a minute or two.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

QUERIES = [
    "/api/cells?measure=fokus_andel",
    "/api/cells?akasse=FTF-A&measure=paabegyndte_forloeb",
    "/api/cells?measure=afsluttede_forloeb&category=I_ALT&format=csv",
    "/api/cells?akasse=Dansk+Metal&format=csv",
    "/api/cells?measure=fokus_gennemsnit",
    "/api/cells?measure=samtaler&akasse=ALLE&category=UNIK",
    "/api/cells?measure=tilbud_personer&akasse=HK-A",
    "/api/cells?measure=personer_omfattet&format=csv",
]
SERVER = (
    "import sys; from pathlib import Path; from akassemonitor.dashboard import serve; "
    "serve(Path(sys.argv[1]), port=int(sys.argv[2]), access_log=False, echo=lambda s: None)"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def build_small_release(folder: Path) -> Path:
    from akassemonitor.config import Config
    from akassemonitor.months import Month
    from akassemonitor.release import build_release
    from akassemonitor.synth import generate

    config = Config()
    generate(folder / "data", seed=7, spells=3000, fmt="csv", until=Month(2022, 4),
             config=config)
    build_release(folder / "data", Month(2022, 4), folder / "releases", config=config,
                  akasser=["ALLE"], formats=("html",), workers=1)
    return folder / "releases"


def wait_for(url: str, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer {url}")


def run_wrk(url: str, args: argparse.Namespace, script: Path | None) -> dict[str, str]:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s",
               "--latency", "--timeout", "2s"]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True,
                            timeout=args.seconds + 30).stdout
    found = {
        "requests/s": re.search(r"Requests/sec:\s+([\d.]+)", output),
        "p50": re.search(r"^\s+50%\s+(\S+)", output, re.M),
        "p99": re.search(r"^\s+99%\s+(\S+)", output, re.M),
        "requests": re.search(r"(\d+) requests in", output),
    }
    result = {k: (m.group(1) if m else "?") for k, m in found.items()}
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["errors"] = str(sum(map(int, errors.groups())) if errors else 0)
    result["non-2xx"] = non_2xx.group(1) if non_2xx else "0"
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=Path, default=None)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    with tempfile.TemporaryDirectory() as scratch:
        releases = args.releases or build_small_release(Path(scratch))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(releases), str(port)],
                                  env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            wait_for(base + "/api/months")
            script = Path(scratch) / "cycle.lua"
            paths = ", ".join(f'"{q}"' for q in QUERIES)
            script.write_text(
                f"local paths = {{{paths}}}\nlocal i = 0\n"
                "request = function()\n  i = i % #paths + 1\n"
                "  return wrk.format('GET', paths[i])\nend\n",
                encoding="utf-8",
            )
            for path in QUERIES:  # the first answer of each query is made, then kept
                urllib.request.urlopen(base + path, timeout=10).read()
            print(f"load average before: {os.getloadavg()[0]:.2f}; "
                  f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s")
            print(f"{'target':38} {'req/s':>9} {'p50':>9} {'p99':>9} {'errors':>7} {'non-2xx':>8}")
            for label, url, lua in (
                ("/api/cells (8 queries, json+csv)", base + "/", script),
                ("/ (overview page)", base + "/", None),
                ("/akasse/FTF-A (a-kasse page)", base + "/akasse/FTF-A", None),
            ):
                r = run_wrk(url, args, lua)
                print(f"{label:38} {r['requests/s']:>9} {r['p50']:>9} {r['p99']:>9} "
                      f"{r['errors']:>7} {r['non-2xx']:>8}")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
