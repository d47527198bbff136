"""Lexicons for claims: how firmly something is asserted, which verbs report speech, verb classes.

Every table here is a plain dict/set so that it can be read, documented and extended in one place.

Modality grades (``crosswire.models.MODALITIES``), from firmest to weakest:

============  ===========================================================================
grade         cue words (lemmas) that produce it
============  ===========================================================================
asserted      no cue: the sentence states the fact
committed     "commit to", "will", "shall", "commitment to"
agreed        "agree to", "agreement to", "accept", "more or less agreed"
pledged       "pledge", "vow", "promise", "swear", "guarantee"
expected      "is expected to", "plan to", "set to", "intend", "aim", "due to", "poised to"
considered    "consider", "would consider", "consideration of", "weigh", "mull", "explore"
reported      "reportedly", "allegedly", "according to", "is said to", "is reported to"
denied        "deny", "reject (reports)", "dismiss", "refute"
negated       "not", "never", "no" on the content verb or its control verb
============  ===========================================================================

Precedence when several cues apply to one clause: denied > negated > control verbs/nouns (when they
stack, the weakest stance in ``MODALITIES`` order wins: "agreed to consider" and "mulling a plan to" are
considered) > the auxiliary "will"/"shall" > a reporting hedge > asserted.
"""

from __future__ import annotations

#: control verbs (lemma -> grade): "X agreed to <content verb>"
CONTROL_VERBS: dict[str, str] = {
    "commit": "committed",
    "agree": "agreed",
    "accept": "agreed",
    "consent": "agreed",
    "pledge": "pledged",
    "vow": "pledged",
    "promise": "pledged",
    "swear": "pledged",
    "guarantee": "pledged",
    "undertake": "pledged",
    "expect": "expected",
    "plan": "expected",
    "intend": "expected",
    "aim": "expected",
    "prepare": "expected",
    "seek": "expected",
    "consider": "considered",
    "weigh": "considered",
    "mull": "considered",
    "explore": "considered",
    "contemplate": "considered",
    "deny": "denied",
    "reject": "denied",
    "dismiss": "denied",
    "refute": "denied",
}

#: nouns that carry the same cue when the content sits under them ("the consideration by China of ...")
CONTROL_NOUNS: dict[str, str] = {
    "commitment": "committed",
    "agreement": "agreed",
    "pledge": "pledged",
    "promise": "pledged",
    "vow": "pledged",
    "plan": "expected",
    "intention": "expected",
    "expectation": "expected",
    "consideration": "considered",
    "proposal": "considered",
    "denial": "denied",
}

#: "be + <adjective/participle> + to" frames ("is set to", "is due to", "is poised to")
BE_FRAMES: dict[str, str] = {
    "set": "expected",
    "due": "expected",
    "poised": "expected",
    "likely": "expected",
    "expected": "expected",
    "said": "reported",
    "reported": "reported",
    "believed": "reported",
    "understood": "reported",
    "willing": "considered",
    "ready": "considered",
}

#: adverbs that hedge the claim as hearsay
REPORTED_ADVERBS: frozenset[str] = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "apparently"})

#: auxiliaries of commitment
COMMIT_AUX: frozenset[str] = frozenset({"will", "shall", "'ll"})

#: negation words (dependency ``neg`` or determiners of the object)
NEGATIONS: frozenset[str] = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})

#: verbs that introduce reported speech: "X said (that) ..."; their subject is the claim's source
SPEECH_VERBS: frozenset[str] = frozenset(
    {
        "say", "tell", "write", "add", "state", "note", "claim", "assert", "insist", "argue", "report",
        "announce", "confirm", "declare", "explain", "post", "tweet", "stress", "emphasize", "emphasise",
        "reiterate", "warn", "predict", "estimate", "suggest", "indicate", "acknowledge", "admit",
        "reveal", "disclose", "testify", "allege", "contend", "maintain", "believe", "think", "show",
    }
)

#: near-synonym verb classes: lemma (or "verb particle") -> class name used as ``Claim.action``.
#: Classes are named after their most neutral member. Lemmas not listed are their own class.
VERB_CLASSES: dict[str, str] = {
    # raising a level
    **dict.fromkeys(
        ["increase", "raise", "hike", "boost", "lift", "step up", "ramp up", "expand", "grow", "rise",
         "climb", "jump", "surge", "double", "triple", "up", "bump up", "scale up", "augment"],
        "increase",
    ),
    # lowering a level
    **dict.fromkeys(
        ["decrease", "cut", "reduce", "lower", "slash", "trim", "fall", "drop", "decline", "shrink",
         "scale back", "cut back", "halve", "ease", "roll back", "plunge", "sink"],
        "decrease",
    ),
    # acquiring
    **dict.fromkeys(["buy", "purchase", "acquire", "procure", "import", "order", "book"], "buy"),
    # selling / supplying
    **dict.fromkeys(["sell", "export", "supply", "ship", "deliver"], "sell"),
    # spending / funding
    **dict.fromkeys(["spend", "allocate", "earmark", "budget", "fund", "invest", "pour"], "spend"),
    # killing / dying (casualty figures)
    **dict.fromkeys(["kill", "die", "perish", "slay"], "kill"),
    **dict.fromkeys(["injure", "wound", "hurt"], "injure"),
    # imposing / levying
    **dict.fromkeys(["impose", "levy", "slap", "put", "place", "set"], "impose"),
    # approving / authorising
    **dict.fromkeys(["approve", "authorize", "authorise", "clear", "greenlight", "sign", "okay"], "approve"),
    # meeting / talking
    **dict.fromkeys(["meet", "speak", "talk", "call", "phone", "discuss", "hold talks"], "talk"),
    # visiting
    **dict.fromkeys(["visit", "travel", "tour"], "visit"),
    # measuring
    **dict.fromkeys(["measure", "register", "record", "reach", "total", "hit", "amount", "stand"], "measure"),
}

#: classes whose quantity is "how much of the theme" rather than a change; the theme gets this nominal
#: so that "buy 25mn tonnes of soybeans" and "raise soybean purchases to 25mn tonnes" measure the same thing
CLASS_NOMINALS: dict[str, str] = {
    "buy": "purchase",
    "sell": "sale",
    "spend": "spending",
    "kill": "death",
    "injure": "injury",
}

#: eventive nouns -> (verb class, nominal): "arms sale worth $11bn" -> sell / sale
NOUN_ACTIONS: dict[str, str] = {
    "purchase": "buy",
    "order": "buy",
    "import": "buy",
    "acquisition": "buy",
    "sale": "sell",
    "export": "sell",
    "shipment": "sell",
    "delivery": "sell",
    "spending": "spend",
    "investment": "spend",
    "budget": "spend",
    "aid": "spend",
    "funding": "spend",
    "death": "kill",
    "fatality": "kill",
    "casualty": "kill",
    "injury": "injure",
    "tariff": "impose",
    "levy": "impose",
    "duty": "impose",
    "increase": "increase",
    "hike": "increase",
    "rise": "increase",
    "cut": "decrease",
    "reduction": "decrease",
    "magnitude": "measure",
}

#: verbs that add nothing to what a quantity measures ("announced a $11bn deal", "approved a $11bn package")
NEUTRAL_CLASSES: frozenset[str] = frozenset(
    {"be", "have", "include", "announce", "approve", "unveil", "reach", "finalize", "finalise", "seal",
     "complete", "propose", "report", "measure", "value", "worth", "total", "see", "show", "remain",
     "become", "make", "get", "give", "offer", "provide", "sign", "confirm", "deliver", "hold"}
)

#: sentences containing one of these (lower-cased) are page furniture, not reporting
BOILERPLATE: tuple[str, ...] = (
    "http://", "https://", "www.", "subscribe", "click here", "sign up", "newsletter", "sponsored content",
    "all rights reserved", "follow us", "stay informed", "read more", "advertisement", "ai generated image",
    "copyright", "share this", "jump to the comments", "what do you think",
)


def verb_class(lemma: str) -> str:
    """The near-synonym class of a verb lemma (``"hike" -> "increase"``); unknown lemmas are their own class."""
    lemma = lemma.lower()
    return VERB_CLASSES.get(lemma, lemma)
