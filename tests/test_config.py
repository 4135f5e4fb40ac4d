"""Configuration defaults, overrides and errors (SPEC §1)."""

from __future__ import annotations

import pytest

from akassemonitor.config import Config, ConfigError, config_from_dict, load_config
from akassemonitor.months import Month, MonthError, parse_month_span


def test_defaults_are_the_spec_defaults():
    config = Config()
    assert str(config.trial_start) == "2020M09"
    assert config.min_full_period_days == 77
    assert config.focus.min_job_conversations == 2
    assert config.focus.target_share == 0.85
    assert [str(m) for m in config.focus.excluded_months] == [
        "2021M01", "2021M02", "2021M03", "2021M04", "2021M05", "2021M06"
    ]
    assert config.disclosure.threshold == 2
    assert config.disclosure.mode == "secondary"
    assert config.disclosure.width == 3
    assert len(config.akasser) == 9 and "Dansk Metal" in config.akasser


def test_file_overrides_only_what_it_names(tmp_path):
    path = tmp_path / "akassemonitor.toml"
    path.write_text(
        'trial_start = "2021M01"\n[focus]\nexcluded_months = ["2021M02", "2021M05..2021M06"]\n'
        '[disclosure]\nthreshold = 4\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.trial_start == Month(2021, 1)
    assert [str(m) for m in config.focus.excluded_months] == ["2021M02", "2021M05", "2021M06"]
    assert config.disclosure.threshold == 4
    assert config.disclosure.width == 5
    assert config.focus.target_share == 0.85


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ({"colour": 1}, "unknown key"),
        ({"focus": {"target": 0.9}}, "focus.target"),
        ({"focus": {"target_share": 1.5}}, "between 0 and 1"),
        ({"disclosure": {"mode": "tertiary"}}, "disclosure.mode"),
        ({"disclosure": {"threshold": -1}}, "whole number"),
        ({"trial_start": "2020-09"}, "YYYYMmm"),
        ({"akasser": ["A", "A"]}, "distinct"),
        ({"akasser": ["A", "ALLE"]}, "reserved"),
        ({"focus": {"excluded_months": "2021M06..2021M01"}}, "ends before"),
    ],
)
def test_bad_values_name_the_key(raw, words):
    with pytest.raises(ConfigError, match=words):
        config_from_dict(raw)


def test_missing_or_broken_file(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("trial_start = ", encoding="utf-8")
    with pytest.raises(ConfigError, match="TOML"):
        load_config(broken)


def test_months():
    assert str(Month.parse("2022M04") + 9) == "2023M01"
    assert Month(2022, 2).last_day.day == 28
    assert Month(2022, 4).danish_name == "april 2022"
    assert len(parse_month_span("2021M01..2021M06")) == 6
    with pytest.raises(MonthError):
        Month.parse("2022M13")
