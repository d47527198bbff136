"""EventIndex: incremental assignment, persistence, look-alike events kept apart by date, angles merged."""

from __future__ import annotations

import pytest

from crosswire.cluster.events import EventIndex, date_gap
from crosswire.config import load_settings

QUAKE_ENTS = {"Indonesia": "GPE", "Sumatra": "LOC", "Padang": "GPE", "BMKG": "ORG", "Red Cross": "ORG"}

# two look-alike earthquakes in the same region, six months apart, and one unrelated story
QUAKE_MARCH = [
    ("qa1", "A magnitude 6.8 earthquake struck off Sumatra in Indonesia on Sunday, killing at least 40 people and "
            "toppling buildings in Padang, the BMKG geophysics agency said. The quake hit at a depth of 10 km.",
     {"on Sunday": "2024-03-10"}, "2024-03-10"),
    ("qa2", "Rescue teams dug through collapsed buildings in Padang on Monday after Sunday's earthquake off Sumatra, "
            "Indonesia. The Red Cross said the death toll from the magnitude 6.8 quake rose to 52 as aid arrived.",
     {"Sunday": "2024-03-10"}, "2024-03-11"),
    ("qa3", "Indonesia lifted a tsunami warning hours after a strong earthquake shook Sumatra on Sunday. The BMKG "
            "said the 6.8 tremor centred near Padang caused panic as residents fled to higher ground.",
     {"on Sunday": "2024-03-10"}, "2024-03-10"),
]  # fmt: skip
QUAKE_SEPT = [
    ("qb1", "A magnitude 6.2 earthquake struck off Sumatra in Indonesia on Monday, killing at least 12 people in "
            "Padang, the BMKG geophysics agency said. Buildings collapsed and residents fled their homes.",
     {"on Monday": "2024-09-02"}, "2024-09-02"),
    ("qb2", "Rescuers searched for survivors in Padang on Tuesday after Monday's earthquake off Sumatra, Indonesia. "
            "The Red Cross said the magnitude 6.2 quake killed 15 people and damaged hundreds of homes.",
     {"Monday": "2024-09-02"}, "2024-09-03"),
]  # fmt: skip
OTHER = (
    "oth", "The central bank raised interest rates by a quarter point on Thursday, citing stubborn inflation in "
           "services, and signalled that further increases were possible this year.",
    {"on Thursday": "2024-09-05"}, "2024-09-05",
)  # fmt: skip


@pytest.fixture(scope="module")
def settings():
    return load_settings(environ={})


def _feed(idx, article, rows):
    out = {}
    for aid, text, dates, pub in rows:
        a, f = article(aid, text, published=pub, entities=QUAKE_ENTS, dates=dates)
        ev, new = idx.assign(a, f)
        out[aid] = (ev, new)
    return out


def test_same_event_with_different_angles_is_merged(article, settings):
    idx = EventIndex(settings)
    res = _feed(idx, article, QUAKE_MARCH)
    assert res["qa1"][1] is True
    assert {res[k][0].id for k in res} == {res["qa1"][0].id}
    ev = idx.events()[0]
    assert ev.articles == ["qa1", "qa2", "qa3"]
    assert ev.date == "2024-03-10" and ev.date_precision == "day"


def test_look_alike_events_kept_apart_by_date(article, settings):
    idx = EventIndex(settings)
    res = _feed(idx, article, QUAKE_MARCH + QUAKE_SEPT + [OTHER])
    march, sept = res["qa1"][0].id, res["qb1"][0].id
    assert march != sept
    assert res["qb2"][0].id == sept
    assert res["qa3"][0].id == march
    assert res["oth"][1] is True
    dates = {e.id: e.date for e in idx.events()}
    assert dates[march] == "2024-03-10" and dates[sept] == "2024-09-02"
    assert len(idx.events()) == 3


def test_without_dates_the_same_look_alikes_would_merge(article, settings):
    """Guards the date test above: text alone cannot tell these two quakes apart, the date does."""
    idx = EventIndex(settings)
    rows = [(a, t, {}, None) for a, t, _d, _p in QUAKE_MARCH[:1] + QUAKE_SEPT[:1]]
    res = _feed(idx, article, rows)
    assert res["qa1"][0].id == res["qb1"][0].id


def test_incremental_add_touches_only_its_event_and_reload_gives_same_assignment(article, settings):
    idx = EventIndex(settings)
    _feed(idx, article, QUAKE_MARCH[:2] + QUAKE_SEPT[:1] + [OTHER])
    before = {e.id: list(e.articles) for e in idx.events()}
    states = [(eid, idx.state(eid)) for eid in before]
    assert all(isinstance(b, bytes) for _, b in states)

    # one more article joins the September quake, nothing else changes
    res = _feed(idx, article, QUAKE_SEPT[1:])
    ev, new = res["qb2"]
    assert not new and ev.articles[0] == "qb1"
    after = {e.id: list(e.articles) for e in idx.events()}
    for eid, arts in before.items():
        if eid != ev.id:
            assert after[eid] == arts

    # an index re-loaded from the saved states assigns the same article the same way, with the same score
    again = EventIndex(settings)
    again.load_state(states)
    assert {e.id: e.articles for e in again.events()} == before
    res2 = _feed(again, article, QUAKE_SEPT[1:])
    assert res2["qb2"][0].id == ev.id
    assert res2["qb2"][0].why[-1] == ev.why[-1]


def test_duplicates_follow_their_original(article, settings):
    idx = EventIndex(settings)
    _feed(idx, article, QUAKE_MARCH[:1] + [OTHER])
    aid, text, dates, pub = QUAKE_SEPT[0]
    a, f = article("dup", text, published=pub, entities=QUAKE_ENTS, dates=dates, duplicate_of="oth")
    ev, new = idx.assign(a, f)
    assert not new and ev.articles == ["oth", "dup"]
    assert "duplicate of article oth" in ev.why[-1]


def test_why_and_label_are_readable(article, settings):
    idx = EventIndex(settings)
    _feed(idx, article, QUAKE_MARCH)
    ev = idx.events()[0]
    assert ev.why[0].startswith("opened by")
    joined = ev.why[-1]
    assert "shares" in joined and "Sumatra" in joined
    assert "same event date 2024-03-10" in joined
    assert "text similarity 0." in joined
    assert "earthquake" in ev.label and ("Sumatra" in ev.label or "Indonesia" in ev.label)
    assert ev.entities and all(isinstance(e, str) for e in ev.entities)


def test_works_without_facts(article, settings):
    """No extract stage yet: capitalized names and the publication date stand in for mentions and dates."""
    idx = EventIndex(settings)
    evs = []
    for aid, text, _d, pub in QUAKE_MARCH[:2] + QUAKE_SEPT[:1]:
        a, _ = article(aid, text, published=pub)
        evs.append(idx.assign(a, None)[0].id)
    assert evs[0] == evs[1] != evs[2]


def test_date_gap():
    assert date_gap("2024-03-10", "day", "2024-03-12", "day") == 2
    assert date_gap("2024-03", "month", "2024-03-20", "day") == 0
    assert date_gap("2024-03", "month", "2024-05-20", "day") > 30
    assert date_gap("2024-W10", "week", "2024-03-06", "day") == 0
    assert date_gap(None, None, "2024-03-06", "day") is None
