"""The wheel carries every app of INSTALLED_APPS (pyproject.toml): .ci/wheel builds it and serves
pages from it, this is the quick check of the same rule, without building. The locks
(requirements/*.txt) hold every dependency pyproject.toml declares."""

import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest
from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

# Uses no test database (its own files, subprocesses or none): `.ci/run` runs it once.
pytestmark = pytest.mark.engine_independent

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
    assert apps
    assert apps <= packaged()


def test_migrations_are_packaged():
    migrations = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in ROOT.glob("*/migrations/__init__.py")
    }
    assert migrations
    assert migrations <= packaged()


def test_the_tests_are_not_packaged():
    assert not {name for name in packaged() if name.split(".")[0] == "tests"}


def pins(lock):
    """{name: version} of a requirements/*.txt lock."""
    found = {}
    for line in (ROOT / "requirements" / lock).read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)", line)
        if match:
            found[canonicalize_name(match[1])] = Version(match[2])
    return found


@pytest.mark.parametrize(
    ("lock", "group"),
    [("base.txt", "dependencies"), ("dev.txt", "dependencies"), ("dev.txt", "dev")],
)
def test_the_locks_follow_pyproject(lock, group):
    """A dependency added to pyproject.toml without `make lock` would be missing from make run's
    and CI's environment, which install the locks alone."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project[group] if group == "dependencies" else project["optional-dependencies"][group]
    locked = pins(lock)
    for requirement in map(Requirement, wanted):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} n'est pas dans requirements/{lock} : make lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"requirements/{lock} fixe {name} {locked[name]}, hors de « {requirement} » : make lock"
        )
