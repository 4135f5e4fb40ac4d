"""A release from the registers a warehouse holds (``load``, then ``release`` without
``--data``) has the same cells as a release from the files, and its manifest records
the engine and no register files (docs/engines.md, *A warehouse*)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from akassemonitor.cli import app
from akassemonitor.config import load_config
from akassemonitor.synth import generate

MONTH = "2022M04"


def test_release_from_the_warehouse_tables(tmp_path: Path) -> None:
    config = tmp_path / "akassemonitor.toml"
    config.write_text('akasser = ["FTF-A", "HK-A"]\n', encoding="utf-8")
    data = tmp_path / "data"
    generate(data, spells=400, errors=True, config=load_config(config))
    store = f"duckdb://{tmp_path / 'warehouse.duckdb'}"
    runner = CliRunner()

    def release(out: str, *extra: str) -> Path:
        result = runner.invoke(app, ["-q", "release", "--month", MONTH, "--out",
                                     str(tmp_path / out), "--config", str(config), *extra])
        assert result.exit_code == 0, result.output + repr(result.exception)
        return tmp_path / out / MONTH

    from_files = release("from_files", "--data", str(data))
    loaded = runner.invoke(app, ["-q", "load", "--data", str(data), "--engine", store])
    assert loaded.exit_code == 0, loaded.output
    from_warehouse = release("from_warehouse", "--engine", store)
    assert (from_warehouse / "published.csv").read_bytes() == (
        from_files / "published.csv"
    ).read_bytes()
    internal = Path(f"{from_warehouse}.internal")
    assert (internal / "measures.csv").read_bytes() == (
        Path(f"{from_files}.internal") / "measures.csv"
    ).read_bytes()
    manifest = json.loads((from_warehouse / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["engine"] == store
    assert manifest["inputs"] == []
    verified = runner.invoke(app, ["verify", str(from_warehouse)])
    assert verified.exit_code == 0, verified.output


def test_release_without_data_or_tables_names_the_fix(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["release", "--month", MONTH, "--out", str(tmp_path)])
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "holds no table(s) forloeb, samtaler, tilbud" in text
    assert "--data" in text
