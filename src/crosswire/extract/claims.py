"""Claims: who does (or will, or might) what, to what, how much, when, and who says so.

``extract_claims(doc, article, mentions, quotes, quantities, dates)`` reads the dependency parse of each
sentence and returns :class:`~crosswire.models.Claim` records (ids ``"<article id>:c<n>"``):

* **content verb**: control verbs are looked through: in "Xi agreed to hike soybean purchases" the action is
  "hike" and "agreed" is the modality cue (``modality.CONTROL_VERBS``/``CONTROL_NOUNS``). ``Claim.action`` is
  the verb's near-synonym class (``modality.VERB_CLASSES``: hike/raise/lift/boost -> "increase"),
  ``Claim.verb`` keeps the lemma as written;
* **actor**: the subject of the control chain (pronouns "he/she/it/they" resolved by :class:`PronounResolver`:
  subjects and quote speakers of the same and preceding sentences, with kind/number/gender agreement), "by X" after a control noun ("the consideration by China of ..."), or the
  agent of a passive; ``actor`` is text here and becomes an entity id at linking;
* **theme**: the object noun phrase, normalized: determiners, possessives, numbers, nationality words and
  generic measure words are dropped, modifiers are lemmatized, "X of Y" becomes "Y X"
  ("purchases of soybeans" -> "soybean purchases"; "25 million tons of soybeans" -> "soybeans");
* **quantity**: every quantity in a sentence yields a claim; the quantity's attachment decides its verb and
  theme ("$11 billion arms package" -> theme "arms package"; "The arms sale, worth $11.1bn," -> theme "arms
  sale", action from the noun when no verb governs it). "up from X" quantities yield a *baseline* claim on
  the same actor/action/theme whose slot is the one before the main claim's slot;
* **time** and **slot**: ``time`` is the resolved value of a DateExpr in the clause; ``slot`` is a relative
  period word from :data:`TIME_SLOTS` ("current season", "next season", "previously", ...);
* **elsewhere**: a figure tied to another period or place ("a 2003 quake in Bam killed 31,000 people", "In
  July, a thief stole jewels worth EUR 103m") gets that period/place as its ``slot`` ("2003-12", "XXXX-07",
  "in Bam"), so that the cross-check never compares it with the story's own figures (rules at
  :data:`COARSE_PRECISIONS` / the ELSEWHERE section below);
* **generic** sentences ("A magnitude-6 quake can cause severe damage": indefinite subject + can/could/may/
  might, :data:`GENERIC_MODALS`) yield no figure claim;
* **modality** (``modality`` module docstring) and ``cue``, the word that set it;
* **attributed_to**: the speaker of an enclosing quote, the subject of "X said (that) ...", or X in
  "according to X"; None means the outlet itself.

Questions, page furniture (``modality.BOILERPLATE``) and headlines / sub-headings (a short line without final
punctuation: "Taiwan Question Takes Center Stage") are skipped. Sentences without a quantity yield one claim
for their main predicate (plus its conjuncts) when it says something checkable (:func:`_worth_claiming`):

* a named or at least specific actor: not a pronoun left unresolved, not a first/second person pronoun (a
  quote fragment such as "I'd like you to buy more" or "we realise" is the quote's business), not a vague
  noun ("that kind of decision", "both sides", ``modality.VAGUE_SUBJECTS``);
* an actor that acts: not an event or message noun ("Monday's call follows ...", "Xi's emphasis reflects ...":
  :data:`EVENT_NOUNS`, :func:`is_event_subject`);
* a meaningful theme: an object that is not a bare pronoun ("called it ...", "agreed to do that") nor a date or
  a figure ("met on Tuesday"); without an object, the object of a theme preposition ("spoke with Xi", "travel
  to China", :data:`THEME_PREPOSITIONS`) or of a gerund ("has not ruled out using force" -> "force"). A
  predicate with no theme at all ("the call comes as ...", "details remain", "Trump wants ...") is no claim;
* a real verb: a capitalized name mis-tagged as a verb ("Trump highlighted ...") is not a predicate.

Quantities that are not figures are ignored: a small count in a definite noun phrase names a set already
known to the reader ("the two leaders", "both sides", "the world's two largest economies") rather than
reporting how many there are (:func:`is_pseudo_count`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..models import MODALITIES, Article, Claim, DateExpr, Mention, Quantity, Quote
from .modality import (
    BE_FRAMES,
    BOILERPLATE,
    CLASS_NOMINALS,
    COMMIT_AUX,
    CONTROL_NOUNS,
    CONTROL_VERBS,
    DECISION_VERBS,
    HEADLINE_MAX_WORDS,
    NEGATIONS,
    NOUN_ACTIONS,
    REGARD_VERBS,
    REPORTED_ADVERBS,
    SELF_ASSERTED_VERBS,
    SPEAKER_PRONOUNS,
    SPEECH_VERBS,
    VAGUE_SUBJECTS,
    verb_class,
)

#: relative time slots: regex over the clause text -> (label, order). Order places slots on a time line
#: relative to the report: previously (-1) < current (0) < next (+1). A baseline ("up from X") takes the
#: slot before its main claim's slot (:data:`PREVIOUS_SLOT`).
TIME_SLOTS: tuple[tuple[re.Pattern[str], str, int], ...] = tuple(
    (re.compile(p, re.I), label, order)
    for p, label, order in (
        (r"\b(?:current|this)\s+(?:crop\s+|marketing\s+|growing\s+)?season\b", "current season", 0),
        (r"\bnext\s+(?:crop\s+|marketing\s+|growing\s+)?season\b", "next season", 1),
        (r"\b(?:last|previous|past)\s+(?:crop\s+|marketing\s+)?season\b", "last season", -1),
        (r"\b(?:current|this)\s+(?:fiscal\s+|financial\s+|calendar\s+)?year\b", "current year", 0),
        (r"\bnext\s+(?:fiscal\s+|financial\s+|calendar\s+)?year\b", "next year", 1),
        (r"\b(?:last|previous|past)\s+(?:fiscal\s+|financial\s+)?year\b", "last year", -1),
        (r"\b(?:this|current)\s+quarter\b", "current quarter", 0),
        (r"\bnext\s+quarter\b", "next quarter", 1),
        (r"\b(?:last|previous)\s+quarter\b", "last quarter", -1),
        (r"\b(?:previously|formerly|earlier|before|so far|to date)\b", "previously", -1),
    )
)

#: the slot a baseline ("up from X") refers to, given its main claim's slot
PREVIOUS_SLOT: dict[str | None, str] = {
    None: "previously",
    "current season": "previously",
    "next season": "current season",
    "current year": "last year",
    "next year": "current year",
    "current quarter": "last quarter",
    "next quarter": "current quarter",
}

#: order of each slot label on the time line (used by tracks)
SLOT_ORDER: dict[str, int] = {label: order for _, label, order in TIME_SLOTS}

#: nouns that name the unit or the counting of something rather than the thing ("20 million tons of
#: soybeans", "the soybean count"); dropped from themes when something more specific is there
MEASURE_NOUNS: frozenset[str] = frozenset(
    {"ton", "tonne", "tons", "tonnes", "barrel", "bushel", "dollar", "euro", "yuan", "pound", "percent",
     "per", "cent", "unit", "count", "number", "level", "amount", "volume", "total", "figure", "quantity",
     "worth", "value", "sum", "lot", "cargo", "metric", "kilogram", "kg", "million", "billion", "trillion",
     "thousand", "hundred", "mn", "bn", "point", "percentage"}
)

#: modifiers that do not change what a theme is ("additional soybeans", "more goods")
WEAK_MODIFIERS: frozenset[str] = frozenset(
    {"additional", "more", "further", "extra", "new", "current", "such", "other", "own", "some", "certain",
     "much", "many", "several", "various", "overall", "fresh", "record", "record-breaking", "largest-ever",
     "largest", "biggest", "ever", "total"}
)

_PRONOUN_PERSON = frozenset({"he", "she", "him", "her"})
_PRONOUN_OTHER = frozenset({"it", "they", "them"})
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
_TALK_VERBS = frozenset({"describe", "discuss", "call", "mention", "label", "term", "dub", "characterize",
                         "characterise", "cite", "quote", "praise", "criticize", "criticise", "hail", "welcome"})
_OBJ_PRONOUNS = frozenset({"it", "this", "that", "these", "those", "them", "him", "her", "us", "me", "you",
                           "one", "so", "something", "anything", "everything", "nothing", "what", "which"})
_ACCORDING = re.compile(r"\baccording to\b", re.I)


@dataclass
class _Draft:
    verb: Token | None  # content verb (None for a purely nominal claim)
    action: str
    lemma: str
    theme_tok: Token | None
    quantity: Quantity | None = None
    baseline: bool = False
    nominal_head: Token | None = None


def extract_claims(
    doc: Doc,
    article: Article,
    mentions: Sequence[Mention] = (),
    quotes: Sequence[Quote] = (),
    quantities: Sequence[Quantity] = (),
    dates: Sequence[DateExpr] = (),
) -> list[Claim]:
    """Claims of one article; ``doc`` is the spaCy parse of ``article.text`` (same character offsets)."""
    claims: list[Claim] = []
    ctx = _Context(reference_date(article, dates), lead_places(doc))
    doc.user_data[_RESOLVER_KEY] = PronounResolver(doc, mentions, quotes)
    for sent in doc.sents:
        prev_elsewhere = ctx.sentence_elsewhere
        ctx.sentence_dates = [d for d in dates if sent.start_char <= d.span[0] < sent.end_char]
        ctx.sentence_elsewhere = _time_elsewhere(ctx.sentence_dates, ctx.reference)
        ctx.previous_elsewhere = prev_elsewhere
        if _skip_sentence(sent):
            continue
        s_quants = [q for q in quantities if sent.start_char <= q.span[0] < sent.end_char and not is_pseudo_count(doc, q)]
        s_dates = [d for d in dates if sent.start_char <= d.span[0] < sent.end_char]
        drafts = _quantity_drafts(doc, sent, s_quants)
        covered = {d.verb.i for d in drafts if d.verb is not None}
        if not s_quants:
            drafts.extend(_predicate_drafts(sent, covered))
        main_slot: dict[int, str | None] = {}
        for d in drafts:
            if d.baseline:
                continue
            key = d.verb.i if d.verb is not None else -1
            main_slot.setdefault(key, _slot(sent, d, s_quants))
        for d in drafts:
            claim = _build(doc, article, sent, d, mentions, quotes, s_quants, s_dates, main_slot, ctx)
            if claim is not None:
                claim.id = f"{article.id}:c{len(claims)}"
                claims.append(claim)
    doc.user_data.pop(_RESOLVER_KEY, None)
    return claims


# --------------------------------------------------------------------------------------------- sentences


def _skip_sentence(sent: Span) -> bool:
    text = sent.text.strip()
    if len(text) < 12 or text.rstrip("”\"' ").endswith("?"):
        return True
    low = text.lower()
    if any(b in low for b in BOILERPLATE):
        return True
    if is_headline(sent):
        return True
    return not any(t.pos_ in ("VERB", "AUX") for t in sent) and not any(t.like_num for t in sent)


_TERMINAL = re.compile(r"[.!?…;:][\"'”’)\]]*$")
_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with",
                          "as", "from", "into", "over", "vs", "v", "amid", "after", "before", "is", "are"})


def is_headline(sent: Span) -> bool:
    """A headline or sub-heading: a short line with no final punctuation that is title-cased ("Outstanding
    Issues Remain") or stands on a line of its own ("China agrees to buy soybeans" followed by a line break)."""
    text = sent.text.strip()
    if not text or _TERMINAL.search(text):
        return False
    words = [t for t in sent if t.is_alpha]
    if not words or len(words) > HEADLINE_MAX_WORDS:
        return False
    content = [t for t in words if t.lower_ not in _SMALL_WORDS]
    if len(content) >= 2 and sum(1 for t in content if t.text[0].isupper()) >= 0.75 * len(content):
        return True
    text_all = _doc_text(sent.doc)
    after = text_all[sent.end_char : sent.end_char + 200]
    before = text_all[max(0, sent.start_char - 200) : sent.start_char]
    own_line = (not after.strip() or "\n" in after[: len(after) - len(after.lstrip())]) and (
        not before.strip() or "\n" in before[len(before.rstrip()) :]
    )
    return own_line


#: determiners and possessives that make "two X" a definite set ("the two leaders", "their three children")
_DEFINITE = frozenset({"the", "these", "those", "its", "their", "his", "her", "our", "my", "your", "both", "all"})


def is_pseudo_count(doc: Doc, q: Quantity) -> bool:
    """A count that names a known set rather than reporting a figure: "the two leaders", "both sides", "the
    world's two largest economies" (a plain count of at most 12 right after a definite determiner or a
    possessive). "Two people died" and "the 300 victims" remain figures."""
    if q.unit not in ("count", "", None) or q.value is None or q.value > 12 or q.low is not None:
        return False
    span = _tokens_of(doc, q.span)
    if span is None or len(span) == 0:
        return False
    first = span[0]
    if first.i == 0:
        return False
    prev = doc[first.i - 1]
    return prev.lower_ in _DEFINITE or prev.tag_ == "POS" or prev.lower_ in ("’s", "'s")


# --------------------------------------------------------------------------------------------- drafts


def _tokens_of(doc: Doc, span: tuple[int, int]) -> Span | None:
    return doc.char_span(span[0], span[1], alignment_mode="expand")


def _np_of_quantity(qs: Span) -> Token:
    """The noun the quantity belongs to: its own head noun, or the noun it modifies ("$11bn arms package")."""
    tok = qs.root
    while tok.dep_ in ("nummod", "compound", "quantmod", "nmod", "amod", "npadvmod") and tok.head.i != tok.i:
        head = tok.head
        if head.lemma_.lower() == "worth" or head.lower_ in ("worth", "valued", "totaling", "totalling"):
            # "the sale, worth $11bn" -> the sale
            tok = head
            continue
        if head.pos_ in ("NOUN", "PROPN", "NUM") or head.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "attr"):
            tok = head
            if tok.pos_ in ("NOUN", "PROPN"):
                break
            continue
        break
    return tok


def _governor(tok: Token) -> tuple[Token | None, list[str]]:
    """The verb governing a noun through prepositions/appositions, and the prepositions passed on the way."""
    preps: list[str] = []
    cur = tok
    for _ in range(8):
        if cur.dep_ == "ROOT" and cur.pos_ in ("VERB", "AUX"):
            return cur, preps
        head = cur.head
        if head.i == cur.i:
            return None, preps
        if cur.dep_ in ("pobj", "pcomp"):
            preps.append(head.lower_)
        if head.pos_ in ("VERB", "AUX") and cur.dep_ not in ("amod",):
            return head, preps
        if head.pos_ == "ADV" and head.lower_ in ("up", "down"):
            preps.append(head.lower_)
        cur = head
    return None, preps


def _quantity_drafts(doc: Doc, sent: Span, quants: Sequence[Quantity]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for q in quants:
        qs = _tokens_of(doc, q.span)
        if qs is None or len(qs) == 0:
            continue
        np = _np_of_quantity(qs)
        in_np = not (qs.start <= np.i < qs.end)  # the quantity modifies a noun outside itself
        theme_tok: Token | None = np if in_np else None
        if not in_np and any(c.dep_ == "prep" and c.lower_ == "of" for c in np.children):
            theme_tok = np  # "25 million tons of soybeans": the theme is what the unit counts
        if np.dep_ == "appos" and np.head.pos_ in ("NOUN", "PROPN"):
            theme_tok, np = np.head, np.head  # "Chinese orders so far - nearly two million tonnes"
            in_np = True
        if np.dep_ == "pobj" and np.head.lower_ == "of" and np.head.head.pos_ == "NOUN" and not in_np:
            theme_tok = np.head.head  # "a budget of $5bn"
            np, in_np = theme_tok, True
        verb, preps = _governor(np)
        baseline = "from" in preps and (
            any(p in ("up", "down") for p in preps) or (verb is not None and verb_class(verb.lemma_) in ("increase", "decrease"))
        )
        # "including $11.1bn in weapons" hangs off the verb but describes its object
        if verb is not None and verb.lemma_ in ("include", "total", "worth") and verb.dep_ in ("prep", "advcl", "acl"):
            outer = verb.head
            obj = _child(outer, ("dobj", "nsubjpass")) if outer.pos_ in ("VERB", "AUX") else outer
            if obj is not None:
                theme_tok = obj
            verb = outer if outer.pos_ in ("VERB", "AUX") else _governor(outer)[0]
        if verb is None:
            head = theme_tok or np
            noun_action = NOUN_ACTIONS.get(_noun_event(head) or "", "value")
            drafts.append(_Draft(None, noun_action, _noun_event(head) or head.lemma_.lower(), head, q, baseline, head))
            continue
        verb = _descend(verb)
        if theme_tok is None:
            theme_tok = _object_of(verb, exclude=qs)
            if theme_tok is None and np.dep_ in _SUBJ:
                theme_tok = np  # "300 people died"
        cls = verb_class(_phrasal(verb))
        if cls in ("be", "have", "value") and theme_tok is not None and _noun_event(theme_tok):
            cls = NOUN_ACTIONS.get(_noun_event(theme_tok) or "", cls)
        drafts.append(_Draft(verb, cls, _phrasal(verb), theme_tok, q, baseline))
    return drafts


def _predicate_drafts(sent: Span, covered: set[int]) -> list[_Draft]:
    root = sent.root
    content = root
    if root.lemma_ in SPEECH_VERBS:
        comp = _child(root, ("ccomp",))
        if comp is not None and comp.pos_ in ("VERB", "AUX"):
            content = comp
        elif _child(root, ("dobj",)) is None:
            return []  # "Trump said." - nothing asserted
    out: list[_Draft] = []
    heads = [content] + [c for c in content.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    for v in heads:
        v = _descend(v)
        if v.i in covered or v.lemma_ in ("be", "have", "seem", "appear"):
            continue
        if v.ent_type_ in _NAME_ENTS:
            continue  # "Trump highlighted progress": a name tagged as the verb
        subj = _subject(v)
        obj = _object_of(v)
        action = verb_class(_phrasal(v))
        if _regard_frame(v):
            # "Beijing considers Taiwan a breakaway province": what is regarded is the theme
            action = "regard"
            if obj is None:
                comp = _child(v, ("ccomp", "oprd", "xcomp"))
                obj = (_child(comp, ("nsubj",)) or comp) if comp is not None else None
        if obj is None and _open_question(v) is not None:
            # "The court will decide whether the vote can go ahead": the question is about the vote
            comp = next((c for c in v.children if c.dep_ in ("ccomp", "xcomp", "advcl")), None)
            if comp is not None:
                obj = _child(comp, ("nsubj", "nsubjpass")) or _child(comp, ("dobj",))
        if obj is not None and obj.ent_type_ in _NOT_THEMES:
            obj = None  # "met on Tuesday": a date is when, not what
        if obj is None:
            obj = _prepositional_theme(v)  # "spoke with Xi", "travel to China", "talks on trade"
        if subj is None and obj is None:
            continue
        out.append(_Draft(v, action, _phrasal(v), obj))
    return out


#: entity types that never make a claim's theme (when, how much)
_NOT_THEMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})

#: prepositions whose object says what an intransitive act is about or with whom ("spoke with Xi", "travel to
#: China", "talks on trade", "voted against the bill")
THEME_PREPOSITIONS: tuple[str, ...] = ("with", "to", "about", "on", "against", "for", "into", "over")


def _prepositional_theme(verb: Token) -> Token | None:
    """The first object of a theme preposition (:data:`THEME_PREPOSITIONS`) of an intransitive verb, not a date
    or a figure."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in THEME_PREPOSITIONS:
            p = _child(c, ("pobj",))
            if p is not None and p.pos_ in ("NOUN", "PROPN") and p.ent_type_ not in _NOT_THEMES:
                return p
    for c in verb.children:
        if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG":
            o = _child(c, ("dobj",))  # "has not ruled out using force": what is (not) ruled out is force
            if o is not None and o.pos_ in ("NOUN", "PROPN"):
                return o
    return None


#: nouns that name an event, a message or an attitude rather than someone who acts: as the subject of a claim
#: without a figure they say what an event did ("Monday's call follows a meeting", "Xi's emphasis reflects
#: concerns", "a Chinese attack could trigger a response"), not who did what. Nouns ending in
#: :data:`EVENT_NOUN_SUFFIXES` count too, except the agents in :data:`AGENT_NOUNS`.
EVENT_NOUNS: frozenset[str] = frozenset(
    {"call", "talk", "meeting", "visit", "attack", "move", "summit", "trip", "conversation", "discussion",
     "statement", "remark", "comment", "report", "decision", "step", "effort", "news", "event", "emphasis",
     "readout", "summary", "post", "speech", "interview", "exchange", "tone", "message", "announcement",
     "development", "situation", "issue", "question", "topic", "focus", "concern", "result", "outcome", "idea"}
)
EVENT_NOUN_SUFFIXES: tuple[str, ...] = ("tion", "sion", "ment", "ance", "ence", "sis", "ing")
AGENT_NOUNS: frozenset[str] = frozenset(
    {"government", "parliament", "department", "administration", "commission", "opposition", "coalition",
     "organisation", "organization", "nation", "delegation", "federation", "association", "corporation",
     "foundation", "institution", "mission", "division", "union", "agency", "management", "establishment",
     "intelligence", "police", "presidency", "legislature", "king", "being", "population", "station"}
)


def is_event_subject(tok: Token) -> bool:
    """A common-noun subject naming an event or message rather than an agent (:data:`EVENT_NOUNS`)."""
    if tok.pos_ != "NOUN" or tok.ent_type_:
        return False
    lem = tok.lemma_.lower()
    if lem in AGENT_NOUNS:
        return False
    return lem in EVENT_NOUNS or lem in NOUN_ACTIONS or (len(lem) > 5 and lem.endswith(EVENT_NOUN_SUFFIXES))


def _child(tok: Token, deps: tuple[str, ...]) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def _phrasal(verb: Token) -> str:
    prt = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return f"{verb.lemma_.lower()} {prt[0]}" if prt else verb.lemma_.lower()


def _descend(verb: Token) -> Token:
    """Through control verbs to the content verb: "agreed to hike" -> hike; "commit to purchasing" -> purchasing;
    "denied reports that it had agreed to buy" -> buy."""
    for _ in range(4):
        nxt = None
        lemma = verb.lemma_.lower()
        if lemma in CONTROL_VERBS or lemma in BE_FRAMES or verb.lower_ in BE_FRAMES:
            for c in verb.children:
                if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                    nxt = c
                elif c.dep_ == "prep" and c.lower_ == "to":
                    pc = _child(c, ("pcomp",))
                    if pc is not None and pc.pos_ == "VERB":
                        nxt = pc
                elif c.dep_ == "dobj" and c.lemma_ in ("report", "claim", "allegation", "suggestion"):
                    for g in c.children:
                        if g.dep_ in ("acl", "ccomp", "relcl") and g.pos_ in ("VERB", "AUX"):
                            nxt = g
                elif c.dep_ == "ccomp" and CONTROL_VERBS.get(lemma) == "denied":
                    nxt = c
        if verb.lemma_ == "be":  # "is set to buy", "is expected to"
            for c in verb.children:
                if c.dep_ in ("acomp", "attr") and c.lower_ in BE_FRAMES:
                    x = _child(c, ("xcomp",))
                    if x is not None:
                        nxt = x
        if nxt is None:
            return verb
        verb = nxt
    return verb


def _object_of(verb: Token, exclude: Span | None = None) -> Token | None:
    excl = set(range(exclude.start, exclude.end)) if exclude is not None else set()
    for dep in ("dobj", "obj", "nsubjpass", "attr", "oprd"):
        for c in verb.children:
            if c.dep_ == dep and c.i not in excl:
                return c
    # no object but a figure: "spend $2bn on reconstruction", "a tax of 5% for imports"
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "for"):
            p = _child(c, ("pobj",))
            if p is not None and p.i not in excl and p.pos_ in ("NOUN", "PROPN"):
                return p
    return None


def _subject(verb: Token) -> Token | None:
    cur = verb
    for _ in range(6):
        for c in cur.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c
            if c.dep_ == "agent":
                p = _child(c, ("pobj",))
                if p is not None:
                    return p
        for c in cur.children:
            if c.dep_ == "nsubjpass" and (cur.i != verb.i or _child(cur, ("dobj",)) is not None):
                return c  # the subject of a control verb, or "he's eased policy" (a misparsed active)
        if cur.dep_ in ("xcomp", "conj", "pcomp") or (cur.dep_ == "prep"):
            cur = cur.head
            continue
        if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN"):
            # "reports that it had agreed" handled by descend; "a plan to buy" -> the plan's owner
            cur = cur.head
            continue
        if cur.dep_ == "pobj" or cur.head.pos_ == "ADP":
            cur = cur.head
            continue
        if cur.pos_ == "NOUN" and cur.lemma_ in CONTROL_NOUNS:
            for c in cur.children:
                if c.dep_ == "prep" and c.lower_ == "by":
                    p = _child(c, ("pobj",))
                    if p is not None:
                        return p
                if c.dep_ == "poss":
                    return c
        if cur.head.i == cur.i:
            return None
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ not in ("pcomp",):
            return None
        cur = cur.head
    return None


def _noun_event(tok: Token) -> str | None:
    """The eventive noun in a noun phrase ("arms sales deal" -> "sale"), if any."""
    for t in [tok] + [c for c in tok.children if c.dep_ in ("compound", "amod")]:
        lem = t.lemma_.lower()
        if lem in NOUN_ACTIONS:
            return lem
    return None


# --------------------------------------------------------------------------------------------- building


def _build(
    doc: Doc,
    article: Article,
    sent: Span,
    d: _Draft,
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    quants: Sequence[Quantity],
    dates: Sequence[DateExpr],
    main_slot: dict[int, str | None],
    ctx: _Context | None = None,
) -> Claim | None:
    anchor = d.verb if d.verb is not None else d.nominal_head
    assert anchor is not None
    subj = _subject(d.verb) if d.verb is not None else _nominal_actor(d.nominal_head)
    actor_text = _actor_text(doc, subj, mentions) if subj is not None else None
    if d.quantity is None and d.verb is not None and not _worth_claiming(doc, d, subj, actor_text, mentions):
        return None
    if d.quantity is not None and _generic(d.verb, subj):
        return None  # "A magnitude-6 quake can cause severe damage": a fact about quakes, not this one
    if subj is not None and (subj.lower_ in SPEAKER_PRONOUNS or _vague(subj)):
        actor_text = None  # "We will raise tariffs to 25%": the figure stands, the actor is not named here
    theme = normalize_theme(d.theme_tok, exclude=_quantity_tokens(doc, quants)) if d.theme_tok is not None else None
    if d.verb is None and not theme:
        return None
    if d.quantity is None and not theme and (not actor_text or d.lemma in SPEECH_VERBS):
        return None  # nothing said about anything ("China said.")
    modality, cue, polarity = grade_modality(d.verb if d.verb is not None else anchor, sent)
    attributed = _attribution(doc, sent, anchor, quotes, mentions)
    in_direct_quote = any(q.direct and q.span[0] <= anchor.idx < q.span[1] for q in quotes)
    if attributed and actor_text and in_direct_quote and subj is not None and subj.lower_ in _PRONOUN_PERSON:
        if set(actor_text.lower().split()) & set(attributed.lower().split()):
            # a third-person pronoun inside someone's own words is somebody else ("He will decide", Lutnick
            # said); in reported speech ("Trump said he accepted") it is usually the speaker
            actor_text = _resolve_pronoun(doc, subj, mentions, skip=attributed)
    if attributed is not None and actor_text is not None and attributed.lower() == actor_text.lower():
        attributed = actor_text
    if d.baseline:
        # "up from 12mn tonnes previously" states the earlier level as a fact, whatever the main claim's stance
        base = main_slot.get(d.verb.i if d.verb is not None else -1)
        slot: str | None = PREVIOUS_SLOT.get(base, "previously")
        time = None
        if polarity:
            modality, cue = "asserted", None
    else:
        slot = _slot(sent, d, quants)
        own_dates = clause_dates(doc, d, dates)
        time = _time(doc, anchor, dates, sent, own_dates)
        if ctx is not None and d.quantity is not None:
            # a figure tied to another period or place is that period's / place's figure (see ELSEWHERE)
            slot = _elsewhere(doc, d, subj, quants, ctx, own_dates) or slot
    return Claim(
        id="",
        article=article.id,
        sentence=sent.text,
        span=(sent.start_char, sent.end_char),
        action=d.action,
        actor=actor_text,
        actor_text=actor_text,
        theme=theme,
        quantity=d.quantity.id if d.quantity is not None else None,
        time=time,
        modality=modality,
        attributed_to=attributed,
        polarity=polarity,
        verb=d.lemma,
        slot=slot,
        cue=cue,
    )


#: modals that make a sentence with an indefinite subject a generic statement
GENERIC_MODALS: frozenset[str] = frozenset({"can", "could", "may", "might"})


def _generic(verb: Token | None, subj: Token | None) -> bool:
    """A generic statement ("A magnitude-6 quake can cause severe damage"): an indefinite subject ("a/an")
    and a modal of possibility on the verb. Its figure describes a kind of thing, not the story's."""
    if verb is None or subj is None:
        return False
    modal = any(c.dep_ == "aux" and c.lower_ in GENERIC_MODALS for c in verb.children)
    return modal and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subj.children)


def _quantity_tokens(doc: Doc, quants: Sequence[Quantity]) -> set[int]:
    out: set[int] = set()
    for q in quants:
        s = _tokens_of(doc, q.span)
        if s is not None:
            out.update(range(s.start, s.end))
    return out


def _nominal_actor(head: Token | None) -> Token | None:
    if head is None:
        return None
    for c in head.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ == "by":
            return _child(c, ("pobj",))
    if head.dep_ in ("dobj", "pobj", "nsubjpass"):
        v = head.head
        while v.pos_ == "ADP" and v.head.i != v.i:
            v = v.head
        if v.pos_ in ("VERB", "AUX"):
            return _subject(v)
    return None


def _vague(tok: Token) -> bool:
    """A subject naming nobody in particular ("that kind of decision", "both sides", "others")."""
    if tok.lemma_.lower() in VAGUE_SUBJECTS or tok.lower_ in VAGUE_SUBJECTS:
        return True
    return any(c.dep_ in ("det", "predet") and c.lower_ in ("both", "each", "either", "neither", "any", "some")
               for c in tok.children)


def _is_named(doc: Doc, tok: Token, mentions: Sequence[Mention]) -> bool:
    if tok.ent_type_ or tok.pos_ == "PROPN":
        return True
    return any(m.span[0] <= tok.idx < m.span[1] for m in mentions)


def _worth_claiming(doc: Doc, d: _Draft, subj: Token | None, actor_text: str | None,
                    mentions: Sequence[Mention]) -> bool:
    """Whether a claim without a figure says something checkable (module docstring)."""
    verb = d.verb
    assert verb is not None
    if subj is None or not actor_text:
        # an agentless passive can still report a checkable act ("The port was sold"), but talk about talk
        # ("Many subjects were discussed", "the visit has been described as ...") and an unresolved "it" with
        # nothing to act on say nothing
        if d.theme_tok is None or d.lemma in SPEECH_VERBS or d.lemma in _TALK_VERBS:
            return False
        if subj is None and d.theme_tok.dep_ != "nsubjpass":
            return False  # an imperative ("Receive breaking news ...") is page furniture
        auxpass = [c for c in verb.children if c.dep_ == "auxpass"]
        if subj is None and auxpass and auxpass[0].lower_ in ("is", "are", "am", "'s", "’s", "'re", "’re"):
            return False  # stative passive: "the economy is based on ...", "is obligated to ..."
        if subj is not None and subj.lower_ not in ("he", "she", "it", "they"):
            return False
        return d.theme_tok.pos_ != "PRON" and d.theme_tok.lower_ not in _OBJ_PRONOUNS
    low = subj.lower_
    if low in SPEAKER_PRONOUNS or _vague(subj):
        return False
    if subj.pos_ == "PRON" and low not in ("he", "she", "it", "they", "him", "her", "them"):
        return False
    if d.theme_tok is not None and (d.theme_tok.pos_ == "PRON" or d.theme_tok.lower_ in _OBJ_PRONOUNS):
        return False  # "called it ...", "agreed to do that": the content is elsewhere
    if d.theme_tok is not None and d.theme_tok.lemma_.lower() == "place" and verb.lemma_.lower() == "take":
        return False  # "the call took place ..."
    if not _is_named(doc, subj, mentions) and any(
        c.dep_ == "det" and c.lower_ in ("this", "that", "these", "those") for c in subj.children
    ):
        return False  # "This move triggered ...": who or what it is was said in another sentence
    if not _is_named(doc, subj, mentions) and is_event_subject(subj):
        return False  # "Monday's call follows a meeting", "Xi's emphasis reflects ...": no one acts
    if d.theme_tok is None:
        return False  # "Trump wants", "he spoke": nothing to compare across outlets
    if d.theme_tok.ent_type_ in _NOT_THEMES:
        return False
    if d.lemma in ("quote", "cite") and d.theme_tok.ent_type_ == "PERSON":
        return False  # "X was quoted by IRNA as saying ...": who said it, the quote's business
    return True


def normalize_theme(tok: Token, exclude: set[int] | frozenset[int] = frozenset()) -> str | None:
    """A theme noun phrase as a short normalized string: "its soybean purchases" -> "soybean purchases",
    "purchases of soybeans" -> "soybean purchases", "25 million tons of U.S. soybeans" -> "soybeans"."""
    head = tok
    of_obj = None
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            of_obj = _child(c, ("pobj",))
    if of_obj is not None and (head.lemma_.lower() in MEASURE_NOUNS or head.i in exclude or head.like_num):
        return normalize_theme(of_obj, exclude)
    mods: list[str] = []
    for c in _premodifiers(head):
        if c.pos_ in ("VERB", "AUX") or c.tag_ in ("VBG", "VBN", "JJS"):
            continue  # "record-breaking", "expected", "largest"
        if c.i in exclude or c.like_num or c.pos_ in ("NUM", "SYM", "DET", "PRON"):
            continue
        if c.ent_type_ in ("GPE", "NORP", "MONEY", "QUANTITY", "CARDINAL", "PERCENT", "DATE") and c.dep_ != "compound":
            continue
        if c.ent_type_ in ("GPE",) or _is_place_word(c):
            continue
        lem = c.lemma_.lower()
        if lem in WEAK_MODIFIERS or lem in MEASURE_NOUNS or not re.search(r"[a-z]", lem):
            continue
        if c.dep_ == "compound" and c.tag_ == "NNS":
            mods.append(c.lower_)  # "arms sale": plural compounds keep their form
        else:
            mods.append(lem)
    # a name keeps its capitals ("asked Xi" -> "Xi"); comparisons lower-case themes anyway
    words = head.text if head.pos_ == "PROPN" and head.ent_type_ else (
        head.lower_ if head.pos_ in ("NOUN", "PROPN") else head.lemma_.lower())
    if head.lemma_.lower() in MEASURE_NOUNS and mods:
        words = ""
    if of_obj is not None and head.pos_ == "NOUN" and head.lemma_.lower() in NOUN_ACTIONS:
        inner = normalize_theme(of_obj, exclude)
        if inner:
            mods = inner.split()[-1:] if inner else mods
            mods = [_singular(m) for m in mods]
    out = " ".join([*mods, words]).strip()
    out = re.sub(r"\s+", " ", out)
    return out or None


def _premodifiers(head: Token) -> list[Token]:
    """Compound/adjective modifiers left of the head, nested ones included ("arms sales deal" -> arms, sales)."""
    out: list[Token] = []
    stack = [c for c in head.children if c.i < head.i and c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(g for g in c.children if g.i < c.i and g.dep_ in ("compound", "amod", "nmod"))
    return sorted(out, key=lambda t: t.i)


#: plural-only nouns that keep their form when moved in front ("purchases of goods" -> "goods purchases")
PLURALIA: frozenset[str] = frozenset(
    {"goods", "arms", "news", "means", "series", "species", "headquarters", "clothes", "savings", "earnings",
     "proceeds", "talks", "troops", "supplies", "forces", "sales", "assets", "funds", "securities"}
)


def _singular(word: str) -> str:
    if word.lower() in PLURALIA:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("oes") and len(word) > 5:  # cargoes, tomatoes, vetoes
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _is_place_word(tok: Token) -> bool:
    from .entities import country_key

    return tok.ent_type_ in ("GPE", "NORP") and country_key(tok.text) is not None


def _doc_text(doc: Doc) -> str:
    """The Doc's text, cached on the Doc: ``Doc.text`` joins every token on each access (O(n) per call)."""
    cached = doc.user_data.get("crosswire_text")
    if cached is None:
        cached = doc.user_data["crosswire_text"] = doc.text
    return cached


def _actor_text(doc: Doc, tok: Token, mentions: Sequence[Mention]) -> str | None:
    low = tok.lower_
    if low in _PRONOUN_PERSON | _PRONOUN_OTHER:
        return _resolve_pronoun(doc, tok, mentions)
    for m in mentions:
        if m.span[0] <= tok.idx < m.span[1]:
            return m.text
    if tok.ent_type_:
        # the entity around tok, found from the IOB tags (``doc.ents`` rebuilds every span of the doc per call)
        start = tok.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = tok.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end].text
    toks = [t for t in doc[tok.left_edge.i : tok.i + 1]]
    while toks and (toks[0].pos_ in ("DET", "PUNCT") or toks[0].dep_ == "det"):
        toks = toks[1:]
    if not toks:
        return None
    text = _doc_text(doc)[toks[0].idx : tok.idx + len(tok)]
    text = text.split("\n")[-1].strip()  # a heading glued to the sentence
    return text or None


def _resolve_pronoun(doc: Doc, tok: Token, mentions: Sequence[Mention], skip: str | None = None) -> str | None:
    """What a third-person pronoun stands for (:class:`PronounResolver`, built once per parse). ``skip``: a name
    the pronoun cannot refer to (the speaker of the quote it stands in: "He will decide", Lutnick said)."""
    resolver = doc.user_data.get(_RESOLVER_KEY)
    if resolver is None or resolver.mentions is not mentions:
        resolver = PronounResolver(doc, mentions, ())
        doc.user_data[_RESOLVER_KEY] = resolver
    return resolver.resolve(tok, skip)


_RESOLVER_KEY = "crosswire_pronoun_resolver"

#: pronouns by gender/number: he/him/his, she/her/hers (persons), it/its (a singular thing), they/them/their
#: (a group, an organisation or a country, a plural noun)
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})

#: words before or inside a name, or in its label, that say a person's gender ("Mr", "Queen", "spokeswoman")
MALE_WORDS = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "emperor", "duke", "spokesman", "chairman",
                        "congressman", "businessman", "father", "son", "brother", "husband", "uncle", "man"})
FEMALE_WORDS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "madam", "madame", "dame", "lady", "queen",
                          "princess", "empress", "duchess", "spokeswoman", "chairwoman", "congresswoman",
                          "businesswoman", "mother", "daughter", "sister", "wife", "aunt", "woman", "first lady"})

#: how many sentences back a pronoun looks for its antecedent
PRONOUN_WINDOW = 3

#: rank penalty of an antecedent that is not a subject or a quote's speaker, in sentences: a subject one
#: sentence back beats an object of the pronoun's own sentence ("Trump spoke with Xi. Xi praised ... He ...")
NON_SUBJECT_PENALTY = 1.5

#: rank penalty of a person whose gender the article never tells: "she" prefers a woman the article names as
#: one over a nearer person of unknown gender
UNKNOWN_GENDER_PENALTY = 1.5

_PERSON_TYPES = frozenset({"PERSON"})
_THING_TYPES = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})


@dataclass
class _Antecedent:
    text: str
    key: str  # who it is: a person's name key, else the lower-cased text
    kind: str  # "person" | "thing"
    plural: bool
    start: int  # character offset
    sent: int  # sentence index
    subject: bool  # a clause's subject or a quote's speaker
    head: int  # token index of the phrase's root
    gov: int  # token index of the root's governor
    etype: str | None = None  # entity type for mentions


class PronounResolver:
    """Resolves he/she/it/they (and him/her/them) to an earlier mention of the article.

    Antecedents are the entity mentions (spaCy's entities when none are given), the speakers of quotes, and
    common-noun subjects ("the quake", "the ministry"). A pronoun takes the best-ranked antecedent that agrees
    with it, looking back :data:`PRONOUN_WINDOW` sentences:

    * **kind and number**: he/she -> a person; it -> a singular thing (an organisation, a country, a singular
      noun); they -> a group, organisation or country, or a plural noun;
    * **gender**: a person's gender comes from the article itself: honorifics and gendered titles or labels
      ("Mr", "Queen", "spokeswoman"), then pronouns that can only mean one person (the only person named in
      their sentence, or else in the previous one); a person of the other gender is never chosen, one of
      unknown gender may be;
    * **binding**: an object pronoun is not its own clause's subject ("Trump praised him");
    * **rank**: sentences back, plus :data:`NON_SUBJECT_PENALTY` for an antecedent that is neither a subject nor
      a quote's speaker and :data:`UNKNOWN_GENDER_PENALTY` for a person of unknown gender; ties go to the most
      recent. "Trump spoke with Xi on Tuesday. He described the call as
      good" -> Trump; "Xi told Trump ... . She ..." -> nobody (no woman named).
    """

    def __init__(self, doc: Doc, mentions: Sequence[Mention], quotes: Sequence[Quote]) -> None:
        self.doc = doc
        self.mentions = mentions
        self._sent_starts = [s.start_char for s in doc.sents]
        self._sent_of_tok = {}
        for i, s in enumerate(doc.sents):
            for t in range(s.start, s.end):
                self._sent_of_tok[t] = i
        self.antecedents = self._antecedents(mentions, quotes)
        self.gender = self._genders()
        self._cache: dict[tuple[int, str | None], str | None] = {}

    # ---------------------------------------------------------------------------------------- building

    def _sent_at(self, char: int) -> int:
        import bisect

        return max(0, bisect.bisect_right(self._sent_starts, char) - 1)

    def _antecedents(self, mentions: Sequence[Mention], quotes: Sequence[Quote]) -> list[_Antecedent]:
        from .entities import person_key

        doc = self.doc
        spans: list[tuple[str, int, int, str, str | None]] = [
            (m.text, m.span[0], m.span[1], m.type, m.head) for m in mentions
        ]
        # spaCy's entities fill in what the mentions miss (all of them when no mentions are given)
        taken = [(sp[1], sp[2]) for sp in spans]
        spans += [(e.text, e.start_char, e.end_char, e.label_, None) for e in doc.ents
                  if not any(a < e.end_char and e.start_char < b for a, b in taken)]
        speakers = [q.speaker_span for q in quotes if q.speaker and q.speaker_span]
        out: list[_Antecedent] = []
        covered: set[int] = set()
        for text, s, e, typ, head in spans:
            if typ not in _PERSON_TYPES and typ not in _THING_TYPES:
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            covered.update(range(span.start, span.end))
            root = span.root
            role = root
            while role.dep_ in ("compound", "appos", "flat") and role.head.i != role.i:
                role = role.head
            subject = role.dep_ in ("nsubj", "nsubjpass") or any(a <= s < b or s <= a < e for a, b in speakers)
            person = typ in _PERSON_TYPES
            key = (head or person_key(text) or text.lower()) if person else " ".join(text.lower().split())
            plural = root.tag_ in ("NNS", "NNPS")
            out.append(_Antecedent(text, key, "person" if person else "thing", plural, s, self._sent_at(s), subject,
                                   root.i, role.head.i, typ))
        # a known person's name that the entity tagger missed once ("Trump did not mention ...")
        surnames: dict[str, str] = {}
        for a in out:
            if a.kind == "person" and a.key.split():
                surnames.setdefault(a.key.split()[-1], a.key)
        for tok in doc:
            if tok.pos_ == "PROPN" and tok.i not in covered and tok.lower_ in surnames and not tok.ent_type_:
                covered.add(tok.i)
                subj = tok.dep_ in ("nsubj", "nsubjpass")
                out.append(_Antecedent(tok.text, surnames[tok.lower_], "person", False, tok.idx, self._sent_at(tok.idx),
                                       subj, tok.i, tok.head.i, "PERSON"))
        for tok in doc:
            # common-noun subjects: "The quake struck at dawn. It killed ..."
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "NOUN" or tok.i in covered:
                continue
            if tok.lemma_.lower() in VAGUE_SUBJECTS:
                continue
            from .entities import TITLE_WORDS

            person = tok.lemma_.lower() in TITLE_WORDS or tok.lemma_.lower() in _PERSON_NOUNS
            toks = [t for t in doc[tok.left_edge.i : tok.i + 1] if t.dep_ != "det" and t.pos_ not in ("DET", "PUNCT")]
            if not toks:
                continue
            text = _doc_text(doc)[toks[0].idx : tok.idx + len(tok)].split("\n")[-1].strip()
            if not text:
                continue
            out.append(_Antecedent(text, text.lower(), "person" if person else "thing", tok.tag_ == "NNS", tok.idx,
                                   self._sent_at(tok.idx), True, tok.i, tok.head.i))
        out.sort(key=lambda a: a.start)
        # one person, several names: "Xi" is "Xi Jinping" when the article names him in full
        keys = {a.key for a in out if a.kind == "person"}
        for a in out:
            if a.kind == "person":
                words = set(a.key.split())
                longer = [k for k in keys if k != a.key and words and words < set(k.split())]
                if len(longer) == 1:
                    a.key = longer[0]
        # how a person is named: the fullest proper name among its mentions ("the finance minister" -> "Smith")
        self.names: dict[str, str] = {}
        for a in out:
            if a.kind == "person" and a.text[:1].isupper():
                cur = self.names.get(a.key)
                if cur is None or len(person_key(a.text).split()) > len(person_key(cur).split()):
                    self.names[a.key] = a.text
        return out

    def _genders(self) -> dict[str, str]:
        """Person key -> "m"/"f" from words around its mentions, then from unambiguous pronouns."""
        doc = self.doc
        text = _doc_text(doc)
        words: dict[str, set[str]] = {}
        for a in self.antecedents:
            if a.kind != "person":
                continue
            before = re.findall(r"[A-Za-z.]+", text[max(0, a.start - 20) : a.start])[-1:]
            found = {w.lower() for w in re.findall(r"[A-Za-z.]+", a.text)} | {w.lower() for w in before}
            g = words.setdefault(a.key, set())
            if found & MALE_WORDS:
                g.add("m")
            if found & FEMALE_WORDS:
                g.add("f")
        for m in self.mentions:
            if m.type == "PERSON" and m.label:
                lab = {w.lower() for w in re.findall(r"[A-Za-z.]+", m.label)}
                key = next((a.key for a in self.antecedents if a.start == m.span[0]), None)
                if key is not None:
                    if lab & MALE_WORDS:
                        words.setdefault(key, set()).add("m")
                    if lab & FEMALE_WORDS:
                        words.setdefault(key, set()).add("f")
        gender = {k: next(iter(v)) for k, v in words.items() if len(v) == 1}
        votes: dict[str, dict[str, int]] = {}
        for tok in doc:
            low = tok.lower_
            g = "m" if low in MALE_PRONOUNS else "f" if low in FEMALE_PRONOUNS else None
            if g is None:
                continue
            sent = self._sent_of_tok.get(tok.i, 0)
            for back in (0, 1):
                people = {a.key for a in self.antecedents
                          if a.kind == "person" and a.sent == sent - back and a.start < tok.idx}
                if people:
                    if len(people) == 1:
                        k = next(iter(people))
                        votes.setdefault(k, {}).setdefault(g, 0)
                        votes[k][g] += 1
                    break
        for k, v in votes.items():
            if k not in gender and v:
                best = max(v.items(), key=lambda kv: kv[1])
                if best[1] > sum(v.values()) - best[1]:
                    gender[k] = best[0]
        return gender

    # ---------------------------------------------------------------------------------------- resolving

    def _agrees(self, a: _Antecedent, pronoun: str, gender: str | None) -> bool:
        """Kind, number and gender agreement of a pronoun with an antecedent (class docstring)."""
        if gender is not None:
            return a.kind == "person" and not a.plural and self.gender.get(a.key, gender) == gender
        if pronoun in THING_PRONOUNS:
            return a.kind == "thing" and not a.plural and a.etype != "NORP"
        # they/them/their: a plural noun, or a group that acts as one (an organisation, "the Chinese"); news
        # calls a country "it"
        return a.plural or a.etype in ("ORG", "NORP")

    def resolve(self, tok: Token, skip: str | None = None) -> str | None:
        key = (tok.i, skip)
        if key not in self._cache:
            self._cache[key] = self._resolve(tok, skip)
        return self._cache[key]

    def _resolve(self, tok: Token, skip: str | None) -> str | None:
        low = tok.lower_
        gender = "m" if low in MALE_PRONOUNS else "f" if low in FEMALE_PRONOUNS else None
        if gender is None and low not in THING_PRONOUNS and low not in PLURAL_PRONOUNS:
            return None
        sent = self._sent_of_tok.get(tok.i, self._sent_at(tok.idx))
        skip_words = set(skip.lower().split()) if skip else set()
        gov = tok.head.i
        best: tuple[float, int] | None = None
        choice: _Antecedent | None = None
        for a in self.antecedents:
            if a.start >= tok.idx or a.sent < sent - PRONOUN_WINDOW:
                continue
            if not self._agrees(a, low, gender):
                continue
            if skip_words and a.text.lower().split()[-1:] and a.text.lower().split()[-1] in skip_words:
                continue
            if tok.dep_ in ("dobj", "pobj", "dative", "iobj") and a.subject and a.gov == gov:
                continue  # binding: "Trump praised him" is not Trump
            rank = (sent - a.sent) + (0.0 if a.subject else NON_SUBJECT_PENALTY)
            if gender is not None and a.key not in self.gender:
                rank += UNKNOWN_GENDER_PENALTY
            cand = (rank, -a.start)
            if best is None or cand < best:
                best, choice = cand, a
        if choice is None:
            return None
        return self.names.get(choice.key, choice.text) if choice.kind == "person" else choice.text


#: common nouns for people: a subject "the official" can be what a later "he"/"she" stands for
_PERSON_NOUNS = frozenset({"official", "spokesperson", "minister", "man", "woman", "witness", "resident",
                           "victim", "suspect", "driver", "police officer", "officer", "doctor", "lawyer"})


def grade_modality(verb: Token, sent: Span) -> tuple[str, str | None, bool]:
    """(modality, cue word, polarity) of the clause headed by ``verb`` (see ``crosswire.extract.modality``)."""
    chain: list[Token] = []
    siblings: set[int] = set()  # chain nodes reached through "conj": coordinated, not controlling
    cur = verb
    for _ in range(8):
        chain.append(cur)
        if cur.head.i == cur.i or cur.dep_ in ("ccomp", "ROOT") and cur.i != verb.i and cur.lemma_ in SPEECH_VERBS:
            break
        nxt = cur.head
        if nxt.lemma_.lower() in SPEECH_VERBS and cur.dep_ in ("ccomp", "parataxis"):
            break
        if cur.dep_ in ("ccomp", "advcl", "relcl", "ROOT") and not (
            nxt.lemma_.lower() in CONTROL_VERBS or nxt.lemma_ in CONTROL_NOUNS
        ):
            break
        if cur.dep_ == "conj" and _own_clause(cur):
            break  # "X has not committed to ..., but his administration has urged ...": no shared stance
        if cur.dep_ == "conj":
            siblings.add(nxt.i)  # "accepted the invitation and extended one": "accept" does not grade "extend"
        cur = nxt
    denied = negated = None
    aux = hedge = None
    controls: list[tuple[str, str]] = []
    for node in chain:
        lem = node.lemma_.lower()
        if node.i in siblings:
            pass
        elif node.i != verb.i and node.pos_ in ("VERB", "AUX") and lem in CONTROL_VERBS:
            grade = CONTROL_VERBS[lem]
            if grade == "denied":
                denied = denied or node.text
            else:
                controls.append((grade, node.text))
        elif node.i != verb.i and node.pos_ == "NOUN" and lem in CONTROL_NOUNS:
            grade = CONTROL_NOUNS[lem]
            if grade == "denied":
                denied = denied or node.text
            else:
                controls.append((grade, node.text))
        for c in node.children:
            cl = c.lower_
            if c.dep_ == "neg" or (cl in NEGATIONS and c.dep_ in ("advmod", "det", "neg")):
                negated = negated or c.text
            elif c.dep_ == "aux" and cl in COMMIT_AUX:
                aux = aux or c.text
            elif cl in REPORTED_ADVERBS:
                hedge = hedge or c.text
            elif c.dep_ in ("acomp", "attr") and cl in BE_FRAMES and node.lemma_ == "be":
                controls.append((BE_FRAMES[cl], c.text))
        if node.lemma_.lower() in ("say", "report", "believe") and any(c.dep_ == "auxpass" for c in node.children):
            hedge = hedge or node.text
        if node.dep_ in ("dobj", "attr"):
            for c in node.children:
                if c.dep_ == "det" and c.lower_ == "no":
                    negated = negated or c.text
    lem = verb.lemma_.lower()
    if lem in CONTROL_VERBS and lem not in SELF_ASSERTED_VERBS and not _regard_frame(verb):
        # the control verb heads the claim itself: "Taipei expects more sales", "is considering new tariffs"
        grade = CONTROL_VERBS[lem]
        if grade == "denied":
            denied = denied or verb.text
        else:
            controls.append((grade, verb.text))
    open_question = _open_question(verb)
    if open_question is not None:
        controls.append(("considered", open_question))  # "He will decide whether we go forward"
    obj = _child(verb, ("dobj",))
    if obj is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children):
        negated = negated or "no"
    if hedge is None and _ACCORDING.search(sent.text):
        hedge = "according to"
    if denied:
        return "denied", denied, False
    if negated:
        return "negated", negated, False
    if controls:
        # stacked cues: the weakest stance wins ("agreed to consider", "mulling a plan to" -> considered)
        grade, cue = max(controls, key=lambda gc: MODALITIES.index(gc[0]))
        return grade, cue, True
    if aux:
        return "committed", aux, True
    if hedge:
        return "reported", hedge, True
    return "asserted", None, True


_CONTRAST = frozenset({"but", "yet", "while", "whereas", "although", "though", "however"})


def _own_clause(conj: Token) -> bool:
    """A conjunct verb that is a clause of its own: it has its own subject, or a contrastive conjunction
    ("but", "yet") joins it. Negation and auxiliaries of the first clause do not reach into it."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in conj.children):
        return True
    head = conj.head
    return any(c.dep_ == "cc" and c.lower_ in _CONTRAST and head.i < c.i < conj.i for c in head.children)


def _regard_frame(verb: Token) -> bool:
    """"consider X (to be) Y", "consider X as Y", "is considered a risk": consider = regard, an assertion."""
    if verb.lemma_.lower() not in REGARD_VERBS:
        return False
    for c in verb.children:
        if c.dep_ in ("ccomp", "oprd", "xcomp", "acomp", "attr") and (
            c.pos_ in ("NOUN", "PROPN", "ADJ", "PRON", "NUM") or c.lemma_ == "be"
        ):
            return True
        if c.dep_ == "prep" and c.lower_ == "as":
            return True
    return False


def _open_question(verb: Token) -> str | None:
    """The "whether"/"if" word when a deciding verb takes an open question ("decide whether to ...")."""
    if verb.lemma_.lower() not in DECISION_VERBS:
        return None
    frontier = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "advcl", "prep", "dobj")]
    for _ in range(2):
        nxt = []
        for t in frontier:
            if t.lower_ == "whether":
                return t.text
            for c in t.children:
                if c.dep_ == "mark" and c.lower_ in ("whether", "if"):
                    return c.text
                if c.lower_ == "whether":
                    return c.text
                if c.dep_ in ("pcomp", "pobj", "ccomp", "xcomp"):
                    nxt.append(c)
        frontier = nxt
    return None


def _attribution(doc: Doc, sent: Span, anchor: Token, quotes: Sequence[Quote], mentions: Sequence[Mention]) -> str | None:
    pos = anchor.idx
    for q in quotes:
        if q.span[0] <= pos < q.span[1] and q.speaker:
            return q.speaker
    cur = anchor
    for _ in range(10):
        head = cur.head
        if head.i == cur.i:
            break
        if head.lemma_.lower() in SPEECH_VERBS and cur.dep_ in ("ccomp", "parataxis", "xcomp", "advcl", "conj"):
            subj = _child(head, ("nsubj",))
            if subj is not None and not (cur.dep_ == "conj"):
                return _actor_text(doc, subj, mentions)
        cur = head
    root = sent.root
    if anchor.i != root.i and root.lemma_.lower() in SPEECH_VERBS and anchor in root.subtree:
        subj = _child(root, ("nsubj",))
        if subj is not None and not any(c.i == anchor.i for c in subj.subtree):
            comp = _child(root, ("ccomp", "parataxis"))
            if comp is not None and anchor in comp.subtree:
                return _actor_text(doc, subj, mentions)
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            obj = _child(doc[tok.i + 1], ("pobj",))
            if obj is not None:
                return _actor_text(doc, obj, mentions)
    return None


def _slot(sent: Span, d: _Draft, quants: Sequence[Quantity]) -> str | None:
    """The relative slot word of the clause, ignoring a baseline phrase ("up from 12mn tonnes previously")."""
    text = sent.text
    start = sent.start_char
    anchor = d.verb if d.verb is not None else d.nominal_head
    if anchor is None:
        return None
    # cut the text of baseline phrases ("up from ...", "from X to") out of the search
    cut: list[tuple[int, int]] = []
    for t in sent:
        if t.lower_ in ("up", "down") and t.i + 1 < sent.end and t.doc[t.i + 1].lower_ == "from":
            sub = list(t.subtree)
            end = sub[-1].idx + len(sub[-1])
            # "previously" right after the baseline belongs to it
            nxt = t.doc[sub[-1].i + 1] if sub[-1].i + 1 < len(t.doc) else None
            if nxt is not None and nxt.lower_ in ("previously", "earlier", "before"):
                end = nxt.idx + len(nxt)
            cut.append((sub[0].idx, end))
    # an adverb of time that modifies a noun dates that noun's thing, not the figure ("the death toll from a
    # quake a day before rose to 10": the quake was the day before, the toll is today's)
    for t in sent:
        if t.lower_ in _NOUN_DATING_ADVERBS and t.dep_ == "advmod" and t.head.pos_ in ("NOUN", "PROPN"):
            cut.append((t.idx, t.idx + len(t)))
    chars = list(text)
    for s, e in cut:
        for i in range(max(0, s - start), min(len(chars), e - start)):
            chars[i] = " "
    clean = "".join(chars)
    for rx, label, _ in TIME_SLOTS:
        if rx.search(clean):
            return label
    return None


#: slot adverbs that, attached to a noun rather than to a verb, date that noun (see :func:`_slot`)
_NOUN_DATING_ADVERBS = frozenset({"before", "earlier", "previously", "formerly"})


def _time(doc: Doc, anchor: Token, dates: Sequence[DateExpr], sent: Span, clause: Sequence[DateExpr] = ()) -> str | None:
    """The resolved value of the date expression nearest to the anchor, read in the figure's own clause
    (``clause``: :func:`clause_dates`) when it has one, else in the whole sentence: in "31,000 died in Bam in
    2003, and 600 were killed in Zarand in February" the 600 is February's, however near "2003" is (and a
    clause whose own date cannot be resolved does not borrow another clause's)."""
    own = [d for d in clause if d.type in ("DATE", "TIME")]
    return _nearest_time(anchor, own if own else dates)


def _nearest_time(anchor: Token, dates: Sequence[DateExpr]) -> str | None:
    best = None
    for d in dates:
        if not d.value or d.type not in ("DATE", "TIME"):
            continue
        if not re.match(r"^\d{4}", d.value):
            continue
        dist = abs(d.span[0] - anchor.idx)
        if best is None or dist < best[0]:
            best = (dist, d.value)
    return best[1] if best else None


def measure_nominal(action: str) -> str | None:
    """The nominal a transaction class lends its theme ("buy" -> "purchase"), see ``modality.CLASS_NOMINALS``."""
    return CLASS_NOMINALS.get(action)


# --------------------------------------------------------------------------------------------- elsewhere
#
# ELSEWHERE: a figure tied to another period or another place than the story's own is that period's / place's
# figure, and its claim's ``slot`` says so ("2003-12", "XXXX-02", "last month", "in Bam"). The cross-check
# compares such a figure only with figures anchored to the same period/place (``align.anchors_compatible``),
# never with the event's own ones: "A 2003 quake in Bam killed 31,000 people" is not a conflicting death toll
# for today's quake. The rules, in order:
#
# 1. **period**: the sentence carries a DATE coarser than a day (precision month/year/season/quarter/decade:
#    "in December 2003", "in February", "in 2009", "at the end of July", "last month") that is not the story's
#    own period (:func:`reference_date`: same month, or same year for a year; "this summer", "this year" are
#    always the story's own). Day-precision dates ("on Sunday", "yesterday") are the story's own: news
#    reports its event with day words and background with months and years. When the figure's own clause
#    (:func:`clause_dates`: its verb's subtree without side clauses and conjuncts that do not hold it) carries
#    dates, those decide, not the nearest date of the sentence: "31,000 died in Bam in 2003, and 600 were
#    killed in Zarand in February" anchors the 600 to February;
# 2. **place**: the figure's own clause (its verb's subtree without relative, appositive, adverbial or
#    coordinated clauses that do not hold the figure) locates it "in/at/near" a place (GPE/LOC/FAC) that the
#    article's lead (:data:`LEAD_SENTENCES` first sentences) never names: "more than a dozen people were
#    killed by a quake in eastern China" in a story about Iran. Places in the lead are the story's own;
# 3. **anaphora**: a figure with neither whose subject is "it"/"they" or a demonstrative ("that temblor")
#    continues the previous sentence and takes its period: "The last major quake ... was in February. It
#    killed 612 people."
#
# Past perfect alone is NOT a cue: reports use it for the event's own figures too ("a total of 10 people had
# been killed").

#: precisions of DateExpr that name a period rather than a day
COARSE_PRECISIONS: frozenset[str] = frozenset({"month", "year", "season", "quarter", "decade", "half"})

#: the first sentences of an article (title and dateline lines count) whose places are the story's own
LEAD_SENTENCES = 3

_MONTHS = {m: i + 1 for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"))}
_PLACE_ENTS = ("GPE", "LOC", "FAC")
_PLACE_PREPS = frozenset({"in", "at", "near"})
#: clause parts that say something about something else than the figure's own clause
_SIDE_CLAUSES = frozenset({"relcl", "appos", "advcl", "conj", "ccomp", "parataxis", "acl"})
_PLACE_NOUNS = frozenset({"city", "town", "village", "island", "province", "region", "district", "port", "resort",
                          "capital", "state", "county", "area", "suburb", "neighbourhood", "neighborhood"})
_PLACE_GENERIC = frozenset({"the", "city", "town", "island", "province", "state", "region", "county", "village",
                            "northern", "southern", "eastern", "western", "central", "north", "south", "east",
                            "west", "of", "ancient"})


@dataclass
class _Context:
    """What the ELSEWHERE rules need about the article: its reference date and the places of its lead."""

    reference: str | None
    lead: frozenset[str]
    sentence_elsewhere: str | None = None  # the period anchor of the current sentence
    sentence_dates: list[DateExpr] = field(default_factory=list)
    previous_elsewhere: str | None = None  # ... and of the previous one (rule 3)


def reference_date(article: Article, dates: Sequence[DateExpr]) -> str | None:
    """The story's own date: the publication date, else the first day-precision date resolved in the text
    (a dateline), else None."""
    if article.published:
        return article.published[:10]
    for d in dates:
        if d.precision == "day" and d.value and re.match(r"^\d{4}-\d{2}-\d{2}$", d.value):
            return d.value
    return None


def lead_places(doc: Doc, n: int = LEAD_SENTENCES) -> frozenset[str]:
    """Distinctive words of the places the first ``n`` sentences name ("southern Iran" -> {"iran"})."""
    words: set[str] = set()
    for i, sent in enumerate(doc.sents):
        if i >= n:
            break
        for e in sent.ents:
            if e.label_ in _PLACE_ENTS:
                words |= _place_words(e.text)
    return frozenset(words)


def _place_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'’-]+", text.lower()) if w not in _PLACE_GENERIC}


def period_label(d: DateExpr) -> str:
    """A comparable label for a period: its resolved value ("2003-12", "2009"), "XXXX-MM" for a month whose
    year is unknown ("at the end of July" -> "XXXX-07"), else the words ("last month")."""
    if d.value and re.match(r"^\d{4}(?:-\d{2})?$", d.value):
        return d.value
    low = d.text.lower()
    for name, num in _MONTHS.items():
        if re.search(rf"\b{name}\b", low):
            return f"XXXX-{num:02d}"
    return re.sub(r"^(?:the|in|at|on)\s+", "", " ".join(low.split()))


def _own_period(d: DateExpr, label: str, reference: str | None) -> bool:
    low = d.text.lower().strip()
    if re.match(r"^(?:this|current|these)\b", low) or d.value in ("PRESENT_REF",):
        return True
    if reference is None:
        return False
    if re.match(r"^\d{4}-\d{2}$", label):
        return label == reference[:7]
    if re.match(r"^\d{4}$", label):
        return label == reference[:4] and d.precision == "year"
    if label.startswith("XXXX-"):
        return label[5:7] == reference[5:7]
    return False


def _time_elsewhere(dates: Sequence[DateExpr], reference: str | None, near: int | None = None) -> str | None:
    """Rule 1: the label of the coarse date of a sentence, nearest to character ``near`` when given, that is not
    the story's own period."""
    if near is not None:
        dates = sorted(dates, key=lambda d: abs(d.span[0] - near))
    for d in dates:
        if d.type != "DATE" or d.precision not in COARSE_PRECISIONS:
            continue
        label = period_label(d)
        if not _own_period(d, label, reference):
            return label
    return None


def _clause_tokens(head: Token, keep: set[int]) -> list[Token]:
    """``head``'s subtree without side clauses (``_SIDE_CLAUSES``) that hold none of the ``keep`` tokens."""
    out: list[Token] = []
    stack = [head]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in _SIDE_CLAUSES and not any(x.i in keep for x in c.subtree):
                continue
            stack.append(c)
    return out


def _place_elsewhere(doc: Doc, d: _Draft, quants: Sequence[Quantity], lead: frozenset[str]) -> str | None:
    """Rule 2: "in <place>" when the figure's clause locates it in a place the article's lead never names."""
    head = d.verb if d.verb is not None else d.nominal_head
    if head is None or d.quantity is None:
        return None
    qs = _tokens_of(doc, d.quantity.span)
    keep = set(range(qs.start, qs.end)) if qs is not None else set()
    for tok in _clause_tokens(head, keep):
        if tok.ent_type_ not in _PLACE_ENTS or tok.dep_ != "pobj":
            continue
        prep = tok.head
        if prep.lower_ == "of" and prep.head.dep_ == "pobj" and prep.head.lemma_.lower() in _PLACE_NOUNS:
            prep = prep.head.head  # "in the ancient city of Bam" (not "in the waters of the Gulf")
        if prep.lower_ not in _PLACE_PREPS:
            continue
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        name = ent.text if ent is not None else tok.text
        words = _place_words(name)
        if words and not (words & lead):
            return "in " + " ".join(name.split())
    return None


def clause_dates(doc: Doc, d: _Draft, dates: Sequence[DateExpr]) -> list[DateExpr]:
    """The dates inside the figure's own clause: the subtree of its governing verb (or nominal head) without
    side clauses (:data:`_SIDE_CLAUSES`: relative, adverbial, coordinated clauses...) that do not hold the
    figure. In "A quake killed 31,000 in Bam in 2003, and 600 were killed in Zarand in February", the 31,000's
    clause holds "2003" and the 600's clause (the conjunct) holds "February"."""
    head = d.verb if d.verb is not None else d.nominal_head
    if head is None or not dates:
        return []
    keep: set[int] = set()
    if d.quantity is not None:
        qs = _tokens_of(doc, d.quantity.span)
        keep = set(range(qs.start, qs.end)) if qs is not None else set()
    starts = {t.idx for t in _clause_tokens(head, keep)}
    return [x for x in dates if any(x.span[0] <= i < x.span[1] for i in starts)]


def _elsewhere(doc: Doc, d: _Draft, subj: Token | None, quants: Sequence[Quantity], ctx: _Context,
               own_dates: Sequence[DateExpr] = ()) -> str | None:
    """The period or place a figure is tied to when it is not the story's own (ELSEWHERE rules), else None.
    ``own_dates``: the dates of the figure's own clause (:func:`clause_dates`), read before the sentence's."""
    if ctx.sentence_elsewhere and d.quantity is not None:
        own = [x for x in own_dates if x.type == "DATE" and x.precision in COARSE_PRECISIONS]
        return _time_elsewhere(own or ctx.sentence_dates, ctx.reference, d.quantity.span[0])
    place = _place_elsewhere(doc, d, quants, ctx.lead)
    if place:
        return place
    if ctx.previous_elsewhere and subj is not None and (
        subj.lower_ in ("it", "they")
        or any(c.dep_ == "det" and c.lower_ in ("that", "this", "those", "these") for c in subj.children)
    ):
        return ctx.previous_elsewhere
    return None
