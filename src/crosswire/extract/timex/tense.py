"""Which way a date expression points: back (past tense), forward (future), or no signal.

With a spaCy ``Doc`` the governing verb decides: ``will/shall/'ll/would`` auxiliaries, a progressive
("is meeting Friday"), or a verb or noun of planning ("expected to", "scheduled", "plans", "the upcoming
visit", "the trip that I will be making") point forward; past-tense and perfect verbs point back; a plain
present gives no signal. Without a parse a window of words before the expression in its sentence is read instead.
"""

from __future__ import annotations

import re
from typing import Any

from .calendar import FUTURE, PAST, UNKNOWN

#: auxiliaries and modals marking a future (or future-in-the-past) reading
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would", "'d", "gonna"})
#: lemmas of verbs and adjectives that put their complement in the future ("expected to meet on Thursday")
FUTURE_LEMMAS = frozenset(
    {
        "expect", "schedule", "plan", "due", "slate", "intend", "aim", "hope", "prepare", "poise",
        "propose", "promise", "pledge", "vow", "upcoming", "forthcoming", "planned", "expected", "scheduled",
        "future", "next", "reschedule", "likely", "ahead", "invitation",
    }
)  # fmt: skip
#: how many heads to climb from the expression before giving up
MAX_CLIMB = 6

_SENT_BREAK = re.compile(r"[.!?;]\s|\n")
_FUTURE_WORDS = re.compile(
    r"\b(?:will|'ll|shall|would|going to|expected|scheduled|planned|plans?|due to|set to|slated|upcoming|"
    r"intends?|aims? to|hopes? to|is to|are to|next|forthcoming|preparing to)\b",
    re.IGNORECASE,
)
_PAST_WORDS = re.compile(r"\b(?:was|were|had|did|said|told|met|spoke|took|made|came|went|\w{3,}ed)\b", re.IGNORECASE)
#: words right before a date that fix its direction whatever the verb says: "since Jan. 13", "the quarter ended
#: Sept. 30" look back; "payable Dec. 15", "effective Feb. 1" (dividends, rules, appointments) look ahead
_CUES = {"since": PAST, "ended": PAST, "payable": FUTURE, "effective": FUTURE}
_CUE_BEFORE = re.compile(r"\b(since|ended|payable|effective)\s+(?:on\s+|as of\s+)?$", re.IGNORECASE)
#: characters looked at before the expression when there is no parse
WINDOW = 80


def direction_from_text(text: str, start: int, end: int) -> int:
    """Direction from the words of the sentence around ``text[start:end]`` (no parse available)."""
    lo = max(0, start - WINDOW)
    before = text[lo:start]
    breaks = list(_SENT_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    after = text[end : end + 30]
    cut = _SENT_BREAK.search(after)
    if cut:
        after = after[: cut.start()]
    ctx = before + " " + after
    if _FUTURE_WORDS.search(ctx):
        return FUTURE
    if _PAST_WORDS.search(ctx):
        return PAST
    return UNKNOWN


def _verb_direction(tok: Any) -> int:
    """Direction marked on one verb (or planning noun/adjective) token; UNKNOWN when it carries none."""
    kids = list(tok.children)
    for k in kids:
        if k.dep_ in ("aux", "auxpass") and k.lower_ in FUTURE_AUX:
            return FUTURE
    if tok.lemma_.lower() in FUTURE_LEMMAS or tok.lower_ in FUTURE_LEMMAS:
        return FUTURE
    for k in kids:
        if k.dep_ in ("amod", "compound") and (k.lemma_.lower() in FUTURE_LEMMAS or k.lower_ in FUTURE_LEMMAS):
            return FUTURE
        if k.dep_ == "relcl":
            d = _verb_direction(k)
            if d != UNKNOWN:
                return d
    if tok.tag_ == "VB" and any(k.dep_ == "aux" and k.lower_ == "to" for k in kids):
        if _past_perfect_above(tok):
            return PAST  # a plan already behind the story: "the offer had been due to expire Friday"
        return FUTURE  # an infinitive is not yet realised: "agreed to visit Beijing in April"
    if tok.tag_ == "VBG" and any(k.dep_ == "aux" and k.lemma_ == "be" for k in kids):
        return FUTURE
    if tok.tag_ == "VBD":
        return PAST
    if tok.tag_ == "VBN" and any(k.dep_ in ("aux", "auxpass") for k in kids):
        return PAST
    if tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl") and not any(k.dep_.startswith("nsubj") for k in kids):
        return PAST  # a reduced clause: "the terms, announced Friday, ..." / "shares issued July 1"
    if tok.tag_ in ("VBZ", "VBP") or (tok.tag_ == "VB" and any(k.dep_ == "aux" for k in kids)):
        return UNKNOWN
    return UNKNOWN


def _past_perfect_above(tok: Any) -> bool:
    """Whether the word governing an infinitive carries a past-perfect ``had`` ("had been due to", "had planned to")."""
    head = tok.head
    for _ in range(2):
        if head is tok:
            return False
        if any(k.dep_ == "aux" and k.lower_ == "had" for k in head.children):
            return True
        tok, head = head, head.head
    return False


def direction_from_doc(doc: Any, start: int, end: int) -> int | None:
    """Direction from the dependency parse; None when the span does not align with the doc's tokens."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(MAX_CLIMB):
        head = tok.head
        if head is tok:
            break
        tok = head
        d = _verb_direction(tok)
        if d != UNKNOWN:
            return d
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("xcomp", "ccomp", "advcl", "conj", "pcomp", "relcl"):
            # a main verb in the present: keep climbing only through complements
            break
    return UNKNOWN


def direction(text: str, start: int, end: int, doc: Any = None) -> int:
    """Direction for ``text[start:end]``: a cue word right before it, else the parse when a doc is given and
    decides, else the word window."""
    cue = _CUE_BEFORE.search(text, max(0, start - 24), start)
    if cue:
        return _CUES[cue.group(1).lower()]
    if doc is not None:
        d = direction_from_doc(doc, start, end)
        if d is not None and d != UNKNOWN:
            return d
    return direction_from_text(text, start, end)
