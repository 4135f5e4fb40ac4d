"""serve's arguments: the folder, --port, --host and the token (docs/errors.md).

No server is started: the address is checked before anything else, and where the
checks pass, uvicorn's ``run`` is replaced to capture the app it would serve.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from errcase import error_of, run
from fastapi.testclient import TestClient

from akassemonitor.dashboard import server

TOKEN = "s3cret-token-42"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def not_a_release(tmp_path: Path) -> Path:
    """A releases folder whose only entry is refused (a month folder without manifest)."""
    (tmp_path / "releases" / "2022M05").mkdir(parents=True)
    return tmp_path / "releases"


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """What uvicorn would have been asked to run (no server starts)."""
    seen: dict[str, object] = {}

    def fake_run(app, **options):  # type: ignore[no-untyped-def]
        seen.update(options, app=app)

    monkeypatch.setattr(server.uvicorn, "run", fake_run)
    return seen


def test_a_missing_folder(tmp_path):
    result = run("serve", tmp_path / "missing", "--port", _free_port())
    assert result.exit_code == 2
    assert error_of(result) == (
        f"error: {tmp_path / 'missing'}: no such folder; give the folder 'akassemonitor "
        "release' wrote to (e.g. releases/)"
    )


def test_a_file_instead_of_a_folder(tmp_path):
    manifest = tmp_path / "manifest.json"
    manifest.write_text("{}")
    result = run("serve", manifest, "--port", _free_port())
    assert result.exit_code == 2
    assert error_of(result) == (
        f"error: {manifest} is a file, not a folder; give a release folder (e.g. "
        "releases/2022M04) or the folder holding them (e.g. releases/)"
    )


def test_a_folder_with_no_releases(tmp_path):
    (tmp_path / "notes").mkdir()
    result = run("serve", tmp_path, "--port", _free_port())
    assert result.exit_code == 2
    assert error_of(result) == (
        f"error: {tmp_path}: holds no release folder (a folder with manifest.json, such as "
        "releases/2022M04); build one with 'akassemonitor release'"
    )


@pytest.mark.parametrize("port", ["0", "70000", "-1"])
def test_a_port_out_of_range(tmp_path, port):
    result = run("serve", tmp_path, "--port", port)
    assert result.exit_code == 2
    assert error_of(result) == f"error: --port must be 1-65535, got {port}"


def test_a_port_that_is_not_a_number(tmp_path):
    result = run("serve", tmp_path, "--port", "http")
    assert result.exit_code == 2
    assert "Invalid value for '--port'" in error_of(result)


def test_a_port_in_use_is_named_before_the_releases_are_read(tmp_path):
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        result = run("serve", tmp_path / "missing", "--port", port)
    assert result.exit_code == 2
    assert error_of(result) == (
        f"error: --port {port}: another program already listens on 127.0.0.1:{port}; "
        "choose another --port (e.g. 8001), or stop that program"
    )


def test_a_host_that_is_no_address_of_this_machine(tmp_path):
    result = run("serve", tmp_path, "--host", "192.0.2.7", "--port", _free_port())
    assert result.exit_code == 2
    assert error_of(result) == (
        "error: --host 192.0.2.7 is not an address of this machine; give 127.0.0.1 (this "
        "machine only), 0.0.0.0 (every network interface) or one of its IP addresses"
    )


def test_a_host_name_that_does_not_resolve(tmp_path):
    result = run("serve", tmp_path, "--host", "dashboard.invalid", "--port", _free_port())
    assert result.exit_code == 2
    assert error_of(result).startswith(
        "error: --host dashboard.invalid is not an address or a host name this machine "
        "knows ("
    )


def test_host_beyond_this_machine_warns(not_a_release, served):
    port = _free_port()
    result = run("serve", not_a_release, "--host", "0.0.0.0", "--port", port)
    assert result.exit_code == 0, result.output
    output = error_of(result)
    assert output.startswith(
        "warning: listening on 0.0.0.0: anyone who can reach this machine can read the "
        "dashboard (every network interface); give a --token (or set AKASSEMONITOR_TOKEN) "
        "to require one"
    )
    assert f"dashboard at http://0.0.0.0:{port}/" in output
    assert "not served: 2022M05" in output
    assert served["host"] == "0.0.0.0" and served["port"] == port


def test_this_machine_does_not_warn(not_a_release, served):
    result = run("serve", not_a_release, "--port", _free_port())
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    assert "(bearer token required)" not in result.output


def test_the_token_comes_from_the_environment(not_a_release, served, monkeypatch):
    monkeypatch.setenv("AKASSEMONITOR_TOKEN", TOKEN)
    result = run("serve", not_a_release, "--port", _free_port())
    assert result.exit_code == 0, result.output
    assert "(bearer token required)" in result.output
    assert TOKEN not in result.output
    client = TestClient(served["app"])  # type: ignore[arg-type]
    assert client.get("/").status_code == 401
    # With the token the page answers: 503, as no release is served here.
    assert client.get("/", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 503


def test_uvicorn_failing_to_start_is_exit_2_not_3(not_a_release, monkeypatch):
    def fail(app, **options):  # type: ignore[no-untyped-def]
        raise SystemExit(3)  # what uvicorn does when it cannot start

    monkeypatch.setattr(server.uvicorn, "run", fail)
    port = _free_port()
    result = run("serve", not_a_release, "--port", port)
    assert result.exit_code == 2
    assert (
        f"error: the dashboard could not start on 127.0.0.1:{port} (uvicorn's error above); "
        "choose another --host or --port"
    ) in error_of(result)
