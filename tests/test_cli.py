"""The command line end to end on small synthetic registers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from akassemonitor.catalogue import MEASURES, SPEC_MEASURE_IDS
from akassemonitor.cli import app
from akassemonitor.config import Config
from akassemonitor.months import Month, month_range
from akassemonitor.release import build_release

runner = CliRunner()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    result = runner.invoke(app, ["synth", "--out", str(folder), "--seed", "3", "--spells", "3000"])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def release(data_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = runner.invoke(
        app, ["measures", "--data", str(data_dir), "--month", "2022M04", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    "verb", [[], ["synth"], ["measures"], ["release"], ["verify"], ["audit"], ["report"]]
)
def test_every_verb_has_help(verb):
    result = runner.invoke(app, [*verb, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


@pytest.mark.parametrize("verb", ["measures", "release"])
def test_the_method_option_says_what_each_method_does(verb):
    from akassemonitor.discretion._exact import EXACT_MAX_CELLS

    result = runner.invoke(app, [verb, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0
    text = " ".join(result.output.replace("│", " ").split())
    assert "--method" in text
    for words in ("'auto' (the default): the exact method", f"at most {EXACT_MAX_CELLS} free",
                  "'exact': the exact method on every group", "'heuristic': greedy",
                  "exact+heuristic"):
        assert words in text, words


def test_measures_writes_the_tidy_files_with_every_key(release):
    exact = _rows(release / "measures.csv")
    published = _rows(release / "published.csv")
    assert list(exact[0]) == ["measure", "month", "akasse", "category", "value"]
    assert [(r["measure"], r["month"], r["akasse"], r["category"]) for r in exact] == [
        (r["measure"], r["month"], r["akasse"], r["category"]) for r in published
    ]
    config = Config()
    months = month_range(config.trial_start, Month(2022, 4))
    groups = len(config.akasser_and_alle)
    expected = 0
    for info in MEASURES:
        if not info.in_spec:
            continue
        n_months = len(months) if info.month == "period" else 1
        expected += n_months * groups * max(1, len(info.categories))
    assert len(exact) == expected
    assert {r["measure"] for r in exact} == set(SPEC_MEASURE_IDS)
    keys = [(r["measure"], r["month"], r["akasse"], r["category"]) for r in exact]
    assert keys == sorted(keys)


def test_published_hides_small_counts(release):
    counts = {m.id for m in MEASURES if m.kind == "count"}
    for row in _rows(release / "published.csv"):
        if row["measure"] in counts and row["value"] != "*":
            assert int(row["value"]) > 2


def test_reconciliation_is_printed(data_dir, tmp_path):
    result = runner.invoke(
        app, ["measures", "--data", str(data_dir), "--month", "2022M04", "--out", str(tmp_path),
              "--suppression", "primary"]
    )
    assert result.exit_code == 0, result.output
    assert "Reconciliation" in result.output
    assert "forloeb" in result.output


def test_the_same_data_give_byte_identical_files(data_dir, release, tmp_path):
    result = runner.invoke(
        app, ["measures", "--data", str(data_dir), "--month", "2022M04", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    for name in ("measures.csv", "published.csv"):
        assert (tmp_path / name).read_bytes() == (release / name).read_bytes()


def test_month_outside_the_data_is_a_clear_error(data_dir, tmp_path):
    result = runner.invoke(
        app, ["measures", "--data", str(data_dir), "--month", "2030M01", "--out", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "outside the data" in result.output
    assert "Traceback" not in result.output


def test_a_month_shortly_after_the_data_counts_zero_with_a_warning(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "forloeb.csv").write_text(
        "forloeb_id,person_id,akasse,start_dato,slut_dato,slut_aarsag\n"
        "F1,P1,FTF-A,2021-10-04,2022-01-20,FULD_PERIODE\n"
        "F2,P2,HK-A,2021-12-01,,\n"
    )
    (data / "samtaler.csv").write_text(
        "samtale_id,person_id,dato,samtaletype,individuel\nS1,P1,2021-11-02,JOB,ja\n"
    )
    (data / "tilbud.csv").write_text("tilbud_id,person_id,start_dato,kategori\n")
    out = tmp_path / "out"
    args = ["measures", "--data", str(data), "--out", str(out), "--suppression", "primary"]
    result = runner.invoke(app, [*args, "--month", "2022M04"])
    assert result.exit_code == 0, result.output
    assert "the data end in 2022M01" in " ".join(result.output.split())
    cells = {(r["measure"], r["month"], r["akasse"], r["category"]): r["value"]
             for r in _rows(out / "measures.csv")}
    assert cells[("paabegyndte_forloeb", "2022M04", "ALLE", "")] == "0"
    assert cells[("afsluttede_forloeb", "2022M01", "FTF-A", "FULD_PERIODE")] == "1"
    assert cells[("personer_omfattet", "2022M04", "HK-A", "")] == "1"  # ongoing
    far = runner.invoke(app, [*args, "--month", "2023M06"])
    assert far.exit_code == 2 and "outside the data" in far.output


def test_bad_month_text_is_a_clear_error(data_dir, tmp_path):
    result = runner.invoke(
        app, ["measures", "--data", str(data_dir), "--month", "april", "--out", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "YYYYMmm" in result.output


def test_missing_data_folder_is_a_clear_error(tmp_path):
    result = runner.invoke(
        app, ["measures", "--data", str(tmp_path / "nope"), "--month", "2022M04",
              "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_unknown_config_key_is_a_clear_error(data_dir, tmp_path):
    config = tmp_path / "akassemonitor.toml"
    config.write_text('trial_start = "2020M09"\ncolour = "blue"\n', encoding="utf-8")
    result = runner.invoke(
        app, ["measures", "--data", str(data_dir), "--month", "2022M04", "--out", str(tmp_path),
              "--config", str(config)]
    )
    assert result.exit_code == 2
    assert "colour" in result.output


def test_audit_passes_the_release_measures_wrote(release):
    result = runner.invoke(app, ["audit", str(release)])
    assert result.exit_code == 0, result.output
    assert "no leaks" in result.output


def test_audit_of_a_primary_release_lists_leaks_and_exits_1(data_dir, tmp_path):
    result = runner.invoke(
        app, ["measures", "--data", str(data_dir), "--month", "2022M04", "--out", str(tmp_path),
              "--suppression", "primary"]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["audit", str(tmp_path)])
    assert result.exit_code == 1
    assert "LEAK" in result.output


def test_next_month_with_previous_keeps_the_pattern_and_survives_differencing(
    data_dir, tmp_path
):
    march, april = tmp_path / "2022M03", tmp_path / "2022M04"
    runs = (("2022M03", march, []), ("2022M04", april, ["--previous", str(march)]))
    for month, out, extra in runs:
        result = runner.invoke(
            app, ["measures", "--data", str(data_dir), "--month", month, "--out", str(out), *extra]
        )
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["audit", str(april), "--previous", str(march)])
    assert result.exit_code == 0, result.output
    before = {tuple(r[k] for k in ("measure", "month", "akasse", "category")): r["value"] == "*"
              for r in _rows(march / "published.csv") if r["month"]}
    for r in _rows(april / "published.csv"):
        key = (r["measure"], r["month"], r["akasse"], r["category"])
        if key in before and before[key]:
            assert r["value"] == "*", key  # hidden last month stays hidden


@pytest.fixture(scope="module")
def built(data_dir, tmp_path_factory) -> Path:
    """A release with FTF-A's report only (the whole set is built in tests/release)."""
    out = tmp_path_factory.mktemp("releases")
    return build_release(data_dir, Month(2022, 4), out, config=Config(), akasser=["FTF-A"])


def test_report_renders_a_release_and_shows_a_summary(built, tmp_path):
    result = runner.invoke(
        app, ["report", "--release", str(built), "--akasse", "FTF-A", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    for suffix in ("pdf", "html", "xlsx"):
        path = tmp_path / "2022M04" / f"FTF-A.{suffix}"
        assert path.is_file() and path.stat().st_size > 10_000
        assert path.read_bytes() == (built / "reports" / f"FTF-A.{suffix}").read_bytes()
    assert "reports" in result.output  # the progress bar's label
    assert "Wrote 3 files for 1 report(s) of 2022M04." in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--akasse", "XYZ-A"], "unknown a-kasse 'XYZ-A'"),
        ([], "--akasse CODE, or use --all"),
        (["--release", "{data}", "--all"], "no manifest.json here, so this is not a release"),
    ],
)
def test_report_errors_are_clear(built, data_dir, tmp_path, args, message):
    args = [a.replace("{data}", str(data_dir)) for a in args]
    where = [] if "--release" in args else ["--release", str(built)]
    result = runner.invoke(app, ["report", *where, "--out", str(tmp_path), *args])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output
