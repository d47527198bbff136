"""An event's briefing, computed once from the store and rendered by the web UI and the reports.

What is agreed, what differs, who carried / hedged / contradicted / omitted which claim, quotes by speaker,
labels per outlet (framing), tracked figures, where other stories refer to the event ("referred to by"), and
for every line the outlet and the sentence it comes from.
Every list is bounded: callers pass offsets and limits, and totals say how much was left out.
The reads are bounded too: a briefing costs a fixed number of queries whatever the size of the event
(outlets are counted in the database, only the claims, quotes and articles shown are read, article
texts never), all inside one store snapshot so that a concurrent ingest cannot tear it.

Checks are read in the order a reader wants them, and each check belongs to exactly one section
(``Row.section``, :data:`SECTIONS`):

1. ``multi``: figures and claims carried by two or more outlets (corroborated / consistent), figures first,
   then by number of outlets; a modality disagreement is shown on the row, not as a second entry;
2. ``conflict``: conflicting figures or an assertion against a denial;
3. ``single``: single-source checks that carry a figure or a firm commitment (committed / agreed / pledged /
   denied), at most ``single_limit`` of them (``Briefing.sections``); the rest are only counted
   (``Briefing.single_more``) and stay available in full in the web UI's paged list and the export.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..models import Check, Claim, Entity, Event, EventRef, Quote, Track
from ..store.base import Store

#: modality -> tier: 0 firm, higher = weaker; "denied"/"negated" are polarity, not hedging
_TIER = {"asserted": 0, "committed": 0, "agreed": 0, "pledged": 0, "expected": 1, "considered": 2, "reported": 3}
_NEGATIVE = {"denied", "negated"}
NO_OUTLET = "(unknown outlet)"
STATUS_LABELS = {
    "corroborated": "corroborated",
    "consistent": "consistent within rounding",
    "conflicting": "conflicting",
    "single_source": "single source",
}
CELL_STATES = ("carried", "hedged", "contradicted", "omitted", "none")
#: the briefing's sections, in reading order (see the module docstring)
SECTIONS = ("multi", "conflict", "single")
SECTION_TITLES = {
    "multi": "Reported by two or more outlets",
    "conflict": "What differs",
    "single": "Reported by one outlet only",
}
#: single-source claims worth listing: a figure, or one of these stances
NOTABLE_MODALITIES = frozenset({"committed", "agreed", "pledged", "denied"})


def outlet_name(outlet: str | None) -> str:
    return outlet or NO_OUTLET


def fmt_value(value: float | None, unit: str | None, measures: str | None = None) -> str:
    """A figure as a reader writes it: 20 million t, $11.1 bn, 10%, 20 cargoes (a count names what it counts
    when ``measures`` is known)."""
    if value is None:
        return "?"
    unit = unit or ""
    a = abs(value)
    if a >= 1e9:
        num = f"{value / 1e9:.3g} bn"
    elif a >= 1e6:
        num = f"{value / 1e6:.3g} million"
    elif a >= 1e4:
        num = f"{value:,.0f}"
    else:
        num = f"{value:.4g}"
    if unit == "USD":
        return "$" + num
    if unit in ("%", "pp"):
        return num + (" pp" if unit == "pp" else "%")
    if unit == "count" or not unit:
        return f"{num} {measures}" if unit == "count" and measures else num
    return f"{num} {unit}"


@dataclass
class Line:
    """One claim as an outlet carried it: the provenance of every briefing line."""

    claim: str
    article: str
    outlet: str
    sentence: str
    modality: str
    value: float | None = None
    unit: str | None = None
    polarity: bool = True
    state: str = "carried"
    measures: str | None = None  # what a count counts ("cargoes"), from the claim's quantity

    @property
    def shown(self) -> str:
        """The figure as shown: :func:`fmt_value` with what a count counts."""
        return fmt_value(self.value, self.unit, self.measures)


@dataclass
class Cell:
    state: str  # carried | hedged | contradicted | omitted | none
    line: Line | None = None


@dataclass
class Row:
    check: Check
    lines: list[Line]
    cells: list[Cell] = field(default_factory=list)
    lines_total: int = 0
    section: str = "single"  # multi | conflict | single (SECTIONS)
    notable: bool = False  # a single-source row worth listing: it carries a figure or a firm commitment

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.check.status, self.check.status)


@dataclass
class QuoteLine:
    quote: Quote
    outlet: str


@dataclass
class Speaker:
    name: str
    entity: str | None
    quotes: list[QuoteLine]
    total: int


@dataclass
class RefLine:
    """A phrase in an article outside the event that refers to it ("their October meeting in Busan")."""

    ref: EventRef
    outlet: str
    title: str | None
    published: str | None
    event: str | None  # the event the referring article belongs to


@dataclass
class Framing:
    entity: Entity
    by_outlet: list[tuple[str, list[tuple[str, int]]]]  # outlet -> [(label, count)]


@dataclass
class ChartPoint:
    x: float
    y: float
    date: str
    value: str
    label: str | None
    claims: list[str]


@dataclass
class Chart:
    """A tracked figure drawn as an inline SVG (coordinates computed here, markup in the templates)."""

    track: Track
    width: int
    height: int
    points: list[ChartPoint]
    path: str
    y_ticks: list[tuple[float, str]]
    baseline: float


@dataclass
class Briefing:
    event: Event  # its ``articles`` list is not read (``n_articles`` counts them)
    n_articles: int
    outlets: list[tuple[str, int]]  # every outlet covering the event, most articles first
    columns: list[str]  # the outlets shown in the matrix (a page of ``outlets``)
    col_offset: int
    col_limit: int
    rows: list[Row]  # a page of checks
    n_checks: int
    row_offset: int
    row_limit: int
    status_counts: dict[str, int]
    omissions: list[tuple[str, list[str]]]  # outlet -> abouts it left out
    speakers: list[Speaker]
    framing: list[Framing]
    charts: list[Chart]
    entity_names: dict[str, str]
    #: the page's rows by section, each check in one section only; "single" keeps the notable ones, at most
    #: ``single_limit``
    sections: dict[str, list[Row]] = field(default_factory=dict)
    single_total: int = 0  # single-source checks of the whole event
    single_more: int = 0  # single-source checks not listed in ``sections["single"]``
    #: phrases in articles of other events (or of none) that refer to this event, at most ``ref_limit``
    referred_by: list[RefLine] = field(default_factory=list)
    referred_by_more: bool = False  # more references exist than listed


def section_of(check: Check) -> str:
    """The one section a check belongs to (module docstring)."""
    if check.status == "conflicting":
        return "conflict"
    if check.status == "single_source":
        return "single"
    return "multi"  # corroborated / consistent: carried by two or more outlets


def is_notable(check: Check) -> bool:
    """A check worth listing even from one outlet: it carries a figure or a firm commitment."""
    if any(v.value is not None for v in check.values):
        return True
    return any(m.get("modality") in NOTABLE_MODALITIES for m in check.modalities)


def check_order(check: Check) -> tuple:
    """Reading order: multi-outlet (figures first, most outlets first), conflicts, notable single-source
    (figures before commitments), other single-source."""
    sec = SECTIONS.index(section_of(check))
    has_value = any(v.value is not None for v in check.values)
    notable = is_notable(check)
    return (sec, sec == 2 and not notable, not has_value, -len(check.outlets), -len(check.claims), check.about,
            check.id)


def _article_of(claim_id: str) -> str:
    return claim_id.split(":", 1)[0]


def _close(a: float, b: float, tol: float) -> bool:
    return a == b or abs(a - b) <= tol * max(abs(a), abs(b))


def _lines(check: Check, claims: dict[str, Claim], outlets: dict[str, str], tol: float,
           measures: dict[str, str] | None = None) -> list[Line]:
    mods = {m.get("claim"): m.get("modality") for m in check.modalities}
    vals = {v.claim: v for v in check.values}
    lines = []
    for cid in check.claims:
        c = claims.get(cid)
        art = c.article if c else _article_of(cid)
        v = vals.get(cid)
        lines.append(Line(cid, art, outlets.get(art, NO_OUTLET), c.sentence if c else "",
                          mods.get(cid) or (c.modality if c else "asserted"),
                          v.value if v else None, v.unit if v else None, c.polarity if c else True,
                          measures=(measures or {}).get(c.quantity) if c and c.quantity else None))
    # contradicted: negative polarity against positive ones, or a value outside the largest agreeing group
    positive = [ln for ln in lines if ln.polarity and ln.modality not in _NEGATIVE]
    for ln in lines:
        if positive and (not ln.polarity or ln.modality in _NEGATIVE):
            ln.state = "contradicted"
    valued = [ln for ln in positive if ln.value is not None]
    if check.status == "conflicting" and valued:
        groups = [[o for o in valued if _close(o.value, ln.value, tol)] for ln in valued]  # type: ignore[arg-type]
        best = max(groups, key=len)
        tie = sum(1 for g in groups if len(g) == len(best) and g != best) > 0
        for ln in valued:
            if tie or ln not in best:  # against the majority figure, or no majority at all
                ln.state = "contradicted"
    tiers = [_TIER.get(ln.modality, 0) for ln in positive]
    if tiers:
        firm = min(tiers)
        for ln in positive:
            if ln.state == "carried" and _TIER.get(ln.modality, 0) > firm:
                ln.state = "hedged"
    return lines


_STATE_ORDER = {"contradicted": 0, "hedged": 1, "carried": 2}


def _cells(row: Row, columns: list[str]) -> list[Cell]:
    cells = []
    missing = {outlet_name(o) for o in row.check.missing_from}
    for col in columns:
        mine = sorted((ln for ln in row.lines if ln.outlet == col), key=lambda ln: _STATE_ORDER.get(ln.state, 3))
        if mine:
            cells.append(Cell(mine[0].state, mine[0]))
        elif col in missing:
            cells.append(Cell("omitted"))
        else:
            cells.append(Cell("none"))
    return cells


def _chart(track: Track, width: int = 560, height: int = 200) -> Chart:
    pts = [p for p in track.points if p.value is not None]
    pad_l, pad_r, pad_t, pad_b = 78, 20, 24, 40
    inset = 40  # keep the first and last point (and their labels) off the edges
    top = max((p.value for p in pts), default=1.0) or 1.0  # type: ignore[type-var]
    mag = 10 ** math.floor(math.log10(top)) if top > 0 else 1
    top = math.ceil(top * 1.15 / mag) * mag
    inner_w, inner_h = width - pad_l - pad_r, height - pad_t - pad_b
    n = len(pts)
    out: list[ChartPoint] = []
    for i, p in enumerate(pts):
        x = pad_l + inset + ((inner_w - 2 * inset) / 2 if n == 1 else (inner_w - 2 * inset) * i / (n - 1))
        y = pad_t + inner_h * (1 - (p.value or 0) / top)
        out.append(ChartPoint(round(x, 1), round(y, 1), p.date or "undated", fmt_value(p.value, track.unit),
                              p.label, list(p.claims)))
    path = " ".join(f"{'M' if i == 0 else 'L'}{p.x},{p.y}" for i, p in enumerate(out))
    ticks = [(round(pad_t + inner_h * (1 - k / 4), 1), fmt_value(top * k / 4, track.unit)) for k in range(5)]
    return Chart(track, width, height, out, path, ticks, pad_t + inner_h)


def build_briefing(
    store: Store,
    event_id: str,
    *,
    row_offset: int = 0,
    row_limit: int = 25,
    col_offset: int = 0,
    col_limit: int = 10,
    quote_limit: int = 300,
    per_speaker: int = 8,
    max_speakers: int = 30,
    max_framing: int = 12,
    rel_tolerance: float = 0.02,
    single_limit: int = 8,
    ref_limit: int = 50,
) -> Briefing:
    """Everything the event page and the reports show, bounded by the given offsets and limits.

    Raises :class:`NotFound` for an unknown event.
    """
    with store.snapshot():
        return _build(store, event_id, row_offset, row_limit, col_offset, col_limit, quote_limit, per_speaker,
                      max_speakers, max_framing, rel_tolerance, single_limit, ref_limit)


def _build(store: Store, event_id: str, row_offset: int, row_limit: int, col_offset: int, col_limit: int,
           quote_limit: int, per_speaker: int, max_speakers: int, max_framing: int, rel_tolerance: float,
           single_limit: int, ref_limit: int) -> Briefing:
    event = store.get_event(event_id, members=False)
    counts: Counter[str] = Counter()
    for o, n in store.event_outlets(event.id):
        counts[outlet_name(o)] += n
    n_articles = sum(counts.values())
    outlet_list = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    columns = [o for o, _ in outlet_list[col_offset: col_offset + col_limit]]

    checks = sorted(store.list_checks(event=event.id), key=check_order)
    page = checks[row_offset: row_offset + row_limit]
    tracks = store.list_tracks(event=event.id)
    found = store.get_claims({cid for c in page for cid in c.claims})
    quotes = store.list_quotes(event=event.id, limit=quote_limit)
    refs = store.list_event_refs(event=event.id, outside=True, limit=ref_limit + 1)
    # one read of every article the briefing names: outlet (and event) of the lines, quotes, tracks, refs
    named = ({c.article for c in found} | {_article_of(cid) for c in page for cid in c.claims}
             | {q.article for q in quotes} | {r.article for r in refs}
             | {_article_of(cid) for t in tracks for p in t.points for cid in p.claims})
    infos = {i.id: i for i in store.list_article_infos(ids=named)} if named else {}
    outlets = {i.id: outlet_name(i.outlet) for i in infos.values() if i.event == event.id}
    # a claim whose article is not in the event (any more) is shown like a missing one: no sentence, no outlet
    claims = {c.id: c for c in found if c.article in outlets}
    counted = {q.id: q.measures for q in store.get_quantities({c.quantity for c in claims.values() if c.quantity})
               if q.unit == "count" and q.measures}
    rows = []
    for c in page:
        lines = _lines(c, claims, outlets, rel_tolerance, counted)
        row = Row(c, lines[:50], lines_total=len(lines), section=section_of(c), notable=is_notable(c))
        row.cells = _cells(Row(c, lines), columns)
        rows.append(row)
    sections: dict[str, list[Row]] = {s: [r for r in rows if r.section == s] for s in SECTIONS}
    sections["single"] = [r for r in sections["single"] if r.notable][: max(0, single_limit)]
    single_total = sum(1 for c in checks if section_of(c) == "single")

    omissions: dict[str, list[str]] = defaultdict(list)
    for c in checks:
        for o in c.missing_from:
            if len(omissions[outlet_name(o)]) < 50:
                omissions[outlet_name(o)].append(c.about)

    # the names of the speakers and of the event's entities, and the entities of the framing, in one read
    framed = list(event.entities[:max_framing])
    wanted = list(dict.fromkeys([*(q.speaker_entity for q in quotes if q.speaker_entity), *event.entities]))
    known = {e.id: e for e in store.get_entities(wanted, labels=False)} if wanted else {}
    names: dict[str, str] = {}

    def ent_name(eid: str | None) -> str | None:
        if not eid:
            return None
        if eid not in names:
            names[eid] = known[eid].name if eid in known else eid
        return names[eid]

    # quotes grouped by speaker (entity when linked, else the name as written)
    groups: dict[str, Speaker] = {}
    for q in quotes:
        key = q.speaker_entity or (q.speaker or "(unattributed)").strip().lower()
        sp = groups.get(key)
        if sp is None:
            sp = groups[key] = Speaker(ent_name(q.speaker_entity) or q.speaker or "(unattributed)",
                                       q.speaker_entity, [], 0)
        sp.total += 1
        if len(sp.quotes) < per_speaker:
            sp.quotes.append(QuoteLine(q, outlets.get(q.article, NO_OUTLET)))
    speakers = sorted(groups.values(), key=lambda s: (-s.total, s.name))[:max_speakers]

    # framing: the labels each outlet gives the event's key entities (mentioned in its articles), counted
    # by the database
    per_entity: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for eid, outlet, label, n in store.count_entity_labels([e for e in framed if e in known], event=event.id):
        per_entity[eid][outlet_name(outlet)][label] += n
    framing = []
    for eid in framed:
        if eid not in known:
            continue
        names[eid] = known[eid].name
        per = per_entity.get(eid)
        if per:
            framing.append(Framing(known[eid], [(o, per[o].most_common(6)) for o in sorted(per)][:40]))

    referred_by = []
    for r in refs:
        info = infos.get(r.article)
        if info is not None:
            referred_by.append(RefLine(r, outlet_name(info.outlet), info.title, info.published, info.event))
    referred_more = len(referred_by) > ref_limit

    charts = [_chart(t) for t in tracks
              if any(_article_of(cid) in outlets for p in t.points for cid in p.claims)][:10]
    for eid in event.entities:
        ent_name(eid)
    return Briefing(event, n_articles, outlet_list, columns, col_offset, col_limit, rows, len(checks),
                    row_offset, row_limit, dict(Counter(c.status for c in checks)),
                    sorted(omissions.items()), speakers, framing, charts, names, sections, single_total,
                    single_total - len(sections["single"]), referred_by[:ref_limit], referred_more)
