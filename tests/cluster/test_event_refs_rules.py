"""Event references in sentences of other stories (strikes, quakes, elections, summits): what is found, how it
is dated, and which stored event it links to (never its own article's event when it points elsewhere in time)."""

from __future__ import annotations

import pytest

from crosswire.cluster.refs import find_event_refs, link_one, link_refs, period, ref_window
from crosswire.extract.run import extract_doc
from crosswire.models import Article, Event, EventRef


def refs_of(nlp, text: str, published: str, aid: str = "t") -> list[EventRef]:
    a = Article(id=aid, source=aid, external_id=aid, text=text, published=published)
    doc = nlp(text)
    facts = extract_doc(doc, a)
    assert facts.event_refs == find_event_refs(doc, a, facts)  # the extract stage stores exactly these
    for r in facts.event_refs:
        assert text[r.span[0] : r.span[1]] == r.text and r.article == aid
    return facts.event_refs


def by_text(refs: list[EventRef], needle: str) -> EventRef:
    found = [r for r in refs if needle in r.text]
    assert found, f"no reference containing {needle!r} in {[r.text for r in refs]}"
    return found[0]


def test_first_since_names_the_previous_event(nlp):
    refs = refs_of(
        nlp,
        "The strike, the union's first since March, shut down the port of Antwerp on Tuesday. "
        "Dockers said the March strike had cost them wages.",
        "2024-06-12",
    )
    prev = by_text(refs, "first since March")
    assert prev.head == "strike" and prev.date == "2024-03" and prev.date_precision == "month"
    assert by_text(refs, "the March strike").date == "2024-03"
    march = Event(id="march", label="Antwerp dockers strike", date="2024-03-05", date_precision="day",
                  articles=["old"])  # fmt: skip
    june = Event(id="june", label="Antwerp dockers strike", date="2024-06-11", date_precision="day",
                 articles=["t"])  # fmt: skip
    linked = {r.text: r.event for r in link_refs(refs, [june, march])}
    assert linked["first since March"] == "march" and linked["the March strike"] == "march"
    assert linked["The strike"] is None  # undated "the strike": this story's own strike, not linked elsewhere


def test_dates_of_other_events_do_not_date_the_noun(nlp):
    refs = refs_of(
        nlp,
        "Trump and Xi spoke by phone on Wednesday. The call came after the October summit in Busan. "
        "Purchases of U.S. goods have resumed since then.",
        "2026-02-04",
    )
    summit = by_text(refs, "the October summit")
    assert summit.date == "2025-10" and summit.place == "Busan"
    call = next(r for r in refs if r.head == "call")
    assert call.date is None  # "after the October summit" dates the summit, not the call
    assert not any(r.head == "purchase" for r in refs)  # plural, undated: a kind of event, not one


def test_quake_and_election_dated_to_the_day(nlp):
    refs = refs_of(
        nlp,
        "Rescue teams in Hualien were still searching collapsed buildings on Friday. "
        "The earthquake on Wednesday killed at least nine people. "
        "It was the strongest since the September 1999 quake in Nantou.",
        "2024-04-05",
    )
    assert by_text(refs, "The earthquake on Wednesday").date == "2024-04-03"
    old = by_text(refs, "1999 quake")
    assert old.date == "1999-09" and old.place == "Nantou"
    quake99 = Event(
        id="q99", label="Nantou earthquake", date="1999-09-21", date_precision="day", articles=["x"]
    )
    quake24 = Event(
        id="q24", label="Hualien earthquake", date="2024-04-03", date_precision="day", articles=["t"]
    )
    linked = {r.text: r for r in link_refs(refs, [quake24, quake99])}
    assert linked[old.text].event == "q99" and "quake" in linked[old.text].why
    # its own article's event, named by its own date and noun ("the earthquake on Wednesday"): linked to it
    assert linked["The earthquake on Wednesday"].event == "q24"

    refs = refs_of(nlp, "Portugal's parliament met for the first time since the May 18 election in Lisbon.",
                   "2025-05-20")  # fmt: skip
    election = by_text(refs, "election")
    assert (election.date, election.place) == ("2025-05-18", "Lisbon")
    vote = Event(id="vote", label="Portugal vote", date="2025-05-19", date_precision="day", articles=["x"])
    assert link_one(election, [vote])[0] == "vote"  # a day of slack, and vote ~ election
    late = Event(id="late", label="Portugal vote", date="2025-05-21", date_precision="day", articles=["x"])
    assert link_one(election, [late]) == (None, None)  # three days off


def test_own_event_only_when_the_phrase_names_it(nlp):
    refs = refs_of(
        nlp,
        "Officials said the November call between the two leaders had set the agenda for Wednesday's call. "
        "Trump and Xi recalled their October meeting. Analysts expect their next call in April.",
        "2026-02-05",
        aid="feb",
    )
    nov_ref, oct_ref = by_text(refs, "the November call"), by_text(refs, "their October meeting")
    april = by_text(refs, "their next call in April")
    assert (nov_ref.date, oct_ref.date, april.date) == ("2025-11", "2025-10", "2026-04")
    feb = Event(id="feb-call", label="Trump–Xi call", date="2026-02-04", date_precision="day", articles=["feb"],
                entities=["h:donald trump", "h:xi jinping"])  # fmt: skip
    nov = Event(id="nov-call", label="Xi–Trump call", date="2025-11-24", date_precision="day", articles=["n1"],
                entities=["h:donald trump", "h:xi jinping"])  # fmt: skip
    linked = {r.text: r.event for r in link_refs(refs, [feb, nov])}
    assert linked[nov_ref.text] == "nov-call"
    # October is not November (adjacent months do not agree), and never the article's own February call
    assert linked[oct_ref.text] is None
    assert linked[april.text] is None
    busan = Event(id="busan", label="Trump–Xi summit", date="2025-10-30", date_precision="day", articles=["b"],
                  entities=["h:donald trump", "h:xi jinping"])  # fmt: skip
    ev, why = link_one(oct_ref, [feb, nov, busan])
    assert ev == "busan" and "meeting" in why and "summit" in why


def test_undated_reference_links_only_with_place_noun_and_entities():
    ref = EventRef(id="a:r0", article="a", text="a meeting between Trump and Xi in South Korea", span=(0, 45),
                   head="meeting", place="South Korea", entities=["e-trump", "e-xi", "e-korea"])  # fmt: skip
    busan = Event(id="busan", label="Trump–Xi summit", date="2025-10-30", date_precision="day", articles=["b"],
                  entities=["e-trump", "e-xi"])  # fmt: skip
    assert link_one(ref, [busan])[0] == "busan"
    assert link_one(EventRef(**{**ref.__dict__, "place": None}), [busan]) == (None, None)
    assert link_one(EventRef(**{**ref.__dict__, "entities": ["e-trump"]}), [busan]) == (None, None)
    own = Event(**{**busan.__dict__, "articles": ["a"]})
    assert link_one(ref, [own]) == (None, None)


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [("2025-10", "2025-10-01", "2025-10-31"), ("2024-02", "2024-02-01", "2024-02-29"),
     ("2025-W47", "2025-11-17", "2025-11-23"), ("2025-11-24", "2025-11-24", "2025-11-24"),
     ("2025", "2025-01-01", "2025-12-31")],
)  # fmt: skip
def test_periods_and_windows(value, first, last):
    lo, hi = period(value)
    assert (lo.isoformat(), hi.isoformat()) == (first, last)
    ref = EventRef(id="a:r0", article="a", text="x", span=(0, 1), head="call", date=value)
    wlo, whi = ref_window(ref, None)
    assert wlo <= lo and hi <= whi and (whi - wlo).days <= (hi - lo).days + 2


def test_no_window_for_durations_or_undated_without_place():
    assert period("P1Y") is None and period("PAST_REF") is None
    ref = EventRef(id="a:r0", article="a", text="the call", span=(0, 8), head="call")
    assert ref_window(ref, None) is None
