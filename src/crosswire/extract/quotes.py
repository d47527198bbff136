"""Quotes and reported speech, with their speakers.

``extract_quotes(doc, article, mentions)`` returns :class:`~crosswire.models.Quote` records:

Direct quotes (``direct=True``) come from scanning quotation marks paragraph by paragraph: straight ``"…"``,
curly ``“…”``, single ``‘…’`` (as the outer marks, headline/British style; inside a double quote they are
nested and part of it), guillemets ``«…»``. An opening mark that is never closed ends at the end of its
paragraph; when the next paragraph opens with a quote mark the quote continues there (the newswire convention
for multi-paragraph quotes). Quotes split by an attribution ("“All very positive,” Trump said.“The relationship
...”") are two quotes; the second, having no attribution of its own, inherits the speaker of the quote just
before it. A quote inside a sentence that does not start at a clause boundary is ``partial``; partial quotes of
one or two words without a cue verb are scare quotes and are skipped.

Indirect speech (``direct=False``, ``text`` = the reported content) comes from the dependency parse: a cue verb
(:data:`SPEECH_VERBS`, :data:`COGNITION_VERBS`) with a clausal complement and a subject ("X said (that) ...",
"X told reporters ...", "X warned ..."), and "according to X, ..." (cue ``"according to"``).

Speakers: the subject of the cue verb (or the name after an inverted "said X"), as written, with
``speaker_span``. A pronoun subject is resolved to the most recent compatible PERSON mention (he/she checked
against pronouns already resolved to that person and a short list of gendered titles/honorifics), preferring
sentence subjects; the Quote then carries the antecedent's text and span, so that linking can attach the entity.
When a quote has both a speech verb with a subject and an "according to" source ("“...,” Xi said, according to
an official government account"), the speaker is the subject of the verb (Xi): the "according to" phrase names
the channel that reported the words, not the person who spoke them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..models import Article, Mention, Quote

#: Speech-act cue verbs (lemmas). From the reporting-verb lists used for quotation attribution in news
#: (Pareti's PARC 3.0 cue inventory and Krestel et al. 2008, "Minding the source"), trimmed to the common ones.
SPEECH_VERBS = frozenset(
    """
    say tell add write warn state claim argue insist note explain announce declare stress emphasize emphasise
    reiterate ask answer reply respond suggest acknowledge admit concede confirm deny predict promise pledge vow
    urge describe post tweet report comment remark recall observe maintain contend assert allege complain
    accuse criticize criticise praise caution testify disclose reveal signal indicate highlight underline
    propose demand threaten boast joke quip concur counter retort agree call express
    """.split()
)

#: Verbs of belief/knowledge that PolNeAR-style attribution also counts (indirect attributions only)
COGNITION_VERBS = frozenset("think believe know feel hope fear expect worry doubt suspect understand".split())

#: Cue verbs that need an object-like complement to be speech ("called it X", "described it as X"): used only
#: when a quote is attached to them, never for indirect speech
QUOTE_ONLY_VERBS = frozenset({"call", "describe"})

#: Verbs whose object is the subject of their infinitive ("prompted Xi to warn", "urged him to say")
OBJECT_CONTROL_VERBS = frozenset(
    "prompt ask urge tell force persuade lead cause push press encourage allow invite order get convince".split()
)

#: Pronouns and their gender, for speaker resolution
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}

#: Gendered honorifics/titles (lowercase) that reveal a person's gender (general English usage)
GENDERED_WORDS = {
    "mr": "m",
    "mr.": "m",
    "sir": "m",
    "king": "m",
    "prince": "m",
    "spokesman": "m",
    "chairman": "m",
    "congressman": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "dame": "f",
    "queen": "f",
    "princess": "f",
    "spokeswoman": "f",
    "chairwoman": "f",
    "congresswoman": "f",
}

#: quotation marks: opening -> closing. The straight double quote toggles.
PAIRS = {"“": "”", "«": "»", "‘": "’", "„": "“", '"': '"'}  # straight single quotes: too ambiguous, ignored
_OPENERS = set(PAIRS)
_SCARE_MAX_WORDS = 2


@dataclass
class _Seg:
    start: int  # char offsets of the content (inside the marks)
    end: int
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset after the closing mark (None: unbalanced)
    paragraph: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _is_apostrophe(text: str, i: int) -> bool:
    """A ’ or ' between letters (don’t) or after a plural s (leaders’) is an apostrophe, not a closing mark."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def scan_quotes(text: str) -> list[_Seg]:
    """Quoted segments by quotation marks (see module docstring); nested marks stay inside the outer quote."""
    segs: list[_Seg] = []
    paras = _paragraphs(text)
    carry: _Seg | None = None  # an unclosed quote waiting for a continuation paragraph
    for pi, (ps, pe) in enumerate(paras):
        i = ps
        start_para = pi
        opener: str | None = None
        open_at = -1
        if carry is not None:
            first = text[ps:pe].lstrip()
            if first[:1] in _OPENERS:
                # multi-paragraph quote: continue, content restarts after this paragraph's opening mark
                i = ps + (len(text[ps:pe]) - len(first))
                opener = first[0]
                open_at = carry.open_at
                i += 1
                content_start = carry.start
                start_para = carry.paragraph
            else:
                segs.append(carry)
            carry = None
        content_start = content_start if opener else -1
        while i < pe:
            c = text[i]
            if opener is None:
                if c in _OPENERS and not (c == "‘" and _is_apostrophe(text, i)):
                    opener = c
                    open_at = i
                    content_start = i + 1
                    start_para = pi
            else:
                closer = PAIRS[opener]
                if c == closer and not (closer == "’" and _is_apostrophe(text, i)):
                    if i > content_start:
                        segs.append(_Seg(content_start, i, open_at, i + 1, start_para))
                    opener = None
            i += 1
        if opener is not None and pe > content_start:
            carry = _Seg(content_start, pe, open_at, None, start_para)
    if carry is not None:
        segs.append(carry)
    return [s for s in segs if text[s.start : s.end].strip()]


# ----------------------------------------------------------------------------------------- helpers


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    if start >= end:
        return []
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _inside(tok: Token, segs: list[_Seg]) -> bool:
    return any(s.open_at <= tok.idx < (s.close_at or s.end) for s in segs)


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The verb's subject; for "prompted Xi to warn" (object control) the head's object; for participles and
    conjoined verbs ("..., saying that", "and added") the subject of the verb they hang from."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    if depth > 3 or verb.head is verb:
        return None
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in OBJECT_CONTROL_VERBS:
        obj = next((c for c in verb.head.children if c.dep_ in ("dobj", "obj")), None)
        if obj is not None:
            return obj
    if verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "acl", "prep") or verb.head.pos_ == "ADP":
        return _subject(verb.head, depth + 1)
    return None


def _np_span(doc: Doc, tok: Token) -> Span:
    """The speaker noun phrase: pre-modifiers through the head, plus a directly attached "of"/compound tail."""
    start = tok.left_edge.i
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ in ("compound", "flat") or (
            c.dep_ == "prep" and c.lower_ == "of" and c.right_edge.i - tok.i < 6
        ):
            end = c.right_edge.i + 1
        else:
            break
    # drop punctuation/quotes at the edges
    while start < end and (doc[start].is_punct or doc[start].text in '“”"‘’'):
        start += 1
    return doc[start:end]


class _Resolver:
    """Speaker resolution against the article's mentions (names, nominal references, pronouns)."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m.span[0])
        self.people = [m for m in self.mentions if m.type == "PERSON"]
        self.gender: dict[str, str] = {}
        for m in self.people:
            for w in (m.label or "").lower().split() + m.text.lower().split()[:1]:
                g = GENDERED_WORDS.get(w)
                if g and m.head:
                    self.gender.setdefault(m.head, g)

    def mention_at(self, start: int, end: int) -> Mention | None:
        best = None
        for m in self.mentions:
            if m.span[0] < end and start < m.span[1]:
                if best is None or (m.type == "PERSON" and best.type != "PERSON"):
                    best = m
        return best

    def resolve_pronoun(self, tok: Token) -> Mention | None:
        g = PRONOUN_GENDER.get(tok.lower_)
        sent_starts = [s.start_char for s in self.doc.sents]
        # window: this sentence and the three before it
        idx = max(i for i, s in enumerate(sent_starts) if s <= tok.idx)
        lo = sent_starts[max(0, idx - 3)]
        cands = [m for m in self.people if lo <= m.span[0] < tok.idx]
        if not cands:
            cands = [m for m in self.people if m.span[0] < tok.idx][-1:]
        compatible = [m for m in cands if not (g and m.head and self.gender.get(m.head, g) != g)]
        if not compatible:
            return None
        known = [m for m in compatible if g and m.head and self.gender.get(m.head) == g]
        subjects = [m for m in compatible if self._is_subject(m)]
        pick = (subjects or known or compatible)[-1]
        if g and pick.head:
            self.gender.setdefault(pick.head, g)
        return pick

    def _is_subject(self, m: Mention) -> bool:
        span = self.doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")

    def speaker(self, tok: Token) -> tuple[str, tuple[int, int]] | None:
        """(speaker as written, span) for a subject/agent token."""
        if tok.pos_ == "PRON" or tok.lower_ in PRONOUN_GENDER:
            if tok.lower_ in ("i", "we", "you", "it", "they", "this", "that", "which", "who"):
                if tok.lower_ in ("who",) and tok.head.head is not None:
                    return self.speaker(tok.head.head) if tok.head.head.pos_ in ("PROPN", "NOUN") else None
                return None
            m = self.resolve_pronoun(tok)
            return (m.text, m.span) if m else None
        np = _np_span(self.doc, tok)
        m = self.mention_at(tok.idx, tok.idx + len(tok.text))
        if m is None or m.type != "PERSON":
            # "the governor, Tom Reyes, said": the name in apposition is the speaker
            for c in tok.children:
                if c.dep_ == "appos":
                    am = self.mention_at(c.idx, c.idx + len(c.text))
                    if am is not None and am.type == "PERSON":
                        return am.text, am.span
        if m is not None and m.type == "PERSON":
            return m.text, m.span
        return np.text, (np.start_char, np.end_char)


def _cue_of(tok: Token) -> str | None:
    lem = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") and lem in SPEECH_VERBS:
        return lem
    return None


def _find_cue(
    doc: Doc, start: int, end: int, segs: list[_Seg]
) -> tuple[Token | None, Token | None, str | None]:
    """(cue verb, agent token, cue lemma) in the char window [start, end) outside quotes; "according to X" counts
    only when no verb with a subject is found."""
    verb_hit = None
    acc_hit = None
    for tok in _tokens_in(doc, start, end):
        if _inside(tok, segs):
            continue
        cue = _cue_of(tok)
        if cue:
            subj = _subject(tok)
            if subj is None:  # inverted "said Bonnie Glaser" parsed without nsubj: the next name
                for nxt in tok.rights:
                    if nxt.pos_ in ("PROPN", "NOUN") and nxt.dep_ not in ("dobj",):
                        subj = nxt
                        break
            if subj is not None and not _inside(subj, segs):
                if verb_hit is None:
                    verb_hit = (tok, subj, cue)
        if (
            tok.lower_ == "according"
            and tok.i + 2 < len(doc)
            and doc[tok.i + 1].lower_ == "to"
            and acc_hit is None
        ):
            obj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None:
                acc_hit = (tok, obj, "according to")
    hit = verb_hit or acc_hit
    return hit if hit else (None, None, None)


def _is_clause_start(text: str, open_at: int, para_start: int) -> bool:
    before = text[para_start:open_at].rstrip()
    return not before or before[-1] in '.:!?;,—–-"”’' or before.endswith(("said", "says", "wrote", "added"))


# ----------------------------------------------------------------------------------------- main


def extract_quotes(doc: Doc, article: Article, mentions: list[Mention]) -> list[Quote]:
    """Direct and indirect quotes of one article, in text order, with speakers (see the module docstring)."""
    text = doc.text
    resolver = _Resolver(doc, mentions)
    segs = scan_quotes(text)
    paras = _paragraphs(text)
    drafts: list[Quote] = []
    prev: Quote | None = None
    prev_seg: _Seg | None = None
    for k, seg in enumerate(segs):
        ps, _ = paras[seg.paragraph]
        pe = next(e for s_, e in paras if s_ <= seg.end <= e)  # a multi-paragraph quote ends in a later one
        seg_end_mark = seg.close_at or seg.end
        # attribution windows: after the quote to the next quote or the sentence end; before it from the
        # previous quote (or paragraph start)
        nxt = segs[k + 1].open_at if k + 1 < len(segs) and segs[k + 1].paragraph == seg.paragraph else pe
        after_end = min(nxt, _sentence_end(doc, seg_end_mark, pe))
        prev_end = (
            (segs[k - 1].close_at or segs[k - 1].end)
            if k > 0 and segs[k - 1].paragraph == seg.paragraph
            else ps
        )
        before_start = max(prev_end, _sentence_start(doc, seg.open_at, ps))
        content = text[seg.start : seg.end]
        words = re.findall(r"\w+", content)
        partial = not _is_clause_start(text, seg.open_at, ps) or (
            bool(content.strip()) and content.strip()[0].islower()
        )
        verb, agent, cue = _governing_cue(doc, seg, segs) if partial else (None, None, None)
        if verb is None:
            verb, agent, cue = _find_cue(doc, seg_end_mark, after_end, segs)
        if verb is None:
            verb, agent, cue = _find_cue(doc, before_start, seg.open_at, segs)
        if verb is None and partial and len(words) <= _SCARE_MAX_WORDS:
            continue  # scare quotes
        if partial and cue is None and len(words) <= 3:
            continue
        speaker = None
        if agent is not None:
            speaker = resolver.speaker(agent)
        q = Quote(
            id="",
            article=article.id,
            text=content.strip(),
            span=_strip_span(text, seg.start, seg.end),
            direct=True,
            speaker=speaker[0] if speaker else None,
            speaker_span=speaker[1] if speaker else None,
            cue=cue,
            partial=partial,
        )
        # a continuation with no attribution of its own: same speaker as the quote just before
        between = text[(prev_seg.close_at or prev_seg.end) : seg.open_at] if prev_seg is not None else ""
        if (
            speaker is None
            and prev is not None
            and prev_seg is not None
            and prev.speaker
            and seg.paragraph - prev_seg.paragraph <= 1
            and (not partial or len(between.strip()) <= 10)
        ):
            if len(between) < 200 and not _names_other_speaker(
                resolver, prev, between_at=(prev_seg.close_at or prev_seg.end, seg.open_at)
            ):
                q.speaker, q.speaker_span, q.cue = prev.speaker, prev.speaker_span, prev.cue
        drafts.append(q)
        prev, prev_seg = q, seg
    drafts += _indirect(doc, article, segs, resolver)
    drafts.sort(key=lambda q: q.span[0])
    for i, q in enumerate(drafts):
        q.id = f"{article.id}:q{i}"
    return drafts


def _names_other_speaker(resolver: _Resolver, prev: Quote, between_at: tuple[int, int]) -> bool:
    """Whether the text between two quotes names someone other than the previous quote's speaker."""
    s, e = between_at
    prev_m = resolver.mention_at(*prev.speaker_span) if prev.speaker_span else None
    for m in resolver.mentions:
        if s <= m.span[0] < e and m.type in ("PERSON", "ORG"):
            if prev_m is None or (m.head != prev_m.head and m.text != prev.speaker):
                return True
    return False


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _sentence_end(doc: Doc, at: int, limit: int) -> int:
    """End of the attribution after a closing mark: the first sentence-final . ! ? after some words."""
    m = re.compile(r"[.!?](?=[\s“\"‘«]|$)").search(doc.text, at, limit)
    return m.end() if m else limit


def _sentence_start(doc: Doc, at: int, limit: int) -> int:
    chunk = doc.text[limit:at]
    ends = [m.end() for m in re.finditer(r"[.!?][”\"’]?\s+", chunk)]
    return limit + ends[-1] if ends else limit


def _governing_cue(doc: Doc, seg: _Seg, segs: list[_Seg]) -> tuple[Token | None, Token | None, str | None]:
    """For a partial quote: the cue verb it hangs from ("described the call as “excellent”")."""
    toks = _tokens_in(doc, seg.start, seg.end)
    if not toks:
        return None, None, None
    span = doc[toks[0].i : toks[-1].i + 1]
    tok = span.root
    for _ in range(8):
        if tok.head is tok:
            break
        tok = tok.head
        if _inside(tok, segs):
            continue
        lem = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and (lem in SPEECH_VERBS or lem in QUOTE_ONLY_VERBS):
            subj = _subject(tok)
            return tok, subj, lem
    return None, None, None


def _indirect(doc: Doc, article: Article, segs: list[_Seg], resolver: _Resolver) -> list[Quote]:
    out: list[Quote] = []
    for tok in doc:
        lem = tok.lemma_.lower()
        if _inside(tok, segs):
            continue
        if (
            tok.pos_ in ("VERB", "AUX")
            and (lem in SPEECH_VERBS or lem in COGNITION_VERBS)
            and lem not in QUOTE_ONLY_VERBS
        ):
            comp = next((c for c in tok.children if c.dep_ in ("ccomp",)), None)
            subj = _subject(tok)
            if comp is None or subj is None or subj.lower_ in ("i", "we", "you"):
                continue
            s, e = comp.left_edge.i, comp.right_edge.i + 1
            while s < e and (doc[s].dep_ == "mark" or doc[s].is_punct):
                s += 1
            while e > s and doc[e - 1].is_punct:
                e -= 1
            if e - s < 3:
                continue
            content = doc[s:e]
            if _overlaps_quote(content, segs, 0.5):
                continue  # the attribution of a direct quote, already recorded
            if subj.i >= s and subj.i < e:
                continue
            sp = resolver.speaker(subj)
            out.append(_iq(article, content, sp, lem))
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            obj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            sent = tok.sent
            phrase_s = tok.i
            phrase_e = obj.right_edge.i + 1
            # content: the rest of the sentence
            parts = [(sent.start, phrase_s), (phrase_e, sent.end)]
            s, e = max(parts, key=lambda p: p[1] - p[0])
            while s < e and (doc[s].is_punct or doc[s].is_space):
                s += 1
            while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
                e -= 1
            if e - s < 3:
                continue
            content = doc[s:e]
            if _overlaps_quote(content, segs, 0.5):
                continue
            sp = resolver.speaker(obj)
            out.append(_iq(article, content, sp, "according to"))
    return out


def _overlaps_quote(span: Span, segs: list[_Seg], frac: float) -> bool:
    s, e = span.start_char, span.end_char
    covered = sum(max(0, min(e, q.end) - max(s, q.start)) for q in segs)
    return covered >= frac * max(1, e - s)


def _iq(article: Article, content: Span, sp: tuple[str, tuple[int, int]] | None, cue: str) -> Quote:
    return Quote(
        id="",
        article=article.id,
        text=content.text,
        span=(content.start_char, content.end_char),
        direct=False,
        speaker=sp[0] if sp else None,
        speaker_span=sp[1] if sp else None,
        cue=cue,
        partial=False,
    )
