"""Docs tests keep the surface honest: the CLI reference is generated and current, every setting is documented."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_current():
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_cli_docs.py"), "--check"], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_every_command_option_has_help():
    text = (ROOT / "docs" / "cli.md").read_text()
    empty = [line for line in text.splitlines() if line.startswith("| `") and line.rstrip().endswith("|  |")]
    assert not empty, empty


def test_readme_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_setting_is_in_the_defaults_file():
    from crosswire.config import DEFAULTS_PATH, Settings

    text = DEFAULTS_PATH.read_text()
    for section, model in Settings.model_fields.items():
        assert f"[{section}]" in text, section
        for key in model.annotation.model_fields:
            assert f"\n{key} =" in text, f"{section}.{key} missing from defaults.toml"


def test_lint_is_clean():
    """`make lint` stays green: ruff over src, tests and benchmarks (skipped only when ruff is not installed)."""
    import shutil

    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        import pytest

        pytest.skip("ruff is not installed (it comes with the dev extras)")
    res = subprocess.run([ruff, "check", "src", "tests", "benchmarks"], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout[-3000:]
