"""Ingest throughput: iter_documents + to_article + Deduper on real news text wrapped as web pages.

Article texts come from the benchmark data (PolNeAR raw texts, ECB+ token files re-joined, CoNLL-2003
Reuters documents), wrapped into realistic HTML pages (navigation, cookie banner, ads, related links,
footer) in a temporary folder that is deleted afterwards: nothing is written into the repository.
Beside the full pipeline, trafilatura alone is timed on the same pages.

    python benchmarks/bench_ingest.py --n 2000
"""

from __future__ import annotations

import argparse
import html
import re
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from crosswire.config import load_settings
from crosswire.dedup.minhash import Deduper
from crosswire.errors import IngestError
from crosswire.eval.common import find_benchdata
from crosswire.ingest.common import IngestStats
from crosswire.ingest.sources import iter_documents
from crosswire.normalize.article import to_article

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="og:site_name" content="{site}"><meta name="author" content="{author}">
<meta property="article:published_time" content="{date}">
<link rel="canonical" href="https://{host}/news/{slug}"></head>
<body><header><a href="/">{site}</a><nav><ul><li><a href="/news">News</a></li><li><a href="/politics">Politics</a>
</li><li><a href="/business">Business</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all cookies</button></div>
<main><article><h1>{title}</h1><p class="byline">By {author}</p>
{paras}
</article>
<aside><h2>Related stories</h2><ul><li><a href="/a">Markets close higher</a></li><li><a href="/b">Weather warning issued</a></li></ul></aside>
</main><footer><p>&copy; {site}. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>
"""
SITES = ["The Daily Ledger", "Metro Courier", "Northern Herald", "Capital Tribune", "Harbor Times"]


def _polnear(root: Path) -> Iterator[tuple[str, str]]:
    for split in ("train", "dev"):
        for f in sorted((root / "polnear" / split / "text").glob("*.txt")):
            yield f.stem, f.read_text("utf-8", errors="replace")


def _ecbplus(root: Path) -> Iterator[tuple[str, str]]:
    for f in sorted((root / "ecbplus" / "ECB+_xml").rglob("*.xml")):
        try:
            tree = ET.parse(f)
        except ET.ParseError:
            continue
        sents: dict[int, list[str]] = {}
        for t in tree.getroot().iter("token"):
            sents.setdefault(int(t.get("sentence", 0)), []).append(t.text or "")
        paras = []
        for k in sorted(sents):
            s = " ".join(sents[k])
            s = re.sub(r" ([.,;:!?%')])", r"\1", s).replace("( ", "(").replace("`` ", '"').replace(" ''", '"')
            paras.append(s)
        yield f.stem, "\n\n".join(paras)


def _conll(root: Path) -> Iterator[tuple[str, str]]:
    for name in ("train.txt", "valid.txt"):
        f = root / "conll2003" / name
        if not f.is_file():
            continue
        doc: list[list[str]] = []
        sent: list[str] = []
        n = 0
        for line in f.read_text("utf-8", errors="replace").splitlines():
            if line.startswith("-DOCSTART-"):
                if doc:
                    n += 1
                    yield f"conll-{name}-{n}", "\n\n".join(" ".join(s) for s in doc)
                doc, sent = [], []
            elif not line.strip():
                if sent:
                    doc.append(sent)
                sent = []
            else:
                sent.append(line.split(" ")[0])
        if doc:
            yield f"conll-{name}-{n + 1}", "\n\n".join(" ".join(s) for s in doc)


def real_texts(n: int, root: Path | None = None) -> list[tuple[str, str]]:
    """Up to ``n`` (name, text) pairs of real news text from the benchmark data, at least 80 words each."""
    root = root or find_benchdata()
    out: list[tuple[str, str]] = []
    for source in (_polnear, _ecbplus, _conll):
        for name, text in source(root):
            if len(text.split()) >= 80:
                out.append((name, text))
            if len(out) >= n:
                return out
    return out


def write_pages(texts: list[tuple[str, str]], folder: Path) -> list[Path]:
    """One HTML page per text (first paragraph as title)."""
    paths = []
    for i, (name, text) in enumerate(texts):
        paras = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
        title = paras[0][:120]
        body = paras[1:] if len(paras) > 2 else paras
        ads = '<div class="ad">Advertisement</div>'
        parts = [f"<p>{html.escape(p)}</p>" for p in body]
        if len(parts) > 3:
            parts.insert(3, ads)
        site = SITES[i % len(SITES)]
        page = PAGE.format(
            title=html.escape(title), site=site, host=site.lower().replace(" ", "") + ".example",
            author="Staff Reporter", date=f"2016-0{1 + i % 9}-{10 + i % 18}T09:30:00+00:00",
            slug=re.sub(r"\W+", "-", name)[:60], paras="\n".join(parts),
        )
        p = folder / f"{i:05d}.html"
        p.write_text(page, "utf-8")
        paths.append(p)
    return paths


def run(n: int = 2000) -> list[dict]:
    """Build ``n`` pages, time trafilatura alone and the full ingest; one dict per measured row."""
    import warnings

    import trafilatura

    settings = load_settings()
    texts = real_texts(n)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="cw-bench-ingest-") as tmp:
        paths = write_pages(texts, Path(tmp))
        pages = [p.read_text("utf-8") for p in paths]
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            extracted = sum(
                1 for pg in pages
                if trafilatura.bare_extraction(pg, with_metadata=True, include_comments=False,
                                               include_tables=False) is not None)
        t_traf = time.perf_counter() - t0
        rows.append({"stage": "trafilatura.bare_extraction alone", "articles": extracted,
                     "seconds": round(t_traf, 2), "articles_per_s": round(extracted / t_traf, 1)})

        stats = IngestStats()
        dedup = Deduper(settings)
        ok = errors = dups = 0
        t_norm = t_dedup = 0.0
        t0 = time.perf_counter()
        for item in iter_documents([tmp], settings=settings, stats=stats):
            if isinstance(item, IngestError):
                errors += 1
                continue
            t1 = time.perf_counter()
            try:
                art = to_article(item, settings)
            except IngestError:
                errors += 1
                continue
            t2 = time.perf_counter()
            if dedup.add(art):
                dups += 1
            t3 = time.perf_counter()
            t_norm += t2 - t1
            t_dedup += t3 - t2
            ok += 1
        total = time.perf_counter() - t0
        rows.append({"stage": "iter_documents + to_article + Deduper", "articles": ok,
                     "seconds": round(total, 2), "articles_per_s": round(ok / total, 1),
                     "errors": errors, "duplicates": dups})
        rows.append({"stage": "  of which to_article", "articles": ok, "seconds": round(t_norm, 2),
                     "articles_per_s": round(ok / t_norm, 1) if t_norm else None})
        rows.append({"stage": "  of which Deduper.add", "articles": ok, "seconds": round(t_dedup, 2),
                     "articles_per_s": round(ok / t_dedup, 1) if t_dedup else None})
    return rows


def main() -> None:
    from rich.console import Console
    from rich.table import Table

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="number of pages (default 2000)")
    args = ap.parse_args()
    rows = run(args.n)
    table = Table(title=f"ingest throughput, {args.n} HTML pages of real news text")
    for col in ("stage", "articles", "seconds", "articles/s", "errors", "duplicates"):
        table.add_column(col, justify="left" if col == "stage" else "right")
    for r in rows:
        table.add_row(r["stage"], str(r["articles"]), str(r["seconds"]), str(r["articles_per_s"]),
                      str(r.get("errors", "")), str(r.get("duplicates", "")))
    Console().print(table)


if __name__ == "__main__":
    main()
