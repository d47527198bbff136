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

Attribution of a direct quote, first match wins (for a partial quote, first the cue verb it hangs from,
"described the deal as “...”"):

1. a colon introduction: "X said: “...”", "Cruz continued: “...”" (after a colon any verb introduces the quote),
   "pollster Maria Chen: “...”" / headline "Name: ‘...’" (the person named right before the colon);
2. right after the closing mark, the first clause-level verb within a few words: "“...,” X said", "“...,” said X,
   the ...", "“...,” X, the ..., told Y", "“...,” he wondered" (when the quote ends with a comma, "?", "!" or a
   dash, so that the sentence runs on into its attribution, any verb counts; after a full stop only a
   :data:`SPEECH_VERBS` verb within five words);
3. just before the opening mark: "X said, “...”", "X said that “...”", "He continued, “...”" (a speech verb, or
   any verb right before the comma);
4. any speech verb with a subject in the same sentence after, then before the quote.

The sentence around a quote is found on tokens, so abbreviations ("Sen. Carl Moody (D-N.Y.) said") do not end
it. A verb whose subject the parser lost takes the person named last before it in the window (nearest-subject
fallback); a partial quote with no cue verb takes the subject of the nearest verb it hangs from (speaker only:
without a cue, a short partial quote is still a scare quote).

Continuations, for a quote with no attribution of its own:

* in the same paragraph, it continues the previous quote's speaker when the text between them (past that
  quote's own attribution) is short and names no other person or organisation ("“...,” said Griffin, an
  ally of Obama. “...”" -> Griffin);
* a quote *paragraph* continues the last speaker only if the previous paragraph was a quote paragraph (its
  last quote had a speaker and nothing after it names someone else) or introduced one ("X said:" / a short
  "X said." closing it); after a narrative paragraph nothing is carried over.

Speakers: the subject of the cue verb (or the name after an inverted "said X"), as written, with
``speaker_span``; a role noun with a name in apposition ("the governor, Tom Reyes, said") gives the name;
nominal speakers without a name ("a White House spokesman", "officials", "the campaign") are kept as written. A
pronoun subject ("he", "she") is resolved to a PERSON mention named outside quotation marks (a name inside a
quote is what someone said, not an antecedent) within its sentence and the three before it, gender-checked
against titles/honorifics (:data:`GENDERED_WORDS`, also a "Mr."/"Mrs." just before the name), a short list of
common given names (:data:`MALE_NAMES`, :data:`FEMALE_NAMES`) and pronouns already resolved to that person.
Preference: a subject earlier in the same sentence, then the speaker of a recent quote (the topic of a run of
quotes: "“...,” he told me" after quotes by Murphy), then the latest subject, then the latest name. A pronoun
with no compatible antecedent is kept as written ("she"). The Quote carries the antecedent's text and span, so
that linking can attach the entity. When a quote has both a speech verb with a subject and an "according to"
source ("“...,” Xi said, according to an official government account"), the speaker is the subject of the verb
(Xi): the "according to" phrase names the channel that reported the words, not the person who spoke them.
Quotation marks: a straight or curly opening double quote is closed by either (web text mixes them).

More speaker rules:

* a participial or conjoined cue verb ("..., writing that “...”", "..., saying", "adding that", "telling
  reporters") takes the subject of the clause it hangs from; when that clause has none because the parser took
  the name for the verb ("Trump highlighted ..., writing that", "Trump" tagged a verb) or the participle
  modifies the name itself ("Novak, saying that “...”, left"), the name it hangs from speaks;
* "according to" a document (:data:`DOCUMENT_NOUNS`: statement, report, readout, release, post, data, ...):
  the document's source speaks when one is named: "a statement from|by X", "a readout of X" (X a name), "X's
  statement", "a Reuters survey" / "Commerce Department data" (one organisation or person named before the
  noun). A document with no source named ("according to a statement") is kept as written, "a statement", so
  that the reader sees the words come from an unnamed document; a named person or organisation always wins;
* a name with a descriptive label before it ("Chinese state news agency Xinhua", "state news agency Tass")
  speaks as the name (the label is the mention's business), also when the parser split label and name into
  two subjects; a name modifying a noun ("a Reuters survey") gives the whole name;
* a generic or hypothetical saying is not a quote and is skipped: a cue verb in a "when"/"if"/"whenever"/
  "unless" clause, in the present tense or with a modal, whose subject names nobody in particular (a bare or
  indefinite common noun, "someone", "anyone", "people", ...): "When reports say “...”, they cite ...", "If
  someone says “...”". With a named subject ("When Reyes says “...”, he means it") it stays a quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
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
    continue yell shout scream exclaim wonder repeat conclude chant
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

#: Nouns for a written or published record that carries someone's words ("according to a statement from X",
#: "according to the ministry's readout", "according to Labor Department data"): its source, when named, is the
#: speaker; a document with no source named is kept as written ("a statement")
DOCUMENT_NOUNS = frozenset(
    """
    statement statements report reports readout readouts release releases post posts posting document documents
    account transcript transcripts communique communiqué filing filings memo memos letter letters notice
    announcement announcements data figures estimate estimates survey surveys poll polls study studies analysis
    tweet tweets email emails summary record records note notes bulletin dispatch broadcast press
    """.split()
)

#: Subordinators of a generic or hypothetical frame ("when reports say ...", "if someone says ...")
GENERIC_FRAME_MARKS = frozenset({"when", "whenever", "if", "unless"})
#: Subjects that name no particular speaker in such a frame
GENERIC_SUBJECTS = frozenset(
    "someone somebody anyone anybody everyone everybody one you whoever people nobody".split()
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
    "businessman": "m",
    "businesswoman": "f",
    "actor": "m",
    "actress": "f",
    "husband": "m",
    "wife": "f",
    "father": "m",
    "mother": "f",
    "son": "m",
    "daughter": "f",
    "brother": "m",
    "sister": "f",
}

#: Common English given names by gender, for "he"/"she" resolution when no title reveals it. Written from general
#: knowledge of common US/UK first names (the most frequent ones in census-style lists), not from any benchmark;
#: names commonly given to both sexes (Jordan, Taylor, Morgan, Casey, Jamie, Pat, Chris, Alex, ...) are left out.
MALE_NAMES = frozenset(
    """
    aaron adam alan albert alexander andrew anthony arthur barry ben benjamin bernie bill billy bob bobby
    brad bradley brandon brian bruce bryan carl carlos charles charlie chuck clarence craig dan daniel darren dave
    david dennis dick don donald doug douglas earl ed eddie edward eric ernest eugene frank fred gary george gerald
    greg gregory harold harry henry howard ian jack jacob jake james jason jeff jeffrey jeremy jerry jim jimmy
    joe joel john johnny jon jonathan jose joseph josh joshua juan justin keith ken kenneth kevin larry lawrence
    luis marco mark martin matt matthew michael mike mitch nathan nicholas nick noah patrick paul
    peter phil philip ralph randy ray raymond richard rick rob robert roger ron ronald roy russell ryan sam
    samuel scott sean steve steven ted terry thomas tim timothy todd tom tony victor vincent walter wayne william
    willie
    """.split()
)
FEMALE_NAMES = frozenset(
    """
    abigail alice alicia amanda amy andrea angela ann anna anne barbara betty beverly brenda carol caroline carolyn
    catherine cheryl christina christine cynthia deborah debbie debra diana diane donna doris dorothy elizabeth
    ellen emily emma evelyn frances gloria grace hannah heather helen hillary hope irene jacqueline jane janet
    janice jean jennifer jessica joan joyce judith judy julia julie karen kate katherine kathleen kathy
    kimberly laura lauren linda lisa lori louise madeleine margaret maria marie marilyn martha mary megan
    melissa michelle nancy nicole nikki olivia pamela patricia paula rachel rebecca rose ruth sandra sara
    sarah sharon shirley sophia stephanie susan teresa theresa virginia wendy
    """.split()
)

#: quotation marks: opening -> closing. The straight double quote toggles.
PAIRS = {"“": "”", "«": "»", "‘": "’", "„": "“", '"': '"'}  # straight single quotes: too ambiguous, ignored
_OPENERS = set(PAIRS)
#: web text mixes straight and curly double quotes ("... hard guy to predict,” Reid said): a straight or curly
#: opening double quote is closed by either
_DOUBLE = frozenset({'"', "“"})
_DOUBLE_CLOSE = frozenset({'"', "”"})
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
                if (c == closer or (opener in _DOUBLE and c in _DOUBLE_CLOSE)) and not (
                    closer == "’" and _is_apostrophe(text, i)
                ):
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
    return _inside_char(tok.idx, segs)


#: (the last ``segs`` list :func:`_inside_char` saw, its length, the sorted starts and ends of its merged spans)
_SPANS: tuple[list[_Seg] | None, int, list[int], list[int]] = (None, 0, [], [])


def _inside_char(at: int, segs: list[_Seg]) -> bool:
    """True when ``at`` lies in some segment's [opening mark, closing mark or content end) span. The spans of a
    ``segs`` list are merged once and searched with bisect: the same list is asked thousands of times."""
    global _SPANS
    c = _SPANS
    if c[0] is not segs or c[1] != len(segs):
        starts: list[int] = []
        ends: list[int] = []
        for lo, hi in sorted((s.open_at, s.close_at or s.end) for s in segs):
            if lo >= hi:
                continue
            if ends and lo <= ends[-1]:
                ends[-1] = max(ends[-1], hi)
            else:
                starts.append(lo)
                ends.append(hi)
        c = _SPANS = (segs, len(segs), starts, ends)
    i = bisect_right(c[2], at) - 1
    return i >= 0 and at < c[3][i]


#: speech verbs whose passive subject is the one talked about or to ("X was described as", "X was told"), never
#: the speaker
PASSIVE_OBJECT_VERBS = frozenset(
    {"describe", "call", "label", "dub", "term", "characterize", "characterise", "brand", "tell", "ask", "urge",
     "warn", "advise", "name", "nickname", "hail", "praise", "criticize", "criticise", "accuse"}
)


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The verb's subject; for "prompted Xi to warn" (object control) the head's object; for participles and
    conjoined verbs ("..., saying that", "and added") the subject of the verb they hang from."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and subjects[0].dep_ == "nsubjpass":
        # passive: "was described as ... by X" is said by X; without an agent, the subject of "was described /
        # called / told" is what is talked about or to, not the speaker ("was quoted as saying" keeps it)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if pobj is not None:
            return pobj
        if verb.lemma_.lower() in PASSIVE_OBJECT_VERBS:
            return None
    if subjects:
        # a label and its name split into two subjects ("news agency" + "Tass"): the name right after it
        for a, b in zip(subjects, subjects[1:], strict=False):
            if b.pos_ == "PROPN" and a.pos_ == "NOUN" and b.left_edge.i == a.right_edge.i + 1:
                return b
        return subjects[0]
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
        if (
            c.dep_ in ("compound", "flat")
            or (c.dep_ == "prep" and c.lower_ in ("of", "for") and c.right_edge.i - tok.i < 6)
            or (
                # "people familiar with the matter", "officials briefed on the talks": a short post-modifier is
                # what identifies an anonymous source
                c.dep_ in ("amod", "acl") and tok.pos_ == "NOUN" and c.right_edge.i - tok.i < 6
            )
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

    def __init__(self, doc: Doc, mentions: list[Mention], segs: list[_Seg] | None = None) -> None:
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m.span[0])
        self.segs = segs or []
        # people named outside quotation marks: a name inside a quote is what someone said, not an antecedent
        self.people = [
            m for m in self.mentions if m.type == "PERSON" and not _inside_char(m.span[0], self.segs)
        ]
        self.sent_starts = [s.start_char for s in doc.sents]
        self.gender: dict[str, str] = {}
        text = doc.text
        for m in self.people:
            if not m.head:
                continue
            before = text[max(0, m.span[0] - 6) : m.span[0]].lower().split()
            words = (m.label or "").lower().split() + before[-1:] + m.text.lower().split()[:1]
            g = next((GENDERED_WORDS[w] for w in words if w in GENDERED_WORDS), None)
            if g is None and len(m.text.split()) > 1:
                first = m.text.split()[0].lower()
                g = "m" if first in MALE_NAMES else "f" if first in FEMALE_NAMES else None
            if g:
                self.gender.setdefault(m.head, g)
        self.speakers: list[tuple[int, Mention]] = []  # (position, mention) of resolved quote speakers

    def mention_at(self, start: int, end: int) -> Mention | None:
        best = None
        for m in self.mentions:
            if m.span[0] < end and start < m.span[1]:
                if best is None or (m.type == "PERSON" and best.type != "PERSON"):
                    best = m
        return best

    def resolve_pronoun(self, tok: Token) -> Mention | None:
        g = PRONOUN_GENDER.get(tok.lower_)
        # window: this sentence and the three before it
        idx = max(0, bisect_right(self.sent_starts, tok.idx) - 1)
        lo = self.sent_starts[max(0, idx - 3)]
        cands = [m for m in self.people if lo <= m.span[0] < tok.idx]
        if not cands:
            cands = [m for m in self.people if m.span[0] < tok.idx][-1:]
        compatible = [m for m in cands if not (g and m.head and self.gender.get(m.head, g) != g)]
        if not compatible:
            return None
        subjects = [m for m in compatible if self._is_subject(m)]
        sent_lo = self.sent_starts[idx]
        here = [m for m in subjects if m.span[0] >= sent_lo]  # "Murphy said he ..." / "X, who ..., said he"
        heads = {m.head for m in compatible}
        # the speaker of a recent quote stays the topic ("“...,” he told me" after a quote by Murphy)
        recent = [m for at, m in self.speakers if lo <= at < tok.idx and m.head in heads]
        if here:
            pick = here[-1]
        elif recent:
            pick = max((m for m in compatible if m.head == recent[-1].head), key=lambda m: m.span[0])
        else:
            pick = (subjects or compatible)[-1]
        if g and pick.head:
            self.gender.setdefault(pick.head, g)
        return pick

    def _is_subject(self, m: Mention) -> bool:
        span = self.doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        # "X said", "said X", and "X, the ..., said" (the name as head of an appositive subject)
        return root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.dep_ == "nsubj")

    def speaker(self, tok: Token) -> tuple[str, tuple[int, int]] | None:
        """(speaker as written, span) for a subject/agent token."""
        if tok.pos_ == "PRON" or tok.lower_ in PRONOUN_GENDER:
            if tok.lower_ in ("i", "we", "you", "it", "they", "this", "that", "which", "who"):
                if tok.lower_ in ("who",) and tok.head.head is not None:
                    return self.speaker(tok.head.head) if tok.head.head.pos_ in ("PROPN", "NOUN") else None
                return None
            m = self.resolve_pronoun(tok)
            if m is None:  # no antecedent: the pronoun as written (still the right words)
                return tok.text, (tok.idx, tok.idx + len(tok.text))
            return m.text, m.span
        src = _document_source(tok, self)
        if src is not tok:  # "Trump's post continued", "a statement from the ministry said": the source speaks
            return self.speaker(src)
        np = _np_span(self.doc, tok)
        m = self.mention_at(tok.idx, tok.idx + len(tok.text))
        if m is not None and tok.dep_ in ("compound", "nmod") and m.type in ("ORG", "PERSON"):
            return m.text, m.span  # a name modifying a noun ("a Reuters survey"): the whole name
        if m is None or m.type != "PERSON":
            # "the governor, Tom Reyes, said": the name in apposition is the speaker
            for c in tok.children:
                if c.dep_ == "appos":
                    am = self.mention_at(c.idx, c.idx + len(c.text))
                    if am is not None and am.type == "PERSON":
                        return am.text, am.span
        if m is not None and m.type == "PERSON":
            return m.text, m.span
        if (
            m is not None
            and m.type in ("ORG", "GPE", "NORP", "LOC", "FAC")
            and tok.pos_ == "PROPN"
            and np.start_char <= m.span[0] <= tok.idx
            and m.span[1] <= np.end_char
            and _is_label(self.doc[np.start : self.doc.char_span(*m.span, alignment_mode="expand").start])
        ):
            # "Chinese state news agency Xinhua": the name at the head speaks; the words before it are its label
            return m.text, m.span
        return np.text, (np.start_char, np.end_char)


def _is_label(words: Span) -> bool:
    """Whether the words before a name are a descriptive label of it ("Chinese state news agency" before
    "Xinhua", "the trader" before "Cofco"): a short run of modifiers with a common noun, no clause, no comma."""
    return (
        0 < len(words) <= 6
        and any(t.pos_ == "NOUN" for t in words)
        and all(t.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "PART") and t.dep_ != "poss" for t in words)
    )


def _is_named(tok: Token, resolver: _Resolver) -> bool:
    """A proper noun or a token inside a named mention of a person, organisation or place."""
    if tok.pos_ == "PROPN":
        return True
    m = resolver.mention_at(tok.idx, tok.idx + len(tok.text))
    return m is not None and m.type in ("PERSON", "ORG", "GPE", "NORP")


def _document_source(obj: Token, resolver: _Resolver) -> Token:
    """For "according to <obj>": the source of a document noun ("a statement from X", "a report by X", "X's
    readout", "U.S. Department of Agriculture data", "a readout of X" with X named), else ``obj`` itself (a
    person, an organisation, or a document with no source named, kept as written)."""
    if obj.pos_ != "NOUN" or obj.text[:1].isupper():
        return obj
    if obj.lower_ not in DOCUMENT_NOUNS and obj.lemma_.lower() not in DOCUMENT_NOUNS:
        return obj
    for c in obj.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            # "of" names the source only when a name follows ("a readout of the call" is about the call)
            if pobj is not None and (c.lower_ != "of" or _is_named(pobj, resolver)):
                return pobj
    for c in obj.children:
        if c.dep_ == "poss" and c.pos_ != "PRON":
            return c
    # "a Reuters survey", "U.S. Department of Agriculture data": one organisation or person named before the
    # noun; a mix of names ("a New York Times/CBS News poll") is kept as written
    pre = [
        m
        for m in resolver.mentions
        if obj.left_edge.idx <= m.span[0]
        and m.span[1] <= obj.idx
        and m.type in ("ORG", "PERSON", "GPE", "NORP")
    ]
    if len(pre) == 1 and pre[0].type in ("ORG", "PERSON"):
        c = next((c for c in obj.children if c.dep_ in ("compound", "nmod") and c.i < obj.i), None)
        if c is not None and pre[0].span[0] <= c.idx < pre[0].span[1]:
            return c
    return obj


def _named_head(verb: Token, resolver: _Resolver, segs: list[_Seg]) -> Token | None:
    """A participial or conjoined cue verb whose clause has no subject ("X highlighted progress, writing that
    ...") but which hangs from a name: the parser took the name for the verb of the sentence ("Trump" tagged
    as a verb) or the participle modifies the name directly ("Trump, saying ..., left"). That name speaks."""
    tok = verb
    for _ in range(3):
        if tok.dep_ not in ("advcl", "xcomp", "conj", "acl") or tok.head is tok:
            return None
        tok = tok.head
        if _inside(tok, segs):
            return None
        m = resolver.mention_at(tok.idx, tok.idx + len(tok.text))
        if m is not None and m.type in ("PERSON", "ORG"):
            return tok
    return None


def _generic_frame(verb: Token, subj: Token | None, resolver: _Resolver) -> bool:
    """Whether a cue verb states a generic or hypothetical saying, not something a real speaker said: in a
    "when"/"if"/"whenever"/"unless" clause, in the present tense or with a modal, with a subject that names
    nobody in particular ("When reports say “...”, they cite ...", "If someone says ...", "if a reporter
    asks ..."). "When Trump says “...”, he means ..." names a speaker and stays a quote."""
    clause = verb.head if verb.dep_ == "conj" else verb
    if not any(c.dep_ in ("mark", "advmod") and c.lower_ in GENERIC_FRAME_MARKS for c in clause.children):
        return False
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)
    if verb.tag_ not in ("VBP", "VBZ") and not modal:
        return False
    if subj is None:
        return False
    if subj.lower_ in GENERIC_SUBJECTS:
        return True
    if subj.pos_ != "NOUN" or _is_named(subj, resolver):
        return False
    dets = [c for c in subj.children if c.dep_ in ("det", "poss")]
    return not dets or all(d.lower_ in ("a", "an", "any", "some", "every", "each") for d in dets)


def _cue_of(tok: Token) -> str | None:
    lem = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") and lem in SPEECH_VERBS:
        return lem
    return None


def _find_cue(
    doc: Doc, start: int, end: int, segs: list[_Seg], resolver: _Resolver | None = None
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
                acc_hit = (tok, obj if resolver is None else _document_source(obj, resolver), "according to")
    hit = verb_hit or acc_hit
    return hit if hit else (None, None, None)


def _is_clause_start(text: str, open_at: int, para_start: int) -> bool:
    before = text[para_start:open_at].rstrip()
    return not before or before[-1] in '.:!?;,—–-"”’' or before.endswith(("said", "says", "wrote", "added"))


# ----------------------------------------------------------------------------------------- main


def extract_quotes(doc: Doc, article: Article, mentions: list[Mention]) -> list[Quote]:
    """Direct and indirect quotes of one article, in text order, with speakers (see the module docstring)."""
    text = doc.text
    segs = scan_quotes(text)
    resolver = _Resolver(doc, mentions, segs)
    paras = _paragraphs(text)
    drafts: list[Quote] = []
    done: list[tuple[_Seg, Quote, int]] = []  # direct quotes so far: (segment, quote, end of its attribution)
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
        attr_end = seg_end_mark
        hit: tuple[Token | None, Token | None, str | None] = (None, None, None)
        if partial:
            hit = _governing_cue(doc, seg, segs, resolver)
        if hit[0] is None and text[before_start : seg.open_at].rstrip().endswith(":"):
            hit = _before_cue(doc, text, before_start, seg.open_at, segs, resolver)
        if hit[0] is None and not partial:
            hit = _after_cue(doc, text, seg, after_end, segs, resolver)
            if hit[0] is not None:
                attr_end = after_end
        if hit[0] is None:
            hit = _before_cue(doc, text, before_start, seg.open_at, segs, resolver)
        if hit[0] is None:
            hit = _find_cue(doc, seg_end_mark, after_end, segs, resolver)
            if hit[0] is not None:
                attr_end = after_end
        if hit[0] is None:
            hit = _find_cue(doc, before_start, seg.open_at, segs, resolver)
        verb, agent, cue = hit
        if verb is not None and _generic_frame(verb, agent, resolver):
            continue  # an example of what is said ("when reports say “...”"), not a quote of a real speaker
        if verb is None and partial and len(words) <= _SCARE_MAX_WORDS:
            continue  # scare quotes
        if partial and cue is None and len(words) <= 3:
            continue
        speaker = resolver.speaker(agent) if agent is not None else None
        if speaker is None and partial and verb is None:
            # nearest-subject fallback: the subject of the closest verb the partial quote hangs from
            near = _governing_subject(doc, seg, segs)
            speaker = resolver.speaker(near) if near is not None else None
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
        if speaker is None and agent is None:
            _continue_speaker(doc, text, resolver, q, seg, done, paras, partial, segs)
        if q.speaker_span:
            sm = resolver.mention_at(*q.speaker_span)
            if sm is not None and sm.type == "PERSON":
                resolver.speakers.append((seg.open_at, sm))
        drafts.append(q)
        done.append((seg, q, attr_end))
    drafts += _indirect(doc, article, segs, resolver)
    drafts.sort(key=lambda q: q.span[0])
    for i, q in enumerate(drafts):
        q.id = f"{article.id}:q{i}"
    return drafts


def _continue_speaker(
    doc: Doc,
    text: str,
    resolver: _Resolver,
    q: Quote,
    seg: _Seg,
    done: list[tuple[_Seg, Quote, int]],
    paras: list[tuple[int, int]],
    partial: bool,
    segs: list[_Seg],
) -> None:
    """A quote without attribution of its own continues a speaker (module docstring, "Continuations")."""
    ps, _ = paras[seg.paragraph]
    prev = done[-1] if done else None
    if prev is not None:
        pseg, pq, pend = prev
        p_para_end = next(e for s_, e in paras if s_ <= (pseg.close_at or pseg.end) <= e)
        same_para = p_para_end > ps  # the previous quote ends in this paragraph
        gap_start = max(pseg.close_at or pseg.end, pend)
        gap_end = seg.open_at if same_para else p_para_end
        starts_para = not text[ps : seg.open_at].strip()
        prev_para_ok = not same_para and starts_para and p_para_end == _prev_para_end(paras, seg.paragraph)
        if pq.speaker and (same_para or prev_para_ok) and (not partial or same_para):
            gap = text[gap_start:gap_end]
            if len(gap) < 200 and not _names_other_speaker(resolver, pq, (gap_start, gap_end)):
                q.speaker, q.speaker_span, q.cue = pq.speaker, pq.speaker_span, pq.cue
                return
    # "X said:" / "X said." closing the previous paragraph introduces a quote paragraph
    if partial or seg.paragraph == 0 or text[ps : seg.open_at].strip():
        return
    pps, ppe = paras[seg.paragraph - 1]
    if _prev_para_end(paras, seg.paragraph) != ppe:
        return
    if any(pps <= (s.close_at or s.end) <= ppe and s.close_at is not None for s in segs):
        last_close = max((s.close_at or s.end) for s in segs if pps <= (s.close_at or s.end) <= ppe)
        pps = max(pps, last_close)
    sent = _last_sentence(doc, pps, ppe)
    if sent is None:
        return
    tail = text[sent[0] : sent[1]].rstrip()
    hit = (None, None, None)
    if tail.endswith(":"):
        hit = _before_cue(doc, text, sent[0], sent[1], segs, resolver)
    elif tail.endswith("."):
        toks = [t for t in _tokens_in(doc, sent[0], sent[1]) if not t.is_space]
        root = next((t for t in toks if t.dep_ == "ROOT"), None)
        if (
            root is not None
            and len(toks) <= 12
            and _cue_of(root)
            and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in root.children)
        ):
            subj = _subject(root)
            if subj is not None:
                hit = (root, subj, _cue_of(root))
    if hit[1] is not None:
        sp = resolver.speaker(hit[1])
        if sp:
            q.speaker, q.speaker_span, q.cue = sp[0], sp[1], hit[2]


def _prev_para_end(paras: list[tuple[int, int]], pi: int) -> int:
    return paras[pi - 1][1] if pi > 0 else -1


def _last_sentence(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Char range of the last sentence of text[start:end] (start is clipped to that sentence)."""
    toks = _tokens_in(doc, start, end)
    toks = [t for t in toks if not t.is_space]
    if not toks:
        return None
    sent = toks[-1].sent
    return max(start, sent.start_char), min(end, sent.end_char)


def _is_attribution_verb(tok: Token) -> bool:
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.lemma_.lower() in SPEECH_VERBS):
        return tok.dep_ in ("ROOT", "parataxis", "ccomp", "conj", "advcl") or _cue_of(tok) is not None
    return False


def _inverted_subject(verb: Token, after: int) -> Token | None:
    """The speaker named after its verb ("said Bonnie Glaser, head of ...")."""
    for nxt in verb.rights:
        if nxt.idx < after:
            continue
        if nxt.pos_ in ("PROPN", "NOUN", "PRON") and (
            nxt.dep_ not in ("dobj", "dative") or verb.lemma_.lower() not in ("tell", "ask")
        ):
            return nxt
        if nxt.dep_ not in ("punct", "advmod", "npadvmod", "prep"):
            break
    return None


def _after_cue(
    doc: Doc, text: str, seg: _Seg, end: int, segs: list[_Seg], resolver: _Resolver | None = None
) -> tuple[Token | None, Token | None, str | None]:
    """“...,” X said / “...,” said X / “...,” X, the ..., added: the first verb right after the closing mark.
    When the quote ends with a comma, "?", "!" or a dash (the sentence goes on into its attribution) any verb
    there is the attribution ("“...,” he wondered", "“...,” Cruz continued"); after a full stop only a speech
    verb is, and it must come within a few words."""
    if seg.close_at is None:
        return None, None, None
    close = seg.close_at
    toks = [t for t in _tokens_in(doc, close, end) if not _inside(t, segs) and not t.is_space]
    if not toks:
        return None, None, None
    inner = text[seg.start : seg.end].rstrip()
    continues = inner[-1:] in ",?!—–-…" or text[close:end].lstrip()[:1] in (",", "—", "–")
    limit = 10 if continues else 5
    for n, t in enumerate(toks[:limit]):
        if t.is_punct and n and t.text not in ",—–-":
            break
        if not _is_attribution_verb(t):
            continue
        cue = _cue_of(t) or (t.lemma_.lower() if continues else None)
        if cue is None:
            return None, None, None
        subj = _subject(t)
        if subj is None or subj.idx < close or _inside(subj, segs):
            subj = _inverted_subject(t, close)
        if subj is None and resolver is not None:
            subj = _last_person(doc, resolver, close, t.idx)  # parse lost the subject
        if subj is None or _inside(subj, segs):
            return None, None, None
        return t, subj, cue
    return None, None, None


def _before_cue(
    doc: Doc, text: str, start: int, open_at: int, segs: list[_Seg], resolver: _Resolver | None = None
) -> tuple[Token | None, Token | None, str | None]:
    """X said: “...” / X said, “...” / X said that “...”: the last verb before the opening mark. After a colon
    any verb introduces the quote ("Cruz continued:"), otherwise only a speech verb."""
    pre = text[start:open_at].rstrip()
    if not pre:
        return None, None, None
    colon = pre.endswith(":")
    if colon:
        # "Republican pollster Daron Shaw: “...”", headline "Darrell Scott: ‘...’": the person named right
        # before the colon
        name = next(
            (
                m
                for m in (resolver.people if resolver is not None else [])
                if start <= m.span[0] < m.span[1] <= open_at and not text[m.span[1] : open_at].strip(" :’'s")
            ),
            None,
        )
        if name is not None:
            tok = doc.char_span(name.span[0], name.span[1], alignment_mode="expand")
            if tok is not None:
                return tok.root, tok.root, ":"
    toks = [
        t
        for t in _tokens_in(doc, start, open_at)
        if not _inside(t, segs) and not t.is_space and not t.is_punct
    ]
    if not toks:
        return None, None, None
    if not (colon or pre.endswith(",") or toks[-1].lower_ == "that" or _cue_of(toks[-1])):
        return None, None, None
    for t in reversed(toks[-8:]):
        if t.pos_ == "VERB" or (t.pos_ == "AUX" and _cue_of(t)):
            # after a colon, or a verb right before the comma ("He continued, “...”"), any verb introduces it
            cue = _cue_of(t) or (t.lemma_.lower() if colon or t is toks[-1] else None)
            if cue is None:
                return None, None, None
            subj = _subject(t)
            if subj is None and resolver is not None:
                # parse lost the subject ("In a statement, her adviser, Jake Sullivan, said:"): the person
                # named last before the verb in this window
                subj = _last_person(doc, resolver, start, t.idx)
            if subj is None or _inside(subj, segs):
                return None, None, None
            return t, subj, cue
    return None, None, None


def _last_person(doc: Doc, resolver: _Resolver, start: int, end: int) -> Token | None:
    last = None
    for m in resolver.people:
        if start <= m.span[0] and m.span[1] <= end:
            last = m
    if last is None:
        return None
    span = doc.char_span(last.span[0], last.span[1], alignment_mode="expand")
    return span.root if span is not None else None


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


_FINAL = frozenset({".", "!", "?", "...", "…"})


def _sentence_end(doc: Doc, at: int, limit: int) -> int:
    """End of the attribution after a closing mark: the first sentence-final . ! ? token. Tokens, not a regex,
    so that abbreviations ("Sen. Chuck Schumer (D-N.Y.) said") do not end it."""
    for tok in _tokens_in(doc, at, limit):
        if tok.idx >= at and tok.text in _FINAL:
            return min(limit, tok.idx + len(tok.text))
    return limit


def _sentence_start(doc: Doc, at: int, limit: int) -> int:
    """Start of the sentence holding the opening mark at ``at`` (not before ``limit``)."""
    toks = _tokens_in(doc, limit, at)
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].text in _FINAL and toks[k].idx + 1 <= at:
            nxt = k + 1
            while nxt < len(toks) and (toks[nxt].text in '”"’' or toks[nxt].is_space):
                nxt += 1
            return toks[nxt].idx if nxt < len(toks) else at
    return limit


def _governing_cue(
    doc: Doc, seg: _Seg, segs: list[_Seg], resolver: _Resolver | None = None
) -> tuple[Token | None, Token | None, str | None]:
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
            if subj is None and resolver is not None:
                subj = _named_head(tok, resolver, segs)
            return tok, subj, lem
    return None, None, None


def _governing_subject(doc: Doc, seg: _Seg, segs: list[_Seg]) -> Token | None:
    """For a partial quote with no cue verb: the subject of the nearest verb it hangs from, in its sentence."""
    toks = _tokens_in(doc, seg.start, seg.end)
    if not toks:
        return None
    tok = doc[toks[0].i : toks[-1].i + 1].root
    for _ in range(6):
        if tok.head is tok:
            break
        tok = tok.head
        if _inside(tok, segs):
            continue
        if tok.pos_ in ("VERB", "AUX"):
            subj = _subject(tok)
            if subj is not None and not _inside(subj, segs):
                return subj
    return None


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
            if comp is None:
                continue
            subj = _subject(tok) or _named_head(tok, resolver, segs)
            if subj is None or subj.lower_ in ("i", "we", "you") or _generic_frame(tok, subj, resolver):
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
            sp = resolver.speaker(_document_source(obj, resolver))
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
