"""Helpers for the cluster tests: articles with hand-made facts, so most tests need no spaCy."""

from __future__ import annotations

import re

import pytest

from crosswire.models import Article, ArticleFacts, DateExpr, Mention


def make_article(
    aid: str, text: str, *, published: str | None = None, entities: dict[str, str] | None = None,
    dates: dict[str, str] | None = None, title: str | None = None, outlet: str | None = None,
    duplicate_of: str | None = None,
) -> tuple[Article, ArticleFacts]:
    """An article and facts: ``entities`` maps surface text -> type, ``dates`` maps surface text -> TimeML value
    (every occurrence in the text becomes a mention / date expression)."""
    art = Article(id=aid, source=f"{aid}.txt", external_id=aid, text=text, title=title, outlet=outlet,
                  published=published, duplicate_of=duplicate_of)
    mentions, dexprs = [], []
    for surface, typ in (entities or {}).items():
        for m in re.finditer(re.escape(surface), text):
            mentions.append(Mention(id=f"{aid}:m{len(mentions)}", article=aid, text=surface, span=m.span(), type=typ,
                                    head=surface.lower()))
    for surface, value in (dates or {}).items():
        for m in re.finditer(re.escape(surface), text):
            dexprs.append(DateExpr(id=f"{aid}:d{len(dexprs)}", article=aid, text=surface, span=m.span(), value=value,
                                   precision="day" if len(value) == 10 else "month"))
    return art, ArticleFacts(article=aid, mentions=mentions, dates=dexprs)  # fmt: skip


@pytest.fixture
def article():
    return make_article
