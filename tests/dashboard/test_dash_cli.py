"""The serve verb's arguments (the server itself is tested in test_dash_browser)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from akassemonitor.cli import app
from akassemonitor.dashboard.server import host_warning


def test_serve_without_a_release_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "no such folder" in " ".join(result.output.split())
    result = CliRunner().invoke(app, ["serve", str(tmp_path)])
    assert result.exit_code == 2
    assert "holds no release folder" in " ".join(result.output.split())


def test_serve_refuses_a_bad_port(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", str(tmp_path), "--port", "70000"])
    assert result.exit_code == 2
    assert "--port" in result.output


def test_only_this_machine_is_quiet() -> None:
    assert host_warning("127.0.0.1") is None
    assert host_warning("localhost") is None
    assert "every network interface" in (host_warning("0.0.0.0") or "")
    assert "--token" in (host_warning("192.168.1.5") or "")


def test_serve_help_documents_every_option() -> None:
    text = CliRunner().invoke(app, ["serve", "--help"]).output
    docs = (Path(__file__).resolve().parents[2] / "docs" / "dashboard.md").read_text()
    for option in ("--host", "--port", "--token", "AKASSEMONITOR_TOKEN"):
        assert option in text and option in docs
