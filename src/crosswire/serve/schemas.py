"""Typed response and request bodies of the JSON API (field names follow the JSON export)."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ..models import to_dict

T = TypeVar("T")


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")

    @classmethod
    def of(cls, record: Any, **extra: Any):  # noqa: ANN206 - returns cls
        """Build from a crosswire record (dataclass) plus extra fields."""
        return cls.model_validate({**to_dict(record), **extra})


class ErrorBody(BaseModel):
    code: str = Field(description="machine-readable: not_found, unauthorized, writes_disabled, too_large, ...")
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody


class Page(BaseModel, Generic[T]):
    items: list[T]
    limit: int
    offset: int
    total: int | None = Field(None, description="number of matching items when cheap to count, else null")
    next_offset: int | None = Field(None, description="offset of the next page, null on the last page")


class ArticleSummary(_Out):
    id: str
    source: str
    external_id: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    published_from: str = "unknown"
    byline: str | None = None
    language: str | None = None
    duplicate_of: str | None = None
    word_count: int = 0

    @classmethod
    def of(cls, record: Any, **extra: Any):  # noqa: ANN206 - returns cls
        """From an ``Article`` or an ``ArticleInfo``: its fields are read directly (flat records, no copy)."""
        if extra:
            return super().of(record, **extra)
        return cls.model_validate(record, from_attributes=True)


class ArticleOut(ArticleSummary):
    text: str


class MentionOut(_Out):
    id: str
    article: str
    text: str
    span: tuple[int, int]
    type: str
    entity: str | None = None
    label: str | None = None
    label_span: tuple[int, int] | None = None
    metonym: str | None = None


class QuoteOut(_Out):
    id: str
    article: str
    text: str
    span: tuple[int, int]
    direct: bool = True
    speaker: str | None = None
    speaker_entity: str | None = None
    cue: str | None = None
    partial: bool = False


class QuantityOut(_Out):
    id: str
    article: str
    text: str
    span: tuple[int, int]
    value: float | None
    unit: str
    measures: str | None = None
    approx: bool = False
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None


class DateOut(_Out):
    id: str
    article: str
    text: str
    span: tuple[int, int]
    value: str | None
    precision: str | None
    type: str = "DATE"


class ClaimOut(_Out):
    id: str
    article: str
    event: str | None = None
    sentence: str
    span: tuple[int, int]
    action: str
    actor: str | None = None
    actor_text: str | None = None
    theme: str | None = None
    quantity: str | None = None
    time: str | None = None
    modality: str = "asserted"
    attributed_to: str | None = None
    polarity: bool = True


class EventRefOut(_Out):
    id: str
    article: str
    text: str
    span: tuple[int, int]
    head: str
    date: str | None = None
    date_precision: str | None = None
    place: str | None = None
    event: str | None = Field(None, description="id of the stored event the phrase refers to, null when not linked")
    why: str | None = None
    entities: list[str] = []


class FactsOut(BaseModel):
    mentions: list[MentionOut]
    quotes: list[QuoteOut]
    quantities: list[QuantityOut]
    dates: list[DateOut]
    claims: list[ClaimOut]
    sentences: list[tuple[int, int]]
    event_refs: list[EventRefOut] = Field(default_factory=list, description="events the article refers to")


class ArticleDetail(BaseModel):
    article: ArticleOut
    event: str | None
    facts: FactsOut


class EntityLabelOut(_Out):
    article: str
    outlet: str | None
    label: str
    span: tuple[int, int]


class EntitySummary(_Out):
    id: str
    name: str
    type: str
    aliases: list[str] = []


class OutletLabels(BaseModel):
    outlet: str
    labels: list[LabelCount]


class LabelCount(BaseModel):
    label: str
    count: int


class EntityDetail(BaseModel):
    entity: EntitySummary
    labels_by_outlet: list[OutletLabels]
    labels: list[EntityLabelOut] = Field(description="at most 500 label occurrences")


class EventOut(_Out):
    id: str
    label: str
    date: str | None = None
    date_precision: str | None = None
    why: list[str] = []
    entities: list[str] = []
    n_articles: int = 0


class CheckValueOut(BaseModel):
    claim: str
    value: float | None
    unit: str | None


class CheckOut(_Out):
    id: str
    event: str | None
    about: str
    status: str
    claims: list[str] = []
    outlets: list[str] = []
    missing_from: list[str] = []
    values: list[CheckValueOut] = []
    modalities: list[dict[str, str]] = []
    modality_disagreement: bool = False
    note: str | None = None


class TrackPointOut(BaseModel):
    date: str | None
    value: float | None
    claims: list[str] = []
    label: str | None = None


class TrackOut(_Out):
    id: str = ""
    about: str
    unit: str | None
    points: list[TrackPointOut] = []


class EntityFraming(BaseModel):
    entity: str
    name: str
    by_outlet: list[OutletLabels]


class SpeakerQuotes(BaseModel):
    speaker: str
    speaker_entity: str | None
    total: int = Field(description="quotes by this speaker in the event (up to the read cap)")
    quotes: list[QuoteWithOutlet]


class QuoteWithOutlet(QuoteOut):
    outlet: str


class EventDetail(BaseModel):
    event: EventOut
    articles: Page[ArticleSummary]
    outlets: list[OutletCount]
    checks: list[CheckOut]
    framing: list[EntityFraming]
    quotes_by_speaker: list[SpeakerQuotes]
    tracks: list[TrackOut]


class OutletCount(BaseModel):
    outlet: str
    articles: int


class SearchHit(BaseModel):
    article: ArticleSummary
    snippet: str = Field(description="HTML-escaped excerpt with <mark> around the matches (as the store returns it)")


class ArticleIn(BaseModel):
    """One article to ingest; only ``text`` is required."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1)
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="ISO date or datetime")
    url: str | None = None
    byline: str | None = None
    id: str | None = Field(None, description="the record's own id (external id)")


class IngestResult(BaseModel):
    model_config = ConfigDict(extra="allow")
    accepted: int


OutletLabels.model_rebuild()
EntityDetail.model_rebuild()
EntityFraming.model_rebuild()
SpeakerQuotes.model_rebuild()
EventDetail.model_rebuild()
