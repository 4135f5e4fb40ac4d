"""The JSON API through the real app: /api/months, /api/cells, /api/measures, /openapi.json."""

from __future__ import annotations

import csv
import io

import pytest
from dash_releases import Releases, published_lines
from fastapi.testclient import TestClient

from akassemonitor.catalogue import MEASURE_BY_ID, MEASURES
from akassemonitor.dashboard import create_app, load_library
from akassemonitor.publish._formats import format_cell


@pytest.fixture(scope="module")
def client(releases: Releases) -> TestClient:
    return TestClient(create_app(load_library(releases.root)))


def test_months_lists_every_release_latest_last(client: TestClient) -> None:
    answer = client.get("/api/months")
    assert answer.status_code == 200
    body = answer.json()
    assert [m["month"] for m in body["months"]] == ["2022M03", "2022M04"]
    assert body["latest"] == "2022M04"
    assert body["months"][1]["name"] == "april 2022"
    assert body["months"][1]["reports"]["FTF-A"] == ["pdf", "html", "xlsx"]
    assert body["refused"] == []


def test_cells_csv_is_published_csv_exactly(client: TestClient, releases: Releases) -> None:
    for month in releases.months:
        answer = client.get(f"/api/cells?month={month}&format=csv")
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("text/csv")
        lines = answer.text.splitlines()
        assert lines[0] == "measure,month,akasse,category,value"
        assert lines[1:] == published_lines(releases.folder(month))


def test_cells_csv_filtered_is_the_matching_lines(client: TestClient, releases: Releases) -> None:
    expected = [
        line for line in published_lines(releases.folder("2022M04"))
        if line.startswith("fokus_andel,") and ",Dansk Metal," in line
    ]
    answer = client.get("/api/cells", params={"measure": "fokus_andel", "akasse": "Dansk Metal",
                                              "format": "csv"})
    assert answer.text.splitlines()[1:] == expected
    assert len(expected) == 20  # 2020M09..2022M04


def test_cells_json_carries_value_text_and_danish_display(
    client: TestClient, releases: Releases
) -> None:
    body = client.get("/api/cells").json()
    assert body["month"] == "2022M04"  # the latest by default
    rows = list(csv.reader(io.StringIO("\n".join(published_lines(releases.folder("2022M04"))))))
    assert body["count"] == len(rows) == len(body["cells"])
    suppressed = 0
    for cell, row in zip(body["cells"], rows, strict=True):
        assert [cell["measure"], cell["month"], cell["akasse"], cell["category"],
                cell["text"]] == row
        if row[4] == "*":
            suppressed += 1
            assert cell["suppressed"] is True and cell["value"] is None
            assert cell["display"] == "*"
        elif row[4] == "":
            assert cell["value"] is None and cell["display"] == "–"
        else:
            assert cell["value"] == pytest.approx(float(row[4]))
            assert cell["display"] == format_cell(row[0], float(row[4]), False)
    assert suppressed > 0


def test_cells_filter_by_category(client: TestClient) -> None:
    body = client.get("/api/cells?measure=afsluttede_forloeb&category=I_ALT&akasse=ALLE").json()
    assert body["count"] == 20
    assert {c["category"] for c in body["cells"]} == {"I_ALT"}


def test_cells_of_an_earlier_month(client: TestClient) -> None:
    body = client.get("/api/cells?measure=personer_omfattet_andel&month=2022M03").json()
    assert body["month"] == "2022M03"
    assert {c["month"] for c in body["cells"]} == {"2022M03"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("measure=nope", "unknown measure 'nope'"),
        ("akasse=XYZ", "unknown a-kasse 'XYZ'"),
        ("month=2022-04", "write it as YYYYMmm"),
        ("month=2021M01", "no release of 2021M01 is served"),
        ("format=xml", "format must be json or csv"),
        ("measure=fokus_andel&category=I_ALT", "category 'I_ALT' is not one of measure"),
        ("category=BOGUS", "category 'BOGUS' is not one of any measure"),
        ("measur=fokus_andel", "unknown parameter(s) measur"),
    ],
)
def test_cells_bad_parameters_are_422_with_a_message(
    client: TestClient, query: str, message: str
) -> None:
    answer = client.get(f"/api/cells?{query}")
    assert answer.status_code == 422
    assert message in answer.json()["detail"]


def test_measures_is_the_catalogue_in_danish(client: TestClient) -> None:
    body = client.get("/api/measures").json()["measures"]
    assert [m["id"] for m in body] == [m.id for m in MEASURES]
    focus = next(m for m in body if m["id"] == "fokus_andel")
    assert focus["label"] == MEASURE_BY_ID["fokus_andel"].label
    assert focus["definition"] == MEASURE_BY_ID["fokus_andel"].definition
    assert focus["decimals"] == 3
    reasons = next(m for m in body if m["id"] == "afsluttede_forloeb")["categories"]
    assert {"code": "FULD_PERIODE", "label": "Fuld forsøgsperiode"} in reasons


def test_openapi_documents_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/months", "/api/cells", "/api/measures"} <= set(schema["paths"])
    names = {p["name"] for p in schema["paths"]["/api/cells"]["get"]["parameters"]}
    assert names == {"measure", "akasse", "month", "category", "format"}
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/api/cells" in docs.text and "format" in docs.text


def test_unknown_api_route_is_json_404(client: TestClient) -> None:
    answer = client.get("/api/nothing")
    assert answer.status_code == 404
    assert "detail" in answer.json()
