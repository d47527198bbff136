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
considered    "would consider", "consider + V-ing", "is considering <NP>", "consideration of", "weigh", "mull",
              "explore"; a deciding verb with a "whether/if" question ("will decide whether ...")
reported      "reportedly", "allegedly", "according to", "is said to", "is reported to"
denied        "deny", "reject (reports)", "dismiss", "refute"
negated       "not", "never", "no" on the content verb or its control verb
============  ===========================================================================

Not cues: "consider/deem/regard X (as) Y" (= regard: asserted, ``REGARD_VERBS``); a control verb heading the
claim itself as a done act ("accepted the invitation", "rejected the appeal": ``SELF_ASSERTED_VERBS``). Other
control verbs heading the claim grade it themselves ("Taipei expects more sales" -> expected). Negation and
auxiliaries do not cross into a conjunct clause with its own subject or after "but/yet".

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

#: control verbs that, heading the claim themselves (no content verb under them), report an act that took
#: place rather than a stance: "Trump accepted Xi's invitation", "the court rejected the appeal"
SELF_ASSERTED_VERBS: frozenset[str] = frozenset({"accept", "consent", "deny", "reject", "dismiss", "refute"})

#: "consider"-type verbs that mean *regard* when they take a small clause ("Beijing considers Taiwan a
#: breakaway province", "regards X as Y", "deems it necessary"): an assertion, not a hedge. Hedging needs
#: "would consider", "consider + V-ing" or "consideration of"; a plain object ("is considering new tariffs")
#: keeps the verb's own grade.
REGARD_VERBS: frozenset[str] = frozenset({"consider", "deem", "regard", "view", "see", "judge", "count"})

#: verbs of deciding / examining: with a "whether/if" complement ("He will decide whether we go forward") the
#: outcome is open, so the claim is graded ``considered`` whatever the auxiliary ("will" does not commit to it)
DECISION_VERBS: frozenset[str] = frozenset(
    {"decide", "determine", "choose", "consider", "weigh", "assess", "evaluate", "review", "study", "examine",
     "debate", "discuss", "mull", "explore", "ponder", "deliberate", "see", "ask", "wonder", "question",
     "investigate", "hear", "know", "tell"}
)

#: subjects that name nobody in particular: a claim with such an actor and no figure says nothing checkable
#: ("That kind of decision sits on his desk", "both sides had made progress", "the two leaders agreed")
VAGUE_SUBJECTS: frozenset[str] = frozenset(
    {"kind", "sort", "type", "side", "part", "lot", "one", "thing", "way", "rest", "some", "many", "all", "both",
     "each", "most", "none", "other", "others", "several", "few", "everyone", "everybody", "anyone", "someone",
     "somebody", "nobody", "something", "anything", "everything", "nothing", "this", "that", "these", "those",
     "which", "who", "whom", "what", "whoever", "whatever", "there", "here"}
)

#: first/second person pronouns: inside quotes they stand for a speaker the sentence does not name
SPEAKER_PRONOUNS: frozenset[str] = frozenset({"i", "me", "we", "us", "you", "my", "our", "your"})

#: intransitive "light" predicates that carry no checkable content on their own ("The call comes as ...",
#: "the talks continued", "the call took place", "significant details remain")
LIGHT_VERBS: frozenset[str] = frozenset(
    {"come", "go", "continue", "remain", "follow", "begin", "start", "end", "happen", "occur", "take place",
     "take", "stay", "exist", "seem", "appear", "become", "get", "sit", "stand", "lie", "run", "move", "turn",
     "reflect", "mark", "loom", "linger", "persist", "emerge", "arise", "matter", "count", "help", "work"}
)

#: sub-heading style: short lines without final punctuation are headlines/sub-headings, not reporting
HEADLINE_MAX_WORDS = 14

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
