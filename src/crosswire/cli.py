"""The `crosswire` command: a thin shell over the library.

It parses options, calls library functions, prints with rich, and turns CrosswireError into a message and an
exit code (0 ok, 1 some inputs failed, 2 usage/config, 3 store, 4 not found).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from . import __version__
from .config import Settings, load_settings
from .errors import CrosswireError, NotFound

app = typer.Typer(
    name="crosswire",
    help="Follow one story through many outlets: ingest articles, group them into events, extract facts "
    "with provenance and cross-check what each outlet says.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Store maintenance: migrations and status.", no_args_is_help=True)
app.add_typer(db_app, name="db")

console = Console()
err = Console(stderr=True)

DbOpt = typer.Option(
    None, "--db", envvar="CROSSWIRE_DB", help="Store URL or SQLite file (default: ./crosswire.db)."
)
ConfigOpt = typer.Option(None, "--config", envvar="CROSSWIRE_CONFIG", help="A TOML settings file.")

SAMPLE_DIR = Path(__file__).parent / "data" / "corpus" / "trump-xi"


def _settings(config: Optional[Path], db: Optional[str]) -> Settings:
    over: dict[str, Any] = {}
    if db:
        over["store"] = {"url": db}
    return load_settings(config, **over)


def _open(settings: Settings, *, create: bool = True) -> Any:
    from .store import open_store

    return open_store(settings.store.url, create=create)


def _fail(exc: CrosswireError) -> None:
    err.print(f"[bold red]error:[/] {exc.message}", highlight=False, markup=True)
    if exc.hint:
        err.print(f"[yellow]hint:[/] {exc.hint}", highlight=False)
    raise typer.Exit(exc.exit_code)


def _guard(fn: Any) -> Any:
    """Decorator: library errors become messages and exit codes."""
    import functools

    @functools.wraps(fn)
    def wrapper(*a: Any, **kw: Any) -> Any:
        try:
            return fn(*a, **kw)
        except CrosswireError as exc:
            _fail(exc)
        except KeyboardInterrupt:
            err.print("interrupted: what was committed is kept; run the same command again to finish")
            raise typer.Exit(130) from None

    return wrapper


def version_cb(value: bool) -> None:
    if value:
        console.print(f"crosswire {__version__}")
        raise typer.Exit()


@app.callback()
def main_cb(
    version: bool = typer.Option(False, "--version", callback=version_cb, is_eager=True, help="Show the version."),
) -> None:
    """crosswire"""


# --- ingest --------------------------------------------------------------------------------------------


def _summary_table(rep: Any) -> Table:
    t = Table(title="ingest summary", show_header=True, header_style="bold")
    t.add_column("what")
    t.add_column("count", justify="right")
    rows = [
        ("documents read", rep.documents),
        ("new articles stored", rep.inserted),
        ("already in the store", rep.already_stored),
        ("near-duplicates linked", rep.duplicates),
        ("non-English (kept, flagged)", rep.non_english),
        ("articles extracted", rep.extracted),
        ("new events", rep.events_new),
        ("failed files/records", len(rep.failures)),
    ]
    for k, v in sorted(rep.skipped_records.items()):
        rows.append((f"skipped: {k}", v))
    for k, v in rows:
        t.add_row(k, str(v))
    t.caption = f"{rep.seconds:.1f}s, {rep.articles_per_s:.1f} articles/s"
    return t


@app.command()
@_guard
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, directories, URLs, or - for stdin."),
    meta: Optional[Path] = typer.Option(None, "--meta", help="JSON or CSV mapping file names/ids to metadata."),
    db: Optional[str] = DbOpt,
    config: Optional[Path] = ConfigOpt,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or table."),
    as_json: bool = typer.Option(False, "--json", help="Print the run report as JSON (for scripts)."),
) -> None:
    """Read articles (txt, HTML, RSS/Atom, JSONL, WARC) and run the whole pipeline into the store."""
    from .pipeline import ingest_paths

    settings = _settings(config, db)
    store = _open(settings)
    stdin = sys.stdin.buffer if "-" in paths else None
    if quiet or as_json or not sys.stderr.isatty():
        rep = ingest_paths(paths, store, settings, meta=str(meta) if meta else None, stdin=stdin)
    else:
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            TextColumn("{task.completed} articles"),
            TextColumn("{task.fields[rate]:.1f} articles/s"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as prog:
            task = prog.add_task("ingest", total=None, rate=0.0)

            def tick(n: int) -> None:
                prog.advance(task, n)
                t = prog.tasks[0]
                prog.update(task, rate=(t.completed / t.elapsed) if t.elapsed else 0.0)

            rep = ingest_paths(paths, store, settings, meta=str(meta) if meta else None, stdin=stdin, progress=tick)
    for f in rep.failures:
        err.print(f"[red]failed[/] {f}", highlight=False, markup=True)
    if as_json:
        console.print_json(json.dumps(rep.as_dict()))
    elif not quiet:
        console.print(_summary_table(rep))
    raise typer.Exit(rep.exit_code)


# --- export --------------------------------------------------------------------------------------------


@app.command()
@_guard
def export(
    fmt: str = typer.Option("json", "--format", "-f", help="json (the documented export) or csv (articles)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write (default: stdout)."),
    event: Optional[str] = typer.Option(None, "--event", help="Only this event's articles and facts."),
    db: Optional[str] = DbOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Write the store as the versioned JSON export (docs/export.md) or the articles as CSV."""
    from .errors import ConfigError
    from .export import export_csv, export_json

    if fmt not in ("json", "csv"):
        raise ConfigError(f"unknown export format {fmt!r}", hint="use --format json or --format csv")
    settings = _settings(config, db)
    store = _open(settings, create=False)
    fp = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "json":
            export_json(store, fp, event=event)
        else:
            export_csv(store, fp)
    finally:
        if output:
            fp.close()
    if output:
        err.print(f"wrote {output}")


# --- show / events -------------------------------------------------------------------------------------


def _show_article(store: Any, aid: str) -> None:
    a = store.get_article(aid)
    facts = store.get_facts(aid)
    console.rule(f"[bold]{a.title or a.external_id}")
    meta = Table.grid(padding=(0, 2))
    for k, v in [
        ("id", a.id),
        ("outlet", a.outlet or "unknown"),
        ("published", f"{a.published or 'unknown'} (from {a.published_from})"),
        ("byline", a.byline or ""),
        ("language", f"{a.language or '?'} {a.language_flag or ''}"),
        ("source", a.source),
        ("duplicate of", a.duplicate_of or ""),
        ("event", store.event_of(aid) or ""),
    ]:
        meta.add_row(f"[dim]{k}", str(v))
    console.print(meta)
    console.print()
    console.print(a.text, markup=False, highlight=False)
    console.print()

    def table(title: str, cols: list[str], rows: list[list[Any]]) -> None:
        if not rows:
            return
        t = Table(title=title, title_justify="left", show_lines=False)
        for c in cols:
            t.add_column(c, overflow="fold")
        for r in rows:
            t.add_row(*["" if x is None else str(x) for x in r])
        console.print(t)

    table(
        "entities",
        ["mention", "type", "entity", "label", "span"],
        [[m.text, m.type, m.entity, m.label or m.metonym, f"{m.span[0]}-{m.span[1]}"] for m in facts.mentions],
    )
    table(
        "quotes",
        ["speaker", "cue", "direct", "text"],
        [[q.speaker, q.cue, "yes" if q.direct else "indirect", q.text[:160]] for q in facts.quotes],
    )
    table(
        "quantities",
        ["as written", "value", "unit", "measures"],
        [[q.text, q.value, q.unit, q.measures] for q in facts.quantities],
    )
    table("dates", ["as written", "value", "precision"], [[d.text, d.value, d.precision] for d in facts.dates])
    table(
        "claims",
        ["actor", "action", "theme", "modality", "attributed to", "sentence"],
        [
            [c.actor_text or c.actor, c.action, c.theme, c.modality, c.attributed_to, c.sentence[:120]]
            for c in facts.claims
        ],
    )
    table(
        "events referred to",
        ["as written", "event noun", "date", "place", "linked event", "why"],
        [[r.text[:100], r.head, r.date, r.place, r.event or "(not in the store)", r.why] for r in facts.event_refs],
    )


def _show_event(store: Any, eid: str) -> None:
    from .report.render import render_report

    console.print(Markdown(render_report(store, eid, "md")))


@app.command()
@_guard
def show(
    item: str = typer.Argument(..., help="An article id or an event id."),
    db: Optional[str] = DbOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Show one article with everything extracted from it, or one event's briefing."""
    settings = _settings(config, db)
    store = _open(settings, create=False)
    if store.has_article(item):
        _show_article(store, item)
        return
    try:
        store.get_event(item)
    except NotFound:
        raise NotFound(f"no article or event with id {item!r}", hint="list ids with `crosswire events`") from None
    _show_event(store, item)


@app.command()
@_guard
def events(
    db: Optional[str] = DbOpt,
    config: Optional[Path] = ConfigOpt,
    brief: bool = typer.Option(True, "--brief/--list", help="Print each event's briefing, or only the list."),
) -> None:
    """List the events in the store, each with its briefing."""
    settings = _settings(config, db)
    store = _open(settings, create=False)
    evs = store.list_events(members=False)
    sizes = store.event_sizes(e.id for e in evs)
    t = Table(title=f"{len(evs)} events", title_justify="left")
    for c in ("id", "date", "label", "articles", "outlets"):
        t.add_column(c, overflow="fold")
    for e in evs:
        outlets = sorted({o or "unknown" for o, _ in store.event_outlets(e.id)})
        t.add_row(e.id, e.date or "?", e.label, str(sizes.get(e.id, 0)), ", ".join(outlets))
    console.print(t)
    if brief:
        for e in evs:
            _show_event(store, e.id)


# --- report / serve ------------------------------------------------------------------------------------


@app.command()
@_guard
def report(
    event: str = typer.Argument(..., help="Event id (see `crosswire events`)."),
    fmt: str = typer.Option("md", "--format", "-f", help="md, html or json."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write (default: stdout)."),
    db: Optional[str] = DbOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Write a self-contained briefing of one event."""
    from .errors import ConfigError
    from .report.render import render_report

    if fmt not in ("md", "html", "json"):
        raise ConfigError(f"unknown report format {fmt!r}", hint="use md, html or json")
    settings = _settings(config, db)
    store = _open(settings, create=False)
    text = render_report(store, event, fmt)
    if output:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")
    else:
        sys.stdout.write(text)


@app.command()
@_guard
def serve(
    host: Optional[str] = typer.Option(None, "--host", help="Interface to bind (default 127.0.0.1, from config)."),
    port: Optional[int] = typer.Option(None, "--port", help="Port (default 8000, from config)."),
    db: Optional[str] = DbOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Serve the REST API (/api, /docs) and the web UI."""
    try:
        import uvicorn

        from .serve.app import create_app
    except ImportError as exc:  # the web extra is optional
        from .errors import ConfigError

        raise ConfigError(f"the web server is not installed ({exc.name})", hint="pip install 'crosswire[web]'") from None
    settings = _settings(config, db)
    app_ = create_app(settings)
    uvicorn.run(app_, host=host or settings.serve.host, port=port or settings.serve.port, log_level="info")


# --- batch ---------------------------------------------------------------------------------------------


@app.command()
@_guard
def batch(
    inputs: list[str] = typer.Argument(..., help="JSONL, WARC files or directories, sharded across workers."),
    engine: str = typer.Option("local", "--engine", help="local (process pool) or ray."),
    address: Optional[str] = typer.Option(None, "--address", help="Ray cluster address (default: start locally)."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Parallel workers (default: CPU count)."),
    parquet: Optional[Path] = typer.Option(None, "--parquet", help="Also write the facts as Parquet here."),
    meta: Optional[Path] = typer.Option(None, "--meta", help="JSON or CSV mapping file names/ids to metadata."),
    db: Optional[str] = DbOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = typer.Option(False, "--json", help="Print the run report as JSON (for scripts)."),
) -> None:
    """Corpus-scale backfill: the same stages as `ingest`, sharded over workers (Ray Data with --engine ray)."""
    from .batch.run import run_batch

    settings = _settings(config, db)
    rep = run_batch(
        inputs,
        settings=settings,
        engine=engine,
        address=address,
        workers=workers,
        parquet=str(parquet) if parquet else None,
        meta=str(meta) if meta else None,
    )
    for f in rep.failures:
        err.print(f"[red]failed[/] {f}", highlight=False, markup=True)
    if as_json:
        console.print_json(json.dumps(rep.as_dict()))
    else:
        console.print(_summary_table(rep))
    raise typer.Exit(rep.exit_code)


# --- eval ----------------------------------------------------------------------------------------------

EVAL_TASKS = ("dates", "quotes", "entities", "quantities", "events")


@app.command(name="eval")
@_guard
def eval_cmd(
    task: str = typer.Argument("all", help=f"one of: all, {', '.join(EVAL_TASKS)}"),
    data: Optional[Path] = typer.Option(None, "--data", help="Benchmark data folder (default ../shared/benchdata)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N documents (faster)."),
    as_json: bool = typer.Option(False, "--json", help="Print the rows as JSON."),
) -> None:
    """Score the extractors and the event grouping on the benchmark data (train/dev splits)."""
    from .errors import ConfigError
    from .eval.common import find_benchdata
    from .eval.runner import run_eval

    if task != "all" and task not in EVAL_TASKS:
        raise ConfigError(f"unknown eval task {task!r}", hint=f"use one of: all, {', '.join(EVAL_TASKS)}")
    bench = find_benchdata(data)
    rows = run_eval(bench, [task] if task != "all" else list(EVAL_TASKS), limit=limit)
    if as_json:
        console.print_json(json.dumps([r.__dict__ for r in rows]))
        return
    t = Table(title="crosswire eval (development splits; test splits are held out)", title_justify="left")
    for c in ("task", "dataset", "metric", "crosswire", "published", "n", "note"):
        t.add_column(c, overflow="fold")
    for r in rows:
        pub = f"{r.published:.3f} ({r.published_by})" if r.published is not None else ""
        t.add_row(r.task, r.dataset, r.metric, f"{r.value:.3f}", pub, str(r.n or ""), r.note or "")
    console.print(t)


# --- db ------------------------------------------------------------------------------------------------


@db_app.command("migrate")
@_guard
def db_migrate(db: Optional[str] = DbOpt, config: Optional[Path] = ConfigOpt) -> None:
    """Create the store or bring its schema up to date."""
    from .store import current_revision, migrate

    settings = _settings(config, db)
    migrate(settings.store.url)
    console.print(f"schema at revision {current_revision(settings.store.url)}")


@db_app.command("status")
@_guard
def db_status(db: Optional[str] = DbOpt, config: Optional[Path] = ConfigOpt) -> None:
    """Show the schema revision and what the store holds."""
    from .store import current_revision, head_revision

    settings = _settings(config, db)
    try:
        store = _open(settings, create=False)
    except CrosswireError:
        # a store at an older revision is reported (the command to run before `db migrate`), not refused;
        # a missing or unreachable one is an error as before
        rev = current_revision(settings.store.url)
        if rev is None or rev == head_revision():
            raise
        console.print(f"store: {settings.store.url}")
        console.print(f"schema revision: {rev} (this crosswire needs {head_revision()}: run `crosswire db migrate`)")
        raise typer.Exit(3) from None
    console.print(f"store: {settings.store.url}")
    console.print(f"schema revision: {current_revision(settings.store.url)}")
    console.print(f"articles: {store.count_articles()}  events: {len(store.list_events(members=False))}")


# --- demo ----------------------------------------------------------------------------------------------


@app.command()
@_guard
def demo(
    db: str = typer.Option("demo.db", "--db", help="Where to build the demo store."),
    fresh: bool = typer.Option(True, "--fresh/--keep", help="Start from an empty store."),
) -> None:
    """Run the whole pipeline on the bundled sample corpus and print what it found."""
    from .pipeline import ingest_paths

    if fresh and "://" not in db:
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
    settings = _settings(None, db)
    store = _open(settings)
    console.rule("[bold]crosswire demo: the bundled sample corpus (two Trump-Xi calls, five outlets)")
    rep = ingest_paths([str(SAMPLE_DIR)], store, settings, meta=str(SAMPLE_DIR / "sources.json"))
    for f in rep.failures:
        err.print(f"[red]failed[/] {f}")
    console.print(_summary_table(rep))
    t = Table(title="articles", title_justify="left")
    wide = console.width >= 120
    cols = ["id", "outlet", "published", "date from", "byline", "words"] + (["first words"] if wide else [])
    for c in cols:
        t.add_column(c, overflow="fold", no_wrap=c in ("id", "published"))
    for a in store.list_articles():
        row = [a.id, a.outlet or "unknown", a.published or "?", a.published_from, a.byline or "", str(a.word_count)]
        if wide:
            row.append(a.text[:70].replace("\n", " ") + "…")
        t.add_row(*row)
    console.print(t)
    if not wide:
        for a in store.list_articles():
            console.print(f"[dim]{a.id}[/] {a.text[:150].replace(chr(10), ' ')}…", highlight=False, markup=True)
    for e in store.list_events():
        _show_event(store, e.id)
    console.print(f"\nstore: {db}  —  try `crosswire serve --db {db}` or `crosswire export --db {db}`")
    raise typer.Exit(rep.exit_code)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
