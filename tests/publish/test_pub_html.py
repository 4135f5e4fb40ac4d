"""The HTML report: structure, self-containment, and every number a published cell."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from release_factory import as_release

from akassemonitor.publish._formats import NBSP


class _Scan(HTMLParser):
    """Headings, tagged cells, links and the free text of the report (outside SVG/style)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[str, str]] = []
        self.cells: list[tuple[str, str]] = []
        self.urls: list[str] = []
        self.free_text: list[str] = []
        self.tables = 0
        self.section = ""
        self._heading: list[str] | None = None
        self._cell: tuple[str, list[str]] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("src", "href"):
            if a.get(name):
                self.urls.append(a[name] or "")
        if tag == "link":
            self.urls.append(a.get("href") or "")
        if tag in ("svg", "style", "title", "script"):
            self._skip += 1
        if tag == "section":
            self.section = a.get("id") or ""
        if tag == "table":
            self.tables += 1
        if tag in ("h1", "h2", "h3", "h4"):
            self._heading = []
        if "data-cell" in a:
            self._cell = (a["data-cell"] or "", [])

    def handle_endtag(self, tag):
        if tag in ("svg", "style", "title", "script"):
            self._skip -= 1
        if tag in ("h1", "h2", "h3", "h4") and self._heading is not None:
            self.headings.append((tag, "".join(self._heading).strip()))
            self._heading = None
        if tag in ("td", "th", "div", "p") and self._cell is not None:
            self.cells.append((self._cell[0], "".join(self._cell[1]).strip()))
            self._cell = None

    def handle_data(self, data):
        if self._skip:
            return
        if self._heading is not None:
            self._heading.append(data)
        if self._cell is not None:
            self._cell[1].append(data)
        elif self.section != "bilag-2":
            self.free_text.append(data)


@pytest.fixture(scope="module")
def html(ftf_files) -> str:
    return ftf_files["html"].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def scan(html) -> _Scan:
    parser = _Scan()
    parser.feed(html)
    return parser


def _number(text: str) -> float:
    """Read a Danish figure back: ``3.850``, ``85,3 %``, ``2,90``, ``Opfyldt``."""
    if text in ("Opfyldt", "Ikke opfyldt"):
        return 1.0 if text == "Opfyldt" else 0.0
    percent = text.endswith("%")
    digits = text.rstrip("%").replace(NBSP, "").replace(".", "").replace(",", ".")
    return float(digits) / 100 if percent else float(digits)


def test_the_report_has_the_reference_structure(scan):
    headings = [text for _, text in scan.headings]
    assert headings[0] == "Mere ansvar til a-kasser — Monitorering"
    for expected in (
        "Indholdsfortegnelse",
        "Status på forsøget – april 2022",
        "Tema 1 – Visitation til og fra forsøget",
        "Tema 2 – Kontaktforløbet",
        "Tema 3 – Indsats",
        "Bilag 2 – Datakvalitet",
        "Infoboks – Fokusmål for kontaktforløbet",
    ):
        assert expected in headings
    for number in ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1"):
        assert any(h.startswith(f"Måling {number} – ") for h in headings), number
    assert any(h.startswith("Bilag 1 – Fokusmål") for h in headings)
    assert scan.tables >= 14


def test_every_tagged_number_equals_its_published_cell(scan, published):
    frame = published.frame.set_index(["measure", "month", "akasse", "category"])
    assert len(scan.cells) > 900
    for key, text in scan.cells:
        row = frame.loc[tuple(key.split("|"))]
        if row.suppressed:
            assert text == "*", key
        else:
            assert _number(text) == pytest.approx(float(row.value), abs=1e-9), (key, text)


def test_no_other_number_is_shown(scan, config, published):
    """Outside tagged cells only months, section numbers and rule constants appear (and
    bilag 1's count of the ``*``s, which the published cells show anyway)."""
    text = " ".join(scan.free_text)
    hidden, total = int(published.frame.suppressed.sum()), len(published.frame)
    share = f"{100 * hidden / total:.1f}".replace(".", ",")
    hidden_da, total_da = (f"{n:,}".replace(",", ".") for n in (hidden, total))
    stars = f"I alt er {hidden_da} af opgørelsens {total_da} tal erstattet med * ({share} %)."
    assert stars in text
    text = text.replace(stars, " ")
    text = re.sub(r"\b\d{4}M\d{2}\b", " ", text)  # month codes
    text = re.sub(r"\b(Måling|Tema|Bilag) \d(\.\d)?[ab]?", " ", text, flags=re.I)
    text = re.sub(r"\b(19|20)\d{2}\b", " ", text)  # years in month names
    allowed = {
        "0", "1", "2", "3", "11", "14",  # 0/1/2/3+ conversations, kapitel 11-14
        "6",  # the offer category "6 ugers jobrettet uddannelse"
        str(config.disclosure.threshold), str(config.disclosure.width),
        str(config.focus.min_job_conversations),
        str(round(config.focus.target_share * 100)),
    }
    found = set(re.findall(r"\d+(?:[.,]\d+)*", text))
    assert found <= allowed, found - allowed


def test_the_file_is_self_contained(html, scan):
    assert all(url.startswith(("#", "data:")) for url in scan.urls), scan.urls
    assert "<link" not in html and "<script" not in html
    assert "http://" not in re.sub(r'xmlns(:xlink)?="http://[^"]+"', "", html)
    assert "https://" not in html
    assert html.count("@font-face") == 2 and "data:font/ttf;base64," in html
    assert html.count("<svg") == 11


def test_phone_and_print_rules_are_present(html):
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media (max-width: 600px)" in html
    assert "size: A4" in html and "target-counter(attr(href), page)" in html


def test_charts_are_danish_and_mark_suppressed_months(html):
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    focus = next(s for s in svgs if "Mål 85" in s)
    assert "Udgået" in focus and f"85{NBSP}%" in focus
    # The fixture suppresses the first months' focus shares: shown as "*", not as 0.
    assert ">*</text>" in focus
    assert all('font-family="Source Sans 3"' in s for s in svgs)


def test_only_the_file_tags_numbers_with_their_cells(published, quality, config, month):
    from akassemonitor.publish._html import render_html
    from akassemonitor.publish.reports import build_reports

    (report,) = build_reports(as_release(published, quality, config, month), ["FTF-A"])
    assert render_html(report).count("data-cell=") > 500
    # The PDF's HTML needs no tags (less to parse), and shows the same numbers.
    pdf_html = render_html(report, part="pdf")
    assert "data-cell=" not in pdf_html
    assert "3.810" in pdf_html and "Bilag 1a:" in pdf_html
