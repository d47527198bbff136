"""Full-text search: ranking, snippets, and untrusted queries on both backends."""

from __future__ import annotations

import pytest
from store_factories import make_article

from crosswire.store.fts import fts5_match, query_terms


@pytest.fixture
def corpus(store):
    store.add_articles(
        [
            make_article(
                1,
                title="Soybean deal",
                text="China agreed to buy soybeans. Soybean futures rallied; soybeans rose.",
            ),
            make_article(
                2,
                title="Taiwan arms sales",
                text="The US announced arms sales to Taiwan; soybeans were mentioned once.",
            ),
            make_article(3, title="Weather", text="Rain in Iowa <script>alert(1)</script> & more rain."),
            make_article(
                4,
                title="Nothing",
                text="It's the O'Brien report: \"quoted\" NEAR(a b) * - ;DROP TABLE articles;",
            ),
        ]
    )
    return store


def test_best_match_first_with_marked_snippet(corpus):
    hits = corpus.search("soybeans")
    assert [a.id for a, _ in hits] == ["a001", "a002"]
    assert "<mark>" in hits[0][1] and "</mark>" in hits[0][1]
    assert "<mark>soybeans</mark>" in hits[1][1].lower() or "<mark>soybean" in hits[1][1].lower()


def test_title_weighs_more_than_body(corpus):
    hits = corpus.search("taiwan")
    assert [a.id for a, _ in hits] == ["a002"]
    corpus.add_articles([make_article(5, title="Other", text="Taiwan Taiwan and Taiwan again, Taiwan.")])
    assert {a.id for a, _ in corpus.search("taiwan")} == {"a002", "a005"}


def test_all_words_are_required_and_stemmed(corpus):
    assert [a.id for a, _ in corpus.search("soybean futures")] == ["a001"]
    assert [a.id for a, _ in corpus.search("rallying")] == ["a001"]  # stem of "rallied"
    assert corpus.search("soybeans zebra") == []


def test_snippet_is_html_escaped(corpus):
    ((article, snippet),) = corpus.search("Iowa")
    assert article.id == "a003"
    # the markup is kept as text and escaped on both backends (ts_headline would drop it as a tag)
    assert snippet == "Rain in <mark>Iowa</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; more rain."[: len(snippet)]
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


def test_snippets_cover_title_and_body_alike(store):
    """Same rule on both backends: the marked title first when it matches, then the body's best fragment
    (its opening words when only the title matches); markup in either escaped."""
    store.add_articles([
        make_article(1, title="Soybean <deal> & more", text="Farmers in Iowa sold their soybeans to China."),
        make_article(2, title="Weather report", text="Rain fell on the soybean fields all week."),
        make_article(3, title="Soybeans <b>rally</b>", text="Prices rose on Monday after the announcement."),
        make_article(4, title="Markets", text="A quiet day."),
    ])
    hits = dict((a.id, s) for a, s in store.search("soybeans", limit=10))
    assert hits["a001"] == ("<mark>Soybean</mark> &lt;deal&gt; &amp; more — "
                            "Farmers in Iowa sold their <mark>soybeans</mark> to China.")
    assert hits["a002"] == "Rain fell on the <mark>soybean</mark> fields all week."  # title has no match
    # only the title matches: the title, then the opening of the body, unmarked
    assert hits["a003"] == ("<mark>Soybeans</mark> &lt;b&gt;rally&lt;/b&gt; — "
                            "Prices rose on Monday after the announcement.")
    assert set(hits) == {"a001", "a002", "a003"}
    # the words of a query may be split between title and body
    ((a, s),) = store.search("weather fields")
    assert a.id == "a002"
    assert s == "<mark>Weather</mark> report — Rain fell on the soybean <mark>fields</mark> all week."
    assert store.search_infos("soybeans", limit=10)[0][1] == store.search("soybeans", limit=10)[0][1]


def test_long_body_snippet_is_a_fragment_around_the_match(store):
    filler = " ".join(f"word{i}" for i in range(200))
    store.add_articles([make_article(1, title="Report", text=f"{filler} the soybean harvest {filler}")])
    ((_, s),) = store.search("harvest")
    # the same 24 words on both backends: the match a quarter of the way in, "…" on both cut ends
    after = " ".join(f"word{i}" for i in range(17))
    assert s == f"…word196 word197 word198 word199 the soybean <mark>harvest</mark> {after}…"
    ((_, s),) = store.search("report")  # only the title matches: the body's opening words
    assert s == "<mark>Report</mark> — " + " ".join(f"word{i}" for i in range(24)) + "…"


HOSTILE = [
    '"',
    "'",
    '"unbalanced',
    "O'Brien",
    "NEAR(a b)",
    "NEAR",
    "*",
    "soy*",
    "-",
    "-soybeans",
    "; DROP TABLE articles; --",
    "'; DROP TABLE articles; --",
    "title:soybeans",
    "a AND OR NOT",
    "(((",
    "^",
    "{}",
    "\\",
    "\x00",
    "",
    "   ",
    "!!!",
    "&|!:*",
    "soybeans OR",
    "<->",
    "x" * 5000,
]


def test_hostile_queries_do_not_crash(corpus):
    for query in HOSTILE:
        hits = corpus.search(query)
        assert isinstance(hits, list), query
    assert corpus.count_articles() == 4  # nothing was dropped
    assert [a.id for a, _ in corpus.search("soy*")] == []  # no prefix syntax: "soy" is a word here


def test_syntax_is_searched_as_words(corpus):
    assert [a.id for a, _ in corpus.search('"soybean" -futures')] == ["a001"]  # "-" is not a NOT
    assert [a.id for a, _ in corpus.search("O'Brien")] == ["a004"]
    assert [a.id for a, _ in corpus.search("DROP TABLE")] == ["a004"]


def test_pagination(corpus):
    corpus.add_articles([make_article(i, text=f"rain {'rain ' * i}") for i in range(10, 20)])
    everything = [a.id for a, _ in corpus.search("rain", limit=100)]
    assert len(everything) == 11
    pages = [a.id for off in range(0, 12, 4) for a, _ in corpus.search("rain", limit=4, offset=off)]
    assert pages == everything
    assert corpus.search("rain", limit=0) == []


def test_query_terms_strip_syntax():
    assert query_terms('"soy" NEAR(a, b) -x * ;DROP') == ["soy", "NEAR", "a", "b", "x", "DROP"]
    assert fts5_match(["soy", "NEAR"]) == '"soy" "NEAR"'
