"""Ingestion: every reader, the sample corpus, hostile inputs, metadata overrides."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest

from crosswire.config import load_settings
from crosswire.errors import EmptyInput, IngestError, UnsupportedInput
from crosswire.ingest.common import IngestStats
from crosswire.ingest.meta import load_meta
from crosswire.ingest.sources import iter_documents
from crosswire.ingest.text import parse_header
from crosswire.models import RawDocument
from crosswire.normalize.article import to_article

ING = Path(__file__).resolve().parents[1] / "data" / "ingest"


def _docs(items):
    return [i for i in items if isinstance(i, RawDocument)]


def _errs(items):
    return [i for i in items if isinstance(i, IngestError)]


@pytest.fixture
def sample_copy(tmp_path: Path, sample_dir: Path) -> Path:
    """The sample's five article files without its sources.json (text-only view)."""
    d = tmp_path / "sample"
    d.mkdir()
    for f in sample_dir.glob("*.txt"):
        shutil.copy(f, d)
    return d


# --- sample corpus ---------------------------------------------------------------------------------
def test_sample_text_headers_without_meta(sample_copy: Path):
    arts = {a.external_id: a for a in map(to_article, _docs(iter_documents([str(sample_copy)])))}
    assert len(arts) == 5
    gulf = arts["000_9e346072865a3c7c.txt"]
    assert (gulf.outlet, gulf.published, gulf.published_from) == ("Gulf Times", "2026-02-04", "text")
    assert gulf.text.startswith("China agreed to buy more US-farmed soybeans")
    assert "MENAFN" not in gulf.text
    assert "a “very positive” call" in gulf.text  # paste damage repaired
    oan = arts["001_b8be540f18eca976.txt"]
    assert oan.outlet == "OAN" and oan.byline == "Cory Hawkins and Brooke Mallory"
    assert (oan.published, oan.published_from) == ("2026-02-04", "text")
    assert oan.text.startswith("President Donald Trump described a Wednesday call")
    for leftover in ("Subscribe here", "Click here", "Sponsored Content", "2:32 PM"):
        assert leftover not in oan.text
    assert "Writer’s Note:" in oan.text  # real article text is kept
    assert oan.text.endswith("more stable bilateral relations.")
    asian = arts["002_57a376ad6c067051.txt"]
    assert asian.outlet == "AsianFin" and asian.text.startswith("U.S. President Donald Trump")
    assert "AI Generated Image" not in asian.text
    assert "Taiwan Question Takes Center Stage" in asian.text  # sub-headings are article text
    assert asian.published is None and asian.published_from == "unknown"  # never invented
    epoch = arts["003_cd19687c5c8d3638.txt"]
    assert epoch.title == "Trump Speaks With Xi by Phone, Predicts ‘Positive Results’ Through Presidential Term"
    assert epoch.text.startswith("President Donald Trump said he spoke")
    assert not epoch.text.startswith("NEWS")
    last = arts["004_cd40c5c6974a77d7.txt"]
    assert last.outlet is None and last.published is None and last.byline is None
    assert last.text.startswith("U.S. President Donald Trump said Chinese President Xi Jinping")
    for a in arts.values():
        assert a.language == "en" and a.language_flag is None
        assert "\n\n\n" not in a.text and a.text == a.text.strip()
        assert a.word_count > 300 and len(a.content_hash) == 40


def test_sample_folder_uses_sources_json(sample_dir: Path):
    stats = IngestStats()
    items = list(iter_documents([str(sample_dir)], stats=stats))
    assert not _errs(items)
    arts = {a.external_id: to_article(a) for a in _docs(items)}
    assert set(arts) == {p.name for p in sample_dir.glob("*.txt")}  # README and sources.json skipped
    assert stats.skipped["not an article: README.md"] == 1
    assert arts["001_b8be540f18eca976.txt"].outlet == "One America News"  # meta wins over "OAN"
    assert arts["002_57a376ad6c067051.txt"].published == "2025-11-25"
    assert all(a.published_from == "metadata" for a in arts.values())
    # null outlet in meta = unknown: it does not erase an outlet the text states, nor invent one
    assert arts["004_cd40c5c6974a77d7.txt"].outlet is None


def test_meta_null_keeps_text_outlet(tmp_path: Path, sample_dir: Path):
    f = tmp_path / "000.txt"
    shutil.copy(sample_dir / "000_9e346072865a3c7c.txt", f)
    meta = tmp_path / "m.json"
    meta.write_text(json.dumps({"000.txt": {"outlet": None, "published": "2026-02-05", "byline": "A. Writer"}}))
    [raw] = _docs(iter_documents([str(f)], meta=str(meta)))
    a = to_article(raw)
    assert a.outlet == "Gulf Times"  # from the dateline; null did not erase it
    assert (a.published, a.published_from, a.byline) == ("2026-02-05", "metadata", "A. Writer")


def test_meta_csv_and_list(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Storm closes schools across the region as rivers rise, officials say today.\n")
    csv_meta = tmp_path / "meta.csv"
    csv_meta.write_text("file,outlet,published,url\na.txt,Valley News,2024-03-05,https://v.example/a\n")
    [raw] = _docs(iter_documents([str(tmp_path)], meta=str(csv_meta)))
    assert (raw.outlet, raw.published, raw.url, raw.published_from) == (
        "Valley News", "2024-03-05", "https://v.example/a", "metadata")
    lst = tmp_path / "meta.json"
    lst.write_text(json.dumps([{"id": "a.txt", "author": "Jo Bloggs"}]))
    assert load_meta(lst).rows == {"a.txt": {"byline": "Jo Bloggs"}}
    bad = tmp_path / "bad.csv"
    bad.write_text("name_of_thing,outlet\nx,y\n")
    bad.rename(tmp_path / "bad.txt")
    with pytest.raises(IngestError, match="file/id column"):
        load_meta(tmp_path / "bad.txt")


# --- header rules beyond the sample -----------------------------------------------------------------
@pytest.mark.parametrize(
    "text, outlet, byline, published, title, body_start",
    [
        ("WASHINGTON (AP) — The Senate passed the bill on Tuesday by a vote of 68-32, sending it to the House.",
         "Associated Press", None, None, None, "The Senate passed"),
        ("BEIJING, Feb. 4 (Xinhua) -- Chinese President Xi Jinping held a phone call with his U.S. counterpart.",
         "Xinhua", None, None, None, "Chinese President"),
        ("LONDON, Feb 4, 2026 (Reuters) - British shares rose on Wednesday as miners gained.",
         "Reuters", None, "2026-02-04", None, "British shares"),
        ("NEW YORK — The mayor announced a hiring freeze for all city agencies on Monday.",
         None, None, None, None, "The mayor announced"),
        ("Quake kills 12 in coastal region\nBy Jane Doe | Reuters\nPublished: 4 February 2026\n"
         "Updated: 5 February 2026\nA magnitude 6.1 quake struck the coast on Tuesday, officials said.\n"
         "(Reporting by Jane Doe in Jakarta; Editing by John Smith)",
         "Reuters", "Jane Doe", "2026-02-04", "Quake kills 12 in coastal region", "A magnitude 6.1"),
        ("By JANE DOE, Associated Press\nFeb. 4, 2026 | 10:32 AM EST\nThe body of the article continues here.\n"
         "Copyright 2026 The Associated Press. All rights reserved.",
         "Associated Press", "Jane Doe", "2026-02-04T10:32:00-05:00", None, "The body"),
        ("Wed 4 Feb 2026 14.32 GMT\nThe Guardian body starts here with a long sentence that keeps going.",
         None, None, "2026-02-04T14:32:00+00:00", None, "The Guardian body"),
    ],
)
def test_header_rules(text, outlet, byline, published, title, body_start):
    h, body = parse_header(text)
    assert (h.outlet, h.byline, h.published, h.title) == (outlet, byline, published, title)
    assert body.startswith(body_start)
    assert "Reporting by" not in body and "Copyright" not in body


def test_header_does_not_eat_prose():
    text = "By the time rescuers arrived, the water had risen to the rooftops of 40 homes in the village.\nMore."
    h, body = parse_header(text)
    assert h.byline is None and body.startswith("By the time rescuers")


# --- HTML, feeds, JSONL ------------------------------------------------------------------------------
def test_html_page():
    [raw] = _docs(iter_documents([str(ING / "harbor_fire.html")]))
    a = to_article(raw)
    assert a.outlet == "Calder Valley Courier" and a.byline == "Maria Okafor"
    assert a.title == "Fire at Port Calder warehouse forces evacuation of 300 residents"
    assert a.url == "https://courier.example.org/news/2025/09/16/port-calder-warehouse-fire"
    assert (a.published, a.published_from) == ("2025-09-16T07:45:00+01:00", "metadata")
    assert a.text.startswith("About 300 people were moved")
    assert '"Nobody was hurt' in a.text
    for junk in ("Advertisement", "Related stories", "cookies", "All rights reserved", "Subscribe"):
        assert junk not in a.text


def test_html_without_main_text_is_error():
    items = list(iter_documents([str(ING / "index_page.html")]))
    [err] = items
    assert isinstance(err, EmptyInput) and "index_page.html" in str(err) and "no main article text" in str(err)


def test_rss_and_atom():
    items = list(iter_documents([str(ING / "courier_feed.rss"), str(ING / "wire_feed.atom")]))
    docs = {d.external_id: d for d in _docs(items)}
    budget = to_article(docs["courier-2025-0917-budget"])
    assert budget.outlet == "Calder Valley Courier - News" and budget.byline == "Tom Reyes"
    assert budget.published == "2025-09-17T18:20:00+01:00"
    assert budget.text.count("\n\n") == 2 and "£4.2m" in budget.text  # content:encoded beats summary
    derby = to_article(docs["courier-2025-0916-derby"])
    assert derby.text.startswith("Calder Town beat Marsh Rovers 2-1")
    rates = to_article(docs["urn:northbridge:2025-11-03:rates"])
    assert (rates.outlet, rates.byline, rates.published) == ("Northbridge Wire", "Ines Vidal", "2025-11-03T11:30:00+00:00")
    assert rates.url == "https://wire.example.net/2025/11/03/rates-hold"
    rail = to_article(docs["urn:northbridge:2025-11-02:rail"])
    assert rail.published == "2025-11-02T06:10:00+01:00"
    [err] = _errs(items)  # the photo gallery entry has no text
    assert err.record == "courier-gallery-autumn" and "courier_feed.rss" in str(err)


def test_jsonl(tmp_path: Path):
    f = tmp_path / "batch.jsonl"
    rows = [
        json.dumps({"id": "a1", "text": "Flooding closed the main road into the town on Friday, police said.",
                    "outlet": "Valley News", "published": "2024-03-05T09:00:00Z", "title": "Road closed"}),
        "{not json",
        json.dumps({"id": "a3", "title": "no text here"}),
        "",
        json.dumps({"text": "A second article about the harvest festival drawing large crowds this weekend."}),
    ]
    f.write_text("\n".join(rows) + "\n")
    items = list(iter_documents([str(f)]))
    docs, errs = _docs(items), _errs(items)
    assert [d.external_id for d in docs] == ["a1", f"{f}#5"]
    assert docs[0].published_from == "metadata" and to_article(docs[0]).published == "2024-03-05T09:00:00+00:00"
    assert [e.record for e in errs] == ["line 2", "line 3"]
    assert "not valid JSON" in errs[0].reason and "`text`" in errs[1].reason
    assert all(str(f) in str(e) for e in errs)


def test_stdin_sniffs_format():
    page = (ING / "harbor_fire.html").read_bytes()
    [raw] = _docs(iter_documents(["-"], stdin=io.BytesIO(page)))
    assert raw.kind == "html" and raw.outlet == "Calder Valley Courier"
    [raw] = _docs(iter_documents(["-"], stdin=io.BytesIO(b"By Jane Doe\nThe river burst its banks overnight.\n")))
    assert raw.kind == "text" and raw.byline == "Jane Doe"


# --- WARC --------------------------------------------------------------------------------------------
def _write_warc(path: Path, *, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        url = "https://courier.example.org/news/2025/09/16/port-calder-warehouse-fire"
        req = StatusAndHeaders("GET /news HTTP/1.1", [("Host", "courier.example.org")], is_http_request=True)
        w.write_record(w.create_warc_record(url, "request", http_headers=req))
        html = (ING / "harbor_fire.html").read_bytes()
        hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=hh))
        ih = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://courier.example.org/img/fire.png", "response",
                                            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(64)), http_headers=ih))
        w.write_record(w.create_warc_record(url, "metadata", payload=io.BytesIO(b"via: test"),
                                            warc_content_type="application/warc-fields"))


@pytest.mark.parametrize("gz", [False, True])
def test_warc(tmp_path: Path, gz: bool):
    f = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _write_warc(f, gz=gz)
    stats = IngestStats()
    items = list(iter_documents([str(f)], stats=stats))
    assert not _errs(items)
    [raw] = _docs(items)
    assert raw.kind == "warc" and raw.outlet == "Calder Valley Courier"
    assert raw.external_id == "https://courier.example.org/news/2025/09/16/port-calder-warehouse-fire"
    assert to_article(raw).text.startswith("About 300 people")
    assert stats.skipped["warc:request"] == 1
    assert stats.skipped["warc:response:image/png"] == 1
    assert stats.skipped["warc:metadata"] == 1
    assert stats.documents == 1 and stats.files == 1


@pytest.mark.parametrize("gz", [False, True])
def test_warc_streams_from_the_file(tmp_path: Path, gz: bool, monkeypatch: pytest.MonkeyPatch):
    """A WARC file is read record by record from disk, never whole: no whole-file read, no whole-file size
    limit (``max_file_bytes`` bounds one record instead), and the reads warcio makes stay small."""
    import crosswire.ingest.sources as sources
    from crosswire.ingest.warc import iter_warc

    f = tmp_path / ("big.warc.gz" if gz else "big.warc")
    _write_warc(f, gz=gz)
    one = f.read_bytes()
    with open(f, "ab") as fh:  # 40 copies of the crawl: 40 articles (same URL, so the same id: dedup's job)
        for _ in range(39):
            fh.write(one)
    size = f.stat().st_size

    def no_whole_reads(*a: object, **k: object) -> bytes:
        raise AssertionError("a WARC file must not be read whole")

    monkeypatch.setattr(sources, "read_limited", no_whole_reads)
    html_size = len((ING / "harbor_fire.html").read_bytes())
    settings = load_settings(environ={}, ingest={"max_file_bytes": max(html_size + 1, size // 8)})
    stats = IngestStats()
    items = list(iter_documents([str(f)], settings=settings, stats=stats))
    assert not _errs(items) and len(_docs(items)) == 40 and stats.skipped["warc:request"] == 40

    class Counting(io.RawIOBase):
        """A file that records the largest single read asked of it."""

        def __init__(self, raw: io.BufferedReader) -> None:
            self.raw, self.largest = raw, 0

        def readable(self) -> bool:
            return True

        def readinto(self, b: bytearray) -> int:  # type: ignore[override]
            self.largest = max(self.largest, len(b))
            data = self.raw.read(len(b))
            b[: len(data)] = data
            return len(data)

    with open(f, "rb") as raw:
        counting = Counting(raw)
        assert len(_docs(list(iter_warc(counting, source=str(f))))) == 40  # type: ignore[arg-type]
    assert counting.largest < size // 4

    # a response body over the per-record limit is skipped and counted, the rest of the file still read
    small = IngestStats()
    tiny = load_settings(environ={}, ingest={"max_file_bytes": 1000})
    items = list(iter_documents([str(f)], settings=tiny, stats=small))
    assert not _docs(items) and not _errs(items)
    assert small.skipped["warc:response:too large"] == 40 and small.skipped["warc:response:image/png"] == 40


# --- hostile inputs ----------------------------------------------------------------------------------
def test_hostile_folder(tmp_path: Path):
    d = tmp_path / "pile"
    d.mkdir()
    good = "The harbour reopened on Thursday after a two-day closure, the port authority said in a statement."
    (d / "good.txt").write_text(good)
    (d / "cafe_latin1.txt").write_bytes("Le café de la gare a rouvert jeudi après deux ans de travaux, "
                                        "selon le maire.".encode("latin-1"))
    (d / "empty.txt").write_text("  \n\n ")
    (d / "binary.txt").write_bytes(bytes(range(256)))
    (d / "garbage.txt").write_bytes(bytes(range(0x80, 0x100)) * 2)
    (d / "truncated.jsonl.gz").write_bytes(gzip.compress(json.dumps({"text": good}).encode() * 50)[:60])
    (d / "broken.rss").write_text("<?xml version='1.0'?><rss><channel><title>x</title><item><ti")
    warc = tmp_path / "ok.warc"
    _write_warc(warc, gz=False)
    data = warc.read_bytes()
    second = data.index(b"WARC/1.", 10)  # cut the response record's header apart
    (d / "broken.warc").write_bytes(data[:second] + b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999\r\n"
                                    b"\r\n<html>")
    (d / "lines.jsonl").write_text('{"text": "' + good + '"}\n[1, 2]\n{"text": ""}\n')
    (d / ".hidden.txt").write_text(good)
    big = d / "big.txt"
    big.write_text(good * 10)
    settings = load_settings(ingest={"max_file_bytes": 900})
    items = list(iter_documents([str(d)], settings=settings))
    docs, errs = _docs(items), _errs(items)
    assert sorted(Path(x.source).name for x in docs) == ["cafe_latin1.txt", "good.txt", "lines.jsonl"]
    assert to_article([x for x in docs if x.source.endswith("cafe_latin1.txt")][0]).text.startswith("Le café")
    by_file: dict[str, list[IngestError]] = {}
    for e in errs:
        by_file.setdefault(Path(e.source).name, []).append(e)
    assert set(by_file) == {"empty.txt", "binary.txt", "garbage.txt", "truncated.jsonl.gz", "broken.rss",
                            "broken.warc", "lines.jsonl", "big.txt"}
    assert isinstance(by_file["empty.txt"][0], EmptyInput)
    assert isinstance(by_file["binary.txt"][0], UnsupportedInput)
    assert "undecodable" in by_file["garbage.txt"][0].reason
    assert "truncated gzip" in by_file["truncated.jsonl.gz"][0].reason
    assert "malformed" in by_file["broken.rss"][0].reason
    assert by_file["broken.warc"][0].record.startswith("record 2")
    assert sorted(e.record for e in by_file["lines.jsonl"]) == ["line 2", "line 3"]
    assert "max_file_bytes" in str(by_file["big.txt"][0])
    for e in errs:  # every error says how to fix it
        assert e.hint


def test_missing_path_is_an_error_item(tmp_path: Path):
    [err] = list(iter_documents([str(tmp_path / "nope.txt")]))
    assert isinstance(err, IngestError) and "no such file" in err.reason


# --- normalization -----------------------------------------------------------------------------------
def test_non_english_flagged_not_dropped():
    [raw] = _docs(iter_documents([str(ING / "bourse_fr.html")]))
    a = to_article(raw)
    assert a.language == "fr" and a.language_flag == "non-english"
    assert "CAC 40" in a.text


def test_boilerplate_kept_sentences():
    raw = RawDocument(source="t", external_id="t", text=(
        "Photo: Jane Doe/Reuters\n"
        "Officials said readers who subscribe to the agency's newsletter were warned first, and photos "
        "of the damage were shared widely on social media.\n"
        "Read more: Why the dam failed\n"
        "Share this article\n"
        "Leave a comment\n"
        "Advertisement\n"
        "The photo agency said it would not comment."))
    a = to_article(raw)
    assert a.text.split("\n\n") == [
        "Officials said readers who subscribe to the agency's newsletter were warned first, and photos of "
        "the damage were shared widely on social media.",
        "The photo agency said it would not comment."]


def test_hard_wrapped_text_reflowed_and_dates_not_invented():
    text = ("The council met on Tuesday to discuss the new budget for the coming\n"
            "year, which includes cuts to library opening hours and a rise in\n"
            "parking charges across the town centre, officials confirmed.\n\n"
            "A second paragraph follows.")
    a = to_article(RawDocument(source="t", external_id="t", text=text, published="March 5"))
    assert a.text.split("\n\n")[0].endswith("officials confirmed.") and "\n" not in a.text.split("\n\n")[0]
    assert a.published is None and a.published_from == "unknown"


def test_empty_after_cleanup():
    with pytest.raises(EmptyInput):
        to_article(RawDocument(source="t", external_id="t", text="Advertisement\nShare\n"))


def test_jsonl_keeps_line_separators_inside_strings():
    from crosswire.ingest.jsonl import iter_jsonl

    text = '{"id": "a", "text": "First paragraph\\u2028still the same record about a port strike."}\r\n{"id": "b", "text": "Second."}\n'
    text = text.replace("\\u2028", "\u2028")
    docs = list(iter_jsonl(text, source="x.jsonl"))
    assert [d.external_id for d in docs] == ["a", "b"]
    assert "\u2028" in docs[0].text
