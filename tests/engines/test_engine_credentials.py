"""No credential given in an ``--engine`` URL is used, echoed, logged or recorded.

A password in a PostgreSQL URL (``user:secret@`` or ``?password=``/``?sslpassword=``)
and a user or password in a Spark master URL are refused with exit code 2 and a message
naming where credentials go instead. The run log (``--log``) writes the command line
before the options are parsed, so it redacts them; nothing under the working folder
holds the secret afterwards. The CLI runs as a process of its own here: the run log's
command line is the process's ``sys.argv``, which CliRunner would not set.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from akassemonitor.privacy import redact_credentials
from akassemonitor.synth import generate

SECRET = "s3cretWord"
SERVER = "127.0.0.1:9/akasse"
URLS = {
    "postgres user:secret@": (f"postgresql://stat:{SECRET}@{SERVER}", "PGPASSWORD"),
    "postgres ?password=": (f"postgresql://stat@{SERVER}?password={SECRET}", "PGPASSWORD"),
    "postgres ?sslpassword=": (
        f"postgresql://stat@{SERVER}?sslmode=require&sslpassword={SECRET}", "PGPASSWORD"
    ),
    "spark user:secret@": (f"spark://stat:{SECRET}@127.0.0.1:9", "SPARK_CONF_DIR"),
}


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).with_name("akassemonitor")), *args]
    env = {**os.environ, "COLUMNS": "400"}  # one line per message
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("registers")
    generate(folder, spells=50)
    return folder


@pytest.mark.parametrize("verb", ["load", "measures", "release"])
@pytest.mark.parametrize("case", list(URLS))
def test_a_credential_in_the_url_is_refused_and_never_written(
    tmp_path: Path, data: Path, verb: str, case: str
) -> None:
    url, fix = URLS[case]
    verb_args = {
        "load": ["--data", str(data)],
        "measures": ["--data", str(data), "--month", "2022M04", "--out", "out"],
        "release": ["--data", str(data), "--month", "2022M04", "--out", "releases"],
    }[verb]
    done = _cli("--log", "run.log", verb, *verb_args, "--engine", url, cwd=tmp_path)
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "Traceback" not in output
    assert "--engine" in output and fix in output, output
    assert SECRET not in output
    log = (tmp_path / "run.log").read_text(encoding="utf-8")
    assert "***" in log and "--engine" in log  # the command line is logged, redacted
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postgresql://u:pw@h/db", "postgresql://u:***@h/db"),
        ("--engine postgres://:pw@h:5/db --out x", "--engine postgres://:***@h:5/db --out x"),
        ("postgresql://u:p@ss@h/db", "postgresql://u:***@h/db"),  # an unencoded @ in it
        ("postgresql://u@h/db?sslmode=require&password=pw",
         "postgresql://u@h/db?sslmode=require&password=***"),
        ("postgresql://u@h/db?sslpassword=pw", "postgresql://u@h/db?sslpassword=***"),
        ("spark://u:pw@h:7077", "spark://u:***@h:7077"),
        ("postgresql://u@h:5432/db", "postgresql://u@h:5432/db"),  # nothing to hide
        ("spark://h1:7077,h2:7077", "spark://h1:7077,h2:7077"),
    ],
)
def test_redact_credentials(text: str, expected: str) -> None:
    assert redact_credentials(text) == expected

