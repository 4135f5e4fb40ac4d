"""The audit's output forms: verdict, counts and the ten narrowest by default; --all;
--csv."""

from __future__ import annotations

import csv

from discretion_factory import cells, small_config
from typer.testing import CliRunner

from akassemonitor.cli import app
from akassemonitor.config import load_config
from akassemonitor.discretion import audit, disclose, information_loss_da, read_release

runner = CliRunner()
M = "2022M04"


def _release(tmp_path, mode: str):
    """Twelve a-kasser of paabegyndte_forloeb, two of them small (0 and 1)."""
    akasser = tuple(f"K{i:02d}" for i in range(12))
    values = {a: 10 + 3 * i for i, a in enumerate(akasser)}
    values["K00"], values["K01"] = 0, 1
    rows = [("paabegyndte_forloeb", M, a, "", v) for a, v in values.items()]
    rows.append(("paabegyndte_forloeb", M, "ALLE", "", sum(values.values())))
    config = small_config(akasser, mode=mode)
    disclose(cells(rows), config).published.to_csv(tmp_path / "published.csv")
    toml = tmp_path / "akassemonitor.toml"
    toml.write_text("akasser = [" + ", ".join(f'"{a}"' for a in akasser) + "]\n"
                    f'[disclosure]\nmode = "{mode}"\n', encoding="utf-8")
    return toml


def test_default_output_is_verdict_counts_and_the_narrowest(tmp_path):
    toml = _release(tmp_path, "primary")
    result = runner.invoke(app, ["audit", str(tmp_path), "--config", str(toml)])
    assert result.exit_code == 1  # primary mode: ALLE minus the shown ones gives 0 + 1 away
    lines = result.output.splitlines()
    assert "LEAK" in lines[0] and "cells suppressed" in lines[0]  # the verdict first
    assert "hidden counts attacked" in lines[1]
    assert "ten narrowest" in result.output


def test_all_lists_every_hidden_count_and_csv_writes_the_intervals(tmp_path):
    toml = _release(tmp_path, "secondary")
    out = tmp_path / "intervals.csv"
    result = runner.invoke(app, ["audit", str(tmp_path), "--config", str(toml), "--all",
                                 "--csv", str(out)])
    assert result.exit_code == 0, result.output
    assert "no leaks" in result.output.splitlines()[0]
    assert "Every hidden count" in result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and set(rows[0]) == {"measure", "month", "akasse", "category", "lo", "hi",
                                     "leak"}
    hidden = {r["akasse"] for r in rows}
    assert {"K00", "K01"} <= hidden
    for r in rows:
        assert r["leak"] == "False"
        assert r["hi"] == "" or int(r["hi"]) - int(r["lo"]) >= 3
        assert r["akasse"] in result.output  # --all: every one of them printed


def test_the_default_shows_at_most_ten(tmp_path):
    toml = _release(tmp_path, "secondary")
    report = audit(read_release(tmp_path), load_config(toml))
    assert len(report.rows(10)) == min(10, len(report.intervals))
    widths = [c.hi - c.lo for c in report.narrowest(10)]
    assert widths == sorted(widths)


def test_the_information_loss_by_table_and_its_danish_sentence():
    akasser = ("A", "B", "C")
    values = {"A": 0, "B": 7, "C": 30}
    rows = [("paabegyndte_forloeb", M, a, "", v) for a, v in values.items()]
    rows.append(("paabegyndte_forloeb", M, "ALLE", "", 37))
    result = disclose(cells(rows), small_config(akasser))
    table = result.loss.tables["paabegyndte_forloeb"]
    # A (0) is primary; B (7, the cheapest of at least the width) protects it.
    assert (table.cells, table.hidden, table.primary, table.secondary) == (4, 2, 1, 1)
    assert (table.hidden_value, table.secondary_value) == (7.0, 7.0)
    assert result.loss.public() == {
        "hidden": 2, "cells": 4, "tables": {"paabegyndte_forloeb": {"cells": 4, "hidden": 2}}
    }
    assert information_loss_da(result.loss) == (
        "I alt er 2 af opgørelsens 4 tal erstattet med * (50,0 %)."
    )


def test_an_unknown_method_is_a_clear_error_before_any_work(tmp_path):
    for verb in (["measures"], ["report", "--all"]):
        result = runner.invoke(app, [*verb, "--data", str(tmp_path / "none"), "--month",
                                     "2022M04", "--out", str(tmp_path), "--method", "fast"])
        assert result.exit_code == 2
        assert "--method must be one of auto, exact, heuristic" in result.output
