"""Danish number formats and period texts (the one locale module)."""

from __future__ import annotations

from akassemonitor.months import Month, parse_month_span
from akassemonitor.publish._formats import (
    NBSP,
    display_style,
    format_cell,
    format_count,
    format_percent_value,
    month_runs,
    months_text,
)


def test_counts_use_a_dot_for_thousands():
    assert format_count(3850) == "3.850"
    assert format_count(1234567) == "1.234.567"
    assert format_count(7) == "7"


def test_shares_are_percent_with_the_published_precision_and_a_no_break_space():
    assert format_cell("fokus_andel", 0.853, False) == f"85,3{NBSP}%"
    assert format_cell("afslutningsaarsag_andel", 0.05, False) == f"5,0{NBSP}%"
    assert format_percent_value(0.85, 0) == f"85{NBSP}%"


def test_means_of_conversations_keep_two_decimals_and_the_focus_mean_is_a_percent():
    assert format_cell("gns_samtaler", 2.9, False) == "2,90"
    assert display_style("gns_samtaler_periode") == "decimal"
    assert format_cell("fokus_gennemsnit", 0.863, False) == f"86,3{NBSP}%"


def test_flag_suppressed_and_absent_cells():
    assert format_cell("fokus_opfyldt", 1.0, False) == "Opfyldt"
    assert format_cell("fokus_opfyldt", 0.0, False) == "Ikke opfyldt"
    assert format_cell("paabegyndte_forloeb", None, True) == "*"
    assert format_cell("paabegyndte_forloeb", None, False) == "–"


def test_month_runs_and_their_danish_text():
    period = parse_month_span("2020M09..2022M04")
    excluded = set(parse_month_span("2021M01..2021M06"))
    included = [m for m in period if m not in excluded]
    assert month_runs(included) == [
        (Month(2020, 9), Month(2020, 12)),
        (Month(2021, 7), Month(2022, 4)),
    ]
    assert months_text(included) == (
        "september 2020 til og med december 2020 og juli 2021 til og med april 2022"
    )
    assert months_text([Month(2021, 7)]) == "juli 2021"
    assert months_text([Month(2021, 1), Month(2021, 3), Month(2021, 5)]) == (
        "januar 2021, marts 2021 og maj 2021"
    )
