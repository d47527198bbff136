"""The sample corpus: five articles on two Trump-Xi calls make exactly two events with the right dates."""

from __future__ import annotations

import json

import pytest

from crosswire.cluster.events import EventIndex
from crosswire.cluster.lite import facts_from_doc
from crosswire.cluster.refs import find_event_refs, link_refs
from crosswire.config import load_settings
from crosswire.models import Article


@pytest.fixture(scope="module")
def sample(sample_dir, nlp):
    meta = json.loads((sample_dir / "sources.json").read_text("utf-8"))
    out = []
    for name in sorted(meta):
        text = (sample_dir / name).read_text("utf-8")
        a = Article(id=name[:3], source=name, external_id=name, text=text, outlet=meta[name]["outlet"],
                    published=meta[name]["published"])  # fmt: skip
        doc = nlp(text)
        out.append((a, facts_from_doc(doc, a), doc))
    return out


def test_sample_corpus_gives_two_events_with_their_dates(sample):
    idx = EventIndex(load_settings(environ={}))
    for a, f, _ in sample:
        idx.assign(a, f)
    events = {tuple(sorted(e.articles)): e for e in idx.events()}
    assert set(events) == {("002", "004"), ("000", "001", "003")}
    first, second = events[("002", "004")], events[("000", "001", "003")]
    assert (first.date, first.date_precision) == ("2025-11-24", "day")  # "spoke Monday" in a 2025-11-25 story
    assert (second.date, second.date_precision) == ("2026-02-04", "day")
    for ev in (first, second):
        assert "Trump" in ev.label and "Xi" in ev.label and "call" in ev.label
        assert any("same event date" in w for w in ev.why)


def test_sample_refs_link_back_to_the_earlier_call(sample):
    """Articles on the February call mention the earlier one ("their first since late November")."""
    idx = EventIndex(load_settings(environ={}))
    for a, f, _ in sample:
        idx.assign(a, f)
    refs = []
    for a, f, doc in sample:
        refs += find_event_refs(doc, a, f)
    assert refs and all(r.head and r.span[0] < r.span[1] for r in refs)
    events = {e.id: e for e in idx.events()}
    linked = link_refs(refs, list(events.values()))
    own = {a.id: idx.event_of(a.id) for a, _, _ in sample}
    for r in linked:
        if r.event is not None and r.event == own[r.article]:
            # its own story's event only when the phrase names that event's own day and noun ("Monday's call")
            assert r.date == events[r.event].date and r.head in events[r.event].label, r
    nov = own["004"]
    first = next(r for r in linked if r.text == "their first since late November")
    assert first.article == "000" and first.event == nov != own["000"]
    october = [r for r in linked if r.date == "2025-10"]
    assert len(october) >= 3 and all(r.event is None for r in october)  # no October event: never November's
