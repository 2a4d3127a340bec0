"""Every environment variable essmap reads is documented in docs/environment.md and listed in
.env.example: adding one without saying so fails here."""

import ast
import re
from pathlib import Path

from essmap.environment import RENAMED

ROOT = Path(__file__).resolve().parents[2]
# The files that read the environment, all through django-environ (essmap/environment.py).
READERS = ["essmap/environment.py", "essmap/settings.py", "essmap/gunicorn_conf.py"]
CASTS = {"str", "bool", "int", "float", "list", "tuple", "dict", "json", "path", "url", "db_url"}


def variables_read():
    names = set()
    for path in READERS:
        for node in ast.walk(ast.parse((ROOT / path).read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in CASTS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and re.fullmatch(r"[A-Z][A-Z0-9_]+", node.args[0].value)
            ):
                names.add(node.args[0].value)
    return names


def test_the_scan_finds_what_the_settings_read():
    names = variables_read()
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "SENTRY_DSN", "GUNICORN_BIND"} <= names
    assert len(names) >= 45


def test_settings_read_the_environment_only_through_django_environ():
    """Otherwise the scan above would miss a variable."""
    for path in READERS[1:]:
        text = (ROOT / path).read_text()
        assert "os.environ" not in text, path
        assert "getenv" not in text, path


def test_every_variable_is_documented_with_its_old_name():
    doc = (ROOT / "docs" / "environment.md").read_text()
    missing = sorted(name for name in variables_read() if f"| `{name}` |" not in doc)
    assert not missing, f"absentes de docs/environment.md : {missing}"
    for new, old in RENAMED.items():
        assert f"| `{old}` | `{new}` |" in doc


def test_every_variable_is_in_the_example_file():
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))
    missing = sorted(variables_read() - listed)
    assert not missing, f"absentes de .env.example : {missing}"
    assert not listed - variables_read(), "variables de .env.example que rien ne lit"
