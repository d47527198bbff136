"""Date expressions resolved against the publication date: newsroom phrasings, tense, spans, no-DCT."""

from __future__ import annotations

import pytest

from crosswire.extract.dates import extract_dates, find_dates
from crosswire.models import Article


def one(text: str, dct: str | None, phrase: str, doc=None):
    """The expression whose text is ``phrase`` (fails when it is missing)."""
    found = find_dates(text, dct, doc)
    for d in found:
        if d.text == phrase:
            return d
    raise AssertionError(f"{phrase!r} not found in {[d.text for d in found]}")


# DCTs used below: 2026-02-04 is a Wednesday, 2025-11-25 a Tuesday, 2026-01-09 a Friday.
WED = "2026-02-04"
TUE = "2025-11-25"
FRI = "2026-01-09"


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # weekdays: a bare weekday in a past-tense sentence is the latest such day, same day = today
        ("The two leaders spoke Monday by phone.", TUE, "Monday", "2025-11-24"),
        ("Markets fell sharply on Friday, traders said.", FRI, "Friday", "2026-01-09"),
        ("Officials met on Sunday to review the deal.", WED, "Sunday", "2026-02-01"),
        # future tense points forward
        ("The ministers will meet on Friday in Geneva.", WED, "Friday", "2026-02-06"),
        ("Trade talks are expected to resume Thursday.", TUE, "Thursday", "2025-11-27"),
        ("The president will address the nation Monday.", TUE, "Monday", "2025-12-01"),
        ("The board will vote on Friday.", FRI, "Friday", "2026-01-09"),
        # explicit modifiers
        ("Prices rose last Tuesday.", TUE, "last Tuesday", "2025-11-18"),
        ("The summit opens next Wednesday.", WED, "next Wednesday", "2026-02-11"),
    ],
)
def test_weekdays_by_newsroom_convention(text: str, dct: str, phrase: str, value: str) -> None:
    d = one(text, dct, phrase)
    assert (d.value, d.precision, d.type) == (value, "day", "DATE")


def test_weekday_tense_from_parse(nlp) -> None:
    text = "Beijing said Tuesday that the envoy, who arrived Monday, will leave for Moscow on Thursday."
    doc = nlp(text)
    assert one(text, WED, "Tuesday", doc).value == "2026-02-03"
    assert one(text, WED, "Monday", doc).value == "2026-02-02"
    assert one(text, WED, "Thursday", doc).value == "2026-02-05"


def test_infinitive_and_planning_nouns_point_forward(nlp) -> None:
    text = (
        "Trump said he accepted Xi's invitation to visit Beijing in April. "
        "The US announced an arms package for Taiwan in December. "
        "The talks came ahead of the president's October visit to Seoul."
    )
    doc = nlp(text)
    assert one(text, TUE, "April", doc).value == "2026-04"
    assert one(text, "2026-02-04", "December", doc).value == "2025-12"
    assert one(text, "2025-08-01", "October", doc).value == "2025-10"


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value", "precision"),
    [
        ("The deal was signed Feb. 4.", WED, "Feb. 4", "2026-02-04", "day"),
        ("It was signed on Feb. 4, 2025, in Busan.", WED, "Feb. 4, 2025", "2025-02-04", "day"),
        ("The meeting was held on 4 February 2026.", WED, "4 February 2026", "2026-02-04", "day"),
        ("Wednesday, February 4, 2026 at the White House", WED, "Wednesday, February 4, 2026", "2026-02-04", "day"),
        # a December mention in a January story is last December, whatever the tense
        ("Exports slumped in December.", FRI, "December", "2025-12", "month"),
        ("Shipments resume in December, the ministry says.", FRI, "December", "2025-12", "month"),
        ("The cargo was loaded on Dec. 28.", FRI, "Dec. 28", "2025-12-28", "day"),
        # a January mention in a December story is next January
        ("The tariff takes effect on Jan. 2.", "2025-12-20", "Jan. 2", "2026-01-02", "day"),
        ("Trump will visit China in April.", WED, "April", "2026-04", "month"),
        ("Sales peaked in April.", "2025-11-25", "April", "2025-04", "month"),
        ("The truce expires in May 2026.", TUE, "May 2026", "2026-05", "month"),
        ("The two met in late November.", WED, "late November", "2025-11", "month"),
        ("It happened in early December last year.", WED, "early December last year", "2025-12", "month"),
        ("July last year", WED, "July last year", "2025-07", "month"),
    ],
)
def test_full_and_partial_dates(text: str, dct: str, phrase: str, value: str, precision: str) -> None:
    d = one(text, dct, phrase)
    assert (d.value, d.precision) == (value, precision)


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value", "precision"),
    [
        ("Profit rose in the third quarter of 2025.", WED, "the third quarter of 2025", "2025-Q3", "quarter"),
        ("Third-quarter earnings beat forecasts.", "2025-10-28", "Third-quarter", "2025-Q3", "quarter"),
        ("Revenue fell in the fourth quarter.", "2026-02-10", "the fourth quarter", "2025-Q4", "quarter"),
        ("Analysts expect Q3 2025 margins to hold.", WED, "Q3 2025", "2025-Q3", "quarter"),
        ("Output grew last quarter.", WED, "last quarter", "2025-Q4", "quarter"),
        ("Growth slowed in the first half of 2025.", WED, "the first half of 2025", "2025-H1", "half"),
        ("The harvest was poor last fall.", WED, "last fall", "2025-FA", "season"),
        ("Planting starts this spring.", WED, "this spring", "2026-SP", "season"),
        ("Farmers sold more in the summer of 2024.", WED, "the summer of 2024", "2024-SU", "season"),
        ("Purchases for the current season reached 12mn tonnes.", "2025-11-25", "the current season", "2025-FA",
         "season"),
        ("Imports will rise next season.", "2025-11-25", "next season", "2025-WI", "season"),
        ("Growth in the 1990s was faster.", WED, "the 1990s", "199", "decade"),
        ("Output this year beat last year.", WED, "this year", "2026", "year"),
        ("Output this year beat last year.", WED, "last year", "2025", "year"),
        ("Exports fell last month.", WED, "last month", "2026-01", "month"),
        ("Beijing said earlier this month it would buy more.", TUE, "earlier this month", "2025-11", "month"),
        ("The truce was agreed last week.", WED, "last week", "2026-W05", "week"),
        ("The rules change next week.", WED, "next week", "2026-W07", "week"),
        ("They met three weeks earlier.", TUE, "three weeks earlier", "2025-W45", "week"),
        ("The tariff was cut two months ago.", WED, "two months ago", "2025-12", "month"),
        ("The law passed 10 days ago.", WED, "10 days ago", "2026-01-25", "day"),
        ("Rare-earth rules by month's end.", TUE, "month's end", "2025-11", "month"),
        ("Shares jumped yesterday.", WED, "yesterday", "2026-02-03", "day"),
        ("Talks resume tomorrow.", WED, "tomorrow", "2026-02-05", "day"),
        ("The ministry said today that it agreed.", WED, "today", "2026-02-04", "day"),
        ("Prices are now higher.", WED, "now", "PRESENT_REF", "present"),
        ("Stocks are currently down.", WED, "currently", "PRESENT_REF", "present"),
        ("Prices have recently fallen.", WED, "recently", "PAST_REF", "past"),
        ("They may meet again in the future.", WED, "the future", "FUTURE_REF", "future"),
        ("Families visit on Thanksgiving.", TUE, "Thanksgiving", "2025-11-27", "day"),
    ],
)
def test_relative_and_calendar_units(text: str, dct: str, phrase: str, value: str, precision: str) -> None:
    d = one(text, dct, phrase)
    assert (d.value, d.precision) == (value, precision)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The truce lasts three months.", "three months", "P3M"),
        ("Prices rose over the past two months.", "the past two months", "P2M"),
        ("a 16-hour standoff", "16-hour", "PT16H"),
        ("the next three years of purchases", "the next three years", "P3Y"),
        ("for several years", "several years", "PXY"),
        ("within two decades", "two decades", "P20Y"),
        ("Two months before the visit, they spoke.", "Two months", "P2M"),
    ],
)
def test_durations(text: str, phrase: str, value: str) -> None:
    d = one(text, WED, phrase)
    assert (d.value, d.precision, d.type) == (value, "duration", "DURATION")


def test_ages_and_rates_are_not_durations() -> None:
    text = "A 35-year-old farmer sold beans at $10 a week, once a year."
    assert not [d for d in find_dates(text, WED) if d.type == "DURATION"]


def test_times_of_day() -> None:
    d = one("The post went up at 2:32 PM on his platform.", WED, "2:32 PM")
    assert (d.value, d.precision, d.type) == ("2026-02-04T14:32", "time", "TIME")
    d = one("The deadline is 5 p.m. EST Friday.", WED, "5 p.m. EST Friday")
    assert (d.value, d.type) == ("2026-02-06T17:00", "TIME")
    d = one("They spoke Tuesday evening.", TUE, "Tuesday evening")
    assert (d.value, d.type) == ("2025-11-25TEV", "TIME")


def test_no_dct_keeps_relative_values_none() -> None:
    text = "They spoke Monday and will meet again next week; the deal was signed on Feb. 4, 2026, in Q3 2025."
    found = {d.text: d.value for d in find_dates(text, None)}
    assert found["Monday"] is None
    assert found["next week"] is None
    assert found["Feb. 4, 2026"] == "2026-02-04"
    assert found["Q3 2025"] == "2025-Q3"


def test_words_that_are_not_dates() -> None:
    text = "Theresa May said the march would fall apart, and Sun Microsystems sold 2019 units in the fall of Rome."
    texts = [d.text for d in find_dates(text, WED)]
    assert "May" not in texts
    assert "march" not in texts
    assert "2019" not in texts
    assert not any("fall" in t for t in texts)


def test_iso_datetime_dct_and_spans_are_offsets() -> None:
    text = "By CHEGE MBITIRU. Suspected bombs exploded Friday, witnesses said, a year after the 1997 talks."
    found = find_dates(text, "1998-08-07T06:18:00+00:00")
    for d in found:
        assert text[d.span[0] : d.span[1]] == d.text
    assert one(text, "1998-08-07T06:18:00+00:00", "Friday").value == "1998-08-07"
    assert one(text, "1998-08-07", "1997").value == "1997"


def test_extract_dates_on_an_article(nlp) -> None:
    text = "WASHINGTON - Trump and Xi spoke Monday. Trump will travel to Beijing in April, he said."
    art = Article(id="a1", source="t.txt", external_id="t.txt", text=text, published="2025-11-25")
    found = extract_dates(nlp(text), art)
    assert [d.id for d in found] == ["a1:d0", "a1:d1"]
    assert all(d.article == "a1" for d in found)
    assert [(d.text, d.value) for d in found] == [("Monday", "2025-11-24"), ("April", "2026-04")]
    assert found[0].span == (text.index("Monday"), text.index("Monday") + 6)
