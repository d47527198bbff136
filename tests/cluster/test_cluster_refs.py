"""Event references inside articles and their links to stored events."""

from __future__ import annotations

import pytest

from crosswire.cluster.lite import facts_from_doc
from crosswire.cluster.refs import find_event_refs, link_refs
from crosswire.models import Article, Event

TEXT = (
    "Officials said the new aid follows last week's earthquake in Sumatra. "
    "Trump and Xi recalled their meeting in Busan in October. "
    "The December arms sale angered Beijing."
)


@pytest.fixture(scope="module")
def refs(nlp):
    a = Article(id="x", source="x", external_id="x", text=TEXT, published="2025-11-25")
    doc = nlp(TEXT)
    return find_event_refs(doc, a, facts_from_doc(doc, a))


def test_refs_found_with_dates_and_places(refs):
    by_head = {r.head: r for r in refs}
    quake = by_head["earthquake"]
    assert quake.date == "2025-W47" and quake.date_precision == "week"  # the week before 2025-11-25
    assert quake.place == "Sumatra"
    meeting = by_head["meeting"]
    assert meeting.date == "2025-10" and meeting.place == "Busan"
    assert TEXT[meeting.span[0] : meeting.span[1]].startswith("their meeting") and meeting.text == TEXT[
        meeting.span[0] : meeting.span[1]
    ]
    assert by_head["sale"].date == "2024-12"  # the last December before the publication date
    assert [r.id for r in refs] == [f"x:r{i}" for i in range(len(refs))] and all(r.article == "x" for r in refs)


def test_link_refs_needs_matching_date_and_shared_noun_or_entity(refs):
    events = [
        Event(id="busan", label="Trump–Xi meeting", date="2025-10-30", date_precision="day", articles=["y"],
              entities=["h:trump", "h:xi"]),
        Event(id="quake-old", label="Sumatra earthquake", date="2025-03-01", date_precision="day", articles=["z"]),
        Event(id="quake", label="Sumatra earthquake", date="2025-11-19", date_precision="day", articles=["w"]),
    ]  # fmt: skip
    linked = {r.head: r for r in link_refs(refs, events)}
    assert linked["meeting"].event == "busan" and "meeting" in linked["meeting"].why
    assert linked["earthquake"].event == "quake"  # same week, not the March quake
    assert linked["sale"].event is None
    assert all(r.event is None for r in refs)  # the inputs are not changed
