"""RawDocument -> Article: clean text, normalized date, language, hash, id.

Text cleanup, in order: Unicode NFC; odd spaces (NBSP, zero-width, soft hyphen) made plain; line
endings unified; paragraphs found (blank-line separated blocks; inside a block each line is a paragraph
unless the block is hard-wrapped prose, which is re-flowed); whitespace collapsed inside paragraphs;
paste damage repaired (a missing space before an opening curly quote: ``a“very positive”``); page
leftovers dropped (:mod:`crosswire.normalize.boilerplate`); a first paragraph equal to the title dropped.
Paragraphs are joined with ``"\\n\\n"``.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from ..config import Settings, load_settings
from ..errors import EmptyInput
from ..models import Article, RawDocument
from .boilerplate import strip_boilerplate
from .dates import normalize_published

#: characters that are spaces in disguise
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
#: characters that should not be there at all (zero-width, soft hyphen, BOM)
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
#: C0/C1 control characters other than tab and newline (NUL cannot be stored in PostgreSQL text)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: a block whose lines are mostly this long and rarely end a sentence is hard-wrapped prose
#: (e-mail / terminal pastes wrap at 60-80 columns, Markdown sources at up to ~120)
WRAP_MIN_LINE, WRAP_MAX_LINE = 40, 130
#: language identification reads this many characters (py3langid is accurate well before 1,000)
LANG_SAMPLE_CHARS = 2000
#: below this many words the language guess is too unreliable to flag an article
LANG_MIN_WORDS = 8


@functools.lru_cache(maxsize=1)
def _default_settings() -> Settings:
    return load_settings()


def _is_hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 3:
        return False
    lengths = sorted(len(x) for x in lines[:-1])
    median = lengths[len(lengths) // 2]
    open_ends = sum(1 for x in lines[:-1] if not x.rstrip().endswith((".", "!", "?", ":", "”", '"', "’", ")")))
    return WRAP_MIN_LINE <= median <= WRAP_MAX_LINE and open_ends >= 0.6 * (len(lines) - 1)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text``: blank-line blocks, one paragraph per line unless the block is hard-wrapped."""
    out: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        if _is_hard_wrapped(lines):
            out.append(" ".join(lines))
        else:
            out.extend(lines)
    return [re.sub(r" {2,}", " ", p) for p in out]


def _repair_paste(p: str) -> str:
    """Spaces lost around curly double quotes when text is copied out of a page."""
    if "„" in p:  # German-style quotes use “ as the closing mark: leave them alone
        return p
    p = re.sub(r"(?<=[A-Za-z0-9.,;:!?])“", " “", p)
    p = re.sub(r"”(?=[A-Za-z0-9])", "” ", p)
    return p


def clean_text(text: str, *, title: str | None = None) -> str:
    """The normalized article text (see the module docstring); may be empty."""
    t = unicodedata.normalize("NFC", text)
    t = t.replace("\r\n", "\n").replace("\r", "\n")
    t = _CONTROL.sub("", _INVISIBLE.sub("", _SPACES.sub(" ", t)))
    paras = [_repair_paste(p) for p in split_paragraphs(t)]
    paras, _removed = strip_boilerplate(paras)
    if paras and title and _same(paras[0], title):
        paras = paras[1:]
    return "\n\n".join(paras)


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().casefold()

    return norm(a) == norm(b)


def content_hash(text: str) -> str:
    """sha1 of the text case-folded with whitespace collapsed: equal for copies that differ only in spacing."""
    key = " ".join(text.casefold().split())
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code from py3langid, None for text too short to tell."""
    if len(text.split()) < LANG_MIN_WORDS:
        return None
    import py3langid  # lazy: loads its model on first use

    lang, _score = py3langid.classify(text[:LANG_SAMPLE_CHARS])
    return str(lang)


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    v = " ".join(unicodedata.normalize("NFC", value).split())
    return v or None


def to_article(raw: RawDocument, settings: Settings | None = None) -> Article:
    """Normalize one RawDocument into an Article; raises EmptyInput when no text is left."""
    settings = settings or _default_settings()
    body = raw.text
    if body is None and raw.html is not None:
        from ..ingest.html import extract_html

        body = extract_html(raw.html, source=raw.source, record=raw.external_id, url=raw.url).text
    title = _clean_field(raw.title)
    text = clean_text(body or "", title=title)
    if not text:
        raise EmptyInput("no article text left after cleanup", source=raw.source, record=raw.external_id,
                         hint="the input holds only header lines or page leftovers")
    published = normalize_published(raw.published)
    published_from = raw.published_from if published else "unknown"
    if published and published_from == "unknown":
        published_from = "inferred"
    language = detect_language(text)
    flag = None
    if language and language not in settings.ingest.languages:
        flag = "non-english" if "en" in settings.ingest.languages else "language-not-processed"
    return Article(
        id=Article.make_id(raw.external_id, text),
        source=raw.source,
        external_id=raw.external_id,
        text=text,
        outlet=_clean_field(raw.outlet),
        title=title,
        url=_clean_field(raw.url),
        published=published,
        published_from=published_from,
        byline=_clean_field(raw.byline),
        language=language,
        language_flag=flag,
        content_hash=content_hash(text),
        word_count=len(text.split()),
    )
