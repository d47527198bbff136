"""Word lists for temporal expressions: months, weekdays, number words, units, seasons, day parts."""

from __future__ import annotations

#: month names and newsroom abbreviations (AP style "Sept.") -> month number
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

#: weekday names and abbreviations -> ``date.weekday()`` number (Monday = 0)
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip

#: number words used in durations and shifts ("three weeks", "a year", "twenty-four hours")
NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "half a": 0, "half an": 0, "a couple of": 2, "couple of": 2, "a dozen": 12,
    "dozen": 12,
}  # fmt: skip

#: vague quantity words: the TIMEX3 value uses "X" for the number ("several years" -> PXY)
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "a couple", "couple")

#: ordinals for quarters, halves and days of the month
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "final": 4, "last": 4,
}  # fmt: skip

#: unit word (singular) -> (TIMEX3 duration letter, whether it is a time unit needing the "T" prefix)
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "fortnight": ("W", False), "month": ("M", False), "quarter": ("Q", False),
    "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False),
}  # fmt: skip

#: plural and adjectival spellings of units -> the singular key of :data:`UNITS`
UNIT_FORMS: dict[str, str] = {
    **{u: u for u in UNITS},
    **{u + "s": u for u in UNITS if u != "century"},
    "centuries": "century", "yr": "year", "yrs": "year", "hr": "hour", "hrs": "hour",
    "min": "minute", "mins": "minute",
}  # fmt: skip

#: season words -> TIMEX3 season code
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}

#: parts of the day -> TIMEX3 time-of-day code
DAY_PARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}
