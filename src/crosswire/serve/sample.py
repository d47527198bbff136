"""A small, hand-annotated sample store: the packaged trump-xi corpus as two events.

Used by the serve/report tests, the browser tests and ``benchmarks/bench_serve.py`` so that the web UI
and the reports can be exercised without the NLP pipeline. Every record is written through the store
protocol (``add_articles``, ``save_facts``, ``save_entities``, ``save_events``, ``replace_checks``,
``replace_tracks``), and every span is located in the real article text, so offsets are exact.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..models import (
    Article,
    ArticleFacts,
    Check,
    CheckValue,
    Claim,
    DateExpr,
    Entity,
    EntityLabel,
    Event,
    Mention,
    Quantity,
    Quote,
    Span,
    Track,
    TrackPoint,
    stable_id,
)
from ..store.base import Store

_STOP = re.compile(r"([\w.]*)[.!?][\"”’]?\s+")
_ABBREV = {"U.S", "U.K", "Feb", "Jan", "Mr", "Mrs", "Dr", "St", "Gen"}

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus" / "trump-xi"

XI, TRUMP, CHINA, TAIWAN, GLASER, LUTNICK, MAO = (
    "ent-xi",
    "ent-trump",
    "ent-china",
    "ent-taiwan",
    "ent-glaser",
    "ent-lutnick",
    "ent-mao",
)
ENTITY_NAMES = {
    XI: ("Xi Jinping", "PERSON", ["Xi", "President Xi"]),
    TRUMP: ("Donald Trump", "PERSON", ["Trump", "President Trump"]),
    CHINA: ("China", "GPE", ["Beijing"]),
    TAIWAN: ("Taiwan", "GPE", ["Taipei"]),
    GLASER: ("Bonnie Glaser", "PERSON", []),
    LUTNICK: ("Howard Lutnick", "PERSON", ["Lutnick"]),
    MAO: ("Mao Ning", "PERSON", ["Mao"]),
}


@dataclass
class _Doc:
    """Builds the facts of one article, locating every span in its text."""

    article: Article
    facts: ArticleFacts = field(init=False)
    labels: list[tuple[str, EntityLabel]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.facts = ArticleFacts(article=self.article.id)

    def span(self, needle: str, nth: int = 0) -> Span:
        text, start = self.article.text, -1
        for _ in range(nth + 1):
            start = text.find(needle, start + 1)
            if start < 0:
                raise ValueError(f"{needle!r} not in article {self.article.external_id}")
        return (start, start + len(needle))

    def sentence(self, needle: str) -> Span:
        s, e = self.span(needle)
        text = self.article.text
        stops = [m.end() for m in _STOP.finditer(text) if m.group(1) not in _ABBREV]
        begin = max([i for i in stops if i <= s] + [text.rfind("\n", 0, s) + 1])
        ends = [i for i in stops if i >= e] + [i for i in (text.find("\n", e),) if i >= 0] + [len(text)]
        end = min(ends)
        while end > begin and text[end - 1].isspace():
            end -= 1
        return (begin, end)

    def _id(self, kind: str, items: list) -> str:
        return f"{self.article.id}:{kind}{len(items)}"

    def mention(self, needle: str, type: str, entity: str, *, label: str | None = None, nth: int = 0,
                metonym: str | None = None) -> None:
        span = self.span(needle, nth)
        label_span = None
        if label:
            ls = self.article.text.rfind(label, 0, span[0] + 1)
            label_span = (ls, ls + len(label)) if ls >= 0 else None
            if label_span:
                self.labels.append((entity, EntityLabel(self.article.id, self.article.outlet, label, label_span)))
        self.facts.mentions.append(Mention(self._id("m", self.facts.mentions), self.article.id, needle, span,
                                           type, entity, label, label_span, metonym, needle.lower()))

    def quote(self, text: str, speaker: str, entity: str | None, cue: str = "said", direct: bool = True) -> None:
        span = self.span(text)
        self.facts.quotes.append(Quote(self._id("q", self.facts.quotes), self.article.id, text, span, direct,
                                       speaker, None, entity, cue))

    def qty(self, needle: str, value: float, unit: str, measures: str, *, approx: bool = False,
            qualifier: str | None = None) -> str:
        qid = self._id("n", self.facts.quantities)
        self.facts.quantities.append(Quantity(qid, self.article.id, needle, self.span(needle), value, unit,
                                              measures, approx, qualifier=qualifier))
        return qid

    def date(self, needle: str, value: str | None, precision: str | None, nth: int = 0) -> None:
        self.facts.dates.append(DateExpr(self._id("d", self.facts.dates), self.article.id, needle,
                                         self.span(needle, nth), value, precision))

    def claim(self, needle: str, action: str, *, modality: str = "asserted", actor: str | None = None,
              theme: str | None = None, quantity: str | None = None, time: str | None = None,
              attributed_to: str | None = None, polarity: bool = True) -> str:
        cid = self._id("c", self.facts.claims)
        s, e = self.sentence(needle)
        self.facts.claims.append(Claim(cid, self.article.id, self.article.text[s:e], (s, e), action, actor,
                                       ENTITY_NAMES.get(actor or "", (actor,))[0], theme, quantity, time,
                                       modality, attributed_to, polarity))
        return cid


def _article(name: str, meta: dict) -> Article:
    text = (CORPUS / name).read_text("utf-8")
    return Article(
        id=Article.make_id(name, text), source=str(CORPUS / name), external_id=name, text=text,
        outlet=meta.get("outlet"), title=meta.get("title"), published=meta.get("published"),
        published_from="metadata" if meta.get("published") else "unknown", language="en",
        content_hash=hashlib.sha1(" ".join(text.split()).encode()).hexdigest(),
        word_count=len(text.split()),
    )


TITLES = {
    "000_9e346072865a3c7c.txt": "China agrees to buy more US soybeans in 'very positive' Trump-Xi call",
    "001_b8be540f18eca976.txt": "Trump calls talk with Xi 'excellent' ahead of April Beijing trip",
    "002_57a376ad6c067051.txt": "Trump and Xi speak for first time since tariff truce",
    "003_cd19687c5c8d3638.txt": "Trump Speaks With Xi by Phone, Predicts 'Positive Results' Through Presidential Term",
    "004_cd40c5c6974a77d7.txt": "Trump says Xi has 'more or less agreed' to buy more US goods",
}


@dataclass
class Sample:
    """Ids of what :func:`populate` wrote, for tests to refer to."""

    articles: dict[str, str]  # file name -> article id
    events: dict[str, str]  # "feb" | "nov" -> event id
    checks: dict[str, str]  # short name -> check id
    claims: dict[str, str]


def build() -> tuple[list[Article], list[ArticleFacts], list[Entity], list[Event], list[Check], list[Track], Sample]:
    """All records of the sample, not yet stored."""
    sources = json.loads((CORPUS / "sources.json").read_text("utf-8"))
    docs = {n: _Doc(_article(n, {**m, "title": TITLES[n]})) for n, m in sorted(sources.items())}
    gt, oan, afin, epoch, anon = (docs[n] for n in sorted(docs))
    c: dict[str, str] = {}

    # --- 000 Gulf Times (Feb call) ---------------------------------------------------------------
    gt.mention("Donald Trump", "PERSON", TRUMP, label="President")
    gt.mention("Xi Jinping", "PERSON", XI, label="President")
    gt.mention("Beijing", "GPE", CHINA, metonym="government of China")
    gt.mention("Taiwan", "GPE", TAIWAN)
    gt.mention("Bonnie Glaser", "PERSON", GLASER, label=None)
    gt.labels.append((GLASER, EntityLabel(gt.article.id, gt.article.outlet,
                                          "head of the Indo-Pacific programme", gt.span("head of the Indo-Pacific programme"))))
    gt.date("Wednesday", "2026-02-04", "day")
    gt.date("December", "2025-12", "month")
    n20 = gt.qty("20mn tonnes", 20e6, "t", "soybean purchases from the US, current season")
    n12 = gt.qty("12mn tonnes", 12e6, "t", "soybean purchases from the US, previously")
    arms = gt.qty("$11.1bn", 11.1e9, "USD", "US arms sale to Taiwan")
    c["gt_soy20"] = gt.claim("Xi agreed to hike soybean purchases", "buy", modality="agreed", actor=CHINA,
                             theme="US soybeans", quantity=n20, time="2026-SU", attributed_to=TRUMP)
    c["gt_soy12"] = gt.claim("up from 12mn tonnes", "buy", actor=CHINA, theme="US soybeans", quantity=n12)
    c["gt_arms"] = gt.claim("largest-ever arms sales deal", "announce", actor="US", theme="arms sale to Taiwan",
                            quantity=arms, time="2025-12")
    gt.quote("All very positive,", "Trump", TRUMP, "said")
    gt.quote("I attach great importance to Sino-US relations,", "Xi Jinping", XI, "said")
    gt.quote("Both sides are signalling that they want to preserve stability in the US-China relationship,",
             "Bonnie Glaser", GLASER, "said")
    gt.quote("The United States must carefully handle arms sales to Taiwan,", "Beijing", CHINA, "said")

    # --- 001 One America News (Feb call) ---------------------------------------------------------
    oan.mention("Donald Trump", "PERSON", TRUMP, label="President")
    oan.mention("Xi Jinping", "PERSON", XI, label="Chinese President")
    oan.mention("Taiwan", "GPE", TAIWAN)
    oan.date("Wednesday, February 4, 2026", "2026-02-04", "day")
    oan.date("April", "2026-04", "month")
    o20 = oan.qty("20 Million Tons", 20e6, "t", "soybean purchases from the US, current season")
    o25 = oan.qty("25 million tons", 25e6, "t", "soybean purchases from the US, next season")
    o20b = oan.qty("20 million tons", 20e6, "t", "soybean purchases from the US, current")
    o11 = oan.qty("$11 billion", 11e9, "USD", "US arms sale to Taiwan")
    o10 = oan.qty("10%", 10.0, "%", "US tariff reduction")
    c["oan_soy20"] = oan.claim("the consideration by China of the purchase", "buy", modality="considered",
                               actor=CHINA, theme="US soybeans", quantity=o20, time="2026-SU", attributed_to=TRUMP)
    c["oan_soy25"] = oan.claim("China has reportedly pledged to purchase 25 million tons", "buy", modality="pledged",
                               actor=CHINA, theme="US soybeans", quantity=o25, time="2027-SU")
    c["oan_soy_prev"] = oan.claim("up from the current 20 million tons", "buy", actor=CHINA, theme="US soybeans",
                                  quantity=o20b)
    c["oan_arms"] = oan.claim("record-breaking $11 billion arms package", "approve", actor=TRUMP,
                              theme="arms sale to Taiwan", quantity=o11, time="2025-12")
    c["oan_tariff"] = oan.claim("Trump agreed to a 10% tariff reduction", "reduce", modality="agreed", actor=TRUMP,
                                theme="tariffs on China", quantity=o10, time="2025-10")
    oan.quote("I have just completed an excellent telephone conversation with President Xi of China.", "Trump", TRUMP,
              "wrote")
    oan.quote("The Taiwan question is the most important issue in China-U.S. relations", "Xi", XI, "stated")
    oan.quote("sound communication", "the Chinese Foreign Ministry", CHINA, "highlighted")

    # --- 002 AsianFin (Nov call) -----------------------------------------------------------------
    afin.mention("Donald Trump", "PERSON", TRUMP, label="U.S. President")
    afin.mention("Xi Jinping", "PERSON", XI, label="Chinese President")
    afin.mention("Taiwan", "GPE", TAIWAN)
    afin.mention("Howard Lutnick", "PERSON", LUTNICK, label="U.S. Commerce Secretary")
    afin.date("Monday", "2025-11-24", "day")
    afin.date("April", "2026-04", "month")
    a792 = afin.qty("792,000 tons", 792000.0, "t", "single-day soybean purchase")
    c["afin_visit"] = afin.claim("Trump accepted Xi's invitation to visit Beijing in April", "accept", actor=TRUMP,
                                 theme="invitation to visit Beijing", time="2026-04")
    c["afin_792"] = afin.claim("totaling 792,000 tons", "buy", actor=CHINA, theme="US soybeans", quantity=a792)
    afin.quote("Our relationship with China is extremely strong!", "Trump", TRUMP, "wrote")
    afin.quote("That kind of decision sits right on the desk of Donald Trump,", "Lutnick", LUTNICK, "said")
    afin.quote("how important the Taiwan question is to China.", "Xi", XI, "said", direct=False)

    # --- 003 The Epoch Times (Feb call) ----------------------------------------------------------
    epoch.mention("Donald Trump", "PERSON", TRUMP, label="President")
    epoch.mention("Xi Jinping", "PERSON", XI, label="Chinese Communist Party leader")
    epoch.date("Feb. 4", "2026-02-04", "day")
    epoch.date("October 2025", "2025-10", "month")
    e20 = epoch.qty("20 million tons", 20e6, "t", "soybean purchases from the US, current season")
    e12 = epoch.qty("12 million metric tons", 12e6, "t", "soybean purchases from the US, current")
    e25 = epoch.qty("25 million tons", 25e6, "t", "soybean purchases from the US, next season")
    c["ep_soy20"] = epoch.claim("Trump said China would consider raising", "buy", modality="considered", actor=CHINA,
                                theme="US soybeans", quantity=e20, time="2026-SU", attributed_to=TRUMP)
    c["ep_soy12"] = epoch.claim("up from the current 12 million metric tons", "buy", actor=CHINA,
                                theme="US soybeans", quantity=e12)
    c["ep_soy25"] = epoch.claim("China will also commit to purchasing", "buy", modality="committed", actor=CHINA,
                                theme="US soybeans", quantity=e25, time="2027-SU", attributed_to=TRUMP)
    epoch.quote("many positive results", "He", TRUMP, "said")
    epoch.quote("we both realize how important it is to keep it that way.", "Trump", TRUMP, "said")

    # --- 004 unknown outlet (Nov call) -----------------------------------------------------------
    anon.mention("Donald Trump", "PERSON", TRUMP, label="U.S. President")
    anon.mention("Xi Jinping", "PERSON", XI, label="Chinese President")
    anon.mention("Mao Ning", "PERSON", MAO, label="spokesperson")
    anon.date("Monday", "2025-11-24", "day")
    a12 = anon.qty("12 million metric tonnes", 12e6, "t", "soybean purchases from the US, this year")
    a2 = anon.qty("nearly two million tonnes", 2e6, "t", "Chinese soybean orders so far", approx=True,
                  qualifier="nearly")
    c["anon_visit"] = anon.claim("accepted Xi’s invitation to visit Beijing in April", "accept", actor=TRUMP,
                                 theme="invitation to visit Beijing", time="2026-04")
    c["anon_soy12"] = anon.claim("China had pledged to buy 12 million metric tonnes", "buy", modality="pledged",
                                 actor=CHINA, theme="US soybeans", quantity=a12, time="2025",
                                 attributed_to="Scott Bessent")
    c["anon_orders"] = anon.claim("nearly two million tonnes", "buy", actor=CHINA, theme="US soybeans", quantity=a2)
    anon.quote("I think we will be pleasantly surprised by the actions of President Xi,", "Trump", TRUMP, "said")
    anon.quote("positive, friendly and constructive.", "Mao Ning", MAO, "calling")
    anon.quote("Our relationship with China is extremely strong,", "Trump", TRUMP, "wrote")

    for d in docs.values():
        d.facts.sentences = [d.sentence(cl.sentence[:20]) for cl in d.facts.claims]

    # --- entities (labels per outlet) ------------------------------------------------------------
    labels: dict[str, list[EntityLabel]] = {}
    for d in docs.values():
        for ent, lab in d.labels:
            labels.setdefault(ent, []).append(lab)
    entities = [Entity(eid, name, typ, aliases, labels.get(eid, [])) for eid, (name, typ, aliases)
                in ENTITY_NAMES.items()]

    feb = Event(stable_id("event", "feb"), "Trump-Xi call: soybeans, Taiwan arms sales, April visit", "2026-02-04",
                "day", [gt.article.id, oan.article.id, epoch.article.id],
                ["all three report a call on Wednesday 2026-02-04",
                 "shared entities: Donald Trump, Xi Jinping, Taiwan",
                 "shared figures: 20 million tonnes of soybeans for the current season"],
                [TRUMP, XI, CHINA, TAIWAN])
    nov = Event(stable_id("event", "nov"), "Trump-Xi call after the tariff truce", "2025-11-24", "day",
                [afin.article.id, anon.article.id],
                ["both report a call on Monday 2025-11-24", "shared entities: Donald Trump, Xi Jinping",
                 "both mention the invitation to visit Beijing in April"],
                [TRUMP, XI, CHINA, TAIWAN])

    def check(key: str, event: Event, about: str, status: str, claims: list[str], missing: list[str],
              note: str, docs_by_claim: dict[str, _Doc]) -> Check:
        cl = {x.id: x for d in docs.values() for x in d.facts.claims}
        qs = {x.id: x for d in docs.values() for x in d.facts.quantities}
        values = [CheckValue(i, qs[cl[i].quantity].value, qs[cl[i].quantity].unit) for i in claims
                  if cl[i].quantity]
        mods = [{"claim": i, "modality": cl[i].modality} for i in claims]
        outlets = sorted({docs_by_claim[i].article.outlet or "" for i in claims})
        return Check(stable_id("check", key), event.id, about, status, claims, [o for o in outlets if o],
                     missing, values, mods, len({m["modality"] for m in mods}) > 1, note)

    by_claim = {x.id: d for d in docs.values() for x in d.facts.claims}
    G, E = gt.article.outlet, epoch.article.outlet
    A = afin.article.outlet
    checks = [
        check("soy20", feb, "China's US soybean purchases, current season", "corroborated",
              [c["gt_soy20"], c["oan_soy20"], c["ep_soy20"]], [],
              "20 million tonnes in all three; Gulf Times says China agreed, the others that it would consider it",
              by_claim),
        check("soy25", feb, "China's US soybean purchases, next season", "corroborated",
              [c["oan_soy25"], c["ep_soy25"]], [G], "25 million tonnes in two of three outlets", by_claim),
        check("arms", feb, "December US arms sale to Taiwan", "consistent", [c["gt_arms"], c["oan_arms"]], [E],
              "$11.1bn and $11 billion agree within rounding", by_claim),
        check("soyprev", feb, "China's soybean purchase level before the call", "conflicting",
              [c["gt_soy12"], c["ep_soy12"], c["oan_soy_prev"]], [],
              "12 million tonnes in two outlets, 20 million in one", by_claim),
        check("tariff", feb, "US tariff reduction agreed in October", "single_source", [c["oan_tariff"]], [G, E],
              "only One America News gives the 10% figure", by_claim),
        check("visit", nov, "Trump accepts invitation to visit Beijing in April", "corroborated",
              [c["afin_visit"], c["anon_visit"]], [], "both outlets report it", by_claim),
        check("soy792", nov, "China's largest single-day soybean purchase", "single_source", [c["afin_792"]], [],
              "only AsianFin gives 792,000 tons", by_claim),
        check("soy12nov", nov, "China's soybean pledge for this year", "single_source", [c["anon_soy12"]], [A],
              "12 million tonnes, attributed to Scott Bessent", by_claim),
    ]
    tracks = [Track("China's US soybean purchase commitment", "t", [
        TrackPoint("2025-11-25", 12e6, [c["anon_soy12"]], "this year"),
        TrackPoint("2026-02-04", 20e6, [c["gt_soy20"], c["oan_soy20"], c["ep_soy20"]], "current season"),
        TrackPoint("2026-02-04", 25e6, [c["oan_soy25"], c["ep_soy25"]], "next season"),
    ], stable_id("track", "soy"))]
    sample = Sample({n: d.article.id for n, d in docs.items()}, {"feb": feb.id, "nov": nov.id},
                    {k: stable_id("check", k) for k in ("soy20", "soy25", "arms", "soyprev", "tariff", "visit",
                                                         "soy792", "soy12nov")}, c)
    return ([d.article for d in docs.values()], [d.facts for d in docs.values()], entities, [feb, nov], checks,
            tracks, sample)


def populate(store: Store) -> Sample:
    """Write the sample into ``store`` through the protocol methods; return the ids."""
    articles, facts, entities, events, checks, tracks, sample = build()
    store.add_articles(articles)
    store.save_entities(entities)
    store.save_facts(facts)
    store.save_events(events)
    for ev in events:
        store.replace_checks(ev.id, [ch for ch in checks if ch.event == ev.id])
    store.replace_tracks(tracks)
    return sample


def grow_event(store: Store, event_id: str, n: int, *, start: int = 0, outlets: int = 40) -> list[str]:
    """Add ``n`` synthetic reprints (with their facts) of the event's first article to the event.

    Each copy gets its own id and one of ``outlets`` outlet names, so an event can be made as large as a
    test or a benchmark needs. Returns the new article ids.
    """
    event = store.get_event(event_id)
    base = store.get_article(event.articles[0])
    base_facts = store.get_facts(base.id)
    new_articles, new_facts = [], []
    for i in range(start, start + n):
        text = base.text + f"\n\n(Reprint {i}.)"
        ext = f"reprint-{event_id}-{i}"
        a = Article(id=Article.make_id(ext, text), source="sample", external_id=ext, text=text,
                    outlet=f"Outlet {i % outlets:02d}", title=f"{base.title} (reprint {i})", published=base.published,
                    published_from=base.published_from, language="en",
                    content_hash=hashlib.sha1(text.encode()).hexdigest(), word_count=len(text.split()))
        f = ArticleFacts(article=a.id, sentences=list(base_facts.sentences))
        for kind in ("mentions", "quotes", "quantities", "dates", "claims"):
            for rec in getattr(base_facts, kind):
                copy = type(rec)(**{**rec.__dict__, "id": a.id + rec.id[len(base.id):], "article": a.id})
                if isinstance(copy, Claim) and copy.quantity:
                    copy.quantity = a.id + copy.quantity[len(base.id):]
                getattr(f, kind).append(copy)
        new_articles.append(a)
        new_facts.append(f)
    store.add_articles(new_articles)
    store.save_facts(new_facts)
    event.articles = event.articles + [a.id for a in new_articles]
    store.save_events([event])
    return [a.id for a in new_articles]


#: markup and script payloads that must come back inert everywhere they are shown
HOSTILE_TITLE = '<script>alert("title")</script><img src=x onerror=alert(1)>'
HOSTILE_OUTLET = "<b onmouseover=alert(2)>Evil & Co</b>"
HOSTILE_TEXT = (
    'Breaking: <script>alert("text")</script> officials said 30 million tonnes. '
    '<a href="javascript:alert(3)">click here</a> and <img src=x onerror="alert(4)"> '
    "&lt;script&gt;alert(5)&lt;/script&gt; &amp; more. "
    '"<svg onload=alert(6)>" said <i>Mallory</i>.'
)


def add_hostile_article(store: Store, event_id: str) -> str:
    """Store an article whose title, outlet, url and text carry markup, event handlers, ``javascript:`` URLs
    and HTML entities, with facts, a label and a check pointing into them; add it to ``event_id``.

    Used by the escaping tests (HTML, browser, reports). Returns the article id.
    """
    ext = "hostile.txt"
    a = Article(id=Article.make_id(ext, HOSTILE_TEXT), source="hostile", external_id=ext, text=HOSTILE_TEXT,
                outlet=HOSTILE_OUTLET, title=HOSTILE_TITLE, url="javascript:alert(7)", published="2026-02-04",
                published_from="metadata", byline='<img src=x onerror=alert(8)>', language="en",
                content_hash=hashlib.sha1(HOSTILE_TEXT.encode()).hexdigest(), word_count=len(HOSTILE_TEXT.split()))
    d = _Doc(a)
    d.mention('<script>alert("text")</script>', "ORG", XI, label="Breaking:")
    n = d.qty("30 million tonnes", 30e6, "t", "soybean purchases from the US, current season")
    cid = d.claim("officials said 30 million tonnes", "buy", modality="reported", actor=CHINA, quantity=n)
    d.quote("<svg onload=alert(6)>", "<i>Mallory</i>", None, "said")
    d.date("&lt;script&gt;", None, None)
    store.add_articles([a])
    store.save_facts([d.facts])
    ent = store.get_entity(XI)
    ent.labels.append(EntityLabel(a.id, HOSTILE_OUTLET, '<img src=x onerror=alert(9)>', (0, 9)))
    store.save_entities([ent])
    event = store.get_event(event_id)
    event.articles.append(a.id)
    event.why.append('<script>alert("why")</script>')
    store.save_events([event])
    checks = store.list_checks(event=event_id)
    checks.append(Check(stable_id("check", "hostile"), event_id, '<img src=x onerror=alert(10)> figure',
                        "conflicting", [cid], [HOSTILE_OUTLET], [], [CheckValue(cid, 30e6, "t")],
                        [{"claim": cid, "modality": "reported"}], False, "<script>alert(11)</script>"))
    store.replace_checks(event_id, checks)
    return a.id
