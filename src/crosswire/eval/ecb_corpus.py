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
