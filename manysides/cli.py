"""The command line: a thin shell over the pipeline and the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from manysides.errors import ManysidesError
from manysides.models import RunReport, StoryAnalysis
from manysides.report.export import TABLES, CsvTable, export_csv, export_json, export_parquet
from manysides.store import Store, default_db_path
from manysides.store.summaries import story_rows

app = typer.Typer(help="Compare many outlets' coverage of a news story, checkably.", no_args_is_help=True)
console = Console(stderr=True)

DbOption = Annotated[Path | None, typer.Option("--db", help="SQLite store (default: in your user data folder)")]


def _open_store(db: Path | None) -> Store:
    try:
        return Store(db or default_db_path())
    except ManysidesError as exc:
        raise typer.BadParameter(str(exc), param_hint="--db") from exc


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(help="files and folders (HTML, text, JSONL, WARC, .rss/.atom feeds, .urls lists) or URLs"),
    ],
    manifest: Annotated[Path | None, typer.Option(help="CSV with file,url,outlet,date per input file")] = None,
    db: DbOption = None,
    out: Annotated[Path, typer.Option(help="folder for the per-story JSON and HTML")] = Path("manysides-report"),
) -> None:
    """Read pages, find the stories in them, and write a report per story."""
    # spaCy and the compare stages load here, so the other commands start quickly.
    from manysides.pipeline import analyze as run_analyze

    with _open_store(db) as store:
        try:
            with Progress(
                TextColumn("reading pages"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            ) as bar:
                task = bar.add_task("pages", total=None)
                report = run_analyze(
                    paths,
                    store,
                    out,
                    manifest=manifest,
                    progress=lambda d, t: bar.update(task, completed=d, total=t),
                )
        except ManysidesError as exc:
            console.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
        _print_run(report, store, out)


def _print_run(report: RunReport, store: Store, out: Path) -> None:
    from manysides.pipeline import skip_counts

    console.print(
        f"{report.pages} pages read, {report.new_pages} new, {report.articles} new articles; "
        f"{len(report.stories)} stories written; store: {store.path}"
    )
    for skipped in report.skipped:
        # File names and reasons are the user's data: "[/x]" in one must not read as markup.
        console.print(f"[yellow]skipped[/yellow] {escape(skipped.source)}: {escape(skipped.reason)}")
    if report.skipped:
        console.print(f"{len(report.skipped)} inputs skipped:")
        for reason, count in skip_counts(report.skipped):
            console.print(f"  {count:>5}  {reason}", markup=False)
    html = [p for p in report.outputs if p.endswith(".html")]
    if html:
        console.print(f"Reports in {out.resolve()}:")
        for path in html:
            typer.echo(Path(path).resolve())


@app.command()
def stories(db: DbOption = None) -> None:
    """List the stories in the store."""
    with _open_store(db) as store:
        table = Table("story", "articles", "outlets", "label")
        for row in story_rows(store):
            table.add_row(row.id, str(row.articles), str(row.outlets), row.label)
        Console().print(table)


@app.command()
def show(story: Annotated[str, typer.Argument(help="story id (see `manysides stories`)")], db: DbOption = None) -> None:
    """Print a story's summary, outlets and quotes."""
    with _open_store(db) as store:
        try:
            analysis = store.analysis(story)
        except ManysidesError as exc:
            console.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(2) from exc
        _print_analysis(analysis)


def _print_analysis(analysis: StoryAnalysis) -> None:
    out = Console()
    out.rule(analysis.story.label)
    for number, sentence in enumerate(analysis.summary, 1):
        sources = ", ".join(dict.fromkeys(c.outlet for c in sentence.citations))
        out.print(f"{number}. {sentence.text} [dim]({sources})[/dim]")
    outlets = Table("outlet", "articles", "first report", "quotes", title="Who covers it")
    for o in analysis.outlets:
        outlets.add_row(o.outlet, str(len(o.article_ids)), str(o.first_date or "unknown"), str(o.quotes))
    out.print(outlets)
    quotes = Table("quote", "carried by, credited to", title="Who said what")
    for group in analysis.quotes:
        carriers = "\n".join(f"{c.outlet}: {c.speaker or 'not named'}" for c in group.carriers)
        quotes.add_row(group.text[:120], carriers)
    out.print(quotes)


@app.command()
def export(
    format: Annotated[
        str, typer.Option("--format", help="json (everything), csv or parquet (one table each)")
    ] = "json",
    table: Annotated[str, typer.Option(help=f"table for csv/parquet: {', '.join(TABLES)}")] = "articles",
    out: Annotated[Path | None, typer.Option(help="file to write (default: standard output)")] = None,
    db: DbOption = None,
) -> None:
    """Export everything in the store, uncapped."""
    if format not in ("json", "csv", "parquet"):
        raise typer.BadParameter(f"{format!r} is not json, csv or parquet", param_hint="--format")
    if table not in TABLES:
        raise typer.BadParameter(f"{table!r} is not one of {', '.join(TABLES)}", param_hint="--table")
    with _open_store(db) as store:
        if format == "parquet":
            count = _export_parquet(store, _csv_table(table), out)
        else:
            handle = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
            try:
                count = export_json(store, handle) if format == "json" else export_csv(store, _csv_table(table), handle)
            finally:
                if out:
                    handle.close()
        console.print(f"exported {count} {'articles' if format == 'json' else table + ' rows'}")


def _export_parquet(store: Store, table: CsvTable, out: Path | None) -> int:
    if out is None:
        return export_parquet(store, table, sys.stdout.buffer)
    with out.open("wb") as handle:
        return export_parquet(store, table, handle)


def _csv_table(name: str) -> CsvTable:
    return next(t for t in TABLES if t == name)


@app.command()
def batch(
    paths: Annotated[list[Path], typer.Argument(help="files and folders: WARC/WARC.gz, HTML, plain text, JSONL")],
    out: Annotated[Path, typer.Option(help="folder for the Parquet outputs and the run's manifest")],
    scheduler: Annotated[
        str, typer.Option(help="Dask scheduler address, or 'local' for a cluster on this machine")
    ] = "local",
    workers: Annotated[int, typer.Option(min=1, help="worker processes of the local cluster")] = 2,
    partition_size: Annotated[int, typer.Option(min=1, help="pages per partition (the unit of restart)")] = 200,
    db: Annotated[Path | None, typer.Option("--db", help="also load the results into this SQLite store")] = None,
    summaries: Annotated[bool, typer.Option(help="write each story's cited summary (the slowest stage)")] = True,
) -> None:
    """Run a corpus through the pipeline on Dask into Parquet; a rerun resumes a killed run."""
    from manysides.batch import BatchOptions, run_batch  # Dask is imported only by this command

    options = BatchOptions(
        out=out, scheduler=scheduler, workers=workers, partition_size=partition_size, db=db, summaries=summaries
    )
    try:
        # One line rewritten in place on a terminal; one line per update in a log file.
        end = "\r" if console.is_terminal else "\n"
        report = run_batch(paths, options, progress=lambda stage, done: console.print(f"{stage}: {done}", end=end))
    except ManysidesError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    resumed = f" ({report.resumed} partitions already done)" if report.resumed else ""
    console.print(
        f"{report.pages} pages, {report.articles} articles, {report.skipped} skipped, "
        f"{report.stories} stories, {report.analyzed} analyzed{resumed}; outputs in {out}"
    )


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="address to bind; other than loopback needs a write token")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="port to listen on")] = 8765,
    token: Annotated[
        str | None,
        typer.Option(envvar="MANYSIDES_TOKEN", help="token for adding articles (made up and printed if needed)"),
    ] = None,
) -> None:
    """Start the local web app over the store (stories, search, story and article pages, JSON API)."""
    import secrets

    import uvicorn

    from manysides.web import create_app
    from manysides.web.security import is_loopback

    local = is_loopback(host)
    if not local and not token:
        token = secrets.token_urlsafe(24)
        console.print(f"Bound to {host}: adding articles needs this write token: {token}", markup=False)
    with _open_store(db) as store:
        path = store.path
    console.print(f"manysides on http://{'[' + host + ']' if ':' in host else host}:{port}/ over {path}", markup=False)
    uvicorn.run(create_app(path, token=token, local_only=local), host=host, port=port, log_level="warning")
