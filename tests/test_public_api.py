"""The public API is small and explicit: changing it is a deliberate act (update this snapshot)."""

import crosswire

EXPECTED = {
    "Article", "ArticleFacts", "Check", "Claim", "CrosswireError", "DateExpr", "Entity", "Event", "Pipeline",
    "Quantity", "Quote", "RunReport", "Settings", "Track", "__version__", "ingest_paths", "ingest_records",
    "load_settings", "open_store",
}


def test_all_snapshot():
    assert set(crosswire.__all__) == EXPECTED


def test_all_names_exist():
    for name in crosswire.__all__:
        assert hasattr(crosswire, name), name
