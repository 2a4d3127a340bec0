"""The wheel carries every app of INSTALLED_APPS (pyproject.toml). .ci/wheel builds it and serves
pages from it; this is the quick check of the same rule, without building."""

import tomllib
from fnmatch import fnmatch
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def packaged():
    """The packages setuptools' find (pyproject's include and exclude patterns) gives."""
    find = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    include, exclude = find["find"].get("include", ["*"]), find["find"].get("exclude", [])
    names = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for top in ROOT.iterdir()
        if (top / "__init__.py").exists()
        for path in top.rglob("__init__.py")
    }
    return {
        name
        for name in names
        if any(fnmatch(name, p) for p in include) and not any(fnmatch(name, p) for p in exclude)
    }


def test_every_app_of_the_project_is_packaged():
    apps = {app for app in settings.INSTALLED_APPS if (ROOT / app / "__init__.py").exists()}
    assert apps and apps <= packaged()


def test_migrations_are_packaged():
    migrations = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in ROOT.glob("*/migrations/__init__.py")
    }
    assert migrations and migrations <= packaged()


def test_the_tests_are_not_packaged():
    assert not {name for name in packaged() if name.split(".")[0] == "tests"}
