"""Scripts run by hand to rebuild committed fixtures from upstream packages; nothing at run time
imports them (``pyproject.toml``'s import contracts keep them above every app), and the package
that ``pip install`` builds leaves them out.

- ``python -m tools.build_territory_fixtures``:
  ``essmap/fixtures/territories/france/*.csv.gz`` (every territory of
  metropolitan France and the DROM, with centre points and areas);
- ``python -m tools.build_departement_map``: ``essmap/fixtures/maps/departements.json`` (the SVG
  outlines of the coverage map).

Standard library only, no Django and no database: each is a set of pure functions (parsing,
projection, simplification; unit-tested in ``tests/tools/``) and a ``main()``.
"""

import argparse
import sys
from pathlib import Path

# Where the default inputs and outputs are (essmap/fixtures/…): the checkout holding this folder.
REPOSITORY = Path(__file__).resolve().parents[1]


class BuildError(Exception):
    """An input a build cannot use: said on one line, exit status 2."""


def command_line(description, add_arguments, build, argv=None):
    """Parse ``argv``, run ``build(options, stdout, stderr)`` and return the exit status."""
    parser = argparse.ArgumentParser(description=description)
    add_arguments(parser)
    options = vars(parser.parse_args(argv))

    def stdout(line):
        print(line, file=sys.stdout)

    def stderr(line):
        print(line, file=sys.stderr)

    try:
        build(options, stdout, stderr)
    except BuildError as error:
        stderr(f"error: {error}")
        return 2
    return 0
