"""The pages and files through the real app: content, status codes, the token, privacy."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from dash_releases import INTERNAL_CANARY, Releases
from fastapi.testclient import TestClient

from akassemonitor.dashboard import LibraryError, create_app, load_library
from akassemonitor.dashboard._library import public_problem
from akassemonitor.publish._cells import PublishedValue
from akassemonitor.publish._formats import format_cell
from akassemonitor.release import read_release

CELL = re.compile(r'data-cell="([^"]*)">(.*?)</(?:td|dd|span)>')


@pytest.fixture(scope="module")
def client(releases: Releases) -> TestClient:
    return TestClient(create_app(load_library(releases.root)))


def shown_cells(html: str) -> list[tuple[tuple[str, ...], str]]:
    """Every published cell a page shows: (key, text as shown)."""
    out = []
    for key, inner in CELL.findall(html):
        text = re.sub(r"<[^>]+>", "", inner).replace("&nbsp;", "\u00a0")
        out.append((tuple(key.split("|")), text))
    return out


def expected_text(published: dict[tuple[str, ...], str], key: tuple[str, ...]) -> str:
    value = published[key]
    if value == "*":
        return "*"
    return format_cell(key[0], float(value) if value else None, False)


def published_of(folder: Path) -> dict[tuple[str, ...], str]:
    cells = {}
    for name in ("published.csv", "published_bilag.csv"):
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            for row in list(csv.reader(handle))[1:]:
                cells[tuple(row[:4])] = row[4]
    return cells


def test_overview_shows_every_akasse_as_published(client: TestClient, releases: Releases) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="da">' in page.text
    assert "Overblik – april 2022" in page.text
    published = published_of(releases.folder("2022M04"))
    shown = shown_cells(page.text)
    assert {k[2] for k, _ in shown} == set(read_release(releases.folder("2022M04")).config
                                          .akasser_and_alle)
    for key, text in shown:
        assert text == expected_text(published, key), key
    for akasse, stem in (("Dansk Metal", "Dansk-Metal"), ("FTF-A", "FTF-A")):
        assert f'href="/akasse/{stem}?month=2022M04">{akasse}</a>' in page.text
    assert "opfyldt" in page.text
    assert page.text.count('class="spark"') == 40  # 4 trend lines x (9 a-kasser + ALLE)


FOCUS = re.compile(r'<p class="focus ([^"]*)">(.*?)</p>', re.S)


def focus_lines(html: str) -> dict[str, tuple[str, str]]:
    """Each card's focus line: a-kasse -> (its class, its text as read)."""
    lines = {}
    for css, inner in FOCUS.findall(html):
        key = re.search(r'data-cell="([^"]*)"', inner).group(1).split("|")
        lines[key[2]] = (css, " ".join(re.sub(r"<[^>]+>", " ", inner).split()))
    return lines


def test_overview_focus_line_reads_as_published(releases: Releases) -> None:
    # The releases hide no focus mean, so hide one as a small a-kasse's would be: it
    # reads "* Fokusmål: diskretioneret" (one star, no verdict); the others are intact.
    library = load_library(releases.root)
    before = focus_lines(TestClient(create_app(library)).get("/").text)
    hidden = PublishedValue(None, True)
    cells = library.get("2022M04").cells
    for measure in ("fokus_gennemsnit", "fokus_opfyldt"):
        cells._cells[(measure, "", "FTF-A", "")] = hidden
    after = focus_lines(TestClient(create_app(library)).get("/").text)
    assert after.pop("FTF-A") == ("focus-hidden", "* Fokusmål: diskretioneret")
    assert after == {a: line for a, line in before.items() if a != "FTF-A"}
    for css, text in after.values():
        assert re.fullmatch(r"[✓✗] \d+,\d % Fokusmål 85 %: (ikke )?opfyldt", text), text
        assert css == ("focus-met" if text.startswith("✓") else "focus-not-met")


def test_overview_of_an_earlier_month(client: TestClient) -> None:
    page = client.get("/?month=2022M03")
    assert page.status_code == 200
    assert "Overblik – marts 2022" in page.text


def test_akasse_page_shows_published_cells_and_stars(
    client: TestClient, releases: Releases
) -> None:
    page = client.get("/akasse/FTF-A")
    assert page.status_code == 200
    published = published_of(releases.folder("2022M04"))
    shown = shown_cells(page.text)
    assert len(shown) > 300
    stars = [key for key, text in shown if text == "*"]
    assert stars and all(published[key] == "*" for key in stars)
    for key, text in shown:
        assert text == expected_text(published, key), key
    for theme in ("Tema 1", "Tema 2", "Tema 3", "Bilag"):
        assert theme in page.text
    assert page.text.count('class="chart"') == 11
    for fmt in ("pdf", "html", "xlsx"):
        assert f'href="/filer/2022M04/FTF-A.{fmt}"' in page.text
    assert 'href="/api/cells?akasse=FTF-A&amp;month=2022M04&amp;format=csv"' in page.text


def test_akasse_page_chart_data_are_published_cells(client: TestClient, releases: Releases) -> None:
    import json

    page = client.get("/akasse/ALLE?month=2022M04").text
    spec = json.loads(re.search(r'id="graf-1-1-spec">(.*?)</script>', page).group(1))
    published = published_of(releases.folder("2022M04"))
    for record in spec["data"]["values"]:
        value = published[("paabegyndte_forloeb", record["x"], "ALLE", "")]
        assert record["text"] == expected_text(published, ("paabegyndte_forloeb", record["x"],
                                                           "ALLE", ""))
        assert record["value"] == (None if value == "*" else int(value))


def test_akasse_without_reports_offers_the_csv_only(client: TestClient) -> None:
    page = client.get("/akasse/Dansk-Metal").text
    assert "/filer/" not in page
    assert "format=csv" in page


def test_month_selector_lists_every_release(client: TestClient) -> None:
    page = client.get("/akasse/FTF-A?month=2022M03").text
    assert "FTF-A – marts 2022" in page
    assert '<option value="2022M04">' in page
    assert '<option value="2022M03" selected>' in page


def test_quality_page_shows_reconciliation_and_manifest(
    client: TestClient, releases: Releases
) -> None:
    page = client.get("/kvalitet")
    assert page.status_code == 200
    release = read_release(releases.folder("2022M04"))
    for r in release.quality.reconciliation:
        assert f"{r.read:,}".replace(",", ".") in page.text
    assert release.quality.quarantined, "the synthetic data have errors to quarantine"
    for q in release.quality.quarantined:
        assert q.text_da in page.text
    assert "Manifest" in page.text and "published.csv" in page.text


@pytest.mark.parametrize(
    ("url", "status", "text"),
    [
        ("/akasse/Ukendt", 404, "Ukendt a-kasse"),
        ("/akasse/FTF-A?month=22M04", 422, "ikke en måned"),
        ("/?month=2019M01", 422, "Ingen udgivelse for måneden"),
        ("/kvalitet?month=2030M01", 422, "Ingen udgivelse"),
        ("/findes-ikke", 404, "Siden findes ikke"),
        ("/filer/2022M04/Dansk-Metal.pdf", 404, "Filen findes ikke"),
        ("/filer/2022M04/..%2Fpublished.csv", 404, "findes ikke"),
        ("/filer/2022M04/FTF-A.exe", 404, "Filen findes ikke"),
    ],
)
def test_bad_requests_get_a_danish_page(client: TestClient, url: str, status: int,
                                        text: str) -> None:
    answer = client.get(url)
    assert answer.status_code == status
    assert text in answer.text


def test_report_files_are_the_release_files(client: TestClient, releases: Releases) -> None:
    folder = releases.folder("2022M04") / "reports"
    for fmt, media in (("pdf", "application/pdf"), ("html", "text/html"),
                       ("xlsx", "application/vnd.openxmlformats")):
        answer = client.get(f"/filer/2022M04/FTF-A.{fmt}")
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith(media)
        assert answer.content == (folder / f"FTF-A.{fmt}").read_bytes()


def test_static_files_and_security_headers(client: TestClient) -> None:
    answer = client.get("/static/vendor/vega-embed.min.js")
    assert answer.status_code == 200
    page = client.get("/")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"


def test_token_is_required_on_every_request(releases: Releases) -> None:
    client = TestClient(create_app(load_library(releases.root), token="s3cret"))
    for url in ("/", "/akasse/FTF-A", "/api/cells", "/api/months", "/static/dashboard.css",
                "/docs", "/openapi.json", "/filer/2022M04/FTF-A.pdf"):
        assert client.get(url).status_code == 401, url
        wrong = client.get(url, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        assert wrong.headers["www-authenticate"].startswith("Bearer")
        assert client.get(url, headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_a_folder_failing_verify_is_not_served_and_the_page_says_why(
    mixed_releases: Path,
) -> None:
    library = load_library(mixed_releases)
    assert library.months == ("2022M04",)
    assert [r.name for r in library.refused] == ["2022M05"]
    client = TestClient(create_app(library))
    overview = client.get("/").text
    assert "Udgivelser, der ikke vises" in overview and "2022M05" in overview
    page = client.get("/?month=2022M05")
    assert page.status_code == 422
    assert "Udgivelsen 2022M05 vises ikke" in page.text
    assert "SHA-256" in page.text  # the reason: the file changed
    assert "shows 1" not in page.text  # ...but never the small count it shows
    assert client.get("/api/cells?month=2022M05").status_code == 422
    refused = client.get("/api/months").json()["refused"]
    assert refused[0]["folder"] == "2022M05"
    assert not any("shows 1" in p for p in refused[0]["problems"])


def test_public_problem_never_quotes_a_small_count() -> None:
    problem = ("releases/2022M04/published.csv: row 17: fokus_ja 2021M07 FTF-A - shows 1, "
               "at or below the threshold 2")
    assert public_problem(problem) == (
        "releases/2022M04/published.csv: shows a count at or below the disclosure threshold")


def test_no_release_folder_at_all_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="holds no release folder"):
        load_library(tmp_path)
    with pytest.raises(LibraryError, match="no such folder"):
        load_library(tmp_path / "missing")


def test_one_release_folder_can_be_served_alone(releases: Releases) -> None:
    library = load_library(releases.folder("2022M03"))
    assert library.months == ("2022M03",)


def test_no_route_shows_internal_or_quarantined_data(client: TestClient, releases: Releases
                                                     ) -> None:
    """Crawl every page and answer; none holds a quarantined row's ids or an internal file."""
    secrets = {INTERNAL_CANARY}
    for rejects in (releases.root / "2022M04.internal" / "rejects").glob("*.csv"):
        with rejects.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for column in ("forloeb_id", "samtale_id", "tilbud_id", "person_id"):
                    if row.get(column) and len(row[column]) >= 6:
                        secrets.add(row[column])
    assert len(secrets) > 5, "the synthetic errors give quarantined rows with ids"
    urls = ["/", "/kvalitet", "/docs", "/api/months", "/api/measures", "/openapi.json"]
    for month in releases.months:
        urls += [f"/?month={month}", f"/kvalitet?month={month}",
                 f"/api/cells?month={month}", f"/api/cells?month={month}&format=csv"]
        urls += [f"/akasse/{stem}?month={month}" for stem in
                 ("3F-A", "BUPL-A", "Dansk-Metal", "FOA-A", "FTF-A", "HK-A", "MA-A", "Min-A",
                  "SL-A", "ALLE")]
    urls.append("/filer/2022M04/FTF-A.html")
    for url in urls:
        text = client.get(url).text
        leaked = [s for s in secrets if s in text]
        assert not leaked, (url, leaked[:3])
    assert client.get("/filer/2022M04.internal/measures.csv").status_code == 404
