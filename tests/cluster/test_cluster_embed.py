"""The MiniLM embedder: loads the packaged model, scores paraphrases above unrelated text, reports bad paths."""

from __future__ import annotations

import numpy as np
import pytest

from crosswire.cluster.embed import Embedder, get_embedder
from crosswire.errors import ConfigError


def test_similar_sentences_score_higher_than_unrelated():
    emb = get_embedder()
    v = emb.embed(
        [
            "The two presidents spoke by telephone on Monday.",
            "The leaders held a phone call at the start of the week.",
            "A magnitude 6.1 earthquake struck western Indonesia.",
        ]
    )
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2
    assert v[0] @ v[1] > v[1] @ v[2] + 0.2


def test_batching_keeps_order_and_values():
    emb = get_embedder()
    texts = [f"Report number {i} about a {'storm' if i % 2 else 'trade deal'}." for i in range(40)]
    together = emb.embed(texts)
    alone = emb.embed([texts[7]])[0]
    assert np.allclose(together[7], alone, atol=1e-4)
    assert emb.embed([]).shape[0] == 0
    assert not emb.embed(["", "text"])[0].any()


def test_embedder_is_loaded_once():
    assert get_embedder() is get_embedder()


def test_missing_model_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError):
        Embedder(model_path=tmp_path / "nope.onnx")
    with pytest.raises(ConfigError):
        Embedder(tokenizer_path=tmp_path / "nope.json")
