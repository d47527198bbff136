"""Reports of one event rendered from a real SQLite store filled with the sample."""

from __future__ import annotations

import json
import re

import pytest

from crosswire.errors import NotFound
from crosswire.report.render import md, render_report
from crosswire.serve.sample import HOSTILE_TEXT, add_hostile_article, populate
from crosswire.store import open_store


@pytest.fixture
def filled(sqlite_url):
    store = open_store(sqlite_url)
    sample = populate(store)
    yield store, sample
    store.close()


def test_markdown_briefing_has_every_section_with_provenance(filled):
    store, sample = filled
    text = render_report(store, sample.events["feb"], "md")
    for heading in ("## What is agreed", "## What differs", "## Reported by one outlet only",
                    "## Who left what out", "## Who said what", "## Labels per outlet", "## Figures over time"):
        assert heading in text
    agreed = text.split("## What is agreed")[1].split("## What differs")[0]
    assert "The Epoch Times **20 million t**, considered (hedged)" in agreed
    assert "“Trump said China would consider raising its soybean purchases to 20 million tons" in agreed
    differ = text.split("## What differs")[1].split("## Reported by one outlet only")[0]
    assert "One America News **20 million t**, asserted (contradicted)" in differ
    assert "**Gulf Times (via MENAFN)** left out: China's US soybean purchases, next season" in text
    assert "Chinese Communist Party leader" in text
    assert "12 million t (2025-11-25, this year) → 20 million t" in text


def test_html_report_is_self_contained(filled):
    store, sample = filled
    html = render_report(store, sample.events["feb"], "html")
    assert html.startswith("<!doctype html>") and "<style>" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)  # no external assets
    assert "<link" not in html and "<script" not in html
    assert "<svg" in html and html.count("<circle") == 3
    assert "Bonnie Glaser" in html


def test_json_report_is_the_event_slice_of_the_export(filled):
    store, sample = filled
    doc = json.loads(render_report(store, sample.events["nov"], "json"))
    assert doc["crosswire_export"] == 1 and [e["id"] for e in doc["events"]] == [sample.events["nov"]]
    arts = {a["id"] for a in doc["articles"]}
    assert arts == {sample.articles["002_57a376ad6c067051.txt"], sample.articles["004_cd40c5c6974a77d7.txt"]}
    for kind in ("quotes", "quantities", "dates", "claims"):
        assert doc[kind] and all(x["article"] in arts for x in doc[kind]), kind
    assert all(c["event"] == sample.events["nov"] for c in doc["claims"] + doc["checks"])
    assert all(lab["article"] in arts for e in doc["entities"] for lab in e["labels"])
    by_id = {a["id"]: a for a in doc["articles"]}
    q = doc["quantities"][0]
    assert by_id[q["article"]]["text"][q["span"][0]:q["span"][1]] == q["text"]
    assert len(doc["tracks"]) == 1


def test_hostile_text_is_escaped_in_reports(filled):
    store, sample = filled
    add_hostile_article(store, sample.events["feb"])
    html = render_report(store, sample.events["feb"], "html")
    assert "<script" not in html and "<img" not in html and "<svg onload" not in html and "<b " not in html
    assert "&lt;script&gt;alert(&#34;text&#34;)&lt;/script&gt;" in html or "&lt;script&gt;alert(&quot;text" in html
    text = render_report(store, sample.events["feb"], "md")
    assert "<script" not in text and "<img" not in text and "&lt;b onmouseover=alert(2)&gt;Evil &amp; Co" in text
    doc = json.loads(render_report(store, sample.events["feb"], "json"))
    assert HOSTILE_TEXT in [a["text"] for a in doc["articles"]]  # JSON keeps the text exactly


def test_unknown_event_and_format(filled):
    store, sample = filled
    with pytest.raises(NotFound):
        render_report(store, "nope", "md")
    with pytest.raises(ValueError):
        render_report(store, sample.events["feb"], "pdf")  # type: ignore[arg-type]


def test_md_escape():
    assert md("a*b_c [x](javascript:y) <i> & |") == "a\\*b\\_c \\[x\\](javascript:y) &lt;i&gt; &amp; \\|"
