"""The store protocol: every backend (SQLite, PostgreSQL) offers exactly these methods.

One SQLAlchemy implementation serves both dialects (``crosswire.store.sql.SqlStore``); dialect-specific
pieces (full-text search) live in their own modules. Writes happen in one transaction per call: a
crash mid-ingest loses at most the batch in flight, and re-running completes the rest without duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from ..models import Article, ArticleFacts, Check, Claim, Entity, Event, EventRef, Quantity, Track


@dataclass
class ArticleInfo:
    """An article without its text: what lists and briefings show (title, outlet, date ...), plus its event.

    Read by :meth:`Store.list_article_infos` and :meth:`Store.search_infos`, so that a page listing articles
    never loads their bodies."""

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
    language_flag: str | None = None
    duplicate_of: str | None = None
    word_count: int = 0
    event: str | None = None  # the event the article belongs to, if any


class Store(Protocol):
    url: str

    # --- articles -------------------------------------------------------------------------------
    def add_articles(self, articles: Iterable[Article]) -> list[str]:
        """Insert articles whose id is not stored yet, in one transaction; return the ids inserted."""

    def get_article(self, article_id: str) -> Article:
        """One article; raises NotFound."""

    def has_article(self, article_id: str) -> bool: ...

    def find_by_content_hash(self, content_hash: str) -> str | None:
        """Id of the earliest stored article with this normalized-text hash."""

    def list_articles(
        self,
        *,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        entity: str | None = None,
        event: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Article]: ...

    def count_articles(self, **filters: Any) -> int: ...

    def list_article_infos(
        self,
        *,
        ids: Iterable[str] | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        entity: str | None = None,
        event: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ArticleInfo]:
        """``list_articles`` without the texts (and with each article's event), in one query; ``ids`` keeps
        only those articles (unknown ids are left out)."""

    def iter_articles(self, batch: int = 500, *, event: str | None = None) -> Iterator[Article]:
        """Every article (or every article of ``event``) in insertion order, streamed."""

    def set_duplicate_of(self, article_id: str, original_id: str | None) -> None: ...

    # --- dedup signatures (MinHash), so that a later ingest can find near-duplicates ---------------
    def save_signatures(self, sigs: dict[str, bytes]) -> None: ...

    def iter_signatures(self) -> Iterator[tuple[str, bytes]]: ...

    # --- facts -----------------------------------------------------------------------------------
    def save_facts(self, facts: Iterable[ArticleFacts]) -> None:
        """Replace the mentions, quotes, quantities, dates, claims and event references of these articles."""

    def get_facts(self, article_id: str) -> ArticleFacts: ...

    def has_facts(self, article_id: str) -> bool: ...

    def iter_facts(self, kind: str, *, event: str | None = None, batch: int = 1000) -> Iterator[Any]:
        """Stream every fact of one kind ("mentions", "quotes", "quantities", "dates", "claims",
        "event_refs") in the order saved, or only those of ``event``'s articles (used by the export)."""

    def list_quotes(
        self,
        *,
        article: str | None = None,
        speaker_entity: str | None = None,
        event: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Any]: ...

    def list_claims(
        self,
        *,
        article: str | None = None,
        event: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Any]: ...

    def list_figure_actors(self, units: Iterable[str]) -> list[tuple[str, str | None]]:
        """The distinct ``(unit, actor)`` of the claims whose quantity is in one of these units (actor None for
        claims without one), sorted by unit then actor (None first); counted in the database."""

    def list_figure_claims(
        self, *, units: Iterable[str], actors: Iterable[str | None] | None = None
    ) -> list[tuple[Claim, Quantity]]:
        """``(claim, its quantity)`` of the claims whose quantity is in one of these units, in the order saved;
        with ``actors``: only the claims of these actors (None in ``actors``: the claims without an actor)."""

    def get_claims(self, ids: Iterable[str]) -> list[Claim]:
        """The stored claims with these ids, in the order saved (unknown ids are left out), in one query."""

    def get_quantities(self, ids: Iterable[str]) -> list[Quantity]:
        """The stored quantities with these ids, in the order saved (unknown ids are left out), in one query."""

    # --- entities --------------------------------------------------------------------------------
    def save_entities(self, entities: Iterable[Entity]) -> None:
        """Upsert canonical entities (labels included)."""

    def list_entities(
        self, *, type: str | None = None, q: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Entity]: ...

    def get_entity(self, entity_id: str) -> Entity: ...

    def get_entities(self, ids: Iterable[str], *, labels: bool = True) -> list[Entity]:
        """The stored entities with these ids by name (unknown ids are left out); ``labels=False`` leaves
        their label occurrences unloaded (``Entity.labels`` empty)."""

    def count_entity_labels(
        self, entity_ids: Iterable[str], *, event: str | None = None
    ) -> list[tuple[str, str | None, str, int]]:
        """``(entity, outlet, label, count)`` of the labels these entities are given, counted in the database,
        in the order each (entity, outlet, label) first occurs. With ``event``: only labels in that event's
        articles, under the article's outlet; without: all labels, under the outlet stored with the label."""

    # --- events ----------------------------------------------------------------------------------
    def save_events(self, events: Iterable[Event]) -> None:
        """Upsert events and their article membership (claims' ``event`` follow the articles)."""

    def list_events(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        since: str | None = None,
        until: str | None = None,
        members: bool = True,
    ) -> list[Event]:
        """Chronologically; ``since``/``until`` keep the events dated within that window (any precision).
        ``members=False`` leaves ``Event.articles`` empty (``event_sizes`` counts them)."""

    def get_event(self, event_id: str, *, members: bool = True) -> Event: ...

    def find_events(
        self, *, entities: Iterable[str], units: Iterable[str] | None = None, members: bool = True
    ) -> list[Event]:
        """The events having any of these key entities (``Event.entities``), in ``list_events`` order, read
        through an index (not a scan of every event). With ``units``: only those with a claim whose quantity
        is in one of these units. ``members`` as in ``list_events``."""

    def event_sizes(self, event_ids: Iterable[str]) -> dict[str, int]:
        """Number of articles of each of these events (0 for an unknown or empty one), counted in one query."""

    def event_outlets(self, event_id: str) -> list[tuple[str | None, int]]:
        """``(outlet, articles)`` of an event's articles, most articles first, counted in one query."""

    def event_of(self, article_id: str) -> str | None: ...

    def delete_events(self, event_ids: Iterable[str]) -> None:
        """Remove events merged away: membership, index state and checks (articles stay)."""

    def save_event_state(self, event_id: str, state: bytes) -> None:
        """Opaque per-event state of the clustering index (centroid, entity/date profile)."""

    def iter_event_states(self) -> Iterator[tuple[str, bytes]]: ...

    # --- event references ("their meeting in Busan in October") ---------------------------------------
    def list_event_refs(
        self,
        *,
        article: str | None = None,
        event: str | None = None,
        unlinked: bool = False,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        outside: bool = False,
    ) -> list[EventRef]:
        """References of an article, linked to an event, not linked yet, or dated within a window;
        ``outside`` (with ``event``) keeps those made by articles that are not in that event."""

    def link_event_refs(self, links: dict[str, tuple[str | None, str | None]]) -> None:
        """Set ``{ref id: (event id or None, why)}`` on stored references."""

    # --- cross-check -----------------------------------------------------------------------------
    def replace_checks(self, event_id: str | None, checks: Iterable[Check]) -> None: ...

    def list_checks(self, *, event: str | None = None) -> list[Check]: ...

    def replace_tracks(self, tracks: Iterable[Track]) -> None:
        """Replace every stored track by these."""

    def replace_tracks_of(
        self, articles: Iterable[str], tracks: Iterable[Track], *, units: Iterable[str | None] | None = None
    ) -> None:
        """Replace the stored tracks citing a claim of any of these articles (with ``units``: only those in
        one of these units) by ``tracks``, in one transaction; other tracks are kept, in their order, and the
        new ones follow them. Reads only the tracks of those articles."""

    def list_tracks(self, *, articles: Iterable[str] | None = None, event: str | None = None) -> list[Track]:
        """Tracks in the order saved; with ``articles``: only those citing a claim of one of them; with ``event``:
        only those citing a claim of one of its articles."""

    # --- search ----------------------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[tuple[Article, str]]:
        """Full-text search (FTS5 / tsvector) of titles and texts: (article, highlighted snippet) best first."""

    def search_infos(self, query: str, *, limit: int = 20, offset: int = 0) -> list[tuple[ArticleInfo, str]]:
        """``search`` without loading the articles' texts into the results."""

    # --- reading consistently ------------------------------------------------------------------------
    def snapshot(self) -> AbstractContextManager[None]:
        """A block whose reads (in this thread / task) all see one consistent state of the store and share one
        connection; nested blocks join the outer one. Writes inside it are not part of it."""

    def close(self) -> None: ...
