"""A second multi-outlet test corpus built from ECB+ articles (read in place, never copied).

ECB+ topics hold two look-alike events each: topic 20 is two earthquakes on Iran's Qeshm island (the
"ecbplus" subtopic: Nov 27, 2005, reported with magnitudes 5.8-6.0 and death tolls of 10-13; the "ecb"
subtopic: a later quake of magnitude 5.6 that injured a handful of people), topic 24 two Paris jewellery
heists (Harry Winston, Dec 2008, reported as 80 or 85 million euros, $102-160 million; Casty, Sep 2013,
about 2 million euros / $2.6 million). Several outlets, figures that differ: the cross-check's other test bed.

Each "ecbplus" document starts with its source URL and often a "Posted:"/"Published:" line; we turn the URL
into the outlet and url metadata a user would have (like the sample corpus' sources.json) and leave the date
to the text reader. "ecb" documents carry no URL: their outlet stays unknown.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .quantities import ecb_text

#: (topic, subtopic) pairs used by the corpus; all in the ECB+ train split
CORPUS_TOPICS: tuple[tuple[str, str], ...] = (("20", "ecbplus"), ("20", "ecb"), ("24", "ecbplus"), ("24", "ecb"))

_URL_LINE = re.compile(r"^\s*https?\s*:\s*/\s*/\s*(\S.*)$")


def _url_and_body(text: str) -> tuple[str | None, str]:
    lines = text.split("\n")
    if lines and _URL_LINE.match(lines[0]):
        url = re.sub(r"\s+", "", lines[0]).replace("http:/", "http://", 1).replace("https:/", "https://", 1)
        url = url.replace(":///", "://")
        return url, "\n".join(lines[1:])
    return None, text


def outlet_of(url: str) -> str:
    host = re.sub(r"^https?://", "", url).split("/")[0].lower()
    return re.sub(r"^(www|news|articles|worldnews|web|query|usatoday30)\.", "", host)


def write_corpus(benchdata: Path, dest: Path, topics=CORPUS_TOPICS) -> tuple[list[Path], Path, dict[str, str]]:
    """Write the corpus as .txt files plus a meta JSON into ``dest``; returns (files, meta path, gold) where
    gold maps each file name to its "topic/subtopic" event."""
    dest.mkdir(parents=True, exist_ok=True)
    meta: dict[str, dict[str, str]] = {}
    gold: dict[str, str] = {}
    files = []
    root = benchdata / "ecbplus" / "ECB+_xml"
    for topic, sub in topics:
        for p in sorted((root / topic).glob(f"{topic}_*{sub}.xml")):
            if not re.fullmatch(rf"{topic}_\d+{sub}\.xml", p.name):
                continue
            url, body = _url_and_body(ecb_text(p))
            name = p.stem + ".txt"
            (dest / name).write_text(body, encoding="utf-8")
            files.append(dest / name)
            gold[name] = f"{topic}/{sub}"
            if url:
                meta[name] = {"outlet": outlet_of(url), "url": url}
    meta_path = dest / "sources.json"
    meta_path.write_text(json.dumps(meta, indent=1), encoding="utf-8")
    return files, meta_path, gold


# --------------------------------------------------------------------------------------------- figure gold
#
# ``benchmarks/data/ecb_multi_gold.json`` lists, per gold event ("topic/subtopic"), the figure groups a careful
# reader would cross-check, each with every outlet's value(s), the unit and the expected status (see the file's
# "about" and benchmarks/data/README.md). The functions below run the cross-check on the GOLD events (so event
# clustering does not matter) and score its figure checks against that list.

GOLD_PATH = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "ecb_multi_gold.json"

#: relative tolerance when matching a check's value to a gold value (unit conversions: 35 miles = 56.327 km)
VALUE_MATCH = 1e-3


def load_figure_gold(path: Path | None = None) -> dict:
    return json.loads((path or GOLD_PATH).read_text(encoding="utf-8"))


def gold_event_checks(store, file_gold: dict[str, str], settings=None) -> dict[str, list]:
    """Checks of each gold event: ``cross_check`` over the articles ``file_gold`` (file name -> "topic/sub")
    puts in it, whatever events the pipeline's clustering made."""
    from ..models import Event
    from ..reconcile.checks import cross_check

    by_event: dict[str, list] = {}
    for ev in store.list_events():
        for aid in ev.articles:
            art = store.get_article(aid)
            key = file_gold.get(art.external_id) or file_gold.get(Path(art.source).name)
            if key:
                by_event.setdefault(key, []).append(art)
    entities = {e.id: e for e in store.list_entities()}
    out: dict[str, list] = {}
    for key, arts in sorted(by_event.items()):
        arts.sort(key=lambda a: a.external_id)
        facts = [store.get_facts(a.id) for a in arts]
        event = Event(id="gold:" + key, label=key, articles=[a.id for a in arts])
        out[key] = cross_check(event, arts, facts, entities, settings)
    return out


Member = tuple[str, "str | None", float, "tuple[float, float] | None"]


def _members(check, claim_outlet: dict[str, str], claim_range: dict[str, tuple[float, float]] | None = None) -> list[Member]:
    """(outlet, unit, value, range) of each figure of a check (``claim_outlet``: claim id -> its article's
    outlet; ``claim_range``: claim id -> (low, high) of a figure written as a range, "three or four")."""
    ranges = claim_range or {}
    return [(claim_outlet.get(v.claim, "?"), v.unit, v.value, ranges.get(v.claim)) for v in check.values
            if v.value is not None]


def _matches(value: float, gold_values: list[float]) -> bool:
    return any(abs(value - gv) <= VALUE_MATCH * max(abs(gv), 1e-9) for gv in gold_values)


def _in_group(member: Member, group: dict) -> bool:
    """A figure belongs to a gold group when its value is one of its outlet's gold values, or, for a range
    ("three or four robbers", read as 3-4 with the midpoint 3.5 as value), when both ends are."""
    outlet, unit, value = member[:3]
    rng = member[3] if len(member) > 3 else None
    if unit != group["unit"]:
        return False
    gold_values = group["values"].get(outlet, [])
    if _matches(value, gold_values):
        return True
    return rng is not None and _matches(rng[0], gold_values) and _matches(rng[1], gold_values)


def score_figure_checks(checks: dict[str, list], gold: dict, claim_outlet: dict[str, str],
                        claim_range: dict[str, tuple[float, float]] | None = None) -> dict:
    """Score cross-outlet figure checks (a check with figures from 2+ outlets) against the figure gold.

    * a check is **correct** when every figure in it belongs to one gold group (key, extra or background; a
      range belongs when both its ends are gold values of its outlet, :func:`_in_group`);
      precision = correct / cross-outlet figure checks;
    * a gold group is **found** when a correct check holds figures of 2+ of its outlets; recall = found key
      groups / key groups; status accuracy compares the best such check's status with the gold status;
    * a **background mix** is a check holding both a background figure and a key/extra figure of the event;
    * a **false consistent** is a "consistent" check whose largest figure is more than ``FALSE_CONSISTENT_FACTOR``
      times its smallest.
    """
    rows: list[dict] = []
    found: dict[tuple[str, str], dict] = {}
    n_checks = n_correct = 0
    mixes: list[str] = []
    false_consistent: list[str] = []
    for ev, groups in ((k, v["groups"]) for k, v in gold["events"].items()):
        for c in checks.get(ev, []):
            members = _members(c, claim_outlet, claim_range)
            if len({m[0] for m in members}) < 2:
                continue
            n_checks += 1
            homes = [{g["id"] for g in groups if _in_group(m, g)} for m in members]
            common = set.intersection(*homes) if homes else set()
            kinds = {g["kind"] for g in groups for h in homes for gid in h if g["id"] == gid}
            if "background" in kinds and kinds & {"key", "extra"} and not common:
                mixes.append(f"{ev}: {c.about} {[m[2] for m in members]}")
            vals = [abs(m[2]) for m in members if m[2]]
            if c.status == "consistent" and vals and max(vals) > FALSE_CONSISTENT_FACTOR * min(vals):
                false_consistent.append(f"{ev}: {c.about} {[m[2] for m in members]}")
            ok = bool(common)
            n_correct += ok
            rows.append({"event": ev, "about": c.about, "status": c.status, "correct": ok,
                         "gold": sorted(common), "figures": [(m[0], m[2]) for m in members]})
            for gid in common:
                g = next(x for x in groups if x["id"] == gid)
                outlets = {m[0] for m in members if _in_group(m, g)}
                prev = found.get((ev, gid))
                if prev is None or len(outlets) > len(prev["outlets"]):
                    found[(ev, gid)] = {"outlets": outlets, "status": c.status, "about": c.about}
    groups_out = []
    for ev, spec in gold["events"].items():
        for g in spec["groups"]:
            f = found.get((ev, g["id"]))
            groups_out.append({
                "event": ev, "id": g["id"], "kind": g["kind"], "expected": g["status"],
                "found": f is not None, "status": f["status"] if f else None,
                "outlets": f"{len(f['outlets']) if f else 0}/{len(g['values'])}",
            })
    key = [g for g in groups_out if g["kind"] == "key"]
    scored = [g for g in groups_out if g["found"] and g["kind"] in ("key", "extra")]
    return {
        "checks": n_checks,
        "correct": n_correct,
        "precision": n_correct / n_checks if n_checks else 0.0,
        "key_found": sum(g["found"] for g in key),
        "key_total": len(key),
        "recall": sum(g["found"] for g in key) / len(key) if key else 0.0,
        "extra_found": sum(g["found"] for g in groups_out if g["kind"] == "extra"),
        "extra_total": sum(g["kind"] == "extra" for g in groups_out),
        "status_right": sum(g["status"] == g["expected"] for g in scored),
        "status_scored": len(scored),
        "background_mixes": mixes,
        "false_consistent": false_consistent,
        "groups": groups_out,
        "rows": rows,
    }


#: a "consistent" check whose figures are further apart than this factor is wrong whatever its qualifiers
FALSE_CONSISTENT_FACTOR = 2.0


def evaluate(benchdata: Path, workdir: Path, settings=None, nlp=None) -> dict:
    """Write the corpus, ingest it into a fresh SQLite store under ``workdir``, score the gold events' checks."""
    from ..config import load_settings
    from ..pipeline import ingest_paths
    from ..reconcile.align import outlet_name
    from ..store import open_store

    settings = settings or load_settings(environ={})
    files, meta, file_gold = write_corpus(benchdata, workdir / "docs")
    store = open_store(str(workdir / "ecb.db"))
    ingest_paths([str(workdir / "docs")], store, settings, meta=str(meta), nlp=nlp)
    checks = gold_event_checks(store, file_gold, settings)
    claim_outlet: dict[str, str] = {}
    claim_range: dict[str, tuple[float, float]] = {}
    for ev in store.list_events():
        for aid in ev.articles:
            art = store.get_article(aid)
            facts = store.get_facts(aid)
            ranges = {q.id: (q.low, q.high) for q in facts.quantities if q.low is not None and q.high is not None}
            for c in facts.claims:
                claim_outlet[c.id] = outlet_name(art)
                if c.quantity in ranges:
                    claim_range[c.id] = ranges[c.quantity]  # type: ignore[assignment]
    result = score_figure_checks(checks, load_figure_gold(), claim_outlet, claim_range)
    result["_checks"] = checks
    return result


def main(argv: list[str] | None = None) -> int:
    import argparse
    import sys
    import tempfile

    def say(line: str) -> None:
        sys.stdout.write(line + "\n")

    ap = argparse.ArgumentParser(description="Score the cross-check on the ECB+ corpus against the figure gold")
    ap.add_argument("benchdata", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true", help="print every cross-outlet figure check")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        r = evaluate(args.benchdata, Path(tmp))
    if args.verbose:
        for row in r["rows"]:
            say(("  ok " if row["correct"] else "  XX ") + f"{row['event']:11} {row['status']:13} {row['about'][:40]:40} "
                  f"{row['gold']} {row['figures']}")
    for g in r["groups"]:
        if g["kind"] != "background":
            mark = "ok" if g["found"] and g["status"] == g["expected"] else ("~~" if g["found"] else "--")
            say(f"{mark} {g['event']:11} {g['kind']:5} {g['id']:12} expected {g['expected']:13} got {g['status']} ({g['outlets']} outlets)")
    say(f"cross-outlet figure checks: {r['checks']}, correct {r['correct']} (precision {r['precision']:.2f})")
    say(f"key groups found {r['key_found']}/{r['key_total']} (recall {r['recall']:.2f}); extra {r['extra_found']}/{r['extra_total']}")
    say(f"status right {r['status_right']}/{r['status_scored']} of found key+extra groups")
    say(f"background mixed with the event's own figures: {len(r['background_mixes'])} {r['background_mixes']}")
    say(f"false 'consistent' (> x{FALSE_CONSISTENT_FACTOR:g} apart): {len(r['false_consistent'])} {r['false_consistent']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
