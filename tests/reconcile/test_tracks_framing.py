"""build_tracks ordering/merging and framing per outlet, on hand-made records."""

from __future__ import annotations

from crosswire.models import Entity, EntityLabel, Event
from crosswire.reconcile.framing import framing
from crosswire.reconcile.tracks import build_tracks


def test_track_orders_by_event_date_then_slot(desk):
    desk.article("n1", "N", published="2025-11-25")
    desk.article("f1", "F", published="2026-02-04")
    desk.article("f2", "G", published="2026-02-04")
    # given out of order on purpose
    desk.claim("f1", "buy", "soybeans", 25e6, "t", actor="China", slot="next season")
    desk.claim("f1", "increase", "soybean purchases", 20e6, "t", actor="China", slot="current season")
    desk.claim("f2", "increase", "soybean purchases", 12e6, "t", actor="Beijing", slot="previously")
    desk.claim("n1", "buy", "soybeans", 12e6, "t", actor="China", slot="current year")
    desk.claim("n1", "buy", "soybeans", 2e6, "t", actor="Brazil")  # another actor: not on this track
    events = [Event(id="feb", label="", date="2026-02-04", articles=["f1", "f2"]),
              Event(id="nov", label="", date="2025-11-24", articles=["n1"])]
    tracks = build_tracks(events, desk.all_articles, desk.all_facts)
    assert len(tracks) == 1
    t = tracks[0]
    assert t.about == "China soybean purchases" and t.unit == "t"
    assert [p.value for p in t.points] == [12e6, 20e6, 25e6]
    assert t.points[0].date == "2025-11-24" and set(t.points[0].claims) == {"n1:c0", "f2:c0"}
    assert [p.label for p in t.points][1:] == ["current season", "next season"]
    assert t.id == build_tracks(events[::-1], desk.all_articles[::-1], desk.all_facts[::-1])[0].id


def test_no_track_without_change_and_units_kept_apart(desk):
    desk.article("a", "A", published="2024-01-01")
    desk.article("b", "B", published="2024-06-01")
    desk.claim("a", "spend", "defence budget", 50e9, "EUR", actor="Germany")
    desk.claim("b", "spend", "defence budget", 50e9, "EUR", actor="Germany")
    desk.claim("b", "spend", "defence budget", 60e9, "USD", actor="Germany")
    events = [Event(id="e1", label="", date="2024-01-01", articles=["a"]), Event(id="e2", label="", date="2024-06-01", articles=["b"])]
    assert build_tracks(events, desk.all_articles, desk.all_facts) == []
    desk.claim("b", "spend", "defence budget", 72e9, "EUR", actor="Germany", slot="next year")
    tracks = build_tracks(events, desk.all_articles, desk.all_facts)
    assert [(p.value, p.label) for p in tracks[0].points] == [(50e9, None), (72e9, "next year")]
    assert tracks[0].unit == "EUR"


def test_framing_per_outlet(desk):
    desk.article("a", "Outlet A")
    desk.article("b", "Outlet B")
    desk.article("c", None)
    desk.article("d", "Copy", duplicate_of="a")
    xi = Entity(id="p:xi", name="Xi Jinping", type="PERSON", labels=[
        EntityLabel(article="a", outlet="Outlet A", label="Chinese President", span=(0, 1)),
        EntityLabel(article="a", outlet="Outlet A", label="Chinese  president", span=(5, 6)),
        EntityLabel(article="b", outlet="Outlet B", label="Chinese Communist Party leader", span=(0, 1)),
        EntityLabel(article="c", outlet=None, label="President", span=(0, 1)),
        EntityLabel(article="d", outlet="Copy", label="dictator", span=(0, 1)),
    ])
    nobody = Entity(id="o:x", name="X", type="ORG")
    out = framing({"p:xi": xi, "o:x": nobody}, desk.all_articles)
    assert out == {"p:xi": {"Outlet A": ["Chinese President"], "Outlet B": ["Chinese Communist Party leader"],
                            "c.txt": ["President"]}}
