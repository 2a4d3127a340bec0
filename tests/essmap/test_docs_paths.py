"""Every repository path the documentation quotes exists: README.md, docs/*.md, and the
docstrings and comments of the project's Python files (its apps and tests).

What counts as a path (paths are written from the repository's root, in every file):

* **quoted**: the whole of a backtick span (`x` in Markdown, ``x`` in a docstring) that starts
  with one of ``TOP_LEVEL`` followed by ``/`` and holds only letters, digits, ``_ - . /`` and
  ``*``. It names a file, a folder when it ends with ``/``, or a glob that must match at least
  one file when it holds ``*``;
* **bare**: anywhere else in the text, a word that starts with one of ``TOP_LEVEL`` followed by
  ``/`` and ends with a file extension (``see bulk/fields.py.``): a file;
* **a Markdown link** ``[text](target)`` of README.md or docs/*.md that is not a web address or
  an anchor: a file or folder, relative to the Markdown file that holds it.

Not paths: a word that starts with ``/`` (a public address: `/programmes/`), ``..`` or ``:``
(``https://…/static/…``), or holds a placeholder (``<slug>``, ``…``) or a space; a path relative
to its own app (``templatetags/french.py`` inside essmap/); folders made at run time (``var/``,
``.venv/``), which are not in ``TOP_LEVEL``; the comments of migrations (a frozen record).
"""

import ast
import io
import re
import tokenize
from collections import defaultdict
from pathlib import Path

import pytest
from django.apps import apps

# Uses no test database (its own files, subprocesses or none): `.ci/run` runs it once.
pytestmark = pytest.mark.engine_independent

ROOT = Path(__file__).resolve().parents[2]

# The top-level folders of the repository a path may start with. Declared rather than read
# from the disk: when a folder moves (templates/ under essmap/, say), the references to its
# old place must fail here, not silently stop being checked.
TOP_LEVEL = (
    "essmap",
    "territories",
    "programmes",
    "search",
    "curation",
    "bulk",
    "suggestions",
    "orientation",
    "members",
    "self_service",
    "selection",
    "content",
    "benchmarks",
    "opendata",
    "alerts",
    "demand",
    "audience",
    "update_requests",
    "tests",
    "templates",
    "static",
    "fixtures",
    "docs",
    "tools",
    ".ci",
)

# Path-like words that are intentionally not files of this repository, with the reason.
NOT_PATHS = {}

# Written on other branches of issue 22 and linked from here already. Remove each name once
# its file is merged: the test fails while a name listed here exists, so the list only shrinks.
PENDING: set[str] = set()

_TOP = "|".join(re.escape(name) for name in TOP_LEVEL)
QUOTED = re.compile(r"`{1,2}([^`\n]+?)`{1,2}")
QUOTED_PATH = re.compile(rf"(?:{_TOP})/[\w.\-/*]*")
BARE_PATH = re.compile(rf"(?<![\w./:\-*<>…])((?:{_TOP})/[\w.\-/]*\.[A-Za-z0-9]+)(?![\w/\-*<>…])")
LINK = re.compile(r"\[[^\]\n]*\]\(([^)\s]+)\)")


def paths_in(text):
    """The repository paths a piece of text quotes, as written (folders end with ``/``)."""
    found = []
    for span in QUOTED.finditer(text):
        if QUOTED_PATH.fullmatch(span.group(1)):
            found.append(span.group(1))
    rest = QUOTED.sub(" ", text)
    found.extend(match.group(1) for match in BARE_PATH.finditer(rest))
    return found


def links_in(text):
    """The local targets of the Markdown links of ``text``, anchors dropped."""
    targets = []
    for match in LINK.finditer(text):
        target = match.group(1).split("#")[0]
        if target and not re.match(r"[a-z]+:", target):
            targets.append(target)
    return targets


def markdown_files():
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def python_files():
    """The project's Python files, migrations aside: a migration is a frozen record, whose
    comments name files as they were when it was written."""
    for name in TOP_LEVEL:
        folder = ROOT / name
        if folder.is_dir():
            yield from (p for p in sorted(folder.rglob("*.py")) if "migrations" not in p.parts)


def python_prose(path):
    """(line, text) of each docstring and comment of a Python file."""
    source = path.read_text()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                yield body[0].lineno, body[0].value.value


def quotations():
    """(path as written, where it is quoted, resolved path) of every quoted repository path."""
    for path in markdown_files():
        text = path.read_text()
        name = path.relative_to(ROOT)
        for number, line in enumerate(text.splitlines(), start=1):
            for quoted in paths_in(line):
                yield quoted, f"{name}:{number}", ROOT / quoted
            for target in links_in(line):
                resolved = (path.parent / target).resolve()
                yield target, f"{name}:{number} (lien)", resolved
    for path in python_files():
        name = path.relative_to(ROOT)
        for first_line, text in python_prose(path):
            for offset, line in enumerate(text.splitlines()):
                for quoted in paths_in(line):
                    yield quoted, f"{name}:{first_line + offset}", ROOT / quoted


def exists(quoted, resolved):
    if "*" in quoted:
        return any(ROOT.glob(quoted))
    if quoted.endswith("/"):
        return resolved.is_dir()
    return resolved.exists()


def test_every_quoted_path_exists():
    missing = defaultdict(list)
    for quoted, where, resolved in quotations():
        relative = resolved.relative_to(ROOT).as_posix() if resolved.is_relative_to(ROOT) else None
        if quoted in NOT_PATHS or relative in PENDING:
            continue
        if not exists(quoted, resolved):
            missing[relative or quoted].append(where)
    report = "\n".join(
        f"  {path}  ← {', '.join(places)}" for path, places in sorted(missing.items())
    )
    assert not missing, f"{len(missing)} chemin(s) cité(s) introuvable(s) :\n{report}"


def test_pending_documents_are_not_written_yet():
    written = sorted(name for name in PENDING if (ROOT / name).exists())
    assert not written, f"déjà présents, à retirer de PENDING : {', '.join(written)}"


def test_every_project_app_is_a_known_top_level_folder():
    """A new app's paths are checked too: its folder must be in TOP_LEVEL."""
    tops = {config.name.split(".")[0] for config in apps.get_app_configs()}
    local = {top for top in tops if (ROOT / top / "__init__.py").exists()}
    assert local <= set(TOP_LEVEL), sorted(local - set(TOP_LEVEL))


def test_the_docs_index_links_every_document():
    index = (ROOT / "docs" / "README.md").read_text()
    linked = {Path(target).name for target in links_in(index)}
    documents = {path.name for path in (ROOT / "docs").glob("*.md")} - {"README.md"}
    assert documents <= linked, sorted(documents - linked)


@pytest.mark.parametrize(
    ("text", "paths"),
    [
        ("voir `tests/conftest.py`", ["tests/conftest.py"]),
        ("``bulk/management/commands/`` et `fixtures/content/*.json`", None),
        ("(demand/middleware.py, see the docs)", ["demand/middleware.py"]),
        ("see bulk/fields.py.", ["bulk/fields.py"]),
        ("`/programmes/` et `/static/css/site.css`", []),
        ("https://essmap.example.fr/static/css/site.css", []),
        ("`templates/emails/<nom>-body.txt`, `tests/<application>/`", []),
        ("`var/mails/`, `.venv/bin/python`, `../shared/seeds/`", []),
        ("`templatetags/french.py`, `essmap.http.read_only`, search/documents", []),
        ("`make run`, `python manage.py migrate`", []),
    ],
)
def test_what_counts_as_a_path(text, paths):
    expected = ["bulk/management/commands/", "fixtures/content/*.json"] if paths is None else paths
    assert paths_in(text) == expected


def test_markdown_links():
    text = "[index](docs/README.md#haut), [site](https://example.fr/a.md), [haut](#haut)"
    assert links_in(text) == ["docs/README.md"]
