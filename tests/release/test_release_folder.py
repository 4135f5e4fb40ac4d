"""The release folder: layout, manifest, reproducible bytes, publishing from it alone."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest
from conftest import MONTH, runner, snapshot

from akassemonitor.cli import app
from akassemonitor.config import Config
from akassemonitor.months import Month
from akassemonitor.publish import report_stem
from akassemonitor.release import (
    Release,
    ReleaseError,
    build_release,
    config_to_dict,
    expected_keys,
    read_release,
    sha256_of,
    verify_release,
)


def test_the_handed_out_folder_holds_cells_quality_reports_and_manifest(built):
    names = sorted(p.relative_to(built.release).as_posix() for p in built.release.rglob("*")
                   if p.is_file())
    reports = [f"reports/{report_stem(a)}.{fmt}" for a in built.config.akasser_and_alle
               for fmt in ("html", "pdf", "xlsx")]
    assert names == sorted(
        ["manifest.json", "published.csv", "published_bilag.csv", "quality.json", *reports]
    )
    # The internal files beside it, never inside.
    assert sorted(p.name for p in built.internal.iterdir()) == [
        "information_loss.json", "measures.csv", "run.log"
    ]
    assert not list(built.out.glob(".*"))  # no staging folder left


def test_the_manifest_describes_inputs_config_versions_method_and_files(built):
    manifest = json.loads((built.release / "manifest.json").read_text("utf-8"))
    assert manifest["month"] == "2022M04"
    assert manifest["period"] == {"first": "2020M09", "last": "2022M04"}
    inputs = {i["file"]: i for i in manifest["inputs"]}
    assert {name: i["sha256"] for name, i in inputs.items()} == built.input_hashes
    assert all(i["rows_read"] == i["rows_used"] + i["rows_quarantined"] for i in inputs.values())
    assert manifest["config"] == config_to_dict(built.config)
    assert manifest["config"]["akasser"] == ["FTF-A", "HK-A"]
    assert set(manifest["software"]) >= {
        "akassemonitor", "python", "duckdb", "ibis-framework", "weasyprint", "highspy"
    }
    assert manifest["engine"] == "duckdb://:memory:"
    disclosure = manifest["disclosure"]
    assert disclosure["mode"] == "secondary" and disclosure["protection_width"] == 3
    assert disclosure["audit"]["ok"] is True and disclosure["audit"]["leaks"] == 0
    assert disclosure["method"]  # "exact"/"heuristic" once discretion records it
    published = read_release(built.release).published.frame
    assert disclosure["primary_cells"] + disclosure["secondary_cells"] == int(
        published.suppressed.sum()
    )
    assert manifest["previous"] is None
    for name, entry in manifest["files"].items():
        path = built.release / name
        assert entry == {"bytes": path.stat().st_size, "sha256": sha256_of(path)}
    # No wall-clock time: today's date appears nowhere (run times go to run.log).
    text = (built.release / "manifest.json").read_text("utf-8")
    assert dt.date.today().isoformat() not in text
    assert not re.search(r"\d\d:\d\d:\d\d", text)  # no time of day anywhere
    assert "done after" in (built.internal / "run.log").read_text("utf-8")


def test_read_release_gives_the_cells_config_and_quality(built):
    release = read_release(built.release)
    assert isinstance(release, Release)
    assert release.month == MONTH
    assert config_to_dict(release.config) == config_to_dict(built.config)
    keys = expected_keys(built.config, MONTH)
    assert len(release.published.frame) == len(keys["published.csv"]) + len(
        keys["published_bilag.csv"]
    )
    assert [r.register for r in release.quality.reconciliation] == [
        "forloeb", "samtaler", "tilbud"
    ]


def test_a_rerun_gives_the_same_bytes_in_every_file(built, small_data, tmp_path):
    again = build_release(small_data, MONTH, tmp_path, config=built.config, workers=1)
    first = snapshot(built.release, built.internal / "measures.csv")
    second = snapshot(again, tmp_path / "2022M04.internal" / "measures.csv")
    assert {k.replace(str(built.out), ""): v for k, v in first.items()} == {
        k.replace(str(tmp_path), ""): v for k, v in second.items()
    }
    assert {p.rsplit(".", 1)[-1] for p in first} == {"csv", "json", "html", "pdf", "xlsx"}


def test_report_renders_from_the_release_alone(built, tmp_path):
    # built's registers were deleted right after the build.
    result = runner.invoke(
        app, ["report", "--release", str(built.release), "--all", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "2022M04").iterdir())
    assert written == sorted(p.name for p in (built.release / "reports").iterdir())
    for name in written:
        assert (tmp_path / "2022M04" / name).read_bytes() == (
            built.release / "reports" / name
        ).read_bytes()


def test_the_internal_folder_may_go_elsewhere_but_never_inside(built, small_data, tmp_path):
    with pytest.raises(ReleaseError, match="never be handed out"):
        build_release(small_data, MONTH, tmp_path, config=built.config,
                      internal=tmp_path / "2022M04" / "internal")
    assert not (tmp_path / "2022M04").exists()


def _with_manifest(folder, change):
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text("utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")


def test_previous_of_the_same_or_a_later_month_is_refused(built, small_data, tmp_path):
    with pytest.raises(ReleaseError, match="same month 2022M04"):
        build_release(small_data, MONTH, tmp_path, config=built.config,
                      previous=built.release)
    with pytest.raises(ReleaseError, match="a release of 2022M04, later than 2022M03"):
        build_release(small_data, Month(2022, 3), tmp_path, config=built.config,
                      previous=built.release)
    assert not (tmp_path / "2022M03").exists()


def test_previous_of_another_trial_configuration_is_refused(copy_of, small_data, tmp_path):
    _with_manifest(copy_of, lambda m: m["config"]["focus"].update(target_share=0.9))
    config = read_release(copy_of).config
    assert config.focus.target_share == 0.9
    with pytest.raises(ReleaseError, match="another trial or configuration.*focus"):
        build_release(small_data, Month(2022, 5), tmp_path / "out", config=Config(
            akasser=config.akasser), previous=copy_of)


def test_previous_that_was_changed_is_refused(copy_of, small_data, tmp_path):
    with (copy_of / "quality.json").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    with pytest.raises(ReleaseError, match="changed after it was built"):
        build_release(small_data, Month(2022, 5), tmp_path, config=read_release(copy_of).config,
                      previous=copy_of)


@pytest.mark.slow
def test_next_month_with_previous_records_it_and_keeps_the_pattern(built, small_data, tmp_path):
    march = build_release(small_data, Month(2022, 3), tmp_path, config=built.config,
                          akasser=["ALLE"])
    april = build_release(small_data, MONTH, tmp_path, config=built.config, previous=march,
                          akasser=["ALLE"])
    manifest = read_release(april).manifest
    assert manifest["previous"] == {
        "month": "2022M03", "manifest_sha256": sha256_of(march / "manifest.json")
    }
    assert manifest["reports"]["akasser"] == ["ALLE"]
    assert verify_release(april) == []
    before = read_release(march).published.frame
    hidden = {tuple(k) for k in before[before.suppressed & (before.month != "")][
        ["measure", "month", "akasse", "category"]].itertuples(index=False)}
    now = read_release(april).published.frame
    still = now[now[["measure", "month", "akasse", "category"]].apply(tuple, axis=1).isin(hidden)]
    assert len(still) == len(hidden) and still.suppressed.all()
    shutil.rmtree(march)
