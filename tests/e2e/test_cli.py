"""The CLI is a thin shell: exit codes, messages, formats."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from crosswire.cli import app
from crosswire.export import validate_export

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, nlp, sample_dir):
    db = tmp_path_factory.mktemp("cli") / "cli.db"
    res = runner.invoke(
        app, ["ingest", str(sample_dir), "--meta", str(sample_dir / "sources.json"), "--db", str(db), "--json"]
    )
    assert res.exit_code == 0, res.output
    rep = json.loads(res.stdout)
    assert rep["inserted"] == 5 and rep["failures"] == []
    return str(db)


def test_ingest_summary_table_and_idempotent(demo_db, sample_dir):
    res = runner.invoke(app, ["ingest", str(sample_dir), "--meta", str(sample_dir / "sources.json"), "--db", demo_db])
    assert res.exit_code == 0
    assert "ingest summary" in res.stdout and "already in the store" in res.stdout


def test_ingest_failure_exit_code(tmp_path, nlp):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "The council approved a budget of $4.2 million for road repairs on Monday."}\n{oops\n')
    res = runner.invoke(app, ["ingest", str(bad), "--db", str(tmp_path / "x.db"), "--json"])
    assert res.exit_code == 1
    rep = json.loads(res.stdout)
    assert rep["inserted"] == 1 and len(rep["failures"]) == 1 and "bad.jsonl" in rep["failures"][0]["source"]


def test_export_json_and_csv(demo_db, tmp_path):
    out = tmp_path / "e.json"
    res = runner.invoke(app, ["export", "--db", demo_db, "--format", "json", "-o", str(out)])
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text())
    validate_export(doc)
    assert len(doc["articles"]) == 5 and len(doc["events"]) == 2
    ev = doc["events"][0]["id"]
    res = runner.invoke(app, ["export", "--db", demo_db, "--event", ev])
    narrowed = json.loads(res.stdout)
    validate_export(narrowed)
    assert {a["id"] for a in narrowed["articles"]} == set(doc["events"][0]["articles"])
    out = tmp_path / "a.csv"
    res = runner.invoke(app, ["export", "--db", demo_db, "--format", "csv", "-o", str(out)])
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 5 and {"id", "outlet", "published", "published_from"} <= set(rows[0])
    res = runner.invoke(app, ["export", "--db", demo_db, "--format", "xml"])
    assert res.exit_code == 2 and "json or" in res.output


def test_show_article_event_and_unknown(demo_db):
    res = runner.invoke(app, ["events", "--db", demo_db, "--list"])
    assert res.exit_code == 0 and "2 events" in res.stdout
    doc = json.loads(runner.invoke(app, ["export", "--db", demo_db]).stdout)
    aid = doc["articles"][0]["id"]
    res = runner.invoke(app, ["show", aid, "--db", demo_db])
    assert res.exit_code == 0 and "quantities" in res.stdout and "claims" in res.stdout
    feb = next(e for e in doc["events"] if e["date"] == "2026-02-04")
    res = runner.invoke(app, ["show", feb["id"], "--db", demo_db])
    assert res.exit_code == 0 and "soybean" in res.stdout.lower()
    res = runner.invoke(app, ["show", "nope", "--db", demo_db])
    assert res.exit_code == 4 and "no article or event" in res.output


def test_report_formats(demo_db, tmp_path):
    doc = json.loads(runner.invoke(app, ["export", "--db", demo_db]).stdout)
    ev = next(e for e in doc["events"] if e["date"] == "2026-02-04")["id"]
    for fmt in ("md", "html", "json"):
        out = tmp_path / f"r.{fmt}"
        res = runner.invoke(app, ["report", ev, "--format", fmt, "-o", str(out), "--db", demo_db])
        assert res.exit_code == 0, res.output
        text = out.read_text()
        assert "11" in text and ("soybean" in text.lower())
    assert "<style" in (tmp_path / "r.html").read_text()
    json.loads((tmp_path / "r.json").read_text())


def test_db_status_and_bad_config(demo_db, tmp_path):
    res = runner.invoke(app, ["db", "status", "--db", demo_db])
    assert res.exit_code == 0 and "articles: 5" in res.stdout
    cfg = tmp_path / "bad.toml"
    cfg.write_text("[nlp]\nn_process = 'two'\n")
    res = runner.invoke(app, ["events", "--db", demo_db, "--config", str(cfg)])
    assert res.exit_code == 2 and "n_process" in res.output


def test_eval_unknown_task():
    res = runner.invoke(app, ["eval", "sentiment"])
    assert res.exit_code == 2 and "unknown eval task" in res.output


def test_db_status_reports_an_older_store_then_migrate_upgrades_it(tmp_path):
    """`db status` names an outdated revision (exit 3) instead of refusing to open it; `db migrate` fixes it."""
    from alembic import command

    from crosswire.store import head_revision
    from crosswire.store.engine import make_engine, normalize_url
    from crosswire.store.versioning import alembic_config

    url = normalize_url(str(tmp_path / "old.db"))
    engine = make_engine(url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    engine.dispose()
    res = runner.invoke(app, ["db", "status", "--db", url])
    assert res.exit_code == 3 and "0001" in res.stdout and f"needs {head_revision()}" in res.stdout
    res = runner.invoke(app, ["events", "--db", url])  # other commands still refuse it
    assert res.exit_code == 3 and "db migrate" in res.output
    assert runner.invoke(app, ["db", "migrate", "--db", url]).exit_code == 0
    res = runner.invoke(app, ["db", "status", "--db", url])
    assert res.exit_code == 0 and f"schema revision: {head_revision()}" in res.stdout and "articles: 0" in res.stdout
    res = runner.invoke(app, ["db", "status", "--db", str(tmp_path / "missing.db")])
    assert res.exit_code == 3 and "no store" in res.output
