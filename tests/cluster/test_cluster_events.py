"""EventIndex: incremental assignment, persistence, look-alike events kept apart by date, angles merged."""

from __future__ import annotations

import numpy as np
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


def test_a_misread_text_date_does_not_veto_a_report_published_the_same_days(article, settings):
    """A date read from the text can be misread (a weekday resolved to the wrong week); when the publication days
    agree it only weighs a little, while publication days months apart still keep look-alikes apart (test above)."""
    idx = EventIndex(settings)
    _feed(idx, article, QUAKE_MARCH[:2])
    aid, text, _dates, pub = QUAKE_MARCH[2]
    res = _feed(idx, article, [(aid, text, {"on Sunday": "2024-02-04"}, pub)])
    assert res["qa3"][0].id == idx.event_of("qa1")
    # the publication days are part of the saved state
    states = [(e.id, idx.state(e.id)) for e in idx.events()]
    again = EventIndex(settings)
    again.load_state(states)
    assert again._events[res["qa3"][0].id].pubs == idx._events[res["qa3"][0].id].pubs
    assert sum(again._events[res["qa3"][0].id].pubs.values()) == 3


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


def test_year_and_figure_conflicts_keep_undated_look_alikes_apart(article, settings):
    """No day dates: the year the lead states and the magnitude it gives separate two quakes that read alike."""
    idx = EventIndex(settings)
    a_text = ("A magnitude 6.8 earthquake struck off Sumatra in Indonesia in March 2024, killing 40 people in Padang, "
              "the BMKG agency said.")  # fmt: skip
    b_text = ("A magnitude 6.2 earthquake struck off Sumatra in Indonesia in September 2023, killing 12 people in "
              "Padang, the BMKG agency said.")  # fmt: skip
    a, fa = article("ya", a_text, entities=QUAKE_ENTS, dates={"March 2024": "2024-03"})
    b, fb = article("yb", b_text, entities=QUAKE_ENTS, dates={"September 2023": "2023-09"})
    from crosswire.models import Quantity

    fa.quantities = [Quantity("ya:n0", "ya", "magnitude 6.8", (2, 15), 6.8, "magnitude")]
    fb.quantities = [Quantity("yb:n0", "yb", "magnitude 6.2", (2, 15), 6.2, "magnitude")]
    idx.assign(a, fa)
    feats_b = __import__("crosswire.cluster.features", fromlist=["article_features"]).article_features(b, fb)
    m = idx.score_candidates(feats_b, idx.embedder.embed([feats_b.lead])[0])[0]
    assert m.year_conflict == 1.0 and m.fig_conflict == ["magnitude"]
    # the same report with agreeing year and magnitude scores higher: the conflicts are what lowers it
    c, fc = article(
        "yc", a_text.replace("Padang", "Padang city"), entities=QUAKE_ENTS, dates={"March 2024": "2024-03"}
    )
    fc.quantities = [Quantity("yc:n0", "yc", "magnitude 6.8", (2, 15), 6.8, "magnitude")]
    feats_c = __import__("crosswire.cluster.features", fromlist=["article_features"]).article_features(c, fc)
    mc = idx.score_candidates(feats_c, idx.embedder.embed([feats_c.lead])[0])[0]
    assert mc.year_conflict == 0.0 and not mc.fig_conflict and mc.year == 2024
    assert mc.prob > m.prob


def test_local_repair_splits_a_wrong_early_join_and_reports_changes(article, settings):
    """Look-alike reports without dates join one event; once a second group of them has gathered in it, the
    repair re-checks the recent articles, splits the group that does not belong off and says so."""
    import crosswire.cluster.events as CE

    idx = EventIndex(settings)
    rows = QUAKE_MARCH + [(f"{a}x", t.replace("Padang", "Bukittinggi"), d, p) for a, t, d, p in QUAKE_MARCH]
    # force every article into one event first (as a too-permissive greedy pass would), then re-check it
    first, f0 = article(rows[0][0], rows[0][1], entities=QUAKE_ENTS)
    ev0, _ = idx.assign(first, f0)
    state = idx._events[ev0.id]
    from crosswire.cluster.features import article_features

    for aid, text, _d, _p in rows[1:]:
        a, f = article(aid, text, entities=QUAKE_ENTS)
        feats = article_features(a, f)
        idx._add(state, a, feats, idx.embedder.embed([feats.lead])[0], "forced")
    idx.take_changes()
    p = idx._pairwise([m for m in state.members])
    assert p.shape == (CE.REPAIR_RECENT, CE.REPAIR_RECENT) and np.allclose(p, p.T)
    before = len(idx.events())
    old = (CE.SPLIT_CROSS, CE.SPLIT_WITHIN)
    try:
        CE.SPLIT_CROSS, CE.SPLIT_WITHIN = 1.0, 0.0  # any two-way grouping of the recent articles counts
        idx._repair(state, [])
    finally:
        CE.SPLIT_CROSS, CE.SPLIT_WITHIN = old
    evs = idx.events()
    assert len(evs) == before + 1
    assert sorted(a for e in evs for a in e.articles) == sorted(r[0] for r in rows)
    changed, removed = idx.take_changes()
    assert {e.id for e in changed} == {e.id for e in evs} and removed == []
    assert any("split off" in w for e in evs for w in e.why)
    # the moved articles are really out of the old event's counts
    assert sum(idx._events[e.id].ents["h:padang"] for e in evs) == sum(1 for r in rows if "Padang" in r[1])


def test_merge_of_two_block_events_and_state_reload(article, settings):
    idx = EventIndex(settings)
    _feed(idx, article, QUAKE_MARCH[:1])
    # a second event for the same quake, opened by hand (as when the first report scored just under the threshold)
    a, f = article(QUAKE_MARCH[1][0], QUAKE_MARCH[1][1], published=QUAKE_MARCH[1][3], entities=QUAKE_ENTS,
                   dates=QUAKE_MARCH[1][2])  # fmt: skip
    from crosswire.cluster.features import article_features

    feats = article_features(a, f)
    other = idx._open(a, feats, idx.embedder.embed([feats.lead])[0], "opened")
    first = idx._events[idx.event_of("qa1")]
    idx._try_merge(first, other)
    assert len(idx.events()) == 1 and idx.events()[0].articles == ["qa1", "qa2"]
    assert "merged with" in idx.events()[0].why[-1]
    _, removed = idx.take_changes()
    assert removed == [other.id]
    states = [(e.id, idx.state(e.id)) for e in idx.events()]
    again = EventIndex(settings)
    again.load_state(states)
    res1 = _feed(idx, article, QUAKE_MARCH[2:])
    res2 = _feed(again, article, QUAKE_MARCH[2:])
    assert res1["qa3"][0].id == res2["qa3"][0].id and res1["qa3"][0].why[-1] == res2["qa3"][0].why[-1]


# a follow-up report months after the quake (a reconstruction ruling), and a report of a new quake that names the
# earlier one as such
QUAKE_FOLLOW_UP = (
    "qf1", "Indonesia approved a reconstruction fund for Padang on Tuesday, six months after the magnitude 6.8 "
           "earthquake off Sumatra in March 2024 killed 52 people, the BMKG and the Red Cross said.",
    {"on Tuesday": "2024-09-10", "March 2024": "2024-03"}, "2024-09-10",
)  # fmt: skip


def test_a_follow_up_that_names_the_event_date_joins_it_months_later(article, settings):
    """A follow-up (a trial, a charging decision, a reconstruction fund) names the date of the event it follows;
    the months between the two dates then do not split the story."""
    idx = EventIndex(settings)
    _feed(idx, article, QUAKE_MARCH)
    res = _feed(idx, article, [QUAKE_FOLLOW_UP])
    assert res["qf1"][0].id == idx.event_of("qa1")
    assert idx._events[idx.event_of("qa1")].refs == {"2024-03|month": 1}
    # the other way round: the follow-up came in first, the event's own reports name no earlier date
    idx = EventIndex(settings)
    _feed(idx, article, [QUAKE_FOLLOW_UP])
    res = _feed(idx, article, QUAKE_MARCH)
    assert res["qa1"][0].id == idx.event_of("qf1")


def test_without_the_back_reference_or_as_a_repeat_the_follow_up_stays_apart(article, settings):
    """Guards the test above: the same report without the event's date, or naming it as an earlier occurrence
    ("the first since March 2024"), is kept apart by the date conflict."""
    aid, text, dates, pub = QUAKE_FOLLOW_UP
    repeat = text.replace("in March 2024", "the first since March 2024")
    for variant in (text.replace(" in March 2024", ""), repeat):
        idx = EventIndex(settings)
        _feed(idx, article, QUAKE_MARCH)
        res = _feed(idx, article, [(aid, variant, dates, pub)])
        assert res["qf1"][0].id != idx.event_of("qa1"), variant


def test_back_refs_are_earlier_days_and_months_only(article):
    from crosswire.cluster.features import article_features

    text = ("Talks resumed on Monday, two months after the ceasefire of 14 July 2024. The previous round in June "
            "2024 failed; a summit is planned for December 2024 and the treaty dates from 1990.")  # fmt: skip
    dates = {"on Monday": "2024-09-16", "14 July 2024": "2024-07-14", "June 2024": "2024-06",
             "December 2024": "2024-12", "1990": "1990"}  # fmt: skip
    a, f = article("r1", text, published="2024-09-17", dates=dates)
    assert article_features(a, f).refs == {"2024-07-14|day"}
