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


# --- cue words, reduced clauses, anaphoric units, sets, centuries, spoken years, halves --------------------

MON = "2026-02-09"  # a Monday


@pytest.mark.parametrize(
    ("text", "dct", "phrase", "value"),
    [
        # a cue right before the date beats the verb: "since" and "ended" look back even in a future sentence
        ("The inspectors will have been idle since Nov. 20.", WED, "Nov. 20", "2025-11-20"),
        ("Sales will be reported for the quarter ended Dec. 27.", WED, "Dec. 27", "2025-12-27"),
        # "payable" and "effective" look ahead even after a past-tense verb
        ("The board declared a dividend payable March 16.", FRI, "March 16", "2026-03-16"),
        ("The company named a new chief, effective April 1.", WED, "April 1", "2026-04-01"),
        # a colon after the day does not stop "Saturday, April 25" from being one date
        ("In an editorial on Saturday, April 25: the court erred.", "2026-04-27", "Saturday, April 25",
         "2026-04-25"),
        # "the previous Friday" counts back from the Friday just mentioned
        ("Stocks closed lower Friday, down 2% from the previous Friday.", MON, "the previous Friday", "2026-01-30"),
        ("The envoy arrived on Feb. 4 and left the following Monday.", MON, "the following Monday", "2026-02-09"),
    ],
)
def test_cue_words_and_anaphoric_weekdays(text: str, dct: str, phrase: str, value: str) -> None:
    assert one(text, dct, phrase).value == value


def test_reduced_clauses_and_past_perfect_plans_point_back(nlp) -> None:
    text = "Under the new terms, announced Friday, holders would receive cash."
    assert one(text, MON, "Friday", nlp(text)).value == "2026-02-06"
    text = "The offer was extended to March 2. It had been due to expire Friday."
    assert one(text, MON, "Friday", nlp(text)).value == "2026-02-06"
    # a plan that is still ahead keeps pointing forward
    text = "The offer is due to expire Friday."
    assert one(text, MON, "Friday", nlp(text)).value == "2026-02-13"


@pytest.mark.parametrize(
    ("text", "phrase", "value", "type_"),
    [
        ("For the year, sales rose 5%.", "the year", "2026", "DATE"),
        ("The group forecast higher profit for the full year.", "the full year", "2026", "DATE"),
        ("Revenue for the year ended March 31 rose 4%.", "the year", "P1Y", "DURATION"),
        ("He returned to the capital later in the day.", "later in the day", "2026-02-04", "DATE"),
        ("Sales peaked in 2019, and that year the firm hired 500 people.", "that year", "2019", "DATE"),
        ("Flights leave each Thursday.", "each Thursday", "XXXX-WXX-4", "SET"),
        ("The market is closed on Mondays.", "Mondays", "XXXX-WXX-1", "SET"),
        ("Two flights will leave on Tuesday nights.", "Tuesday nights", "XXXX-WXX-2TNI", "SET"),
        ("The festival returns every July.", "every July", "XXXX-07", "SET"),
        ("About 10,000 patients wait for a transplant each year.", "each year", "P1Y", "SET"),
        ("It was a landmark of the 20th century.", "the 20th century", "19", "DATE"),
        ("The fabled 11th-century temple drew tourists.", "11th-century", "10", "DATE"),
        ("Challenges of the twenty-first century", "the twenty-first century", "20", "DATE"),
        ("Hate groups shrank through the nineties.", "the nineties", "199", "DATE"),
        ("January nineteen ninety-seven. Atlanta again.", "January nineteen ninety-seven", "1997-01", "DATE"),
        ("the price we saw in the winter of nineteen ninety-four", "the winter of nineteen ninety-four", "1994-WI",
         "DATE"),
        ("His pledge to halve unemployment by the year two thousand", "the year two thousand", "2000", "DATE"),
    ],
)
def test_anaphoric_units_sets_centuries_spoken_years(text: str, phrase: str, value: str, type_: str) -> None:
    d = one(text, WED, phrase)
    assert (d.value, d.type) == (value, type_)


def test_bare_the_day_and_that_without_antecedent_are_not_dates() -> None:
    texts = [d.text for d in find_dates("That year was hard. The day's biggest gainer was Acme.", WED)]
    assert not any("year" in t or "day" in t for t in texts)


def test_clock_times_take_the_day_named_earlier_in_the_sentence() -> None:
    d = one("On Friday, polls close at 8 p.m. local time.", WED, "8 p.m. local time")
    assert d.value == "2026-02-06T20:00"
    # the day of an earlier sentence does not carry over
    d = one("Polls closed Monday. The count began at 9 p.m.", WED, "9 p.m.")
    assert d.value == "2026-02-04T21:00"


def test_parts_of_the_day() -> None:
    assert one("Shares were up at mid-afternoon yesterday.", WED, "mid-afternoon yesterday").value == (
        "2026-02-03TAF"
    )
    assert one("By mid afternoon, officials confirmed it.", WED, "mid afternoon").value == "2026-02-04TAF"
    text = "Trading resumed Friday. Buyers piled in in the morning."
    assert one(text, MON, "the morning").value == "2026-02-06TMO"
    assert not [d for d in find_dates("The morning was cold.", WED) if d.type == "TIME"]


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("They lived in camps for 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("after two and a half years of talks", "two and a half years", "P2Y6M"),
        ("The strike lasted a year and a half.", "a year and a half", "P1Y6M"),
        ("A minute and a half later, the pilot called.", "A minute and a half", "PT1M30S"),
        ("The call lasted half an hour.", "half an hour", "PT30M"),
        ("The navy may use the base for at least 20 more years.", "at least 20 more years", "P20Y"),
        ("The loan may be extended for an additional year.", "an additional year", "P1Y"),
    ],
)
def test_halves_and_extra_units_in_durations(text: str, phrase: str, value: str) -> None:
    d = one(text, WED, phrase)
    assert (d.value, d.type) == (value, "DURATION")


def test_fractions_are_not_quarters_of_a_year() -> None:
    text = "About three-quarters of the vote and more than a quarter of exports went north."
    assert not [d for d in find_dates(text, WED) if d.type == "DURATION"]
    assert one("Sales fell for three quarters of 2025.", WED, "three quarters").value == "P3Q"


# --- candidate prefilter (timex.patterns.TRIGGERS) -----------------------------------------------------------

#: at least one match of every pattern kind, plus characters IGNORECASE folds onto ASCII letters
PREFILTER_TEXTS = [
    "On 2025-11-03T14:05 and 11/3/2025 the board met; Monday, Nov. 3, 2025, and the 3rd of November 2025.",
    "In early March 2025, in fiscal 2024/25 and FY'25, during the 1990s and the '80s, last Tuesday morning.",
    "Yesterday evening and later this afternoon; overnight; last week; by the end of the month; year-end.",
    "Three years ago, a week later, from now on; the year-earlier quarter; the third quarter of 2025, Q3 2025, 2Q, "
    "H1 2025; the latest quarter; last summer of 2019; over the weekend; nineteen ninety-seven; currently.",
    "For the past three months, for weeks, years-long; at 5:30 p.m. EST, at noon; on Christmas Eve 2024 and "
    "Labor Day; every Monday, Tuesdays, every January; the 21st century, the twentieth century; the nineties; "
    "earlier in the year; twice a week, daily, per year.",
    "Upper case: THREE YEARS AGO, LAST SUMMER, Q4 2024, THE 1990S, FY2025.",
    "Folded letters: THREE YEARſ AGO, ſpring 2020, FRİDAY, NİNETEEN NİNETY, the fıscal year 2024, 5 \u212aM.",
]


def test_prefilter_finds_the_same_candidates():
    """Skipping a pattern whose trigger words are absent never loses a match: the same candidates as running
    all patterns, on texts exercising every pattern kind and on the bundled sample corpus."""
    from pathlib import Path

    from crosswire.extract.timex.patterns import PATTERNS, TRIGGERS, candidates, fold, triggered

    root = Path(__file__).resolve().parents[2] / "src" / "crosswire" / "data" / "corpus" / "trump-xi"
    texts = PREFILTER_TEXTS + [p.read_text("utf-8", errors="replace") for p in sorted(root.rglob("*.txt"))]
    seen: set[str] = set()
    for text in texts:
        full = [(c.kind, c.start, c.end) for c in candidates(text, prefilter=False)]
        assert [(c.kind, c.start, c.end) for c in candidates(text)] == full, text[:80]
        seen.update(k for k, _, _ in full)
    assert {p.kind for p in PATTERNS} - {"dmy", "set_day", "decade_word"} <= seen  # the texts exercise the kinds
    assert set(TRIGGERS) <= {p.kind for p in PATTERNS}
    # stronger: the trigger words lie inside every match itself, whatever surrounds it
    for text in texts:
        for c in candidates(text, prefilter=False):
            assert triggered(c.kind, fold(c.match.group(0))), (c.kind, c.match.group(0))


def test_prefilter_skips_patterns_without_their_words():
    from crosswire.extract.timex.patterns import fold, triggered

    plain = fold("The council approved the budget after a long debate.")
    assert not triggered("quarter", plain) and not triggered("season", plain) and not triggered("century", plain)
    assert triggered("ref", plain)  # kinds without a trigger always run
    assert triggered("shift", fold("Two Years AGO")) and triggered("season", fold("ſpring"))
