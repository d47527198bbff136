"""Plain records passed between the stages of the pipeline.

The data flow is ``ingest -> normalize -> dedup -> extract -> link -> cluster -> reconcile -> store``.
Every stage takes and returns these dataclasses; none of them knows about the store or spaCy.
Field names follow the JSON export (``shared/spec/export.md``, ``crosswire/export/schema.json``).

Spans are ``(start, end)`` character offsets into ``Article.text``.
IDs are deterministic so that re-running a stage on the same input gives the same rows:
articles hash their external id and text; facts are ``<article id>:<kind><n>``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

Span = tuple[int, int]

#: where an article's publication date came from
PUBLISHED_FROM = ("metadata", "text", "inferred", "unknown")

#: modality grades of a claim, from firmest to weakest; "negated"/"denied" are polarity
MODALITIES = (
    "asserted",
    "committed",
    "agreed",
    "pledged",
    "expected",
    "considered",
    "reported",
    "denied",
    "negated",
)

#: statuses of a cross-check
CHECK_STATUSES = ("corroborated", "consistent", "conflicting", "single_source")


def stable_id(*parts: str, length: int = 16) -> str:
    """A short, deterministic hex id from the given parts."""
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]


@dataclass
class RawDocument:
    """What an ingest reader yields: text or HTML plus whatever metadata the container carried."""

    source: str  # path or URL it came from
    external_id: str  # the record's own id: JSONL `id`, WARC record id / URL, else the file name
    text: str | None = None  # plain text, when the input is text
    html: str | None = None  # raw HTML, when the input is a web page
    kind: str = "text"  # text | html | feed | jsonl | warc
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date or datetime as given
    published_from: str = "unknown"  # metadata | text | inferred | unknown
    byline: str | None = None


@dataclass
class Article:
    id: str
    source: str
    external_id: str
    text: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS+ZZ:ZZ"
    published_from: str = "unknown"
    byline: str | None = None
    language: str | None = None
    language_flag: str | None = None  # e.g. "non-english" when kept but not processed
    duplicate_of: str | None = None
    content_hash: str = ""  # sha1 of the normalized text, for exact-duplicate detection
    word_count: int = 0

    @staticmethod
    def make_id(external_id: str, text: str) -> str:
        return stable_id(external_id, text)


@dataclass
class Mention:
    """One entity mention in one article."""

    id: str
    article: str
    text: str
    span: Span
    type: str  # spaCy label: PERSON, ORG, GPE, NORP, ...
    entity: str | None = None  # canonical Entity.id once linked
    label: str | None = None  # title/description this mention carries ("President", "head of ...")
    label_span: Span | None = None
    metonym: str | None = None  # e.g. "government of China" when "Beijing" stands for it
    head: str | None = None  # normalized key used for linking ("xi jinping")


@dataclass
class EntityLabel:
    article: str
    outlet: str | None
    label: str
    span: Span


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    labels: list[EntityLabel] = field(default_factory=list)


@dataclass
class Quote:
    id: str
    article: str
    text: str
    span: Span
    direct: bool = True
    speaker: str | None = None  # as written
    speaker_span: Span | None = None
    speaker_entity: str | None = None  # Entity.id
    cue: str | None = None
    partial: bool = False


@dataclass
class Quantity:
    id: str
    article: str
    text: str
    span: Span
    value: float | None
    unit: str  # t, USD, CNY, EUR, %, pp, count, ...
    measures: str | None = None
    approx: bool = False  # "nearly", "about", "some"
    low: float | None = None  # ranges
    high: float | None = None
    qualifier: str | None = None  # "nearly", "up to", "more than"


@dataclass
class DateExpr:
    id: str
    article: str
    text: str
    span: Span
    value: str | None  # TimeML TIMEX3 value, None when it cannot be resolved
    precision: str | None  # day | week | month | quarter | season | year | decade | time | present | duration
    type: str = "DATE"  # DATE | TIME | DURATION | SET


@dataclass
class Claim:
    id: str
    article: str
    sentence: str
    span: Span  # the sentence span
    action: str  # lemma
    actor: str | None = None  # entity id when linked, else text
    actor_text: str | None = None
    theme: str | None = None
    quantity: str | None = None  # Quantity.id
    time: str | None = None  # YYYY[-MM[-DD]] or other TimeML value
    modality: str = "asserted"
    attributed_to: str | None = None  # entity id or text of whoever asserts it; None = the outlet itself
    polarity: bool = True
    event: str | None = None
    verb: str | None = None  # the content verb's lemma as written ("hike"); ``action`` is its class ("increase")
    slot: str | None = None  # relative time slot: "current season", "next season", "previously", ...
    cue: str | None = None  # the word that set the modality ("agreed", "would consider", "reportedly")


@dataclass
class Event:
    id: str
    label: str
    date: str | None = None
    date_precision: str | None = None
    articles: list[str] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)  # key entity ids


@dataclass
class EventRef:
    """An event referred to inside an article ("their meeting in Busan in October", "the December arms sale"),
    and the stored event it names once linked (``crosswire.cluster.refs``)."""

    id: str  # "<article id>:r<n>"
    article: str
    text: str
    span: Span
    head: str  # the event noun's lemma ("meeting", "sale", "call")
    date: str | None = None  # TimeML value of the date the phrase gives the event ("2025-10", "2025-11-24")
    date_precision: str | None = None  # day | week | month | quarter | season | year
    place: str | None = None  # a place named in the phrase ("Busan")
    event: str | None = None  # id of the stored event it refers to, once linked
    why: str | None = None  # human-readable reason of the link
    entities: list[str] = field(default_factory=list)  # entity ids (or "h:" name keys) of the phrase's sentence


@dataclass
class CheckValue:
    claim: str
    value: float | None
    unit: str | None


@dataclass
class Check:
    id: str
    event: str | None
    about: str
    status: str
    claims: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    missing_from: list[str] = field(default_factory=list)
    values: list[CheckValue] = field(default_factory=list)
    modalities: list[dict[str, str]] = field(default_factory=list)
    modality_disagreement: bool = False
    note: str | None = None  # human-readable one-liner


@dataclass
class TrackPoint:
    date: str | None
    value: float | None
    claims: list[str] = field(default_factory=list)
    label: str | None = None  # e.g. "current season"


@dataclass
class Track:
    about: str
    unit: str | None
    points: list[TrackPoint] = field(default_factory=list)
    id: str = ""


@dataclass
class ArticleFacts:
    """Everything the extract stage finds in one article."""

    article: str
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    event_refs: list[EventRef] = field(default_factory=list)


def to_dict(record: Any) -> dict[str, Any]:
    """A record as a JSON-ready dict (tuples become lists)."""
    d = asdict(record)
    return _lists(d)


def _lists(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _lists(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_lists(v) for v in obj]
    return obj
