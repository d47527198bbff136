"""The store protocol: every backend (SQLite, PostgreSQL) offers exactly these methods.

One SQLAlchemy implementation serves both dialects (``crosswire.store.sql.SqlStore``); dialect-specific
pieces (full-text search) live in their own modules. Writes happen in one transaction per call: a
crash mid-ingest loses at most the batch in flight, and re-running completes the rest without duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from ..models import Article, ArticleFacts, Check, Entity, Event, EventRef, Track


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

    # --- entities --------------------------------------------------------------------------------
    def save_entities(self, entities: Iterable[Entity]) -> None:
        """Upsert canonical entities (labels included)."""

    def list_entities(
        self, *, type: str | None = None, q: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Entity]: ...

    def get_entity(self, entity_id: str) -> Entity: ...

    # --- events ----------------------------------------------------------------------------------
    def save_events(self, events: Iterable[Event]) -> None:
        """Upsert events and their article membership (claims' ``event`` follow the articles)."""

    def list_events(
        self, *, limit: int | None = None, offset: int = 0, since: str | None = None, until: str | None = None
    ) -> list[Event]:
        """Chronologically; ``since``/``until`` keep the events dated within that window (any precision)."""

    def get_event(self, event_id: str) -> Event: ...

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
    ) -> list[EventRef]:
        """References of an article, linked to an event, not linked yet, or dated within a window."""

    def link_event_refs(self, links: dict[str, tuple[str | None, str | None]]) -> None:
        """Set ``{ref id: (event id or None, why)}`` on stored references."""

    # --- cross-check -----------------------------------------------------------------------------
    def replace_checks(self, event_id: str | None, checks: Iterable[Check]) -> None: ...

    def list_checks(self, *, event: str | None = None) -> list[Check]: ...

    def replace_tracks(self, tracks: Iterable[Track]) -> None: ...

    def list_tracks(self) -> list[Track]: ...

    # --- search ----------------------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[tuple[Article, str]]:
        """Full-text search (FTS5 / tsvector): (article, highlighted snippet) best first."""

    def close(self) -> None: ...
