"""Turn an article's fact spans into nested, non-overlapping text segments for ``<mark>`` rendering.

The text is cut at every span boundary; each piece carries the annotations covering it, outermost
(longest) first, so a template can nest ``<mark>`` elements correctly. Text is never pre-escaped here:
the Jinja2 templates (autoescape on) escape every piece.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import ArticleFacts


@dataclass(frozen=True)
class Mark:
    kind: str  # entity | quote | quantity | date | claim | ref (an event referred to)
    start: int
    end: int
    title: str
    href: str | None = None
    ident: str = ""


@dataclass
class Segment:
    text: str
    marks: list[Mark] = field(default_factory=list)

    @property
    def link(self) -> str | None:
        """The link of the innermost mark that has one."""
        return next((m.href for m in reversed(self.marks) if m.href), None)


def marks_for(facts: ArticleFacts, *, event_id: str | None = None, claim_checks: dict[str, str] | None = None,
              text_len: int) -> list[Mark]:
    """Marks for every fact with a valid span; links go to where the fact is compared."""
    claim_checks = claim_checks or {}
    ev = f"/events/{event_id}" if event_id else None
    out: list[Mark] = []

    def ok(span) -> bool:  # noqa: ANN001
        return span is not None and 0 <= span[0] < span[1] <= text_len

    for c in facts.claims:
        if ok(c.span):
            check = claim_checks.get(c.id)
            href = f"{ev}#check-{check}" if ev and check else None
            out.append(Mark("claim", c.span[0], c.span[1], f"claim: {c.action} ({c.modality})", href, c.id))
    for q in facts.quotes:
        if ok(q.span):
            href = f"{ev}#speaker-{q.speaker_entity}" if ev and q.speaker_entity else None
            out.append(Mark("quote", q.span[0], q.span[1], f"quote: {q.speaker or 'unattributed'}", href, q.id))
    for m in facts.mentions:
        if ok(m.span):
            href = f"/entities/{m.entity}" if m.entity else None
            out.append(Mark("entity", m.span[0], m.span[1], f"{m.type}" + (f": {m.label}" if m.label else ""),
                            href, m.id))
    qty_checks = {c.quantity: claim_checks.get(c.id) for c in facts.claims if c.quantity}
    for n in facts.quantities:
        if ok(n.span):
            check = qty_checks.get(n.id)
            href = f"{ev}#check-{check}" if ev and check else None
            out.append(Mark("quantity", n.span[0], n.span[1],
                            f"{n.value:g} {n.unit}" if n.value is not None else n.unit, href, n.id))
    for d in facts.dates:
        if ok(d.span):
            out.append(Mark("date", d.span[0], d.span[1], f"date: {d.value or 'unresolved'}", None, d.id))
    for r in facts.event_refs:
        if ok(r.span):
            when = f" ({r.date})" if r.date else ""
            title = f"refers to a {r.head}{when}: " + (f"event {r.event}" if r.event else "not in the store")
            href = f"/events/{r.event}" if r.event else None
            out.append(Mark("ref", r.span[0], r.span[1], title, href, r.id))
    return out


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """Cut ``text`` at every mark boundary; each segment lists its covering marks, longest first.

    Marks that partially overlap are both kept: each segment is wrapped by all marks covering it, which
    always nests properly because the wrapping is per segment.
    """
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    ordered = sorted(marks, key=lambda m: (-(m.end - m.start), m.start))
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a == b:
            continue
        covering = [m for m in ordered if m.start <= a and b <= m.end]
        out.append(Segment(text[a:b], covering))
    return out
