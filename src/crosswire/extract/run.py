"""Run every extractor over articles: one spaCy pass per article, then pure functions over the Doc.

The order matters: quotes need mentions (speakers), claims need everything else, and event references
(``crosswire.cluster.refs``) need the mentions and dates. Entity linking across
articles happens afterwards (``crosswire.extract.linking``), because it needs the facts of many articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..models import Article, ArticleFacts


def extract_doc(doc: Any, article: Article) -> ArticleFacts:
    """All facts of one article from its parsed Doc."""
    from ..cluster.refs import find_event_refs
    from .claims import extract_claims
    from .dates import extract_dates
    from .entities import extract_mentions
    from .quantities import extract_quantities
    from .quotes import extract_quotes

    mentions = extract_mentions(doc, article)
    quotes = extract_quotes(doc, article, mentions)
    quantities = extract_quantities(doc, article)
    dates = extract_dates(doc, article)
    claims = extract_claims(doc, article, mentions, quotes, quantities, dates)
    facts = ArticleFacts(
        article=article.id,
        mentions=mentions,
        quotes=quotes,
        quantities=quantities,
        dates=dates,
        claims=claims,
        sentences=[(s.start_char, s.end_char) for s in doc.sents],
    )
    # events referred to ("their meeting in Busan in October"): linked to stored events after clustering
    facts.event_refs = find_event_refs(doc, article, facts)
    return facts


def extract_facts(articles: Iterable[Article], nlp: Any, settings: Any = None) -> Iterator[ArticleFacts]:
    """Facts of each article, in order, with the spaCy pass batched (and multi-process when configured)."""
    from .nlp import pipe

    articles = list(articles)
    for article, doc in zip(articles, pipe(nlp, (a.text for a in articles), settings), strict=True):
        yield extract_doc(doc, article)
