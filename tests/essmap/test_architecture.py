"""The layout the README's "Architecture" section describes is import-linter's contracts in
``pyproject.toml`` (``[tool.importlinter]``): apps depend on each other in one direction only
(territories a leaf, essmap the foundation naming apps only as strings), migrations run no
live app code, and no app has an import cycle between its modules. ``make lint`` runs them
(``lint-imports``); this runs them with the tests, so that ``make test`` fails on a broken
contract too."""

from pathlib import Path

import pytest
from importlinter.cli import lint_imports

# Uses no test database (its own files, subprocesses or none): `.ci/run` runs it once.
pytestmark = pytest.mark.engine_independent

ROOT = Path(__file__).resolve().parents[2]


def check(config, capsys):
    status = lint_imports(config_filename=str(config), no_cache=True, no_logo=True)
    return status, capsys.readouterr().out


def test_the_import_contracts_are_kept(capsys):
    status, report = check(ROOT / "pyproject.toml", capsys)
    assert status == 0, report


def test_a_broken_contract_fails(tmp_path, monkeypatch, capsys):
    """The check above can fail: a leaf importing the layer above it is reported."""
    for package, source in {"upper": "import leaf\n", "leaf": "import upper\n"}.items():
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text(source)
    config = tmp_path / ".importlinter"
    config.write_text(
        "[importlinter]\nroot_packages =\n    upper\n    leaf\n\n"
        "[importlinter:contract:layers]\nname = Layers\ntype = layers\n"
        "layers =\n    upper\n    leaf\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    status, report = check(config, capsys)
    assert status == 1
    assert "leaf is not allowed to import upper" in report
