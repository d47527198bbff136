"""The server-rendered pages (HTML checked without a browser): content, caps, and escaping."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from crosswire.models import ArticleFacts, Claim, Mention, Quantity
from crosswire.serve.app import create_app
from crosswire.serve.highlight import marks_for, segments
from crosswire.serve.sample import grow_event


def test_event_list_and_briefing(client, sample):
    home = client.get("/")
    assert home.status_code == 200 and home.headers["content-security-policy"].startswith("default-src 'none'")
    assert f'href="/events/{sample.events["feb"]}"' in home.text
    page = client.get(f"/events/{sample.events['feb']}").text
    for badge in ("st-corroborated", "st-consistent", "st-conflicting", "st-single_source"):
        assert badge in page
    matrix = page.split('<table class="matrix">')[1].split("</table>")[0]
    for state in ("c-carried", "c-hedged", "c-contradicted", "c-omitted"):
        assert state in matrix
    assert page.count("<circle") == 3 and "Chinese Communist Party leader" in page
    assert 'id="speaker-ent-trump"' in page


def test_article_marks_are_exact_and_linked(client, sample):
    aid = sample.articles["000_9e346072865a3c7c.txt"]
    page = client.get(f"/articles/{aid}").text
    m = re.search(r'<mark class="mk mk-quantity" title="[^"]*"><a href="([^"]+)">20mn tonnes</a></mark>', page)
    assert m and m.group(1) == f"/events/{sample.events['feb']}#check-{sample.checks['soy20']}"
    assert '<a href="/entities/ent-xi">Xi Jinping</a>' in page


def test_hostile_text_is_escaped(client, hostile):
    pages = [client.get(u).text for u in (f"/articles/{hostile}", "/entities/ent-xi", "/search?q=officials",
                                           "/search?q=%3Cscript%3E")]
    pages.append(client.get(f"/events/{client.get('/api/events').json()['items'][0]['id']}").text)
    for html in pages:
        assert "<script" not in html.lower()
        assert not re.search(r"<[^>]+\son(?:error|load|mouseover)\s*=", html, re.I)
        assert 'href="javascript:' not in html.lower()
    article = pages[0]
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in article
    assert "&amp;lt;script&amp;gt;</mark>alert(5)&amp;lt;/script&amp;gt;" in article  # entities show as written


def test_big_event_is_capped(settings, store, sample):
    settings.serve.page_size = 20
    grow_event(store, sample.events["nov"], 150, outlets=30)
    with TestClient(create_app(settings, store)) as c:
        page = c.get(f"/events/{sample.events['nov']}").text
        articles = page.split('<section id="articles">')[1]
        assert articles.count('class="article-link"') == 20 and "page 1 of 8" in articles
        matrix = page.split('<table class="matrix">')[1].split("</table>")[0]
        assert matrix.split("</thead>")[0].count("<th ") == 11  # 10 outlets + the claim column
        last = c.get(f"/events/{sample.events['nov']}", params={"page": 8, "cols": 4}).text
        assert last.split('<section id="articles">')[1].count('class="article-link"') == 12
        assert "page 4 of 4" in last


def test_html_errors(client):
    r = client.get("/events/nope")
    assert r.status_code == 404 and "<h1>404" in r.text and "nope" in r.text
    assert client.get("/articles/x", params={"page": 0}).status_code in (404, 422)


@pytest.mark.parametrize("n", [0, 1])
def test_segments_nest_and_cover_the_text(n):
    text = "China agreed to buy 20mn tonnes of soybeans."
    facts = ArticleFacts("a", mentions=[Mention("a:m0", "a", "China", (0, 5), "GPE", "ent-china")],
                         quantities=[Quantity("a:n0", "a", "20mn tonnes", (20, 31), 20e6, "t")],
                         claims=[Claim("a:c0", "a", text, (0, len(text)), "buy", quantity="a:n0")][: n + 1])
    marks = marks_for(facts, event_id="ev", claim_checks={"a:c0": "ch"}, text_len=len(text))
    segs = segments(text, marks)
    assert "".join(s.text for s in segs) == text
    qty = next(s for s in segs if s.text == "20mn tonnes")
    assert [m.kind for m in qty.marks][-1] == "quantity" and qty.link == "/events/ev#check-ch"
    assert next(s for s in segs if s.text == "China").link == "/entities/ent-china"


def test_out_of_range_spans_are_dropped():
    facts = ArticleFacts("a", mentions=[Mention("a:m0", "a", "x", (5, 99), "GPE"),
                                        Mention("a:m1", "a", "x", (3, 3), "GPE")])
    assert marks_for(facts, text_len=10) == []
