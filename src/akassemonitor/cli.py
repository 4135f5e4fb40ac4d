"""The command line: thin verbs that parse, call the stages and show progress."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from akassemonitor import privacy, runlog
from akassemonitor.config import Config, ConfigError, load_config
from akassemonitor.months import Month, MonthError
from akassemonitor.paths import (
    check_db_file,
    check_existing_db,
    check_input_file,
    check_output_dir,
)
from akassemonitor.quality import DataQuality

app = typer.Typer(
    help="Monthly monitoring of the trial 'Mere ansvar til a-kasser': "
    "registers in, checked measures, disclosure control and Danish reports out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)
AFTER_DATA_MONTHS = 12  # how far after its data a release may be computed (measures)
out = Console()

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="akassemonitor.toml overriding the defaults (SPEC §1)."),
]
DataOption = Annotated[
    Path,
    typer.Option("--data", help="Folder with forloeb, samtaler and tilbud (.csv or .parquet)."),
]
MonthOption = Annotated[str, typer.Option("--month", help="Report month M, e.g. 2022M04.")]
MethodOption = Annotated[
    str,
    typer.Option(
        "--method",
        help="Secondary suppression's method: 'auto' (the default: exact for small "
        "releases, by their number of free cells), 'exact' (the cheapest safe pattern, "
        "within a work budget; else the heuristic) or 'heuristic'.",
    ),
]
EngineOption = Annotated[
    str | None,
    typer.Option(
        "--engine",
        help="Where to compute: duckdb (in memory, the default), duckdb:///file.duckdb, "
        "postgresql://user@host:port/db (password from PGPASSWORD or ~/.pgpass), spark "
        "(local) or spark://host:7077. See docs/engines.md.",
    ),
]
OptionalDataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Folder with forloeb, samtaler and tilbud (.csv or .parquet); without it, "
        "the tables the --engine already holds (see docs/engines.md).",
    ),
]


class UserError(Exception):
    """An error the user can fix; printed without a traceback, exit code 2."""


# Exit codes (docs/errors.md): every verb ends with one of these.
EXIT_OK = 0  # success
EXIT_CHECK_FAILED = 1  # a check found a problem: a leak (audit), a damaged release (verify)
EXIT_USAGE = 2  # bad input or usage: one message naming the file, row or option, and the fix
EXIT_REPORTS_FAILED = 3  # some reports failed: the others are written, the failures listed


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn every known input problem into one clear message and exit code 2.

    The message is masked (no CPR number is ever echoed) and goes to the run log too.
    """
    from akassemonitor.registers import InputError

    try:
        yield
    except (UserError, ConfigError, MonthError, InputError, ValueError, OSError) as exc:
        message = privacy.mask(_one_line(exc))
        runlog.error(message)
        console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None


def _one_line(exc: BaseException) -> str:
    """The message of ``exc`` on one line; an OS error names its file and the fix."""
    if isinstance(exc, OSError) and exc.filename is not None:
        name = exc.filename
        if isinstance(exc, PermissionError):
            return (
                f"{name}: permission denied for the user running akassemonitor; choose a "
                "path you can read or write, or ask for access"
            )
        if isinstance(exc, FileNotFoundError):
            return f"{name}: no such file or folder; check the path"
        if isinstance(exc, IsADirectoryError):
            return f"{name} is a folder where a file is needed; give the file's path"
        if isinstance(exc, NotADirectoryError):
            return f"{name}: part of this path is a file, not a folder; give another path"
        return f"{name}: {exc.strerror or exc}; check the path and the free disk space"
    return " ".join(str(exc).split())


def _month(text: str, option: str = "--month") -> Month:
    """``text`` as a month, or a UserError naming the option and the form."""
    try:
        return Month.parse(text)
    except MonthError:
        raise UserError(
            f"{option} {text!r} is not a month: write YYYYMmm with a month 01 to 12, "
            "e.g. 2022M04"
        ) from None


@app.callback()
def main(
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only warnings and errors; no progress.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also every step (files, dialects, counts).")
    ] = False,
    log: Annotated[
        Path | None,
        typer.Option("--log", help="Append a plain-text run log to this file (no person data)."),
    ] = None,
) -> None:
    """Monthly monitoring of the trial 'Mere ansvar til a-kasser'."""
    with user_errors():
        if quiet and verbose:
            raise UserError("--quiet and --verbose contradict each other; give one of them")
        runlog.configure(log=log, verbose=verbose, console=console)
    out.quiet = quiet
    OPTIONS["quiet"] = quiet


OPTIONS: dict[str, bool] = {"quiet": False}


def _progress(*, auto_refresh: bool = True) -> Progress:
    """``auto_refresh=False``: no refresh thread (the report workers can then be forked,
    which starts them at once); the caller refreshes on each update."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[item]}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
        auto_refresh=auto_refresh,
        disable=OPTIONS["quiet"],
    )


def _config(path: Path | None, suppression: str | None = None) -> Config:
    if path is not None:
        check_input_file(path, "--config")
    return load_config(path).with_mode(suppression)


@app.command()
def synth(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the registers to.")],
    seed: Annotated[int, typer.Option(help="Random seed: same seed, same files.")] = 7,
    spells: Annotated[
        int | None, typer.Option(help="Scale to about this many spells (default: trial size).")
    ] = None,
    errors: Annotated[
        bool, typer.Option("--errors", help="Sprinkle realistic data errors for the quarantine.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="csv or parquet.")] = "csv",
    until: Annotated[str, typer.Option(help="Last month with data.")] = "2022M04",
    config_path: ConfigOption = None,
) -> None:
    """Write synthetic registers (entirely made up, deterministic by --seed)."""
    from akassemonitor.synth import generate

    with user_errors():
        if fmt not in ("csv", "parquet"):
            raise UserError(f"--format must be csv or parquet, got {fmt!r}")
        check_output_dir(out_dir)
        config = _config(config_path)
        with _progress() as progress:
            task = progress.add_task("synth", total=100, item="")

            def step(stage: str, fraction: float) -> None:
                progress.update(task, completed=round(fraction * 100), item=stage)

            summary = generate(
                out_dir,
                seed=seed,
                spells=spells,
                errors=errors,
                fmt=fmt,
                until=_month(until, "--until"),
                config=config,
                progress=step,
            )
            progress.update(task, completed=100, item="done")
    table = Table("register", "file", "rows", title=f"Synthetic registers (seed {seed})")
    for name, path in summary.paths.items():
        table.add_row(name, str(path), f"{summary.rows[name]:,}")
    out.print(table)
    if summary.injected:
        injected = Table("error kind", "rows", title="Injected data errors")
        for kind, count in sorted(summary.injected.items()):
            injected.add_row(kind, f"{count:,}")
        out.print(injected)


@app.command()
def measures(
    month: MonthOption,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the cell files.")],
    config_path: ConfigOption = None,
    suppression: Annotated[
        str | None,
        typer.Option(
            help="Disclosure control: 'secondary' (the default: also hides cells that "
            "would give a hidden one away, and audits the result) or 'primary' (STAR's "
            "rule only: small counts hidden, totals may give them back)."
        ),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(help="Last month's output folder: keep its suppression pattern."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on any quarantined row.")
    ] = False,
    db: Annotated[
        Path | None, typer.Option("--db", help="Keep the store in this DuckDB file.")
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace the store an existing --db file holds.")
    ] = False,
    method: MethodOption = "auto",
    data: OptionalDataOption = None,
    engine: EngineOption = None,
) -> None:
    """Compute every measure of month M: measures.csv (exact, internal) and published.csv."""
    with user_errors():
        config = _config(config_path, suppression)
        _check_method(method)
        report_month = _month(month)
        check_output_dir(out_dir)
        engine_url = parse_engine_option(engine if db is None else f"duckdb://{db}")
        _check_engine_file(
            engine_url, writing=data is not None, overwrite=overwrite or db is None,
            option="--db" if db is not None else "--engine",
        )
        previous_cells = _read_previous(previous) if previous else None
        run = _run_pipeline(
            data, report_month, config, out_dir, strict=strict, engine=engine_url,
            after_data_ok=True,
        )
        disclosure = _disclose(run.exact, config, previous_cells, method)
        _write_release(out_dir, run.exact, disclosure, run.quality)
    _show_quality(run.quality)
    out.print(
        f"{config.disclosure.mode} disclosure control ({disclosure.method} method): "
        f"{disclosure.primary} primary and "
        f"{disclosure.secondary} secondary cells suppressed"
        + (", audit: no leaks" if config.disclosure.mode == "secondary" else "")
    )
    if disclosure.unlocked:
        _warn(
            f"{disclosure.unlocked} cell(s) published last month are "
            "hidden now: nothing else could protect a small count (see docs/discretion.md)"
        )
    _wrote(
        [out_dir / name for name in ("measures.csv", "published.csv", "published_bilag.csv")]
        + [out_dir / "quality.json", *_rejects_written(out_dir / "rejects")]
    )


@app.command()
def audit(
    release: Annotated[Path, typer.Argument(help="Folder holding published.csv.")],
    config_path: ConfigOption = None,
    previous: Annotated[
        Path | None,
        typer.Option(help="Last month's release folder: also attack by differencing the two."),
    ] = None,
) -> None:
    """Attack a release: the interval each suppressed cell can be narrowed to; exit 1 on leaks."""
    from akassemonitor.discretion import audit as run_audit
    from akassemonitor.discretion import read_release

    with user_errors():
        config = _config(config_path)
        if not release.is_dir():
            raise UserError(
                f"{release} is not a folder; give the release folder (the --out folder of "
                "'akassemonitor measures') that holds published.csv"
            )
        published = read_release(release)
        before = read_release(previous) if previous else None
        report = run_audit(published, config, previous=before)
    table = Table("measure", "month", "akasse", "category", "interval", "leak")
    for row in report.rows():
        table.add_row(*[str(v) for v in row])
    if report.rows():
        out.print(table)
    out.print(report.summary())
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def report(
    data: DataOption,
    month: MonthOption,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the reports.")],
    akasse: Annotated[
        list[str] | None, typer.Option(help="One a-kasse (repeatable); ALLE = the whole trial.")
    ] = None,
    all_akasser: Annotated[
        bool, typer.Option("--all", help="Every a-kasse and ALLE.")
    ] = False,
    config_path: ConfigOption = None,
    suppression: Annotated[str | None, typer.Option(help="As for 'measures'.")] = None,
    previous: Annotated[Path | None, typer.Option(help="As for 'measures'.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on any quarantined row.")] = False,
    method: MethodOption = "auto",
) -> None:
    """Write the Danish PDF, HTML and Excel report of month M per a-kasse."""
    from akassemonitor.publish import render_reports

    with user_errors():
        config = _config(config_path, suppression)
        _check_method(method)
        report_month = _month(month)
        chosen = _chosen_akasser(config, akasse, all_akasser)
        check_output_dir(out_dir)
        previous_cells = _read_previous(previous) if previous else None
        run = _run_pipeline(
            data, report_month, config, out_dir / "cells", strict=strict,
            engine=parse_engine_option(None),
        )
        disclosure = _disclose(run.exact, config, previous_cells, method)
        _write_release(out_dir / "cells", run.exact, disclosure, run.quality)
        with _progress(auto_refresh=False) as progress:
            task = progress.add_task("reports", total=len(chosen), item="")
            progress.refresh()

            def done(name: str) -> None:
                progress.update(task, advance=1, item=name, refresh=True)

            paths = render_reports(
                disclosure.published,
                run.quality,
                config,
                report_month,
                chosen,
                out_dir,
                progress=done,
            )
    cells = out_dir / "cells"
    cell_files = [cells / name for name in _CELL_FILES if (cells / name).exists()]
    cell_files += _rejects_written(cells / "rejects")
    summary = Table("file", "size")
    for path in [*cell_files, *paths]:
        summary.add_row(str(path), f"{path.stat().st_size / 1024:.0f} kB")
    out.print(summary)
    out.print(f"Wrote {len(paths)} files for {len(chosen)} report(s) of {report_month}.")
    out.print(f"Wrote {len(cell_files)} cell and data-quality file(s) in {cells}.")
    _wrote([*cell_files, *paths], show=False)


_CELL_FILES = ("measures.csv", "published.csv", "published_bilag.csv", "quality.json")


@app.command()
def load(
    data: DataOption,
    engine: EngineOption = None,
    rejects: Annotated[
        Path | None, typer.Option(help="Folder for the rejects files (quarantined rows).")
    ] = None,
    config_path: ConfigOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on any quarantined row.")] = False,
) -> None:
    """Check the registers in --data and write the used rows into the --engine's tables."""
    from akassemonitor.registers import load_registers
    from akassemonitor.store import connect

    with user_errors():
        config = _config(config_path)
        engine_url = parse_engine_option(engine)
        _check_engine_file(engine_url, writing=True, overwrite=True, option="--engine")
        with _progress() as progress:
            task = progress.add_task("registers", total=None, item="")
            loaded = load_registers(
                data,
                config,
                rejects_dir=rejects,
                strict=strict,
                progress=lambda name: progress.update(task, item=name),
                con=connect(engine_url),
            )
            progress.update(task, total=1, completed=1, item="checked")
    _show_quality(loaded.quality)
    out.print(f"Loaded forloeb, samtaler and tilbud into {engine_url.display}")


def parse_engine_option(value: str | None):  # type: ignore[no-untyped-def]
    """The ``--engine`` value as an EngineURL (default DuckDB in memory); UserError if bad.

    One function for every verb that computes (``measures``, ``load``, ``release``).
    """
    from akassemonitor.store import EngineError, parse_engine

    try:
        return parse_engine(value)
    except EngineError as exc:
        raise UserError(str(exc)) from None


def _check_engine_file(engine_url, *, writing: bool, overwrite: bool, option: str) -> None:  # type: ignore[no-untyped-def]
    """A DuckDB file engine: a store to write (not a folder, nor another kind of file;
    an existing store only with ``overwrite``) or, to read, an existing DuckDB file."""
    if engine_url.kind != "duckdb" or engine_url.target == ":memory:":
        return
    path = Path(engine_url.target)
    if writing:
        check_db_file(path, overwrite=overwrite, option=option)
    else:
        check_existing_db(path, option=option)


def _chosen_akasser(config: Config, akasse: list[str] | None, all_akasser: bool) -> list[str]:
    if all_akasser and akasse:
        raise UserError(
            f"--all and --akasse {' '.join(akasse)} contradict each other: --all already "
            "means every a-kasse and ALLE; give one of them"
        )
    if all_akasser:
        return list(config.akasser_and_alle)
    if not akasse:
        raise UserError("name an a-kasse with --akasse CODE, or use --all")
    unknown = [a for a in akasse if a not in config.akasser_and_alle]
    if unknown:
        raise UserError(
            f"unknown a-kasse {', '.join(map(repr, unknown))}; "
            f"known: {', '.join(config.akasser_and_alle)}"
        )
    return akasse


class _Run:
    def __init__(self, exact, quality: DataQuality) -> None:  # type: ignore[no-untyped-def]
        self.exact = exact
        self.quality = quality


def _run_pipeline(
    data: Path | None,
    month: Month,
    config: Config,
    out_dir: Path,
    *,
    strict: bool,
    engine,  # type: ignore[no-untyped-def]
    after_data_ok: bool = False,
) -> _Run:
    """Registers → store → exact cells, with progress; returns cells and data quality.

    A month after the last spell date is an error, unless ``after_data_ok`` (the
    ``measures`` verb) and it lies at most ``AFTER_DATA_MONTHS`` after it: then a
    warning, and those months count 0 (SPEC §3 defines them; a report of a month with
    no data, or a typo's far future month, is refused).
    """
    from akassemonitor.catalogue import MEASURES
    from akassemonitor.measures import attribution_warnings, compute_cells
    from akassemonitor.registers import load_registers
    from akassemonitor.registers.plausibility import last_plausible_month
    from akassemonitor.store import connect, connect_existing, data_span

    out_dir.mkdir(parents=True, exist_ok=True)
    with _progress() as progress:
        task = progress.add_task("registers", total=None, item="")
        con = connect(engine)
        if data is None:  # the registers the engine holds, checked when they were loaded
            store = connect_existing(con, engine.display)
            quality = DataQuality((), (), ())
        else:
            loaded = load_registers(
                data,
                config,
                rejects_dir=out_dir / "rejects",
                strict=strict,
                progress=lambda name: progress.update(task, item=name),
                con=con,
            )
            store, quality = loaded.store, loaded.quality
        progress.update(task, total=1, completed=1, item="checked")
        first, last = data_span(store)
        if last is None:
            raise UserError(f"{data or engine.display}: the spells register holds no usable rows")
        # A date after the day of the run (9999-12-31, 2099-...) never makes a month valid.
        plausible = last_plausible_month(store)
        implausible = ""
        if plausible is None or plausible < last:
            implausible = (
                " (later spell dates lie after the day of the run or before 2000: "
                "implausible, see the data-quality warnings)"
            )
            last = plausible or config.trial_start
        if last < month <= last + AFTER_DATA_MONTHS and after_data_ok:
            _warn(
                f"no spell date falls in {month} or later (the data "
                f"end in {last}); the months after {last} count 0"
            )
        elif month > last or month < config.trial_start:
            raise UserError(
                f"--month {month} lies outside the data ({config.trial_start} to {last})"
                f"{implausible}; choose a --month in that span"
            )
        quality = quality.with_warnings(attribution_warnings(store, config, month))
        measure_task = progress.add_task("measures", total=len(MEASURES), item="")
        exact = compute_cells(
            store,
            config,
            month,
            progress=lambda name: progress.update(measure_task, advance=1, item=name),
        )
    return _Run(exact, quality)


def _read_previous(folder: Path):  # type: ignore[no-untyped-def]
    from akassemonitor.discretion import read_release

    return read_release(folder)


def _check_method(method: str) -> None:
    from akassemonitor.discretion import METHODS

    if method not in METHODS:
        raise UserError(f"--method must be one of {', '.join(METHODS)}, got {method!r}")


def _disclose(exact, config: Config, previous, method: str = "auto"):  # type: ignore[no-untyped-def]
    from akassemonitor.discretion import LeakError, disclose

    with console.status(f"{config.disclosure.mode} disclosure control"):
        try:
            return disclose(exact, config, previous=previous, method=method)
        except LeakError as exc:
            raise UserError(
                f"no release written: {exc}. Lower the protection (a smaller "
                "protection_width or threshold in --config), drop --previous if last "
                "month's pattern ties the cell, or publish with --suppression primary "
                "(STAR's rule only; 'akassemonitor audit' then lists what it gives away)"
            ) from None


def _write_release(out_dir: Path, exact, disclosure, quality: DataQuality) -> None:  # type: ignore[no-untyped-def]
    """measures.csv / published.csv hold SPEC §4's cells; the bilag totals go beside them."""
    from akassemonitor.catalogue import SPEC_MEASURE_IDS
    from akassemonitor.cells import ExactCells, PublishedCells

    out_dir.mkdir(parents=True, exist_ok=True)
    exact_frame = exact.frame
    published_frame = disclosure.published.frame
    in_spec = exact_frame.measure.isin(SPEC_MEASURE_IDS)
    # Only measures.csv may hold exact figures (SPEC §6); the bilag's exact totals are
    # sums of its fokus_ja/fokus_nej cells, so nothing is lost.
    ExactCells(exact_frame[in_spec]).to_csv(out_dir / "measures.csv")
    published_in_spec = published_frame.measure.isin(SPEC_MEASURE_IDS)
    PublishedCells(published_frame[published_in_spec]).to_csv(out_dir / "published.csv")
    PublishedCells(published_frame[~published_in_spec]).to_csv(out_dir / "published_bilag.csv")
    # No suppression.csv: SPEC §6 allows exact figures in measures.csv only, and the
    # primary/secondary split would say which hidden cells are small.
    quality.to_json(out_dir / "quality.json")


def _warn(message: str) -> None:
    """A warning: on the error console even with --quiet, and in the run log."""
    message = privacy.mask(message)
    runlog.warning(message)
    console.print(f"[bold yellow]warning:[/] {escape(message)}", highlight=False, soft_wrap=True)


def _wrote(files: list[Path], *, show: bool = True) -> None:
    """The success line: every file written, in the order written."""
    written = [path for path in files if path.exists()]
    for path in written:
        runlog.info(f"wrote {path}")
    if show:
        out.print(
            "Wrote " + ", ".join(str(path) for path in written), highlight=False, soft_wrap=True
        )


def _rejects_written(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def _show_quality(quality: DataQuality) -> None:
    table = Table(
        "register", "file", "read", "used", "quarantined", "balanced", title="Reconciliation"
    )
    for r in quality.reconciliation:
        table.add_row(
            r.register, r.source, f"{r.read:,}", f"{r.used:,}", f"{r.quarantined:,}",
            "yes" if r.balanced else "[red]NO[/]",
        )
    out.print(table)
    if quality.quarantined:
        rejects = Table("register", "reason", "rows", title="Quarantined rows")
        for q in quality.quarantined:
            rejects.add_row(q.register, q.text, f"{q.rows:,}")
        out.print(rejects)
    for w in quality.warnings:
        if w.code in ("empty_register", "implausible_date"):
            _warn(f"{w.register}: {w.text}")
    if quality.warnings:
        warnings = Table("register", "warning", "rows", title="Data-quality warnings")
        for w in quality.warnings:
            warnings.add_row(w.register, w.text, f"{w.rows:,}")
        out.print(warnings)



@app.command()
def serve(
    releases: Annotated[
        Path, typer.Argument(help="A release folder, or the folder holding them (releases/).")
    ],
    host: Annotated[
        str, typer.Option(help="Address to listen on; anything but 127.0.0.1 prints a warning.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="AKASSEMONITOR_TOKEN",
            show_envvar=True,
            help="Require this bearer token on every request (or set AKASSEMONITOR_TOKEN).",
        ),
    ] = None,
) -> None:
    """Serve the dashboard and JSON API over release folders (published cells only)."""
    from akassemonitor.dashboard import LibraryError
    from akassemonitor.dashboard import serve as run_server
    from akassemonitor.dashboard.server import host_warning

    with user_errors():
        if not 0 < port < 65536:
            raise UserError(f"--port must be 1-65535, got {port}")
        warning = host_warning(host)
        if warning:
            console.print(f"[bold yellow]warning:[/] {warning}", highlight=False)
        try:
            run_server(releases, host=host, port=port, token=token or None,
                       echo=lambda line: console.print(line, highlight=False))
        except LibraryError as exc:
            raise UserError(str(exc)) from None
