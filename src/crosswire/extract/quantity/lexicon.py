"""Word lists and unit tables for the quantity grammar.

Every unit maps to a canonical unit and a factor: ``value_in_canonical = number * factor``.
Canonical units (see ``shared/spec/export.md``): mass ``t`` (metric tonnes; news "tons" of a commodity are read
as tonnes), ISO 4217 currency codes in whole units, ``%``, ``pp`` (percentage points), ``count``, distance
``km``, area ``km2``/``ha``, speed ``km/h``, volume ``l`` and ``bbl`` (oil barrels), temperature ``C``, power
``W``, energy ``Wh``, earthquake ``magnitude``, grain ``bu`` (bushels).
"""

from __future__ import annotations

#: cardinal number words and their values (``one`` is only a quantity together with a scale word)
NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip

#: number words too idiomatic to be a count on their own ("one of", "one thing")
WEAK_NUMBER_WORDS = frozenset({"one"})

#: spelled-out scale words and newsroom abbreviations -> multiplier.
#: "m" and "k" are only read as scales after a currency ("£400m", "$50k"), otherwise "400m" is a distance.
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2,
    "dozen": 12.0,  # "a dozen", "two dozen", "half a dozen" (spelled numbers only)
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,
    "bn": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    "tln": 1e12,
}
#: abbreviations that are scales only when a currency is attached
CURRENCY_ONLY_SCALES: dict[str, float] = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}

#: currency symbols/prefixes written before the number -> ISO 4217
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "$": "USD", "HK$": "HKD", "A$": "AUD", "AU$": "AUD", "C$": "CAD",
    "CA$": "CAD", "NZ$": "NZD", "S$": "SGD", "NT$": "TWD", "R$": "BRL", "£": "GBP", "€": "EUR",
    "¥": "JPY", "CN¥": "CNY", "RMB": "CNY", "Rmb": "CNY", "₹": "INR", "Rs": "INR", "Rs.": "INR", "₩": "KRW",
    "₽": "RUB", "₺": "TRY", "₪": "ILS", "CHF": "CHF", "SFr": "CHF",
}  # fmt: skip
#: letters glued before the digits that stand for a currency symbol in wire copy and OCR ("e80 million" for
#: €80 million, "p74million" for £74m, "euro110 billion"); read as currency only when a scale of a million or
#: more follows, so that "e3", "p53" or "Euro 2012" stay out
GLUED_CURRENCY_LETTERS: dict[str, str] = {"e": "EUR", "E": "EUR", "euro": "EUR", "Euro": "EUR", "p": "GBP"}
#: ISO codes accepted before ("USD 5bn", "CNY 1.2tn") or after ("5bn USD") the number
CURRENCY_CODES = frozenset(
    "USD CNY EUR GBP JPY HKD AUD CAD NZD SGD TWD BRL INR KRW RUB TRY ILS CHF MXN ZAR SEK NOK DKK SAR AED".split()
)
#: currency words written after the number -> ISO 4217 (longest match wins)
CURRENCY_WORDS: dict[str, str] = {
    "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD", "dollars": "USD", "dollar": "USD",
    "hong kong dollars": "HKD", "australian dollars": "AUD", "canadian dollars": "CAD",
    "taiwan dollars": "TWD", "new taiwan dollars": "TWD", "singapore dollars": "SGD",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "pounds": "GBP", "pound": "GBP", "sterling": "GBP", "yen": "JPY",
    "rupees": "INR", "won": "KRW", "roubles": "RUB", "rubles": "RUB", "swiss francs": "CHF", "francs": "CHF",
    "pesos": "MXN", "reais": "BRL", "rand": "ZAR", "shekels": "ILS", "riyals": "SAR", "dirhams": "AED",
    "cents": "USD", "cent": "USD", "pence": "GBP",
}  # fmt: skip
#: sub-units: the value is divided by 100
CURRENCY_SUBUNITS = frozenset({"cents", "cent", "pence"})

#: measurement units written after the number -> (canonical unit, factor). Keys are lowercase; the grammar
#: matches them case-insensitively except those in CASE_SENSITIVE_UNITS.
UNITS: dict[str, tuple[str, float]] = {
    # mass -> metric tonnes
    "metric tonnes": ("t", 1.0), "metric tons": ("t", 1.0), "tonnes": ("t", 1.0), "tonne": ("t", 1.0),
    "tons": ("t", 1.0), "ton": ("t", 1.0), "mmt": ("t", 1e6), "kilograms": ("t", 1e-3),
    "kilogrammes": ("t", 1e-3), "kilogram": ("t", 1e-3), "kilos": ("t", 1e-3), "kg": ("t", 1e-3),
    "grams": ("t", 1e-6), "gram": ("t", 1e-6), "g": ("t", 1e-6), "mg": ("t", 1e-9),
    "lbs": ("t", 4.5359237e-4), "lb": ("t", 4.5359237e-4), "ounces": ("t", 2.8349523e-5), "oz": ("t", 2.8349523e-5),
    # distance -> km
    "kilometres": ("km", 1.0), "kilometers": ("km", 1.0), "kilometre": ("km", 1.0), "kilometer": ("km", 1.0),
    "km": ("km", 1.0), "miles": ("km", 1.609344), "mile": ("km", 1.609344), "mi": ("km", 1.609344),
    "metres": ("km", 1e-3), "meters": ("km", 1e-3), "metre": ("km", 1e-3), "meter": ("km", 1e-3),
    "centimetres": ("km", 1e-5), "centimeters": ("km", 1e-5), "cm": ("km", 1e-5), "mm": ("km", 1e-6),
    "feet": ("km", 3.048e-4), "foot": ("km", 3.048e-4), "ft": ("km", 3.048e-4),
    "inches": ("km", 2.54e-5), "inch": ("km", 2.54e-5), "yards": ("km", 9.144e-4),
    "nautical miles": ("km", 1.852),
    # area
    "square kilometres": ("km2", 1.0), "square kilometers": ("km2", 1.0), "sq km": ("km2", 1.0),
    "km2": ("km2", 1.0), "km²": ("km2", 1.0), "square miles": ("km2", 2.589988), "sq miles": ("km2", 2.589988),
    "hectares": ("ha", 1.0), "hectare": ("ha", 1.0), "ha": ("ha", 1.0), "acres": ("ha", 0.4046856),
    "acre": ("ha", 0.4046856),
    # speed
    "km/h": ("km/h", 1.0), "kph": ("km/h", 1.0), "kmh": ("km/h", 1.0), "mph": ("km/h", 1.609344),
    "miles per hour": ("km/h", 1.609344), "kilometres per hour": ("km/h", 1.0),
    "kilometers per hour": ("km/h", 1.0), "knots": ("km/h", 1.852),
    # volume
    "litres": ("l", 1.0), "liters": ("l", 1.0), "litre": ("l", 1.0), "liter": ("l", 1.0), "l": ("l", 1.0),
    "ml": ("l", 1e-3), "gallons": ("l", 3.785411784), "gallon": ("l", 3.785411784),
    "cubic metres": ("l", 1e3), "cubic meters": ("l", 1e3), "m3": ("l", 1e3),
    "barrels": ("bbl", 1.0), "barrel": ("bbl", 1.0), "bbl": ("bbl", 1.0),
    "barrels per day": ("bbl/d", 1.0), "barrels a day": ("bbl/d", 1.0), "bpd": ("bbl/d", 1.0),
    "bushels": ("bu", 1.0), "bushel": ("bu", 1.0),
    # temperature
    "°c": ("C", 1.0), "degrees celsius": ("C", 1.0), "degrees centigrade": ("C", 1.0), "c": ("C", 1.0),
    "°f": ("F", 1.0), "degrees fahrenheit": ("F", 1.0), "f": ("F", 1.0), "degrees": ("deg", 1.0),
    "°": ("deg", 1.0),
    # power / energy
    "gigawatts": ("W", 1e9), "gw": ("W", 1e9), "megawatts": ("W", 1e6), "mw": ("W", 1e6),
    "kilowatts": ("W", 1e3), "kw": ("W", 1e3), "watts": ("W", 1.0),
    "gwh": ("Wh", 1e9), "mwh": ("Wh", 1e6), "kwh": ("Wh", 1e3), "twh": ("Wh", 1e12),
    # other
    "ppm": ("ppm", 1.0), "magnitude": ("magnitude", 1.0),
    # poll margins and index moves ("leads by 5 points", "the Dow fell 300 points"): not percentage points
    "points": ("points", 1.0),
}  # fmt: skip
#: units that are too ambiguous to match in any case but as written ("C" after a number is Celsius,
#: "c" is not; "g", "l", "f", "mi" likewise) or that need the unit attached to the number ("5g", "2l")
CASE_SENSITIVE_UNITS: dict[str, str] = {"c": "C", "f": "F", "l": "l", "g": "g", "mi": "mi", "ha": "ha"}
#: units that may be glued to the number without a space ("5km", "20kg", "30C"), or written with a hyphen
#: before a noun ("a 20-mile stretch", "a 7.6-magnitude quake")
ATTACHABLE_UNITS = frozenset(
    "km kg g mg lb lbs oz mm cm ft mi l ml gw mw kw gwh mwh kwh twh mph kph kmh km/h bpd bbl ppm c f °c °f ° "
    "mmt km2 km² m3".split()
)
HYPHEN_UNITS = frozenset(
    "tonne ton mile kilometre kilometer km metre meter foot inch acre hectare magnitude megawatt gigawatt "
    "barrel gallon litre liter pound kilogram kg degree strength".split()
)

#: percent forms -> (unit, factor)
PERCENT_FORMS: dict[str, tuple[str, float]] = {
    "percentage points": ("pp", 1.0), "percentage point": ("pp", 1.0), "percent points": ("pp", 1.0),
    "basis points": ("pp", 0.01), "basis point": ("pp", 0.01), "bps": ("pp", 0.01), "bp": ("pp", 0.01),
    "pp": ("pp", 1.0), "ppts": ("pp", 1.0), "percent": ("%", 1.0), "per cent": ("%", 1.0), "pct": ("%", 1.0),
    "%": ("%", 1.0),
}  # fmt: skip

#: plural nouns that do not end in -s, accepted as counted things
IRREGULAR_PLURALS = frozenset(
    "people children men women police personnel staff cattle sheep fish aircraft troops livestock deer "
    "swine poultry militia crew".split()
)
#: casualty words that count people in tolls and headlines ("Ten dead", "five hurt", "3 killed")
TOLL_WORDS = frozenset("dead killed injured hurt wounded missing dying".split())

#: the ``measures`` of a count whose noun is implied by a casualty word ("injuring 80", "600 were killed",
#: "the death toll rose to 10", "Ten dead", "five hurt"): the word's class, so that outlets writing "wounding
#: 80", "80 hurt" and "80 were injured" give one measure. Keys are lowercase word forms.
CASUALTY_MEASURES: dict[str, str] = {
    **dict.fromkeys("kill kills killed killing dead died dying death deaths toll".split(), "dead"),
    **dict.fromkeys("injure injures injured injuring wound wounds wounded wounding hurt hurts hurting".split(),
                    "injured"),
    **dict.fromkeys(["missing"], "missing"),
    **dict.fromkeys("arrest arrests arrested arresting detained detaining".split(), "arrested"),
    **dict.fromkeys(["evacuated", "evacuating"], "evacuated"),
}
#: nouns that name a count when a figure follows ("a population of more than 100,000")
COUNT_HEAD_NOUNS: dict[str, str] = {"population": "population", "death toll": "dead", "toll": "dead"}
#: nouns after a small decimal figure that make it an earthquake magnitude ("a 5.6 quake")
QUAKE_NOUNS = frozenset("quake quakes earthquake earthquakes temblor temblors tremor tremors aftershock aftershocks".split())
#: words ending in -s after a number that are not counted things (verbs, function words, time units:
#: durations belong to the date extractor, "3 times" is a multiplier)
NOT_COUNT_NOUNS = frozenset(
    "is was has does goes says gets makes as us this his its thus plus minus less unless across towards "
    "perhaps always sometimes whereas besides nevertheless yes afterwards whose hers ours yours theirs "
    "years year months month weeks week days day hours hour minutes minute seconds second decades "
    "centuries times nights mornings evenings weekends quarters sessions percent seems remains means "
    "includes lacks needs wants takes comes shows stands sits runs adds calls sees tells uses looks "
    "terms rounds innings sets runs goals yards laps".split()
)
#: words that may stand between a number and the counted noun ("34 more people", "55 other countries")
COUNT_MODIFIER_STOP = frozenset(
    "of the a an in on to and or for per from by with at as is was are were be been than that which who "
    "this these those it its their his her our your my not no nor but if so then there here when where "
    "while after before since until over under into onto out up down off about around percent per "
    "cent million billion trillion thousand hundred dozen".split()
)

#: qualifiers written before a figure; all of them mark it approximate (``approx=True``)
QUALIFIERS = (
    "more than", "less than", "fewer than", "greater than", "higher than", "lower than", "at least",
    "at most", "up to", "as many as", "as much as", "as high as", "as few as", "as little as", "close to",
    "nearly", "almost", "about", "around", "roughly", "approximately", "some", "over", "under", "just over",
    "just under", "upwards of", "an estimated", "estimated", "circa", "approx.", "almost", "below", "above",
    "well over", "well above", "in excess of", "north of", "only",
)  # fmt: skip
#: qualifiers that are not approximations (recorded, approx stays False)
EXACT_QUALIFIERS = frozenset({"only"})

MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
