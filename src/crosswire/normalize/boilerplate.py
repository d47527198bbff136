"""Page leftovers that travel with pasted or extracted article text, in one place.

Every pattern is matched against a WHOLE paragraph (line), never inside a sentence, and only short
paragraphs are candidates (:data:`MAX_BOILERPLATE_WORDS`): a real article sentence that happens to
contain "subscribe" or "photo" is kept. Each entry is ``name -> compiled regex`` so a caller (or a
test) can say which rule removed what: :func:`boilerplate_rule` returns the name.
"""

from __future__ import annotations

import re

#: paragraphs longer than this are never treated as boilerplate (the longest pitch in the sample,
#: OAN's "Stay informed! ... Subscribe here. <url>", is 14 words; 40 leaves room for wordier ones)
MAX_BOILERPLATE_WORDS = 40

_I = re.IGNORECASE

BOILERPLATE: dict[str, re.Pattern[str]] = {
    # "Stay informed! Receive breaking news blasts directly to your inbox for free. Subscribe here. <url>"
    "newsletter_pitch": re.compile(
        r"^(?:(?:stay informed|don'?t miss out|never miss a story)[!.]?\s*)?"
        r"(?:receive|get|sign up|subscribe|join|register|enter your email)\b.*"
        r"\b(?:newsletter|inbox|alerts?|updates|subscribe(?: here)?|sign up|for free)\b.*$", _I),
    "call_to_action": re.compile(
        r"^.*\b(?:click here|subscribe here|sign up here|tap here|sign up now|subscribe now|"
        r"subscribe to our newsletter|sign up for our newsletter)\b.*$", _I),
    # "What do YOU think? Click here to jump to the comments!", "Leave a comment", "12 comments"
    "comment_prompt": re.compile(
        r"^(?:leave a (?:comment|reply)|add a comment|post a comment|join the (?:conversation|discussion)|"
        r"what do you think\??.*comments?.*|comments?(?: \(\d+\))?|\d+ comments?|view comments|show comments|"
        r"be the first to comment.*)[.!]?$", _I),
    "sponsored": re.compile(
        r"^(?:sponsored(?: content| links| stories)?(?: below)?|advertisement|advertising|ad|"
        r"story continues below(?: this)? advertisement|continue reading(?: below| the main story)?|"
        r"paid (?:content|post)|promoted(?: stories| content)?|recommended(?: for you| stories)?|"
        r"you may also like|more from .{1,40}|most (?:read|popular)|trending(?: now)?)[.:!]?$", _I),
    "read_more": re.compile(r"^(?:read more|read also|also read|related(?: articles| stories| coverage)?|"
                            r"see also|more on this story|watch)\s*(?::.*|[.!]?)$", _I),
    "share_buttons": re.compile(
        r"^(?:(?:share|tweet|email|print|copy link|save|facebook|twitter|x|linkedin|whatsapp|reddit|"
        r"telegram|pinterest|share this(?: article| story)?|share on \w+|follow us on \w+)[\s|,/•·]*)+$", _I),
    # "AI Generated Image", "Photo: Reuters/Jane Doe", "(Photo by Jane Doe/Getty Images)", BBC "Image source, ..."
    "image_credit": re.compile(
        r"^\(?(?:ai[- ]generated image|(?:file |stock |representative |illustrative )?(?:photo|image|picture|"
        r"photograph|video|graphic)s?(?: credits?| source| caption| by)?\s*(?::|,|-|–|by)\s*.{0,160}|"
        r"(?:image|photo) credits?:?.*|credit:\s*.{1,120}|getty images|file photo|"
        r"\S.{0,60}/(?:getty images|reuters|ap|afp|epa|shutterstock|afp via getty images))\)?$", _I),
    "listen_readtime": re.compile(
        r"^(?:listen to (?:this )?article.*|\d+\s*min(?:ute)?s? read|reading time:.*|audio available.*)$", _I),
    "page_chrome": re.compile(
        r"^(?:skip to (?:main )?content|loading\.*|back to top|home|menu|search|log ?in|sign in|"
        r"cookie(?:s| settings| policy).*|accept (?:all )?cookies)$", _I),
}


def boilerplate_rule(paragraph: str) -> str | None:
    """Name of the rule that marks ``paragraph`` as page leftover, or None for article text."""
    p = paragraph.strip()
    if not p:
        return None
    if len(p.split()) > MAX_BOILERPLATE_WORDS:
        return None
    for name, rx in BOILERPLATE.items():
        if rx.match(p):
            return name
    return None


def strip_boilerplate(paragraphs: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Drop leftover paragraphs; returns the kept paragraphs and ``(rule, paragraph)`` for each removed."""
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    for p in paragraphs:
        rule = boilerplate_rule(p)
        if rule:
            removed.append((rule, p))
        else:
            kept.append(p)
    return kept, removed
