"""The workbook: one sheet per table, Danish headers, numbers as numbers, * as text."""

from __future__ import annotations

import openpyxl
import pytest

from akassemonitor.publish._xlsx import sheet_name


@pytest.fixture(scope="module")
def workbook(ftf_files):
    return openpyxl.load_workbook(ftf_files["xlsx"])


def test_sheets_are_the_report_tables(workbook):
    names = workbook.sheetnames
    assert names[:2] == ["Forside", "Nøgletal"]
    for expected in (
        "1.1 Påbegyndte forløb", "1.2 Afsluttede forløb", "2.2 Fokusmål per måned",
        "2.3 Samtaler per måned", "3.1 Tilbud per måned", "Bilag 1 Fokusmål per a-kasse",
        "Bilag 2 Afstemning",
    ):
        assert expected in names
    assert all(len(n) <= 31 for n in names)
    assert workbook["Forside"]["B1"].value is None
    assert workbook["Forside"]["A2"].value == "FTF-A"


def test_numbers_are_numbers_and_suppressed_cells_are_text(workbook, published):
    sheet = workbook["1.1 Påbegyndte forløb"]
    assert [c.value for c in sheet[3]] == ["Måned", "Påbegyndte forløb"]
    assert sheet["A4"].value == "2022M04"
    assert sheet["B4"].value == 199 and isinstance(sheet["B4"].value, int | float)
    assert sheet["B4"].number_format == "#,##0"
    focus = workbook["2.2 Fokusmål per måned"]
    values = {row[0].value: row for row in focus.iter_rows(min_row=4)}
    assert values["2022M04"][4].value == pytest.approx(0.87)
    assert values["2022M04"][4].number_format == "0.0%"
    assert values["2021M03"][1].value == "*"  # suppressed in the fixture
    assert values["2021M03"][5].value == "Udgået"


def test_bilag_header_spans_1a_and_1b(workbook):
    sheet = workbook["Bilag 1 Fokusmål per a-kasse"]
    assert sheet["B3"].value.startswith("Bilag 1a")
    assert sheet["E3"].value.startswith("Bilag 1b")
    assert "B3:D3" in {str(r) for r in sheet.merged_cells.ranges}


def test_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    name = sheet_name("1.2 Afslutningsårsager: andel [%]", taken)
    assert name == "1.2 Afslutningsårsager- andel -"
    long = "x" * 40
    first, second = sheet_name(long, taken), sheet_name(long, taken)
    assert len(first) == len(second) == 31 and first != second
