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


def _section(text: str, heading: str, nxt: str) -> str:
    return text.split(heading)[1].split(nxt)[0]


def test_markdown_briefing_has_every_section_with_provenance(filled):
    store, sample = filled
    text = render_report(store, sample.events["feb"], "md")
    headings = ("## Reported by two or more outlets", "## What differs", "## Who left what out",
                "## Reported by one outlet only", "## Who said what", "## Labels per outlet", "## Figures over time",
                "## Why these articles are one event")
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)  # figures and claims of 2+ outlets first, then conflicts, omissions...
    multi = _section(text, headings[0], headings[1])
    assert "The Epoch Times **20 million t**, considered (hedged)" in multi
    assert "“Trump said China would consider raising its soybean purchases to 20 million tons" in multi
    assert "wording differs: agreed vs considered" in multi  # the modality disagreement is on the row itself
    conflict = _section(text, headings[1], headings[2])
    assert "One America News **20 million t**, asserted (contradicted)" in conflict
    assert "**Gulf Times (via MENAFN)** left out: China's US soybean purchases, next season" in text
    assert "Chinese Communist Party leader" in text
    assert "12 million t (2025-11-25, this year) → 20 million t" in text


def test_each_check_appears_in_one_section_only(filled):
    store, sample = filled
    text = render_report(store, sample.events["feb"], "md")
    body = text.split("## Who said what")[0]
    abouts = re.findall(r"^- \\\[[^\]]+\\\] \*\*(.+?)\*\*", body, re.M)
    assert abouts and len(abouts) == len(set(abouts)), abouts
    assert abouts.count("China's US soybean purchases, current season") == 1


def test_single_source_list_is_short_and_counts_the_rest(filled):
    from crosswire.models import Check, CheckValue
    from crosswire.report.briefing import build_briefing

    store, sample = filled
    ev = sample.events["nov"]
    checks = store.list_checks(event=ev)
    claim = store.list_claims(event=ev, limit=1)[0]
    extra = []
    for i in range(40):  # dozens of single-source statements: 4 figures, 4 commitments, 32 plain assertions
        value = [CheckValue(claim.id, 1000.0 + i, "t")] if i < 4 else []
        modality = "pledged" if 4 <= i < 8 else "asserted"
        extra.append(Check(f"extra{i}", ev, f"statement {i:02d}", "single_source", [claim.id], ["AsianFin"], [],
                           value, [{"claim": claim.id, "modality": modality}], False, ""))
    store.replace_checks(ev, checks + extra)
    b = build_briefing(store, ev, row_limit=300, single_limit=8)
    listed = b.sections["single"]
    assert len(listed) == 8 and all(r.notable for r in listed)
    figures = [any(v.value is not None for v in r.check.values) for r in listed]
    assert figures == sorted(figures, reverse=True) and figures[0] and not figures[-1]  # figures, then commitments
    assert {"statement 00", "statement 03"} <= {r.check.about for r in listed}
    singles = [c for c in checks + extra if c.status == "single_source"]
    assert b.single_total == len(singles) and b.single_more == len(singles) - 8
    shown = [r.check.id for rows in b.sections.values() for r in rows]
    assert len(shown) == len(set(shown))  # one section per check
    # the reading order: 2+ outlets, conflicts, notable single-source, the rest
    rank = [("multi", "conflict", "single").index(r.section) * 2 + (r.section == "single" and not r.notable)
            for r in b.rows]
    assert rank == sorted(rank)
    text = render_report(store, ev, "md")
    single = _section(text, "## Reported by one outlet only", "## Who said what")
    assert "statement 20" not in single and "statement 00" in single
    assert f"… and {len(singles) - 8} more single-source statements: see `crosswire export` or the web UI" in single
    html = render_report(store, ev, "html")
    assert "statement 20" not in html and f"… and {len(singles) - 8} more single-source statements" in html


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


def test_fmt_value_names_what_a_count_counts():
    from crosswire.report.briefing import fmt_value

    assert fmt_value(20, "count", "cargoes") == "20 cargoes"
    assert fmt_value(20, "count") == "20" and fmt_value(20, None, "cargoes") == "20"
    assert fmt_value(11.1e9, "USD", "arms sales") == "$11.1 bn"  # only counts take the noun
    assert fmt_value(2e7, "t") == "20 million t"
