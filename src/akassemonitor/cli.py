"""The command line: thin verbs that parse, call the stages and show progress."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from akassemonitor import privacy, runlog
from akassemonitor.config import Config, ConfigError, load_config
from akassemonitor.months import Month, MonthError
from akassemonitor.paths import (
    check_db_file,
    check_existing_db,
    check_input_dir,
    check_input_file,
    check_output_dir,
    check_output_file,
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
SuppressionOption = Annotated[
    str | None,
    typer.Option(
        help="Disclosure control: 'secondary' (the default: also hides cells that "
        "would give a hidden one away, and audits the result) or 'primary' (STAR's "
        "rule only: small counts hidden, totals may give them back)."
    ),
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Fail on any quarantined row.")]
WorkersOption = Annotated[
    int | None,
    typer.Option(help="Processes rendering reports in parallel (default: one per CPU)."),
]
MethodOption = Annotated[
    str,
    typer.Option(
        "--method",
        help="Secondary suppression's method. 'auto' (the default): the exact method "
        "(the cheapest safe pattern) on each independent group of the release small "
        "enough for it (at most 120 free cells, solved within a work budget), the "
        "heuristic on the rest; 'exact': the exact method on every group, whatever its "
        "size (a group whose work budget runs out goes to the heuristic); 'heuristic': "
        "greedy attack-and-repair rounds on the whole release, any size. The manifest "
        "names the method that ran: exact, heuristic or exact+heuristic.",
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
        message = privacy.mask(privacy.redact_credentials(_one_line(exc)))
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
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace registers already in --out.")
    ] = False,
) -> None:
    """Write synthetic registers (entirely made up, deterministic by --seed)."""
    from akassemonitor.synth import generate

    with user_errors():
        if fmt not in ("csv", "parquet"):
            raise UserError(f"--format must be csv or parquet, got {fmt!r}")
        check_output_dir(out_dir)
        _refuse_to_replace_registers(out_dir, overwrite)
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
    suppression: SuppressionOption = None,
    previous: Annotated[
        Path | None,
        typer.Option(help="Last month's output folder: keep its suppression pattern."),
    ] = None,
    strict: StrictOption = False,
    db: Annotated[
        Path | None, typer.Option("--db", help="Keep the store in this DuckDB file.")
    ] = None,
    overwrite: Annotated[
        bool,
        typer.Option("--overwrite", help="With --data: replace the store an existing --db "
                     "(or DuckDB --engine) file holds."),
    ] = False,
    method: MethodOption = "auto",
    data: OptionalDataOption = None,
    engine: EngineOption = None,
) -> None:
    """Compute every measure of month M: measures.csv (exact, internal) and published.csv.

    The cells only, no reports and no manifest (for analysts and benchmarks); a
    release to hand out is made by 'akassemonitor release'.
    """
    from akassemonitor.discretion import read_release as read_cells_folder
    from akassemonitor.release import disclosure_of, month_cells, write_cells

    with user_errors():
        config = _config(config_path, suppression)
        _check_method(method)
        report_month = _month(month)
        check_output_dir(out_dir)
        _refuse_inside_release(out_dir, "--out")
        engine_url = parse_engine_option(engine if db is None else f"duckdb://{db}")
        _check_engine_file(
            engine_url, writing=data is not None, overwrite=overwrite,
            option="--db" if db is not None else "--engine",
        )
        if previous is not None:
            check_input_dir(previous, "--previous", "last month's folder (it holds published.csv)")
        previous_cells = read_cells_folder(previous) if previous else None
        with _stage_progress(config, []) as step:
            cells = month_cells(
                data, report_month, config, rejects_dir=out_dir / "rejects", strict=strict,
                engine=engine_url, after_data_ok=True, progress=step,
            )
            step("disclosure", config.disclosure.mode)
            disclosure = disclosure_of(cells.exact, config, previous_cells, method)
        write_cells(out_dir, out_dir, cells.exact, disclosure.published, cells.quality)
    for note in cells.notes:
        _warn(note)
    _show_quality(cells.quality)
    _show_disclosure(config, disclosure)
    _wrote(
        [out_dir / name for name in ("measures.csv", "published.csv", "published_bilag.csv")]
        + [out_dir / "quality.json", *_rejects_written(out_dir / "rejects")]
    )


@app.command()
def release(
    month: MonthOption,
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder of the releases; the release goes to OUT/M.")
    ],
    previous: Annotated[
        Path | None,
        typer.Option(help="Last month's release folder: keep its suppression pattern."),
    ] = None,
    internal: Annotated[
        Path | None,
        typer.Option(
            help="Folder for the internal files (measures.csv, rejects/, run.log); "
            "default OUT/M.internal, never inside the release."
        ),
    ] = None,
    config_path: ConfigOption = None,
    suppression: SuppressionOption = None,
    strict: StrictOption = False,
    workers: WorkersOption = None,
    method: MethodOption = "auto",
    data: OptionalDataOption = None,
    engine: EngineOption = None,
    overwrite: Annotated[
        bool,
        typer.Option("--overwrite", help="With --data: replace the register tables of an "
                     "existing DuckDB --engine file."),
    ] = False,
) -> None:
    """Build the release of month M: cells, quality, reports and manifest in OUT/M."""
    from akassemonitor.release import build_release

    with user_errors():
        config = _config(config_path, suppression)
        _check_method(method)
        _check_workers(workers)
        report_month = _month(month)
        check_output_dir(out_dir)
        _refuse_inside_release(out_dir, "--out")
        if internal is not None:
            check_output_dir(internal, "--internal")
            _refuse_inside_release(internal, "--internal")
        if previous is not None:
            check_input_dir(previous, "--previous", "last month's release folder")
        engine_url = parse_engine_option(engine)
        _check_engine_file(
            engine_url, writing=data is not None, overwrite=overwrite, option="--engine"
        )
        chosen = list(config.akasser_and_alle)
        with _stage_progress(config, chosen) as step, _reports_failed(
            f"no release of {report_month} written: {{count}} report file(s) failed "
            "(below), and a release is published whole or not at all; an earlier "
            f"release of {report_month}, if any, is as it was. Fix the cause and run "
            "again ('akassemonitor measures' gives the cells alone)"
        ):
            folder = build_release(
                data, report_month, out_dir, config=config, previous=previous,
                engine=engine_url, internal=internal, strict=strict, workers=workers,
                method=method, progress=step,
            )
        made = read_release_folder(folder)
    _show_quality(made.quality)
    manifest = made.manifest
    disclosure = manifest["disclosure"]
    out.print(
        f"{disclosure['mode']} disclosure control ({disclosure['method']} method): "
        f"{disclosure['primary_cells']} primary and {disclosure['secondary_cells']} "
        "secondary cells suppressed"
        + (", audit: no leaks" if disclosure["audit"].get("ok") else "")
    )
    if disclosure["unlocked_cells"]:
        console.print(
            f"[bold yellow]warning:[/] {disclosure['unlocked_cells']} cell(s) published last "
            "month are hidden now: nothing else could protect a small count "
            "(see docs/discretion.md)",
            highlight=False,
        )
    reports = sum(1 for name in manifest["files"] if name.startswith("reports/"))
    out.print(f"Release {report_month}: {folder} ({len(manifest['files'])} files, "
              f"{reports} reports); internal files: "
              f"{internal or folder.with_name(folder.name + '.internal')}")


@app.command()
def verify(
    release_dir: Annotated[Path, typer.Argument(help="A release folder, e.g. releases/2022M04.")],
) -> None:
    """Check a release: every file against the manifest, complete cells, no small count
    shown, and the audit; exit 0 if intact and leak-free, else 1 with what is wrong."""
    from akassemonitor.release import MANIFEST, PUBLISHED, verify_release

    with user_errors(), console.status("verifying"):
        if not (release_dir / MANIFEST).is_file() and not (release_dir / PUBLISHED).is_file():
            read_release_folder(release_dir)  # nothing of a release there: exit 2, saying so
        problems = verify_release(release_dir)
    for problem in problems:
        out.print(f"[red]✗[/] {problem}", highlight=False)
    if problems:
        out.print(f"{release_dir}: NOT a valid release ({len(problems)} problem(s))")
        raise typer.Exit(1)
    out.print(f"{release_dir}: intact and leak-free")


@app.command()
def audit(
    release_dir: Annotated[
        Path, typer.Argument(help="A release folder (or a folder holding published.csv).")
    ],
    config_path: ConfigOption = None,
    previous: Annotated[
        Path | None,
        typer.Option(help="Last month's release folder: also attack by differencing the two."),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="List every hidden count (default: the ten narrowest).")
    ] = False,
    csv_file: Annotated[
        Path | None, typer.Option("--csv", help="Write every interval to this CSV file.")
    ] = None,
) -> None:
    """Attack a release: the interval each suppressed cell can be narrowed to.

    Exit 1 on leaks, a shown count at or below the threshold included; exit 2 on a
    folder that is not a whole release (cells missing, extra or duplicated, values
    not as published).
    """
    from akassemonitor.discretion import audit as run_audit

    with user_errors():
        if not release_dir.is_dir():
            raise UserError(
                f"{release_dir} is not a folder; give the release folder (e.g. "
                "releases/2022M04, or the --out folder of 'akassemonitor measures') that "
                "holds published.csv"
            )
        if previous is not None:
            check_input_dir(previous, "--previous", "last month's release folder")
        if csv_file is not None:
            check_output_file(csv_file, "--csv")
        published, config = _audited_cells(release_dir, config_path)
        before = _audited_cells(previous, config_path)[0] if previous else None
        report = run_audit(published, config, previous=before)
        if csv_file is not None:
            report.write_csv(csv_file)
    out.print(report.summary())
    out.print(report.counts())
    rows = report.rows(None if every else 10)
    title = "Every hidden count" if every else "The ten narrowest intervals"
    # Light borders, and no key cut to "…": only the category wraps where 80 columns
    # are too few.
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for name in ("measure", "month", "akasse", "category", "interval", "leak"):
        table.add_column(name, no_wrap=name != "category", overflow="fold")
    for row in rows:
        table.add_row(*[str(v) for v in row])
    if rows:
        out.print(table)
    if csv_file is not None:
        out.print(f"Wrote {len(report.intervals)} intervals to {csv_file}")
    if not report.ok:
        raise typer.Exit(1)


def _audited_cells(folder: Path, config_path: Path | None):  # type: ignore[no-untyped-def]
    """The cells of a folder to audit and the configuration to audit them with.

    A release brings its own configuration (its manifest); a bare folder of cells is
    read with ``--config`` and its month taken from the cells. Either way the cell
    files must be whole (UserError, exit 2), show no small count (exit 1) and hold
    values as published (exit 2).
    """
    from akassemonitor.discretion import read_release as read_cells_folder
    from akassemonitor.release import MANIFEST, cell_file_problems, infer_month

    if (Path(folder) / MANIFEST).is_file():
        made = read_release_folder(folder, check=False)
        config, month = made.config, made.month
        if config_path is not None:
            _warn(f"--config {config_path} is not used for {folder}: a release is audited "
                  f"with the configuration it was built with ({MANIFEST}); leave --config "
                  "out, or build the release again with it")
    else:
        config = _config(config_path)
        month = infer_month(read_cells_folder(folder))
        if month is None:
            raise UserError(f"{folder}: published.csv holds no cells; not a release")
    found = cell_file_problems(Path(folder), config, month)
    if found.keys:
        raise UserError(
            f"{folder} is not a whole release of {month}, so it cannot be audited: "
            f"{'; '.join(found.keys[:3])}. Build it with 'akassemonitor release' and "
            "audit that folder"
        )
    if found.small:
        for line in found.small[:10]:
            out.print(f"[red]LEAK[/] {line}", highlight=False)
        out.print(
            f"{len(found.small)} count(s) at or below the threshold "
            f"{config.disclosure.threshold} are shown: exact figures, not a "
            "disclosure-controlled release (never hand this out)"
        )
        raise typer.Exit(1)
    if found.values:
        raise UserError(
            f"{folder}: values not written as a release writes them: "
            f"{'; '.join(found.values[:3])}. Audit the published.csv of a release"
        )
    return read_cells_folder(folder), config


def _refuse_inside_release(path: Path, option: str) -> None:
    from akassemonitor.release import ReleaseError, refuse_inside_release

    try:
        refuse_inside_release(path, option)
    except ReleaseError as exc:
        raise UserError(str(exc)) from None


def read_release_folder(folder: Path, *, check: bool = True):  # type: ignore[no-untyped-def]
    """A release folder as a Release; UserError (exit 2) if it is not one."""
    from akassemonitor.release import ReleaseError, read_manifest, read_release

    try:
        if not check:
            read_manifest(folder)
        return read_release(folder)
    except ReleaseError as exc:
        raise UserError(str(exc)) from None


@app.command()
def report(
    release_dir: Annotated[
        Path, typer.Option("--release", help="A release folder, e.g. releases/2022M04.")
    ],
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder for the reports (written to OUT/M/).")
    ],
    akasse: Annotated[
        list[str] | None, typer.Option(help="One a-kasse (repeatable); ALLE = the whole trial.")
    ] = None,
    all_akasser: Annotated[
        bool, typer.Option("--all", help="Every a-kasse and ALLE.")
    ] = False,
    workers: WorkersOption = None,
) -> None:
    """Write the Danish PDF, HTML and Excel reports of a release, per a-kasse.

    Reads the release folder only (no registers, no recomputing); the release itself
    already holds every report in its reports/ folder.
    """
    from akassemonitor.publish import ReportsFailed, render_reports

    failed: ReportsFailed | None = None
    with user_errors():
        _refuse_all_with_akasse(akasse, all_akasser)
        _check_workers(workers)
        check_output_dir(out_dir)
        _refuse_inside_release(out_dir, "--out")
        made = read_release_folder(release_dir)
        chosen = _chosen_akasser(made.config, akasse, all_akasser)
        with _stage_progress(made.config, chosen) as step:
            try:
                paths = render_reports(
                    made, chosen, out_dir / str(made.month), workers=workers,
                    progress=lambda name: step("reports", name),
                )
            except ReportsFailed as exc:
                failed, paths = exc, exc.written
    summary = Table("file", "size")
    for path in paths:
        summary.add_row(str(path), f"{path.stat().st_size / 1024:.0f} kB")
    out.print(summary)
    out.print(f"Wrote {len(paths)} files for {len(chosen)} report(s) of {made.month}.")
    _wrote(paths, show=False)
    if failed is not None:
        with _reports_failed(
            "{count} report file(s) failed (below); the other files are written (above)"
        ):
            raise failed


@app.command()
def load(
    data: DataOption,
    engine: EngineOption = None,
    rejects: Annotated[
        Path | None, typer.Option(help="Folder for the rejects files (quarantined rows).")
    ] = None,
    config_path: ConfigOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on any quarantined row.")] = False,
    overwrite: Annotated[
        bool,
        typer.Option("--overwrite", help="Replace the tables of an existing DuckDB --engine file."),
    ] = False,
) -> None:
    """Check the registers in --data and write the used rows into the --engine's tables."""
    from akassemonitor.registers import load_registers
    from akassemonitor.store import connect, forgotten_at_exit

    with user_errors():
        config = _config(config_path)
        if rejects is not None:
            check_output_dir(rejects, "--rejects")
        engine_url = parse_engine_option(engine)
        _check_engine_file(engine_url, writing=True, overwrite=overwrite, option="--engine")
        con = connect(engine_url)
        with _progress() as progress:
            task = progress.add_task("registers", total=None, item="")
            loaded = load_registers(
                data,
                config,
                rejects_dir=rejects,
                strict=strict,
                progress=lambda name: progress.update(task, item=name),
                con=con,
            )
            progress.update(task, total=1, completed=1, item="checked")
    _show_quality(loaded.quality)
    out.print(f"Loaded forloeb, samtaler and tilbud into {engine_url.display}")
    forgotten = forgotten_at_exit(con, engine_url)
    if forgotten is not None:
        _warn(f"load: {forgotten}")


def parse_engine_option(value: str | None):  # type: ignore[no-untyped-def]
    """The ``--engine`` value as an EngineURL (default DuckDB in memory); UserError if bad.

    One function for every verb that computes (``measures``, ``load``, ``release``).
    """
    from akassemonitor.store import EngineError, parse_engine

    try:
        return parse_engine(value)
    except EngineError as exc:
        raise UserError(str(exc)) from None


def _refuse_to_replace_registers(out_dir: Path, overwrite: bool) -> None:
    """synth never writes over registers (perhaps real ones) unless told to."""
    if overwrite or not out_dir.is_dir():
        return
    found = sorted(
        p.name for p in out_dir.iterdir()
        if p.name.split(".", 1)[0] in ("forloeb", "samtaler", "tilbud")
    )
    if found:
        raise UserError(
            f"--out {out_dir} already holds registers ({', '.join(found)}); synth would "
            "replace them with made-up data. Give an empty or new folder, or add "
            "--overwrite to replace them."
        )


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


def _refuse_all_with_akasse(akasse: list[str] | None, all_akasser: bool) -> None:
    if all_akasser and akasse:
        raise UserError(
            f"--all and --akasse {' '.join(akasse)} contradict each other: --all already "
            "means every a-kasse and ALLE; give one of them"
        )


def _chosen_akasser(config: Config, akasse: list[str] | None, all_akasser: bool) -> list[str]:
    _refuse_all_with_akasse(akasse, all_akasser)
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


@contextmanager
def _reports_failed(headline: str) -> Iterator[None]:
    """Some reports failed: the headline (``{count}``: how many) and one line per failed
    report, on the error stream and in the log; exit code 3."""
    from akassemonitor.publish import ReportsFailed

    try:
        yield
    except ReportsFailed as exc:
        lines = [headline.format(count=len(exc.failures))]
        lines += [f"  {failure}" for failure in exc.failures]
        for number, line in enumerate(lines):
            line = privacy.mask(line)
            runlog.error(line.strip())
            prefix = "[bold red]error:[/] " if number == 0 else ""
            console.print(prefix + escape(line), highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_REPORTS_FAILED) from None


def _check_workers(workers: int | None) -> None:
    if workers is not None and workers < 1:
        raise UserError(
            f"--workers must be 1 or more, got {workers}; leave it out for one per CPU"
        )


def _check_method(method: str) -> None:
    from akassemonitor.discretion import METHODS

    if method not in METHODS:
        raise UserError(f"--method must be one of {', '.join(METHODS)}, got {method!r}")



@contextmanager
def _stage_progress(config: Config, akasser: list[str]) -> Iterator[Callable[[str, str], None]]:
    """A progress bar per stage; yields ``step(stage, item)`` for the release code.

    No refresh thread (the report workers can then be forked, which starts them at
    once): the display is refreshed on each step.
    """
    from akassemonitor.catalogue import MEASURES

    totals = {"registers": None, "measures": len(MEASURES), "disclosure": None,
              "reports": len(akasser)}
    with _progress(auto_refresh=False) as progress:
        tasks: dict[str, TaskID] = {}
        previous: list[str] = []

        def step(stage: str, item: str) -> None:
            if stage not in tasks:
                if previous and totals.get(previous[-1]) is None:
                    progress.update(tasks[previous[-1]], total=1, completed=1)
                tasks[stage] = progress.add_task(stage, total=totals.get(stage), item="")
                previous.append(stage)
            advance = 1 if stage in ("measures", "reports") else 0
            progress.update(tasks[stage], advance=advance, item=item, refresh=True)

        yield step
        for stage in previous:
            if totals.get(stage) is None:
                progress.update(tasks[stage], total=1, completed=1, refresh=True)


def _show_disclosure(config: Config, disclosure) -> None:  # type: ignore[no-untyped-def]
    out.print(
        f"{config.disclosure.mode} disclosure control ({disclosure.method} method): "
        f"{disclosure.primary} primary and "
        f"{disclosure.secondary} secondary cells suppressed"
        + (", audit: no leaks" if config.disclosure.mode == "secondary" else "")
    )
    if disclosure.unlocked:
        console.print(
            f"[bold yellow]warning:[/] {disclosure.unlocked} cell(s) published last month are "
            "hidden now: nothing else could protect a small count (see docs/discretion.md)",
            highlight=False,
        )


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
    from akassemonitor.dashboard.server import check_address, host_warning

    with user_errors():
        check_address(host, port)
        warning = host_warning(host)
        if warning:
            console.print(f"[bold yellow]warning:[/] {warning}", highlight=False)
        try:
            run_server(releases, host=host, port=port, token=token or None,
                       echo=lambda line: console.print(line, highlight=False))
        except LibraryError as exc:
            raise UserError(str(exc)) from None

