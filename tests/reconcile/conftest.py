"""Helpers for the reconcile tests: hand-made articles, claims and quantities (no NLP needed)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from crosswire.models import Article, ArticleFacts, Claim, Mention, Quantity


@dataclass
class Desk:
    """Builds a small multi-outlet corpus claim by claim."""

    articles: dict[str, Article] = field(default_factory=dict)
    facts: dict[str, ArticleFacts] = field(default_factory=dict)

    def article(self, aid: str, outlet: str | None, published: str = "2025-01-01", **kw) -> Article:
        a = Article(id=aid, source=f"/data/{aid}.txt", external_id=f"{aid}.txt", text=kw.pop("text", ""),
                    outlet=outlet, published=published, **kw)
        self.articles[aid] = a
        self.facts[aid] = ArticleFacts(article=aid)
        return a

    def claim(self, aid: str, action: str, theme: str | None, value: float | None = None, unit: str = "count",
              text: str | None = None, **kw) -> Claim:
        f = self.facts[aid]
        qid = None
        if value is not None:
            qid = f"{aid}:q{len(f.quantities)}"
            written = text or (f"{value:.0f}" if float(value).is_integer() else repr(value))
            f.quantities.append(Quantity(id=qid, article=aid, text=written, span=(0, len(written)), value=value,
                                         unit=unit, approx=kw.pop("approx", False), qualifier=kw.pop("qualifier", None),
                                         measures=kw.pop("measures", None)))
        c = Claim(id=f"{aid}:c{len(f.claims)}", article=aid, sentence="s", span=(0, 1), action=action,
                  theme=theme, quantity=qid, **kw)
        c.actor_text = c.actor
        f.claims.append(c)
        return c

    def mention(self, aid: str, text: str, type_: str, **kw) -> None:
        f = self.facts[aid]
        f.mentions.append(Mention(id=f"{aid}:m{len(f.mentions)}", article=aid, text=text, span=(0, len(text)),
                                  type=type_, **kw))

    @property
    def all_articles(self) -> list[Article]:
        return list(self.articles.values())

    @property
    def all_facts(self) -> list[ArticleFacts]:
        return list(self.facts.values())


@pytest.fixture
def desk() -> Desk:
    return Desk()
