"""The JSON export follows the contract (docs/export.md) and validates against the shipped schema."""

from __future__ import annotations

import copy
import io
import json

import pytest

from crosswire.errors import ExportError, NotFound
from crosswire.export import EXPORT_VERSION, export_json, load_schema, validate_export
from crosswire.export.json_export import FIELDS, SECTIONS
from crosswire.store import open_store


def export(store, **kw) -> dict:
    buf = io.StringIO()
    export_json(store, buf, **kw)
    return json.loads(buf.getvalue())


def test_full_export_follows_the_contract(store):
    doc = export(store)
    validate_export(doc)
    assert list(doc) == ["crosswire_export", *SECTIONS]
    assert doc["crosswire_export"] == EXPORT_VERSION == 1
    for section in SECTIONS:
        for rec in doc[section]:
            assert list(rec)[: len(FIELDS[section])] == list(FIELDS[section]), section
    assert [a["id"] for a in doc["articles"]] == ["a1", "a2", "a3"]
    a2 = doc["articles"][1]
    assert a2["published"] == "2026-02-04T10:00:00+08:00" and a2["published_from"] == "text"
    assert a2["byline"] == "Jane Doe" and a2["duplicate_of"] is None
    assert {e["id"] for e in doc["entities"]} == {"e-xi", "e-trump", "e-taiwan"}
    assert [e["id"] for e in doc["events"]] == ["ev-arms", "ev-call"]
    q = doc["quotes"][0]
    assert q["span"] == [55, 72] and q["speaker_entity"] == "e-trump" and q["direct"] is True
    assert store.get_article(q["article"]).text[q["span"][0] : q["span"][1]] == q["text"]
    assert {n["id"]: n["value"] for n in doc["quantities"]}["a3:n0"] == 11_100_000_000.0
    assert [d["precision"] for d in doc["dates"]] == ["day", None, "month"]
    claim = doc["claims"][0]
    assert (
        claim["event"] == "ev-call" and claim["modality"] == "agreed" and claim["attributed_to"] == "e-trump"
    )
    check = doc["checks"][0]
    assert check["status"] == "conflicting"
    assert check["values"] == [
        {"claim": "a1:c0", "value": 20000000.0, "unit": "t"},
        {"claim": "a2:c0", "value": 25000000.0, "unit": "t"},
    ]
    assert check["modalities"][1] == {"claim": "a2:c0", "modality": "committed"}
    assert doc["tracks"][0]["points"][1] == {
        "date": "2026-02-04",
        "value": 20000000.0,
        "claims": ["a1:c0"],
        "label": "current season",
    }


def test_added_fields_follow_the_contract_fields(store):
    doc = export(store)
    assert doc["articles"][0]["url"] == "https://example.org/1"  # a model field beyond the contract
    assert doc["quantities"][0]["approx"] is False


def test_event_narrows_everything(store):
    doc = export(store, event="ev-call")
    validate_export(doc)
    assert [a["id"] for a in doc["articles"]] == ["a1", "a2"]
    assert [e["id"] for e in doc["events"]] == ["ev-call"]
    assert {e["id"] for e in doc["entities"]} == {"e-xi", "e-trump"}
    xi = next(e for e in doc["entities"] if e["id"] == "e-xi")
    assert [lab["article"] for lab in xi["labels"]] == ["a2"]  # the a3 label is outside the event
    for section in ("quotes", "quantities", "dates", "claims"):
        assert {r["article"] for r in doc[section]} <= {"a1", "a2"}, section
    assert [n["id"] for n in doc["quantities"]] == ["a1:n0", "a2:n0"]
    assert [c["id"] for c in doc["checks"]] == ["k0"]
    assert [t["about"] for t in doc["tracks"]] == ["China's US soybean purchase commitment"]

    other = export(store, event="ev-arms")
    validate_export(other)
    assert [a["id"] for a in other["articles"]] == ["a3"]
    assert other["quotes"] == [] and other["claims"] == [] and other["tracks"] == []
    assert other["entities"] == []  # a3 mentions no linked entity
    assert [c["id"] for c in other["checks"]] == ["k1"]


def test_unknown_event(store):
    with pytest.raises(NotFound):
        export(store, event="ev-none")


def test_empty_store_exports_a_valid_document(tmp_path):
    s = open_store(str(tmp_path / "empty.db"))
    doc = export(s)
    s.close()
    validate_export(doc)
    assert all(doc[sec] == [] for sec in SECTIONS)


def test_output_is_streamed_record_by_record(store):
    class Recorder(io.StringIO):
        writes = 0

        def write(self, s):
            Recorder.writes += 1
            return super().write(s)

    buf = Recorder()
    export_json(store, buf)
    assert Recorder.writes > 20  # not one giant dump


def test_nan_is_refused_with_a_clear_error():
    from crosswire.export.json_export import _dump

    with pytest.raises(ExportError, match="NaN"):
        _dump({"value": float("nan")})


BROKEN = [
    (lambda d: d["articles"][1].update(published_from="guessed"), "$.articles[1].published_from"),
    (lambda d: d["articles"][0].pop("external_id"), "$.articles[0]"),
    (lambda d: d["quotes"][0].update(span=[1]), "$.quotes[0].span"),
    (lambda d: d["quantities"][2].update(value="11.1bn"), "$.quantities[2].value"),
    (lambda d: d["checks"][0].update(status="maybe"), "$.checks[0].status"),
    (lambda d: d["events"][0].update(date_precision="week"), "$.events[0].date_precision"),
    (lambda d: d["dates"][0].update(precision="fortnight"), "$.dates[0].precision"),
    (lambda d: d.update(crosswire_export=2), "$.crosswire_export"),
    (lambda d: d.pop("tracks"), "$"),
    (lambda d: d["articles"][2].update(published="Feb 4"), "$.articles[2].published"),
]


def test_broken_document_fails_with_its_path(store):
    doc = export(store)
    for mutate, path in BROKEN:
        bad = copy.deepcopy(doc)
        mutate(bad)
        with pytest.raises(ExportError) as info:
            validate_export(bad)
        assert f"at {path}:" in str(info.value), path
    validate_export(doc)  # the mutations did not touch the original


def test_schema_is_draft_2020_12_and_requires_the_contract_fields():
    from jsonschema import Draft202012Validator

    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    defs = schema["$defs"]
    names = {
        "articles": "article",
        "entities": "entity",
        "events": "event",
        "quotes": "quote",
        "quantities": "quantity",
        "dates": "date",
        "claims": "claim",
        "checks": "check",
        "tracks": "track",
        "event_refs": "eventRef",
    }
    for section, fields in FIELDS.items():
        d = defs[names[section]]
        assert set(d["required"]) == set(fields), section
        assert d["additionalProperties"] is True
        for f in fields:
            assert (
                "type" in d["properties"][f] or "enum" in d["properties"][f] or "$ref" in d["properties"][f]
            )
    assert defs["article"]["properties"]["published_from"]["enum"] == [
        "metadata",
        "text",
        "inferred",
        "unknown",
    ]
