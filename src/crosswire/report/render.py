"""Self-contained briefings of one event: Markdown, HTML (inline CSS, no external assets) or JSON.

``render_report(store, event_id, fmt)`` is what ``crosswire report`` calls. Every line carries its
provenance: the outlet and the sentence it was read from. JSON is the event's slice of the export shape
(``shared/spec/export.md``).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader

from ..models import to_dict
from ..store.base import Store
from .briefing import SECTION_TITLES, STATUS_LABELS, Briefing, Row, build_briefing, outlet_name

#: bounds of a report: it is sent to people, so it stays readable whatever the size of the event
MAX_CHECKS, MAX_OUTLETS, MAX_LINES = 300, 30, 12
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # lines never start with stored text, so #, -, > stay
_TEMPLATES = Path(__file__).resolve().parent / "templates"


def md(text: str | None) -> str:
    """Markdown-escape stored text: punctuation backslashed, ``<``/``&`` as entities, one line."""
    if not text:
        return ""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _sections(b: Briefing) -> dict[str, list[Row]]:
    """The briefing's sections (each check in one only, see ``briefing``)."""
    return b.sections


def more_note(b: Briefing) -> str:
    """The line that counts the single-source statements not listed."""
    if not b.single_more:
        return ""
    return (f"… and {b.single_more} more single-source statement{'' if b.single_more == 1 else 's'}: "
            "see `crosswire export` or the web UI.")


def values_summary(r: Row) -> str:
    """"Gulf Times 20 million t (agreed); The Epoch Times 20 million t (considered)": one entry per outlet."""
    parts, seen = [], set()
    for ln in r.lines:
        key = (ln.outlet, ln.value, ln.modality)
        if key in seen:
            continue
        seen.add(key)
        val = f" {ln.shown}" if ln.value is not None else ""
        parts.append(f"{ln.outlet}{val} ({ln.modality})")
    return "; ".join(parts)


def row_meta(r: Row) -> str:
    """Sources, modality disagreement and omissions of a row, in words."""
    c = r.check
    n = len(c.outlets)
    bits = [f"{n} outlet{'' if n == 1 else 's'}"]
    if c.modality_disagreement:
        mods = sorted({m.get("modality") or "" for m in c.modalities} - {""})
        bits.append("wording differs: " + " vs ".join(mods))
    if c.missing_from:
        bits.append("left out by " + ", ".join(outlet_name(o) for o in c.missing_from))
    return "; ".join(bits)


def _brief(store: Store, event_id: str) -> Briefing:
    return build_briefing(store, event_id, row_limit=MAX_CHECKS, col_limit=MAX_OUTLETS, per_speaker=20)


def _line_md(ln) -> str:  # noqa: ANN001 - briefing.Line
    value = f" **{md(ln.shown)}**" if ln.value is not None else ""
    state = f" ({ln.state})" if ln.state != "carried" else ""
    return f"  - {md(ln.outlet)}{value}, {md(ln.modality)}{state}: “{md(ln.sentence)}”"


def _rows_md(rows: list[Row], empty: str) -> list[str]:
    if not rows:
        return [f"_{empty}_", ""]
    out = []
    for r in rows:
        status = STATUS_LABELS.get(r.check.status, r.check.status)
        out.append(f"- \\[{status}\\] **{md(r.check.about)}** ({md(row_meta(r))}): {md(values_summary(r))}")
        out += [_line_md(ln) for ln in r.lines[:MAX_LINES]]
        if r.lines_total > MAX_LINES:
            out.append(f"  - … {r.lines_total - MAX_LINES} more")
    return out + [""]


def _markdown(b: Briefing) -> str:
    ev, s = b.event, _sections(b)
    out = [f"# {md(ev.label)}", "",
           f"{md(ev.date or 'undated')} · {b.n_articles} article(s) from {len(b.outlets)} outlet(s): "
           + ", ".join(f"{md(o)} ({n})" for o, n in b.outlets[:MAX_OUTLETS])
           + (f", … {len(b.outlets) - MAX_OUTLETS} more" if len(b.outlets) > MAX_OUTLETS else ""), ""]
    if b.n_checks > len(b.rows):
        out += [f"_Showing {len(b.rows)} of {b.n_checks} cross-checked facts._", ""]
    out += [f"## {SECTION_TITLES['multi']}", ""] + _rows_md(s["multi"], "Nothing is reported by more than one outlet.")
    out += [f"## {SECTION_TITLES['conflict']}", ""] + _rows_md(s["conflict"], "No conflicting figures or denials.")
    out += ["## Who left what out", ""]
    out += [f"- **{md(o)}** left out: " + "; ".join(md(a) for a in abouts) for o, abouts in b.omissions] or [
        "_No omissions found._"]
    out += ["", f"## {SECTION_TITLES['single']}", ""]
    if s["single"]:
        out += [f"_Figures and firm commitments only ({len(s['single'])} of {b.single_total})._", ""]
    out += _rows_md(s["single"], "No single-source figures or commitments." if b.single_total else "None.")
    if b.single_more:
        out += [f"_{more_note(b)}_", ""]  # our own words: nothing to escape
    out += ["## Who said what", ""]
    for sp in b.speakers:
        out.append(f"- **{md(sp.name)}** ({sp.total} quote(s))")
        out += [f"  - “{md(q.quote.text)}” ({md(q.quote.cue or 'said')}, {md(q.outlet)}"
                + ("" if q.quote.direct else ", paraphrase") + ")" for q in sp.quotes]
    if not b.speakers:
        out.append("_No quotes found._")
    out += ["", "## Labels per outlet", ""]
    for f in b.framing:
        out.append(f"- **{md(f.entity.name)}**: " + "; ".join(
            f"{md(o)}: " + ", ".join(md(lab) for lab, _ in labels) for o, labels in f.by_outlet))
    if not b.framing:
        out.append("_No labels recorded._")
    out += ["", "## Figures over time", ""]
    for c in b.charts:
        out.append(f"- **{md(c.track.about)}**: " + " → ".join(
            f"{md(p.value)} ({md(p.date)}{', ' + md(p.label) if p.label else ''})" for p in c.points))
    if not b.charts:
        out.append("_No tracked figures._")
    out += ["", "## Why these articles are one event", ""] + [f"- {md(w)}" for w in ev.why[:20]] + [""]
    return "\n".join(out)


def _html(b: Briefing) -> str:
    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.globals["STATUS_LABELS"] = STATUS_LABELS
    css = (_TEMPLATES / "report.css").read_text("utf-8")
    env.filters["row_meta"] = row_meta
    env.filters["values_summary"] = values_summary
    return env.get_template("report.html").render(b=b, s=_sections(b), css=css, max_lines=MAX_LINES,
                                                  max_outlets=MAX_OUTLETS, titles=SECTION_TITLES,
                                                  more=more_note(b))


def event_export(store: Store, event_id: str) -> dict[str, Any]:
    """The event's slice of the JSON export: its articles, their facts, the entities they link, its checks
    and the tracks that use its claims.

    Read in one store snapshot with a fixed number of queries per kind of record (facts are streamed per
    kind for the whole event, never per article); facts come out article by article, in the articles' order.
    """
    with store.snapshot():
        return _event_export(store, event_id)


def _event_export(store: Store, event_id: str) -> dict[str, Any]:
    event = store.get_event(event_id)
    members = set(event.articles)
    doc: dict[str, Any] = {"crosswire_export": 1, "articles": [], "entities": [], "events": [to_dict(event)],
                           "quotes": [], "quantities": [], "dates": [], "claims": [], "checks": [], "tracks": []}
    order: list[str] = []
    offset = 0
    while True:
        batch = store.list_articles(event=event_id, limit=500, offset=offset)
        for a in batch:
            d = to_dict(a)
            d.pop("content_hash", None)
            doc["articles"].append(d)
            order.append(a.id)
        if len(batch) < 500:
            break
        offset += 500
    entity_ids: set[str] = set(event.entities)
    for m in store.iter_facts("mentions", event=event_id):
        if m.entity:
            entity_ids.add(m.entity)
    for kind in ("quotes", "quantities", "dates", "claims"):
        per_article: dict[str, list[Any]] = defaultdict(list)
        for rec in store.iter_facts(kind, event=event_id):
            per_article[rec.article].append(rec)
            if kind == "quotes" and rec.speaker_entity:
                entity_ids.add(rec.speaker_entity)
        for aid in order:
            for rec in per_article.get(aid, ()):
                doc[kind].append({**to_dict(rec), "event": event_id} if kind == "claims" else to_dict(rec))
    for ent in store.get_entities(sorted(entity_ids)):  # a dangling entity id is left out
        d = to_dict(ent)
        d["labels"] = [lab for lab in d["labels"] if lab["article"] in members]
        doc["entities"].append(d)
    doc["entities"].sort(key=lambda e: e["id"])
    doc["checks"] = [to_dict(c) for c in store.list_checks(event=event_id)]
    doc["tracks"] = [to_dict(t) for t in store.list_tracks(event=event_id)]
    return doc


def render_report(store: Store, event_id: str, fmt: Literal["md", "html", "json"] = "md") -> str:
    """A briefing of one event as Markdown, self-contained HTML, or the event's JSON export slice.

    Raises :class:`crosswire.errors.NotFound` for an unknown event and ``ValueError`` for an unknown format.
    """
    if fmt == "json":
        return json.dumps(event_export(store, event_id), ensure_ascii=False, indent=2) + "\n"
    if fmt not in ("md", "html"):
        raise ValueError(f"unknown report format {fmt!r}: use md, html or json")
    b = _brief(store, event_id)
    return _markdown(b) if fmt == "md" else _html(b)


__all__ = ["render_report", "event_export", "md", "outlet_name"]
