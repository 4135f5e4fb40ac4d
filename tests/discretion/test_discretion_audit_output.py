"""The audit's output forms: verdict, counts and the ten narrowest by default; --all;
--csv."""

from __future__ import annotations

import csv
from dataclasses import replace

from discretion_factory import cells, full_release, small_config
from typer.testing import CliRunner

from akassemonitor.catalogue import SPEC_MEASURE_IDS
from akassemonitor.cells import PublishedCells
from akassemonitor.cli import app
from akassemonitor.config import Config, load_config
from akassemonitor.discretion import audit, disclose, information_loss_da, read_release
from akassemonitor.months import Month

runner = CliRunner()
M = "2022M04"


def _release(tmp_path, mode: str):
    """A whole release (every key of the period, as ``audit`` insists) of a plausible
    trial, with many small cells, in ``mode``."""
    config = replace(Config(), disclosure=replace(Config().disclosure, mode=mode))
    exact = full_release(config, Month.parse(M), seed=3)
    published = disclose(exact, config).published.frame
    in_spec = published.measure.isin(SPEC_MEASURE_IDS)
    PublishedCells(published[in_spec]).to_csv(tmp_path / "published.csv")
    PublishedCells(published[~in_spec]).to_csv(tmp_path / "published_bilag.csv")
    toml = tmp_path / "akassemonitor.toml"
    toml.write_text(f'[disclosure]\nmode = "{mode}"\n', encoding="utf-8")
    return toml


def test_default_output_is_verdict_counts_and_the_narrowest(tmp_path):
    toml = _release(tmp_path, "primary")
    result = runner.invoke(app, ["audit", str(tmp_path), "--config", str(toml)])
    assert result.exit_code == 1  # primary mode: totals minus the shown cells give some away
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
    for r in rows:
        assert r["leak"] == "False"
        # Not a leak (docs/discretion.md): as wide as the protection width, or a narrow
        # interval that cannot hold a small count.
        assert r["hi"] == "" or int(r["hi"]) - int(r["lo"]) >= 3 or int(r["lo"]) > 2
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
    for verb in (["measures"], ["release"]):
        result = runner.invoke(app, [*verb, "--data", str(tmp_path / "none"), "--month",
                                     "2022M04", "--out", str(tmp_path), "--method", "fast"])
        assert result.exit_code == 2
        assert "--method must be one of auto, exact, heuristic" in result.output
