"""The web app: pages and JSON API over the releases of one folder (FastAPI).

Routes (every one answers from the releases loaded at start, never by computing):

* ``/``: overview of all a-kasser for a month; ``/akasse/<stem>``: one a-kasse's
  themes with interactive charts; ``/kvalitet``: the release's data quality and
  manifest; ``/filer/<month>/<stem>.<pdf|html|xlsx>``: the release's reports.
* ``/api/months``, ``/api/cells``, ``/api/measures``; ``/openapi.json`` and ``/docs``.

Pages and answers are made once per distinct request and kept (the releases do not
change while the server runs; restart it to serve a new one).
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from akassemonitor.dashboard import _pages as pages
from akassemonitor.dashboard._api import Answers, ParameterError, parse_cell_query
from akassemonitor.dashboard._library import REPORT_FORMATS, Library, ServedRelease
from akassemonitor.months import Month, MonthError
from akassemonitor.publish import report_stem

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Scripts and styles from this server only; vega compiles its expressions with
# Function (unsafe-eval); vega-embed and htmx add style elements (unsafe-inline styles).
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json"


class Guard:
    """ASGI middleware: the bearer token (when set) on every request, and the
    security headers on every response."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode() if token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.expected is not None:
            given = dict(scope["headers"]).get(b"authorization", b"")
            if not hmac.compare_digest(given, self.expected):
                await _unauthorised(scope, receive, send)
                return
        is_report = scope["path"].startswith("/filer/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", (REPORT_CSP if is_report else CSP).encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


async def _unauthorised(scope: Scope, receive: Receive, send: Send) -> None:
    response = JSONResponse(
        {"detail": "Adgang kræver et token: send headeren 'Authorization: Bearer <token>' "
                   "(serveren er startet med --token eller AKASSEMONITOR_TOKEN)."},
        status_code=401,
        headers={"WWW-Authenticate": 'Bearer realm="akassemonitor"'},
    )
    await response(scope, receive, send)


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("akassemonitor.dashboard", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["manifest_label"] = pages.manifest_label
    return env


def _static_dir() -> Path:
    return Path(str(resources.files("akassemonitor.dashboard") / "static"))


def create_app(library: Library, *, token: str | None = None) -> ASGIApp:
    """The dashboard over ``library``; with ``token``, every request must carry it."""
    api = Answers(library)
    stems = {
        report_stem(a): a
        for served in library.served.values()
        for a in served.config.akasser_and_alle
    }
    app = FastAPI(
        title="akassemonitor",
        summary="Monitorering af forsøget »Mere ansvar til a-kasser«: offentliggjorte tal "
        "fra udgivelsesmapper.",
        version="1",
        docs_url=None,
        redoc_url=None,
    )
    env = _templates()

    def render(name: str, **context: Any) -> bytes:
        base = {
            "months": [(s.key, s.month.danish_name) for s in reversed(library.served.values())],
            "refused": library.refused,
            "akasser": [(report_stem(a), pages.akasse_label(a, "ALLE"))
                        for a in (library.latest.config.akasser_and_alle
                                  if library.latest else ())],
        }
        return env.get_template(name).render(**base, **context).encode("utf-8")

    def html(body: bytes, status: int = 200) -> Response:
        return Response(body, status_code=status, media_type="text/html; charset=utf-8")

    def problem_page(status: int, title: str, message: str, details: tuple[str, ...] = ()
                     ) -> Response:
        return html(render("problem.html.j2", title=title, message=message, details=details,
                           current_month=None, page="problem"), status)

    def release_or_problem(month: str | None) -> ServedRelease | Response:
        if month is not None and month not in library.served:
            refused = next((r for r in library.refused if r.name == month), None)
            if refused is not None:
                return problem_page(
                    422, f"Udgivelsen {month} vises ikke",
                    "Mappen består ikke kontrollen af udgivelsen (akassemonitor verify), så "
                    "dens tal vises ikke. Byg udgivelsen igen.", refused.problems)
            try:
                Month.parse(month)
            except MonthError:
                return problem_page(422, "Ugyldig måned",
                                    f"»{month}« er ikke en måned. Skriv den som ÅÅÅÅMmm, "
                                    "fx 2022M04.")
            return problem_page(422, "Ingen udgivelse for måneden",
                                f"Der vises ingen udgivelse for {month}. Vælg en af de "
                                "viste måneder.")
        if not library.served:
            return problem_page(
                503, "Ingen udgivelser vises",
                "Ingen af mapperne består kontrollen af udgivelsen, så der er intet at vise.",
                tuple(f"{r.name}: {p}" for r in library.refused for p in r.problems))
        return library.get(month)

    @lru_cache(maxsize=1024)
    def overview_html(month: str) -> bytes:
        served = library.get(month)
        return render("overview.html.j2", page="overview", view=pages.overview_page(served),
                      current_month=month, title=f"Overblik – {served.month.danish_name}")

    @lru_cache(maxsize=1024)
    def akasse_html(month: str, akasse: str) -> bytes:
        served = library.get(month)
        view = pages.akasse_page(served, akasse)
        return render("akasse.html.j2", page="akasse", view=view, current_month=month,
                      stem=report_stem(akasse),
                      title=f"{view.label} – {served.month.danish_name}")

    @lru_cache(maxsize=1024)
    def quality_html(month: str) -> bytes:
        served = library.get(month)
        return render("quality.html.j2", page="quality", view=pages.quality_page(served),
                      current_month=month,
                      title=f"Datakvalitet – {served.month.danish_name}")

    @app.get("/", response_class=HTMLResponse, summary="Overblik over alle a-kasser")
    async def overview(
        month: str | None = Query(None, description="Måned, fx 2022M04"),
    ) -> Response:
        served = release_or_problem(month)
        if isinstance(served, Response):
            return served
        return html(overview_html(served.key))

    @app.get("/akasse/{stem}", response_class=HTMLResponse, summary="Én a-kasses side")
    async def akasse(stem: str, month: str | None = Query(None, description="Måned")) -> Response:
        served = release_or_problem(month)
        if isinstance(served, Response):
            return served
        chosen = stems.get(stem)
        if chosen is None or chosen not in served.config.akasser_and_alle:
            return problem_page(404, "Ukendt a-kasse",
                                f"Der er ingen a-kasse »{stem}« i udgivelsen {served.key}.")
        return html(akasse_html(served.key, chosen))

    @app.get("/kvalitet", response_class=HTMLResponse, summary="Datakvalitet og manifest")
    async def quality(month: str | None = Query(None, description="Måned")) -> Response:
        served = release_or_problem(month)
        if isinstance(served, Response):
            return served
        return html(quality_html(served.key))

    @app.get("/filer/{month}/{filename}", summary="En a-kasses rapport (PDF, HTML, Excel)")
    async def report_file(month: str, filename: str) -> Response:
        stem, _, fmt = filename.rpartition(".")
        served = library.served.get(month)
        chosen = stems.get(stem)
        path = (served.report_file(chosen, fmt)
                if served and chosen and fmt in REPORT_FORMATS else None)
        if path is None:
            return problem_page(404, "Filen findes ikke",
                                f"Udgivelsen har ingen fil »{filename}« for {month}.")
        disposition = "inline" if fmt in ("pdf", "html") else "attachment"
        return FileResponse(path, media_type=MEDIA_TYPES[fmt],
                            filename=f"{stem}-{month}.{fmt}", content_disposition_type=disposition)

    @app.get("/api/months", summary="Udgivelser, der vises (og mapper, der afvises)")
    async def api_months() -> Response:
        return Response(api.months, media_type=JSON_TYPE)

    @app.get("/api/measures", summary="Målingerne med danske titler og definitioner")
    async def api_measures() -> Response:
        return Response(api.measures, media_type=JSON_TYPE)

    @app.get(
        "/api/cells",
        summary="Offentliggjorte celler",
        description="Cellerne i én udgivelse (måned; standard: den nyeste), filtreret efter "
        "måling, a-kasse og kategori. format=csv giver kolonnerne og værdierne fra "
        "published.csv; * er en diskretioneret celle.",
        responses={422: {"description": "Et ugyldigt parameter, med en forklaring"}},
    )
    async def api_cells(
        request: Request,
        measure: str | None = Query(None, description="Målingens id, fx fokus_andel"),
        akasse: str | None = Query(None, description="A-kasse, fx FTF-A, eller ALLE"),
        month: str | None = Query(None, description="Udgivelsens måned, fx 2022M04"),
        category: str | None = Query(None, description="Kategori, fx I_ALT"),
        format: str | None = Query(None, description="json (standard) eller csv"),
    ) -> Response:
        try:
            query = parse_cell_query(library, dict(request.query_params))
        except ParameterError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=422)
        body = api.cells(query)
        return Response(body, media_type=CSV_TYPE if query.format == "csv" else JSON_TYPE)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    async def docs() -> Response:
        return html(docs_html())

    @lru_cache(maxsize=1)
    def docs_html() -> bytes:
        return render("docs.html.j2", page="docs", openapi=app.openapi(),
                      current_month=None, title="API")

    @app.exception_handler(StarletteHTTPException)
    async def http_problem(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "Ukendt adresse i API'et; se /docs."},
                                status_code=exc.status_code)
        if exc.status_code == 404:
            return problem_page(404, "Siden findes ikke",
                                "Adressen findes ikke. Gå til overblikket.")
        return problem_page(exc.status_code, "Fejl", "Forespørgslen kunne ikke besvares.")

    @app.exception_handler(Exception)
    async def server_problem(request: Request, exc: Exception) -> Response:
        # The exception's text is not shown: it could quote a value.
        return problem_page(500, "Intern fejl", "Siden kunne ikke vises.")

    app.mount("/static", StaticFiles(directory=_static_dir()), name="static")
    return Guard(app, token)
